/**
 * CSV formula injection (issue 11, point 4): every CSV export neutralises a cell
 * a spreadsheet would evaluate (`=`, `+`, `-` unless a number, `@`, tab, CR) by
 * a leading single quote. The escaping function against a hand-written table and
 * a property, then an item described `=HYPERLINK(...)` through every CSV export
 * route (count sheet, differences report, valued inventory) on both dialects.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseCell, stringifyCsv } from '../../src/core/csv.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, seedInventoryFixture } from '../inventory/support.ts';

const EVIL = '=HYPERLINK("http://x","y")';

describe('neutraliseCell (pure)', () => {
  it('matches a hand-written table', () => {
    const table: [string, string][] = [
      ['', ''],
      ['Articol A', 'Articol A'],
      ['MAIN', 'MAIN'],
      [EVIL, `'${EVIL}`],
      ['=1+2', "'=1+2"],
      ['+1+2', "'+1+2"],
      ['-1+2', "'-1+2"],
      ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
      ['\t=1', "'\t=1"],
      ['\r=1', "'\r=1"],
      ['-', "'-"],
      ['+', "'+"],
      ['-cmd|\' /C calc\'!A0', "'-cmd|' /C calc'!A0"],
      ['-2.000', '-2.000'],
      ['-22.00', '-22.00'],
      ['-2,000', '-2,000'], // the Romanian CSV style's decimal comma
      ['+5', '+5'],
      ['44.00', '44.00'],
      ['0', '0'],
      ['-1e5', "'-1e5"], // not a plain decimal: quoted (harmless either way)
      ['-.5', "'-.5"],
      ['a=b', 'a=b'],
      [' =1', ' =1'], // a leading space is not evaluated by spreadsheets
      ["'=1", "'=1"],
      ['Șurub', 'Șurub'],
    ];
    for (const [input, expected] of table) expect(neutraliseCell(input), JSON.stringify(input)).toBe(expected);
  });

  it('only ever adds a quote, and leaves no cell starting with a trigger unless a signed number', () => {
    const trigger = (s: string) => /^[=+\-@\t\r]/.test(s);
    const signedNumber = (s: string) => /^[+-][0-9]+([.,][0-9]+)?$/.test(s);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('=', '+', '-', '@', '\t', '\r').chain((c) => fc.string().map((s) => c + s))), (s) => {
        const out = neutraliseCell(s);
        expect(out === s || out === `'${s}`).toBe(true);
        expect(out !== s).toBe(trigger(s) && !signedNumber(s));
        expect(trigger(out) && !signedNumber(out)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('the written CSV reads back as the neutralised cells', () => {
    const text = stringifyCsv([['a', EVIL, '-2.000', 'x,"y"\n']]);
    expect(parse(text)).toEqual([['a', `'${EVIL}`, '-2.000', 'x,"y"\n']]);
  });
});

for (const dialect of dialects) {
  describe(`CSV exports carry no formulas [${dialect}]`, () => {
    let api: TestApi;
    let inventory: number;
    let list: number;

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      await api.store.db.updateTable('items').set({ description: EVIL }).where('code', '=', 'A').execute();
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-03-01', lines: [{ item: 'A', quantity: '10', unitCost: '10' }] }), 201);
      const inv = await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1' }, { as: 'supervisor' });
      expectStatus(inv, 201);
      inventory = inv.body.id;
      const l = await api.call('POST', `/api/inventories/${inventory}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' });
      expectStatus(l, 201);
      list = l.body.id;
      expectStatus(await api.call('POST', `/api/lists/${list}/lines`, { item: 'A', quantity: '8' }, { as: 'counter' }), 201);
    });
    afterAll(async () => api.close());

    const csvOf = async (url: string, lang: 'ro' | 'en') => {
      const r = await api.call('GET', url, undefined, { as: 'supervisor', lang });
      expectStatus(r, 200);
      expect(r.headers['content-type']).toMatch(/^text\/csv/);
      expect(r.text).not.toMatch(/(^|[,;\n])"?=HYPERLINK/);
      return parse(r.text, { bom: true, delimiter: lang === 'ro' ? ';' : ',' }) as string[][];
    };

    for (const lang of ['ro', 'en'] as const) {
      it(`count sheet (${lang})`, async () => {
        const rows = await csvOf(`/api/lists/${list}/count-sheet?format=csv`, lang);
        const a = rows.find((r) => r[2] === 'A')!;
        expect(a[3]).toBe(`'${EVIL}`);
      });

      it(`differences report (${lang}): the description quoted, the negative difference a number`, async () => {
        const rows = await csvOf(`/api/inventories/${inventory}/differences/report?format=csv&stockDate=2026-03-10`, lang);
        const a = rows.find((r) => r[1] === 'A')!;
        expect(a[2]).toBe(`'${EVIL}`);
        const n = (x: string) => (lang === 'ro' ? x.replace('.', ',') : x);
        expect(a.slice(10, 13)).toEqual(['8.000', '10.000', '-2.000'].map(n));
        expect(a[15]).toBe(n('-20.00'));
      });

      it(`valued inventory (${lang})`, async () => {
        const rows = await csvOf('/api/reports/valued-inventory?date=2026-03-10&format=csv', lang);
        const n = (x: string) => (lang === 'ro' ? x.replace('.', ',') : x);
        expect(rows).toContainEqual(['A', `'${EVIL}`, 'buc', ...['10.000', '10.00000', '100.00'].map(n)]);
      });
    }
  });
}

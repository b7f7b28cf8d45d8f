/**
 * Issue 18 (SPEC §12): the yearly documents after posting, the imputable
 * value per storekeeper, the posted difference per key and the yearly
 * columns of the differences report — on both databases, through HTTP,
 * against figures by hand.
 *
 * MAIN, 2026 (as test/inventory/compensation.test.ts): PLU/MIN, CPL/CMN for
 * compensation, PER allowed loss, IMP imputable; proposed cost average.
 * Worked example C (group G = X, Y, Z; X 0.1 % of 2,000 issued) plus group
 * G2 = P, Q with a positive value difference, W a plain surplus and N
 * counted without difference:
 *   X −10 @ 5: compensated 6 (30.00), allowed 2 (10.00), imputable 2 (10.00)
 *   Y  −4 @ 8: imputable 4 (32.00)
 *   Z  +6 @ 6: compensated 6 (36.00)
 *   P  +3 @ 2: compensated 3 (6.00)
 *   Q  −5 @ 7: compensated 3 (21.00), imputable 2 (14.00) — allowances apply in
 *              MAIN (shortages exceed surpluses), Q has no percentage
 *   W  +2 @ 4: posted with PLU, 8.00
 *   N   0 @ 3 (average at the stock date)
 * G: value difference 30 − 36 = −6.00; G2: 21 − 6 = +15.00, imputable.
 * Surpluses 36 + 6 + 8 = 50.00; shortages 50 + 32 + 35 = 117.00 = compensated
 * 51.00 + allowed 10.00 + imputable 56.00 + other 0.00; imputable in all
 * 56.00 + 15.00 = 71.00.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { pdfPages, roMoney, RO_MONEY } from '../helpers/pdf-text.ts';
import { expectStatus } from './support.ts';
import { seedInventoryFixture } from './support.ts';

const D = '2026-03-10';

/** every money figure of the text, in order */
const figures = (pages: string[]) => (pages.join('\n').match(RO_MONEY) ?? []).map(roMoney);

for (const dialect of dialects) {
  describe(`yearly inventory after posting, imputable per storekeeper, posted difference [${dialect}]`, () => {
    let api: TestApi;
    let id: number;

    const download = async (url: string, lang: 'ro' | 'en' = 'ro') => {
      const r = await api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${api.tokens.viewer}`, 'accept-language': lang } });
      expect(r.statusCode, r.body).toBe(200);
      return r;
    };
    const csvOf = (body: string): string[][] => parse(body.replace(/^\ufeff/, ''), { relax_column_count: true });
    /** the documents: list CSV and XLSX bytes aside, the list's and the proces-verbal's PDF text */
    async function documents() {
      return {
        listCsv: (await download(`/api/inventories/${id}/inventory-list?format=csv`, 'en')).body,
        listPdf: await pdfPages((await download(`/api/inventories/${id}/inventory-list?format=pdf`)).rawPayload),
        pv: await pdfPages((await download(`/api/inventories/${id}/report?format=pdf`)).rawPayload),
      };
    }
    const label = (pages: string[], l: string) => {
      const m = new RegExp(`${l.replace(/[()]/g, '\\$&')}: (\\S+)`).exec(pages.join('\n'));
      expect(m, l).not.toBeNull();
      return roMoney(m![1]);
    };

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      const db = api.store.db;
      for (const code of ['X', 'Y', 'Z', 'P', 'Q', 'W', 'N']) await db.insertInto('items').values({ code, description: `Articol ${code}`, uom: 'buc', stock_account: '371' }).execute();
      for (const [code, name] of [['E3', 'Ștefan Țăranu'], ['E4', 'Ana Bîrlă']]) expectStatus(await api.call('POST', '/api/employees', { code, name, active: true }), 201);
      const main = (await db.selectFrom('warehouses').select('id').where('code', '=', 'MAIN').executeTakeFirstOrThrow()).id;
      for (const [code, type] of [['CPL', 'load'], ['CMN', 'unload'], ['PER', 'unload'], ['IMP', 'unload']] as const) {
        await db.insertInto('templates').values({ warehouse_id: main, code, description: code, type, proposed_cost: 'average', physical_inventory: 1 }).execute();
      }
      expectStatus(
        await api.call('PUT', '/api/stock-difference-params/MAIN', {
          loadTemplate: 'PLU', unloadTemplate: 'MIN', compensationLoadTemplate: 'CPL', compensationUnloadTemplate: 'CMN', allowanceTemplate: 'PER', imputableTemplate: 'IMP',
        }),
        200,
      );
      expectStatus(await api.call('POST', '/api/confusion-groups', { year: 2026, code: 'G', items: ['X', 'Y', 'Z'] }), 201);
      expectStatus(await api.call('POST', '/api/confusion-groups', { year: 2026, code: 'G2', items: ['P', 'Q'] }), 201);
      expectStatus(await api.call('PUT', '/api/loss-allowances', { items: [{ item: 'X', pct: '0.1' }] }), 200);
      const lines = [['X', '2020', '5'], ['Y', '10', '8'], ['Z', '4', '6'], ['P', '10', '2'], ['Q', '10', '7'], ['W', '10', '4'], ['N', '5', '3']];
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-01-05', lines: lines.map(([item, quantity, unitCost]) => ({ item, quantity, unitCost })) }), 201);
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'VAN', date: '2026-02-01', lines: [{ item: 'X', quantity: '2000' }] }), 201);
      const inv = await api.call('POST', '/api/inventories', { date: D, operator: 'E1' }, { as: 'supervisor' });
      id = inv.body.id;
      const l = await api.call('POST', `/api/inventories/${id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' });
      for (const [item, quantity] of [['X', '10'], ['Y', '6'], ['Z', '10'], ['P', '13'], ['Q', '5'], ['W', '12'], ['N', '5']]) {
        expectStatus(await api.call('POST', `/api/lists/${l.body.id}/lines`, { item, quantity }, { as: 'supervisor' }), 201);
      }
    });
    afterAll(async () => api?.close());

    let before: Awaited<ReturnType<typeof documents>>;

    it('the preview: the posted difference per key, the imputable value per storekeeper (none before the commission)', async () => {
      const v = (await api.call('GET', `/api/inventories/${id}/differences`, undefined, { as: 'viewer' })).body;
      expect(v.rows.map((r: any) => [r.item, r.difference, r.compensated, r.allowedLoss, r.imputable, r.postedDifference, r.postedDifferenceValue])).toEqual([
        ['N', '0.000', '0.000', '0.000', '0.000', '0.000', '0.00'],
        ['P', '3.000', '3.000', '0.000', '0.000', '0.000', '0.00'],
        ['Q', '-5.000', '3.000', '0.000', '2.000', '0.000', '0.00'],
        ['W', '2.000', '0.000', '0.000', '0.000', '2.000', '8.00'],
        ['X', '-10.000', '6.000', '2.000', '2.000', '0.000', '0.00'],
        ['Y', '-4.000', '0.000', '0.000', '4.000', '0.000', '0.00'],
        ['Z', '6.000', '6.000', '0.000', '0.000', '0.000', '0.00'],
      ]);
      expect(v.totals).toMatchObject({ surplusValue: '50.00', shortageValue: '117.00', compensatedValueDifference: '9.00', allowedLossValue: '10.00', imputableValue: '71.00' });
      expect(v.totals.imputableByStorekeeper).toEqual([{ employee: null, name: null, warehouse: 'MAIN', value: '71.00' }]);
      expect(v.groups.map((g: any) => [g.group, g.valueDifference, g.imputable])).toEqual([['G2', '15.00', '15.00'], ['G', '-6.00', '0.00']]);

      const commission = { decisionNumber: '7', decisionDate: '2026-03-01', president: 'E3', members: ['E4'], storekeepers: [{ warehouse: 'MAIN', employee: 'E2' }] };
      expectStatus(await api.call('PUT', `/api/inventories/${id}/commission`, commission, { as: 'supervisor' }), 200);
      const again = (await api.call('GET', `/api/inventories/${id}/differences`, undefined, { as: 'viewer' })).body;
      expect(again.totals.imputableByStorekeeper).toEqual([{ employee: 'E2', name: 'Maria Ionescu', warehouse: 'MAIN', value: '71.00' }]);
    });

    it('the differences report shows the yearly columns and totals, read back from the CSV', async () => {
      const rows = csvOf((await download(`/api/inventories/${id}/differences/report?format=csv`, 'en')).body);
      const h = rows[0];
      expect(h.slice(-8)).toEqual(['Compensated', 'Compensated value', 'Allowed loss', 'Allowed loss value', 'Imputable', 'Imputable value', 'Posted difference', 'Posted difference value']);
      const col = (name: string) => h.indexOf(name);
      const byItem = new Map(rows.slice(1).map((r) => [r[1], r]));
      const pick = (item: string) => ['Compensated', 'Compensated value', 'Allowed loss', 'Allowed loss value', 'Imputable', 'Imputable value', 'Posted difference', 'Posted difference value'].map((c) => byItem.get(item)![col(c)]);
      expect(pick('X')).toEqual(['6.000', '30.00', '2.000', '10.00', '2.000', '10.00', '0.000', '0.00']);
      expect(pick('Q')).toEqual(['3.000', '21.00', '0.000', '0.00', '2.000', '14.00', '0.000', '0.00']);
      expect(pick('W')).toEqual(['0.000', '0.00', '0.000', '0.00', '0.000', '0.00', '2.000', '8.00']);
      const total = (l: string) => rows.find((r) => r[0] === l)![h.indexOf('Value')];
      expect([total('Compensation value difference'), total('Total allowed loss (value)'), total('Total imputable (value)')]).toEqual(['9.00', '10.00', '71.00']);
    });

    it('the proces-verbal before posting: a draft whose shortage lines add up, the imputable value per storekeeper by name', async () => {
      before = await documents();
      const pv = before.pv;
      const flat = pv.join('\n').replace(/\s+/g, ' ');
      expect(flat).toContain('Situația: proiect (rezultatele nu sunt încă înregistrate)');
      const shortage = label(pv, 'Lipsuri constatate (valoare)');
      const parts = ['din care compensate cu plusuri (valoare)', 'din care în limita perisabilităților (valoare)', 'din care imputabile (valoare)', 'din care alte lipsuri (valoare)'].map((l) => label(pv, l));
      expect([shortage, ...parts]).toEqual([11700n, 5100n, 1000n, 5600n, 0n]);
      expect(parts.reduce((a, b) => a + b, 0n)).toBe(shortage);
      expect(label(pv, 'Plusuri constatate (valoare)')).toBe(5000n);
      expect(label(pv, 'Compensări pentru risc de confuzie (diferență valorică)')).toBe(900n);
      expect(label(pv, 'Diferență de valoare pozitivă din compensare, imputabilă (neînregistrată)')).toBe(1500n);
      expect(label(pv, 'Total de imputat')).toBe(7100n);
      expect(label(pv, 'Imputabil gestionarului Maria Ionescu (E2), gestiunea MAIN')).toBe(7100n);
      expect(flat).toContain('Lipsurile imputabile, în valoare de 71,00 lei');
      // the list: N at its average cost 3.00, book 5, counted 5
      const n = csvOf(before.listCsv).find((r) => r[3] === 'N')!;
      expect(n.slice(5, 14)).toEqual(['5.000', '5.000', '0.000', '0.000', '3.00000', '15.00', '15.00', '0.00', '0.00']);
    });

    it('after posting the documents come from the posted results: the same figures, then unchanged by a back-dated record', async () => {
      expectStatus(await api.call('POST', `/api/inventories/${id}/differences`, { postingDate: D }, { as: 'supervisor' }), 201);
      // the preview refuses a posted inventory; the documents do not
      expectStatus(await api.call('GET', `/api/inventories/${id}/differences`, undefined, { as: 'viewer' }), 409);
      const after = await documents();
      expect(after.listCsv).toBe(before.listCsv);
      expect(figures(after.listPdf)).toEqual(figures(before.listPdf));
      expect(figures(after.pv)).toEqual(figures(before.pv));
      const flat = after.pv.join('\n').replace(/\s+/g, ' ');
      expect(flat).toContain('Situația: rezultate înregistrate la 10.03.2026');
      expect(flat).not.toContain('proiect');
      expect(after.pv.join('\n')).toContain('Imputabil gestionarului Maria Ionescu (E2), gestiunea MAIN: 71,00');
      const en = (await pdfPages((await download(`/api/inventories/${id}/report?format=pdf`, 'en')).rawPayload)).join('\n').replace(/\s+/g, ' ');
      expect(en).toContain('Status: results posted on');

      // a purchase of X and of Q back-dated before the stock date changes today's book stock and average cost, not the signed documents
      const late = await api.call('POST', '/api/records', {
        warehouse: 'MAIN', template: 'CAR', date: '2026-02-15', lines: [{ item: 'X', quantity: '7', unitCost: '11' }, { item: 'Q', quantity: '1', unitCost: '1' }],
      });
      expectStatus(late, 201);
      const later = await documents();
      expect(later.listCsv).toBe(before.listCsv);
      expect(figures(later.listPdf)).toEqual(figures(before.listPdf));
      expect(figures(later.pv)).toEqual(figures(before.pv));
      const x = csvOf(later.listCsv).find((r) => r[3] === 'X')!;
      expect(x.slice(5, 14)).toEqual(['20.000', '10.000', '0.000', '10.000', '5.00000', '100.00', '50.00', '0.00', '50.00']);
    });
  });
}

/**
 * SPEC §12 end to end on both databases, through HTTP: confusion groups,
 * natural-loss allowances and the four optional stock difference templates;
 * the differences preview splits each row into compensated, allowed-loss and
 * imputable parts, and the posting writes them with their templates, so with
 * their accounts (journal, SPEC §9). Figures by hand.
 *
 * MAIN, 2026: templates PLU (STOCK/607) and MIN (607/STOCK) as usual, CPL
 * (STOCK/607) and CMN (607/STOCK) for compensation, PER (6588/STOCK) for
 * allowed losses, IMP (4282/STOCK) for imputable shortages. Every item on
 * stock account 371; proposed cost: average.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, refused, seedInventoryFixture } from './support.ts';

const D = '2026-03-10';

for (const dialect of dialects) {
  describe(`compensation, allowances and imputable shortages [${dialect}]`, () => {
    let api: TestApi;
    afterEach(async () => api?.close());

    async function setup(items: string[]) {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      const db = api.store.db;
      for (const code of items) await db.insertInto('items').values({ code, description: `Articol ${code}`, uom: 'buc', stock_account: '371' }).execute();
      const main = (await db.selectFrom('warehouses').select('id').where('code', '=', 'MAIN').executeTakeFirstOrThrow()).id;
      await db.updateTable('templates').set({ debit_account: 'STOCK', credit_account: '607' }).where('warehouse_id', '=', main).where('code', '=', 'PLU').execute();
      await db.updateTable('templates').set({ debit_account: '607', credit_account: 'STOCK' }).where('warehouse_id', '=', main).where('code', '=', 'MIN').execute();
      for (const [code, type, debit, credit] of [
        ['CPL', 'load', 'STOCK', '607'],
        ['CMN', 'unload', '607', 'STOCK'],
        ['PER', 'unload', '6588', 'STOCK'],
        ['IMP', 'unload', '4282', 'STOCK'],
      ] as const) {
        await db
          .insertInto('templates')
          .values({ warehouse_id: main, code, description: code, type, proposed_cost: 'average', physical_inventory: 1, debit_account: debit, credit_account: credit })
          .execute();
      }
    }
    const params = (extra: object = {}) => api.call('PUT', '/api/stock-difference-params/MAIN', { loadTemplate: 'PLU', unloadTemplate: 'MIN', ...extra });
    const allYearly = { compensationLoadTemplate: 'CPL', compensationUnloadTemplate: 'CMN', allowanceTemplate: 'PER', imputableTemplate: 'IMP' };
    async function purchase(lines: [string, string, string][], date = '2026-01-05') {
      const r = await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date, lines: lines.map(([item, quantity, unitCost]) => ({ item, quantity, unitCost })) });
      expectStatus(r, 201);
    }
    async function sale(item: string, quantity: string, date: string) {
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'VAN', date, lines: [{ item, quantity }] }), 201);
    }
    async function inventory(counts: [string, string][], date = D) {
      const inv = (await api.call('POST', '/api/inventories', { date, operator: 'E1' }, { as: 'supervisor' })).body;
      const l = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' });
      expectStatus(l, 201);
      for (const [item, quantity] of counts) expectStatus(await api.call('POST', `/api/lists/${l.body.id}/lines`, { item, quantity }, { as: 'supervisor' }), 201);
      return inv.id as number;
    }
    const preview = async (id: number, date = D) => {
      const r = await api.call('GET', `/api/inventories/${id}/differences?processingDate=${date}`, undefined, { as: 'viewer' });
      expectStatus(r, 200);
      return r.body;
    };
    const split = (body: any) =>
      body.rows.map((r: any) => [r.item, r.confusionGroup, r.difference, r.unitCost, r.compensated, r.compensatedValue, r.allowedLoss, r.allowedLossValue, r.imputable, r.imputableValue]);
    const post = async (id: number, date = D) => {
      const r = await api.call('POST', `/api/inventories/${id}/differences`, { processingDate: date, postingDate: date }, { as: 'supervisor' });
      expectStatus(r, 201);
      return r.body;
    };
    const recordLines = (body: any) => body.records.map((r: any) => [r.template, r.lines.map((m: any) => `${m.item} ${m.quantity} @ ${m.unitCost} = ${m.amount}`)]);
    async function journal(body: any) {
      const out: [string, string, string, string][] = [];
      for (const rec of body.records) {
        const j = await api.call('GET', `/api/journal?record=${rec.id}`);
        expectStatus(j, 200);
        for (const l of j.body.items) out.push([rec.template, l.debitAccount, l.creditAccount, l.amount]);
      }
      return out;
    }
    const stock = async (item: string) => (await api.call('GET', `/api/stock?date=${D}&warehouse=MAIN&item=${item}`)).body.rows.map((r: any) => r.quantity);

    it('master data rules: one group per item and year, percentages 0–100 with 4 decimals, item or group; admin writes, audited', async () => {
      await setup(['X', 'Y']);
      expectStatus(await api.call('POST', '/api/confusion-groups', { year: 2026, code: 'G', items: ['X'] }), 201);
      const clash = await api.call('POST', '/api/confusion-groups', { year: 2026, code: 'H', items: ['Y', 'X'] }, { lang: 'ro' });
      expectStatus(clash, 409, 'INV_ERR_CONFUSION_GROUP_ITEM');
      expect(clash.body.detail).toMatch(/grupa de confuzie/);
      // another year may group it again
      const next = await api.call('POST', '/api/confusion-groups', { year: 2027, code: 'G', items: ['X', 'Y'] });
      expectStatus(next, 201);
      expect((await api.call('GET', '/api/confusion-groups?year=2027', undefined, { as: 'viewer' })).body.items.map((g: any) => [g.code, g.items])).toEqual([['G', ['X', 'Y']]]);
      expectStatus(await api.call('POST', '/api/confusion-groups', { year: 2027, code: 'G2', items: ['A'] }, { as: 'supervisor' }), 403);
      expectStatus(await api.call('DELETE', `/api/confusion-groups/${next.body.id}`), 204);
      expectStatus(await api.call('PUT', '/api/loss-allowances', { items: [{ item: 'X', pct: '100.0001' }] }), 400, 'INV_ERR_VALIDATION');
      expectStatus(await api.call('PUT', '/api/loss-allowances', { items: [{ item: 'X', pct: '0.12345' }] }), 400, 'INV_ERR_VALIDATION');
      expectStatus(await api.call('PUT', '/api/loss-allowances', { items: [{ item: 'X', itemGroup: 'F', pct: '1' }] }), 400, 'INV_ERR_VALIDATION');
      expectStatus(await api.call('PUT', '/api/loss-allowances', { items: [{ item: 'NOPE', pct: '1' }] }), 404, 'INV_ERR_NOT_FOUND');
      const put = await api.call('PUT', '/api/loss-allowances', { items: [{ item: 'X', pct: '0.1250' }, { itemGroup: 'Fructe', pct: '100' }] });
      expectStatus(put, 200);
      expect(put.body).toEqual({ items: [{ item: 'X', itemGroup: null, pct: '0.1250' }, { item: null, itemGroup: 'Fructe', pct: '100.0000' }] });
      const audit = await api.call('GET', '/api/audit?entity=lossAllowance');
      expect(audit.body.items.length).toBe(1);
    });

    it('worked example C: compensation, allowed loss, imputable shortage; posted with their templates and accounts', async () => {
      await setup(['X', 'Y', 'Z']);
      expectStatus(await params(allYearly), 200);
      const g = await api.call('POST', '/api/confusion-groups', { year: 2026, code: 'G', description: 'Risc de confuzie', items: ['Z', 'X', 'Y'] });
      expectStatus(g, 201);
      expect(g.body).toMatchObject({ year: 2026, code: 'G', items: ['X', 'Y', 'Z'] });
      expectStatus(await api.call('PUT', '/api/loss-allowances', { items: [{ item: 'X', pct: '0.1' }] }), 200);
      // X: 2,020 bought, 2,000 issued since 1 January → book 20; Y 10 @ 8; Z 4 @ 6
      await purchase([['X', '2020', '5'], ['Y', '10', '8'], ['Z', '4', '6']]);
      await sale('X', '2000', '2026-02-01');
      const id = await inventory([['X', '10'], ['Y', '6'], ['Z', '10']]);

      const v = await preview(id);
      expect(split(v)).toEqual([
        ['X', 'G', '-10.000', '5.00000', '6.000', '30.00', '2.000', '10.00', '2.000', '10.00'],
        ['Y', 'G', '-4.000', '8.00000', '0.000', '0.00', '0.000', '0.00', '4.000', '32.00'],
        ['Z', 'G', '6.000', '6.00000', '6.000', '36.00', '0.000', '0.00', '0.000', '0.00'],
      ]);
      expect(v.totals).toMatchObject({
        surplusValue: '36.00',
        shortageValue: '82.00',
        compensatedValueDifference: '-6.00',
        allowedLossValue: '10.00',
        imputableValue: '42.00',
        imputableByWarehouse: [{ warehouse: 'MAIN', value: '42.00' }],
      });
      expect(v.groups).toEqual([{ warehouse: 'MAIN', group: 'G', surplus: '6.000', shortage: '14.000', compensated: '6.000', valueDifference: '-6.00', imputable: '0.00' }]);

      const p = await post(id);
      expect(recordLines(p)).toEqual([
        ['CPL', ['Z 6.000 @ 6.00000 = 36.00']],
        ['CMN', ['X -6.000 @ 5.00000 = -30.00']],
        ['PER', ['X -2.000 @ 5.00000 = -10.00']],
        ['IMP', ['X -2.000 @ 5.00000 = -10.00', 'Y -4.000 @ 8.00000 = -32.00']],
      ]);
      expect(await journal(p)).toEqual([
        ['CPL', '371', '607', '36.00'],
        ['CMN', '607', '371', '30.00'],
        ['PER', '6588', '371', '10.00'],
        ['IMP', '4282', '371', '42.00'],
      ]);
      // book stock equals the count
      expect([await stock('X'), await stock('Y'), await stock('Z')]).toEqual([['10.000'], ['6.000'], ['10.000']]);
    });

    it('a positive compensated value difference is imputable; a missing compensation template refuses the posting', async () => {
      await setup(['P', 'Q']);
      expectStatus(await params(), 200);
      expectStatus(await api.call('POST', '/api/confusion-groups', { year: 2026, code: 'G2', items: ['P', 'Q'] }), 201);
      await purchase([['P', '10', '2'], ['Q', '10', '7']]);
      // P +3 @ 2.00 (6.00) compensates Q −3 @ 7.00 (21.00): 15.00 imputable; Q −2 (14.00) stays a plain shortage
      const id = await inventory([['P', '13'], ['Q', '5']]);
      const v = await preview(id);
      expect(split(v)).toEqual([
        ['P', 'G2', '3.000', '2.00000', '3.000', '6.00', '0.000', '0.00', '0.000', '0.00'],
        ['Q', 'G2', '-5.000', '7.00000', '3.000', '21.00', '0.000', '0.00', '0.000', '0.00'],
      ]);
      expect(v.groups).toEqual([{ warehouse: 'MAIN', group: 'G2', surplus: '3.000', shortage: '5.000', compensated: '3.000', valueDifference: '15.00', imputable: '15.00' }]);
      expect(v.totals).toMatchObject({ compensatedValueDifference: '15.00', allowedLossValue: '0.00', imputableValue: '15.00', imputableByWarehouse: [{ warehouse: 'MAIN', value: '15.00' }] });

      const r = await refused(api, 422, 'INV_ERR_STOCK_DIFF_PARAM_MISSING', () =>
        api.call('POST', `/api/inventories/${id}/differences`, { processingDate: D, postingDate: D }, { as: 'supervisor', lang: 'en' }),
      );
      expect(r.body.detail ?? r.body.title).toMatch(/compensationLoadTemplate/);
      expectStatus(await params(allYearly), 200);
      const p = await post(id);
      expect(recordLines(p)).toEqual([
        ['CPL', ['P 3.000 @ 2.00000 = 6.00']],
        ['MIN', ['Q -2.000 @ 7.00000 = -14.00']],
        ['CMN', ['Q -3.000 @ 7.00000 = -21.00']],
      ]);
      expect(await journal(p)).toEqual([
        ['CPL', '371', '607', '6.00'],
        ['MIN', '607', '371', '14.00'],
        ['CMN', '607', '371', '21.00'],
      ]);
      expect([await stock('P'), await stock('Q')]).toEqual([['13.000'], ['5.000']]);
    });

    it('allowances are not applied when the surpluses exceed the shortages in value; the period starts after the previous inventory', async () => {
      await setup(['X', 'W']);
      expectStatus(await params(allYearly), 200);
      // the item group (merchandise category) gives the percentage
      await api.store.db.updateTable('items').set({ merchandise_category: 'Fructe' }).where('code', '=', 'X').execute();
      expectStatus(await api.call('PUT', '/api/loss-allowances', { items: [{ itemGroup: 'Fructe', pct: '1' }] }), 200);
      await purchase([['X', '1000', '5'], ['W', '10', '6']]);
      await sale('X', '400', '2026-02-01');
      // X −2 @ 5.00 = 10.00 against W +3 @ 6.00 = 18.00: no allowance, a plain shortage
      const first = await inventory([['X', '598'], ['W', '13']], '2026-02-15');
      const v = await preview(first, '2026-02-15');
      expect(split(v)).toEqual([
        ['W', null, '3.000', '6.00000', '0.000', '0.00', '0.000', '0.00', '0.000', '0.00'],
        ['X', null, '-2.000', '5.00000', '0.000', '0.00', '0.000', '0.00', '0.000', '0.00'],
      ]);
      expect(v.totals).toMatchObject({ allowedLossValue: '0.00', imputableValue: '0.00' });
      expect(recordLines(await post(first, '2026-02-15'))).toEqual([
        ['PLU', ['W 3.000 @ 6.00000 = 18.00']],
        ['MIN', ['X -2.000 @ 5.00000 = -10.00']],
      ]);
      // after it: 100 more issued (the 400 of 02-01 are before the previous inventory) → allowance 1 % × 100 = 1
      await sale('X', '100', '2026-03-01');
      const second = await inventory([['X', '495']]);
      expect(split(await preview(second))).toEqual([['X', null, '-3.000', '5.00000', '0.000', '0.00', '1.000', '5.00', '2.000', '10.00']]);
      expect(recordLines(await post(second))).toEqual([
        ['PER', ['X -1.000 @ 5.00000 = -5.00']],
        ['IMP', ['X -2.000 @ 5.00000 = -10.00']],
      ]);
    });
  });
}

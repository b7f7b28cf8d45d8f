/** Inventory rules beyond the main flow: costs, refusals that leave the inventory open, list behaviours. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnitCost } from '../../src/core/decimal.ts';
import { proposedCosts } from '../../src/inventory/book.ts';
import type { ProposedCost } from '../../src/valuation/proposed-cost.ts';
import { inTransaction } from '../../src/inventory/common.ts';
import { unitCostAt } from '../../src/valuation/item-cost.ts';
import { storedClosingHistory } from '../../src/valuation/closing/history-source.ts';
import { runClosing } from '../../src/valuation/closing/close.ts';
import { SYSTEM_ACTOR } from '../../src/core/context.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, refused, seedInventoryFixture } from './support.ts';

for (const dialect of dialects) {
  describe(`inventory rules [${dialect}]`, () => {
    let api: TestApi;
    const ids: Record<string, number> = {};

    async function record(warehouse: string, template: string, date: string, lines: object[]) {
      const r = await api.call('POST', '/api/records', { warehouse, template, date, lines });
      expectStatus(r, 201);
      return r.body;
    }
    async function inventory(date: string, lists: [string, string, string][]) {
      const inv = (await api.call('POST', '/api/inventories', { date, operator: 'E1' }, { as: 'supervisor' })).body;
      const out = [];
      for (const [listType, employee, warehouse] of lists) {
        const l = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType, employee, warehouse }, { as: 'supervisor' });
        expectStatus(l, 201);
        out.push(l.body);
      }
      return { inv, lists: out };
    }
    const count = (list: number, body: object, as: 'supervisor' | 'counter' = 'supervisor') => api.call('POST', `/api/lists/${list}/lines`, body, { as });

    beforeAll(async () => {
      api = await openTestApi(dialect);
      const f = await seedFixture(api.store);
      Object.assign(ids, f.items);
      await seedInventoryFixture(api.store);
      // a ledger with every kind of cost line: loads on cost-updating templates, a zero-quantity cost line,
      // an unload, a non-fiscal item, loads in both warehouses
      await record('MAIN', 'CAR', '2026-02-01', [
        { item: 'A', quantity: '10', unitCost: '10' },
        { item: 'B', quantity: '3', unitCost: '7.12345' },
        { item: 'NF', quantity: '5', unitCost: '2' },
        { item: 'VAR', variant: 'RED', quantity: '6', unitCost: '1.5' },
      ]);
      await record('MAIN', 'ZER', '2026-02-02', [{ item: 'A', quantity: '0', amount: '7.77' }]);
      await record('MAIN', 'VAN', '2026-02-03', [{ item: 'A', quantity: '4' }]);
      await record('SHOP', 'CAR', '2026-02-04', [
        { item: 'A', quantity: '5', unitCost: '20' },
        { item: 'B', quantity: '2', unitCost: '1' },
      ]);
      await record('MAIN', 'CAR', '2026-02-10', [{ item: 'A', quantity: '1', unitCost: '13.33333' }]);
    });
    afterAll(async () => api.close());

    it('computes proposed costs in bulk exactly as unitCostAt and the registry do', async () => {
      const store = api.store;
      // Σ quantity × unit cost of BIG is beyond 64 bits: the database sum gives way to exact bigints
      ids.BIG = (await store.db.insertInto('items').values({ code: 'BIG', description: 'Mare', uom: 'kg', standard_cost: UnitCost.parse('9.5')!, sale_price: UnitCost.parse('20')! }).returning('id').executeTakeFirstOrThrow()).id;
      await record('MAIN', 'CAR', '2026-02-01', [{ item: 'BIG', quantity: '90000000', unitCost: '99999.99999' }]);
      await record('SHOP', 'CAR', '2026-02-04', [{ item: 'BIG', quantity: '3', unitCost: '0.00001' }]);
      for (const perWarehouse of [0, 1]) {
        await store.db.updateTable('year_params').set({ value_per_warehouse: perWarehouse }).where('year', '=', 2026).execute();
        for (const date of ['2026-01-15', '2026-02-02', '2026-02-05', '2026-03-01']) {
          const requests: { itemId: number; warehouseId: number; how: ProposedCost }[] = [];
          for (const item of ['A', 'B', 'NF', 'VAR', 'LOT', 'BIG']) {
            for (const wh of [1, 2]) for (const how of ['average', 'last', 'standard', 'salePrice', 'none'] as ProposedCost[]) requests.push({ itemId: ids[item], warehouseId: wh, how });
          }
          const costOf = await inTransaction(store, (trx) => proposedCosts(trx, store, requests, date), 'read');
          for (const r of requests) {
            const scope = { itemId: r.itemId, warehouseId: perWarehouse ? r.warehouseId : undefined };
            const expected =
              r.how === 'none'
                ? UnitCost.zero
                : r.how === 'standard' || r.how === 'salePrice'
                  ? UnitCost.parse(r.how === 'standard' ? '9.5' : '20')!
                  : await unitCostAt(store.db, scope, date, r.how, storedClosingHistory);
            expect(UnitCost.format(costOf(r)), `${JSON.stringify(r)} ${date} perWarehouse=${perWarehouse}`).toBe(UnitCost.format(expected));
          }
        }
      }
      await store.db.updateTable('year_params').set({ value_per_warehouse: 0 }).where('year', '=', 2026).execute();
    });

    it('uses each warehouse’s templates and their proposed costs (SHOP: surplus at last cost, shortage at standard cost)', async () => {
      const { inv, lists } = await inventory('2026-02-20', [['STD', 'E1', 'SHOP']]);
      // costs are per item (value-per-warehouse off): A's last cost is MAIN's load of 02-10
      expectStatus(await count(lists[0].id, { item: 'A', quantity: '6' }), 201); // book 5: surplus 1 at last cost 13.33333
      expectStatus(await count(lists[0].id, { item: 'B', quantity: '0' }), 201); // book 2: shortage 2 at standard 9.5
      const r = await api.call('GET', `/api/inventories/${inv.id}/differences`, undefined, { as: 'supervisor' });
      expect(r.body.rows.map((x: any) => [x.item, x.difference, x.template, x.templateType, x.unitCost, x.value])).toEqual([
        ['A', '1.000', 'PLU', 'load', '13.33333', '13.33'],
        ['B', '-2.000', 'MIN', 'unload', '9.50000', '-19.00'],
      ]);
      await api.call('PUT', `/api/inventories/${inv.id}`, { closed: true }, { as: 'supervisor' });
    });

    it('refuses differences in a warehouse without stock difference parameters (422)', async () => {
      const { inv, lists } = await inventory('2026-02-20', [['STD', 'E1', 'SHOP']]);
      expectStatus(await count(lists[0].id, { item: 'A', quantity: '1' }), 201);
      const params = await api.store.db.selectFrom('stock_difference_params').selectAll().execute();
      await api.store.db.deleteFrom('stock_difference_params').where('warehouse_id', '=', params[1].warehouse_id).execute();
      const r = await refused(api, 422, 'INV_ERR_NO_STOCK_DIFF_PARAMS', () => api.call('GET', `/api/inventories/${inv.id}/differences`, undefined, { as: 'supervisor', lang: 'ro' }));
      expect(r.body.detail).toBe('Gestiunea SHOP nu are parametri ai diferențelor de inventar (șabloane de încărcare și descărcare)');
      await refused(api, 422, 'INV_ERR_NO_STOCK_DIFF_PARAMS', () => api.call('POST', `/api/inventories/${inv.id}/differences`, { postingDate: '2026-02-20' }, { as: 'supervisor' }));
      expect((await api.call('GET', `/api/inventories/${inv.id}`)).body.closed).toBe(false);
      await api.store.db.insertInto('stock_difference_params').values(params[1]).execute();
      await api.call('PUT', `/api/inventories/${inv.id}`, { closed: true }, { as: 'supervisor' });
    });

    it('a post refused for negative stock or a closed period writes nothing and leaves the inventory open', async () => {
      const { inv, lists } = await inventory('2026-02-25', [['STD', 'E1', 'MAIN']]);
      // B: book 3, counted 0 → unload 3 on 02-25; a later sale of 2 on 02-27 would then go negative
      expectStatus(await count(lists[0].id, { item: 'B', quantity: '0' }), 201);
      await record('MAIN', 'VAN', '2026-02-27', [{ item: 'B', quantity: '2' }]);
      const neg = await refused(api, 422, 'INV_ERR_NEGATIVE_STOCK', () =>
        api.call('POST', `/api/inventories/${inv.id}/differences`, { postingDate: '2026-02-25' }, { as: 'supervisor' }),
      );
      expect(neg.body.detail).toContain('-2.000');
      await api.store.db.updateTable('year_params').set({ period_start: '2026-03-01' }).where('year', '=', 2026).execute();
      await refused(api, 409, 'INV_ERR_PERIOD_CLOSED', () => api.call('POST', `/api/inventories/${inv.id}/differences`, { postingDate: '2026-02-28' }, { as: 'supervisor' }));
      await api.store.db.updateTable('year_params').set({ period_start: '2026-01-01' }).where('year', '=', 2026).execute();
      const still = (await api.call('GET', `/api/inventories/${inv.id}`)).body;
      expect(still).toMatchObject({ closed: false, postedAt: null });
      // posting after the sale: the shortage is what the count says at the stock date, posted when it is covered
      await api.call('PUT', `/api/lines/${(await api.call('GET', `/api/lists/${lists[0].id}/lines`)).body.items[0].id}`, { quantity: '2' });
      const ok = await api.call('POST', `/api/inventories/${inv.id}/differences`, { postingDate: '2026-02-25' }, { as: 'supervisor' });
      expectStatus(ok, 201);
      // the average of B over both warehouses: (3 × 7.12345 + 2 × 1) / 5
      expect(ok.body.records[0].lines.map((l: any) => [l.item, l.quantity, l.unitCost, l.amount])).toEqual([['B', '-1.000', '4.67407', '-4.67']]);
    });

    it('viewers preview but do not post; counters do neither', async () => {
      const { inv, lists } = await inventory('2026-02-26', [['STD', 'E1', 'MAIN']]);
      expectStatus(await count(lists[0].id, { item: 'A', quantity: '1' }, 'counter'), 201);
      expectStatus(await api.call('GET', `/api/inventories/${inv.id}/differences`, undefined, { as: 'viewer' }), 200);
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('POST', `/api/inventories/${inv.id}/differences`, { postingDate: '2026-02-26' }, { as: 'viewer' }));
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('POST', `/api/inventories/${inv.id}/differences`, { postingDate: '2026-02-26' }, { as: 'counter' }));
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => count(lists[0].id, { item: 'A', quantity: '1', mode: 'add' }, 'viewer' as 'counter'));
      await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('POST', `/api/inventories/${inv.id}/differences`, { postingDate: '2026-02-31' }, { as: 'supervisor' }));
      await refused(api, 404, 'INV_ERR_NOT_FOUND', () => api.call('POST', '/api/inventories/999999/differences', { postingDate: '2026-02-26' }, { as: 'supervisor' }));
      await api.call('PUT', `/api/inventories/${inv.id}`, { closed: true }, { as: 'supervisor' });
    });

    it('a closed inventory is read-only until reopened; a posted one stays closed', async () => {
      const { inv, lists } = await inventory('2026-02-26', [['STD', 'E1', 'MAIN']]);
      const line = (await count(lists[0].id, { item: 'A', quantity: '1' }, 'counter')).body;
      expectStatus(await api.call('PUT', `/api/inventories/${inv.id}`, { closed: true }, { as: 'supervisor' }), 200);
      const ro = await refused(api, 409, 'INV_ERR_INVENTORY_CLOSED', () => count(lists[0].id, { item: 'A', quantity: '1', mode: 'add' }, 'counter'));
      expect(ro.body.detail).toContain('is closed');
      await refused(api, 409, 'INV_ERR_INVENTORY_CLOSED', () => api.call('PUT', `/api/lines/${line.id}`, { quantity: '3' }, { as: 'counter' }));
      await refused(api, 409, 'INV_ERR_INVENTORY_CLOSED', () => api.call('DELETE', `/api/lines/${line.id}`, undefined, { as: 'counter' }));
      await refused(api, 409, 'INV_ERR_INVENTORY_CLOSED', () => api.call('PUT', `/api/inventories/${inv.id}`, { description: 'x' }, { as: 'supervisor' }));
      await refused(api, 409, 'INV_ERR_INVENTORY_CLOSED', () => api.call('GET', `/api/inventories/${inv.id}/differences`, undefined, { as: 'supervisor' }));
      await refused(api, 409, 'INV_ERR_INVENTORY_CLOSED', () => api.call('POST', `/api/inventories/${inv.id}/differences`, { postingDate: '2026-02-26' }, { as: 'supervisor' }));
      const reopened = await api.call('PUT', `/api/inventories/${inv.id}`, { closed: false }, { as: 'supervisor' });
      expect(reopened.body).toMatchObject({ closed: false, closedAt: null });
      expectStatus(await api.call('PUT', `/api/lines/${line.id}`, { quantity: '3' }, { as: 'counter' }), 200);
      await api.call('PUT', `/api/inventories/${inv.id}`, { closed: true }, { as: 'supervisor' });
    });

    it('maintain-location lists keep the last scanned location; a list with lines keeps its warehouse', async () => {
      const { inv, lists } = await inventory('2026-02-26', [['LOC', 'E1', 'MAIN']]);
      const list = lists[0].id;
      expect((await count(list, { item: 'A', quantity: '1', location: 'A1' }, 'counter')).body.location).toBe('A1');
      expect((await count(list, { item: 'B', quantity: '1' }, 'counter')).body.location).toBe('A1');
      expect((await count(list, { item: 'B', quantity: '1', location: 'B1' }, 'counter')).body.location).toBe('B1');
      expect((await count(list, { barcode: '4006381333931', quantity: '1' }, 'counter')).body).toMatchObject({ item: 'VAR', variant: 'RED', location: 'B1' });
      expect((await api.call('GET', `/api/lists/${list}`, undefined, { as: 'counter' })).body.currentLocation).toBe('B1');
      // imported rows follow the same rule, in file order
      const imp = await api.call('POST', `/api/lists/${list}/import`, 'item,location,quantity\nA,,2\nA,A1,1\nB,,5\n', { as: 'counter' });
      expect(imp.body).toEqual({ rows: 3, inserted: 1, updated: 2, replayed: 0 });
      const lines = (await api.call('GET', `/api/lists/${list}/lines`, undefined, { as: 'counter' })).body.items;
      expect(lines.map((l: any) => [l.item, l.location, l.countedQuantity])).toEqual([
        ['A', 'A1', '2.000'],
        ['B', 'A1', '6.000'],
        ['B', 'B1', '1.000'],
        ['VAR', 'B1', '1.000'],
        ['A', 'B1', '2.000'],
      ]);
      await refused(api, 409, 'INV_ERR_LIST_HAS_LINES', () => api.call('PUT', `/api/lists/${list}`, { warehouse: 'SHOP' }, { as: 'supervisor' }));
      expectStatus(await api.call('PUT', `/api/lists/${list}`, { employee: 'E2' }, { as: 'supervisor' }), 200);
      await refused(api, 403, 'INV_ERR_NOT_YOUR_LIST', () => count(list, { item: 'A', quantity: '1', mode: 'add' }, 'counter'));
      await api.call('PUT', `/api/inventories/${inv.id}`, { closed: true }, { as: 'supervisor' });
    });

    it('audits every count: created, added, replaced, changed, deleted', async () => {
      const { inv, lists } = await inventory('2026-02-26', [['STD', 'E1', 'MAIN']]);
      const first = (await count(lists[0].id, { item: 'A', quantity: '1' }, 'counter')).body;
      await count(lists[0].id, { item: 'A', quantity: '2', mode: 'add' }, 'counter');
      await count(lists[0].id, { item: 'A', quantity: '5', mode: 'replace' }, 'counter');
      await api.call('PUT', `/api/lines/${first.id}`, { quantity: '4' }, { as: 'counter' });
      await api.call('DELETE', `/api/lines/${first.id}`, undefined, { as: 'counter' });
      const trail = await api.store.db
        .selectFrom('audit_log')
        .select(['action', 'username', 'after_json'])
        .where('entity', '=', 'inventoryLine')
        .where('entity_key', '=', String(first.id))
        .orderBy('id')
        .execute();
      expect(trail.map((t) => [t.action, t.username])).toEqual([
        ['create', 'counter'],
        ['add', 'counter'],
        ['replace', 'counter'],
        ['update', 'counter'],
        ['delete', 'counter'],
      ]);
      expect(JSON.parse(trail[2].after_json!).countedQuantity).toBe('5.000');
      await api.call('PUT', `/api/inventories/${inv.id}`, { closed: true }, { as: 'supervisor' });
    });
  });
}

for (const dialect of dialects) {
  describe(`proposed costs after a warehouse closing [${dialect}]`, () => {
    let api: TestApi;
    let items: Record<string, number>;

    beforeAll(async () => {
      api = await openTestApi(dialect);
      items = (await seedFixture(api.store)).items;
      await seedInventoryFixture(api.store);
      const shop = await api.store.db.selectFrom('warehouses').select('id').where('code', '=', 'SHOP').executeTakeFirstOrThrow();
      await api.store.db.insertInto('templates').values({ warehouse_id: shop.id, code: 'RES', description: 'Resturi', type: 'load', oddments: 1 }).execute();
      const post = async (warehouse: string, template: string, date: string, lines: object[]) =>
        expectStatus(await api.call('POST', '/api/records', { warehouse, template, date, lines }), 201);
      await post('MAIN', 'CAR', '2026-01-10', [
        { item: 'A', quantity: '10', unitCost: '10' },
        { item: 'B', quantity: '4', unitCost: '3.33333' },
      ]);
      await post('SHOP', 'CAR', '2026-01-12', [{ item: 'A', quantity: '5', unitCost: '20' }]);
      await post('MAIN', 'VAN', '2026-01-20', [{ item: 'A', quantity: '2' }]);
      const closing = await runClosing({ store: api.store, actor: SYSTEM_ACTOR, lang: 'en' }, { closingDate: '2026-01-31' });
      expect(closing.openingRecordIds.length).toBe(2);
      await post('MAIN', 'CAR', '2026-02-10', [{ item: 'A', quantity: '1', unitCost: '13' }]);
    });
    afterAll(async () => api.close());

    it('continues from the closing exactly as unitCostAt does (state, fallbacks, opening records)', async () => {
      const store = api.store;
      for (const perWarehouse of [0, 1]) {
        await store.db.updateTable('year_params').set({ value_per_warehouse: perWarehouse }).where('year', '=', 2026).execute();
        for (const date of ['2026-02-01', '2026-02-05', '2026-02-20']) {
          const requests: { itemId: number; warehouseId: number; how: ProposedCost }[] = [];
          for (const item of ['A', 'B', 'VAR']) for (const wh of [1, 2]) for (const how of ['average', 'last'] as ProposedCost[]) requests.push({ itemId: items[item], warehouseId: wh, how });
          const costOf = await inTransaction(store, (trx) => proposedCosts(trx, store, requests, date), 'read');
          for (const r of requests) {
            const expected = await unitCostAt(store.db, { itemId: r.itemId, warehouseId: perWarehouse ? r.warehouseId : undefined }, date, r.how as 'average' | 'last', storedClosingHistory);
            expect(UnitCost.format(costOf(r)), `${JSON.stringify(r)} ${date} perWarehouse=${perWarehouse}`).toBe(UnitCost.format(expected));
          }
        }
      }
      await store.db.updateTable('year_params').set({ value_per_warehouse: 0 }).where('year', '=', 2026).execute();
      // B has no load after the closing: its last cost is the closing's (the registry's is 0)
      const costOf = await inTransaction(store, (trx) => proposedCosts(trx, store, [{ itemId: items.B, warehouseId: 1, how: 'last' }], '2026-02-20'), 'read');
      expect(UnitCost.format(costOf({ itemId: items.B, warehouseId: 1, how: 'last' }))).toBe('3.33333');
    });
  });
}

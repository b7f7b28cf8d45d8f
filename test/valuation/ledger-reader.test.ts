/**
 * The streaming reads of the ledger (ledger-reader.ts) against the plain
 * per-item query (`costMovements`), with tiny pages so that an item spans
 * several pages (SQLite offsets, PostgreSQL keyset) on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costMovements } from '../../src/valuation/item-cost.ts';
import {
  costMovementOf,
  costTemplates,
  R_AMOUNT,
  R_DATE,
  R_LOT,
  R_QUANTITY,
  R_TEMPLATE,
  R_UNIT_COST,
  rawDimsAt,
  readLedger,
  readLedgerRaw,
  scaledOf,
  toCostMovement,
} from '../../src/valuation/ledger-reader.ts';
import type { CostMovement } from '../../src/valuation/movement.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture, type Fixture } from '../helpers/fixtures.ts';

for (const dialect of dialects) {
  describe(`ledger reader [${dialect}]`, () => {
    let api: TestApi;
    let fx: Fixture;
    const codes = new Map<number, string>();

    beforeAll(async () => {
      api = await openTestApi(dialect);
      fx = await seedFixture(api.store);
      await api.store.db.updateTable('year_params').set({ allow_negative_stock: 1 }).execute();
      const post = async (warehouse: string, template: string, date: string, lines: object[]) => {
        const r = await api.call('POST', '/api/records', { warehouse, template, date, lines });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      };
      // several lines per record and several records per day, in both warehouses, posted out of date order
      await post('MAIN', 'CAR', '2026-03-02', [
        { item: 'A', quantity: '1', unitCost: '1', lot: 'X' },
        { item: 'B', quantity: '2', unitCost: '2' },
        { item: 'A', quantity: '3', unitCost: '3', variant: '', location: 'A1' },
      ]);
      await post('MAIN', 'CAR', '2026-03-01', [{ item: 'A', quantity: '4', unitCost: '4' }]);
      await post('SHOP', 'CAR', '2026-03-01', [{ item: 'A', quantity: '5', unitCost: '5' }]);
      await post('MAIN', 'VAN', '2026-03-02', [{ item: 'A', quantity: '6' }]);
      await post('MAIN', 'ZER', '2026-03-03', [{ item: 'A', quantity: '0', amount: '7.00' }]);
      await post('MAIN', 'CAR', '2026-03-04', [{ item: 'NF', quantity: '8', unitCost: '8' }]);
      await post('MAIN', 'TRF', '2026-03-05', [{ item: 'B', quantity: '1' }]); // and its mirror load in SHOP
      for (const w of await api.store.db.selectFrom('warehouses').select(['id', 'code']).execute()) codes.set(w.id, w.code);
    });
    afterAll(async () => api.close());

    const itemIds = () => [fx.items.A, fx.items.B, fx.items.NF].sort((a, b) => a - b);
    const items = async () =>
      new Map((await api.store.db.selectFrom('items').select(['id', 'code', 'fiscal_interest']).execute()).map((i) => [i.id, { code: i.code, fiscal: i.fiscal_interest === 1 }]));

    async function expected(): Promise<Map<number, CostMovement[]>> {
      const out = new Map<number, CostMovement[]>();
      for (const id of itemIds()) out.set(id, await costMovements(api.store.db, { itemId: id }, '', '2026-12-31'));
      return out;
    }

    it('readLedger: every column, ledger order, across pages', async () => {
      const templates = await costTemplates(api.store.db);
      const byItem = await items();
      for (const pageSize of [1, 2, 3, 1000]) {
        const got = new Map<number, CostMovement[]>();
        const dims: string[][] = [];
        await readLedger(api.store, { after: '', date: '2026-12-31', itemIds: itemIds(), dims: ['location', 'variant'], pageSize }, (row) => {
          const list = got.get(row.itemId) ?? [];
          list.push(toCostMovement(row, templates.get(row.templateId)!, byItem.get(row.itemId)!, codes.get(row.warehouseId)!));
          got.set(row.itemId, list);
          dims.push(row.dims);
        });
        expect(got, `page ${pageSize}`).toEqual(await expected());
        expect(dims).toContainEqual(['A1', '']);
      }
    });

    it('readLedgerRaw: the trimmed rows give the same cost movements, item by item, across pages', async () => {
      const templates = await costTemplates(api.store.db);
      const byItem = await items();
      const want = await expected();
      for (const pageSize of [1, 2, 1000]) {
        const got = new Map<number, CostMovement[]>();
        const order: number[] = [];
        await readLedgerRaw(api.store, { after: '', date: '2026-12-31', itemIds: itemIds(), lots: true, dims: ['location'], pageSize }, (itemId, rows) => {
          if (order.at(-1) !== itemId) order.push(itemId);
          for (const r of rows) {
            const t = templates.get(Number(r[R_TEMPLATE]))!;
            const m = costMovementOf(t, byItem.get(itemId)!, codes.get(t.warehouseId)!, r[R_DATE] as string, scaledOf(r[R_QUANTITY]), scaledOf(r[R_UNIT_COST]), scaledOf(r[R_AMOUNT]), r[R_LOT] as string);
            expect(typeof r[rawDimsAt(true)]).toBe('string');
            (got.get(itemId) ?? got.set(itemId, []).get(itemId)!).push(m);
          }
        });
        expect(order, `page ${pageSize}: items ascending, each once`).toEqual(itemIds());
        // what the raw read leaves out: the unit cost of unloads and the amount of lines with a quantity
        const trimmed = new Map([...want].map(([id, ms]) => [id, ms.map((m) => ({ ...m, unitCost: m.quantity > 0n ? m.unitCost : 0n, amount: m.quantity === 0n ? m.amount : 0n }))]));
        expect(got, `page ${pageSize}`).toEqual(trimmed);
      }
    });

    it('a date window and a warehouse filter', async () => {
      const seen: string[] = [];
      await readLedgerRaw(api.store, { after: '2026-03-01', date: '2026-03-02', itemIds: [fx.items.A], warehouseId: fx.warehouses.MAIN }, (_id, rows) => {
        for (const r of rows) seen.push(`${r[R_DATE]}:${r[R_QUANTITY]}`);
      });
      expect(seen).toEqual(['2026-03-02:1000', '2026-03-02:3000', '2026-03-02:-6000']);
    });
  });
}

/**
 * The closing history as valuation's source when value-per-warehouse changes
 * after a closing: answers degrade (no fifo layers; costs of the other
 * granularity) instead of failing; at the same granularity they are the
 * closing's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { Quantity, UnitCost } from '../../src/core/decimal.ts';
import { createRecord } from '../../src/ledger/records.ts';
import { loadHistory, restoreLastClosing, runClosing, storedClosingHistory } from '../../src/valuation/closing/index.ts';
import { valuationAt } from '../../src/valuation/item-cost.ts';
import { seedFixture, type Fixture } from '../helpers/fixtures.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';

for (const dialect of dialects) {
  describe(`closing history source [${dialect}]`, () => {
    let store: TestStore;
    let ctx: Ctx;
    let fx: Fixture;

    beforeAll(async () => {
      store = await openTestStore(dialect);
      fx = await seedFixture(store);
      ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
      await store.db.insertInto('templates').values({ warehouse_id: fx.warehouses.SHOP, code: 'RES', description: 'Resturi', type: 'load', oddments: 1 }).execute();
      await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-02-01', lines: [{ item: 'A', quantity: '10', unitCost: '2' }] });
      await createRecord(ctx, { warehouse: 'SHOP', template: 'CAR', date: '2026-02-02', lines: [{ item: 'A', quantity: '30', unitCost: '4' }] });
    });
    afterAll(async () => store.dispose());

    const setPerWarehouse = (on: boolean) => store.db.updateTable('year_params').set({ value_per_warehouse: on ? 1 : 0 }).execute();

    it('kept per item, asked per warehouse: the item costs, no fifo layers (the opening lines carry the stock)', async () => {
      await runClosing(ctx, { closingDate: '2026-02-28', method: 'fifo' });
      const same = await loadHistory(store.db, { closingDate: '2026-02-28', itemIds: [fx.items.A], perWarehouse: false });
      expect(same.closingState({ itemId: fx.items.A })).toMatchObject({ quantity: Quantity.of(40), lastCost: UnitCost.of(4) });
      expect(same.closingState({ itemId: fx.items.A })!.fifoLayers.length).toBe(2);
      await setPerWarehouse(true);
      const other = await loadHistory(store.db, { closingDate: '2026-02-28', itemIds: [fx.items.A], perWarehouse: true });
      expect(other.closingState({ itemId: fx.items.A, warehouseId: fx.warehouses.MAIN })).toMatchObject({ lastCost: UnitCost.of(4), fifoLayers: [] });
      const r = await valuationAt(store.db, { itemId: fx.items.A, warehouseId: fx.warehouses.MAIN }, '2026-03-31', 'fifo', storedClosingHistory);
      // MAIN's 10 at the opening line's fifo unit cost of the item: (20 + 120) / 40 = 3.5
      expect([Quantity.format(r.quantity), UnitCost.format(r.unitCost)]).toEqual(['10.000', '3.50000']);
      await restoreLastClosing(ctx);
    });

    it('kept per warehouse, asked per item: quantity-weighted costs', async () => {
      await runClosing(ctx, { closingDate: '2026-02-28', method: 'average' });
      await setPerWarehouse(false);
      const h = await loadHistory(store.db, { closingDate: '2026-02-28', itemIds: [fx.items.A], perWarehouse: false });
      // (10 × 2 + 30 × 4) / 40 = 3.5
      expect(h.closingState({ itemId: fx.items.A })).toMatchObject({ quantity: Quantity.of(40), averageCost: UnitCost.parse('3.5'), fifoLayers: [] });
      await restoreLastClosing(ctx);
    });
  });
}

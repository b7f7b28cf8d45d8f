/**
 * The closing history is a dependency of valuation, not a side effect of
 * importing the closing module (issue 12 point 8), on both dialects.
 *
 * This file imports NOTHING of the closing service, routes or HTTP app (the
 * closing is written straight into the tables): before the fix the real
 * source was installed by `import './history-source.ts'` inside the closing
 * service, so in this module graph the valued inventory and the proposed
 * costs of a posting valued as if no closing existed (registry costs: 0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { Quantity, UnitCost } from '../../src/core/decimal.ts';
import { createRecord } from '../../src/ledger/records.ts';
import { valuedInventory } from '../../src/valuation/valued-inventory.ts';
import { emptyClosingHistorySource } from '../../src/valuation/closing-history.ts';
import { seedFixture, type Fixture } from '../helpers/fixtures.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';

const C = '2026-01-31';

describe.each(dialects)('valuation sees closings without the closing module loaded (%s)', (dialect) => {
  let store: TestStore;
  let ctx: Ctx;
  let fx: Fixture;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    fx = await seedFixture(store);
    ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
    const db = store.db;
    // a closing at C kept item A: 10 at 7.00 (average, moving-average rate, last cost, one fifo layer)
    const { id } = await db
      .insertInto('closings')
      .values({ closing_date: C, method: 'last', previous_closing_date: null, created_by: 'test', created_at: '2026-02-01T00:00:00Z', per_warehouse: 0, undo_json: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const seven = UnitCost.parse('7')!;
    await db
      .insertInto('closing_history')
      .values({
        closing_id: id,
        closing_date: C,
        year: 2026,
        item_id: fx.items.A,
        warehouse_id: null,
        quantity: Quantity.parse('10')!,
        average_cost: seven,
        moving_average_rate: seven,
        last_cost: seven,
        fifo_last_consumed_cost: null,
        purchased_quantity: 0n,
        purchased_value: 0n,
        purchased_exact: 0n,
        fifo_layers: JSON.stringify([{ date: '2026-01-10', quantity: '10.000', unitCost: '7.00000' }]),
        lifo_layers: '[]',
        value: 7000n,
      })
      .execute();
    await db.updateTable('year_params').set({ last_closing_date: C }).where('year', '=', 2026).execute();
    // its opening record (oddments template RES, which updates no cost)
    await createRecord(ctx, { warehouse: 'MAIN', template: 'RES', date: '2026-02-01', lines: [{ item: 'A', quantity: '10', unitCost: '7' }] });
  });
  afterAll(async () => store?.dispose());

  const rowsOf = async (method: string, options = {}) =>
    (await valuedInventory(ctx, { date: '2026-06-30', method, itemFrom: 'A', itemTo: 'A' }, options)).rows.map((r) => [r.item, r.quantity, r.unitCost, r.value]);

  it('the valued inventory continues from the closing (last cost, moving-average rate, fifo layers)', async () => {
    expect(await rowsOf('last')).toEqual([['A', '10.000', '7.00000', '70.00']]);
    expect(await rowsOf('moving-average')).toEqual([['A', '10.000', '7.00000', '70.00']]);
    expect(await rowsOf('fifo')).toEqual([['A', '10.000', '7.00000', '70.00']]);
  });

  it('the source is the caller’s: passing one that knows no closing gives the registry fallback', async () => {
    expect(await rowsOf('last', { closingSource: emptyClosingHistorySource })).toEqual([['A', '10.000', '0.00000', '0.00']]);
  });

  it('a posting’s proposed cost (last) comes from the closing', async () => {
    const r = await createRecord(ctx, { warehouse: 'MAIN', template: 'VLA', date: '2026-03-01', lines: [{ item: 'A', quantity: '2' }] });
    const line = await store.db.selectFrom('movements').select(['unit_cost', 'quantity']).where('record_id', '=', r.id).executeTakeFirstOrThrow();
    expect(UnitCost.format(UnitCost.raw(line.unit_cost))).toBe('7.00000');
  });
});

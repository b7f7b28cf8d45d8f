/**
 * Closings never drop stock held by a dimension (SPEC §7, issue 12 point 6),
 * on both dialects: a warehouse holding non-zero stock by location, lot or
 * variant that it does not close by is a check error naming the keys, unless
 * the request lists the dimension in `collapse`; then the opening lines sum
 * it away explicitly. Closing by the dimension keeps it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { addDays, today } from '../../src/core/dates.ts';
import { loadDemo } from '../../src/demo/demo.ts';
import { checkClosing } from '../../src/valuation/closing/index.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture, type Fixture } from '../helpers/fixtures.ts';

const C = '2026-03-31';

describe.each(dialects)('closing dimensions (%s)', (dialect) => {
  let api: TestApi;
  let fx: Fixture;

  const post = async (template: string, date: string, lines: object[]) => {
    const r = await api.call('POST', '/api/records', { warehouse: 'MAIN', template, date, lines });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };
  const closeBy = (flags: { location?: boolean; lot?: boolean; variant?: boolean }) =>
    api.store.db
      .updateTable('year_warehouse_params')
      .set({ close_by_location: flags.location ? 1 : 0, close_by_lot: flags.lot ? 1 : 0, close_by_variant: flags.variant ? 1 : 0 })
      .where('warehouse_id', '=', fx.warehouses.MAIN)
      .execute();
  const closingCount = async () => Number((await api.store.db.selectFrom('closings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const openingLines = (body: any) =>
    body.openingRecords.flatMap((r: any) => r.lines.map((l: any) => [l.item, l.variant ?? '', l.location ?? '', l.lot ?? '', l.quantity]));
  const dropped = (errors: any[]) => errors.filter((e) => e.code === 'INV_ERR_CLOSING_DIMENSION_DROPPED').map((e) => [e.warehouse, e.dimension, e.count, e.keys]);

  beforeAll(async () => {
    api = await openTestApi(dialect);
    fx = await seedFixture(api.store);
    await post('CAR', '2026-01-10', [
      { item: 'A', quantity: '10', unitCost: '2', location: 'A1' },
      { item: 'A', quantity: '5', unitCost: '2', location: 'B1' },
      { item: 'B', quantity: '4', unitCost: '3' },
      { item: 'LOT', quantity: '3', unitCost: '1', lot: 'L1' },
      { item: 'LOT', quantity: '2', unitCost: '1', lot: 'L2' },
      { item: 'VAR', quantity: '2', unitCost: '5', variant: 'RED' },
    ]);
    // a location emptied again holds nothing: not named
    await post('CAR', '2026-01-11', [{ item: 'B', quantity: '1', unitCost: '3', location: 'A1' }]);
    await post('VAN', '2026-01-12', [{ item: 'B', quantity: '1', location: 'A1' }]);
  });
  afterAll(async () => api?.close());

  it('the check names every dimension that holds stock the warehouse does not close by, with its keys', async () => {
    const r = await api.call('POST', '/api/closings/check', { closingDate: C });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(dropped(r.body.errors)).toEqual([
      ['MAIN', 'variant', 1, ['VAR @ RED']],
      ['MAIN', 'location', 2, ['A @ A1', 'A @ B1']],
      ['MAIN', 'lot', 2, ['LOT @ L1', 'LOT @ L2']],
    ]);
    const location = r.body.errors.find((e: any) => e.dimension === 'location');
    expect(location.path).toBe('/warehouses/MAIN/location');
    expect(location.message).toContain('A @ A1, A @ B1');
    expect(location.message).toContain('collapse');
  });

  it('the closing is refused (422) and writes nothing', async () => {
    const r = await api.call('POST', '/api/closings', { closingDate: C });
    expect(r.status).toBe(422);
    expect(dropped(r.body.errors).map((d) => d[1])).toEqual(['variant', 'location', 'lot']);
    expect(await closingCount()).toBe(0);
  });

  it('collapse lifts the error of the dimensions it lists only', async () => {
    const r = await api.call('POST', '/api/closings/check', { closingDate: C, collapse: ['location'] });
    expect(dropped(r.body.errors).map((d) => d[1])).toEqual(['variant', 'lot']);
    const refused = await api.call('POST', '/api/closings', { closingDate: C, collapse: ['location', 'lot'] });
    expect(refused.status).toBe(422);
    expect(dropped(refused.body.errors).map((d) => d[1])).toEqual(['variant']);
    expect(await closingCount()).toBe(0);
  });

  it('with every dimension collapsed the opening lines sum them away explicitly', async () => {
    const r = await api.call('POST', '/api/closings', { closingDate: C, collapse: ['location', 'lot', 'variant'] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.collapse).toEqual(['variant', 'location', 'lot']);
    expect(openingLines(r.body)).toEqual([
      ['A', '', '', '', '15.000'],
      ['B', '', '', '', '4.000'],
      ['LOT', '', '', '', '5.000'],
      ['VAR', '', '', '', '2.000'],
    ]);
    expect((await api.call('DELETE', '/api/closings/last')).status).toBe(200);
  });

  it('closing by location, lot and variant keeps them, no collapse needed', async () => {
    await closeBy({ location: true, lot: true, variant: true });
    const check = await api.call('POST', '/api/closings/check', { closingDate: C });
    expect(dropped(check.body.errors)).toEqual([]);
    const r = await api.call('POST', '/api/closings', { closingDate: C });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(openingLines(r.body)).toEqual([
      ['A', '', 'A1', '', '10.000'],
      ['A', '', 'B1', '', '5.000'],
      ['B', '', '', '', '4.000'],
      ['LOT', '', '', 'L1', '3.000'],
      ['LOT', '', '', 'L2', '2.000'],
      ['VAR', 'RED', '', '', '2.000'],
    ]);
    expect((await api.call('DELETE', '/api/closings/last')).status).toBe(200);
  });

  it('closing by some: only the others are checked', async () => {
    await closeBy({ location: true });
    const r = await api.call('POST', '/api/closings/check', { closingDate: C });
    expect(dropped(r.body.errors).map((d) => d[1])).toEqual(['variant', 'lot']);
    await closeBy({});
  });

  it('collapse names only location, lot and variant', async () => {
    const r = await api.call('POST', '/api/closings/check', { closingDate: C, collapse: ['jobOrder'] });
    expect(r.status).toBe(400);
  });
});

describe.each(dialects)('the demo company closes by location, lot and variant (%s)', (dialect) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(dialect);
    await loadDemo(store);
  });
  afterAll(async () => store?.dispose());

  it('its year parameters keep every dimension its stock is held by, so its check drops nothing', async () => {
    const params = await store.db.selectFrom('year_warehouse_params').select(['close_by_location', 'close_by_lot', 'close_by_variant']).execute();
    expect(params.length).toBeGreaterThan(0);
    for (const p of params) expect(p).toEqual({ close_by_location: 1, close_by_lot: 1, close_by_variant: 1 });
    const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
    const check = await checkClosing(ctx, { closingDate: addDays(today(), -1) });
    expect(check.errors.filter((e) => e.code === 'INV_ERR_CLOSING_DIMENSION_DROPPED')).toEqual([]);
    // the demo does hold stock by location, lot and variant: without them the check names it
    await store.db.updateTable('year_warehouse_params').set({ close_by_location: 0, close_by_lot: 0, close_by_variant: 0 }).execute();
    const without = await checkClosing(ctx, { closingDate: addDays(today(), -1) });
    expect(new Set(without.errors.filter((e) => e.code === 'INV_ERR_CLOSING_DIMENSION_DROPPED').map((e) => e.dimension))).toEqual(new Set(['variant', 'location', 'lot']));
  });
});

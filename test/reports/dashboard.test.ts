/**
 * The home dashboard's figures (issue 15 point 6, issue 16 point 6) on both
 * databases, against a small ledger computed by hand:
 *
 *   MAIN CAR 2026-01-10  A 10 @ 10.00, B 5 @ 4.00
 *   SHOP CAR 2026-02-01  B 20 @ 3.00
 *   MAIN CAR 2026-02-15  A 10 @ 12.00
 *   MAIN VAN 2026-03-05  A −5
 *   MAIN CAR 2026-04-20  A 5 @ 15.00
 *
 * Costs are per item (no value per warehouse). A is worked example A of
 * SPEC §6 (stock 20: average 236.00, moving-average 240.00, fifo 245.00,
 * last 300.00); B: 25 in stock from loads worth 20 + 60 = 80.00 (average and
 * lot cost 3.20, last 3.00). The registry holds standard cost 9.50 and no
 * average or last cost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, seedInventoryFixture } from '../inventory/support.ts';
import { monthEndDates, stockValueByMonth } from '../../src/reports/month-end-values.ts';
import { costMethodComparison } from '../../src/reports/cost-method-comparison.ts';
import { clearValuationCache, holdValuations, valuationCacheStats, valuationsSettled } from '../../src/reports/valuation-cache.ts';
import { loggingContext } from '../helpers/query-plans.ts';
import { today, yearOf } from '../../src/core/dates.ts';

async function ledger(api: TestApi) {
  const record = async (warehouse: string, template: string, date: string, lines: object[]) => expectStatus(await api.call('POST', '/api/records', { warehouse, template, date, lines }), 201);
  await record('MAIN', 'CAR', '2026-01-10', [
    { item: 'A', quantity: '10', unitCost: '10' },
    { item: 'B', quantity: '5', unitCost: '4' },
  ]);
  await record('SHOP', 'CAR', '2026-02-01', [{ item: 'B', quantity: '20', unitCost: '3' }]);
  await record('MAIN', 'CAR', '2026-02-15', [{ item: 'A', quantity: '10', unitCost: '12' }]);
  await record('MAIN', 'VAN', '2026-03-05', [{ item: 'A', quantity: '5' }]);
  await record('MAIN', 'CAR', '2026-04-20', [{ item: 'A', quantity: '5', unitCost: '15' }]);
  return record;
}

/** A chart's answer once the background has valued what the first ask queued (the service's promise, never a fixed wait). */
async function settled<T extends { pending: boolean }>(api: TestApi, ask: () => Promise<T>): Promise<T> {
  const first = await ask();
  if (!first.pending) return first;
  await valuationsSettled(api.store);
  const again = await ask();
  expect(again.pending).toBe(false);
  return again;
}

/**
 * A logging context whose raw driver reads are logged too (the valuation
 * pass reads the ledger past Kysely: better-sqlite3 statements it prepares,
 * pg pool queries): every statement text that reaches the database.
 */
function rawLoggingContext(api: TestApi) {
  const { ctx, logged } = loggingContext(api.store, { username: 'viewer', role: 'viewer', employeeId: null });
  const raw: string[] = [];
  const store = ctx.store as { sqlite?: object; pool?: object };
  if (store.sqlite) {
    const db = store.sqlite as { prepare(text: string): unknown };
    store.sqlite = new Proxy(db, {
      get: (target, name) => (name === 'prepare' ? (text: string) => (raw.push(text), target.prepare(text)) : Reflect.get(target, name, target)),
    });
  }
  if (store.pool) {
    const pool = store.pool as { query(q: string | { text: string }, ...rest: unknown[]): unknown };
    store.pool = new Proxy(pool, {
      get: (target, name) =>
        name === 'query' ? (q: string | { text: string }, ...rest: unknown[]) => (raw.push(typeof q === 'string' ? q : q.text), target.query(q, ...rest)) : Reflect.get(target, name, target),
    });
  }
  return { ctx, statements: () => [...logged.map((q) => q.sql), ...raw] };
}

/** The points of the chart as `date MAIN SHOP source`. */
const points = (v: Awaited<ReturnType<typeof stockValueByMonth>>) =>
  v.months.map((m) => `${m.date} ${m.values.find((x) => x.warehouse === 'MAIN')?.value ?? '-'} ${m.values.find((x) => x.warehouse === 'SHOP')?.value ?? '-'} ${m.source}`);

describe('month-end dates', () => {
  it('are the 11 month ends before the current month, then the day itself', () => {
    expect(monthEndDates('2026-05-15')).toEqual([
      '2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31',
      '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-15',
    ]);
    // a leap February, and a day that is a month end
    expect(monthEndDates('2024-03-31', 3)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
  });
});

for (const dialect of dialects) {
  describe(`dashboard charts: stock value by month and by cost method [${dialect}]`, () => {
    let api: TestApi;
    let record: Awaited<ReturnType<typeof ledger>>;
    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      record = await ledger(api);
      // SHOP gets an oddments template, so a closing can open both warehouses
      const shop = await api.store.db.selectFrom('warehouses').select('id').where('code', '=', 'SHOP').executeTakeFirstOrThrow();
      await api.store.db.insertInto('templates').values({ warehouse_id: shop.id, code: 'RES', description: 'Resturi', type: 'load', oddments: 1 }).execute();
    });
    afterAll(async () => api.close());

    it('values the stock by every SPEC §6 method at one date, side by side', async () => {
      const cold = await api.call('GET', '/api/dashboard/cost-methods?date=2026-04-30', undefined, { as: 'viewer' });
      expectStatus(cold, 200);
      expect(cold.body).toEqual({ date: '2026-04-30', methods: [], pending: true });
      await valuationsSettled(api.store);
      const r = await api.call('GET', '/api/dashboard/cost-methods?date=2026-04-30', undefined, { as: 'viewer' });
      expectStatus(r, 200);
      expect(r.body.date).toBe('2026-04-30');
      expect(r.body.pending).toBe(false);
      const byMethod = Object.fromEntries(r.body.methods.map((m: { method: string; value: string }) => [m.method, m.value]));
      expect(byMethod).toEqual({
        average: '316.00', // A 236.00 + B 80.00
        'moving-average': '320.00', // A 240.00 + B (5 @ 4, then 20 @ 3: 3.20) 80.00
        last: '375.00', // A 20 × 15.00 + B 25 × 3.00
        fifo: '325.00', // A 245.00 + B 5 × 4 + 20 × 3
        'lifo-yearly': '316.00', // no closed year: all of it at this year's average purchase cost
        'fifo-yearly': '316.00', // this year's purchases cover the stock: its average purchase cost
        standard: '427.50', // 45 × 9.50
        'registry-average': '0.00',
        'registry-last': '0.00',
        'management-area': '316.00', // no management areas: average
        'lot-cost': '316.00', // one (empty) lot per item at the average of its loads
        history: '0.00', // no snapshot: the registry average
      });
      // the same as the valued inventory report
      const fifo = await api.call('GET', '/api/reports/valued-inventory?date=2026-04-30&method=fifo', undefined, { as: 'viewer' });
      expect(fifo.body.totals.value).toBe('325.00');
    });

    it('shows the stock value by warehouse at month ends, valued by management area (average), from the cache when nothing changed', async () => {
      const ctx = { ...api.ctx, actor: { username: 'viewer', role: 'viewer' as const, employeeId: null } };
      const first = await settled(api, () => stockValueByMonth(ctx, '2026-05-15'));
      expect(first.method).toBe('management-area');
      expect(first.warehouses.map((w) => w.code)).toEqual(['MAIN', 'SHOP']);
      const zeros = ['2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31'].map((d) => `${d} 0.00 0.00 valuation`);
      expect(points(first)).toEqual([
        ...zeros,
        '2026-01-31 120.00 0.00 valuation', // A 10 × 10.00 + B 5 × 4.00
        '2026-02-28 236.00 64.00 valuation', // A 20 × 11.00 + B 5 × 3.20; SHOP B 20 × 3.20
        '2026-03-31 181.00 64.00 valuation', // A 15 × 11.00 + 16.00
        '2026-04-30 252.00 64.00 valuation', // A 20 × 11.80 + 16.00
        '2026-05-15 252.00 64.00 valuation',
      ]);
      expect(first.months.at(-1)!.total).toBe('316.00');
      // asked again with nothing written: every point from the cache
      const hits = valuationCacheStats.hits;
      const computed = valuationCacheStats.computed;
      expect(points(await stockValueByMonth(ctx, '2026-05-15'))).toEqual(points(first));
      expect(valuationCacheStats.hits - hits).toBe(12);
      expect(valuationCacheStats.computed - computed).toBe(0);
    });

    it('keeps the month ends before a new record, values again those after it, and a backdated record changes them', async () => {
      const ctx = { ...api.ctx, actor: { username: 'viewer', role: 'viewer' as const, employeeId: null } };
      // counting does not change a value: nothing is computed again
      const inv = (await api.call('POST', '/api/inventories', { date: '2026-05-15', operator: 'E1' })).body;
      const list = (await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' })).body;
      expectStatus(await api.call('POST', `/api/lists/${list.id}/lines`, { item: 'A', quantity: '1' }), 201);
      let computed = valuationCacheStats.computed;
      expect((await stockValueByMonth(ctx, '2026-05-15')).pending).toBe(false);
      expect(valuationCacheStats.computed - computed).toBe(0);

      // a sale dated 2026-05-10 changes only the last point
      await record('MAIN', 'VAN', '2026-05-10', [{ item: 'A', quantity: '2' }]);
      computed = valuationCacheStats.computed;
      const afterSale = await settled(api, () => stockValueByMonth(ctx, '2026-05-15'));
      expect(valuationCacheStats.computed - computed).toBe(1);
      expect(points(afterSale).slice(-2)).toEqual(['2026-04-30 252.00 64.00 valuation', '2026-05-15 228.40 64.00 valuation']); // A 18 × 11.80

      // a sale backdated to 2026-02-20: February to May again, with the new stock
      await record('MAIN', 'VAN', '2026-02-20', [{ item: 'A', quantity: '2' }]);
      computed = valuationCacheStats.computed;
      const backdated = await settled(api, () => stockValueByMonth(ctx, '2026-05-15'));
      expect(valuationCacheStats.computed - computed).toBe(4);
      expect(points(backdated).slice(-5)).toEqual([
        '2026-01-31 120.00 0.00 valuation',
        '2026-02-28 214.00 64.00 valuation', // A 18 × 11.00 + 16.00
        '2026-03-31 159.00 64.00 valuation', // A 13 × 11.00 + 16.00
        '2026-04-30 228.40 64.00 valuation', // A 18 × 11.80 + 16.00
        '2026-05-15 204.80 64.00 valuation', // A 16 × 11.80 + 16.00
      ]);
    });

    it('takes a month end that was closed from the closing: its opening records', async () => {
      const ctx = { ...api.ctx, actor: { username: 'viewer', role: 'viewer' as const, employeeId: null } };
      // close 2026-03-31 valuing the opening records at last cost: A 13 × 12.00 = 156.00, B 5 × 3.00 (MAIN) and 20 × 3.00 (SHOP)
      expectStatus(await api.call('POST', '/api/closings', { closingDate: '2026-03-31', method: 'last' }, { as: 'supervisor' }), 201);
      const closed = await settled(api, () => stockValueByMonth(ctx, '2026-05-15'));
      expect(points(closed).slice(-5)).toEqual([
        '2026-01-31 120.00 0.00 valuation',
        '2026-02-28 214.00 64.00 valuation',
        '2026-03-31 171.00 60.00 closing',
        // after the closing the average starts from the opening records: A (156.00 + 75.00) / 18 = 12.83333 → 12.83333; B 75 / 25 = 3.00
        '2026-04-30 246.00 60.00 valuation', // A 18 × 12.83333 = 231.00 (230.99994 → 231.00) + B 5 × 3.00
        '2026-05-15 220.33 60.00 valuation', // A 16 × 12.83333 = 205.33 + 15.00
      ]);
    });

    it('is refused to a counter, answered to every reader', async () => {
      for (const url of ['/api/dashboard', '/api/dashboard/stock-value', '/api/dashboard/cost-methods']) {
        expectStatus(await api.call('GET', url, undefined, { as: 'counter' }), 403, 'INV_ERR_FORBIDDEN');
        expectStatus(await api.call('GET', url, undefined, { as: 'viewer' }), 200);
      }
      const r = await api.call('GET', '/api/dashboard/cost-methods?date=2026-02-31', undefined, { as: 'viewer', lang: 'ro' });
      expect(r.status).toBe(400);
    });

    it('answers a cold request at once with what is cached and pending, without reading a movement; the background values it once', async () => {
      const { ctx, statements } = rawLoggingContext(api);
      clearValuationCache(ctx.store);
      const release = holdValuations(ctx.store);
      const computed = valuationCacheStats.computed;
      // 2026-03-31 is closed (above): its point comes from the closing's opening records, read by the records' closing index
      const stock = await stockValueByMonth(ctx, '2026-05-15');
      const methods = await costMethodComparison(ctx, { date: '2026-05-15' });
      expect(stock.pending).toBe(true);
      expect(stock.months.map((m) => `${m.date} ${m.source} ${m.total}`)).toEqual(['2026-03-31 closing 231.00']);
      expect(methods).toEqual({ date: '2026-05-15', methods: [], pending: true });
      expect(valuationCacheStats.computed - computed).toBe(11 + 12); // queued, not run
      // no valuation read: movements only joined to the closing's own records, no ledger read
      const movementReads = statements().filter((q) => /movements/.test(q));
      expect(movementReads.length).toBeGreaterThan(0);
      expect(movementReads.filter((q) => !/"r"\."closing_id" = /.test(q))).toEqual([]);
      // asked again while held: still pending, nothing queued twice
      expect((await stockValueByMonth(ctx, '2026-05-15')).pending).toBe(true);
      expect(valuationCacheStats.computed - computed).toBe(23);
      release();
      await valuationsSettled(ctx.store);
      // the background read the ledger (the valuation pass), then the answer is complete
      expect(statements().some((q) => /from movements/i.test(q) && !/closing_id/.test(q))).toBe(true);
      const warm = await stockValueByMonth(ctx, '2026-05-15');
      expect(warm.pending).toBe(false);
      expect(points(warm).slice(-3)).toEqual(['2026-03-31 171.00 60.00 closing', '2026-04-30 246.00 60.00 valuation', '2026-05-15 220.33 60.00 valuation']);
      const all = await costMethodComparison(ctx, { date: '2026-05-15' });
      expect(all.pending).toBe(false);
      expect(all.methods).toHaveLength(12);
      expect(valuationCacheStats.computed - computed).toBe(23);
    });
  });

  describe(`dashboard figures: open inventories, differences so far, last closing, accuracy [${dialect}]`, () => {
    let api: TestApi;
    const lists: Record<string, number> = {};

    async function inventory(date: string, counts: [warehouse: string, employee: string, lines: [string, string][]][]): Promise<number> {
      const inv = (await api.call('POST', '/api/inventories', { date, operator: 'E1' })).body;
      for (const [warehouse, employee, lines] of counts) {
        const list = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee, warehouse });
        expectStatus(list, 201);
        lists[`${inv.id}/${warehouse}`] = list.body.id;
        for (const [item, quantity] of lines) expectStatus(await api.call('POST', `/api/lists/${list.body.id}/lines`, { item, quantity }), 201);
      }
      return inv.id;
    }

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      // the open period of today's year, whatever year the test runs in
      const year = yearOf(today());
      if (year !== 2026) await api.store.db.insertInto('year_params').values({ year, period_start: `${year}-01-01`, period_end: `${year}-12-31` }).execute();
      await ledger(api);
    });
    afterAll(async () => api.close());

    it('lists the count accuracy of the posted inventories over time, from the figures stored at posting', async () => {
      // P, 2026-02-28 on MAIN: A 20 of 20, B 4 of 5 (−1 at B's average 3.20)
      const p = await inventory('2026-02-28', [['MAIN', 'E1', [['A', '20'], ['B', '4']]]]);
      expectStatus(await api.call('POST', `/api/inventories/${p}/differences`, { postingDate: '2026-02-28' }), 201);
      // Q, 2026-03-31 on MAIN: A 14 of 15 (−1 at 11.00), B 4 of 4
      const q = await inventory('2026-03-31', [['MAIN', 'E1', [['A', '14'], ['B', '4']]]]);
      expectStatus(await api.call('POST', `/api/inventories/${q}/differences`, { postingDate: '2026-03-31' }), 201);
      const d = (await api.call('GET', '/api/dashboard', undefined, { as: 'viewer' })).body;
      expect(d.accuracy).toEqual([
        // keys 2, 1 without difference; book 20 × 11.00 + 5 × 3.20 = 236.00; differences 3.20: 1 − 3.20 / 236.00 = 0.98644
        { inventoryId: p, inventory: '2026/1', date: '2026-02-28', keys: 2, keysWithoutDifference: 1, countAccuracy: '0.5000', bookValue: '236.00', differenceValue: '3.20', valueAccuracy: '0.9864' },
        // book 15 × 11.00 + 4 × 3.20 = 177.80; differences 11.00: 1 − 11.00 / 177.80 = 0.93813
        { inventoryId: q, inventory: '2026/2', date: '2026-03-31', keys: 2, keysWithoutDifference: 1, countAccuracy: '0.5000', bookValue: '177.80', differenceValue: '11.00', valueAccuracy: '0.9381' },
      ]);
      expect(d.openInventories).toEqual([]);
      expect(d.largestDifferences).toEqual([]);
      expect(d.differences).toEqual({ surplusValue: '0.00', shortageValue: '0.00', netValue: '0.00' });
    });

    it('shows the open inventories with counting progress per list and the differences so far', async () => {
      // book at 2026-04-30: MAIN A 19 (avg 11.80), B 4 (avg 3.20); SHOP B 20
      // O: MAIN A 16 (−3 × 11.80 = −35.40), B 6 (+2 × 3.20 = +6.40); a SHOP list with nothing counted yet
      const o = await inventory('2026-04-30', [['MAIN', 'E1', [['A', '16'], ['B', '6']]], ['SHOP', 'E2', []]]);
      // O2: SHOP B 17 (−3 at SHOP's shortage template cost, standard 9.50: −28.50)
      const o2 = await inventory('2026-04-30', [['SHOP', 'E1', [['B', '17']]]]);
      const r = await api.call('GET', '/api/dashboard', undefined, { as: 'viewer' });
      expectStatus(r, 200);
      const d = r.body;
      expect(d.openInventoriesTotal).toBe(2);
      expect(d.openInventories.map((i: any) => [i.inventory, i.differences])).toEqual([
        ['2026/4', { surplusValue: '0.00', shortageValue: '28.50', netValue: '-28.50', differingKeys: 1, overTolerance: 1 }],
        ['2026/3', { surplusValue: '6.40', shortageValue: '35.40', netValue: '-29.00', differingKeys: 2, overTolerance: 2 }],
      ]);
      expect(d.openInventories[0].id).toBe(o2);
      expect(d.openInventories[1].lists).toEqual([
        { id: lists[`${o}/MAIN`], warehouse: 'MAIN', employee: 'E1', employeeName: 'Ion Popescu', listType: 'STD', recount: false, counted: 2, expected: 2 },
        { id: lists[`${o}/SHOP`], warehouse: 'SHOP', employee: 'E2', employeeName: 'Maria Ionescu', listType: 'STD', recount: false, counted: 0, expected: 1 },
      ]);
      expect(d.differences).toEqual({ surplusValue: '6.40', shortageValue: '63.90', netValue: '-57.50' });
      expect(d.largestDifferences.map((x: any) => `${x.inventory} ${x.warehouse} ${x.item} ${x.difference} ${x.value}`)).toEqual([
        '2026/3 MAIN A -3.000 -35.40',
        '2026/4 SHOP B -3.000 -28.50',
        '2026/3 MAIN B 2.000 6.40',
      ]);
      expect(d.lastClosing).toBeNull();
      expect(d.period).toMatchObject({ year: yearOf(today()), periodStart: `${yearOf(today())}-01-01` });

      // a new count shows at once (the answer is kept only while nothing is written)
      expectStatus(await api.call('PUT', `/api/lines/${(await api.call('GET', `/api/lists/${lists[`${o2}/SHOP`]}/lines`)).body.items[0].id}`, { quantity: '20' }), 200);
      const again = (await api.call('GET', '/api/dashboard', undefined, { as: 'viewer' })).body;
      expect(again.openInventories[0].differences.netValue).toBe('0.00');
      expect(again.differences).toEqual({ surplusValue: '6.40', shortageValue: '35.40', netValue: '-29.00' });
    });

    it('names the last closing', async () => {
      const shop = await api.store.db.selectFrom('warehouses').select('id').where('code', '=', 'SHOP').executeTakeFirstOrThrow();
      await api.store.db.insertInto('templates').values({ warehouse_id: shop.id, code: 'RES', description: 'Resturi', type: 'load', oddments: 1 }).execute();
      expectStatus(await api.call('POST', '/api/closings', { closingDate: '2026-01-31', method: 'average' }, { as: 'supervisor' }), 201);
      const d = (await api.call('GET', '/api/dashboard', undefined, { as: 'approver' })).body;
      expect(d.lastClosing).toMatchObject({ closingDate: '2026-01-31', method: 'average' });
    });
  });
}

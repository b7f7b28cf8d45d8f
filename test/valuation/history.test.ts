/**
 * Warehouse history (SPEC §8): historicize saves the report's rows, the
 * `history` method and GET /api/warehouse-history read the latest snapshot on
 * or before a date. And the closing seam: a closing history source feeds the
 * last closing's state and the closed years to the report (worked example B).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExactValue, Quantity, UnitCost } from '../../src/core/decimal.ts';
import { valuedInventory } from '../../src/valuation/valued-inventory.ts';
import type { ClosingHistoryRequest, ClosingHistorySource } from '../../src/valuation/closing-history.ts';
import type { YearHistory } from '../../src/valuation/movement.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';

const q = (s: string) => Quantity.parse(s)!;
const c = (s: string) => UnitCost.parse(s)!;

async function post(api: TestApi, warehouse: string, template: string, date: string, lines: object[]) {
  const r = await api.call('POST', '/api/records', { warehouse, template, date, lines });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

async function count(api: TestApi, table: 'warehouse_history' | 'warehouse_history_runs' | 'audit_log') {
  const r = await api.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

for (const dialect of dialects) {
  describe(`warehouse history [${dialect}]`, () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await post(api, 'MAIN', 'CAR', '2026-02-01', [{ item: 'B', quantity: '10', unitCost: '2' }]);
      await post(api, 'SHOP', 'CAR', '2026-02-02', [{ item: 'B', quantity: '10', unitCost: '4' }]);
      await post(api, 'MAIN', 'VAN', '2026-02-03', [{ item: 'B', quantity: '4' }]);
      await post(api, 'MAIN', 'CAR', '2026-03-01', [{ item: 'LOT', quantity: '10', unitCost: '1', lot: 'L1' }]);
      await post(api, 'MAIN', 'CAR', '2026-03-02', [{ item: 'LOT', quantity: '5', unitCost: '3', lot: 'L2' }]);
    });
    afterAll(async () => api.close());

    const report = async (query: string, as: 'viewer' | 'supervisor' | 'admin' | 'counter' = 'viewer') =>
      api.call('GET', `/api/reports/valued-inventory?${query}`, undefined, { as });
    const values = (body: any) => body.rows.map((r: any) => [r.warehouse ?? '', r.item, r.quantity, r.unitCost, r.value]);

    it('historicize needs the close permission (supervisor, admin); refused requests save nothing', async () => {
      for (const as of ['viewer', 'counter'] as const) {
        const before = [await count(api, 'warehouse_history'), await count(api, 'warehouse_history_runs')];
        const r = await report('date=2026-06-30&historicize=true', as);
        expect(r.status).toBe(403);
        expect(r.body.code).toBe('INV_ERR_FORBIDDEN');
        expect([await count(api, 'warehouse_history'), await count(api, 'warehouse_history_runs')]).toEqual(before);
      }
      expect((await api.call('GET', '/api/warehouse-history', undefined, { as: 'viewer' })).status).toBe(200); // readers read
      expect((await api.call('GET', '/api/warehouse-history', undefined, { as: 'counter' })).status).toBe(403); // counters only count (SPEC §10)
    });

    it('saves the rows of a run, audited, and lists them as of a date', async () => {
      const audits = await count(api, 'audit_log');
      const r = await report('date=2026-06-30&method=fifo&groupBy=warehouse&historicize=true', 'supervisor');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.historyRunId).toEqual(expect.any(Number));
      expect(values(r.body)).toEqual([
        ['MAIN', 'B', '6.000', '3.25000', '19.50'],
        ['MAIN', 'LOT', '15.000', '1.66667', '25.00'],
        ['SHOP', 'B', '10.000', '3.25000', '32.50'],
      ]);
      expect(await count(api, 'audit_log')).toBe(audits + 1);
      const audit = await api.store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ entity: 'warehouseHistory', entity_key: String(r.body.historyRunId), action: 'historicize', username: 'supervisor' });

      const list = await api.call('GET', '/api/warehouse-history?date=2026-07-01&item=B');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(2);
      expect(list.body.items).toEqual([
        {
          runId: r.body.historyRunId,
          date: '2026-06-30',
          warehouse: 'MAIN',
          item: 'B',
          description: 'Articol B',
          managementArea: null,
          fiscalCategory: '',
          quantity: '6.000',
          lastCost: '4.00000',
          averageCost: '3.00000',
          method: 'fifo',
          unitCost: '3.25000',
          value: '19.50',
        },
        expect.objectContaining({ warehouse: 'SHOP', item: 'B', quantity: '10.000', value: '32.50' }),
      ]);
      expect((await api.call('GET', '/api/warehouse-history?date=2026-06-29')).body.total).toBe(0);
      expect((await api.call('GET', '/api/warehouse-history?date=2026-07-01&warehouse=SHOP')).body.items.map((x: any) => x.item)).toEqual(['B']);
    });

    it('method history values from the latest snapshot on or before historyDate, per item and warehouse', async () => {
      // the 06-30 snapshot (fifo, by warehouse): B at 3.25 in both warehouses
      const h1 = await report('date=2026-12-31&method=history&historyDate=2026-07-01&groupBy=warehouse');
      expect(h1.status).toBe(200);
      expect(h1.body.historyDate).toBe('2026-07-01');
      expect(values(h1.body)).toEqual([
        ['MAIN', 'B', '6.000', '3.25000', '19.50'],
        ['MAIN', 'LOT', '15.000', '1.66667', '25.00'],
        ['SHOP', 'B', '10.000', '3.25000', '32.50'],
      ]);
      // a later snapshot grouped by item (average): it is newer than the per-warehouse rows
      const r2 = await report('date=2026-09-30&method=average&historicize=true', 'admin');
      expect(r2.status).toBe(200);
      expect(values(r2.body)).toEqual([
        ['', 'B', '16.000', '3.00000', '48.00'],
        ['', 'LOT', '15.000', '1.66667', '25.00'],
      ]);
      const h2 = await report('date=2026-12-31&method=history&historyDate=2026-10-01');
      expect(values(h2.body)).toEqual([
        ['', 'B', '16.000', '3.00000', '48.00'],
        ['', 'LOT', '15.000', '1.66667', '25.00'],
      ]);
      // historyDate between the two snapshots: the first one
      const h3 = await report('date=2026-12-31&method=history&historyDate=2026-08-01');
      expect(values(h3.body)).toEqual([
        ['', 'B', '16.000', '3.25000', '52.00'],
        ['', 'LOT', '15.000', '1.66667', '25.00'],
      ]);
      // historyDate alone implies the history method; before any snapshot: the registry average (0 here)
      const h4 = await report('date=2026-12-31&historyDate=2026-06-01');
      expect(h4.body.method).toBe('history');
      expect(values(h4.body)).toEqual([
        ['', 'B', '16.000', '0.00000', '0.00'],
        ['', 'LOT', '15.000', '0.00000', '0.00'],
      ]);
      // without date every saved row is listed, newest first
      const all = await api.call('GET', '/api/warehouse-history');
      expect(all.body.total).toBe(5);
      expect(all.body.items.map((x: any) => x.date)).toEqual(['2026-09-30', '2026-09-30', '2026-06-30', '2026-06-30', '2026-06-30']);
    });

    it('historicize sums detail rows into one row per item (and warehouse)', async () => {
      const r = await report('date=2026-10-31&method=lot-cost&detail=lot&itemFrom=LOT&itemTo=LOT&historicize=true', 'supervisor');
      expect(r.status).toBe(200);
      expect(r.body.rows.map((x: any) => [x.lot, x.unitCost, x.value])).toEqual([
        ['L1', '1.00000', '10.00'],
        ['L2', '3.00000', '15.00'],
      ]);
      // as of a date, the latest row per (item, warehouse): the new item row, and the older per-warehouse row of 06-30
      const list = await api.call('GET', '/api/warehouse-history?date=2026-10-31&item=LOT');
      expect(list.body.items).toEqual([
        expect.objectContaining({ date: '2026-10-31', warehouse: null, item: 'LOT', quantity: '15.000', unitCost: '1.66667', value: '25.00', method: 'lot-cost' }),
        expect.objectContaining({ date: '2026-06-30', warehouse: 'MAIN', item: 'LOT', method: 'fifo' }),
      ]);
      // the history method prefers the newer of the two
      const h = await report('date=2026-12-31&method=history&historyDate=2026-10-31&groupBy=warehouse&itemFrom=LOT&itemTo=LOT');
      expect(values(h.body)).toEqual([['MAIN', 'LOT', '15.000', '1.66667', '25.00']]);
    });

    it('refuses a bad date (400) and unknown codes (404)', async () => {
      expect((await api.call('GET', '/api/warehouse-history?date=2026-13-01')).status).toBe(400);
      expect((await api.call('GET', '/api/warehouse-history?item=NOPE')).body.code).toBe('INV_ERR_NOT_FOUND');
      expect((await report('historicize=maybe')).status).toBe(400);
    });
  });

  describe(`the closing seam: worked example B through the report [${dialect}]`, () => {
    let api: TestApi;
    let source: ClosingHistorySource;
    const requests: ClosingHistoryRequest[] = [];
    /** the valued inventory with this test's closing history source, passed explicitly */
    const valued = async (date: string, method: string) => ({ status: 200, body: await valuedInventory(api.ctx, { date, method }, { closingSource: source }) });
    // closed years 2022–2025 as SPEC §6 example B (shifted by two years)
    const years: YearHistory[] = [
      { year: 2022, closingQuantity: q('100'), purchasedQuantity: q('100'), purchasedValue: (q('100') * c('2')) as ExactValue, averagePurchaseCost: c('2') },
      { year: 2023, closingQuantity: q('0'), purchasedQuantity: q('50'), purchasedValue: (q('50') * c('1.8')) as ExactValue, averagePurchaseCost: c('1.8') },
      { year: 2024, closingQuantity: q('60'), purchasedQuantity: q('60'), purchasedValue: (q('60') * c('1.5')) as ExactValue, averagePurchaseCost: c('1.5') },
      { year: 2025, closingQuantity: q('100'), purchasedQuantity: q('100'), purchasedValue: (q('100') * c('2.5')) as ExactValue, averagePurchaseCost: c('2.5') },
    ];

    beforeAll(async () => {
      api = await openTestApi(dialect);
      const fx = await seedFixture(api.store);
      source = {
        async load(_db, request) {
          requests.push(request);
          return {
            closingState: (scope) =>
              scope.itemId === fx.items.A
                ? { closingDate: '2025-12-31', quantity: q('100'), averageCost: c('2.2'), movingAverageRate: c('2.2'), lastCost: c('2.6'), fifoLayers: [{ date: '2025-11-01', quantity: q('100'), unitCost: c('2.2') }] }
                : undefined,
            years: (itemId) => (itemId === fx.items.A ? years : []),
          };
        },
      };
      // the closing at 2025-12-31 and its opening record (oddments template RES) dated the day after
      await api.store.db.insertInto('closings').values({ closing_date: '2025-12-31', method: 'average', previous_closing_date: null, created_by: 'test', created_at: '2026-01-01T00:00:00Z' }).execute();
      await post(api, 'MAIN', 'RES', '2026-01-01', [{ item: 'A', quantity: '100', unitCost: '2.2' }]);
      await post(api, 'MAIN', 'CAR', '2026-02-01', [{ item: 'A', quantity: '50', unitCost: '2.8' }]);
      await post(api, 'MAIN', 'VAN', '2026-03-01', [{ item: 'A', quantity: '30' }]);
      await post(api, 'MAIN', 'CAR', '2026-04-01', [{ item: 'A', quantity: '50', unitCost: '3.2' }]);
    });
    afterAll(async () => {
      await api.close();
    });

    it('lifo-yearly: 70 @ 3.00 + 40 @ 2.50 + 60 @ 1.50 = 400.00 (unit 2.35294)', async () => {
      const r = await valued('2026-05-23', 'lifo-yearly');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.closingDate).toBe('2025-12-31');
      expect(r.body.rows.map((x: any) => [x.item, x.quantity, x.unitCost, x.value])).toEqual([['A', '170.000', '2.35294', '400.00']]);
      expect(requests.at(-1)).toMatchObject({ closingDate: '2025-12-31', perWarehouse: false });
    });

    it('the other methods continue from the closing state', async () => {
      const rows = async (method: string) => (await valued('2026-05-23', method)).body.rows.map((x: any) => x.value);
      // fifo: the closing's layer 100 @ 2.20 (the opening line is not added again), 50 @ 2.80, −30, 50 @ 3.20
      expect(await rows('fifo')).toEqual(['454.00']); // 70 × 2.2 + 50 × 2.8 + 50 × 3.2
      // moving average from the closing rate 2.20: +50 @ 2.8 → 2.4; −30; +50 @ 3.2 → 2.63529; 170 × 2.63529 = 447.9993
      expect(await rows('moving-average')).toEqual(['448.00']);
      // fifo-yearly: 100 @ 3.00 (2026 purchases), 70 @ 2.50 (2025)
      expect(await rows('fifo-yearly')).toEqual(['475.00']);
      // the opening record takes part in the average like any load: (220 + 140 + 160) / 200 = 2.60
      expect(await rows('average')).toEqual(['442.00']);
    });

    it('no closing before the date: the source is not asked', async () => {
      const before = requests.length;
      const r = await valued('2025-12-31', 'lifo-yearly');
      expect(r.body.rows).toEqual([]);
      expect(requests.length).toBe(before);
    });
  });
}

/**
 * The valued quantity inventory over HTTP (SPEC §6, §8), on both dialects:
 * worked example A, every method on a small ledger with the awkward cases
 * (negative stock, zero stock, a zero-quantity cost line, a non-fiscal item
 * and a non-fiscal template, lots, variants), filters, grouping, details,
 * sorting, value-per-warehouse on and off, management areas, CSV and PDF.
 */
import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money, Quantity } from '../../src/core/decimal.ts';
import { UnitCost } from '../../src/core/decimal.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture, type Fixture } from '../helpers/fixtures.ts';

const D = '2026-12-31';

/** [item, quantity, unitCost, value] of each row */
type Row = [string, string, string, string];

/**
 * The ledger (all in 2026, warehouse MAIN unless said):
 *   A    worked example A: 10 @ 10, 10 @ 12, −5, 5 @ 15
 *   B    MAIN 10 @ 2, SHOP 10 @ 4, MAIN −4
 *   LOT  L1 10 @ 1, L1 10 @ 2, L2 5 @ 3, L1 −4
 *   VAR  RED/A1/J1/X1 3 @ 5, BLUE/B1/J2/X2 2 @ 5
 *   NF   non-fiscal item: 7 @ 3
 *   C    10 @ 4, 10 @ 100 on a non-fiscal template, a zero-quantity line of 12.00
 *   D    only an unload of 5 (negative stock; registry average 2.50)
 *   E    3 @ 1, −3 (zero stock)
 *   R    0.5 @ 0.01 (value 0.005 → 0.01)
 */
async function seedLedger(api: TestApi, fx: Fixture): Promise<void> {
  const db = api.store.db;
  const items: [string, Record<string, unknown>][] = [
    ['C', { item_type: 'PF', fiscal_category: 'F2', merchandise_category: 'MM', description: 'Bec LED' }],
    ['D', { average_cost: UnitCost.parse('2.5')! }],
    ['E', {}],
    ['R', {}],
  ];
  for (const [code, extra] of items) {
    // R is weighed: half a unit is a valid kg quantity (SPEC §14), never half a piece
    await db.insertInto('items').values({ code, description: `Articol ${code}`, uom: code === 'R' ? 'kg' : 'buc', ...extra }).execute();
  }
  await db.updateTable('items').set({ item_type: 'PF', fiscal_category: 'F1', merchandise_category: 'ZZ', description: 'Șurub cu piuliță' }).where('code', '=', 'A').execute();
  await db.updateTable('items').set({ item_type: 'MP', fiscal_category: 'F1', merchandise_category: 'AA', description: 'Ață albă' }).where('code', '=', 'B').execute();
  await db
    .insertInto('templates')
    .values({ warehouse_id: fx.warehouses.MAIN, code: 'NFI', description: 'Încărcare nefiscală', type: 'load', fiscal_interest: 0, update_average_cost: 1, update_last_cost: 1 })
    .execute();
  await db.updateTable('year_params').set({ allow_negative_stock: 1 }).execute();

  const post = async (warehouse: string, template: string, date: string, lines: object[]) => {
    const r = await api.call('POST', '/api/records', { warehouse, template, date, lines });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };
  await post('MAIN', 'CAR', '2026-01-10', [{ item: 'A', quantity: '10', unitCost: '10' }]);
  await post('MAIN', 'CAR', '2026-01-11', [{ item: 'A', quantity: '10', unitCost: '12' }]);
  await post('MAIN', 'VAN', '2026-01-12', [{ item: 'A', quantity: '5' }]);
  await post('MAIN', 'CAR', '2026-01-13', [{ item: 'A', quantity: '5', unitCost: '15' }]);
  await post('MAIN', 'CAR', '2026-02-01', [{ item: 'B', quantity: '10', unitCost: '2' }]);
  await post('SHOP', 'CAR', '2026-02-02', [{ item: 'B', quantity: '10', unitCost: '4' }]);
  await post('MAIN', 'VAN', '2026-02-03', [{ item: 'B', quantity: '4' }]);
  await post('MAIN', 'CAR', '2026-03-01', [{ item: 'LOT', quantity: '10', unitCost: '1', lot: 'L1' }]);
  await post('MAIN', 'CAR', '2026-03-02', [{ item: 'LOT', quantity: '10', unitCost: '2', lot: 'L1' }]);
  await post('MAIN', 'CAR', '2026-03-03', [{ item: 'LOT', quantity: '5', unitCost: '3', lot: 'L2' }]);
  await post('MAIN', 'VAN', '2026-03-04', [{ item: 'LOT', quantity: '4', lot: 'L1' }]);
  await post('MAIN', 'CAR', '2026-04-01', [
    { item: 'VAR', variant: 'RED', location: 'A1', jobOrder: 'J1', account: 'X1', quantity: '3', unitCost: '5' },
    { item: 'VAR', variant: 'BLUE', location: 'B1', jobOrder: 'J2', account: 'X2', quantity: '2', unitCost: '5' },
  ]);
  await post('MAIN', 'CAR', '2026-05-01', [{ item: 'NF', quantity: '7', unitCost: '3' }]);
  await post('MAIN', 'CAR', '2026-05-02', [{ item: 'C', quantity: '10', unitCost: '4' }]);
  await post('MAIN', 'NFI', '2026-05-03', [{ item: 'C', quantity: '10', unitCost: '100' }]);
  await post('MAIN', 'ZER', '2026-05-04', [{ item: 'C', quantity: '0', amount: '12.00' }]);
  await post('MAIN', 'VLA', '2026-06-01', [{ item: 'D', quantity: '5' }]);
  await post('MAIN', 'CAR', '2026-06-02', [{ item: 'E', quantity: '3', unitCost: '1' }]);
  await post('MAIN', 'VAN', '2026-06-03', [{ item: 'E', quantity: '3' }]);
  await post('MAIN', 'CAR', '2026-06-04', [{ item: 'R', quantity: '0.5', unitCost: '0.01' }]);
}

/** Σ of decimal strings at a scale, exactly */
function sum(values: string[], kind: typeof Money | typeof Quantity): string {
  return kind.format(values.reduce((s, v) => s + kind.parse(v)!, 0n));
}

for (const dialect of dialects) {
  describe(`valued quantity inventory [${dialect}]`, () => {
    let api: TestApi;
    let fx: Fixture;

    beforeAll(async () => {
      api = await openTestApi(dialect);
      fx = await seedFixture(api.store);
      await seedLedger(api, fx);
    });
    afterAll(async () => api.close());

    async function report(query: string, as: 'admin' | 'viewer' | 'supervisor' | 'counter' = 'viewer') {
      const r = await api.call('GET', `/api/reports/valued-inventory?${query}`, undefined, { as });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      // totals are the sum of the rounded rows, always
      expect(r.body.totals.value).toBe(sum(r.body.rows.map((x: any) => x.value), Money));
      expect(r.body.totals.quantity).toBe(sum(r.body.rows.map((x: any) => x.quantity), Quantity));
      return r.body;
    }
    const rowsOf = (body: any): Row[] => body.rows.map((r: any) => [r.item, r.quantity, r.unitCost, r.value]);

    it('worked example A through the report: 236.00, 240.00, 245.00, 300.00', async () => {
      const expected: Record<string, Row> = {
        average: ['A', '20.000', '11.80000', '236.00'],
        'moving-average': ['A', '20.000', '12.00000', '240.00'],
        fifo: ['A', '20.000', '12.25000', '245.00'],
        last: ['A', '20.000', '15.00000', '300.00'],
      };
      for (const [method, row] of Object.entries(expected)) {
        const body = await report(`date=${D}&method=${method}&itemFrom=A&itemTo=A`);
        expect(rowsOf(body)).toEqual([row]);
        expect(body).toMatchObject({ date: D, method, groupBy: 'item', closingDate: null, valuePerWarehouse: false });
      }
    });

    it('every method on the ledger (grouped by item, default stock filter: not zero)', async () => {
      const expected: Record<string, Row[]> = {
        average: [
          ['A', '20.000', '11.80000', '236.00'],
          ['B', '16.000', '3.00000', '48.00'],
          ['C', '20.000', '5.20000', '104.00'], // (40 + 12) / 10: the non-fiscal load and its 1000.00 do not count
          ['D', '-5.000', '2.50000', '-12.50'], // only an unload: the registry average
          ['LOT', '21.000', '1.80000', '37.80'],
          ['NF', '7.000', '0.00000', '0.00'],
          ['R', '0.500', '0.01000', '0.01'],
          ['VAR', '5.000', '5.00000', '25.00'],
        ],
        'moving-average': [
          ['A', '20.000', '12.00000', '240.00'],
          ['B', '16.000', '3.00000', '48.00'],
          ['C', '20.000', '5.20000', '104.00'],
          ['D', '-5.000', '2.50000', '-12.50'],
          ['LOT', '21.000', '1.80000', '37.80'],
          ['NF', '7.000', '0.00000', '0.00'],
          ['R', '0.500', '0.01000', '0.01'],
          ['VAR', '5.000', '5.00000', '25.00'],
        ],
        fifo: [
          ['A', '20.000', '12.25000', '245.00'],
          ['B', '16.000', '3.25000', '52.00'], // 6 @ 2 + 10 @ 4
          ['C', '20.000', '4.00000', '80.00'], // fiscal layers hold 10 @ 4; the book quantity is valued at their cost
          ['D', '-5.000', '2.50000', '-12.50'], // a negative layer at the registry average
          ['LOT', '21.000', '1.95238', '41.00'], // 6 @ 1 + 10 @ 2 + 5 @ 3
          ['NF', '7.000', '0.00000', '0.00'],
          ['R', '0.500', '0.01000', '0.01'],
          ['VAR', '5.000', '5.00000', '25.00'],
        ],
        last: [
          ['A', '20.000', '15.00000', '300.00'],
          ['B', '16.000', '4.00000', '64.00'],
          ['C', '20.000', '4.00000', '80.00'],
          ['D', '-5.000', '0.00000', '0.00'],
          ['LOT', '21.000', '3.00000', '63.00'],
          ['NF', '7.000', '0.00000', '0.00'],
          ['R', '0.500', '0.01000', '0.01'],
          ['VAR', '5.000', '5.00000', '25.00'],
        ],
        'lot-cost': [
          ['A', '20.000', '11.80000', '236.00'], // one lot '' at the average of its loads
          ['B', '16.000', '3.00000', '48.00'],
          ['C', '20.000', '5.20000', '104.00'],
          ['D', '-5.000', '2.50000', '-12.50'],
          ['LOT', '21.000', '1.85714', '39.00'], // L1 16 @ 1.50 + L2 5 @ 3.00
          ['NF', '7.000', '0.00000', '0.00'],
          ['R', '0.500', '0.01000', '0.01'],
          ['VAR', '5.000', '5.00000', '25.00'],
        ],
        standard: [
          ['A', '20.000', '9.50000', '190.00'],
          ['B', '16.000', '9.50000', '152.00'],
          ['C', '20.000', '0.00000', '0.00'],
          ['D', '-5.000', '0.00000', '0.00'],
          ['LOT', '21.000', '9.50000', '199.50'],
          ['NF', '7.000', '0.00000', '0.00'],
          ['R', '0.500', '0.00000', '0.00'],
          ['VAR', '5.000', '9.50000', '47.50'],
        ],
        'registry-average': [
          ['A', '20.000', '0.00000', '0.00'],
          ['B', '16.000', '0.00000', '0.00'],
          ['C', '20.000', '0.00000', '0.00'],
          ['D', '-5.000', '2.50000', '-12.50'],
          ['LOT', '21.000', '0.00000', '0.00'],
          ['NF', '7.000', '0.00000', '0.00'],
          ['R', '0.500', '0.00000', '0.00'],
          ['VAR', '5.000', '0.00000', '0.00'],
        ],
      };
      for (const [method, rows] of Object.entries(expected)) {
        const body = await report(`date=${D}&method=${method}`);
        expect(rowsOf(body), method).toEqual(rows);
        expect(body.rows.find((r: any) => r.item === 'NF').fiscal).toBe(false);
        expect(body.rows.find((r: any) => r.item === 'A').fiscal).toBe(true);
      }
      expect((await report(`date=${D}`)).totals).toEqual({ quantity: '84.500', value: '438.31' });
    });

    it('lifo-yearly and fifo-yearly without closed years: the current year’s purchases', async () => {
      for (const method of ['lifo-yearly', 'fifo-yearly']) {
        const body = await report(`date=${D}&method=${method}&itemFrom=A&itemTo=B`);
        // no history: everything is the current-year increment at this year's average purchase cost
        expect(rowsOf(body)).toEqual([
          ['A', '20.000', '11.80000', '236.00'],
          ['B', '16.000', '3.00000', '48.00'],
        ]);
      }
    });

    it('a valuation date before the movements sees only what was posted by then', async () => {
      const body = await report('date=2026-01-11&method=fifo');
      expect(rowsOf(body)).toEqual([['A', '20.000', '11.00000', '220.00']]);
      expect((await report('date=2025-12-31')).rows).toEqual([]);
    });

    it('grouped by warehouse: quantities equal GET /api/stock; costs per item are shared by the warehouses', async () => {
      const body = await report(`date=${D}&groupBy=warehouse`);
      const stock = await api.call('GET', `/api/stock?date=${D}`);
      const key = (r: any) => `${r.warehouse}|${r.item}|${r.quantity}`;
      expect(body.rows.map(key).sort()).toEqual(stock.body.rows.map(key).sort());
      expect(body.rows.filter((r: any) => r.item === 'B').map((r: any) => [r.warehouse, r.quantity, r.unitCost, r.value])).toEqual([
        ['MAIN', '6.000', '3.00000', '18.00'],
        ['SHOP', '10.000', '3.00000', '30.00'],
      ]);
      // a layered cost split over warehouses values each part at the item's unit cost
      const fifo = await report(`date=${D}&groupBy=warehouse&method=fifo&itemFrom=B&itemTo=B`);
      expect(fifo.rows.map((r: any) => [r.warehouse, r.quantity, r.unitCost, r.value])).toEqual([
        ['MAIN', '6.000', '3.25000', '19.50'],
        ['SHOP', '10.000', '3.25000', '32.50'],
      ]);
    });

    it('value-per-warehouse: costs per item and warehouse', async () => {
      await api.store.db.updateTable('year_params').set({ value_per_warehouse: 1 }).where('year', '=', 2026).execute();
      try {
        const byWarehouse = await report(`date=${D}&groupBy=warehouse&itemFrom=B&itemTo=B`);
        expect(byWarehouse.valuePerWarehouse).toBe(true);
        expect(byWarehouse.rows.map((r: any) => [r.warehouse, r.quantity, r.unitCost, r.value])).toEqual([
          ['MAIN', '6.000', '2.00000', '12.00'],
          ['SHOP', '10.000', '4.00000', '40.00'],
        ]);
        // grouped by item: the warehouses' values added, the unit cost shown is value / quantity
        expect(rowsOf(await report(`date=${D}&itemFrom=B&itemTo=B`))).toEqual([['B', '16.000', '3.25000', '52.00']]);
        const fifo = await report(`date=${D}&groupBy=warehouse&method=fifo&itemFrom=B&itemTo=B`);
        expect(fifo.rows.map((r: any) => r.value)).toEqual(['12.00', '40.00']);
        // a warehouse filter with costs per warehouse
        expect(rowsOf(await report(`date=${D}&warehouse=SHOP&method=moving-average`))).toEqual([['B', '10.000', '4.00000', '40.00']]);
      } finally {
        await api.store.db.updateTable('year_params').set({ value_per_warehouse: 0 }).where('year', '=', 2026).execute();
      }
    });

    it('details: lot, variant, location, job order, account', async () => {
      const lots = await report(`date=${D}&detail=lot&itemFrom=LOT&itemTo=LOT&method=lot-cost`);
      expect(lots.rows.map((r: any) => [r.lot, r.quantity, r.unitCost, r.value])).toEqual([
        ['L1', '16.000', '1.50000', '24.00'],
        ['L2', '5.000', '3.00000', '15.00'],
      ]);
      const avg = await report(`date=${D}&detail=lot&itemFrom=LOT&itemTo=LOT`);
      expect(avg.rows.map((r: any) => [r.lot, r.unitCost, r.value])).toEqual([
        ['L1', '1.80000', '28.80'],
        ['L2', '1.80000', '9.00'],
      ]);
      // a fifo value split by lot: each part at the item's unit cost, the total still the sum of the rows
      const fifo = await report(`date=${D}&detail=lot&itemFrom=LOT&itemTo=LOT&method=fifo`);
      expect(fifo.rows.map((r: any) => [r.lot, r.unitCost, r.value])).toEqual([
        ['L1', '1.95238', '31.24'],
        ['L2', '1.95238', '9.76'],
      ]);
      const dims = await report(`date=${D}&detail=variant,location,jobOrder,account&itemFrom=VAR&itemTo=VAR`);
      expect(dims.rows).toEqual([
        { item: 'VAR', description: 'Articol VAR', uom: 'buc', variant: 'BLUE', location: 'B1', jobOrder: 'J2', account: 'X2', quantity: '2.000', unitCost: '5.00000', value: '10.00', fiscal: true },
        { item: 'VAR', description: 'Articol VAR', uom: 'buc', variant: 'RED', location: 'A1', jobOrder: 'J1', account: 'X1', quantity: '3.000', unitCost: '5.00000', value: '15.00', fiscal: true },
      ]);
      const byWarehouseAndLot = await report(`date=${D}&groupBy=warehouse&detail=lot&itemFrom=LOT&itemTo=LOT`);
      expect(byWarehouseAndLot.rows.map((r: any) => [r.warehouse, r.lot, r.quantity])).toEqual([
        ['MAIN', 'L1', '16.000'],
        ['MAIN', 'L2', '5.000'],
      ]);
    });

    it('stock sign filter', async () => {
      expect(rowsOf(await report(`date=${D}&stock=zero`))).toEqual([['E', '0.000', '1.00000', '0.00']]);
      expect(rowsOf(await report(`date=${D}&stock=negative`))).toEqual([['D', '-5.000', '2.50000', '-12.50']]);
      expect((await report(`date=${D}&stock=positive`)).rows.map((r: any) => r.item)).toEqual(['A', 'B', 'C', 'LOT', 'NF', 'R', 'VAR']);
      const all = await report(`date=${D}&stock=positive,zero,negative`);
      expect(all.rows.map((r: any) => r.item)).toEqual(['A', 'B', 'C', 'D', 'E', 'LOT', 'NF', 'R', 'VAR']);
      expect(all.stock).toEqual(['positive', 'zero', 'negative']);
    });

    it('filters: warehouse, template, item range, item type, fiscal and merchandise category', async () => {
      // costs per item: SHOP's 10 valued at the item's average over both warehouses
      expect(rowsOf(await report(`date=${D}&warehouse=SHOP`))).toEqual([['B', '10.000', '3.00000', '30.00']]);
      // only the non-fiscal template's quantity, valued at the item's cost
      expect(rowsOf(await report(`date=${D}&template=NFI`))).toEqual([['C', '10.000', '5.20000', '52.00']]);
      expect((await report(`date=${D}&itemFrom=B&itemTo=D`)).rows.map((r: any) => r.item)).toEqual(['B', 'C', 'D']);
      expect((await report(`date=${D}&itemType=MP`)).rows.map((r: any) => r.item)).toEqual(['B']);
      expect((await report(`date=${D}&fiscalCategory=F2`)).rows.map((r: any) => r.item)).toEqual(['C']);
      expect((await report(`date=${D}&merchandiseCategory=AA`)).rows.map((r: any) => r.item)).toEqual(['B']);
      const filtered = await report(`date=${D}&warehouse=MAIN&itemType=PF`);
      expect(filtered.filters).toEqual({ warehouse: 'MAIN', itemType: 'PF' });
      expect(filtered.rows.map((r: any) => r.item)).toEqual(['A', 'C']);
    });

    it('sorting by item, description (Romanian order) and merchandise category', async () => {
      const items = async (sort: string) => (await report(`date=${D}&sort=${sort}`)).rows.map((r: any) => r.item);
      expect(await items('item')).toEqual(['A', 'B', 'C', 'D', 'LOT', 'NF', 'R', 'VAR']);
      // Articol … < Ață albă < Bec LED < Șurub cu piuliță
      expect(await items('description')).toEqual(['D', 'LOT', 'NF', 'R', 'VAR', 'B', 'C', 'A']);
      expect(await items('merchandiseCategory')).toEqual(['D', 'LOT', 'NF', 'R', 'VAR', 'B', 'C', 'A']);
      const grouped = await report(`date=${D}&groupBy=warehouse&sort=description&itemFrom=A&itemTo=B`);
      expect(grouped.rows.map((r: any) => `${r.warehouse}:${r.item}`)).toEqual(['MAIN:B', 'MAIN:A', 'SHOP:B']);
    });

    it('management area: each warehouse valued by its area’s method', async () => {
      expect((await api.call('POST', '/api/management-areas', { code: 'ZF', description: 'Zona FIFO', method: 'fifo' })).status).toBe(201);
      expect((await api.call('POST', '/api/management-areas', { code: 'ZM', description: 'Zona CMP', method: 'average' })).status).toBe(201);
      const setArea = async (warehouse: string, area: string | null) => {
        const r = await api.call('PUT', `/api/warehouses/${warehouse}`, { description: `Gestiunea ${warehouse}`, managementArea: area });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      };
      await setArea('MAIN', 'ZF');
      await setArea('SHOP', 'ZM');
      try {
        const byWarehouse = await report(`date=${D}&method=management-area&groupBy=warehouse&itemFrom=A&itemTo=B`);
        expect(byWarehouse.rows.map((r: any) => [r.warehouse, r.item, r.unitCost, r.value])).toEqual([
          ['MAIN', 'A', '12.25000', '245.00'],
          ['MAIN', 'B', '3.25000', '19.50'],
          ['SHOP', 'B', '3.00000', '30.00'],
        ]);
        const byItem = await report(`date=${D}&method=management-area&itemFrom=A&itemTo=B`);
        expect(rowsOf(byItem)).toEqual([
          ['A', '20.000', '12.25000', '245.00'],
          ['B', '16.000', '3.09375', '49.50'],
        ]);
        // a warehouse without a management area is valued by average
        await setArea('SHOP', null);
        const noArea = await report(`date=${D}&method=management-area&groupBy=warehouse&warehouse=SHOP`);
        expect(noArea.rows.map((r: any) => [r.item, r.value])).toEqual([['B', '30.00']]);
      } finally {
        await setArea('MAIN', null);
        await setArea('SHOP', null);
      }
    });

    it('half-up rounding at .xx5 in the report', async () => {
      // 0.5 × 0.01 = 0.005 → 0.01, for every unit-cost method
      for (const method of ['average', 'moving-average', 'last', 'fifo', 'lot-cost']) {
        expect(rowsOf(await report(`date=${D}&method=${method}&itemFrom=R&itemTo=R`))[0][3]).toBe('0.01');
      }
    });

    it('CSV in Romanian and English: headers, rows, a total line', async () => {
      const ro = await api.call('GET', `/api/reports/valued-inventory?date=${D}&groupBy=warehouse&detail=lot&format=csv`, undefined, { lang: 'ro' });
      expect(ro.status).toBe(200);
      expect(ro.headers['content-type']).toMatch(/^text\/csv/);
      // the Romanian CSV style (SPEC §14): BOM, ';', decimal comma
      expect(ro.text.charCodeAt(0)).toBe(0xfeff);
      const records: string[][] = parse(ro.text, { bom: true, delimiter: ';' });
      expect(records[0]).toEqual(['Gestiune', 'Articol', 'Descriere', 'UM', 'Lot', 'Cantitate', 'Cost unitar', 'Valoare']);
      expect(records).toContainEqual(['MAIN', 'A', 'Șurub cu piuliță', 'buc', '', '20,000', '11,80000', '236,00']);
      expect(records).toContainEqual(['MAIN', 'LOT', 'Articol LOT', 'buc', 'L2', '5,000', '1,80000', '9,00']);
      expect(records[records.length - 1]).toEqual(['Total', '', '', '', '', '84,500', '', '438,31']);
      const en = await api.call('GET', `/api/reports/valued-inventory?date=${D}&format=csv&method=fifo`, undefined, { lang: 'en' });
      const enRecords: string[][] = parse(en.text, { bom: true });
      expect(enRecords[0]).toEqual(['Item', 'Description', 'UoM', 'Quantity', 'Unit cost', 'Value']);
      expect(enRecords[1]).toEqual(['A', 'Șurub cu piuliță', 'buc', '20.000', '12.25000', '245.00']);
      expect(enRecords.length).toBe(8 + 2);
    });

    it('PDF in Romanian and English with DejaVu: headings with diacritics and the rows', async () => {
      const ro = await api.call('GET', `/api/reports/valued-inventory?date=${D}&format=pdf`, undefined, { lang: 'ro' });
      expect(ro.status).toBe(200);
      expect(ro.headers['content-type']).toBe('application/pdf');
      const raw = await api.app.inject({
        method: 'GET',
        url: `/api/reports/valued-inventory?date=${D}&format=pdf`,
        headers: { authorization: `Bearer ${api.tokens.viewer}`, 'accept-language': 'ro' },
      });
      const text = (await new PDFParse({ data: new Uint8Array(raw.rawPayload) }).getText()).text;
      expect(text).toContain('Inventar cantitativ valoric');
      expect(text).toContain('Cost mediu ponderat (CMP)');
      expect(text).toContain('Cantitate');
      expect(text).toContain('Șurub cu piuliță');
      expect(text).toContain('Ață albă');
      expect(text).toMatch(/A\s+Șurub cu piuliță\s+buc\s+20,000\s+11,80000\s+236,00/);
      expect(text).toContain('Metoda de evaluare: Cost mediu ponderat (CMP)');
      expect(text).toContain('Total valoare: 438,31');
      expect(text).toContain('Total cantitate: 84,500');
      const en = await api.app.inject({
        method: 'GET',
        url: `/api/reports/valued-inventory?date=${D}&format=pdf&method=fifo&groupBy=warehouse`,
        headers: { authorization: `Bearer ${api.tokens.viewer}`, 'accept-language': 'en' },
      });
      const enText = (await new PDFParse({ data: new Uint8Array(en.rawPayload) }).getText()).text;
      expect(enText).toContain('Valued quantity inventory');
      expect(enText).toContain('FIFO');
      expect(enText).toMatch(/SHOP\s+B\s+Ață albă\s+buc\s+10\.000\s+3\.25000\s+32\.50/);
    });

    it('refuses bad input (400), unknown codes (404), no sign-in (401)', async () => {
      const bad = async (query: string, status: number, code: string) => {
        const r = await api.call('GET', `/api/reports/valued-inventory?${query}`);
        expect(r.status, JSON.stringify(r.body)).toBe(status);
        expect(r.body.code).toBe(code);
        expect(r.headers['content-type']).toMatch(/problem\+json/);
      };
      await bad('method=lifo', 400, 'INV_ERR_VALIDATION');
      await bad('groupBy=location', 400, 'INV_ERR_VALIDATION');
      await bad('detail=colour', 400, 'INV_ERR_VALIDATION');
      await bad('stock=big', 400, 'INV_ERR_VALIDATION');
      await bad('date=2026-02-30', 400, 'INV_ERR_VALIDATION');
      await bad('format=xls', 400, 'INV_ERR_VALIDATION');
      await bad('warehouse=NOPE', 404, 'INV_ERR_NOT_FOUND');
      await bad('template=ZZZ', 404, 'INV_ERR_NOT_FOUND');
      const r = await api.call('GET', '/api/reports/valued-inventory', undefined, { as: null });
      expect(r.status).toBe(401);
    });

    it('layered methods: one line takes round(Σ layers), a split line takes round(Q × unit cost)', async () => {
      await api.store.db.insertInto('items').values({ code: 'F', description: 'Articol F', uom: 'buc' }).execute();
      for (const [lot, cost] of [
        ['L1', '0.00001'],
        ['L2', '0.00002'],
      ]) {
        const r = await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-12-31', lines: [{ item: 'F', quantity: '1000', unitCost: cost, lot }] });
        expect(r.status).toBe(201);
      }
      // exact 0.03 over 2000: unit cost round(0.000015, 5) = 0.00002
      expect(rowsOf(await report(`date=${D}&method=fifo&itemFrom=F&itemTo=F`))).toEqual([['F', '2000.000', '0.00002', '0.03']]);
      expect(rowsOf(await report(`date=${D}&method=fifo&itemFrom=F&itemTo=F&groupBy=warehouse`))).toEqual([['F', '2000.000', '0.00002', '0.03']]);
      // split by lot: each part at round(1000 × 0.00002, 2) = 0.02; the total is the sum of the rows
      const split = await report(`date=${D}&method=fifo&itemFrom=F&itemTo=F&detail=lot`);
      expect(split.rows.map((r: any) => [r.lot, r.value])).toEqual([
        ['L1', '0.02'],
        ['L2', '0.02'],
      ]);
      expect(split.totals.value).toBe('0.04');
      // a unit-cost method values Q × unit cost: average 0.000015 → 0.00002 → 0.04
      expect(rowsOf(await report(`date=${D}&method=average&itemFrom=F&itemTo=F`))).toEqual([['F', '2000.000', '0.00002', '0.04']]);
    });

    it('is described in the OpenAPI document', async () => {
      const r = await api.call('GET', '/api/openapi.json');
      expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/reports/valued-inventory', '/api/warehouse-history']));
    });
  });
}

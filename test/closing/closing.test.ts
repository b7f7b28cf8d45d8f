/**
 * Warehouse closing (SPEC §7, issue 5) on both databases: the checks refuse
 * and write nothing; a good closing writes the expected opening records and
 * history; after it stock and the perpetual costs at later dates are those of
 * the full history; records in the closed period are refused; restore puts
 * every table back exactly; concurrent closings: one wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture, type Fixture } from '../helpers/fixtures.ts';
import { Money, Quantity, UnitCost } from '../../src/core/decimal.ts';
import { addDays } from '../../src/core/dates.ts';
import { stockRows } from '../../src/ledger/stock.ts';
import { valuationAt } from '../../src/valuation/item-cost.ts';
import { storedClosingHistory } from '../../src/valuation/closing/history-source.ts';
import type { StreamCostMethod } from '../../src/valuation/index.ts';
import { tableDigests } from './support.ts';

const C = '2026-03-31';
/** dates after the closing where stock and costs are compared */
const LATER = ['2026-04-01', '2026-04-10', '2026-04-15', '2026-05-01', '2026-05-10', '2026-06-01', '2026-07-01', '2026-11-01'];

type Line = Record<string, unknown>;
const rec = (warehouse: string, template: string, date: string, lines: Line[], extra: object = {}) => ({ warehouse, template, date, lines, ...extra });

/** The ledger: loads, unloads at proposed costs, a transfer, a value line, lots, serials, variants, a non-fiscal item; some records after C. */
const LEDGER = [
  rec('MAIN', 'CAR', '2026-01-10', [
    { item: 'A', quantity: '10', unitCost: '10', location: 'A1' },
    { item: 'B', quantity: '20', unitCost: '2.5', location: 'B1' },
    { item: 'VAR', variant: 'RED', quantity: '5', unitCost: '7', location: 'A1' },
    { item: 'VAR', variant: 'BLUE', quantity: '3', unitCost: '8', location: 'A1' },
    { item: 'LOT', quantity: '6', unitCost: '4', lot: 'L1', location: 'B1' },
    { item: 'SER', quantity: '2', unitCost: '50', serials: ['S1', 'S2'], location: 'B1' },
    { item: 'NF', quantity: '4', unitCost: '1', location: 'B1' },
  ]),
  rec('MAIN', 'CAR', '2026-01-15', [
    { item: 'A', quantity: '10', unitCost: '12', location: 'A1' },
    { item: 'LOT', quantity: '4', unitCost: '5', lot: 'L2', location: 'B1' },
  ]),
  rec('MAIN', 'VAN', '2026-01-20', [
    { item: 'A', quantity: '5', location: 'A1' },
    { item: 'LOT', quantity: '2', lot: 'L1', location: 'B1' },
  ]),
  rec('MAIN', 'TRF', '2026-02-01', [
    { item: 'A', quantity: '3', location: 'A1' },
    { item: 'B', quantity: '5', location: 'B1' },
  ]),
  rec('MAIN', 'ZER', '2026-02-05', [{ item: 'A', quantity: '0', amount: '6.00', location: 'A1' }]),
  rec('SHOP', 'CAR', '2026-02-10', [{ item: 'B', quantity: '10', unitCost: '3', location: 'R1' }]),
  rec('MAIN', 'VLA', '2026-02-20', [{ item: 'B', quantity: '4', location: 'B1' }]),
  rec('MAIN', 'CAR', '2026-03-01', [
    { item: 'A', quantity: '5', unitCost: '15', location: 'B1' },
    { item: 'SER', quantity: '1', unitCost: '55', serials: ['S3'], location: 'B1' },
  ]),
  rec('SHOP', 'VAN', '2026-03-05', [{ item: 'B', quantity: '6', location: 'R1' }]),
  // after C: one on C + 1, the opening records' own day
  rec('MAIN', 'CAR', '2026-04-01', [{ item: 'A', quantity: '4', unitCost: '14', location: 'A1' }]),
  rec('MAIN', 'VAN', '2026-04-10', [{ item: 'A', quantity: '12', location: 'A1' }]),
  rec('SHOP', 'VAN', '2026-04-15', [{ item: 'B', quantity: '2', location: 'R1' }]),
  rec('MAIN', 'CAR', '2026-05-01', [{ item: 'B', quantity: '10', unitCost: '3', location: 'B1' }]),
  rec('MAIN', 'VAN', '2026-05-10', [{ item: 'B', quantity: '8', location: 'B1' }]),
  rec('MAIN', 'VAN', '2026-06-01', [
    { item: 'LOT', quantity: '3', lot: 'L2', location: 'B1' },
    { item: 'SER', quantity: '1', serials: ['S1'], location: 'B1' },
  ]),
  rec('MAIN', 'CAR', '2026-07-01', [{ item: 'VAR', variant: 'RED', quantity: '2', unitCost: '9', location: 'A1' }]),
  rec('MAIN', 'TRF', '2026-07-02', [{ item: 'A', quantity: '1', location: 'B1' }]),
];

const ITEMS = ['A', 'B', 'VAR', 'LOT', 'SER', 'NF'];
/** SHOP closes by item only: its stock by location is summed away on request (SPEC §7 collapse) */
const SHOP_SUMS = { collapse: ['location'] };
const METHODS: StreamCostMethod[] = ['fifo', 'moving-average', 'last'];

for (const dialect of dialects) {
  for (const perWarehouse of [false, true]) {
    describe(`warehouse closing [${dialect}${perWarehouse ? ', value per warehouse' : ''}]`, () => {
      let api: TestApi;
      let fx: Fixture;

      const post = async (body: object) => {
        const r = await api.call('POST', '/api/records', body);
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        return r.body;
      };

      /** book stock by (warehouse, item) and, in MAIN, by its closing dimensions, at every day from C + 1 */
      async function stockPicture(): Promise<string[]> {
        const out: string[] = [];
        for (let d = addDays(C, 1); d <= '2026-11-24'; d = addDays(d, 1)) {
          for (const r of await stockRows(api.store.db, { date: d })) out.push(`${d} ${r.warehouse_id} ${r.item_id} ${r.quantity}`);
          for (const r of await stockRows(api.store.db, { date: d, warehouseId: fx.warehouses.MAIN, by: ['variant', 'location', 'lot', 'serial'] })) {
            out.push(`${d} M ${r.item_id} ${r.variant}/${r.location}/${r.lot}/${r.serial} ${r.quantity}`);
          }
        }
        return out;
      }

      /** fifo, moving average and last of every item (per warehouse with value-per-warehouse) at the later dates */
      async function costPicture(): Promise<string[]> {
        const out: string[] = [];
        const scopes: { itemId: number; warehouseId?: number }[] = perWarehouse
          ? ITEMS.flatMap((i) => [fx.warehouses.MAIN, fx.warehouses.SHOP].map((w) => ({ itemId: fx.items[i], warehouseId: w })))
          : ITEMS.map((i) => ({ itemId: fx.items[i] }));
        for (const date of LATER) {
          for (const scope of scopes) {
            for (const m of METHODS) {
              const r = await valuationAt(api.store.db, scope, date, m, storedClosingHistory);
              out.push(`${date} ${scope.itemId}/${scope.warehouseId ?? ''} ${m} q=${Quantity.format(r.quantity)} c=${UnitCost.format(r.unitCost)} v=${Money.format(r.value)}`);
            }
          }
        }
        return out;
      }

      beforeAll(async () => {
        api = await openTestApi(dialect);
        fx = await seedFixture(api.store);
        const db = api.store.db;
        await db
          .updateTable('year_warehouse_params')
          .set({ close_by_variant: 1, close_by_location: 1, close_by_lot: 1 })
          .where('year', '=', 2026)
          .where('warehouse_id', '=', fx.warehouses.MAIN)
          .execute();
        if (perWarehouse) await db.updateTable('year_params').set({ value_per_warehouse: 1 }).where('year', '=', 2026).execute();
        for (const body of LEDGER) await post(body);
      });
      afterAll(async () => api.close());

      it('reports every check error and warning at once, in ro and en, and a closing with errors writes nothing', async () => {
        const db = api.store.db;
        // negative book stock in SHOP (allowed there for postings, not at a closing)
        await db.updateTable('year_warehouse_params').set({ negative_stock: 1, check_location: 1 }).where('year', '=', 2026).where('warehouse_id', '=', fx.warehouses.SHOP).execute();
        const negative = await post(rec('SHOP', 'VAN', '2026-03-20', [{ item: 'A', quantity: '50', location: 'R1' }]));
        // a lot-managed item without lot (a template without lot management)
        const noLot = await post(rec('MAIN', 'VST', '2026-03-21', [{ item: 'LOT', quantity: '1', location: 'B1' }]));
        // a serial-managed line without serial can only come from outside the API (old data)
        const tpl = await db.selectFrom('templates').select('id').where('warehouse_id', '=', fx.warehouses.MAIN).where('code', '=', 'CAR').executeTakeFirstOrThrow();
        const raw = await db
          .insertInto('records')
          .values({ warehouse_id: fx.warehouses.MAIN, template_id: tpl.id, date: '2026-03-22', number: 1, origin: 'import', created_by: 'old', created_at: '2026-03-22T10:00:00Z' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('movements')
          .values({ record_id: raw.id, line_no: 1, date: '2026-03-22', record_number: 1, warehouse_id: fx.warehouses.MAIN, template_id: tpl.id, item_id: fx.items.SER, location: 'B1', quantity: Quantity.of(1), unit_cost: UnitCost.of(50), amount: Money.of(50) })
          .execute();
        // warnings: a fiscal load without cost, an open inventory with counts
        const free = await post(rec('MAIN', 'CAR', '2026-03-25', [{ item: 'B', quantity: '1', unitCost: '0', location: 'B1' }]));
        const lt = await db.insertInto('list_types').values({ code: 'LT', description: 'Listă' }).returning('id').executeTakeFirstOrThrow();
        const emp = await db.selectFrom('employees').select('id').where('code', '=', 'E1').executeTakeFirstOrThrow();
        const inv = await db
          .insertInto('inventories')
          .values({ year: 2026, number: 7, date: '2026-03-15', operator_id: emp.id, created_by: 'admin', created_at: '2026-03-15T08:00:00Z' })
          .returning('id')
          .executeTakeFirstOrThrow();
        const list = await db
          .insertInto('inventory_lists')
          .values({ inventory_id: inv.id, list_type_id: lt.id, employee_id: emp.id, warehouse_id: fx.warehouses.MAIN, created_by: 'admin', created_at: '2026-03-15T08:00:00Z' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('inventory_lines')
          .values({ list_id: list.id, item_id: fx.items.A, uom: 'buc', counted_quantity: Quantity.of(3), inserted_at: '2026-03-15T09:00:00Z', inserted_by: 'admin' })
          .execute();

        const en = await api.call('POST', '/api/closings/check', { closingDate: C, ...SHOP_SUMS }, { lang: 'en' });
        expect(en.status, JSON.stringify(en.body)).toBe(200);
        const codes = (list: { code: string }[]) => list.map((e) => e.code).sort();
        expect(codes(en.body.errors)).toEqual([
          'INV_ERR_CLOSING_LOT_MISSING',
          'INV_ERR_CLOSING_NEGATIVE_STOCK',
          'INV_ERR_CLOSING_NEGATIVE_STOCK',
          'INV_ERR_CLOSING_NO_ODDMENTS',
          'INV_ERR_CLOSING_SERIAL_MISSING',
        ]);
        const byCode = (code: string) => en.body.errors.find((e: { code: string }) => e.code === code);
        // the unload without lot also leaves the key (LOT, B1, no lot) negative: MAIN closes by lot
        expect(en.body.errors.filter((e: { code: string }) => e.code === 'INV_ERR_CLOSING_NEGATIVE_STOCK')[1]).toMatchObject({
          warehouse: 'MAIN',
          item: 'LOT',
          location: 'B1',
          quantity: '-1.000',
          message: 'Negative book stock of LOT in warehouse MAIN (location B1) on 2026-03-31: -1.000',
        });
        expect(byCode('INV_ERR_CLOSING_NEGATIVE_STOCK')).toMatchObject({ warehouse: 'SHOP', item: 'A', quantity: '-47.000', path: '/stock/SHOP/A' });
        expect(byCode('INV_ERR_CLOSING_NEGATIVE_STOCK').message).toBe('Negative book stock of A in warehouse SHOP on 2026-03-31: -47.000');
        expect(byCode('INV_ERR_CLOSING_LOT_MISSING')).toMatchObject({ item: 'LOT', recordId: noLot.id, lineNo: 1, warehouse: 'MAIN' });
        expect(byCode('INV_ERR_CLOSING_SERIAL_MISSING')).toMatchObject({ item: 'SER', recordId: Number(raw.id), lineNo: 1 });
        expect(byCode('INV_ERR_CLOSING_NO_ODDMENTS')).toMatchObject({ warehouse: 'SHOP', path: '/warehouses/SHOP' });
        expect(codes(en.body.warnings)).toEqual(['INV_WARN_CLOSING_CHECK_DIMENSION', 'INV_WARN_LOAD_WITHOUT_COST', 'INV_WARN_OPEN_INVENTORY']);
        expect(en.body.warnings.find((w: { code: string }) => w.code === 'INV_WARN_LOAD_WITHOUT_COST')).toMatchObject({ recordId: free.id, item: 'B' });
        expect(en.body.warnings.find((w: { code: string }) => w.code === 'INV_WARN_OPEN_INVENTORY')).toMatchObject({ inventoryId: inv.id, inventoryNumber: 7 });

        const ro = await api.call('POST', '/api/closings/check', { closingDate: C, ...SHOP_SUMS }, { lang: 'ro' });
        expect(ro.body.errors.map((e: { message: string }) => e.message)).toContain('Stoc scriptic negativ pentru A în gestiunea SHOP la 31.03.2026: -47,000');
        expect(ro.body.errors.find((e: { code: string }) => e.code === 'INV_ERR_CLOSING_NO_ODDMENTS').message).toContain('nu are un șablon de resturi');
        expect(ro.body.warnings.find((e: { code: string }) => e.code === 'INV_WARN_CLOSING_CHECK_DIMENSION').message).toContain('verifică stocul pe locație');

        // dates: in the future, and a year without parameters
        const future = await api.call('POST', '/api/closings/check', { closingDate: '2026-12-31', ...SHOP_SUMS });
        expect(codes(future.body.errors)).toContain('INV_ERR_CLOSING_IN_FUTURE');
        const noParams = await api.call('POST', '/api/closings/check', { closingDate: '2025-06-30' });
        expect(codes(noParams.body.errors)).toEqual(['INV_ERR_NO_YEAR_PARAMS']);
        // malformed input
        expect((await api.call('POST', '/api/closings/check', { closingDate: '2026-02-30' })).body.code).toBe('INV_ERR_VALIDATION');
        expect((await api.call('POST', '/api/closings', { closingDate: C, method: 'history' })).status).toBe(400);

        // the closing itself refuses with the same errors and writes nothing
        const before = await tableDigests(api.store);
        for (const lang of ['en', 'ro'] as const) {
          const r = await api.call('POST', '/api/closings', { closingDate: C, ...SHOP_SUMS }, { lang });
          expect(r.status).toBe(422);
          expect(r.headers['content-type']).toMatch(/problem\+json/);
          expect(r.body.code).toBe('INV_ERR_CLOSING_CHECKS');
          expect(codes(r.body.errors)).toEqual(codes(en.body.errors));
          expect(r.body.warnings.length).toBe(3);
          expect(r.body.detail).toBe(lang === 'en' ? 'The warehouse closing at 2026-03-31 cannot run: 5 check errors' : 'Închiderea gestiunii la 31.03.2026 nu se poate face: 5 erori la verificare');
        }
        expect((await api.call('POST', '/api/closings', { closingDate: '2026-12-31', ...SHOP_SUMS })).status).toBe(422);
        expect(await tableDigests(api.store)).toEqual(before);

        // fix the errors; the warnings stay (they do not block)
        expect((await api.call('DELETE', `/api/records/${negative.id}`)).status).toBe(204);
        expect((await api.call('DELETE', `/api/records/${noLot.id}`)).status).toBe(204);
        await db.deleteFrom('movements').where('record_id', '=', raw.id).execute();
        await db.deleteFrom('records').where('id', '=', raw.id).execute();
        await db.updateTable('year_warehouse_params').set({ negative_stock: 0 }).where('year', '=', 2026).where('warehouse_id', '=', fx.warehouses.SHOP).execute();
        await db.insertInto('templates').values({ warehouse_id: fx.warehouses.SHOP, code: 'RES', description: 'Resturi', type: 'load', oddments: 1, proposed_cost: 'last' }).execute();
        const ok = await api.call('POST', '/api/closings/check', { closingDate: C, ...SHOP_SUMS });
        expect(ok.body.errors).toEqual([]);
      });

      let digestBefore: Record<string, string>;
      let stockBefore: string[];
      let costsBefore: string[];
      let closingId: number;

      it('closes: opening records per warehouse at C + 1 with one line per closing key, history rows, last closing date, next year', async () => {
        const db = api.store.db;
        stockBefore = await stockPicture();
        costsBefore = await costPicture();
        digestBefore = await tableDigests(api.store);
        // the expected unit costs: MAIN's template proposes none → average; SHOP's proposes last
        const scopeOf = (item: string, wh: 'MAIN' | 'SHOP') => (perWarehouse ? { itemId: fx.items[item], warehouseId: fx.warehouses[wh] } : { itemId: fx.items[item] });
        const expected = async (item: string, wh: 'MAIN' | 'SHOP') => UnitCost.format((await valuationAt(db, scopeOf(item, wh), C, wh === 'MAIN' ? 'average' : 'last', storedClosingHistory)).unitCost);

        const r = await api.call('POST', '/api/closings', { closingDate: C, ...SHOP_SUMS });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        closingId = r.body.id;
        expect(r.body).toMatchObject({ closingDate: C, method: 'template', previousClosingDate: null, perWarehouse });
        expect(r.body.warnings.map((w: { code: string }) => w.code).sort()).toEqual(['INV_WARN_CLOSING_CHECK_DIMENSION', 'INV_WARN_LOAD_WITHOUT_COST', 'INV_WARN_OPEN_INVENTORY']);
        const [main, shop] = r.body.openingRecords;
        expect(main).toMatchObject({ warehouse: 'MAIN', template: 'RES', date: '2026-04-01', number: 0, origin: 'closing', closingId });
        expect(shop).toMatchObject({ warehouse: 'SHOP', template: 'RES', date: '2026-04-01', number: 0, origin: 'closing', closingId });
        const lines = (rec: { lines: Line[] }) => rec.lines.map((l) => [l.item, l.variant, l.location, l.lot, l.serial, l.quantity]);
        // MAIN closes by variant, location and lot+serial: one line per such key with stock; SHOP by item only
        expect(lines(main)).toEqual([
          ['A', '', 'A1', '', '', '12.000'],
          ['A', '', 'B1', '', '', '5.000'],
          ['B', '', 'B1', '', '', '12.000'],
          ['LOT', '', 'B1', 'L1', '', '4.000'],
          ['LOT', '', 'B1', 'L2', '', '4.000'],
          ['SER', '', 'B1', '', 'S1', '1.000'],
          ['SER', '', 'B1', '', 'S2', '1.000'],
          ['SER', '', 'B1', '', 'S3', '1.000'],
          ['VAR', 'BLUE', 'A1', '', '', '3.000'],
          ['VAR', 'RED', 'A1', '', '', '5.000'],
          ['NF', '', 'B1', '', '', '4.000'],
        ].sort((a, b) => (fx.items[a[0]] - fx.items[b[0]]) || (a.join() < b.join() ? -1 : 1)));
        expect(lines(shop)).toEqual([
          ['A', '', '', '', '', '3.000'],
          ['B', '', '', '', '', '9.000'],
        ]);
        for (const l of main.lines) {
          if (l.item === 'NF') expect(l.unitCost).toBe('0.00000');
          else expect(l.unitCost, l.item).toBe(await expected(l.item, 'MAIN'));
          expect(l.amount).toBe(Money.format(Money.raw((Quantity.parse(l.quantity)! * UnitCost.parse(l.unitCost)! + 500000n) / 1000000n)));
        }
        for (const l of shop.lines) expect(l.unitCost).toBe(await expected(l.item, 'SHOP'));
        if (!perWarehouse) {
          // per item: (100 + 120 + 75 + 6.00 value line) / 25 loads = 12.04
          expect(main.lines[0].unitCost).toBe('12.04000');
          expect(main.lines[0].amount).toBe('144.48');
        }

        const params = await db.selectFrom('year_params').selectAll().orderBy('year').execute();
        expect(params.map((p) => [p.year, p.last_closing_date, p.period_start, p.period_end])).toEqual([
          [2026, C, '2026-01-01', '2026-12-31'],
          [2027, C, '2027-01-01', '2027-12-31'],
        ]);
        expect((await db.selectFrom('year_warehouse_params').selectAll().where('year', '=', 2027).execute()).length).toBe(2);

        const rows = await api.call('GET', `/api/closings/${closingId}/rows?item=A`, undefined, { as: 'viewer' });
        expect(rows.status).toBe(200);
        const a = rows.body.items;
        expect(a.length).toBe(perWarehouse ? 2 : 1);
        const aItem = a.find((x: { warehouse: string | null }) => x.warehouse === (perWarehouse ? 'MAIN' : null));
        if (!perWarehouse) {
          // A: book 12 + 5 (MAIN) + 3 (SHOP); purchases: loads on update-average templates and the 6.00 value line
          expect(aItem).toMatchObject({
            year: 2026,
            closingDate: C,
            quantity: '20.000',
            averageCost: '12.04000',
            lastCost: '15.00000',
            purchasedQuantity: '25.000',
            purchasedValue: '301.00',
            value: Money.format(Money.parse(main.lines[0].amount)! + Money.parse(main.lines[1].amount)! + Money.parse(shop.lines[0].amount)!),
          });
          expect(aItem.fifoLayers.reduce((s: bigint, l: { quantity: string }) => s + Quantity.parse(l.quantity)!, 0n)).toBe(Quantity.of(20));
          expect(aItem.lifoLayers).toEqual([{ year: 2026, quantity: '20.000', unitCost: aItem.lifoLayers[0].unitCost }]);
        }
        const list = await api.call('GET', '/api/closings', undefined, { as: 'viewer' });
        expect(list.body.total).toBe(1);
        expect(list.body.items[0]).toMatchObject({ id: closingId, closingDate: C, year: 2026, openingDate: '2026-04-01', openingRecordIds: [main.id, shop.id] });
        expect((await api.call('GET', '/api/closings?item=NF')).body.total).toBe(1);
        expect((await api.call('GET', `/api/closings/${closingId}/rows?warehouse=SHOP`)).body.items.map((x: { item: string }) => x.item).sort()).toEqual(['A', 'B']);
        expect((await api.call('GET', '/api/closings/999/rows')).status).toBe(404);
      });

      it('after the closing: book stock at every later date is unchanged, fifo / moving average / last continue exactly', async () => {
        expect(await stockPicture()).toEqual(stockBefore);
        expect(await costPicture()).toEqual(costsBefore);
        // the stock query reads only movements after C (the opening records carry the rest)
        const rows = await stockRows(api.store.db, { date: '2026-04-01', itemId: fx.items.A, warehouseId: fx.warehouses.MAIN, by: ['location'] });
        expect(rows.map((r) => [r.location, Quantity.format(r.quantity)])).toEqual([
          ['A1', '16.000'],
          ['B1', '5.000'],
        ]);
      });

      it('refuses records dated on or before the last closing (409), in ro and en', async () => {
        for (const date of [C, '2026-03-01']) {
          const r = await api.call('POST', '/api/records', rec('MAIN', 'CAR', date, [{ item: 'A', quantity: '1', unitCost: '1', location: 'A1' }]), { lang: 'ro' });
          expect(r.status).toBe(409);
          expect(r.body.code).toBe('INV_ERR_PERIOD_CLOSED');
          expect(r.body.detail).toContain('ultima închidere (31.03.2026)');
        }
        const old = await api.call('GET', '/api/records?to=2026-03-31&origin=manual&limit=1');
        const id = old.body.items[0].id;
        expect((await api.call('DELETE', `/api/records/${id}`)).status).toBe(409);
        // opening records are generated: never edited by hand
        const opening = await api.call('GET', '/api/records?origin=closing&limit=1');
        expect((await api.call('DELETE', `/api/records/${opening.body.items[0].id}`)).body.code).toBe('INV_ERR_RECORD_NOT_EDITABLE');
        // and a second closing at or before C
        const again = await api.call('POST', '/api/closings', { closingDate: C, ...SHOP_SUMS });
        expect(again.status).toBe(422);
        expect(again.body.errors.map((e: { code: string }) => e.code)).toContain('INV_ERR_CLOSING_NOT_AFTER_LAST');
      });

      it('only supervisors and admins close and restore; readers read the history, counters do not (SPEC §10)', async () => {
        for (const as of ['counter', 'viewer'] as const) {
          expect((await api.call('POST', '/api/closings/check', { closingDate: C, ...SHOP_SUMS }, { as })).status).toBe(403);
          expect((await api.call('POST', '/api/closings', { closingDate: '2026-04-30', ...SHOP_SUMS }, { as })).status).toBe(403);
          expect((await api.call('DELETE', '/api/closings/last', undefined, { as })).status).toBe(403);
          expect((await api.call('GET', '/api/closings', undefined, { as })).status).toBe(as === 'counter' ? 403 : 200);
        }
        expect((await api.call('GET', '/api/closings', undefined, { as: null })).status).toBe(401);
      });

      it('a second closing continues from the first; restoring twice restores each in turn, every table back to its state', async () => {
        const afterFirst = await tableDigests(api.store);
        const second = await api.call('POST', '/api/closings', { closingDate: '2026-05-31', method: 'fifo', ...SHOP_SUMS }, { as: 'supervisor' });
        expect(second.status, JSON.stringify(second.body)).toBe(201);
        expect(second.body.previousClosingDate).toBe(C);
        // still the full history's figures after two closings
        expect(await stockPicture()).toEqual(stockBefore);
        expect(await costPicture()).toEqual(costsBefore);
        // fifo opening lines carry the fifo unit cost of their scope at the second closing
        const main = second.body.openingRecords.find((r: { warehouse: string }) => r.warehouse === 'MAIN');
        const b = main.lines.find((l: Line) => l.item === 'B');
        const scope = perWarehouse ? { itemId: fx.items.B, warehouseId: fx.warehouses.MAIN } : { itemId: fx.items.B };
        expect(b.unitCost).toBe(UnitCost.format((await valuationAt(api.store.db, scope, '2026-05-31', 'fifo', storedClosingHistory)).unitCost));

        const r1 = await api.call('DELETE', '/api/closings/last', undefined, { as: 'supervisor' });
        expect(r1.status).toBe(200);
        expect(r1.body).toMatchObject({ id: second.body.id, closingDate: '2026-05-31', lastClosingDate: C });
        expect(await tableDigests(api.store)).toEqual(afterFirst);
        const r2 = await api.call('DELETE', '/api/closings/last');
        expect(r2.body).toMatchObject({ id: closingId, closingDate: C, lastClosingDate: null });
        expect(await tableDigests(api.store)).toEqual(digestBefore);
        expect(await costPicture()).toEqual(costsBefore);
        // the audit trail keeps the closings and the restores
        const trail = await api.store.db.selectFrom('audit_log').select(['action', 'entity_key']).where('entity', '=', 'closing').orderBy('id').execute();
        expect(trail.map((t) => `${t.action} ${t.entity_key}`)).toEqual([
          `create ${closingId}`,
          `create ${second.body.id}`,
          `restore ${second.body.id}`,
          `restore ${closingId}`,
        ]);
        const none = await api.call('DELETE', '/api/closings/last', undefined, { lang: 'ro' });
        expect(none.status).toBe(404);
        expect(none.body.detail).toContain('Închiderea');
        // the period is open again
        await post(rec('MAIN', 'CAR', '2026-03-30', [{ item: 'A', quantity: '1', unitCost: '1', location: 'A1' }]));
      });

      it('of two concurrent closings exactly one succeeds', async () => {
        const [x, y] = await Promise.all([
          api.call('POST', '/api/closings', { closingDate: C, ...SHOP_SUMS }),
          api.call('POST', '/api/closings', { closingDate: C, ...SHOP_SUMS }),
        ]);
        expect([x.status, y.status].sort()).toEqual([201, 422]);
        const loser = x.status === 422 ? x : y;
        expect(loser.body.errors.map((e: { code: string }) => e.code)).toEqual(['INV_ERR_CLOSING_NOT_AFTER_LAST']);
        expect((await api.store.db.selectFrom('closings').selectAll().execute()).length).toBe(1);
        expect((await api.store.db.selectFrom('records').select('id').where('origin', '=', 'closing').execute()).length).toBe(2);
      });
    });
  }
}

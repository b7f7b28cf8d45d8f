/**
 * Properties of the valued inventory over random ledgers, on both dialects:
 *   - its quantities equal GET /api/stock at the same date (by warehouse, and by lot);
 *   - every method's totals are the sum of its rounded rows;
 *   - fifo's remaining layers sum to the book stock (of the fiscal movements);
 *   - the streaming report agrees with the pure cost methods run over the
 *     same item's movements (valuationAt → valueStream), method by method.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money, Quantity, UnitCost } from '../../src/core/decimal.ts';
import { COST_METHODS, isStreamMethod, type StreamCostMethod } from '../../src/valuation/index.ts';
import { valuationAt } from '../../src/valuation/item-cost.ts';
import { storedClosingHistory } from '../../src/valuation/closing/history-source.ts';
import { sumLayers } from '../../src/valuation/result.ts';
import { addDays } from '../../src/core/dates.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';

const STREAM_METHODS = COST_METHODS.filter(isStreamMethod) as StreamCostMethod[];
const UNIT_METHODS = new Set(['average', 'moving-average', 'last', 'standard', 'registry-average', 'registry-last']);

/** one posting: kind, which of the run's 3 items, quantity (scale 3), cost (scale 5), day offset, lot */
const op = fc.record({
  kind: fc.constantFrom('load', 'load', 'unload', 'unload', 'shopLoad', 'shopUnload', 'nonFiscal', 'zero'),
  item: fc.integer({ min: 0, max: 2 }),
  quantity: fc.oneof(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 1, max: 5_000_000 })),
  // tiny costs on large quantities make round(Σ layers) and round(Q × unit cost) differ
  cost: fc.oneof(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 9 })),
  day: fc.integer({ min: 0, max: 30 }),
  lot: fc.constantFrom('', '', 'L1', 'L2'),
});
type Op = { kind: string; item: number; quantity: number; cost: number; day: number; lot: string };

const START = '2026-07-01';

for (const dialect of dialects) {
  describe(`valued inventory properties [${dialect}]`, () => {
    let api: TestApi;
    let run = 0;

    beforeAll(async () => {
      api = await openTestApi(dialect);
      const fx = await seedFixture(api.store);
      await api.store.db.updateTable('year_params').set({ allow_negative_stock: 1 }).execute();
      await api.store.db
        .insertInto('templates')
        .values({ warehouse_id: fx.warehouses.MAIN, code: 'NFI', description: 'nefiscal', type: 'load', fiscal_interest: 0, update_average_cost: 1, update_last_cost: 1 })
        .execute();
    });
    afterAll(async () => api.close());

    /** posts a random ledger for 3 new items (0 and 1 fiscal, 2 not; only item 1 gets non-fiscal template loads) */
    async function postLedger(ops: Op[]): Promise<{ codes: string[]; ids: number[]; nonFiscalIn: bigint[] }> {
      run++;
      const codes = [0, 1, 2].map((i) => `P${String(run).padStart(3, '0')}_${i}`);
      const ids: number[] = [];
      for (const [i, code] of codes.entries()) {
        const row = await api.store.db
          .insertInto('items')
          .values({ code, description: code, uom: 'kg', fiscal_interest: i === 2 ? 0 : 1, average_cost: UnitCost.parse('1.5')!, last_cost: UnitCost.parse('2.25')!, standard_cost: UnitCost.parse('3')! })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(row.id);
      }
      const nonFiscalIn = [0n, 0n, 0n];
      for (const o of ops) {
        const item = o.kind === 'nonFiscal' ? 1 : o.item;
        const quantity = Quantity.format(BigInt(o.quantity));
        const unitCost = UnitCost.format(BigInt(o.cost));
        const line: Record<string, string> = { item: codes[item], quantity };
        let warehouse = 'MAIN';
        let template = 'CAR';
        if (o.kind === 'load' || o.kind === 'shopLoad') {
          Object.assign(line, { unitCost, lot: o.lot });
          if (o.kind === 'shopLoad') warehouse = 'SHOP';
        } else if (o.kind === 'unload' || o.kind === 'shopUnload') {
          template = 'VAN';
          if (o.kind === 'shopUnload') warehouse = 'SHOP';
        } else if (o.kind === 'nonFiscal') {
          template = 'NFI';
          line.unitCost = unitCost;
          nonFiscalIn[1] += BigInt(o.quantity);
        } else {
          template = 'ZER';
          Object.assign(line, { quantity: '0', amount: Money.format(BigInt(o.cost % 100_000) + 1n) });
        }
        const r = await api.call('POST', '/api/records', { warehouse, template, date: addDays(START, o.day), lines: [line] });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
      return { codes, ids, nonFiscalIn };
    }

    async function report(query: string) {
      const r = await api.call('GET', `/api/reports/valued-inventory?${query}`, undefined, { as: 'viewer' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const sum = (k: 'value' | 'quantity', kind: typeof Money | typeof Quantity) => kind.format(r.body.rows.reduce((s: bigint, x: any) => s + kind.parse(x[k])!, 0n));
      expect(r.body.totals.value).toBe(sum('value', Money));
      expect(r.body.totals.quantity).toBe(sum('quantity', Quantity));
      return r.body;
    }

    it('report quantities = book stock, totals = Σ rounded rows, fifo layers = stock, report = pure methods', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: dialect === 'sqlite' ? 14 : 8 }), fc.integer({ min: 0, max: 31 }), async (ops, dayOfD) => {
          const { codes, ids, nonFiscalIn } = await postLedger(ops);
          const D = addDays(START, dayOfD);
          const range = `itemFrom=${codes[0]}&itemTo=${codes[2]}`;
          const ours = (rows: any[]) => rows.filter((r) => codes.includes(r.item));

          // quantities equal GET /api/stock, by warehouse and by warehouse and lot
          for (const [detail, by] of [
            ['', ''],
            ['&detail=lot', '&by=lot'],
          ]) {
            const rep = await report(`date=${D}&groupBy=warehouse${detail}&${range}`);
            const stock = await api.call('GET', `/api/stock?date=${D}${by}`);
            const key = (r: any) => `${r.warehouse}|${r.item}|${r.lot ?? ''}|${r.quantity}`;
            expect(rep.rows.map(key).sort()).toEqual(ours(stock.body.rows).map(key).sort());
          }

          // every method: totals are the sum of the rounded rows (checked in report())
          for (const method of COST_METHODS.filter((m) => m !== 'history')) {
            await report(`date=${D}&method=${method}&${range}&stock=positive,zero,negative`);
            await report(`date=${D}&method=${method}&${range}&groupBy=warehouse&detail=lot`);
          }

          // book stock per item
          const stock = await api.call('GET', `/api/stock?date=${D}`);
          const book = codes.map((code) => ours(stock.body.rows).filter((r: any) => r.item === code).reduce((s: bigint, r: any) => s + Quantity.parse(r.quantity)!, 0n));
          const dated = (o: Op) => addDays(START, o.day) <= D;
          const nonFiscalToD = ops.filter((o) => o.kind === 'nonFiscal' && dated(o)).reduce((s, o) => s + BigInt(o.quantity), 0n);
          expect(nonFiscalToD <= nonFiscalIn[1]).toBe(true);

          // fifo: the remaining layers sum to the (fiscal) book stock
          for (const i of [0, 1]) {
            const fifo = await valuationAt(api.store.db, { itemId: ids[i] }, D, 'fifo', storedClosingHistory);
            expect(sumLayers(fifo.layers ?? []).quantity).toBe(i === 0 ? book[0] : book[1] - nonFiscalToD);
          }

          // the streaming report = the pure methods over the same item's movements
          for (const method of STREAM_METHODS) {
            const rep = await report(`date=${D}&method=${method}&${range}&stock=positive,zero,negative`);
            for (const i of [0, 1]) {
              const row = rep.rows.find((r: any) => r.item === codes[i]);
              if (!row) {
                expect(book[i]).toBe(0n); // no movement up to D
                continue;
              }
              const pure = await valuationAt(api.store.db, { itemId: ids[i] }, D, method, storedClosingHistory);
              if (i === 0) {
                // book = fiscal stock: the same value, the same unit cost (lot-cost's single lot aside)
                expect(row.value, `${method} value`).toBe(Money.format(pure.value));
                if (method !== 'lot-cost') expect(row.unitCost, `${method} unit cost`).toBe(UnitCost.format(pure.unitCost));
              } else if (UNIT_METHODS.has(method)) {
                expect(row.unitCost, `${method} unit cost`).toBe(UnitCost.format(pure.unitCost));
              }
            }
            // the non-fiscal item: its quantity, no value
            const nf = rep.rows.find((r: any) => r.item === codes[2]);
            if (nf) expect([nf.unitCost, nf.value, nf.fiscal]).toEqual(['0.00000', '0.00', false]);
          }
        }),
        { numRuns: dialect === 'sqlite' ? 40 : 8 },
      );
    });
  });
}

/**
 * Property test of the stock ledger (SPEC §3), on every test dialect: random
 * sequences of loads, unloads and transfers (MAIN TRF → SHOP TRI, an offset
 * template) over a few fresh items, lots and dates, posted in random date
 * order through createRecord. A model of the accepted movements predicts
 * every answer:
 * - a posting is refused (INV_ERR_NEGATIVE_STOCK) exactly when it would take
 *   a checked level — (warehouse, item) or (warehouse, item, lot) — below
 *   zero at its date or any later date; a refused posting writes nothing;
 * - book stock at every date (stockOf, stockRows, by warehouse, in total and
 *   by lot) equals the sum of the signed quantities dated on or before it;
 * - no checked level is ever negative (negative stock is not allowed in the
 *   fixture), and a transfer never changes the total over the warehouses.
 * Each run uses items of its own, so runs are independent on one store.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { Quantity, UnitCost } from '../../src/core/decimal.ts';
import { InventarError } from '../../src/core/errors.ts';
import { createRecord } from '../../src/ledger/records.ts';
import { stockOf, stockRows } from '../../src/ledger/stock.ts';
import type { RecordInput } from '../../src/ledger/plan.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';
import { ledgerCounts, seedFixture, type Fixture } from '../helpers/fixtures.ts';

/** posting dates (open 2026), and dates around them where stock is read too */
const DATES = ['2026-02-02', '2026-02-03', '2026-02-10', '2026-03-01', '2026-03-15'];
const READ_DATES = ['2026-01-15', ...DATES, '2026-12-31'];
const WAREHOUSES = ['MAIN', 'SHOP'] as const;
type Wh = (typeof WAREHOUSES)[number];
/** item 1 of each run is lot-managed; every movement of it carries a lot */
const ITEMS = 2;
const LOT_ITEM = 1;

interface Op {
  kind: 'load' | 'unload' | 'transfer';
  warehouse: Wh;
  item: number;
  lot: 'L1' | 'L2';
  day: number;
  /** thousandths: 0.001 … 20.000 */
  milli: number;
}

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom<Op['kind']>('load', 'load', 'load', 'unload', 'unload', 'transfer', 'transfer'),
  warehouse: fc.constantFrom<Wh>(...WAREHOUSES),
  item: fc.integer({ min: 0, max: ITEMS - 1 }),
  lot: fc.constantFrom<Op['lot']>('L1', 'L2'),
  day: fc.integer({ min: 0, max: DATES.length - 1 }),
  milli: fc.integer({ min: 1, max: 20_000 }),
});

/** one signed movement of the model */
interface Mv {
  wh: Wh;
  item: number;
  lot: string;
  date: string;
  quantity: bigint;
}

const sum = (mvs: Mv[], f: (m: Mv) => boolean, date: string) => mvs.reduce((s, m) => (m.date <= date && f(m) ? s + m.quantity : s), 0n);

/** what the rules say: no checked level of a lowered key below zero at the posting's date or later */
function acceptable(ledger: Mv[], posted: Mv[]): boolean {
  const after = [...ledger, ...posted];
  for (const m of posted) {
    if (m.quantity >= 0n) continue;
    for (const date of READ_DATES.filter((d) => d >= m.date)) {
      if (sum(after, (x) => x.wh === m.wh && x.item === m.item, date) < 0n) return false;
      if (m.lot && sum(after, (x) => x.wh === m.wh && x.item === m.item && x.lot === m.lot, date) < 0n) return false;
    }
  }
  return true;
}

for (const dialect of dialects) {
  describe(`stock ledger properties [${dialect}]`, () => {
    let store: TestStore;
    let fixture: Fixture;
    let ctx: Ctx;
    let run = 0;

    beforeAll(async () => {
      store = await openTestStore(dialect);
      fixture = await seedFixture(store);
      ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
    });
    afterAll(async () => store.dispose());

    /** fresh items for one run: codes and ids */
    async function freshItems(): Promise<{ codes: string[]; ids: number[] }> {
      run++;
      const codes: string[] = [];
      const ids: number[] = [];
      for (let i = 0; i < ITEMS; i++) {
        const code = `P${run}-${i}`;
        // weighed (kg, 3 decimals: SPEC §14): the generated quantities carry up to 3 decimals
        const row = await store.db
          .insertInto('items')
          .values({ code, description: `Property item ${code}`, uom: 'kg', lot_managed: i === LOT_ITEM ? 1 : 0, standard_cost: UnitCost.parse('2')! })
          .returning('id')
          .executeTakeFirstOrThrow();
        codes.push(code);
        ids.push(row.id);
      }
      return { codes, ids };
    }

    function inputOf(op: Op, code: string): { input: RecordInput; movements: Mv[] } {
      const date = DATES[op.day];
      const quantity = Quantity.raw(BigInt(op.milli));
      const lot = op.item === LOT_ITEM ? op.lot : '';
      const line = { item: code, quantity: Quantity.format(quantity), ...(lot ? { lot } : {}) };
      const mv = (wh: Wh, q: bigint): Mv => ({ wh, item: op.item, lot, date, quantity: q });
      if (op.kind === 'load') {
        return { input: { warehouse: op.warehouse, template: 'CAR', date, lines: [{ ...line, unitCost: '3.25' }] }, movements: [mv(op.warehouse, quantity)] };
      }
      if (op.kind === 'unload') {
        return { input: { warehouse: op.warehouse, template: 'VAN', date, lines: [line] }, movements: [mv(op.warehouse, -quantity)] };
      }
      // an offset template: MAIN unloads, its mirror loads SHOP in the same transaction
      return { input: { warehouse: 'MAIN', template: 'TRF', date, lines: [line] }, movements: [mv('MAIN', -quantity), mv('SHOP', quantity)] };
    }

    const totals = (itemId: number) => Promise.all(READ_DATES.map((d) => stockOf(store.db, { itemId }, d)));

    it('book stock is the sum of accepted movements at every date; refusals write nothing; transfers keep the total', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
          const { codes, ids } = await freshItems();
          const ledger: Mv[] = [];
          let accepted = 0;
          for (const op of ops) {
            const { input, movements } = inputOf(op, codes[op.item]);
            const expected = acceptable(ledger, movements);
            const counts = await ledgerCounts(store);
            const before = op.kind === 'transfer' ? await totals(ids[op.item]) : undefined;
            let refusal: unknown;
            try {
              await createRecord(ctx, input);
            } catch (e) {
              refusal = e;
            }
            if (expected) {
              expect(refusal, `${JSON.stringify(input)} should post`).toBeUndefined();
              ledger.push(...movements);
              accepted++;
            } else {
              expect(refusal, `${JSON.stringify(input)} should be refused`).toBeInstanceOf(InventarError);
              expect((refusal as InventarError).code).toBe('INV_ERR_NEGATIVE_STOCK');
              expect(await ledgerCounts(store)).toEqual(counts);
            }
            if (before) expect(await totals(ids[op.item])).toEqual(before);
          }

          for (const date of READ_DATES) {
            for (let i = 0; i < ITEMS; i++) {
              const itemId = ids[i];
              const total = sum(ledger, (m) => m.item === i, date);
              expect(await stockOf(store.db, { itemId }, date)).toBe(total);
              const expectedRows: { warehouse_id: number; item_id: number; quantity: bigint }[] = [];
              for (const wh of WAREHOUSES) {
                const q = sum(ledger, (m) => m.item === i && m.wh === wh, date);
                expect(q >= 0n, `${wh} ${codes[i]} at ${date}: ${q}`).toBe(true);
                expect(await stockOf(store.db, { itemId, warehouseId: fixture.warehouses[wh] }, date)).toBe(q);
                if (q !== 0n) expectedRows.push({ warehouse_id: fixture.warehouses[wh], item_id: itemId, quantity: q });
              }
              expect(await stockRows(store.db, { date, itemId })).toEqual(expectedRows);
              if (i === LOT_ITEM) {
                const byLot = await stockRows(store.db, { date, itemId, by: ['lot'] });
                const expectedLots = WAREHOUSES.flatMap((wh) =>
                  ['L1', 'L2'].map((lot) => ({ warehouse_id: fixture.warehouses[wh], item_id: itemId, lot, quantity: sum(ledger, (m) => m.item === i && m.wh === wh && m.lot === lot, date) })),
                ).filter((r) => r.quantity !== 0n);
                expect(byLot.every((r) => r.quantity > 0n)).toBe(true);
                const order = (r: { warehouse_id: number; lot?: string }) => `${r.warehouse_id}|${r.lot}`;
                expect([...byLot].sort((a, b) => order(a).localeCompare(order(b)))).toEqual(expectedLots.sort((a, b) => order(a).localeCompare(order(b))));
              }
            }
          }
          // the movements table itself: one row per accepted movement of these items
          const written = await store.db.selectFrom('movements').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', 'in', ids).executeTakeFirstOrThrow();
          expect(Number(written.n)).toBe(ledger.length);
          expect(accepted).toBeLessThanOrEqual(ops.length);
        }),
        { numRuns: dialect === 'sqlite' ? 200 : 60 },
      );
    });
  });
}

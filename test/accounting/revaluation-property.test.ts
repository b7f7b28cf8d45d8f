/**
 * Re-valuation then stock reconciliation over random ledgers (issue 17 point 3,
 * "what it must show"), on both databases: after a re-valuation of the open
 * period by the warehouses' method, the stock reconciliation at the period's
 * end shows 0.00 on every stock account — for fifo and for moving-average —
 * and a second preview finds nothing to change.
 *
 * The rounding residual (the lead's decision, implemented in
 * src/accounting/revaluation.ts `absorbResiduals`): by moving-average the
 * valued inventory is round(Q × rate, 2) (SPEC §6) while the stock account
 * holds Σ load amounts − Σ round(unload qty × rate, 2), so the two can part by
 * a cent or more. The re-valuation by moving-average lets the LAST re-valued
 * unload of each cost scope (the item here: no value per warehouse) that is
 * not a transfer absorb it: its amount = its computed amount + (the scope's
 * book value by the journal after re-valuation − round(Q_end × rate_end, 2)),
 * its unit cost stays the rate — like a price-difference posting in
 * SAP / Business Central. fifo needs no such line: with whole quantities and
 * costs of 2 decimals its layers' values are exact.
 *
 * Prices have 2 decimals: a load at a price of more decimals is posted at
 * round(qty × price, 2) while the rate takes qty × price exactly, and a scope
 * with no sale in the range has no line to absorb that (a known limit,
 * reported; e.g. loads 1 @ 0.015 and 9 @ 0.01056: the account holds 0.12, the
 * inventory is 10 × 0.01100 = 0.11). With 2 decimals the moving rate still
 * rounds (1 @ 0.01 + 2 @ 0.02 → 0.01667) and the sales' amounts with it.
 *
 * Each run posts a random ledger for two new items with stock accounts of
 * their own (purchases into MAIN and SHOP, sales from both at hand-entered,
 * wrong costs, transfers MAIN → SHOP; never a negative stock). The reconciliation is
 * checked on the run's accounts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Quantity, UnitCost } from '../../src/core/decimal.ts';
import { addDays } from '../../src/core/dates.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { dialects } from '../helpers/store.ts';
import { setTemplateAccounts, valueWarehousesBy, type TemplateAccounts } from './support.ts';

const TEMPLATE_ACCOUNTS: TemplateAccounts = [
  ['MAIN', 'CAR', 'STOCK', '401'],
  ['SHOP', 'CAR', 'STOCK', '401'],
  ['MAIN', 'VAN', '607', 'STOCK'],
  ['SHOP', 'VAN', '607', 'STOCK'],
  ['MAIN', 'TRF', '371.9', 'STOCK'],
  ['SHOP', 'TRI', 'STOCK', '371.9'],
];

/** one posting: kind, which of the run's 2 items, whole quantity, cost in units of 0.00001, day offset */
const op = fc.record({
  kind: fc.constantFrom('load', 'load', 'shopLoad', 'unload', 'unload', 'shopUnload', 'transfer'),
  item: fc.integer({ min: 0, max: 1 }),
  quantity: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 3 })),
  // tiny prices: the rate's and the sales' rounding weigh
  cents: fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 9 })),
  day: fc.integer({ min: 0, max: 60 }),
});
type Op = { kind: string; item: number; quantity: number; cents: number; day: number };

const START = '2026-01-05';
const RANGE = { from: '2026-01-01', to: '2026-12-31' };

for (const dialect of dialects) {
  for (const method of ['moving-average', 'fifo'] as const) {
    describe(`re-valuation by ${method} reconciles to 0.00 on random ledgers [${dialect}]`, () => {
      let api: TestApi;
      let run = 0;

      beforeAll(async () => {
        api = await openTestApi(dialect);
        await seedFixture(api.store);
        await setTemplateAccounts(api, TEMPLATE_ACCOUNTS);
        await valueWarehousesBy(api, method);
      });
      afterAll(async () => api.close());

      /** posts the run's ledger; loads at their cost, sales and transfers at a wrong hand-entered cost */
      async function postLedger(ops: Op[]): Promise<void> {
        run++;
        const codes = [0, 1].map((i) => `R${String(run).padStart(3, '0')}_${i}`);
        for (const [i, code] of codes.entries()) {
          await api.store.db
            .insertInto('items')
            .values({ code, description: code, uom: 'buc', fiscal_interest: 1, average_cost: UnitCost.parse('1.5')!, stock_account: `3${i}1.${run}` })
            .execute();
        }
        // stock per item and warehouse at the end of each day, to keep every day's stock ≥ 0 whatever the posting order;
        // transfers share days with the other postings, so a mirror (SHOP's number 1) often comes before its transfer
        // (MAIN's number 2) in ledger order
        const dayOf = (o: Op) => o.day;
        const sorted = [...ops].sort((a, b) => dayOf(a) - dayOf(b));
        const stock = new Map<string, number>();
        for (const o of sorted) {
          const cost = BigInt(o.cents) * 1000n;
          const unitCost = UnitCost.format(cost);
          const wrong = UnitCost.format(cost + 123n * 1000n);
          const item = codes[o.item];
          const from = o.kind === 'shopUnload' ? 'SHOP' : 'MAIN';
          const key = (w: string) => `${item}|${w}`;
          let body: { warehouse: string; template: string; lines: Record<string, string>[] };
          if (o.kind === 'load' || o.kind === 'shopLoad') {
            const warehouse = o.kind === 'load' ? 'MAIN' : 'SHOP';
            body = { warehouse, template: 'CAR', lines: [{ item, quantity: Quantity.format(BigInt(o.quantity) * 1000n), unitCost, location: warehouse === 'MAIN' ? 'A1' : 'R1' }] };
            stock.set(key(warehouse), (stock.get(key(warehouse)) ?? 0) + o.quantity);
          } else {
            const available = stock.get(key(from)) ?? 0;
            const quantity = Math.min(o.quantity, available);
            if (quantity === 0) continue;
            stock.set(key(from), available - quantity);
            if (o.kind === 'transfer') stock.set(key('SHOP'), (stock.get(key('SHOP')) ?? 0) + quantity);
            body = {
              warehouse: from,
              template: o.kind === 'transfer' ? 'TRF' : 'VAN',
              lines: [{ item, quantity: Quantity.format(BigInt(quantity) * 1000n), unitCost: wrong, location: from === 'MAIN' ? 'A1' : 'R1' }],
            };
          }
          const r = await api.call('POST', '/api/records', { ...body, date: addDays(START, dayOf(o)) });
          expect(r.status, JSON.stringify(r.body)).toBe(201);
        }
      }

      if (method === 'moving-average') {
        /**
         * By hand: CAR 1 @ 0.01 and 1 @ 0.02 → rate 0.015; VAN 1 (entered at 5.00) leaves at 0.015 → round = 0.02;
         * the account would hold 0.03 − 0.02 = 0.01 against an inventory of round(1 × 0.015, 2) = 0.02: residual
         * −0.01, which the sale absorbs: its amount −0.02 − (−0.01) = −0.01, its unit cost the rate 0.01500.
         */
        it('the last sale of the scope absorbs the rounding residual (hand-computed)', async () => {
          run++;
          const code = `H${run}`;
          await api.store.db.insertInto('items').values({ code, description: code, uom: 'buc', fiscal_interest: 1, stock_account: `399.${run}` }).execute();
          for (const [template, date, unitCost] of [
            ['CAR', '2026-03-01', '0.01'],
            ['CAR', '2026-03-02', '0.02'],
            ['VAN', '2026-03-03', '5'],
          ]) {
            const r = await api.call('POST', '/api/records', { warehouse: 'MAIN', template, date, lines: [{ item: code, quantity: '1', unitCost, location: 'A1' }] });
            expect(r.status, JSON.stringify(r.body)).toBe(201);
          }
          const applied = await api.call('POST', '/api/revaluations', { ...RANGE, method, confirm: true, limit: 10_000 });
          expect(applied.status, JSON.stringify(applied.body)).toBe(200);
          const mine = applied.body.changes.filter((c: { item: string }) => c.item === code);
          expect(mine.map((c: Record<string, unknown>) => [c.quantity, c.oldUnitCost, c.newUnitCost, c.oldAmount, c.newAmount])).toEqual([['-1.000', '5.00000', '0.01500', '-5.00', '-0.01']]);
          const rec = await api.call('GET', `/api/reports/stock-reconciliation?date=${RANGE.to}`);
          expect(rec.body.rows.find((r: { account: string }) => r.account === `399.${run}`)).toEqual({ account: `399.${run}`, journalBalance: '0.02', inventoryValue: '0.02', difference: '0.00' });
        });
      }

      /**
       * By hand: on 20 November MAIN receives another item (its record 1), buys 1 @ 0.01 (record 2) and transfers it to
       * SHOP at a hand-entered 1.24 (record 3); the mirror is SHOP's record 1, so in ledger order (date, record number)
       * the load comes before the purchase and its unload. Costs are kept per item: the transfer must leave the item's
       * value alone — its unload leaves at the rate 0.01 and its load enters at that cost. The re-valuation sets both
       * lines to 0.01000 / ∓0.01, and the stock account (0.01 − 1.24 + 1.24 before, 0.01 − 0.01 + 0.01 after) agrees
       * with the inventory: 1 @ 0.01 in SHOP. (Fed in ledger order, the load at 1.24 and the purchase made a rate of
       * 0.625 for the unload, and every walk with the unload's new cost halved the gap without ever settling.)
       */
      it('a transfer whose load comes before its unload in ledger order moves its value unchanged (hand-computed)', async () => {
        run++;
        const code = `T${run}`;
        await api.store.db.insertInto('items').values({ code, description: code, uom: 'buc', fiscal_interest: 1, stock_account: `398.${run}` }).execute();
        for (const [item, template, unitCost] of [
          ['A', 'CAR', '1'],
          [code, 'CAR', '0.01'],
          [code, 'TRF', '1.24'],
        ]) {
          const r = await api.call('POST', '/api/records', { warehouse: 'MAIN', template, date: '2026-11-20', lines: [{ item, quantity: '1', unitCost, location: 'A1' }] });
          expect(r.status, JSON.stringify(r.body)).toBe(201);
        }
        const numbers = await api.store.db
          .selectFrom('movements as m')
          .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
          .innerJoin('items as i', 'i.id', 'm.item_id')
          .select(['w.code', 'm.record_number', 'm.quantity'])
          .where('i.code', '=', code)
          .orderBy('m.date')
          .orderBy('m.record_number')
          .orderBy('m.record_id')
          .execute();
        // the ledger order this test is about: SHOP's load (record 1) before MAIN's purchase (record 2) and transfer (record 3)
        expect(numbers.map((n) => [n.code, Number(n.record_number), Number(n.quantity)])).toEqual([
          ['SHOP', 1, 1000],
          ['MAIN', 2, 1000],
          ['MAIN', 3, -1000],
        ]);
        const applied = await api.call('POST', '/api/revaluations', { ...RANGE, method, confirm: true, limit: 10_000 });
        expect(applied.status, JSON.stringify(applied.body)).toBe(200);
        const mine = applied.body.changes.filter((c: { item: string }) => c.item === code);
        expect(mine.map((c: Record<string, unknown>) => [c.warehouse, c.quantity, c.oldUnitCost, c.newUnitCost, c.oldAmount, c.newAmount]).sort()).toEqual([
          ['MAIN', '-1.000', '1.24000', '0.01000', '-1.24', '-0.01'],
          ['SHOP', '1.000', '1.24000', '0.01000', '1.24', '0.01'],
        ]);
        const rec = await api.call('GET', `/api/reports/stock-reconciliation?date=${RANGE.to}`);
        expect(rec.body.rows.find((r: { account: string }) => r.account === `398.${run}`)).toEqual({ account: `398.${run}`, journalBalance: '0.01', inventoryValue: '0.01', difference: '0.00' });
      });

      it('after the re-valuation of the open period every reconciliation difference is 0.00; a second preview changes nothing', async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: dialect === 'sqlite' ? 14 : 10 }), async (ops) => {
            await postLedger(ops);
            const applied = await api.call('POST', '/api/revaluations', { ...RANGE, method, confirm: true });
            expect(applied.status, JSON.stringify(applied.body)).toBe(200);
            const rec = await api.call('GET', `/api/reports/stock-reconciliation?date=${RANGE.to}`);
            expect(rec.status, JSON.stringify(rec.body)).toBe(200);
            // this run's accounts (a failing run would leave its difference behind for the shrunk ones)
            const rows = (rec.body.rows as { account: string; journalBalance: string; inventoryValue: string; difference: string }[]).filter((r) => r.account.endsWith(`.${run}`));
            for (const row of rows) {
              expect(row.difference, `${row.account}: journal ${row.journalBalance}, inventory ${row.inventoryValue}`).toBe('0.00');
              expect(row.journalBalance).toBe(row.inventoryValue);
            }
            const again = await api.call('POST', '/api/revaluations/preview', { ...RANGE, method });
            expect(again.status).toBe(200);
            expect(again.body.totals.lines).toBe(0);
          }),
          { numRuns: dialect === 'sqlite' ? 50 : 12 },
        );
      });
    });
  }
}

/**
 * Stock reconciliation at a date D (SPEC §9): per stock account, the journal
 * balance next to the valued inventory, and the difference.
 *
 * - journal balance of account A = the opening carried by the last closing C
 *   before D (Σ closing history value of the items whose stock account is A)
 *   + Σ debits − Σ credits on A of the entries dated in (C, D] (all entries
 *   up to D when there is no closing): the closing's opening records carry
 *   the balance and have no entries, so entries up to C are already in it;
 * - inventory value of A = Σ value of the valued inventory at D, each
 *   warehouse by its own method (its management area's; average without
 *   one), rows of the items whose stock account is A; a row per item, so that
 *   a cost scope split over warehouses counts at its own value, not as the
 *   sum of its rounded parts;
 * - difference = journal balance − inventory value.
 *
 * Rows: every item's stock account with a balance, a value or an entry, in
 * account order; totals are the sums of the rows. The valued inventory is the
 * reports layer's: the caller hands it in (`ValuedStockAt`), so this layer
 * never reaches above itself.
 */
import type { Ctx } from '../core/context.ts';
import { Money } from '../core/decimal.ts';
import { today } from '../core/dates.ts';
import { Problems, parseDate } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { accountBalances } from '../ledger/journal.ts';
import { closingBefore } from '../ledger/stock.ts';
import type { ReconciliationRow, StockReconciliation } from './stock-reconciliation-view.ts';

/** The valued inventory at a date by each warehouse's method: one value (money string) per item code and row. */
export type ValuedStockAt = (ctx: Ctx, date: string) => Promise<readonly { item: string; value: string }[]>;

export type { ReconciliationRow, StockReconciliation };

/** The rows from the figures per account (pure): accounts in code point order, totals summed. */
export function reconciliationRows(journal: ReadonlyMap<string, bigint>, inventory: ReadonlyMap<string, bigint>): Pick<StockReconciliation, 'rows' | 'totals'> {
  const accounts = [...new Set([...journal.keys(), ...inventory.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let jt = 0n;
  let it = 0n;
  const rows = accounts.map((account) => {
    const j = journal.get(account) ?? 0n;
    const v = inventory.get(account) ?? 0n;
    jt += j;
    it += v;
    return { account, journalBalance: Money.format(j), inventoryValue: Money.format(v), difference: Money.format(j - v) };
  });
  return { rows, totals: { journalBalance: Money.format(jt), inventoryValue: Money.format(it), difference: Money.format(jt - it) } };
}

export async function stockReconciliation(ctx: Ctx, query: { date?: string }, valuedStockAt: ValuedStockAt): Promise<StockReconciliation> {
  requirePermission(ctx.actor, 'read');
  const problems = new Problems();
  const date = query.date === undefined || query.date === '' ? today() : parseDate(query.date, '/date', problems);
  problems.throwIfAny();
  const D = date!;
  const db = ctx.store.db;
  const items = await db.selectFrom('items').select(['id', 'code', 'stock_account']).execute();
  const accountOfId = new Map(items.map((i) => [i.id, i.stock_account]));
  const accountOfCode = new Map(items.map((i) => [i.code, i.stock_account]));
  const stockAccounts = [...new Set(items.map((i) => i.stock_account))];

  const after = await closingBefore(db, D);
  const journal = new Map<string, bigint>();
  if (after) {
    const closing = await db
      .selectFrom('closings')
      .select('id')
      .where('closing_date', '=', after)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const opening = await db
      .selectFrom('closing_history')
      .select(['item_id', (eb) => eb.fn.sum<bigint>('value').as('value')])
      .where('closing_id', '=', closing.id)
      .groupBy('item_id')
      .execute();
    for (const o of opening) {
      const account = accountOfId.get(o.item_id);
      if (account === undefined) continue;
      journal.set(account, (journal.get(account) ?? 0n) + BigInt(o.value ?? 0n));
    }
  }
  for (const [account, balance] of await accountBalances(db, stockAccounts, after, D)) {
    if (balance !== 0n || journal.has(account)) journal.set(account, (journal.get(account) ?? 0n) + balance);
  }

  const inventory = new Map<string, bigint>();
  for (const row of await valuedStockAt(ctx, D)) {
    const account = accountOfCode.get(row.item);
    if (account === undefined) continue;
    inventory.set(account, (inventory.get(account) ?? 0n) + Money.parse(row.value)!);
  }
  // an account with entries that balance to zero still shows (it had movements)
  const moved = await accountsWithEntries(ctx, stockAccounts, D);
  for (const a of moved) if (!journal.has(a)) journal.set(a, 0n);
  return { date: D, closingDate: after || null, ...reconciliationRows(journal, inventory) };
}

/** Which of these accounts have an entry line up to the date (one index probe each). */
async function accountsWithEntries(ctx: Ctx, accounts: readonly string[], upTo: string): Promise<string[]> {
  const out: string[] = [];
  for (const account of accounts) {
    for (const column of ['debit_account', 'credit_account'] as const) {
      const hit = await ctx.store.db.selectFrom('journal_lines').select('id').where(column, '=', account).where('date', '<=', upTo).limit(1).executeTakeFirst();
      if (hit) {
        out.push(account);
        break;
      }
    }
  }
  return out;
}

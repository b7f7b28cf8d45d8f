/**
 * The journal (SPEC §9): one entry per posted record, one entry line per
 * (debit account, credit account) pair, amount = Σ |line amount| of the
 * record's lines that resolve to that pair. `STOCK` in a template's account
 * stands for the line item's stock account. Closing opening records and
 * templates without accounts produce no entry. An entry is identified by its
 * record (`entryId` = record id: one entry per record); its lines live in
 * `journal_lines`.
 *
 * Decisions where the spec is silent:
 *   - a pair whose amount is 0.00, or whose debit and credit resolve to the
 *     same account (e.g. STOCK / STOCK), moves nothing and is not written;
 *   - an entry keeps the accounts it was posted with: changing a template's
 *     or an item's accounts later does not rewrite posted entries (editing
 *     the record, or a re-valuation, does).
 *
 * Written by the posting engine in the posting's own transaction, in one
 * set-based pass per batch (the accounts come from the planned records and
 * one read of the batch items' stock accounts); `rewriteJournalEntries`
 * rebuilds entries from the stored lines with one INSERT … SELECT per chunk.
 */
import { sql } from 'kysely';
import { STOCK_WORD } from '../core/accounts.ts';
import type { Ctx } from '../core/context.ts';
import { abs, Money } from '../core/decimal.ts';
import { requirePermission } from '../core/roles.ts';
import type { Db } from '../db/db.ts';
import type { AccountTotal, JournalLineView, JournalPage } from './journal-view.ts';

/** One entry line as written. */
export interface JournalLine {
  recordId: number;
  date: string;
  debitAccount: string;
  creditAccount: string;
  /** money, scale 2, > 0 */
  amount: bigint;
}

/** What the entry of one record is made of. */
export interface EntrySource {
  recordId: number;
  date: string;
  origin: string;
  debitAccount: string;
  creditAccount: string;
  lines: readonly { itemId: number; amount: bigint }[];
}

/** Whether a record of this origin and template accounts gets an entry. */
export const journalled = (origin: string, debitAccount: string, creditAccount: string): boolean =>
  origin !== 'closing' && debitAccount !== '' && creditAccount !== '';

const resolve = (account: string, stockAccount: string | undefined): string => (account === STOCK_WORD ? (stockAccount ?? '') : account);

/** The entry lines of one record (pure): pairs in order of first appearance. */
export function entryLines(source: EntrySource, stockAccountOf: (itemId: number) => string | undefined): JournalLine[] {
  if (!journalled(source.origin, source.debitAccount, source.creditAccount)) return [];
  const pairs = new Map<string, JournalLine>();
  for (const l of source.lines) {
    const stock = stockAccountOf(l.itemId);
    const debit = resolve(source.debitAccount, stock);
    const credit = resolve(source.creditAccount, stock);
    const key = `${debit}\u0000${credit}`;
    const line = pairs.get(key);
    if (line) line.amount += abs(l.amount);
    else pairs.set(key, { recordId: source.recordId, date: source.date, debitAccount: debit, creditAccount: credit, amount: abs(l.amount) });
  }
  return [...pairs.values()].filter((l) => l.amount !== 0n && l.debitAccount !== l.creditAccount);
}

/** Ids per statement, well under both drivers' parameter limits. */
const CHUNK = 1000;
/** Lines per multi-row INSERT: 5 parameters each. */
const LINES_PER_INSERT = 1000;

/** Reads the stock accounts of items not yet in `into`. */
export async function loadStockAccounts(db: Db, itemIds: Iterable<number>, into: Map<number, string>): Promise<void> {
  const missing = [...new Set(itemIds)].filter((id) => !into.has(id));
  for (let i = 0; i < missing.length; i += CHUNK) {
    const rows = await db.selectFrom('items').select(['id', 'stock_account']).where('id', 'in', missing.slice(i, i + CHUNK)).execute();
    for (const r of rows) into.set(r.id, r.stock_account);
  }
}

/** Inserts entry lines (multi-row statements). */
export async function insertJournalLines(db: Db, lines: readonly JournalLine[]): Promise<void> {
  for (let i = 0; i < lines.length; i += LINES_PER_INSERT) {
    await db
      .insertInto('journal_lines')
      .values(
        lines.slice(i, i + LINES_PER_INSERT).map((l) => ({
          record_id: l.recordId,
          date: l.date,
          debit_account: l.debitAccount,
          credit_account: l.creditAccount,
          amount: l.amount,
        })),
      )
      .execute();
  }
}

/**
 * Writes the entries of just-posted records in one pass: the stock accounts
 * of the items of journalled records are read once (and kept in `stockAccounts`
 * across the batches of a session).
 */
export async function writeJournalEntries(db: Db, sources: readonly EntrySource[], stockAccounts: Map<number, string> = new Map()): Promise<void> {
  const wanted = sources.filter((s) => journalled(s.origin, s.debitAccount, s.creditAccount));
  if (wanted.length === 0) return;
  const stockItems: number[] = [];
  for (const s of wanted) if (s.debitAccount === STOCK_WORD || s.creditAccount === STOCK_WORD) for (const l of s.lines) stockItems.push(l.itemId);
  await loadStockAccounts(db, stockItems, stockAccounts);
  const lines: JournalLine[] = [];
  for (const s of wanted) lines.push(...entryLines(s, (id) => stockAccounts.get(id)));
  await insertJournalLines(db, lines);
}

/** Deletes the entries of these records. */
export async function deleteJournalEntries(db: Db, recordIds: readonly number[]): Promise<void> {
  for (let i = 0; i < recordIds.length; i += CHUNK) {
    await db.deleteFrom('journal_lines').where('record_id', 'in', recordIds.slice(i, i + CHUNK)).execute();
  }
}

/**
 * Deletes and rebuilds the entries of these records from their current lines
 * (after unit costs changed, e.g. a re-valuation), in the caller's
 * transaction: one INSERT … SELECT per chunk of records, the same rules as
 * `entryLines` spelt in SQL.
 */
export async function rewriteJournalEntries(db: Db, recordIds: readonly number[]): Promise<void> {
  const ids = [...new Set(recordIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await db.deleteFrom('journal_lines').where('record_id', 'in', chunk).execute();
    const resolved = (column: 'debit_account' | 'credit_account') =>
      sql<string>`case when ${sql.ref(`t.${column}`)} = ${sql.lit(STOCK_WORD)} then i.stock_account else ${sql.ref(`t.${column}`)} end`;
    await sql`insert into journal_lines (record_id, date, debit_account, credit_account, amount)
      select record_id, date, debit_account, credit_account, amount from (
        select m.record_id, r.date,
          ${resolved('debit_account')} as debit_account,
          ${resolved('credit_account')} as credit_account,
          sum(abs(m.amount)) as amount
        from movements m
        join records r on r.id = m.record_id
        join templates t on t.id = r.template_id
        join items i on i.id = m.item_id
        where m.record_id in (${sql.join(chunk)}) and r.origin <> 'closing' and t.debit_account <> '' and t.credit_account <> ''
        group by m.record_id, r.date, ${resolved('debit_account')}, ${resolved('credit_account')}
      ) p
      where p.amount <> 0 and p.debit_account <> p.credit_account`.execute(db);
  }
}

// ---- reading ---------------------------------------------------------------

export interface JournalQuery {
  from?: string;
  to?: string;
  account?: string;
  record?: number;
  limit?: number;
  offset?: number;
}

export type { AccountTotal, JournalLineView, JournalPage };

/**
 * The lines matching the query, as a table `j`. With an account, the lines
 * with it on the debit side and those with it on the credit side are read
 * by their own index and put together (a line never has the same account on
 * both sides), so the read stays an index range whatever the other filters.
 */
function filtered(db: Db, q: JournalQuery) {
  const lines = (side?: 'debit_account' | 'credit_account') => {
    let b = db.selectFrom('journal_lines').select(['id', 'record_id', 'date', 'debit_account', 'credit_account', 'amount']);
    if (q.record !== undefined) b = b.where('record_id', '=', q.record);
    if (q.from) b = b.where('date', '>=', q.from);
    if (q.to) b = b.where('date', '<=', q.to);
    if (side) b = b.where(side, '=', q.account!);
    return b;
  };
  if (!q.account) return db.selectFrom(lines().as('j'));
  return db.selectFrom(lines('debit_account').unionAll(lines('credit_account')).as('j'));
}

/** The journal lines that match, a page of them in ledger order, and the totals per account of all that matched. */
export async function listJournal(ctx: Ctx, q: JournalQuery): Promise<JournalPage> {
  requirePermission(ctx.actor, 'read');
  const db = ctx.store.db;
  const base = filtered(db, q);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['j.id', 'j.record_id', 'j.date', 'j.debit_account', 'j.credit_account', 'j.amount'])
    .orderBy('j.date')
    .orderBy('j.record_id')
    .orderBy('j.id')
    .limit(q.limit ?? 100)
    .offset(q.offset ?? 0)
    .execute();
  return {
    items: rows.map((r) => ({
      entryId: r.record_id,
      recordId: r.record_id,
      date: r.date,
      debitAccount: r.debit_account,
      creditAccount: r.credit_account,
      amount: Money.format(r.amount),
    })),
    total: Number(n),
    totals: await accountTotals(db, q),
  };
}

/** Σ debit and Σ credit per account over the lines matching the query, in account order. */
export async function accountTotals(db: Db, q: JournalQuery): Promise<AccountTotal[]> {
  const debits = await filtered(db, q)
    .select(['j.debit_account as account', (eb) => eb.fn.sum<bigint>('j.amount').as('debit')])
    .groupBy('j.debit_account')
    .execute();
  const credits = await filtered(db, q)
    .select(['j.credit_account as account', (eb) => eb.fn.sum<bigint>('j.amount').as('credit')])
    .groupBy('j.credit_account')
    .execute();
  const sums = new Map<string, { debit: bigint; credit: bigint }>();
  const of = (account: string) => sums.get(account) ?? sums.set(account, { debit: 0n, credit: 0n }).get(account)!;
  for (const r of debits) of(r.account).debit += BigInt(r.debit);
  for (const r of credits) of(r.account).credit += BigInt(r.credit);
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([account, s]) => ({ account, debit: Money.format(s.debit), credit: Money.format(s.credit), balance: Money.format(s.debit - s.credit) }));
}

/**
 * Σ debits − Σ credits of each of these accounts over the entries dated in
 * (after, upTo] (`after` '' for from the start): two index range reads per account.
 */
export async function accountBalances(db: Db, accounts: readonly string[], after: string, upTo: string): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  for (const account of accounts) {
    const side = async (column: 'debit_account' | 'credit_account') => {
      let q = db
        .selectFrom('journal_lines')
        .select((eb) => eb.fn.sum<bigint>('amount').as('balance'))
        .where(column, '=', account)
        .where('date', '<=', upTo);
      if (after) q = q.where('date', '>', after);
      const row = await q.executeTakeFirst();
      return row?.balance === null || row?.balance === undefined ? 0n : BigInt(row.balance);
    };
    out.set(account, (await side('debit_account')) - (await side('credit_account')));
  }
  return out;
}

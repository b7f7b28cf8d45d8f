/**
 * A closing's history rows (SPEC §7), written in the caller's transaction in
 * batches as the closing pass produces them: prepared statements on SQLite
 * (the raw handle, same connection and transaction as Kysely's), multi-row
 * inserts on PostgreSQL.
 */
import type { Selectable } from 'kysely';
import { yearOf } from '../core/dates.ts';
import type { Store } from './connection.ts';
import type { ClosingHistoryTable, ClosingYearTable } from './schema.ts';
import type { Db } from './db.ts';


/** A closing_history row without its closing (id, date, year). */
export type HistoryRow = Omit<Selectable<ClosingHistoryTable>, 'id' | 'closing_id' | 'closing_date' | 'year'>;
/** A closing_years row without its closing id. */
export type YearRow = Omit<ClosingYearTable, 'closing_id'>;

const HISTORY_COLUMNS = [
  'closing_id', 'closing_date', 'year', 'item_id', 'warehouse_id', 'quantity', 'average_cost', 'moving_average_rate', 'last_cost',
  'fifo_last_consumed_cost', 'purchased_quantity', 'purchased_value', 'purchased_exact', 'fifo_layers', 'lifo_layers', 'value',
] as const;
const YEAR_COLUMNS = ['closing_id', 'item_id', 'year', 'closing_quantity', 'purchased_quantity', 'purchased_exact', 'average_purchase_cost'] as const;

type Sqlite = NonNullable<Store['sqlite']>;
const statements = new WeakMap<Sqlite, { history: ReturnType<Sqlite['prepare']>; years: ReturnType<Sqlite['prepare']> }>();

function historyStatements(sqlite: Sqlite) {
  let s = statements.get(sqlite);
  if (!s) {
    const insert = (table: string, columns: readonly string[]) =>
      sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
    s = { history: insert('closing_history', HISTORY_COLUMNS), years: insert('closing_years', YEAR_COLUMNS) };
    statements.set(sqlite, s);
  }
  return s;
}

/** Writes a batch of history rows of a closing in the caller's transaction. */
export async function writeClosingHistory(store: Store, trx: Db, closing: { id: number; date: string }, rows: readonly HistoryRow[], years: readonly YearRow[]): Promise<void> {
  const head = { closing_id: closing.id, closing_date: closing.date, year: yearOf(closing.date) };
  const full = rows.map((r) => ({ ...head, ...r }));
  const yearRows = years.map((y) => ({ closing_id: closing.id, ...y }));
  if (store.sqlite) {
    const { history, years: yearsInsert } = historyStatements(store.sqlite);
    for (const r of full) history.run(r);
    for (const r of yearRows) yearsInsert.run(r);
    return;
  }
  for (let i = 0; i < full.length; i += 2000) await trx.insertInto('closing_history').values(full.slice(i, i + 2000)).execute();
  for (let i = 0; i < yearRows.length; i += 5000) await trx.insertInto('closing_years').values(yearRows.slice(i, i + 5000)).execute();
}

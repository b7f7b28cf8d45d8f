/**
 * A stamp of "what the database holds", cheap to read, for reusing a result
 * computed in an earlier transaction (the stock-difference preview reused by
 * the posting, src/inventory/difference-cache.ts).
 *
 * SQLite, on the store's one connection: `data_version` changes whenever
 * another connection (a worker-thread import, another process) committed
 * since; `total_changes()` counts every row this connection inserted,
 * updated or deleted (rolled-back statements included: only ever too many);
 * `schema_version` changes with any DDL. Read as the first statement of a
 * transaction, the stamp describes the snapshot that transaction reads; two
 * equal stamps read on the same connection mean nothing was written in
 * between. Conservative: any write anywhere (even an audit row) changes it.
 *
 * PostgreSQL has no such cheap, exact counter across the pool's connections:
 * undefined, i.e. never reuse.
 */
import type { Store } from './connection.ts';
import type SqliteDatabase from 'better-sqlite3';

export type ChangeStamp = string;

let statements: WeakMap<SqliteDatabase.Database, SqliteDatabase.Statement> | undefined;

/** The stamp of the store's SQLite connection now; undefined on PostgreSQL. Call inside the transaction, first. */
export function changeStamp(store: Store): ChangeStamp | undefined {
  const sqlite = store.dialect === 'sqlite' ? store.sqlite : undefined;
  if (!sqlite) return undefined;
  statements ??= new WeakMap();
  let s = statements.get(sqlite);
  if (!s) {
    s = sqlite.prepare('select d.data_version, total_changes(), v.schema_version from pragma_data_version() d, pragma_schema_version() v').raw(true);
    statements.set(sqlite, s);
  }
  const [dataVersion, changes, schema] = s.get() as unknown[];
  return `${dataVersion}/${changes}/${schema}`;
}

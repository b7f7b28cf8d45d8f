/**
 * The SQLite file operations of backups and restores (src/ops/backup.ts,
 * which owns the policy: names, checks, the pid file, schedules), each on a
 * connection of its own to the file, never the store's:
 *   - `snapshotBackup`: the online backup API inside a read transaction
 *     opened first (one snapshot: the copy never restarts, never blocks);
 *   - `copyWhole`: a database file with whatever its WAL holds, as one copy;
 *   - `singleFile`: a copy switched to a rollback journal (journal_mode DELETE);
 *   - `inspectFile`: integrity_check and a summary of what a file holds.
 */
import SqliteDatabase from 'better-sqlite3';

export type SqliteHandle = SqliteDatabase.Database;

/** the tables a summary counts: what a person checks before trusting a copy */
export const SUMMARY_TABLES = ['users', 'warehouses', 'items', 'records', 'movements', 'inventories', 'inventory_lines', 'closings', 'audit_log'] as const;

export interface FileSummary {
  /** rows of the main tables */
  counts: Record<string, number>;
  /** migrations applied, by name */
  migrations: string[];
}

/** Counts and migrations of a database (inside whatever transaction the connection holds). */
function summarize(db: SqliteHandle): FileSummary {
  const tables = new Set((db.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[]));
  const counts: Record<string, number> = {};
  for (const t of SUMMARY_TABLES) if (tables.has(t)) counts[t] = Number(db.prepare(`select count(*) from "${t}"`).pluck().get());
  const applied = tables.has('kysely_migration') ? (db.prepare('select name from kysely_migration order by name').pluck().all() as string[]) : [];
  return { counts, migrations: applied };
}

/** A copy as one self-contained file (rollback journal, not WAL): nothing beside it to lose. */
export function singleFile(file: string): void {
  const copy = new SqliteDatabase(file);
  copy.pragma('journal_mode = DELETE');
  copy.close();
}

/**
 * Copies `source` (a running database too) to `target` with the backup API,
 * `pagesPerStep` pages per step (the event loop runs between steps), inside
 * a read transaction opened first; the summary and `atSnapshot` see that
 * same snapshot. `at`: when the snapshot was taken (ISO).
 */
export async function snapshotBackup(
  source: string,
  target: string,
  pagesPerStep: number,
  atSnapshot?: (db: SqliteHandle) => void,
): Promise<FileSummary & { at: string }> {
  const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    db.defaultSafeIntegers(true);
    db.pragma('busy_timeout = 10000');
    // the read transaction starts at its first read: from here on this connection sees one snapshot
    db.exec('begin');
    const summary = summarize(db);
    const at = new Date().toISOString();
    atSnapshot?.(db);
    await db.backup(target, { progress: () => pagesPerStep });
    db.exec('commit');
    return { ...summary, at };
  } finally {
    db.close();
  }
}

/** Copies the database `file` (whatever its WAL still holds) to `target` in one step. */
export async function copyWhole(file: string, target: string): Promise<void> {
  const old = new SqliteDatabase(file, { fileMustExist: true });
  try {
    await old.backup(target, { progress: () => 1 << 30 });
  } finally {
    old.close();
  }
}

/**
 * Opens `file` read-only, runs integrity_check and summarizes it; `invalid`
 * makes the error for a file that does not open or is damaged.
 */
export function inspectFile(file: string, invalid: (reason: string) => Error): FileSummary {
  let db: SqliteHandle;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw invalid((e as Error).message);
  }
  try {
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (e) {
      throw invalid(`integrity_check: ${(e as Error).message}`);
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') throw invalid(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
    return summarize(db);
  } finally {
    db.close();
  }
}

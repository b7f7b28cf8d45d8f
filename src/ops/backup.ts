/**
 * Backups of the embedded SQLite database while it runs, and their restore (issue #19).
 *
 * A backup is SQLite's online backup API (better-sqlite3's db.backup()) on a connection of its
 * own, run inside a read transaction opened first: in WAL mode the server's writers go on while
 * it copies, and the copy is the database as of that transaction's start: every commit before
 * it, none after. (The backup API restarts when another connection changes the source between
 * its steps; the open read transaction keeps the steps on one snapshot, so it never restarts and
 * never blocks anyone.) The copy is written next to the target, switched to a single file
 * (journal_mode DELETE) and renamed into place.
 *
 * A restore checks the copy (integrity_check, its migrations against this build's, a summary of
 * what it holds) and puts it in place of the database with the server stopped: `serve` keeps
 * `<database>.pid` while it runs. The database it replaces is kept as
 * `<database>.before-restore-<time>` (itself a consistent copy, its WAL included).
 *
 * PostgreSQL: pg_dump / pg_restore (README); these functions refuse a postgres:// URL.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { InventarError } from '../core/errors.ts';
import { isPostgresUrl, type Store } from '../db/connection.ts';
import { migrations } from '../db/migrate.ts';

/** the tables a summary counts: what a person checks before trusting a copy */
export const SUMMARY_TABLES = ['users', 'warehouses', 'items', 'records', 'movements', 'inventories', 'inventory_lines', 'closings', 'audit_log'] as const;

export interface CopySummary {
  /** rows of the main tables */
  counts: Record<string, number>;
  /** migrations applied in the copy */
  migrations: string[];
  /** migrations of this build the copy lacks (applied at the next start) */
  pendingMigrations: string[];
  bytes: number;
}

export interface BackupResult extends CopySummary {
  file: string;
  /** when the snapshot was taken (ISO) */
  at: string;
}

type Db = SqliteDatabase.Database;

/** Refuses a postgres:// URL: pg_dump / pg_restore are its tools. */
export function refusePostgres(url: string): void {
  if (isPostgresUrl(url)) throw new InventarError('INV_ERR_BACKUP_POSTGRES');
}

/** Counts and migrations of a database (inside whatever transaction the connection holds). */
function summarize(db: Db): Omit<CopySummary, 'bytes'> {
  const tables = new Set((db.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[]));
  const counts: Record<string, number> = {};
  for (const t of SUMMARY_TABLES) if (tables.has(t)) counts[t] = Number(db.prepare(`select count(*) from "${t}"`).pluck().get());
  const applied = tables.has('kysely_migration') ? (db.prepare('select name from kysely_migration order by name').pluck().all() as string[]) : [];
  return { counts, migrations: applied, pendingMigrations: Object.keys(migrations).filter((m) => !applied.includes(m)) };
}

export interface BackupOptions {
  /** replace an existing target */
  force?: boolean;
  /** pages per step of the backup API (default 100; the event loop runs between steps) */
  pagesPerStep?: number;
  /** called inside the snapshot the copy is made from, before copying (tests: a digest of the source at the backup's moment) */
  atSnapshot?: (db: Db) => void;
}

/** A copy as one self-contained file (rollback journal, not WAL): nothing beside it to lose. */
function singleFile(file: string): void {
  const copy = new SqliteDatabase(file);
  copy.pragma('journal_mode = DELETE');
  copy.close();
}

/** Copies the SQLite database `source` (a running one too) to `target`. */
export async function backupSqlite(source: string, target: string, options: BackupOptions = {}): Promise<BackupResult> {
  refusePostgres(source);
  if (!fs.existsSync(source)) throw new InventarError('INV_ERR_BACKUP_NOT_FOUND', { file: source });
  if (fs.existsSync(target) && !options.force) throw new InventarError('INV_ERR_BACKUP_EXISTS', { file: target });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  let summary: Omit<CopySummary, 'bytes'>;
  let at: string;
  try {
    db.defaultSafeIntegers(true);
    db.pragma('busy_timeout = 10000');
    // the read transaction starts at its first read: from here on this connection sees one snapshot
    db.exec('begin');
    summary = summarize(db);
    at = new Date().toISOString();
    options.atSnapshot?.(db);
    const pages = options.pagesPerStep ?? 100;
    await db.backup(partial, { progress: () => pages });
    db.exec('commit');
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  } finally {
    db.close();
  }
  singleFile(partial);
  fs.renameSync(partial, target);
  return { file: target, at, ...summary, bytes: fs.statSync(target).size };
}

/** Checks a copy before it is restored: refuses one that is damaged, not Inventar's, or from a newer build. */
export function checkCopy(file: string): CopySummary {
  refusePostgres(file);
  if (!fs.existsSync(file)) throw new InventarError('INV_ERR_BACKUP_NOT_FOUND', { file });
  const invalid = (reason: string) => new InventarError('INV_ERR_RESTORE_INVALID', { file, reason });
  let db: Db;
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
    const summary = summarize(db);
    if (summary.migrations.length === 0) throw invalid('no migrations table: not an Inventar database');
    const unknown = summary.migrations.filter((m) => !(m in migrations));
    if (unknown.length) throw invalid(`made by a newer version (migrations ${unknown.join(', ')})`);
    return { ...summary, bytes: fs.statSync(file).size };
  } finally {
    db.close();
  }
}

/** the file `serve` keeps while it runs on a SQLite database */
export const pidFileOf = (database: string) => `${path.resolve(database)}.pid`;

/** The pid in the database's pid file when that process is alive. */
export function runningServer(database: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFileOf(database), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    // EPERM: alive, someone else's
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

export interface RestoreResult extends CopySummary {
  database: string;
  from: string;
  /** where the database that was replaced went (none when there was none) */
  previous: string | null;
}

const stamp = (d = new Date()) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Checks `file` and puts it in place of the SQLite database `database`, which no server may be using. */
export async function restoreSqlite(file: string, database: string): Promise<RestoreResult> {
  refusePostgres(database);
  const summary = checkCopy(file);
  const pid = runningServer(database);
  if (pid !== undefined) throw new InventarError('INV_ERR_RESTORE_SERVER_RUNNING', { pid, pidFile: pidFileOf(database) });
  fs.rmSync(pidFileOf(database), { force: true });
  fs.mkdirSync(path.dirname(path.resolve(database)), { recursive: true });
  const incoming = `${database}.restoring`;
  fs.copyFileSync(file, incoming);
  let previous: string | null = null;
  try {
    if (fs.existsSync(database)) {
      // the database being replaced, as one consistent file (whatever its WAL still held)
      previous = `${database}.before-restore-${stamp()}`;
      const old = new SqliteDatabase(database, { fileMustExist: true });
      try {
        await old.backup(previous, { progress: () => 1 << 30 });
      } finally {
        old.close();
      }
      singleFile(previous);
    }
    // a WAL left beside the old file would be replayed into the restored one
    for (const f of [`${database}-wal`, `${database}-shm`, `${database}-journal`]) fs.rmSync(f, { force: true });
    fs.renameSync(incoming, database);
  } finally {
    fs.rmSync(incoming, { force: true });
  }
  return { database, from: file, previous, ...summary };
}

/** `30s`, `15m`, `6h`, `1d` → milliseconds */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(text.trim());
  if (!m || Number(m[1]) === 0) throw new Error(`not a duration: "${text}" (e.g. 30m, 6h, 1d)`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

const BACKUP_NAME = /^inventar-\d{8}T\d{9}Z\.db$/;
const backupStamp = (d: Date) => d.toISOString().replace(/[-:.]/g, '');

export interface Schedule {
  dir: string;
  everyMs: number;
  /** how many backups the directory keeps (the newest) */
  keep: number;
  /** after each backup or failure (logging, tests) */
  onBackup?: (result: BackupResult | Error) => void;
}

/** Backs `database` up into `dir` every `everyMs`, keeping the last `keep`; stop() waits for a backup under way. */
export function scheduleBackups(database: string, s: Schedule): { stop(): Promise<void> } {
  fs.mkdirSync(s.dir, { recursive: true });
  let running: Promise<void> | undefined;
  let last = 0;
  const once = async () => {
    try {
      // names in the order made (milliseconds, never the same twice): the oldest sort first
      last = Math.max(Date.now(), last + 1);
      const target = path.join(s.dir, `inventar-${backupStamp(new Date(last))}.db`);
      const result = await backupSqlite(database, target);
      const all = fs.readdirSync(s.dir).filter((f) => BACKUP_NAME.test(f)).sort();
      for (const old of all.slice(0, Math.max(0, all.length - s.keep))) fs.rmSync(path.join(s.dir, old), { force: true });
      s.onBackup?.(result);
    } catch (e) {
      s.onBackup?.(e as Error);
    }
  };
  const timer = setInterval(() => {
    running ??= once().finally(() => (running = undefined));
  }, s.everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * What `serve` runs beside the HTTP server on a SQLite file: the pid file that tells `restore`
 * the server is up, and the scheduled backups of INVENTAR_BACKUP_DIR / _EVERY / _KEEP.
 */
export function startServerOps(store: Store, env: NodeJS.ProcessEnv = process.env): { stop(): Promise<void> } {
  const database = store.file;
  if (!database) {
    if (env.INVENTAR_BACKUP_DIR) console.warn('INVENTAR_BACKUP_DIR is for the SQLite database: back PostgreSQL up with pg_dump');
    return { stop: async () => {} };
  }
  const pidFile = pidFileOf(database);
  fs.writeFileSync(pidFile, `${process.pid}\n`);
  let schedule: { stop(): Promise<void> } | undefined;
  if (env.INVENTAR_BACKUP_DIR) {
    const everyMs = parseDuration(env.INVENTAR_BACKUP_EVERY ?? '1d');
    const keep = Number(env.INVENTAR_BACKUP_KEEP ?? '7');
    if (!Number.isInteger(keep) || keep < 1) throw new Error(`INVENTAR_BACKUP_KEEP: not a positive whole number: ${env.INVENTAR_BACKUP_KEEP}`);
    schedule = scheduleBackups(database, {
      dir: env.INVENTAR_BACKUP_DIR,
      everyMs,
      keep,
      onBackup: (r) => (r instanceof Error ? console.error(`backup failed: ${r.message}`) : console.log(`backup ${r.file} (${r.bytes} bytes)`)),
    });
    console.log(`Backups every ${env.INVENTAR_BACKUP_EVERY ?? '1d'} into ${env.INVENTAR_BACKUP_DIR}, keeping the last ${keep}`);
  }
  return {
    stop: async () => {
      await schedule?.stop();
      try {
        if (fs.readFileSync(pidFile, 'utf8').trim() === String(process.pid)) fs.rmSync(pidFile);
      } catch {
        // gone already
      }
    },
  };
}

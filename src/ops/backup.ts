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
import { InventarError } from '../core/errors.ts';
import { isPostgresUrl, type Store } from '../db/connection.ts';
import { migrations } from '../db/migrate.ts';
import { copyWhole, inspectFile, singleFile, snapshotBackup, type FileSummary, type SqliteHandle } from '../db/sqlite-files.ts';

export { SUMMARY_TABLES } from '../db/sqlite-files.ts';

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

type Db = SqliteHandle;

/** Refuses a postgres:// URL: pg_dump / pg_restore are its tools. */
export function refusePostgres(url: string): void {
  if (isPostgresUrl(url)) throw new InventarError('INV_ERR_BACKUP_POSTGRES');
}

/** A file's summary with the migrations of this build it lacks. */
function withPending(summary: FileSummary): Omit<CopySummary, 'bytes'> {
  return { ...summary, pendingMigrations: Object.keys(migrations).filter((m) => !summary.migrations.includes(m)) };
}

export interface BackupOptions {
  /** replace an existing target */
  force?: boolean;
  /** pages per step of the backup API (default 100; the event loop runs between steps) */
  pagesPerStep?: number;
  /** called inside the snapshot the copy is made from, before copying (tests: a digest of the source at the backup's moment) */
  atSnapshot?: (db: Db) => void;
}

/** Copies the SQLite database `source` (a running one too) to `target`. */
export async function backupSqlite(source: string, target: string, options: BackupOptions = {}): Promise<BackupResult> {
  refusePostgres(source);
  if (!fs.existsSync(source)) throw new InventarError('INV_ERR_BACKUP_NOT_FOUND', { file: source });
  if (fs.existsSync(target) && !options.force) throw new InventarError('INV_ERR_BACKUP_EXISTS', { file: target });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  let snapshot: FileSummary & { at: string };
  try {
    snapshot = await snapshotBackup(source, partial, options.pagesPerStep ?? 100, options.atSnapshot);
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
  const { at, ...summary } = snapshot;
  singleFile(partial);
  fs.renameSync(partial, target);
  return { file: target, at, ...withPending(summary), bytes: fs.statSync(target).size };
}

/** Checks a copy before it is restored: refuses one that is damaged, not Inventar's, or from a newer build. */
export function checkCopy(file: string): CopySummary {
  refusePostgres(file);
  if (!fs.existsSync(file)) throw new InventarError('INV_ERR_BACKUP_NOT_FOUND', { file });
  const invalid = (reason: string) => new InventarError('INV_ERR_RESTORE_INVALID', { file, reason });
  const summary = withPending(inspectFile(file, invalid));
  if (summary.migrations.length === 0) throw invalid('no migrations table: not an Inventar database');
  const unknown = summary.migrations.filter((m) => !(m in migrations));
  if (unknown.length) throw invalid(`made by a newer version (migrations ${unknown.join(', ')})`);
  return { ...summary, bytes: fs.statSync(file).size };
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
      await copyWhole(database, previous);
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

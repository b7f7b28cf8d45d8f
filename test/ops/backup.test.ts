/**
 * Backups of a running SQLite file database and their restore (issue #19, point 2).
 *
 * "The restored database equals the source at the backup's moment": the backup copies inside a
 * read transaction it opens first (see src/ops/backup.ts), and its atSnapshot hook runs inside
 * that transaction, before the first page is copied. The test takes the digest of every table
 * there: that is the source at the backup's moment, while 8 clients keep posting records through
 * the HTTP API (app.inject) on the server's own connection. The backup copies one page per step,
 * so the clients' commits fall between its steps (the test checks some did); the restored file's
 * digest must equal the snapshot's, and the source's must differ from it by then.
 */
import crypto from 'node:crypto';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { bootstrapAdmin } from '../../src/masterdata/users.ts';
import { InventarError } from '../../src/core/errors.ts';
import { backupSqlite, checkCopy, parseDuration, pidFileOf, restoreSqlite, scheduleBackups } from '../../src/ops/backup.ts';
import { PG_URL, openTestStore } from '../helpers/store.ts';
import { seedFixture } from '../helpers/fixtures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** sha256 of every table's rows (sorted), per table: the whole state of a database */
function digest(db: SqliteDatabase.Database): Record<string, string> {
  const tables = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_stat%' order by name`).pluck().all() as string[];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const rows = db
      .prepare(`select * from "${t}"`)
      .raw()
      .all()
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : Buffer.isBuffer(v) ? v.toString('hex') : v)))
      .sort();
    out[t] = crypto.createHash('sha256').update(rows.join('\n')).digest('hex');
  }
  return out;
}

function digestOfFile(file: string): Record<string, string> {
  const db = new SqliteDatabase(file, { readonly: true });
  db.defaultSafeIntegers(true);
  try {
    return digest(db);
  } finally {
    db.close();
  }
}

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<InventarError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    if (e instanceof InventarError) return e;
    throw e;
  }
  throw new Error('not refused');
}

/** a SQLite file database with the test company and a few records */
async function fileDatabase(name: string) {
  const file = path.join(dir, name);
  const store = await openTestStore('sqlite', { file });
  await seedFixture(store);
  return { file, store };
}

describe('backup and restore [sqlite file]', () => {
  it('backs up while 8 clients post records; the restored copy equals the source at the backup moment', async () => {
    const { file, store } = await fileDatabase('live.db');
    const app = await buildApp(store);
    await bootstrapAdmin(store, 'secret-pass');
    const token = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'secret-pass' } })).json().token as string;

    let stop = false;
    let posted = 0;
    const errors: string[] = [];
    const client = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/records',
          headers: { authorization: `Bearer ${token}` },
          payload: { warehouse: 'MAIN', template: 'CAR', date: '2026-02-01', lines: [{ item: 'A', quantity: `${n + 1}`, unitCost: '10' }, { item: 'B', quantity: '1', unitCost: `${i + 1}` }] },
        });
        if (r.statusCode !== 201) errors.push(r.body);
        else posted++;
      }
    };
    const clients = Array.from({ length: 8 }, (_, n) => client(n));
    try {
      // a database with a history before the backup starts
      while (posted < 40 && errors.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));

      let atBackup: Record<string, string> = {};
      let postedAtSnapshot = 0;
      const target = path.join(dir, 'live-backup.db');
      const result = await backupSqlite(file, target, {
        pagesPerStep: 1,
        atSnapshot: (db) => {
          atBackup = digest(db);
          postedAtSnapshot = posted;
        },
      });
      const postedDuringBackup = posted - postedAtSnapshot;
      stop = true;
      await Promise.all(clients);
      expect(errors).toEqual([]);
      // the clients went on while the backup copied
      expect(postedDuringBackup).toBeGreaterThan(0);
      expect(fs.existsSync(`${target}-wal`)).toBe(false);

      const fresh = path.join(dir, 'restored', 'inventar.db');
      const restored = await restoreSqlite(target, fresh);
      expect(restored.previous).toBeNull();
      expect(restored.counts).toEqual(result.counts);
      expect(restored.pendingMigrations).toEqual([]);
      expect(digestOfFile(fresh)).toEqual(atBackup);
      expect(Object.keys(atBackup)).toEqual(expect.arrayContaining(['records', 'movements', 'audit_log', 'kysely_migration']));
      expect(result.counts.records).toBeGreaterThanOrEqual(40);

      // and the source moved on after that moment
      const now = store.sqlite!.prepare('select count(*) from records').pluck().get() as bigint;
      expect(Number(now)).toBeGreaterThan(result.counts.records);
      expect(digest(store.sqlite!).records).not.toBe(atBackup.records);
    } finally {
      stop = true;
      await Promise.all(clients);
      await app.close();
      await store.dispose();
    }
  });

  it('restores over a database: keeps the replaced one, drops its WAL; refuses while the server runs', async () => {
    const { file, store } = await fileDatabase('over.db');
    const backup = path.join(dir, 'over-backup.db');
    await backupSqlite(file, backup);
    await store.db.insertInto('warehouses').values({ code: 'LATE', description: 'after the backup' }).execute();
    const before = digest(store.sqlite!);

    // the server's pid file names a live process (this one): refused, nothing touched
    fs.writeFileSync(pidFileOf(file), `${process.pid}\n`);
    const running = await refusal(restoreSqlite(backup, file));
    expect(running.code).toBe('INV_ERR_RESTORE_SERVER_RUNNING');
    expect(running.params.pid).toBe(process.pid);

    await store.dispose();
    // a pid file a crashed server left: its process is gone
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(pidFileOf(file), `${gone}\n`);
    const r = await restoreSqlite(backup, file);
    expect(fs.existsSync(pidFileOf(file))).toBe(false);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(r.previous).toMatch(/over\.db\.before-restore-\d{8}T\d{6}Z$/);
    expect(digestOfFile(r.previous!)).toEqual(before);
    const db = new SqliteDatabase(file, { readonly: true });
    expect(db.prepare(`select count(*) from warehouses where code = 'LATE'`).pluck().get()).toBe(0);
    db.close();
    expect(digestOfFile(file)).toEqual(digestOfFile(backup));
  });

  it('refuses a damaged copy, a file that is not Inventar, and a copy from a newer version', async () => {
    const { file, store } = await fileDatabase('checks.db');
    await store.dispose();
    const backup = path.join(dir, 'checks-backup.db');
    await backupSqlite(file, backup);
    expect(checkCopy(backup).counts).toMatchObject({ warehouses: 2, items: 6, records: 0 });
    expect((await refusal(backupSqlite(file, backup))).code).toBe('INV_ERR_BACKUP_EXISTS');

    const damaged = path.join(dir, 'damaged.db');
    const bytes = fs.readFileSync(backup);
    // every page after the first (the schema's) overwritten
    bytes.fill(0xa5, 4096);
    fs.writeFileSync(damaged, bytes);
    const e1 = await refusal(() => checkCopy(damaged));
    expect(e1.code).toBe('INV_ERR_RESTORE_INVALID');

    const notOurs = path.join(dir, 'other.db');
    const other = new SqliteDatabase(notOurs);
    other.exec('create table t (x)');
    other.close();
    expect((await refusal(restoreSqlite(notOurs, path.join(dir, 'x.db')))).params.reason).toMatch(/not an Inventar database/);

    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(backup, newer);
    const n = new SqliteDatabase(newer);
    n.prepare(`insert into kysely_migration (name, timestamp) values ('9999_future', '2030-01-01T00:00:00.000Z')`).run();
    n.close();
    const e3 = await refusal(restoreSqlite(newer, path.join(dir, 'y.db')));
    expect(e3.params.reason).toMatch(/newer version.*9999_future/);
    expect(fs.existsSync(path.join(dir, 'y.db'))).toBe(false);
  });

  it('keeps the last N scheduled backups', async () => {
    const { file, store } = await fileDatabase('scheduled.db');
    const into = path.join(dir, 'scheduled');
    const made: string[] = [];
    const failures: Error[] = [];
    const schedule = scheduleBackups(file, { dir: into, everyMs: 20, keep: 2, onBackup: (r) => (r instanceof Error ? failures.push(r) : made.push(r.file)) });
    try {
      while (made.length < 4 && failures.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await schedule.stop();
      await store.dispose();
    }
    expect(failures).toEqual([]);
    const left = fs.readdirSync(into).sort();
    expect(left).toEqual(made.slice(-2).map((f) => path.basename(f)).sort());
    expect(checkCopy(path.join(into, left[1])).counts.warehouses).toBe(2);
  });

  it('reads durations', () => {
    expect(parseDuration('6h')).toBe(6 * 3_600_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(() => parseDuration('6 hours')).toThrow(/not a duration/);
    expect(() => parseDuration('0h')).toThrow(/not a duration/);
  });
});

describe('backup and restore refuse PostgreSQL', () => {
  it('points to pg_dump and pg_restore, in the functions and in the CLI', async () => {
    expect((await refusal(backupSqlite(PG_URL, path.join(dir, 'pg.db')))).code).toBe('INV_ERR_BACKUP_POSTGRES');
    expect((await refusal(restoreSqlite(path.join(dir, 'pg.db'), PG_URL))).code).toBe('INV_ERR_BACKUP_POSTGRES');
    const cli = promisify(execFile);
    const root = path.resolve(import.meta.dirname, '../..');
    const r = await cli(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--lang', 'en', '--db', PG_URL, 'backup', path.join(dir, 'pg.db')], { cwd: root }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/INV_ERR_BACKUP_POSTGRES: .*pg_dump.*pg_restore/);
    expect(fs.existsSync(path.join(dir, 'pg.db'))).toBe(false);
  });
});

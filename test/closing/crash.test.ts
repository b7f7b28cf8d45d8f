/**
 * Crash safety (issue 5): a closing of a large ledger runs in a child process
 * and is killed with SIGKILL part way; the database is then either untouched
 * (every table as before, digest for digest) or completely closed — never
 * half. On each database: SQLite (WAL, one transaction): the child keeps a
 * tiny page cache, so uncommitted pages are in the WAL when it dies.
 * PostgreSQL: each trial runs on a copy of the ledger in a schema of its own;
 * after a kill the test waits until the server has ended the child's sessions
 * (a transaction rolled back, or a commit it had received finished) before it
 * looks.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Dialect } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { stockRows } from '../../src/ledger/stock.ts';
import { addOddmentsTemplates, buildLedger } from '../../bench/closing.ts';
import { dialects, dropSchema, freshSchemaName, pgAdmin, pgUrlWithSchema } from '../helpers/store.ts';
import { tableDigests } from './support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const C = '2025-10-31';
const ITEMS = 2000;
/** PostgreSQL builds its ledger through the import service, not raw inserts: half the lines keeps the suite's time */
const LINES: Record<Dialect, number> = { sqlite: 200_000, postgres: 100_000 };

type Outcome = 'untouched' | 'complete';


/** A copy of a PostgreSQL store: the schema by the migrations, every row as is (constraints checked by the source), sequences where they were. */
async function copySchema(from: string, to: string): Promise<void> {
  const store = openStore(pgUrlWithSchema(to));
  await migrateToLatest(store);
  await store.close();
  await pgAdmin(async (c) => {
    const tables = (
      // partitioned tables once, through their parent (db/movement-partitions.ts)
      await c.query<{ table_name: string }>(
        `select c.relname as table_name from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition and c.relname not like 'kysely_%'`,
        [from],
      )
    ).rows.map((r) => r.table_name);
    await c.query('begin');
    await c.query('set local session_replication_role = replica'); // foreign keys in any table order
    // rows the migrations seed (standard units…) are replaced by the source's
    for (const t of tables) await c.query(`delete from ${to}."${t}"`);
    for (const t of tables) await c.query(`insert into ${to}."${t}" select * from ${from}."${t}"`);
    await c.query('commit');
    const serials = await c.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns where table_schema = $1 and column_default like 'nextval(%'`,
      [to],
    );
    for (const { table_name, column_name } of serials.rows) {
      await c.query(`select setval(pg_get_serial_sequence('${to}."${table_name}"', '${column_name}'), max("${column_name}")) from ${to}."${table_name}" having max("${column_name}") is not null`);
    }
  });
}

describe.each(dialects)('closing crash safety [%s]', (dialect) => {
  const sqlite = dialect === 'sqlite';
  const lines = LINES[dialect];
  let dir: string;
  /** the ledger every trial starts from: a SQLite file, or a PostgreSQL URL naming its schema */
  let pristine: string;
  let pristineSchema: string;
  const schemas: string[] = [];
  let digests: Record<string, string>;
  let stock: string[];

  async function stockPicture(url: string): Promise<string[]> {
    const store = openStore(url);
    try {
      const out: string[] = [];
      for (const date of ['2025-11-01', '2025-11-30', '2025-12-31']) {
        for (const r of await stockRows(store.db, { date })) out.push(`${date} ${r.warehouse_id} ${r.item_id} ${r.quantity}`);
      }
      return out;
    } finally {
      await store.close();
    }
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-crash-'));
    if (sqlite) {
      pristine = path.join(dir, 'pristine.db');
    } else {
      pristineSchema = freshSchemaName('crash');
      schemas.push(pristineSchema);
      pristine = pgUrlWithSchema(pristineSchema);
    }
    const store = openStore(pristine);
    await migrateToLatest(store);
    await buildLedger(store, { lines, items: ITEMS, warehouses: 3, year: 2025 });
    await addOddmentsTemplates(store);
    digests = await tableDigests(store);
    await store.close(); // checkpoints: the file alone holds the database
    if (sqlite) expect(fs.existsSync(`${pristine}-wal`)).toBe(false);
    stock = await stockPicture(pristine);
  }, 300_000);

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const schema of schemas) await dropSchema(schema);
  });

  type Target = { url: string; childUrl: string; session?: string };
  /** PostgreSQL: a copy a trial left untouched (digest for digest), which the next trial takes instead of copying again */
  let spare: Target | undefined;

  /** A copy of the pristine ledger for one trial: the database URL, and the one the child opens. */
  async function copy(name: string): Promise<Target> {
    if (sqlite) {
      const file = path.join(dir, `${name}.db`);
      fs.copyFileSync(pristine, file);
      return { url: file, childUrl: file };
    }
    if (spare) {
      const reused = spare;
      spare = undefined;
      return reused;
    }
    const schema = `${pristineSchema}_${name}`;
    schemas.push(schema);
    await copySchema(pristineSchema, schema);
    const session = `inventar_crash_${schema}`.slice(0, 63);
    return { url: pgUrlWithSchema(schema), childUrl: pgUrlWithSchema(schema, { application_name: session }), session };
  }

  /** PostgreSQL: until the server has ended every session of the killed child, what it had sent may still commit or roll back. */
  async function serverDone(session: string): Promise<void> {
    await vi.waitFor(
      async () => {
        const { rows } = await pgAdmin((c) => c.query(`select pid from pg_stat_activity where application_name = $1`, [session]));
        expect(rows).toEqual([]);
      },
      { timeout: 60_000, interval: 100 },
    );
  }

  /** Runs the closing in a child on a copy of the ledger, kills it when `killAt` says so, and tells what is left. */
  async function trial(name: string, killAt: (line: string, progress: number) => boolean | number): Promise<{ outcome: Outcome; killed: boolean; walBytes: number; lines: string[] }> {
    const target = await copy(name);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-child.ts'), target.childUrl, C], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const lines: string[] = [];
    let progress = 0;
    let killed = false;
    const kill = () => {
      if (!killed && child.exitCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    for await (const line of readline.createInterface({ input: child.stdout })) {
      lines.push(line);
      if (line.startsWith('progress')) progress++;
      const decision = killAt(line, progress);
      if (decision === true) kill();
      else if (typeof decision === 'number') setTimeout(kill, decision);
    }
    await exited;
    if (!killed && !lines.some((l) => l.startsWith('done'))) throw new Error(`closing child failed: ${stderr}`);
    if (target.session) await serverDone(target.session);
    const walBytes = sqlite && fs.existsSync(`${target.url}-wal`) ? fs.statSync(`${target.url}-wal`).size : 0;

    const store = openStore(target.url);
    try {
      if (sqlite) expect(store.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
      const closings = await store.db.selectFrom('closings').selectAll().execute();
      if (closings.length === 0) {
        // untouched: every table exactly as before
        expect(await tableDigests(store)).toEqual(digests);
        if (!sqlite) spare = target;
        return { outcome: 'untouched', killed, walBytes, lines };
      }
      // complete: the closing row, its opening records, history, last closing date, and the same stock after C
      expect(closings.length).toBe(1);
      const id = closings[0].id;
      const opening = await store.db.selectFrom('records').select(['id', 'date', 'number']).where('closing_id', '=', id).execute();
      expect(opening.map((r) => [r.date, r.number])).toEqual([
        ['2025-11-01', 0],
        ['2025-11-01', 0],
        ['2025-11-01', 0],
      ]);
      const history = await store.db.selectFrom('closing_history').select((eb) => eb.fn.countAll<number>().as('n')).where('closing_id', '=', id).executeTakeFirstOrThrow();
      expect(Number(history.n)).toBe(ITEMS);
      const params = await store.db.selectFrom('year_params').select(['year', 'last_closing_date']).orderBy('year').execute();
      expect(params).toEqual([
        { year: 2025, last_closing_date: C },
        { year: 2026, last_closing_date: C },
      ]);
    } finally {
      await store.close();
    }
    expect(await stockPicture(target.url)).toEqual(stock);
    return { outcome: 'complete', killed, walBytes, lines };
  }

  it('killed while it reads the ledger and writes history (its closing row already written): untouched', async () => {
    const r = await trial('early', (line, progress) => line.startsWith('progress') && progress === 3);
    expect(r.killed).toBe(true);
    expect(r.lines[0]).toMatch(/^started \d+$/);
    // SQLite: uncommitted pages had reached the WAL, and recovery ignored them
    if (sqlite) expect(r.walBytes).toBeGreaterThan(0);
    expect(r.outcome).toBe('untouched');
  }, 240_000);

  it('killed at later points (end of the pass, posting, commit): untouched or complete, never half', async () => {
    const outcomes: Outcome[] = [];
    const trials = [
      ['mid', (l: string, p: number) => l.startsWith('progress') && p === 10],
      ['after50', (l: string) => (l.startsWith(`progress ${ITEMS} `) ? 50 : false)],
      ['after200', (l: string) => (l.startsWith(`progress ${ITEMS} `) ? 200 : false)],
      ['after600', (l: string) => (l.startsWith(`progress ${ITEMS} `) ? 600 : false)],
    ] as const;
    for (const [name, at] of trials) {
      const r = await trial(name, at);
      outcomes.push(r.outcome);
      console.log(`crash trial ${dialect} ${name}: ${r.killed ? 'killed' : 'finished'}${sqlite ? `, WAL ${r.walBytes} bytes` : ''}, ${r.outcome}`);
      if (name === 'mid') expect(r.outcome).toBe('untouched');
    }
    expect(outcomes.every((o) => o === 'untouched' || o === 'complete')).toBe(true);
  }, 600_000);

  it('not killed: complete', async () => {
    const r = await trial('whole', () => false);
    expect(r.killed).toBe(false);
    expect(r.outcome).toBe('complete');
  }, 240_000);
});

/**
 * Crash safety (issue 5): a closing of a large ledger runs in a child process
 * and is killed with SIGKILL part way; the database is then either untouched
 * (every table as before, digest for digest) or completely closed — never
 * half. SQLite (WAL, one transaction): the child keeps a tiny page cache, so
 * uncommitted pages are in the WAL when it dies.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { stockRows } from '../../src/ledger/stock.ts';
import { addOddmentsTemplates, buildLedger } from '../../bench/closing.ts';
import { dialects } from '../helpers/store.ts';
import { tableDigests } from './support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const C = '2025-10-31';
const LINES = 200_000;
const ITEMS = 2000;

type Outcome = 'untouched' | 'complete';

describe.runIf(dialects.includes('sqlite'))('closing crash safety [sqlite]', () => {
  let dir: string;
  let pristine: string;
  let digests: Record<string, string>;
  let stock: string[];

  async function stockPicture(file: string): Promise<string[]> {
    const store = openStore(file);
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
    pristine = path.join(dir, 'pristine.db');
    const store = openStore(pristine);
    await migrateToLatest(store);
    await buildLedger(store, { lines: LINES, items: ITEMS, warehouses: 3, year: 2025 });
    await addOddmentsTemplates(store);
    digests = await tableDigests(store);
    await store.close(); // checkpoints: the file alone holds the database
    expect(fs.existsSync(`${pristine}-wal`)).toBe(false);
    stock = await stockPicture(pristine);
  }, 120_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs the closing in a child on a copy of the ledger, kills it when `killAt` says so, and tells what is left. */
  async function trial(name: string, killAt: (line: string, progress: number) => boolean | number): Promise<{ outcome: Outcome; killed: boolean; walBytes: number; lines: string[] }> {
    const file = path.join(dir, `${name}.db`);
    fs.copyFileSync(pristine, file);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-child.ts'), file, C], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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
    const walBytes = fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;

    const store = openStore(file);
    try {
      expect(store.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
      const closings = await store.db.selectFrom('closings').selectAll().execute();
      if (closings.length === 0) {
        // untouched: every table exactly as before
        expect(await tableDigests(store)).toEqual(digests);
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
    expect(await stockPicture(file)).toEqual(stock);
    return { outcome: 'complete', killed, walBytes, lines };
  }

  it('killed while it reads the ledger and writes history: untouched, though uncommitted pages had reached the WAL', async () => {
    const r = await trial('early', (line, progress) => line.startsWith('progress') && progress === 3);
    expect(r.killed).toBe(true);
    expect(r.lines[0]).toMatch(/^started \d+$/);
    expect(r.walBytes).toBeGreaterThan(0);
    expect(r.outcome).toBe('untouched');
  }, 120_000);

  it('killed at later points (end of the pass, posting, commit): untouched or complete, never half', async () => {
    const outcomes: Outcome[] = [];
    for (const [name, at] of [
      ['mid', (l: string, p: number) => l.startsWith('progress') && p === 10],
      ['after50', (l: string) => (l.startsWith(`progress ${ITEMS} `) ? 50 : false)],
      ['after200', (l: string) => (l.startsWith(`progress ${ITEMS} `) ? 200 : false)],
      ['after600', (l: string) => (l.startsWith(`progress ${ITEMS} `) ? 600 : false)],
    ] as const) {
      const r = await trial(name, at);
      outcomes.push(r.outcome);
      console.log(`crash trial ${name}: ${r.killed ? 'killed' : 'finished'}, WAL ${r.walBytes} bytes, ${r.outcome}`);
      if (name === 'mid') expect(r.outcome).toBe('untouched');
    }
    expect(outcomes.every((o) => o === 'untouched' || o === 'complete')).toBe(true);
  }, 300_000);

  it('not killed: complete', async () => {
    const r = await trial('whole', () => false);
    expect(r.killed).toBe(false);
    expect(r.outcome).toBe('complete');
  }, 120_000);
});

/**
 * `npm run bench -- ledger [--lines N] [--items N] [--warehouses N] [--batch N]
 *   [--daily N] [--queries N] [--seed N] [--db <sqlite file | postgres URL>] [--keep] [--quiet]`
 *
 * Builds a synthetic ledger (bench/_ledger-data.ts) through the bulk import
 * path (one streamed import of `--lines` lines, in parts of `--batch`) and
 * prints the import rate (lines/s, generation time excluded); then `--daily`
 * separate imports of `--batch` lines into that ledger (a day's import, its
 * own transaction each) and their rate; then the latency of point stock
 * queries, stockOf({item, warehouse}, random date).
 * Targets on SQLite (issue #2): import ≥ 100,000 lines/s; query p99 ≤ 5 ms at 10M lines.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, isPostgresUrl, type Store } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { stockOf } from '../src/ledger/stock.ts';
import { generateLedger } from './_ledger-data.ts';
import { seededRandom } from '../src/core/random.ts';

interface Args {
  lines: number;
  items: number;
  warehouses: number;
  batch: number;
  daily: number;
  queries: number;
  seed: number;
  db?: string;
  keep: boolean;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { lines: 1_000_000, items: 50_000, warehouses: 5, batch: 100_000, daily: 3, queries: 2000, seed: 1, keep: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'keep' || name === 'quiet') {
      a[name] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (name === 'db') a.db = value;
    else if (name in a) (a as unknown as Record<string, number>)[name] = Number(value.replace(/_/g, ''));
    else throw new Error(`unknown option --${name}`);
  }
  return a;
}

const ms = (ns: bigint | number) => Number(ns) / 1e6;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One statement on its own connection (a Kysely store over a pool it never used would keep the pool open). */
async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function openBenchStore(a: Args): Promise<{ store: Store; where: string; size: () => Promise<string>; cleanup: () => Promise<void> }> {
  if (a.db && isPostgresUrl(a.db)) {
    const url = a.db;
    const schema = `bench_ledger_${crypto.randomBytes(4).toString('hex')}`;
    await admin(url, `create schema ${schema}`);
    const store = openStore(url, { schema });
    return {
      store,
      where: `${url.replace(/\/\/[^@]*@/, '//…@')} schema ${schema}`,
      size: async () => {
        const { rows } = await store.pool!.query(`select sum(pg_total_relation_size(c.oid))::bigint as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r','m')`, [schema]);
        return mib(Number(rows[0].n));
      },
      cleanup: async () => {
        await store.close();
        if (!a.keep) await admin(url, `drop schema ${schema} cascade`);
      },
    };
  }
  const dir = a.db ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-bench-'));
  const file = a.db ?? path.join(dir!, 'ledger.db');
  if (fs.existsSync(file)) throw new Error(`${file} exists: the benchmark needs a fresh database`);
  const store = openStore(file);
  return {
    store,
    where: file,
    size: async () => {
      store.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
      const total = ['', '-wal'].reduce((n, s) => n + (fs.existsSync(file + s) ? fs.statSync(file + s).size : 0), 0);
      return mib(total);
    },
    cleanup: async () => {
      await store.close();
      if (dir && !a.keep) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function run(argv: string[]): Promise<void> {
  const a = parseArgs(argv);
  const { store, where, size, cleanup } = await openBenchStore(a);
  try {
    console.log(`ledger benchmark: ${fmt(a.lines)} lines in one bulk import (parts of ${fmt(a.batch)}), then ${a.daily} daily imports of ${fmt(a.batch)} lines; ${fmt(a.items)} items, ${a.warehouses} warehouses`);
    console.log(`database: ${store.dialect} ${where}`);
    await migrateToLatest(store);

    const wall = process.hrtime.bigint();
    const data = await generateLedger(store, {
      lines: a.lines,
      items: a.items,
      warehouses: a.warehouses,
      seed: a.seed,
      batchLines: a.batch,
      dailyBatches: a.daily,
      onBatch: (b) => {
        if (a.quiet) return;
        console.log(`  part ${String(b.batch).padStart(3)}: ${fmt(b.lines)} lines planned and written in ${ms(b.importNs).toFixed(0)} ms, total ${fmt(b.total)}`);
      },
    });
    const wallNs = process.hrtime.bigint() - wall;
    const importS = Number(data.importNs) / 1e9;
    console.log(`master data: ${fmt(a.items)} items, ${a.warehouses} warehouses in ${ms(data.masterDataNs).toFixed(0)} ms`);
    console.log(`bulk import: ${fmt(data.lines)} lines, one transaction, ${importS.toFixed(1)} s inside importRecordStream (indexes and stock check included) → ${fmt(data.lines / importS)} lines/s`);
    for (const d of data.daily ?? []) {
      console.log(`daily import ${d.batch}: ${fmt(d.lines)} lines into a ledger of ${fmt(d.total - d.lines)} in ${ms(d.importNs).toFixed(0)} ms → ${fmt(d.lines / (Number(d.importNs) / 1e9))} lines/s`);
    }
    console.log(`        (wall time with generation ${(Number(wallNs) / 1e9).toFixed(1)} s)`);

    // point queries: one (item, warehouse) key at a random date of the year
    const rnd = seededRandom(a.seed ^ 0x5eed);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    for (let i = 0; i < 50; i++) await stockOf(store.db, { itemId: pick(data.itemIds), warehouseId: pick(data.warehouseIds) }, pick(data.dates));
    const times: number[] = [];
    let nonZero = 0;
    for (let i = 0; i < a.queries; i++) {
      const key = { itemId: pick(data.itemIds), warehouseId: pick(data.warehouseIds) };
      const date = pick(data.dates);
      const t = process.hrtime.bigint();
      const q = await stockOf(store.db, key, date);
      times.push(ms(process.hrtime.bigint() - t));
      if (q !== 0n) nonZero++;
    }
    times.sort((x, y) => x - y);
    console.log(
      `point stock queries (stockOf item+warehouse at a random date): ${fmt(a.queries)} queries, ` +
        `median ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms (${fmt(nonZero)} non-zero)`,
    );
    const movements = await store.db.selectFrom('movements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(`data: ${fmt(Number(movements.n))} movement lines, ${fmt(data.records)} records, ${fmt(a.items)} items, ${a.warehouses} warehouses, database ${await size()}`);
  } finally {
    await cleanup();
  }
}

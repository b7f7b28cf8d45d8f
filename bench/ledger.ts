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
import os from 'node:os';
import { checkpointFully } from '../src/db/checkpointer.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { stockOf } from '../src/ledger/stock.ts';
import { generateLedger } from './_ledger-data.ts';
import { seededRandom } from '../src/core/random.ts';
import { describeTimes, fmt, ms, openBenchStore, parseArgs } from './_util.ts';

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

export async function run(argv: string[]): Promise<void> {
  const a = parseArgs<Args>(argv, { lines: 1_000_000, items: 50_000, warehouses: 5, batch: 100_000, daily: 3, queries: 2000, seed: 1, keep: false, quiet: false }, ['db']);
  const { store, where, size, cleanup } = await openBenchStore('ledger', a);
  try {
    const part = Math.min(a.batch, a.lines);
    console.log(`ledger benchmark: ${fmt(a.lines)} lines in one bulk import (parts of ${fmt(part)}), then ${a.daily} daily imports of ${fmt(part)} lines; ${fmt(a.items)} items, ${a.warehouses} warehouses`);
    console.log(`database: ${store.dialect} ${where}`);
    await migrateToLatest(store);

    let settledMs: number | undefined;
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
      // the daily imports come into a settled ledger, as they would hours later: the background checkpoint is done
      afterBulk: async () => {
        if (!store.sqlite) return;
        const t = performance.now();
        await checkpointFully(store.sqlite);
        settledMs = performance.now() - t;
      },
    });
    const wallNs = process.hrtime.bigint() - wall;
    const importS = Number(data.importNs) / 1e9;
    console.log(`master data: ${fmt(a.items)} items, ${a.warehouses} warehouses in ${ms(data.masterDataNs).toFixed(0)} ms`);
    console.log(`bulk import: ${fmt(data.lines)} lines, one transaction, ${importS.toFixed(1)} s inside importRecordStream (indexes and stock check included) → ${fmt(data.lines / importS)} lines/s`);
    const cpuS = (data.importCpuUs ?? 0) / 1e6;
    // on a busy machine wall time includes waiting for a core; this process's CPU time does not (a PostgreSQL server's own CPU is not in it)
    console.log(`             this process's CPU time inside it ${cpuS.toFixed(1)} s (user + system) → ${fmt(data.lines / cpuS)} lines per CPU second, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    if (settledMs !== undefined) console.log(`WAL checkpoint after the bulk import: finished ${settledMs.toFixed(0)} ms after its commit (a worker thread's work, not counted)`);
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
        `${describeTimes(times)} (${fmt(nonZero)} non-zero)`,
    );
    const movements = await store.db.selectFrom('movements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(`data: ${fmt(Number(movements.n))} movement lines, ${fmt(data.records)} records, ${fmt(a.items)} items, ${a.warehouses} warehouses, database ${await size()}`);
  } finally {
    await cleanup();
  }
}

/**
 * SAF-T D406 stock export benchmark: `npm run bench -- saft [--lines N] [--items N] [--warehouses N] [--db file|postgres://…] [--keep] [--page-size N]`
 *
 * Generates a month (2026-03) of movement lines — 1,000,000 by default over
 * 50,000 items in 5 warehouses, 10 lines per record, loads and unloads that
 * never go below zero (bench/_ledger-data.ts) — imported through the bulk
 * path, then writes the D406 stock section of that month to a file and prints
 * the time, movement lines per second, the output size and the memory: the
 * kernel's peak RSS over the export (VmHWM, reset before it) and RSS sampled
 * every 250 ms (its spread shows whether memory stays flat while the lines
 * stream). Goal (issue 17): ≤ 30 s, constant memory. SQLite by default (a
 * file in a temporary directory); `--db postgres://…` runs it on PostgreSQL
 * in a fresh schema.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import { SYSTEM_ACTOR, type Ctx } from '../src/core/context.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { importRecordStream, type ImportChunk } from '../src/ledger/import.ts';
import { prepareSaftD406Stock } from '../src/accounting/saft-d406.ts';
import { createMasterData, recordBatches } from './_ledger-data.ts';
import { fmt, memory, mib, openBenchStore, parseArgs, resetPeak, seconds } from './_util.ts';

const YEAR = 2026;
const FROM = `${YEAR}-03-01`;
const TO = `${YEAR}-03-31`;

export async function run(argv: string[]): Promise<void> {
  const a = parseArgs(argv, { lines: 1_000_000, items: 50_000, warehouses: 5, seed: 1, db: '', keep: false, pageSize: 5_000 }, ['db']);
  const bench = await openBenchStore('saft', { db: a.db || undefined, keep: a.keep });
  const { store } = bench;
  try {
    await migrateToLatest(store);
    const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
    const t0 = performance.now();
    await createMasterData(store, { items: a.items, warehouses: a.warehouses, year: YEAR });
    // stock accounts and NC codes as the accounting columns hold them
    await sql`update items set stock_account = '371', nc_code = '85167100'`.execute(store.db);
    await sql`update templates set saft_movement_type = case when type = 'load' then '10' else '20' end`.execute(store.db);
    const dates: string[] = [];
    for (let d = 1; d <= 31; d++) dates.push(`${YEAR}-03-${String(d).padStart(2, '0')}`);
    const batches = recordBatches({ lines: a.lines, items: a.items, warehouses: a.warehouses, seed: a.seed, dates, linesPerRecord: 10, batchLines: 100_000 });
    const parts = function* (): Generator<ImportChunk> {
      for (const inputs of batches) yield { inputs };
    };
    const imported = await importRecordStream(ctx, parts());
    if (store.sqlite) store.sqlite.exec('analyze');
    else await store.pool!.query('analyze');
    console.log(`data: ${fmt(imported.lines)} movement lines in ${fmt(imported.records)} records, ${FROM}..${TO}, ${fmt(a.items)} items, ${a.warehouses} warehouses; ${store.dialect} ${bench.where}, ${await bench.size()}; generated in ${seconds(performance.now() - t0, 1)}`);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-bench-saft-'));
    const file = path.join(dir, 'd406.xml');
    const samples: number[] = [];
    const heap: number[] = [];
    const sampler = setInterval(() => {
      samples.push(memory().rss);
      heap.push(process.memoryUsage().heapUsed);
    }, 250);
    const reset = resetPeak();
    const before = memory();
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    const exp = await prepareSaftD406Stock(ctx, { from: FROM, to: TO }, { pageSize: a.pageSize });
    const out = fs.createWriteStream(file);
    const summary = await exp.write(out);
    out.end();
    await finished(out);
    const elapsed = performance.now() - start;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    clearInterval(sampler);
    const after = memory();
    const size = fs.statSync(file).size;
    const sorted = [...samples].sort((x, y) => x - y);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? after.rss;
    console.log(
      `export (${store.dialect}): ${seconds(elapsed)} wall, ${seconds(cpuMs)} CPU (user + system: the figure to trust on a busy machine) for ${fmt(summary.numberOfMovementLines)} movement lines = ${fmt(summary.numberOfMovementLines / (elapsed / 1000))} lines/s; ` +
        `${fmt(summary.physicalStockEntries)} physical stock entries, ${fmt(summary.products)} products; output ${mib(size, 1)} (${fmt(size)} bytes)`,
    );
    console.log(
      `memory: peak RSS ${mib(after.peak)}${reset ? '' : ' (since start: no peak reset)'}, RSS before ${mib(before.rss)}, after ${mib(after.rss)}; ` +
        `sampled RSS during the export (${samples.length} samples): min ${mib(sorted[0] ?? after.rss)}, median ${mib(at(0.5))}, p90 ${mib(at(0.9))}, max ${mib(sorted[sorted.length - 1] ?? after.rss)}`,
    );
    const heapSorted = [...heap].sort((x, y) => x - y);
    // the heap over the export's first and last quarter: equal when memory does not grow with the lines written
    const quarter = Math.max(1, Math.floor(heap.length / 4));
    const mean = (xs: number[]) => xs.reduce((t, x) => t + x, 0) / Math.max(1, xs.length);
    console.log(
      `heap used during the export: min ${mib(heapSorted[0] ?? 0)}, max ${mib(heapSorted[heapSorted.length - 1] ?? 0)}; ` +
        `mean of the first quarter ${mib(mean(heap.slice(0, quarter)))}, of the last ${mib(mean(heap.slice(-quarter)))}`,
    );
    console.log(`totals: received ${summary.totalQuantityReceived}, issued ${summary.totalQuantityIssued}, closing value ${summary.closingStockValue}`);
    fs.rmSync(dir, { recursive: true, force: true });
  } finally {
    await bench.cleanup();
  }
}

/**
 * `npm run bench -- revaluation [--lines N] [--items N] [--warehouses N] [--seed N]
 *   [--method fifo|moving-average] [--start YYYY-MM-DD] [--end YYYY-MM-DD]
 *   [--db <sqlite file | postgres URL>] [--keep] [--from <sqlite file>] [--no-apply] [--write-chunk N] [--bulk-lines N]`
 *
 * The re-valuation (SPEC §9, issue 17 point 3) of a whole synthetic ledger:
 * the preview (first 1,000 changes + complete totals), then the apply (every
 * changed line written, one transaction), each timed with the peak RSS of
 * the step alone (VmHWM, reset before it) and its CPU time (user + system
 * of this process: on a shared machine the wall time grows with the load,
 * the CPU time much less). Target on SQLite: ≤ 60 s and ≤ 1 GB for a
 * 10M-line ledger.
 *
 * Without `--from` it builds the closing benchmark's ledger (bench/closing.ts
 * `buildLedger`: 2025, default 1M lines over 20,000 items × 5 warehouses;
 * PostgreSQL through the posting engine). `--from` runs on a COPY of a SQLite
 * ledger generated earlier (e.g. the inventory benchmark's
 * `--db /tmp/inv10m.db --keep --generate-only`), in a fresh process, so the
 * figures are the re-valuation's own. The range defaults to the open period
 * of the ledger's latest year (`--start`, `--end` change it).
 *
 * Figures (shared 2-core machine, load average 6–11 from other jobs: the CPU
 * time is the honest figure, the wall time what the load left):
 *   SQLite, 10M lines (`--from` the inventory bench's 10M ledger, 1,900 MiB;
 *   fifo over 2026, 3,428,069 lines changed in 443,655 records):
 *     before (per-row UPDATE by rowid behind the walk, indexes updated):
 *       apply ≈ 302 s wall, 120 s CPU.
 *     after (changes to a temp table; one UPDATE … FROM it in id order;
 *       movements_valuation_ix and movements_outgoing_ix dropped and rebuilt):
 *       preview 27 s wall / 23.5 s CPU (cold: 73–140 s wall / 21–27 s CPU),
 *       peak RSS ≈ 560 MiB; apply 94–119 s wall (364 s with tests beside it)
 *       / 71–78 s CPU, peak RSS 630–740 MiB (last run: 118 s wall, 70.7 s
 *       CPU, 631 MiB, load 5–9). Apply's CPU: walk + temp table
 *       ≈ 27 s, UPDATE ≈ 22 s, index rebuild ≈ 22 s, journal ≈ 11 s.
 *     quiet machine (load ≈ 1, 2026-12-08): fifo preview 17.8 s wall / 19.2 s
 *       CPU, 567 MiB; apply 52.0 s wall / 61.8 s CPU, 631 MiB; moving-average
 *       preview 17.6 s, apply 55.8 s wall / 66.7 s CPU, 645 MiB.
 *   SQLite, 1M lines (default ledger, 459,683 changes): apply 11.3 s CPU
 *     before, 11–13 s CPU after (at 1M the rebuild and the per-row index
 *     updates cost about the same; the win grows with the ledger).
 *   PostgreSQL, 1M lines (`--db postgres://…/reval_bench`, its own schema;
 *     CPU is this process only, not the server's): preview 19.6 s wall /
 *     5.8 s CPU, apply 119.5 s wall / 6.0 s CPU, peak RSS 350–550 MiB
 *     (unchanged path: chunked UPDATE … FROM unnest behind the walk).
 */
import { SYSTEM_ACTOR, type Ctx } from '../src/core/context.ts';
import { checkpointFully } from '../src/db/checkpointer.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { applyRevaluation, previewRevaluation, WRITE_CHUNK, type RevaluationView } from '../src/accounting/revaluation.ts';
import { BULK_LINES } from '../src/db/revaluation-writes.ts';
import { buildLedger } from './closing.ts';
import { fmt, memory, mib, ms, openBenchStore, parseArgs, resetPeak, seconds } from './_util.ts';

interface Args {
  lines: number;
  items: number;
  warehouses: number;
  seed: number;
  method: string;
  start?: string;
  end?: string;
  db?: string;
  from?: string;
  keep: boolean;
  apply: boolean;
  writeChunk: number;
  bulkLines: number;
}

/** CPU seconds (user + system) of this process since `from`: the figure a shared machine does not inflate. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

function describe(step: string, v: RevaluationView, millis: number, peak: number, cpu: number): string {
  const t = v.totals;
  return (
    `${step}: ${seconds(millis)} (CPU ${cpu.toFixed(1)} s), peak RSS ${mib(peak)}; ${fmt(v.stats.rowsRead)} movements read over ${fmt(v.stats.items)} items ` +
    `(${fmt(v.stats.itemsRewalked)} walked again), ${fmt(t.lines)} lines changed (${fmt(t.unloadLines)} unloads, ${fmt(t.transferLoadLines)} transfer loads), ` +
    `amounts ${t.oldAmount} → ${t.newAmount} (difference ${t.difference}); ${fmt(v.stats.rowsRead / (millis / 1000))} movements/s`
  );
}

export async function run(argv: string[]): Promise<void> {
  const a = parseArgs<Args>(argv, { lines: 1_000_000, items: 20_000, warehouses: 5, seed: 1, method: 'fifo', keep: false, apply: true, writeChunk: WRITE_CHUNK, bulkLines: BULK_LINES }, ['method', 'start', 'end', 'db', 'from']);
  const { store, where, size, cleanup } = await openBenchStore('revaluation', a);
  try {
    console.log(a.from ? `revaluation benchmark: a copy of the ledger of ${a.from}` : `revaluation benchmark: ${fmt(a.lines)} lines, ${fmt(a.items)} items × ${a.warehouses} warehouses`);
    console.log(`database: ${store.dialect} ${where}`);
    await migrateToLatest(store);
    if (!a.from) {
      const t0 = process.hrtime.bigint();
      let lastPrint = Date.now();
      await buildLedger(store, {
        lines: a.lines,
        items: a.items,
        warehouses: a.warehouses,
        seed: a.seed,
        year: 2025,
        onBatch: (total) => {
          if (Date.now() - lastPrint > 15_000) {
            lastPrint = Date.now();
            console.log(`  … ${fmt(total)} lines`);
          }
        },
      });
      console.log(`ledger built in ${seconds(ms(process.hrtime.bigint() - t0), 0)}`);
    }
    if (store.sqlite) await checkpointFully(store.sqlite);
    const count = async (t: 'records' | 'movements') => Number((await store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const year = await store.db.selectFrom('year_params').select(['year', 'period_start', 'period_end']).orderBy('year', 'desc').executeTakeFirstOrThrow();
    const range = { from: a.start ?? year.period_start, to: a.end ?? year.period_end, method: a.method };
    console.log(`ledger: ${fmt(await count('movements'))} lines in ${fmt(await count('records'))} records, ${await size()}; re-valuation ${range.method} ${range.from} … ${range.to}`);
    const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };

    const resettable = resetPeak();
    let t = process.hrtime.bigint();
    let cpu = process.cpuUsage();
    const preview = await previewRevaluation(ctx, range);
    console.log(describe('preview', preview, ms(process.hrtime.bigint() - t), memory().peak, cpuSince(cpu)));
    if (!resettable) console.log('(peak RSS could not be reset: figures are the process peak)');

    if (a.apply) {
      resetPeak();
      t = process.hrtime.bigint();
      cpu = process.cpuUsage();
      const applied = await applyRevaluation(ctx, { ...range, confirm: true }, { writeChunk: a.writeChunk, bulkLines: a.bulkLines });
      console.log(describe('apply', applied, ms(process.hrtime.bigint() - t), memory().peak, cpuSince(cpu)));
      resetPeak();
      t = process.hrtime.bigint();
      cpu = process.cpuUsage();
      const again = await previewRevaluation(ctx, range);
      console.log(describe('preview after apply', again, ms(process.hrtime.bigint() - t), memory().peak, cpuSince(cpu)));
      if (again.totals.lines !== 0) throw new Error(`a second re-valuation would still change ${again.totals.lines} lines`);
    }
  } finally {
    await cleanup();
  }
}

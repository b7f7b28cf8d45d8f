/**
 * `npm run bench -- requests [--lines N] [--small N] [--clients 8] [--seconds S]
 *   [--warmup S] [--items N] [--warehouses N] [--seed N]
 *   [--db <sqlite file | postgres URL>] [--keep] [--profile <dir>] [--statements]`
 *
 * Per-request cost at two ledger sizes (issue 20 point 2): a synthetic ledger
 * (bench/_ledger-data.ts) of `--small` lines (default 100,000) and one of
 * `--lines` (default 10,000,000), each in its own fresh database (a SQLite
 * `--db` file gets the size in its name: x.db → x-100000.db; a PostgreSQL URL
 * gets a new schema per size). On each, the real app (src/http/app.ts)
 * listens on 127.0.0.1 (ephemeral port) and `--clients` concurrent clients
 * (a worker thread, fetch with keep-alive) send, `--seconds` each after
 * `--warmup` seconds not counted:
 *   scans    POST /api/lists/{id}/lines: a random item of the ledger (lot items
 *            with a lot) at a random location, quantity 1, mode add, into an
 *            open inventory's list (one list per client, warehouses in turn);
 *   postings POST /api/records: a one-line load (CAR, so the stock rules never
 *            refuse) of a random item into a random warehouse, dated the last
 *            day of the ledger's year;
 *   reads    GET /api/records/{id}: a random record of the ledger.
 * Prints per size and kind: requests, requests/s, p50/p99/max, errors (non-2xx,
 * by status, with the first answer), CPU time (the machine may be shared:
 * CPU s and CPU ms/req of the whole process, clients included; `server` the
 * main thread's CPU ms per request), SQL statements per request, the
 * server's event-loop utilisation; then the p50 ratio large/small
 * per kind (goal ≤ 1.2: constant time). With `--profile <dir>`, the server
 * thread is profiled during each measured window (dir/<lines>-<kind>.cpuprofile)
 * and its top 10 functions by self time are printed. SQL/req counts the
 * statements per request the store ran (bench/_statement-count.ts; on SQLite
 * only with `--statements`, which lists them and slows every statement).
 * Goals (issue 20), SQLite: ≥ 2,000 scans/s and ≥ 1,000 postings/s, p99 ≤ 50 ms;
 * PostgreSQL: half those rates.
 */
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR, type Ctx } from '../src/core/context.ts';
import { isPostgresUrl } from '../src/db/connection.ts';
import { checkpointFully } from '../src/db/checkpointer.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { createInventory } from '../src/inventory/inventories.ts';
import { createList } from '../src/inventory/inventory-lists.ts';
import { progressSettled } from '../src/inventory/list-progress.ts';
import { createEmployee } from '../src/masterdata/employees.ts';
import { createListType } from '../src/masterdata/list-types.ts';
import { bootstrapAdmin } from '../src/masterdata/users.ts';
import { generateLedger, LOCATIONS, locationCode, LOT_EVERY } from './_ledger-data.ts';
import { runLoad, type LoadResult, type LoadSpec } from './_http-load.ts';
import { startProfile, topSelfTime } from './_cpu-profile.ts';
import { countStatements } from './_statement-count.ts';
import { fmt, mainThreadCpuMs, openBenchStore, parseArgs, percentile, seconds } from './_util.ts';

interface Args {
  lines: number;
  small: number;
  clients: number;
  seconds: number;
  warmup: number;
  items: number;
  warehouses: number;
  seed: number;
  db?: string;
  keep: boolean;
  profile?: string;
  statements: boolean;
}

const KINDS = ['scans', 'postings', 'reads'] as const;
type Kind = (typeof KINDS)[number];
const PASSWORD = 'bench-password';

/** The goals per kind on SQLite (PostgreSQL: half the rate); reads have none but constant time. */
const GOALS: Record<Kind, { rate: number; p99: number } | undefined> = { scans: { rate: 2000, p99: 50 }, postings: { rate: 1000, p99: 50 }, reads: undefined };

interface Measured {
  kind: Kind;
  load: LoadResult;
  cpuMs: number;
  /** the main thread's (the server's) CPU time alone */
  serverCpuMs?: number;
  loop: number;
  /** SQL statements run in the window, in all and by SQL text (with --statements) */
  statements: { total: number; bySql: Map<string, number> };
}

interface SizeRun {
  lines: number;
  describe: string;
  measured: Measured[];
}

/** a SQLite file per size: x.db → x-100000.db */
const fileFor = (db: string, lines: number) => (isPostgresUrl(db) ? db : db.replace(/(\.[^./]*)?$/, (ext) => `-${lines}${ext}`));

export async function run(argv: string[]): Promise<void> {
  const a = parseArgs<Args>(argv, { lines: 10_000_000, small: 100_000, clients: 8, seconds: 10, warmup: 2, items: 50_000, warehouses: 5, seed: 1, keep: false, statements: false }, ['db', 'profile']);
  const dialect = a.db && isPostgresUrl(a.db) ? 'postgres' : 'sqlite';
  console.log(`requests benchmark on ${dialect}: ${a.clients} clients over HTTP on loopback, ${a.seconds} s per kind after ${a.warmup} s warm-up; ledgers of ${fmt(a.small)} and ${fmt(a.lines)} lines, ${fmt(a.items)} items, ${a.warehouses} warehouses; ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const runs: SizeRun[] = [];
  for (const lines of [a.small, a.lines]) runs.push(await measureSize(a, lines, dialect));
  const [small, large] = runs;
  console.log(`\nconstant time: p50 at ${fmt(large.lines)} lines / p50 at ${fmt(small.lines)} lines (goal ≤ 1.20)`);
  for (const kind of KINDS) {
    const of = (r: SizeRun) => r.measured.find((m) => m.kind === kind)!;
    const p50 = (r: SizeRun) => percentile(of(r).load.times, 50);
    const cpu = (r: SizeRun) => of(r).cpuMs / of(r).load.times.length;
    const ratio = p50(large) / p50(small);
    console.log(
      `  ${kind.padEnd(9)} p50 ${p50(small).toFixed(2).padStart(7)} ms → ${p50(large).toFixed(2).padStart(7)} ms  ×${ratio.toFixed(2)} ${ratio <= 1.2 ? 'met' : 'MISSED'}` +
        `   (process CPU per request ${cpu(small).toFixed(2)} → ${cpu(large).toFixed(2)} ms, ×${(cpu(large) / cpu(small)).toFixed(2)})`,
    );
  }
}

async function measureSize(a: Args, lines: number, dialect: 'sqlite' | 'postgres'): Promise<SizeRun> {
  const bench = await openBenchStore(`requests_${lines}`, { db: a.db ? fileFor(a.db, lines) : undefined, keep: a.keep });
  try {
    const store = bench.store;
    await migrateToLatest(store);
    const built = performance.now();
    const ledger = await generateLedger(store, { lines, items: a.items, warehouses: a.warehouses, seed: a.seed });
    const buildMs = performance.now() - built;
    // the build's WAL written back first: a checkpoint running behind the measured window is the build's cost, not a request's
    if (store.sqlite) await checkpointFully(store.sqlite);

    // who counts and where: an open inventory at the year's last day, one list per client
    const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
    await bootstrapAdmin(store, PASSWORD);
    await createListType(ctx, { code: 'STD', description: 'Standard' });
    const day = ledger.dates.at(-1)!;
    for (let c = 0; c < a.clients; c++) await createEmployee(ctx, { code: `E${c + 1}`, name: `Bench counter ${c + 1}` });
    const inventory = await createInventory(ctx, { date: day, operator: 'E1' });
    const lists: number[] = [];
    for (let c = 0; c < a.clients; c++) {
      lists.push((await createList(ctx, inventory.id, { listType: 'STD', employee: `E${c + 1}`, warehouse: ledger.warehouseCodes[c % ledger.warehouseCodes.length] })).id);
    }
    const ids = await store.db.selectFrom('records').select((eb) => [eb.fn.min<number>('id').as('min'), eb.fn.max<number>('id').as('max')]).executeTakeFirstOrThrow();
    const records = await store.db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const describe = `${fmt(ledger.lines)} lines, ${fmt(Number(records.n))} records, ${fmt(a.items)} items, ${a.warehouses} warehouses; ${store.dialect} ${bench.where}, ${await bench.size()}; built in ${seconds(buildMs, 0)}`;
    console.log(`\nledger of ${describe}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

    const statements = countStatements(store, a.statements);
    const app = await buildApp(store);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
      const { token } = (await login.json()) as { token: string };
      const spec: Omit<LoadSpec, 'kind'> = {
        base,
        token,
        clients: a.clients,
        warmupSeconds: a.warmup,
        seconds: a.seconds,
        seed: a.seed,
        items: ledger.itemCodes,
        lotEvery: LOT_EVERY,
        lot: 'LOT12',
        locations: Array.from({ length: LOCATIONS }, (_, l) => locationCode(l)),
        lists,
        warehouses: ledger.warehouseCodes,
        template: 'CAR',
        date: day,
        recordMin: Number(ids.min),
        recordMax: Number(ids.max),
      };
      const measured: Measured[] = [];
      console.log(`  ${'kind'.padEnd(9)} ${'requests'.padStart(9)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'errors'.padStart(7)} ${'CPU s'.padStart(6)} ${'CPU ms/req'.padStart(10)} ${'server'.padStart(6)} ${'SQL/req'.padStart(7)} ${'loop'.padStart(5)}  goal`);
      for (const kind of KINDS) {
        let cpu = process.cpuUsage();
        let serverCpu = mainThreadCpuMs();
        let elu = performance.eventLoopUtilization();
        let stop: ((file: string) => Promise<Parameters<typeof topSelfTime>[0]>) | undefined;
        const load = await runLoad({ ...spec, kind }, async () => {
          if (a.profile) stop = await startProfile();
          cpu = process.cpuUsage();
          serverCpu = mainThreadCpuMs();
          elu = performance.eventLoopUtilization();
          statements.take();
        });
        const used = process.cpuUsage(cpu);
        const serverCpuMs = serverCpu === undefined ? undefined : mainThreadCpuMs()! - serverCpu;
        const loop = performance.eventLoopUtilization(elu).utilization;
        const m: Measured = { kind, load, cpuMs: (used.user + used.system) / 1000, serverCpuMs, loop, statements: statements.take() };
        measured.push(m);
        console.log(`  ${row(m, dialect)}`);
        for (const [status, n] of load.errors) console.log(`      ${fmt(n)} × ${status || 'no answer'}: ${load.samples.get(status)}`);
        if (a.statements) {
          for (const [sql, n] of [...m.statements.bySql].sort((x, y) => y[1] - x[1]).slice(0, 30)) {
            console.log(`      ${(n / load.times.length).toFixed(2).padStart(6)} × ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
          }
        }
        if (stop) {
          const file = path.join(a.profile!, `${lines}-${kind}.cpuprofile`);
          const top = topSelfTime(await stop(file));
          console.log(`      server thread profile ${file}: ${seconds(top.busyMs)} busy, ${seconds(top.idleMs)} idle; top self time:`);
          for (const r of top.rows) console.log(`        ${r.ms.toFixed(0).padStart(6)} ms ${(100 * r.share).toFixed(1).padStart(5)} %  ${r.name}  ${r.where}`);
        }
      }
      await progressSettled(store);
      return { lines, describe, measured };
    } finally {
      await app.close();
    }
  } finally {
    await bench.cleanup();
  }
}

function row(m: Measured, dialect: 'sqlite' | 'postgres'): string {
  const t = m.load.times;
  const rate = t.length / (m.load.windowMs / 1000);
  const errors = [...m.load.errors.values()].reduce((s, n) => s + n, 0);
  const p99 = percentile(t, 99);
  const goal = GOALS[m.kind];
  let verdict = '(constant time only)';
  if (goal) {
    const want = dialect === 'sqlite' ? goal.rate : goal.rate / 2;
    verdict = `≥ ${fmt(want)}/s, p99 ≤ ${goal.p99} ms: ${rate >= want && p99 <= goal.p99 && errors === 0 ? 'met' : 'MISSED'}`;
  }
  return [
    m.kind.padEnd(9),
    fmt(t.length).padStart(9),
    fmt(rate).padStart(7),
    percentile(t, 50).toFixed(2).padStart(7),
    p99.toFixed(2).padStart(7),
    t[t.length - 1].toFixed(1).padStart(7),
    fmt(errors).padStart(7),
    (m.cpuMs / 1000).toFixed(1).padStart(6),
    (m.cpuMs / t.length).toFixed(2).padStart(10),
    (m.serverCpuMs === undefined ? '' : (m.serverCpuMs / t.length).toFixed(2)).padStart(6),
    (Number.isNaN(m.statements.total) ? '–' : (m.statements.total / t.length).toFixed(1)).padStart(7),
    `${(100 * m.loop).toFixed(0)}%`.padStart(5),
  ].join(' ') + `  ${verdict}`;
}

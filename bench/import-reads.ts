/**
 * `npm run bench -- import-reads [--lines N] [--interval MS] [--baseline N] [--db <sqlite file>] [--keep]`
 *
 * Reads during an HTTP import on SQLite (issue 11, point 6): a server on a
 * database file, a CSV import of `--lines` lines posted to
 * /api/import/records, and meanwhile one `GET /api/auth/me` after another
 * (a pause of `--interval` ms between them) until the import answers. Prints
 * the latency of those reads (median, p99, max) against `--baseline` reads on
 * an idle server, and the import's own time. Target: p99 under 200 ms during
 * a 300,000-line import.
 */
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { UnitCost } from '../src/core/decimal.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { bootstrapAdmin } from '../src/masterdata/users.ts';
import { recordsCsv } from './_import-csv.ts';
import { describeTimes, fmt, openBenchStore, parseArgs, seconds } from './_util.ts';

interface Args {
  lines: number;
  interval: number;
  baseline: number;
  db?: string;
  keep: boolean;
}

const PASSWORD = 'bench-password';

export async function run(argv: string[]): Promise<void> {
  const a = parseArgs<Args>(argv, { lines: 300_000, interval: 10, baseline: 200, keep: false }, ['db']);
  const { store, where, cleanup } = await openBenchStore('import-reads', a);
  if (store.dialect !== 'sqlite') throw new Error('import-reads measures SQLite (a database file)');
  const app = await buildApp(store);
  try {
    console.log(`import-reads benchmark: /api/auth/me during an HTTP import of ${fmt(a.lines)} lines`);
    console.log(`database: ${store.dialect} ${where}`);
    await migrateToLatest(store);
    const db = store.db;
    const shop = (await db.insertInto('warehouses').values({ code: 'SHOP', description: 'Magazin' }).returning('id').executeTakeFirstOrThrow()).id;
    for (const code of ['A', 'B']) {
      await db.insertInto('items').values({ code, description: `Articol ${code}`, uom: 'buc', standard_cost: UnitCost.parse('1')!, sale_price: UnitCost.parse('2')! }).execute();
    }
    await db.insertInto('templates').values({ warehouse_id: shop, code: 'CAR', description: 'Recepție', type: 'load', update_average_cost: 1, update_last_cost: 1 }).execute();
    await db.insertInto('year_params').values({ year: 2026, period_start: '2026-01-01', period_end: '2026-12-31' }).execute();
    await db.insertInto('year_warehouse_params').values({ year: 2026, warehouse_id: shop }).execute();
    await bootstrapAdmin(store, PASSWORD);

    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    // the reads come from another thread: a client on this thread would stop with the server whenever its event loop is blocked
    const reads = (count: number, until?: Promise<unknown>) => readsFromAnotherThread(base, token, a.interval, count, until);

    const idle = await reads(a.baseline);
    console.log(`idle server: ${fmt(idle.length)} reads, ${describeTimes(idle)}`);

    const csv = recordsCsv(a.lines);
    const started = performance.now();
    const importing = fetch(`${base}/api/import/records`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: csv }).then(async (r) => {
      const body = await r.text();
      if (r.status !== 201) throw new Error(`the import answered ${r.status}: ${body.slice(0, 500)}`);
      return JSON.parse(body) as { records: number; lines: number };
    });
    const during = await reads(Infinity, importing);
    const result = await importing;
    const importMs = performance.now() - started;
    console.log(`import: ${fmt(result.lines)} lines, ${fmt(result.records)} records in ${seconds(importMs, 1)} (HTTP request to response)`);
    console.log(`during the import: ${fmt(during.length)} reads of /api/auth/me, ${during.length ? describeTimes(during) : 'none answered'}`);
    const p99 = during.length ? during[Math.min(during.length - 1, Math.ceil(0.99 * during.length) - 1)] : Infinity;
    console.log(`target p99 < 200 ms during the import: ${p99 < 200 ? 'met' : 'NOT met'} (${p99.toFixed(1)} ms)`);
  } finally {
    await app.close();
    await cleanup();
  }
}

/** The client thread: `GET /api/auth/me` one after another, each timed, until told to stop or `count` is reached. */
const CLIENT = `
const { parentPort, workerData: w } = require('node:worker_threads');
let stop = false;
parentPort.once('message', () => (stop = true));
(async () => {
  const times = [];
  while (!stop && times.length < w.count) {
    const t = performance.now();
    const r = await fetch(w.base + '/api/auth/me', { headers: { authorization: 'Bearer ' + w.token } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error('/api/auth/me answered ' + r.status);
    times.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, w.interval));
  }
  parentPort.postMessage(times);
})();
`;

/** Read latencies (ms, sorted) of `count` reads, or of the reads until `until` settles. */
async function readsFromAnotherThread(base: string, token: string, interval: number, count: number, until?: Promise<unknown>): Promise<number[]> {
  const worker = new Worker(CLIENT, { eval: true, workerData: { base, token, interval, count } });
  const times = new Promise<number[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  try {
    if (until) await until.finally(() => worker.postMessage('stop'));
    return (await times).sort((x, y) => x - y);
  } finally {
    await worker.terminate();
  }
}

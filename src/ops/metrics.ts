/**
 * Prometheus metrics of one server (prom-client, a registry per app):
 *   inventar_http_requests_total{method,route,status_code}     counter
 *   inventar_http_request_duration_seconds{method,route}       histogram
 *     route is the route's pattern (/api/records/:id), never the raw URL: one series per route,
 *     whatever the ids; requests no route matched (404s, the web app's files) are route="(none)"
 *   inventar_scans_total{replayed}                             counter: counts posted on a list (POST /api/lists/:id/lines)
 *   inventar_postings_total{kind}                              counter: successful writes to the ledger
 *     (record, record_update, record_delete, import, differences, closing)
 *   inventar_db_pool_connections{state}                        gauge: PostgreSQL pool total/idle/waiting/max; SQLite total 1
 *   inventar_sqlite_wal_bytes                                  gauge: the SQLite WAL file's size
 * and prom-client's default process metrics (CPU, memory, event loop lag, handles).
 * Per-second rates are PromQL's: rate(inventar_scans_total[5m]).
 */
import fs from 'node:fs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../db/connection.ts';

/** method and route pattern → the kind of ledger write a success means */
const POSTINGS: Record<string, string> = {
  'POST /api/records': 'record',
  'PUT /api/records/:id': 'record_update',
  'DELETE /api/records/:id': 'record_delete',
  'POST /api/import/records': 'import',
  'POST /api/inventories/:id/differences': 'differences',
  'POST /api/closings': 'closing',
};
const SCAN = 'POST /api/lists/:id/lines';

export function createMetrics(store: Store): Registry {
  const register = new Registry();
  collectDefaultMetrics({ register });
  new Gauge({
    name: 'inventar_db_pool_connections',
    help: 'database connections: PostgreSQL pool total/idle/waiting clients and its max; SQLite one connection',
    labelNames: ['state'],
    registers: [register],
    collect() {
      if (store.pool) {
        this.set({ state: 'total' }, store.pool.totalCount);
        this.set({ state: 'idle' }, store.pool.idleCount);
        this.set({ state: 'waiting' }, store.pool.waitingCount);
        if (store.pool.options.max !== undefined) this.set({ state: 'max' }, store.pool.options.max);
      } else this.set({ state: 'total' }, 1);
    },
  });
  if (store.file) {
    const wal = `${store.file}-wal`;
    new Gauge({
      name: 'inventar_sqlite_wal_bytes',
      help: 'size of the SQLite write-ahead log file',
      registers: [register],
      collect() {
        let size = 0;
        try {
          size = fs.statSync(wal).size;
        } catch {
          // no WAL file right now (after the last connection closed): 0
        }
        this.set(size);
      },
    });
  }
  return register;
}

/** Counts every request as it completes (root hooks: every route, whatever plugin declares it). */
export function instrumentRequests(app: FastifyInstance, register: Registry): void {
  const requests = new Counter({
    name: 'inventar_http_requests_total',
    help: 'HTTP requests by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    registers: [register],
  });
  const duration = new Histogram({
    name: 'inventar_http_request_duration_seconds',
    help: 'HTTP request duration by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [register],
  });
  const scans = new Counter({ name: 'inventar_scans_total', help: 'counts posted on inventory lists (replayed: an idempotent repeat)', labelNames: ['replayed'], registers: [register] });
  const postings = new Counter({ name: 'inventar_postings_total', help: 'successful writes to the ledger by kind', labelNames: ['kind'], registers: [register] });
  for (const kind of new Set(Object.values(POSTINGS))) postings.inc({ kind }, 0);
  for (const replayed of ['false', 'true']) scans.inc({ replayed }, 0);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? '(none)';
    const method = request.method;
    requests.inc({ method, route, status_code: String(reply.statusCode) });
    duration.observe({ method, route }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 400) return;
    const key = `${method} ${route}`;
    if (key === SCAN) scans.inc({ replayed: reply.getHeader('idempotent-replay') === 'true' ? 'true' : 'false' });
    const kind = POSTINGS[key];
    if (kind) postings.inc({ kind });
  });
}

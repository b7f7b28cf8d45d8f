/**
 * GET /health (public: database reachable and migrated → 200, else 503) and GET /metrics
 * (Prometheus text; an admin's token, or a request from this machine that no proxy forwarded).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp } from '../../src/http/app.ts';
import { migrations } from '../../src/db/migrate.ts';
import { dialects, openTestStore } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { seedInventoryFixture } from '../inventory/support.ts';

const REMOTE = '203.0.113.9';

/** the value of one series in Prometheus text (undefined when absent) */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

for (const dialect of dialects) {
  describe(`health and metrics [${dialect}]`, () => {
    let api: TestApi;
    const metrics = (o: { remoteAddress?: string; token?: string; headers?: Record<string, string> } = {}) =>
      api.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: o.remoteAddress,
        headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers },
      });

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
    });
    afterAll(async () => api.close());

    it('answers /health without a token: 200 with the database reachable and no migration pending', async () => {
      const r = await api.app.inject({ method: 'GET', url: '/health', remoteAddress: REMOTE });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/application\/json/);
      expect(r.json()).toMatchObject({ status: 'ok', database: 'ok', dialect, pendingMigrations: [] });
    });

    it('keeps /metrics from anonymous clients and non-admins on other hosts', async () => {
      const anonymous = await metrics({ remoteAddress: REMOTE });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('INV_ERR_UNAUTHENTICATED');
      expect((await metrics({ remoteAddress: REMOTE, token: 'not-a-token' })).statusCode).toBe(401);
      for (const role of ['counter', 'viewer', 'supervisor'] as const) {
        const r = await metrics({ remoteAddress: REMOTE, token: api.tokens[role] });
        expect(r.statusCode).toBe(403);
        expect(r.json().code).toBe('INV_ERR_FORBIDDEN');
      }
      // a reverse proxy on this machine connects from loopback: a forwarded request is not local
      expect((await metrics({ remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': REMOTE } })).statusCode).toBe(401);
      expect((await metrics({ remoteAddress: '::1', headers: { forwarded: `for=${REMOTE}` } })).statusCode).toBe(401);
    });

    it('serves /metrics to an admin anywhere and to anyone on loopback', async () => {
      const admin = await metrics({ remoteAddress: REMOTE, token: api.tokens.admin });
      expect(admin.statusCode).toBe(200);
      expect(admin.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect((await metrics({ remoteAddress: address })).statusCode).toBe(200);
    });

    it('counts requests per route pattern with latency histograms, and scans and postings', async () => {
      const record = await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-02-01', lines: [{ item: 'A', quantity: '10', unitCost: '10' }] });
      expect(record.status).toBe(201);
      for (const id of [record.body.id, 999_999]) await api.call('GET', `/api/records/${id}`);
      const refused = await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-02-01', lines: [{ item: 'NOPE', quantity: '1', unitCost: '1' }] });
      expect(refused.status).toBeGreaterThanOrEqual(400);

      const inv = (await api.call('POST', '/api/inventories', { date: '2026-03-01', operator: 'E1' }, { as: 'supervisor' })).body;
      const list = (await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' })).body;
      const scan = { item: 'A', quantity: '2', scanId: 'scan-1' };
      expect((await api.call('POST', `/api/lists/${list.id}/lines`, scan, { as: 'counter' })).status).toBe(201);
      const replay = await api.call('POST', `/api/lists/${list.id}/lines`, scan, { as: 'counter' });
      expect(replay.headers['idempotent-replay']).toBe('true');

      const text = (await metrics()).body;
      // the route's pattern, never the raw URL
      expect(text).not.toMatch(/route="\/api\/records\/\d+"/);
      expect(sample(text, 'inventar_http_requests_total{method="GET",route="/api/records/:id",status_code="200"}')).toBe(1);
      expect(sample(text, 'inventar_http_requests_total{method="GET",route="/api/records/:id",status_code="404"}')).toBe(1);
      expect(sample(text, 'inventar_http_request_duration_seconds_count{method="GET",route="/api/records/:id"}')).toBe(2);
      expect(sample(text, 'inventar_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/records/:id"}')).toBe(2);
      expect(sample(text, 'inventar_http_requests_total{method="POST",route="/api/records",status_code="201"}')).toBe(1);
      // a refused posting is a request, not a posting
      expect(sample(text, 'inventar_postings_total{kind="record"}')).toBe(1);
      expect(sample(text, 'inventar_postings_total{kind="differences"}')).toBe(0);
      expect(sample(text, 'inventar_scans_total{replayed="false"}')).toBe(1);
      expect(sample(text, 'inventar_scans_total{replayed="true"}')).toBe(1);
      if (dialect === 'postgres') {
        expect(sample(text, 'inventar_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
        expect(text).toMatch(/^inventar_db_pool_connections\{state="idle"\} \d+$/m);
        expect(sample(text, 'inventar_db_pool_connections{state="max"}')).toBe(10);
      } else expect(sample(text, 'inventar_db_pool_connections{state="total"}')).toBe(1);
      expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    });

    it('answers 503 while a migration of this build is not applied', async () => {
      const last = Object.keys(migrations).at(-1)!;
      const table = api.store.schema ? sql.table(`${api.store.schema}.kysely_migration`) : sql.table('kysely_migration');
      const row = await sql<{ name: string; timestamp: string }>`select name, timestamp from ${table} where name = ${last}`.execute(api.store.db);
      await sql`delete from ${table} where name = ${last}`.execute(api.store.db);
      try {
        const r = await api.app.inject({ method: 'GET', url: '/health' });
        expect(r.statusCode).toBe(503);
        expect(r.json()).toMatchObject({ status: 'unavailable', database: 'ok', pendingMigrations: [last] });
      } finally {
        const { name, timestamp } = row.rows[0];
        await sql`insert into ${table} (name, timestamp) values (${name}, ${timestamp})`.execute(api.store.db);
      }
      expect((await api.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    });

    it('answers 503 when the database does not answer', async () => {
      const store = await openTestStore(dialect);
      const app = await buildApp(store);
      await store.dispose();
      const r = await app.inject({ method: 'GET', url: '/health' });
      expect(r.statusCode).toBe(503);
      expect(r.json()).toMatchObject({ status: 'unavailable', database: 'unreachable', pendingMigrations: null });
      await app.close();
    });
  });
}

describe('metrics of a SQLite file [sqlite]', () => {
  it('report the size of the WAL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-metrics-'));
    const store = await openTestStore('sqlite', { file: path.join(dir, 'inventar.db') });
    const app = await buildApp(store);
    try {
      const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      const wal = sample(text, 'inventar_sqlite_wal_bytes');
      expect(wal).toBe(fs.statSync(path.join(dir, 'inventar.db-wal')).size);
    } finally {
      await app.close();
      await store.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Reads keep answering during an HTTP import on SQLite (issue 11, point 6):
 * on a database file a large CSV import runs in a worker thread with its own
 * connection, so `/api/auth/me` requests sent while it runs are answered
 * before the import's own response arrives (on the old code every one of
 * them waited for the import). Writes sent meanwhile wait for it and then
 * succeed; a refused import in the worker answers as one in the main thread,
 * with nothing written. SQLite only: the point is SQLite's single writer. The
 * p99 of `/api/auth/me` during such an import is measured by
 * `npm run bench -- import-reads`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { bootstrapAdmin } from '../../src/masterdata/users.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';
import { ledgerCounts, seedFixture } from '../helpers/fixtures.ts';
import { PASSWORD } from '../helpers/api.ts';
import { recordsCsv } from '../../bench/_import-csv.ts';

for (const dialect of dialects.filter((d) => d === 'sqlite')) {
  describe(`an HTTP import in a worker thread keeps reads answering [${dialect} file]`, () => {
    let dir: string;
    let store: TestStore;
    let app: FastifyInstance;
    let token: string;

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-import-thread-'));
      store = await openTestStore(dialect, { file: path.join(dir, 'inventar.db') });
      await seedFixture(store);
      await bootstrapAdmin(store, PASSWORD);
      app = await buildApp(store);
      token = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } })).json().token;
    });
    afterAll(async () => {
      await app.close();
      await store.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const headers = () => ({ authorization: `Bearer ${token}`, 'content-type': 'text/csv' });

    it('answers /api/auth/me while a 300,000-line import runs, and a write sent meanwhile after it', { timeout: 600_000 }, async () => {
      const csv = recordsCsv(300_000);
      const events: string[] = [];
      let importDone = false;
      const importing = app.inject({ method: 'POST', url: '/api/import/records', headers: headers(), payload: csv }).then((r) => {
        importDone = true;
        events.push('import');
        return r;
      });
      const reads: Promise<number>[] = [];
      let write: Promise<number> | undefined;
      // requests every 20 ms until the import answers
      while (!importDone) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (importDone) break;
        reads.push(app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } }).then((r) => (events.push('me'), r.statusCode)));
        if (reads.length === 5) {
          const body = { warehouse: 'SHOP', template: 'CAR', date: '2026-07-01', lines: [{ item: 'B', quantity: '1', unitCost: '1' }] };
          write = app
            .inject({ method: 'POST', url: '/api/records', headers: { authorization: `Bearer ${token}` }, payload: body })
            .then((r) => (events.push('write'), r.statusCode));
        }
      }
      const r = await importing;
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ records: 30_000, lines: 300_000 });
      expect(await Promise.all(reads)).toEqual(reads.map(() => 200));
      // reads sent during the import were answered during it (at least the first few, whatever the machine's speed)
      const answeredBefore = events.indexOf('import');
      expect(answeredBefore).toBeGreaterThanOrEqual(5);
      expect(events.slice(0, answeredBefore).every((e) => e === 'me')).toBe(true);
      // the write waited for the import, then went through
      expect(write).toBeDefined();
      expect(await write).toBe(201);
      expect(events.indexOf('write')).toBeGreaterThan(answeredBefore);
      const counts = await ledgerCounts(store);
      expect(counts.movements).toBe(300_001);
      // one audit row per record written in the worker, one for the write
      const audited = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', 'record').where('action', '=', 'create').executeTakeFirstOrThrow();
      expect(Number(audited.n)).toBe(30_001);
    });

    it('a refused import in the worker answers as in the main thread, nothing written', { timeout: 600_000 }, async () => {
      const before = await ledgerCounts(store);
      // 50,000 lines (over the worker threshold), the last with a malformed quantity
      const csv = recordsCsv(50_000).replace(/,1,1\n$/, ',x,1\n');
      const r = await app.inject({ method: 'POST', url: '/api/import/records', headers: { ...headers(), 'accept-language': 'ro' }, payload: csv });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      const body = r.json();
      expect(body.code).toBe('INV_ERR_VALIDATION');
      expect(body.errors.map((e: { path: string }) => e.path)).toEqual(['/rows/50001/quantity']);
      expect(await ledgerCounts(store)).toEqual(before);
    });
  });
}

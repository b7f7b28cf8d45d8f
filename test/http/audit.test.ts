/**
 * The audit trail can be read (issue 12 point 9, API.md "Audit"): GET /api/audit,
 * admin only, newest first, filtered by entity, key, user and date, paginated
 * with a range-checked limit and offset; and `inventar audit` on the CLI.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';

for (const dialect of dialects) {
  describe(`GET /api/audit [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
      // a trail with known times, besides what the helper's setup wrote
      await api.store.db
        .insertInto('audit_log')
        .values([
          { at: '2026-01-31T23:59:59.000Z', username: 'ana', entity: 'item', entity_key: 'A1', action: 'create', before_json: null, after_json: '{"code":"A1","description":"Șurub"}' },
          { at: '2026-02-01T00:00:00.000Z', username: 'ana', entity: 'item', entity_key: 'A1', action: 'update', before_json: '{"description":"Șurub"}', after_json: '{"description":"Șurub M6"}' },
          { at: '2026-02-15T10:00:00.000Z', username: 'ion', entity: 'item', entity_key: 'B2', action: 'create', before_json: null, after_json: '{"code":"B2"}' },
          { at: '2026-02-28T23:59:59.999Z', username: 'ion', entity: 'record', entity_key: '17', action: 'delete', before_json: '{"id":17}', after_json: null },
          { at: '2026-03-01T00:00:00.000Z', username: 'ana', entity: 'item', entity_key: 'A1', action: 'delete', before_json: '{"code":"A1"}', after_json: null },
        ])
        .execute();
    });
    afterAll(async () => api.close());

    const get = (query: string, as: 'admin' | 'supervisor' | 'viewer' | 'counter' = 'admin') => api.call('GET', `/api/audit${query}`, undefined, { as });

    it('lists the trail newest first with who, when, what, before and after', async () => {
      const r = await get('?from=2026-01-01&to=2026-06-30');
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(5);
      expect(r.body.items.map((e: any) => e.at)).toEqual([
        '2026-03-01T00:00:00.000Z',
        '2026-02-28T23:59:59.999Z',
        '2026-02-15T10:00:00.000Z',
        '2026-02-01T00:00:00.000Z',
        '2026-01-31T23:59:59.000Z',
      ]);
      expect(r.body.items[3]).toMatchObject({ user: 'ana', action: 'update', entity: 'item', key: 'A1', before: { description: 'Șurub' }, after: { description: 'Șurub M6' } });
      expect(r.body.items[1]).toMatchObject({ entity: 'record', key: '17', before: { id: 17 }, after: null });
    });

    it('shows changes made through the API, by whom', async () => {
      expect((await api.call('POST', '/api/employees', { code: 'E8', name: 'Radu' })).status).toBe(201);
      const r = await get('?entity=employee&key=E8');
      expect(r.body).toMatchObject({ total: 1, items: [{ user: 'admin', action: 'create', entity: 'employee', key: 'E8', before: null, after: { code: 'E8', name: 'Radu' } }] });
    });

    it('filters by entity, key, user and dates (inclusive days)', async () => {
      const keys = async (q: string) => (await get(q)).body.items.map((e: any) => `${e.entity}/${e.key}/${e.action}`);
      expect(await keys('?entity=item&key=A1')).toEqual(['item/A1/delete', 'item/A1/update', 'item/A1/create']);
      expect(await keys('?user=ion')).toEqual(['record/17/delete', 'item/B2/create']);
      expect(await keys('?from=2026-02-01&to=2026-02-28')).toEqual(['record/17/delete', 'item/B2/create', 'item/A1/update']);
      expect(await keys('?user=ana&from=2026-02-01&to=2026-02-01')).toEqual(['item/A1/update']);
      expect((await get('?user=nobody')).body).toEqual({ items: [], total: 0 });
    });

    it('pages with limit and offset, the total counting every match', async () => {
      const p1 = await get('?entity=item&limit=2');
      const p2 = await get('?entity=item&limit=2&offset=2');
      expect(p1.body.total).toBe(4);
      expect(p1.body.items.map((e: any) => e.at)).toEqual(['2026-03-01T00:00:00.000Z', '2026-02-15T10:00:00.000Z']);
      expect(p2.body.items.map((e: any) => e.at)).toEqual(['2026-02-01T00:00:00.000Z', '2026-01-31T23:59:59.000Z']);
      expect((await get('?entity=item&offset=1000000000')).body).toEqual({ items: [], total: 4 });
    });

    it('refuses a limit, offset or date out of range with a coded 400 naming the field', async () => {
      for (const [query, field] of [
        ['?limit=0', '/limit'],
        ['?limit=1001', '/limit'],
        ['?offset=1000000001', '/offset'],
        ['?from=2026-02-30', '/from'],
        ['?to=2026-13-01', '/to'],
      ]) {
        const r = await get(query);
        expect([query, r.status, r.body.code]).toEqual([query, 400, 'INV_ERR_VALIDATION']);
        expect(JSON.stringify(r.body.errors)).toContain(field);
      }
      for (const query of ['?limit=99999999999999999999', '?offset=-1', '?limit=abc']) {
        const r = await get(query);
        expect([query, r.status]).toEqual([query, 400]);
      }
    });

    it('is the admin’s alone', async () => {
      for (const as of ['supervisor', 'viewer', 'counter'] as const) {
        const r = await get('', as);
        expect([as, r.status, r.body.code]).toEqual([as, 403, 'INV_ERR_FORBIDDEN']);
      }
    });
  });
}

describe('inventar audit (CLI)', () => {
  const run = promisify(execFile);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-audit-'));
  const db = path.join(dir, 'audit.db');
  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, '--lang', 'en', ...args]);
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the trail as a table and as JSON, filtered, and refuses a bad limit', async () => {
    expect((await cli('employees', 'create', '{"code":"E1","name":"Ion"}')).code).toBe(0);
    expect((await cli('employees', 'update', 'E1', '{"name":"Ion Pop"}')).code).toBe(0);
    const table = await cli('audit', '--entity', 'employee');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/at\s+user\s+action\s+entity\s+key/);
    expect(table.stdout).toMatch(/update\s+employee\s+E1/);
    expect(table.stdout).toContain('2 of 2');
    const json = JSON.parse((await cli('audit', '--entity', 'employee', '--key', 'E1', '--limit', '1', '--json')).stdout);
    expect(json.total).toBe(2);
    expect(json.items).toHaveLength(1);
    expect(json.items[0]).toMatchObject({ user: 'system', action: 'update', before: { name: 'Ion' }, after: { name: 'Ion Pop' } });
    const bad = await cli('audit', '--limit', '5000');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('INV_ERR_VALIDATION');
    expect(bad.stderr).toContain('/limit');
  }, 240_000);
});

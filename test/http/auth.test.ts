import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';

for (const dialect of dialects) {
  describe(`auth and errors [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
    });
    afterAll(async () => api.close());

    it('refuses a request without a token with 401 in the requested language', async () => {
      const en = await api.call('GET', '/api/employees', undefined, { as: null, lang: 'en' });
      expect(en.status).toBe(401);
      expect(en.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(en.body).toMatchObject({ code: 'INV_ERR_UNAUTHENTICATED', status: 401, detail: 'Sign-in required' });
      const ro = await api.call('GET', '/api/employees', undefined, { as: null, lang: 'ro' });
      expect(ro.body.detail).toBe('Autentificare necesară');
    });

    it('refuses an unknown token and wrong credentials', async () => {
      expect((await api.call('GET', '/api/employees', undefined, { token: 'nope' })).status).toBe(401);
      const bad = await api.call('POST', '/api/auth/login', { username: 'admin', password: 'wrong' }, { as: null });
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe('INV_ERR_BAD_CREDENTIALS');
    });

    it('stores tokens only as hashes', async () => {
      const rows = await api.store.db.selectFrom('auth_tokens').select('token_hash').execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const token of Object.values(api.tokens)) expect(rows.map((r) => r.token_hash)).not.toContain(token);
    });

    it('answers bad JSON with 400 INV_ERR_BAD_JSON, never 500', async () => {
      const r = await api.app.inject({
        method: 'POST',
        url: '/api/employees',
        headers: { authorization: `Bearer ${api.tokens.admin}`, 'content-type': 'application/json' },
        payload: '{"code": "X",',
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toBe('INV_ERR_BAD_JSON');
    });

    it('lets a viewer read but not write, and keeps counters off master data', async () => {
      expect((await api.call('GET', '/api/employees', undefined, { as: 'viewer' })).status).toBe(200);
      const w = await api.call('POST', '/api/employees', { code: 'E9', name: 'X' }, { as: 'viewer' });
      expect(w.status).toBe(403);
      expect(w.body.code).toBe('INV_ERR_FORBIDDEN');
      expect((await api.call('POST', '/api/employees', { code: 'E9', name: 'X' }, { as: 'counter' })).status).toBe(403);
      expect((await api.call('POST', '/api/users', { username: 'u9', password: 'secret-9', role: 'viewer' }, { as: 'supervisor' })).status).toBe(403);
      expect((await api.call('GET', '/api/employees/E9')).status).toBe(404);
    });

    it('records every change in the audit trail', async () => {
      const r = await api.call('POST', '/api/employees', { code: 'E7', name: 'Ana' });
      expect(r.status).toBe(201);
      await api.call('PUT', '/api/employees/E7', { name: 'Ana Maria' });
      const trail = await api.store.db.selectFrom('audit_log').selectAll().where('entity', '=', 'employee').where('entity_key', '=', 'E7').orderBy('id').execute();
      expect(trail.map((t) => [t.action, t.username])).toEqual([
        ['create', 'admin'],
        ['update', 'admin'],
      ]);
      expect(JSON.parse(trail[1].before_json!).name).toBe('Ana');
      expect(JSON.parse(trail[1].after_json!).name).toBe('Ana Maria');
    });

    it('serves an OpenAPI document describing the routes', async () => {
      const r = await api.call('GET', '/api/openapi.json', undefined, { as: null });
      expect(r.status).toBe(200);
      expect(r.body.openapi).toMatch(/^3\./);
      expect(Object.keys(r.body.paths)).toContain('/api/employees');
    });
  });
}

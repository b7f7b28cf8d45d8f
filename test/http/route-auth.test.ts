/**
 * Authentication runs on the matched route, not on the raw URL (issue 11, point 1):
 * every route of the OpenAPI document, by its plain path and by percent-encoded
 * paths the router decodes to the same route, answers 401 without a token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestStore } from '../helpers/store.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { openApiRoutes, type OpenApiRoute } from '../helpers/routes.ts';

/** Percent-encoded spellings of a path that route to the same handler. */
function encodedPaths(path: string): string[] {
  const segments = path.split('/');
  const last = segments.length - 1;
  // the first letter of the last segment, percent-encoded (e.g. /api/item%73)
  const lastEncoded = [...segments];
  const seg = lastEncoded[last];
  lastEncoded[last] = `%${seg.charCodeAt(0).toString(16)}${seg.slice(1)}`;
  return [path.replace(/^\/api\//, '/%61pi/'), path.replace(/^\/api\//, '/%61%70%69/'), lastEncoded.join('/')];
}

for (const dialect of dialects) {
  describe(`authentication on the route [${dialect}]`, () => {
    let api: TestApi;
    let routes: OpenApiRoute[];
    beforeAll(async () => {
      api = await openTestApi(dialect);
      await api.app.ready();
      routes = openApiRoutes(api);
    });
    afterAll(async () => api.close());

    it('documents the routes in OpenAPI (the walk below covers them)', () => {
      expect(routes.length).toBeGreaterThan(60);
      expect(routes.map((r) => `${r.method} ${r.template}`)).toContain('GET /api/records');
      expect(routes.map((r) => `${r.method} ${r.template}`)).toContain('GET /api/auth/me');
    });

    it('answers 401 on every route without a token, by plain and percent-encoded path', async () => {
      const wrong: string[] = [];
      for (const r of routes) {
        if (r.template === '/api/auth/login') continue;
        for (const url of [r.path, ...encodedPaths(r.path)]) {
          for (const headers of [{}, { authorization: 'Bearer not-a-token' }, { authorization: 'Basic YWRtaW46eA==' }]) {
            const res = await api.app.inject({ method: r.method as 'GET', url, headers });
            if (res.statusCode !== 401 || res.json().code !== 'INV_ERR_UNAUTHENTICATED') wrong.push(`${r.method} ${url} ${JSON.stringify(headers)} → ${res.statusCode}`);
            // the HEAD route Fastify adds to every GET carries the same permission
            if (r.method === 'GET') {
              const head = await api.app.inject({ method: 'HEAD', url, headers });
              if (head.statusCode !== 401) wrong.push(`HEAD ${url} ${JSON.stringify(headers)} → ${head.statusCode}`);
            }
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it('the percent-encoded path reaches the same route once signed in', async () => {
      const plain = await api.call('GET', '/api/auth/me', undefined, { as: 'viewer' });
      const encoded = await api.call('GET', '/%61pi/auth/me', undefined, { as: 'viewer' });
      expect(plain.status).toBe(200);
      expect(encoded.status).toBe(200);
      expect(encoded.body.username).toBe('viewer');
      expect((await api.call('GET', '/%61pi/auth/me', undefined, { as: null })).status).toBe(401);
    });

    it('leaves sign-in and the OpenAPI document public', async () => {
      expect((await api.call('GET', '/api/openapi.json', undefined, { as: null })).status).toBe(200);
      expect((await api.call('POST', '/%61pi/auth/login', { username: 'viewer', password: 'wrong-one' }, { as: null })).status).toBe(401);
    });
  });
}

describe('route declarations', () => {
  it('an /api route without a declared permission does not start', async () => {
    const store = await openTestStore(dialects[0]);
    const app = await buildApp(store);
    try {
      let refused: unknown;
      try {
        app.get('/api/undeclared', async () => ({ ok: true }));
        await app.ready();
      } catch (e) {
        refused = e;
      }
      expect(String(refused)).toMatch(/declares no config\.permission/);
    } finally {
      await app.close().catch(() => undefined);
      await store.dispose();
    }
  });

  it('an /api route with an unknown permission does not start either', async () => {
    const store = await openTestStore(dialects[0]);
    const app = await buildApp(store);
    try {
      let refused: unknown;
      try {
        app.get('/api/undeclared', { config: { permission: 'everyone' as never } }, async () => ({ ok: true }));
        await app.ready();
      } catch (e) {
        refused = e;
      }
      expect(String(refused)).toMatch(/declares no config\.permission/);
    } finally {
      await app.close().catch(() => undefined);
      await store.dispose();
    }
  });
});

/**
 * The role table (SPEC §10, issue 12 point 2) on every route of the OpenAPI
 * document: each role gets 403 exactly where core/roles.ts says so, and,
 * independently of what the routes declare, a counter reaches only the
 * counting routes listed here and a viewer never writes. A new route is
 * walked too, so it cannot forget its permission.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { openApiRoutes, type OpenApiRoute } from '../helpers/routes.ts';
import { may } from '../../src/core/roles.ts';
import { ROLES, type Role } from '../../src/core/context.ts';

/** What counting needs (SPEC §10): own lists and lines, the item and location look-ups of a scan, the session. */
const COUNTER_MAY = new Set([
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'GET /api/items',
  'GET /api/items/{code}',
  'GET /api/items/by-barcode/{barcode}',
  'GET /api/warehouses/{code}/locations',
  'GET /api/inventories',
  'GET /api/inventories/{id}',
  'GET /api/inventories/{id}/lists',
  'GET /api/lists',
  'GET /api/lists/{id}',
  'GET /api/lists/{id}/lines',
  'GET /api/lists/{id}/progress',
  'GET /api/lists/{id}/count-sheet',
  'POST /api/lists/{id}/lines',
  'POST /api/lists/{id}/import',
  'POST /api/import/counts',
  'PUT /api/lines/{id}',
  'DELETE /api/lines/{id}',
]);

/** The only writes a viewer may make: their own session. */
const VIEWER_WRITES = new Set(['POST /api/auth/logout']);
/** The writes of an approver: their own session and decisions on inventory differences. */
const APPROVER_WRITES = new Set(['POST /api/auth/logout', 'PUT /api/inventories/{id}/decisions']);
/** Reads that are the admin's alone. */
const ADMIN_READS = new Set(['GET /api/audit', 'GET /api/users']);

const fastifyUrl = (template: string) => template.replace(/\{(\w+)\}/g, ':$1');

for (const dialect of dialects) {
  describe(`role table on every route [${dialect}]`, () => {
    let api: TestApi;
    let routes: OpenApiRoute[];
    beforeAll(async () => {
      api = await openTestApi(dialect);
      await api.app.ready();
      routes = openApiRoutes(api).filter((r) => r.template !== '/api/auth/login');
    });
    afterAll(async () => api.close());

    it('every documented route declares a permission of the table', () => {
      const missing = routes.filter((r) => !api.app.routePermissions.get(`${r.method} ${fastifyUrl(r.template)}`));
      expect(missing).toEqual([]);
    });

    it('answers 403 exactly where the role table forbids, for every role', async () => {
      const wrong: string[] = [];
      // the admin last: their requests may change the store (e.g. a closing), never before a 403 check
      for (const role of ['counter', 'viewer', 'approver', 'supervisor', 'admin'] as Role[]) {
        for (const r of routes) {
          const key = `${r.method} ${r.template}`;
          const permission = api.app.routePermissions.get(`${r.method} ${fastifyUrl(r.template)}`)!;
          const byTable = permission === 'public' || (may[permission] as readonly Role[]).includes(role);
          // signing out would end the session the walk goes on with: its permission is checked, not called
          const res = key === 'POST /api/auth/logout' ? { status: byTable ? 204 : 403 } : await api.call(r.method, r.path, undefined, { as: role });
          if ((res.status === 403) === byTable) wrong.push(`${role} ${key} (${permission}) → ${res.status}`);
          if (res.status === 401) wrong.push(`${role} ${key} → 401`);
          // independent of the declarations: counters only count, viewers never write
          if (role === 'counter' && byTable !== COUNTER_MAY.has(key)) wrong.push(`counter ${key}: table says ${byTable}, SPEC §10 says ${COUNTER_MAY.has(key)}`);
          if (role === 'viewer' && r.method !== 'GET' && byTable !== VIEWER_WRITES.has(key)) wrong.push(`viewer may write ${key}`);
          // an approver reads like a viewer and writes only decisions (SPEC §10, §11)
          if (role === 'approver' && r.method !== 'GET' && byTable !== APPROVER_WRITES.has(key)) wrong.push(`approver: table says ${byTable} for ${key}`);
          if (role === 'approver' && r.method === 'GET' && permission !== 'public' && byTable !== (may[permission] as readonly Role[]).includes('viewer')) wrong.push(`approver reads ${key} unlike a viewer`);
          if (ADMIN_READS.has(key) && role !== 'admin' && byTable) wrong.push(`${role} may read ${key}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('shows a counter the scan fields of an item, not its values', async () => {
      const created = await api.call('POST', '/api/items', {
        code: 'SCAN1',
        description: 'Șurub',
        uom: 'buc',
        barcodes: ['5941234567899'],
        standardCost: '12.5',
        salePrice: '20',
        lotManaged: true,
      });
      expect(created.status).toBe(201);
      const full = await api.call('GET', '/api/items/SCAN1', undefined, { as: 'viewer' });
      expect(full.body.standardCost).toBeDefined();
      const scan = await api.call('GET', '/api/items/SCAN1', undefined, { as: 'counter' });
      expect(scan.status).toBe(200);
      expect(Object.keys(scan.body).sort()).toEqual(['alternativeUnits', 'barcodes', 'code', 'description', 'lotManaged', 'serialManaged', 'uom', 'variants']);
      const byBarcode = await api.call('GET', '/api/items/by-barcode/5941234567899', undefined, { as: 'counter' });
      expect(byBarcode.status).toBe(200);
      expect(byBarcode.body.item.code).toBe('SCAN1');
      expect(byBarcode.body.item.standardCost).toBeUndefined();
      const list = await api.call('GET', '/api/items?q=SCAN', undefined, { as: 'counter' });
      expect(list.body.items[0].salePrice).toBeUndefined();
    });

    it('keeps a counter off book stock, records, values, closings, histories and the accounts', async () => {
      const urls = ['/api/stock', '/api/reports/valued-inventory', '/api/records', '/api/closings', '/api/warehouse-history', '/api/warehouses', '/api/employees'];
      for (const url of [...urls, '/api/journal', '/api/reports/stock-reconciliation']) {
        const r = await api.call('GET', url, undefined, { as: 'counter' });
        expect([url, r.status, r.body.code]).toEqual([url, 403, 'INV_ERR_FORBIDDEN']);
        expect((await api.call('GET', url, undefined, { as: 'viewer' })).status).toBe(200);
      }
    });

    it('lets every role sign out', () => {
      expect(api.app.routePermissions.get('POST /api/auth/logout')).toBe('session');
      expect([...may.session].sort()).toEqual([...ROLES].sort());
    });

    it('knows every role', () => {
      for (const roles of Object.values(may)) for (const role of roles) expect(ROLES).toContain(role);
    });
  });
}

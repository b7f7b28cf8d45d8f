import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { auditTrail, expectProblem, refused } from './support.ts';

for (const dialect of dialects) {
  describe(`management areas, list types, warehouses, locations [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
    });
    afterAll(async () => api.close());

    describe('management areas', () => {
      it('creates, reads, lists with pagination and updates, auditing each change', async () => {
        for (const [code, method] of [
          ['Z1', 'average'],
          ['Z2', 'fifo'],
          ['Z3', 'lifo-yearly'],
        ])
          expect((await api.call('POST', '/api/management-areas', { code, description: `Area ${code}`, method })).status).toBe(201);
        const one = await api.call('GET', '/api/management-areas/Z2', undefined, { as: 'viewer' });
        expect(one.status).toBe(200);
        expect(one.body).toEqual({ code: 'Z2', description: 'Area Z2', method: 'fifo' });
        const page = await api.call('GET', '/api/management-areas?limit=2&offset=1');
        expect(page.body.total).toBe(3);
        expect(page.body.items.map((a: { code: string }) => a.code)).toEqual(['Z2', 'Z3']);
        const up = await api.call('PUT', '/api/management-areas/Z2', { description: 'Renamed', method: 'moving-average' });
        expect(up.status).toBe(200);
        expect(up.body).toEqual({ code: 'Z2', description: 'Renamed', method: 'moving-average' });
        const trail = await auditTrail(api, 'managementArea', 'Z2');
        expect(trail.map((t) => t.action)).toEqual(['create', 'update']);
        expect(JSON.parse(trail[1].before_json!).method).toBe('fifo');
        expect(JSON.parse(trail[1].after_json!).method).toBe('moving-average');
      });

      it('refuses an unknown method, a duplicate, an unknown code and a rename, writing nothing', async () => {
        const bad = await refused(api, ['management_areas'], () =>
          api.call('POST', '/api/management-areas', { code: 'Z9', description: 'x', method: 'guess' }),
        );
        expectProblem(bad, 400, 'INV_ERR_VALIDATION');
        expect(bad.body.errors[0].path).toBe('/method');
        const dup = await refused(api, ['management_areas'], () =>
          api.call('POST', '/api/management-areas', { code: 'Z1', description: 'x', method: 'last' }, { lang: 'ro' }),
        );
        expectProblem(dup, 409, 'INV_ERR_DUPLICATE');
        expect(dup.body.detail).toBe('Zona de gestiune „Z1” există deja');
        const missing = await api.call('GET', '/api/management-areas/NOPE', undefined, { lang: 'ro' });
        expectProblem(missing, 404, 'INV_ERR_NOT_FOUND');
        expect(missing.body.detail).toBe('Zona de gestiune „NOPE” nu există');
        expectProblem(await api.call('PUT', '/api/management-areas/NOPE', { description: 'x', method: 'last' }), 404, 'INV_ERR_NOT_FOUND');
        const rename = await refused(api, ['management_areas'], () =>
          api.call('PUT', '/api/management-areas/Z1', { code: 'Z7', description: 'x', method: 'last' }),
        );
        expectProblem(rename, 400, 'INV_ERR_VALIDATION');
        expect(rename.body.errors[0]).toMatchObject({ path: '/code', code: 'INV_ERR_BAD_VALUE' });
      });

      it('keeps viewers and counters off writes', async () => {
        for (const as of ['viewer', 'counter', 'supervisor'] as const) {
          const r = await refused(api, ['management_areas'], () =>
            api.call('POST', '/api/management-areas', { code: 'Z8', description: 'x', method: 'last' }, { as }),
          );
          expectProblem(r, 403, 'INV_ERR_FORBIDDEN');
          expectProblem(await api.call('PUT', '/api/management-areas/Z1', { description: 'x', method: 'last' }, { as }), 403, 'INV_ERR_FORBIDDEN');
        }
      });
    });

    describe('list types', () => {
      it('creates, reads, lists and updates', async () => {
        const r = await api.call('POST', '/api/list-types', { code: 'LT1', description: 'Shelves', maintainLocation: true, blindCount: false });
        expect(r.status).toBe(201);
        expect(r.body).toEqual({ code: 'LT1', description: 'Shelves', maintainLocation: true, blindCount: false });
        await api.call('POST', '/api/list-types', { code: 'LT2', description: 'Blind' });
        expect((await api.call('GET', '/api/list-types/LT2', undefined, { as: 'viewer' })).body).toEqual({
          code: 'LT2',
          description: 'Blind',
          maintainLocation: false,
          blindCount: false,
        });
        const page = await api.call('GET', '/api/list-types?limit=1');
        expect(page.body).toMatchObject({ total: 2, items: [{ code: 'LT1' }] });
        const up = await api.call('PUT', '/api/list-types/LT2', { description: 'Blind count', blindCount: true });
        expect(up.body).toMatchObject({ description: 'Blind count', blindCount: true });
        expect((await auditTrail(api, 'listType', 'LT2')).map((t) => t.action)).toEqual(['create', 'update']);
      });

      it('refuses duplicates, unknown fields and writes by a viewer', async () => {
        expectProblem(
          await refused(api, ['list_types'], () => api.call('POST', '/api/list-types', { code: 'LT1', description: 'again' })),
          409,
          'INV_ERR_DUPLICATE',
        );
        expectProblem(
          await refused(api, ['list_types'], () => api.call('POST', '/api/list-types', { code: 'LT9', description: 'x', colour: 'red' })),
          400,
          'INV_ERR_VALIDATION',
        );
        expectProblem(
          await refused(api, ['list_types'], () => api.call('POST', '/api/list-types', { code: 'LT9', description: 'x' }, { as: 'viewer' })),
          403,
          'INV_ERR_FORBIDDEN',
        );
        expectProblem(await api.call('GET', '/api/list-types/NOPE'), 404, 'INV_ERR_NOT_FOUND');
      });
    });

    describe('warehouses and locations', () => {
      it('creates, reads, lists and updates warehouses', async () => {
        const r = await api.call('POST', '/api/warehouses', { code: 'W1', description: 'Main', managementArea: 'Z1', validUntil: '2030-12-31' });
        expect(r.status).toBe(201);
        expect(r.body).toEqual({ code: 'W1', description: 'Main', managementArea: 'Z1', validUntil: '2030-12-31' });
        await api.call('POST', '/api/warehouses', { code: 'W2', description: 'Second' });
        await api.call('POST', '/api/warehouses', { code: 'W3', description: 'Third' });
        expect((await api.call('GET', '/api/warehouses/W2', undefined, { as: 'viewer' })).body).toEqual({
          code: 'W2',
          description: 'Second',
          managementArea: null,
          validUntil: null,
        });
        const page = await api.call('GET', '/api/warehouses?offset=1&limit=1');
        expect(page.body).toEqual({ total: 3, items: [{ code: 'W2', description: 'Second', managementArea: null, validUntil: null }] });
        const up = await api.call('PUT', '/api/warehouses/W2', { description: 'Second (closed)', managementArea: 'Z3', validUntil: '2025-06-30' });
        expect(up.body).toEqual({ code: 'W2', description: 'Second (closed)', managementArea: 'Z3', validUntil: '2025-06-30' });
        const cleared = await api.call('PUT', '/api/warehouses/W2', { description: 'Second', managementArea: null, validUntil: null });
        expect(cleared.body).toMatchObject({ managementArea: null, validUntil: null });
        expect((await auditTrail(api, 'warehouse', 'W2')).map((t) => t.action)).toEqual(['create', 'update', 'update']);
      });

      it('refuses an unknown management area (404), a bad date (400) and a duplicate (409), writing nothing', async () => {
        const area = await refused(api, ['warehouses'], () =>
          api.call('POST', '/api/warehouses', { code: 'W9', description: 'x', managementArea: 'ZZ' }, { lang: 'ro' }),
        );
        expectProblem(area, 404, 'INV_ERR_NOT_FOUND');
        expect(area.body.detail).toBe('Zona de gestiune „ZZ” nu există');
        const date = await refused(api, ['warehouses'], () => api.call('POST', '/api/warehouses', { code: 'W9', description: 'x', validUntil: '2024-02-30' }));
        expectProblem(date, 400, 'INV_ERR_VALIDATION');
        expect(date.body.errors[0]).toMatchObject({ path: '/validUntil', code: 'INV_ERR_BAD_DATE' });
        expectProblem(
          await refused(api, ['warehouses'], () => api.call('POST', '/api/warehouses', { code: 'W1', description: 'x' })),
          409,
          'INV_ERR_DUPLICATE',
        );
        expectProblem(
          await refused(api, ['warehouses'], () => api.call('PUT', '/api/warehouses/W1', { description: 'x', managementArea: 'ZZ' })),
          404,
          'INV_ERR_NOT_FOUND',
        );
        expectProblem(await api.call('GET', '/api/warehouses/NOPE'), 404, 'INV_ERR_NOT_FOUND');
        expectProblem(
          await refused(api, ['warehouses'], () => api.call('POST', '/api/warehouses', { code: 'W9', description: 'x' }, { as: 'counter' })),
          403,
          'INV_ERR_FORBIDDEN',
        );
      });

      it('keeps locations as a tree per warehouse', async () => {
        expect((await api.call('POST', '/api/warehouses/W1/locations', { code: 'A', description: 'Aisle A' })).status).toBe(201);
        const child = await api.call('POST', '/api/warehouses/W1/locations', { code: 'A-01', description: 'Shelf 1', parent: 'A' });
        expect(child.status).toBe(201);
        expect(child.body).toEqual({ code: 'A-01', description: 'Shelf 1', parent: 'A' });
        await api.call('POST', '/api/warehouses/W1/locations', { code: 'A-01-1', description: 'Bin', parent: 'A-01' });
        // the same code in another warehouse is another location
        expect((await api.call('POST', '/api/warehouses/W2/locations', { code: 'A', description: 'Other A' })).status).toBe(201);
        const list = await api.call('GET', '/api/warehouses/W1/locations', undefined, { as: 'viewer' });
        expect(list.body).toEqual({
          total: 3,
          items: [
            { code: 'A', description: 'Aisle A', parent: null },
            { code: 'A-01', description: 'Shelf 1', parent: 'A' },
            { code: 'A-01-1', description: 'Bin', parent: 'A-01' },
          ],
        });
        expect((await api.call('GET', '/api/warehouses/W1/locations?limit=1&offset=2')).body.items).toEqual([
          { code: 'A-01-1', description: 'Bin', parent: 'A-01' },
        ]);
        expect((await auditTrail(api, 'location', 'W1/A-01')).map((t) => t.action)).toEqual(['create']);
      });

      it('refuses a parent of another warehouse (422), a duplicate (409), an unknown warehouse (404)', async () => {
        const parent = await refused(api, ['locations'], () =>
          api.call('POST', '/api/warehouses/W2/locations', { code: 'B', description: 'x', parent: 'A-01' }, { lang: 'ro' }),
        );
        expectProblem(parent, 422, 'INV_ERR_UNKNOWN_LOCATION');
        expect(parent.body.detail).toBe('Gestiunea W2 nu are locația „A-01”');
        expectProblem(
          await refused(api, ['locations'], () => api.call('POST', '/api/warehouses/W1/locations', { code: 'A', description: 'again' })),
          409,
          'INV_ERR_DUPLICATE',
        );
        expectProblem(
          await refused(api, ['locations'], () => api.call('POST', '/api/warehouses/NOPE/locations', { code: 'X', description: 'x' })),
          404,
          'INV_ERR_NOT_FOUND',
        );
        expectProblem(await api.call('GET', '/api/warehouses/NOPE/locations'), 404, 'INV_ERR_NOT_FOUND');
        expectProblem(
          await refused(api, ['locations'], () => api.call('POST', '/api/warehouses/W1/locations', { code: 'X', description: 'x' }, { as: 'viewer' })),
          403,
          'INV_ERR_FORBIDDEN',
        );
      });
    });

    it('describes the master-data routes in the OpenAPI document', async () => {
      const paths = Object.keys((await api.call('GET', '/api/openapi.json', undefined, { as: null })).body.paths);
      for (const p of [
        '/api/management-areas',
        '/api/management-areas/{code}',
        '/api/warehouses',
        '/api/warehouses/{code}/locations',
        '/api/warehouses/{wh}/templates/{code}',
        '/api/items',
        '/api/items/by-barcode/{barcode}',
        '/api/year-params/{year}',
        '/api/stock-difference-params/{code}',
        '/api/list-types/{code}',
      ])
        expect(paths).toContain(p);
    });
  });
}

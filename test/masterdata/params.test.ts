import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { warehouseParamsOf, yearParamsFor } from '../../src/masterdata/year-params.ts';
import { auditTrail, expectProblem, refused } from './support.ts';

const off = {
  negativeStock: false,
  checkLocation: false,
  checkJobOrder: false,
  checkAccount: false,
  closeByVariant: false,
  closeByLocation: false,
  closeByLot: false,
  closeByJobOrder: false,
  closeByAccount: false,
};

const YEAR_TABLES = ['year_params', 'year_warehouse_params'] as const;

for (const dialect of dialects) {
  describe(`year and stock difference parameters [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
      for (const code of ['W1', 'W2']) await api.call('POST', '/api/warehouses', { code, description: code });
      const templates: [string, string, string, boolean][] = [
        ['W1', 'DIP', 'load', true],
        ['W1', 'DIM', 'unload', true],
        ['W1', 'CAR', 'load', false],
        ['W1', 'VAN', 'unload', false],
        ['W2', 'DIP', 'load', true],
        ['W2', 'DIM', 'unload', true],
      ];
      for (const [wh, code, type, physicalInventory] of templates)
        await api.call('POST', `/api/warehouses/${wh}/templates`, { code, description: code, type, physicalInventory });
    });
    afterAll(async () => api.close());

    describe('year parameters', () => {
      it('creates a year with PUT, reads it back and audits it', async () => {
        const body = {
          lastClosingDate: '2023-12-31',
          periodStart: '2024-01-01',
          periodEnd: '2024-06-30',
          allowNegativeStock: false,
          valuePerWarehouse: true,
          warehouses: [
            { warehouse: 'W2', ...off, negativeStock: true },
            { warehouse: 'W1', ...off, checkLocation: true, closeByLot: true, closeByLocation: true },
          ],
        };
        const r = await api.call('PUT', '/api/year-params/2024', body);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        const expected = {
          year: 2024,
          ...body,
          warehouses: [
            { warehouse: 'W1', ...off, checkLocation: true, closeByLot: true, closeByLocation: true },
            { warehouse: 'W2', ...off, negativeStock: true },
          ],
        };
        expect(r.body).toEqual(expected);
        expect((await api.call('GET', '/api/year-params/2024', undefined, { as: 'viewer' })).body).toEqual(expected);
        const trail = await auditTrail(api, 'yearParams', '2024');
        expect(trail.map((t) => t.action)).toEqual(['create']);
      });

      it('replaces the year and its warehouse rows on a second PUT', async () => {
        const r = await api.call('PUT', '/api/year-params/2024', {
          periodStart: '2024-02-01',
          periodEnd: '2024-12-31',
          allowNegativeStock: true,
          warehouses: [{ warehouse: 'W2', closeByVariant: true }],
        });
        expect(r.status).toBe(200);
        expect(r.body).toEqual({
          year: 2024,
          lastClosingDate: null,
          periodStart: '2024-02-01',
          periodEnd: '2024-12-31',
          allowNegativeStock: true,
          valuePerWarehouse: false,
          warehouses: [{ warehouse: 'W2', ...off, closeByVariant: true }],
        });
        const trail = await auditTrail(api, 'yearParams', '2024');
        expect(trail.map((t) => t.action)).toEqual(['create', 'update']);
        expect(JSON.parse(trail[1].before_json!).warehouses).toHaveLength(2);
        expect(JSON.parse(trail[1].after_json!).warehouses).toHaveLength(1);
      });

      it('gives the ledger the parsed parameters by warehouse id', async () => {
        const params = await yearParamsFor(api.store.db, 2024);
        expect(params).toMatchObject({ year: 2024, periodStart: '2024-02-01', allowNegativeStock: true });
        const w1 = await api.store.db.selectFrom('warehouses').select('id').where('code', '=', 'W1').executeTakeFirstOrThrow();
        const w2 = await api.store.db.selectFrom('warehouses').select('id').where('code', '=', 'W2').executeTakeFirstOrThrow();
        expect(warehouseParamsOf(params!, w2.id)).toMatchObject({ warehouse: 'W2', warehouseId: w2.id, closeByVariant: true, negativeStock: false });
        expect(warehouseParamsOf(params!, w1.id)).toEqual({ warehouse: '', warehouseId: w1.id, ...off });
        expect(await yearParamsFor(api.store.db, 1999)).toBeUndefined();
      });

      it('answers 404 for a year without parameters', async () => {
        const r = await api.call('GET', '/api/year-params/2030', undefined, { lang: 'ro' });
        expectProblem(r, 404, 'INV_ERR_NOT_FOUND');
        expect(r.body.detail).toBe('Parametrii anului „2030” nu există');
        expectProblem(await api.call('GET', '/api/year-params/abc'), 400, 'INV_ERR_VALIDATION');
      });

      it('refuses a period outside the year or ending before it starts (422), writing nothing', async () => {
        for (const [periodStart, periodEnd] of [
          ['2023-12-31', '2024-06-30'],
          ['2024-01-01', '2025-01-01'],
          ['2024-07-01', '2024-06-30'],
        ]) {
          const r = await refused(api, [...YEAR_TABLES], () => api.call('PUT', '/api/year-params/2024', { periodStart, periodEnd }, { lang: 'ro' }));
          expectProblem(r, 422, 'INV_ERR_PERIOD_INVALID');
          expect(r.body.detail).toBe('Perioada deschisă trebuie să fie în anul 2024 și să înceapă înainte de sfârșit');
        }
        expectProblem(
          await refused(api, [...YEAR_TABLES], () => api.call('PUT', '/api/year-params/2025', { periodStart: '2024-01-01', periodEnd: '2024-12-31' })),
          422,
          'INV_ERR_PERIOD_INVALID',
        );
        // a one-day period is fine
        expect((await api.call('PUT', '/api/year-params/2026', { periodStart: '2026-03-01', periodEnd: '2026-03-01' })).status).toBe(200);
      });

      it('refuses bad dates, repeated and unknown warehouses, writing nothing', async () => {
        const date = await refused(api, [...YEAR_TABLES], () => api.call('PUT', '/api/year-params/2024', { periodStart: '2024-02-30', periodEnd: '2024-12-31' }));
        expectProblem(date, 400, 'INV_ERR_VALIDATION');
        expect(date.body.errors[0]).toMatchObject({ path: '/periodStart', code: 'INV_ERR_BAD_DATE' });
        const repeated = await refused(api, [...YEAR_TABLES], () =>
          api.call('PUT', '/api/year-params/2024', { periodStart: '2024-01-01', periodEnd: '2024-12-31', warehouses: [{ warehouse: 'W1' }, { warehouse: 'W1' }] }),
        );
        expectProblem(repeated, 400, 'INV_ERR_VALIDATION');
        expect(repeated.body.errors[0]).toMatchObject({ path: '/warehouses/1/warehouse', code: 'INV_ERR_REPEATED_VALUE' });
        const unknown = await refused(api, [...YEAR_TABLES], () =>
          api.call('PUT', '/api/year-params/2024', { periodStart: '2024-01-01', periodEnd: '2024-12-31', warehouses: [{ warehouse: 'W1' }, { warehouse: 'W9' }] }),
        );
        expectProblem(unknown, 404, 'INV_ERR_NOT_FOUND');
        expectProblem(
          await refused(api, [...YEAR_TABLES], () => api.call('PUT', '/api/year-params/2024', { periodStart: '2024-01-01', periodEnd: '2024-12-31', allowNegativeStock: 1 })),
          400,
          'INV_ERR_VALIDATION',
        );
        expect((await api.call('GET', '/api/year-params/2024')).body.periodStart).toBe('2024-02-01');
      });

      it('keeps everyone but admins off year parameters', async () => {
        for (const as of ['viewer', 'counter', 'supervisor'] as const)
          expectProblem(
            await refused(api, [...YEAR_TABLES], () => api.call('PUT', '/api/year-params/2027', { periodStart: '2027-01-01', periodEnd: '2027-12-31' }, { as })),
            403,
            'INV_ERR_FORBIDDEN',
          );
      });
    });

    describe('stock difference parameters', () => {
      it('sets, reads, replaces and audits the templates of a warehouse', async () => {
        expectProblem(await api.call('GET', '/api/stock-difference-params/W1'), 404, 'INV_ERR_NOT_FOUND');
        const r = await api.call('PUT', '/api/stock-difference-params/W1', { loadTemplate: 'DIP', unloadTemplate: 'DIM' });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.body).toEqual({ warehouse: 'W1', loadTemplate: 'DIP', unloadTemplate: 'DIM' });
        expect((await api.call('GET', '/api/stock-difference-params/W1', undefined, { as: 'viewer' })).body).toEqual(r.body);
        await api.call('POST', '/api/warehouses/W1/templates', { code: 'DI2', description: 'x', type: 'load', physicalInventory: true });
        expect((await api.call('PUT', '/api/stock-difference-params/W1', { loadTemplate: 'DI2', unloadTemplate: 'DIM' })).body.loadTemplate).toBe('DI2');
        const trail = await auditTrail(api, 'stockDifferenceParams', 'W1');
        expect(trail.map((t) => t.action)).toEqual(['create', 'update']);
        expect(JSON.parse(trail[1].before_json!).loadTemplate).toBe('DIP');
      });

      it('refuses templates that are not physical-inventory templates of the warehouse and type (422)', async () => {
        const tables = ['stock_difference_params'] as const;
        const cases: [Record<string, string>, string][] = [
          [{ loadTemplate: 'CAR', unloadTemplate: 'DIM' }, 'CAR'], // not physical inventory
          [{ loadTemplate: 'DIM', unloadTemplate: 'DIM' }, 'DIM'], // wrong type
          [{ loadTemplate: 'DIP', unloadTemplate: 'DIP' }, 'DIP'], // wrong type
          [{ loadTemplate: 'DIP', unloadTemplate: 'NOP' }, 'NOP'], // unknown
        ];
        for (const [body, template] of cases) {
          const r = await refused(api, [...tables], () => api.call('PUT', '/api/stock-difference-params/W2', body));
          expectProblem(r, 422, 'INV_ERR_STOCK_DIFF_TEMPLATE');
          expect(r.body.detail).toContain(`"${template}"`);
        }
        const ro = await refused(api, [...tables], () => api.call('PUT', '/api/stock-difference-params/W2', { loadTemplate: 'DIP', unloadTemplate: 'VAN' }, { lang: 'ro' }));
        expect(ro.body.detail).toBe('Șablonul „VAN” trebuie să fie un șablon de inventar faptic de tip descărcare al gestiunii W2');
        expectProblem(
          await refused(api, [...tables], () => api.call('PUT', '/api/stock-difference-params/W9', { loadTemplate: 'DIP', unloadTemplate: 'DIM' })),
          404,
          'INV_ERR_NOT_FOUND',
        );
        expectProblem(
          await refused(api, [...tables], () => api.call('PUT', '/api/stock-difference-params/W2', { loadTemplate: 'DIP', unloadTemplate: 'DIM' }, { as: 'supervisor' })),
          403,
          'INV_ERR_FORBIDDEN',
        );
      });

      it('keeps a template in use by the parameters a physical-inventory template of its type', async () => {
        const r = await refused(api, ['templates'], () =>
          api.call('PUT', '/api/warehouses/W1/templates/DIM', { description: 'x', type: 'unload', physicalInventory: false }),
        );
        expectProblem(r, 422, 'INV_ERR_STOCK_DIFF_TEMPLATE');
        expectProblem(await api.call('PUT', '/api/warehouses/W1/templates/DIM', { description: 'x', type: 'load', physicalInventory: true }), 422, 'INV_ERR_STOCK_DIFF_TEMPLATE');
        expect((await api.call('PUT', '/api/warehouses/W1/templates/DIM', { description: 'Shortages', type: 'unload', physicalInventory: true })).status).toBe(200);
      });
    });
  });
}

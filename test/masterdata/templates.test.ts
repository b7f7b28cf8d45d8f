import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { createTemplate } from '../../src/masterdata/templates.ts';
import { InventarError } from '../../src/core/errors.ts';
import { auditTrail, expectProblem, insertRecord, refused } from './support.ts';

const T = '/api/warehouses/W1/templates';

for (const dialect of dialects) {
  describe(`templates [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
      for (const code of ['W1', 'W2']) await api.call('POST', '/api/warehouses', { code, description: code });
      await api.call('POST', '/api/warehouses/W1/locations', { code: 'REC', description: 'Receiving' });
    });
    afterAll(async () => api.close());

    it('creates a template with defaults, reads and lists it', async () => {
      const r = await api.call('POST', T, { code: 'CAR', description: 'Purchase', type: 'load', proposedCost: 'last', updateAverageCost: true, updateLastCost: true });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toEqual({
        code: 'CAR',
        description: 'Purchase',
        type: 'load',
        proposedCost: 'last',
        updateAverageCost: true,
        updateLastCost: true,
        updateSalePrice: false,
        updateItemCost: false,
        fiscalInterest: true,
        lotManagement: false,
        mandatoryDocument: false,
        mandatoryAccount: false,
        physicalInventory: false,
        oddments: false,
        considerZeroMovements: false,
        offsetWarehouse: null,
        offsetTemplate: null,
        defaultLocation: null,
        debitAccount: null,
        creditAccount: null,
        saftMovementType: null,
      });
      expect((await api.call('GET', `${T}/CAR`, undefined, { as: 'viewer' })).body).toEqual(r.body);
      await api.call('POST', T, { code: 'VAN', description: 'Sale', type: 'unload', proposedCost: 'average', updateSalePrice: true, defaultLocation: 'REC' });
      await api.call('POST', T, { code: 'RES', description: 'Opening balance', type: 'load', oddments: true });
      // the same code in another warehouse is another template
      expect((await api.call('POST', '/api/warehouses/W2/templates', { code: 'CAR', description: 'Purchase W2', type: 'load' })).status).toBe(201);
      const page = await api.call('GET', `${T}?limit=2&offset=1`);
      expect(page.body.total).toBe(3);
      expect(page.body.items.map((t: { code: string }) => t.code)).toEqual(['RES', 'VAN']);
      expect(page.body.items[1]).toMatchObject({ type: 'unload', proposedCost: 'average', updateSalePrice: true, defaultLocation: 'REC' });
      expect((await auditTrail(api, 'template', 'W1/CAR')).map((t) => t.action)).toEqual(['create']);
    });

    it('refuses a code over 3 characters and a description over 80 (400)', async () => {
      const code = await refused(api, ['templates'], () => api.call('POST', T, { code: 'ABCD', description: 'x', type: 'load' }));
      expectProblem(code, 400, 'INV_ERR_VALIDATION');
      expect(code.body.errors[0].path).toBe('/code');
      const description = await refused(api, ['templates'], () => api.call('POST', T, { code: 'ABC', description: 'd'.repeat(81), type: 'load' }));
      expectProblem(description, 400, 'INV_ERR_VALIDATION');
      expect(description.body.errors[0].path).toBe('/description');
      expect((await api.call('POST', T, { code: 'ABC', description: 'd'.repeat(80), type: 'load' })).status).toBe(201);
      expectProblem(await api.call('PUT', `${T}/ABC`, { description: 'd'.repeat(81), type: 'load' }), 400, 'INV_ERR_VALIDATION');
    });

    it('checks the lengths in the service too, for callers other than HTTP', async () => {
      const error = await createTemplate({ ...api.ctx, lang: 'ro' }, 'W1', { code: 'LONG', description: 'é'.repeat(81), type: 'load' }).catch((e) => e);
      expect(error).toBeInstanceOf(InventarError);
      expect(error.code).toBe('INV_ERR_VALIDATION');
      expect(error.problems).toEqual([
        { path: '/code', code: 'INV_ERR_TEXT_TOO_LONG', params: { max: 3 } },
        { path: '/description', code: 'INV_ERR_TEXT_TOO_LONG', params: { max: 80 } },
      ]);
    });

    it('refuses a bad type or proposed cost (400)', async () => {
      expectProblem(await refused(api, ['templates'], () => api.call('POST', T, { code: 'X', description: 'x', type: 'move' })), 400, 'INV_ERR_VALIDATION');
      const pc = await refused(api, ['templates'], () => api.call('POST', T, { code: 'X', description: 'x', type: 'load', proposedCost: 'fifo' }));
      expectProblem(pc, 400, 'INV_ERR_VALIDATION');
      expect(pc.body.errors[0].path).toBe('/proposedCost');
    });

    it('refuses a code already used in the warehouse (409)', async () => {
      const r = await refused(api, ['templates'], () => api.call('POST', T, { code: 'CAR', description: 'again', type: 'unload' }, { lang: 'ro' }));
      expectProblem(r, 409, 'INV_ERR_DUPLICATE');
      expect(r.body.detail).toBe('Șablonul „CAR” există deja');
    });

    it('allows one oddments template per warehouse (409), and only of type load (422)', async () => {
      const second = await refused(api, ['templates'], () => api.call('POST', T, { code: 'RE2', description: 'x', type: 'load', oddments: true }, { lang: 'ro' }));
      expectProblem(second, 409, 'INV_ERR_ODDMENTS_TEMPLATE_EXISTS');
      expect(second.body.detail).toBe('Gestiunea W1 are deja un șablon de resturi (RES)');
      expectProblem(
        await refused(api, ['templates'], () => api.call('PUT', `${T}/CAR`, { description: 'Purchase', type: 'load', oddments: true, updateAverageCost: true, updateLastCost: true })),
        409,
        'INV_ERR_ODDMENTS_TEMPLATE_EXISTS',
      );
      // updating the oddments template itself is fine
      expect((await api.call('PUT', `${T}/RES`, { description: 'Opening', type: 'load', oddments: true })).status).toBe(200);
      // another warehouse may have its own
      const unload = await refused(api, ['templates'], () =>
        api.call('POST', '/api/warehouses/W2/templates', { code: 'RES', description: 'x', type: 'unload', oddments: true }, { lang: 'ro' }),
      );
      expectProblem(unload, 422, 'INV_ERR_ODDMENTS_TEMPLATE_TYPE');
      expect(unload.body.detail).toBe('Șablonul de resturi „RES” trebuie să fie de tip încărcare');
      expect((await api.call('POST', '/api/warehouses/W2/templates', { code: 'RES', description: 'x', type: 'load', oddments: true })).status).toBe(201);
    });

    it('checks the offset warehouse and template (422)', async () => {
      const half = await refused(api, ['templates'], () =>
        api.call('POST', T, { code: 'TRF', description: 'Transfer out', type: 'unload', offsetWarehouse: 'W2' }, { lang: 'ro' }),
      );
      expectProblem(half, 422, 'INV_ERR_OFFSET_TEMPLATE');
      expect(half.body.detail).toBe('Șablonul „TRF” are o gestiune sau un șablon de contrapartidă invalid');
      expectProblem(
        await refused(api, ['templates'], () => api.call('POST', T, { code: 'TRF', description: 'x', type: 'unload', offsetTemplate: 'CAR' })),
        422,
        'INV_ERR_OFFSET_TEMPLATE',
      );
      for (const [offsetWarehouse, offsetTemplate] of [
        ['W9', 'CAR'], // unknown warehouse
        ['W2', 'NOP'], // unknown template
        ['W2', 'VAN'], // exists only in W1
      ])
        expectProblem(
          await refused(api, ['templates'], () => api.call('POST', T, { code: 'TRF', description: 'x', type: 'unload', offsetWarehouse, offsetTemplate })),
          422,
          'INV_ERR_OFFSET_TEMPLATE',
        );
      // same type on both sides is not a mirror
      expectProblem(
        await refused(api, ['templates'], () => api.call('POST', T, { code: 'TRF', description: 'x', type: 'load', offsetWarehouse: 'W2', offsetTemplate: 'CAR' })),
        422,
        'INV_ERR_OFFSET_TEMPLATE',
      );
      const ok = await api.call('POST', T, { code: 'TRF', description: 'Transfer out', type: 'unload', offsetWarehouse: 'W2', offsetTemplate: 'CAR' });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body).toMatchObject({ offsetWarehouse: 'W2', offsetTemplate: 'CAR' });
      // the mirrored template cannot change type behind the transfer's back
      expectProblem(
        await refused(api, ['templates'], () => api.call('PUT', '/api/warehouses/W2/templates/CAR', { description: 'x', type: 'unload' })),
        422,
        'INV_ERR_OFFSET_TEMPLATE',
      );
      // clearing the offset
      const cleared = await api.call('PUT', `${T}/TRF`, { description: 'Transfer out', type: 'unload', offsetWarehouse: null, offsetTemplate: null });
      expect(cleared.body).toMatchObject({ offsetWarehouse: null, offsetTemplate: null });
    });

    it('refuses an unknown default location (422)', async () => {
      const r = await refused(api, ['templates'], () => api.call('POST', T, { code: 'LOC', description: 'x', type: 'load', defaultLocation: 'NOPE' }));
      expectProblem(r, 422, 'INV_ERR_UNKNOWN_LOCATION');
    });

    it('updates a template and audits before and after', async () => {
      const r = await api.call('PUT', `${T}/VAN`, { description: 'Sales', type: 'unload', proposedCost: 'standard', updateSalePrice: true, mandatoryAccount: true });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ code: 'VAN', description: 'Sales', proposedCost: 'standard', mandatoryAccount: true, defaultLocation: null });
      const trail = await auditTrail(api, 'template', 'W1/VAN');
      expect(trail.map((t) => t.action)).toEqual(['create', 'update']);
      expect(JSON.parse(trail[1].before_json!).description).toBe('Sale');
      expect(JSON.parse(trail[1].after_json!).description).toBe('Sales');
    });

    it('freezes the cost flags and the type once a record uses the template (409)', async () => {
      await insertRecord(api, 'W1', 'CAR');
      const base = { description: 'Purchase', type: 'load', proposedCost: 'last', updateAverageCost: true, updateLastCost: true };
      for (const change of [{ updateAverageCost: false }, { updateLastCost: false }, { updateSalePrice: true }]) {
        const r = await refused(api, ['templates'], () => api.call('PUT', `${T}/CAR`, { ...base, ...change }, { lang: 'ro' }));
        expectProblem(r, 409, 'INV_ERR_TEMPLATE_COST_FLAGS_FROZEN');
        expect(r.body.detail).toBe('Indicatorii de cost ai șablonului „CAR” nu se pot modifica: șablonul a fost folosit');
      }
      const type = await refused(api, ['templates'], () => api.call('PUT', `${T}/CAR`, { ...base, type: 'unload' }));
      expectProblem(type, 409, 'INV_ERR_TEMPLATE_TYPE_FROZEN');
      // everything else may still change
      const ok = await api.call('PUT', `${T}/CAR`, { ...base, description: 'Purchases', proposedCost: 'average', mandatoryDocument: true });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ description: 'Purchases', updateAverageCost: true, updateLastCost: true, mandatoryDocument: true });
      // an unused template may still change its cost flags
      expect((await api.call('PUT', `${T}/VAN`, { description: 'Sales', type: 'unload', updateSalePrice: false })).body.updateSalePrice).toBe(false);
    });

    it('answers 404 for an unknown warehouse or template', async () => {
      const wh = await api.call('GET', '/api/warehouses/NOPE/templates', undefined, { lang: 'ro' });
      expectProblem(wh, 404, 'INV_ERR_NOT_FOUND');
      expect(wh.body.detail).toBe('Gestiunea „NOPE” nu există');
      expectProblem(await api.call('GET', `${T}/NOP`), 404, 'INV_ERR_NOT_FOUND');
      expectProblem(await api.call('PUT', `${T}/NOP`, { description: 'x', type: 'load' }), 404, 'INV_ERR_NOT_FOUND');
      expectProblem(await refused(api, ['templates'], () => api.call('POST', '/api/warehouses/NOPE/templates', { code: 'X', description: 'x', type: 'load' })), 404, 'INV_ERR_NOT_FOUND');
    });

    it('keeps viewers, counters and supervisors off template writes', async () => {
      for (const as of ['viewer', 'counter', 'supervisor'] as const) {
        expectProblem(await refused(api, ['templates'], () => api.call('POST', T, { code: 'X', description: 'x', type: 'load' }, { as })), 403, 'INV_ERR_FORBIDDEN');
        expectProblem(await refused(api, ['templates'], () => api.call('PUT', `${T}/VAN`, { description: 'x', type: 'unload' }, { as })), 403, 'INV_ERR_FORBIDDEN');
      }
      expect((await api.call('GET', T, undefined, { as: 'viewer' })).status).toBe(200);
      expect((await api.call('GET', T, undefined, { as: 'counter' })).status).toBe(403); // counters only count (SPEC §10)
    });
  });
}

/**
 * Issue 12 point 7: what a GET returns, the PUT of the same resource takes
 * back unchanged. Every path of the OpenAPI document with both GET and PUT
 * is walked (a new one without a sample here fails the test): GET, PUT the
 * body as read, expect 200 and the same resource on the next GET.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { seedInventoryFixture } from '../inventory/support.ts';

for (const dialect of dialects) {
  describe(`GET → PUT round trips [${dialect}]`, () => {
    let api: TestApi;
    const samples: Record<string, string> = {};

    const ok = async (method: string, url: string, body?: unknown) => {
      const r = await api.call(method, url, body);
      expect(r.status, `${method} ${url}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
      return r.body;
    };

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      await ok('POST', '/api/management-areas', { code: 'ZG1', description: 'Zona 1', method: 'average' });
      await ok('PUT', '/api/warehouses/MAIN', { description: 'Depozit central', managementArea: 'ZG1', validUntil: '2030-12-31' });
      await ok('POST', '/api/warehouses/MAIN/locations', { code: 'A1-1', description: 'Raft', parent: 'A1' });
      await ok('POST', '/api/items', {
        code: 'RT', description: 'Round trip', uom: 'kg', itemType: 'MF', fiscalCategory: 'F1', merchandiseCategory: 'M', lotManaged: true,
        variants: [{ code: 'V1', description: 'Unu', barcodes: ['4006381333948'] }], barcodes: ['RT-1'], alternativeUnits: [{ uom: 'buc', factor: '0.25' }],
        standardCost: '1.5', averageCost: '2', lastCost: '3', salePrice: '4',
      });
      const record = await ok('POST', '/api/records', {
        warehouse: 'MAIN', template: 'DOC', date: '2026-03-02', internalDocument: 'F 12', internalDocumentDate: '2026-03-01', referenceDocument: 'C 7',
        account: 'FURN1', jobOrder: 'J1', notes: 'nota',
        lines: [{ item: 'A', quantity: '3', unitCost: '2.5', location: 'A1', notes: 'l1' }, { item: 'RT', variant: 'V1', lot: 'L1', altUom: 'buc', altQuantity: '8', unitCost: '1' }],
      });
      await ok('PUT', '/api/year-params/2026', {
        periodStart: '2026-01-01', periodEnd: '2026-12-31', allowNegativeStock: false, valuePerWarehouse: false,
        warehouses: [{ warehouse: 'MAIN', negativeStock: false, checkLocation: true, checkJobOrder: false, checkAccount: false, closeByVariant: true, closeByLocation: true, closeByLot: true, closeByJobOrder: false, closeByAccount: false }],
      });
      await ok('PUT', '/api/count-control/MAIN', { quantityTolerancePct: '2.5', valueTolerance: '100', recount: true, approval: false, classes: [{ class: 'B', valueTolerance: '50', countsPerYear: 6 }] });
      const inv = await api.call('POST', '/api/inventories', { date: '2026-03-10', description: 'Anual', notes: 'n', operator: 'E1' }, { as: 'supervisor' });
      const list = await api.call('POST', `/api/inventories/${inv.body.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' });
      const group = await ok('POST', '/api/confusion-groups', { year: 2026, code: 'G1', description: 'Risc de confuzie', items: ['A', 'B'] });
      await ok('PUT', '/api/loss-allowances', { items: [{ item: 'A', pct: '0.125' }, { itemGroup: 'M', pct: '2' }] });
      Object.assign(samples, {
        '/api/confusion-groups/{id}': `/api/confusion-groups/${group.id}`,
        '/api/loss-allowances': '/api/loss-allowances',
        '/api/employees/{code}': '/api/employees/E1',
        '/api/management-areas/{code}': '/api/management-areas/ZG1',
        '/api/list-types/{code}': '/api/list-types/LOC',
        '/api/units/{code}': '/api/units/kg',
        '/api/warehouses/{code}': '/api/warehouses/MAIN',
        '/api/items/{code}': '/api/items/RT',
        '/api/warehouses/{wh}/templates/{code}': '/api/warehouses/SHOP/templates/TRI',
        '/api/year-params/{year}': '/api/year-params/2026',
        '/api/stock-difference-params/{code}': '/api/stock-difference-params/MAIN',
        '/api/inventories/{id}': `/api/inventories/${inv.body.id}`,
        '/api/lists/{id}': `/api/lists/${list.body.id}`,
        '/api/records/{id}': `/api/records/${record.id}`,
        '/api/count-control/{warehouse}': '/api/count-control/MAIN',
        '/api/inventories/{id}/commission': `/api/inventories/${inv.body.id}/commission`,
        '/api/inventories/{id}/declarations/{warehouse}': `/api/inventories/${inv.body.id}/declarations/MAIN`,
      });
      await ok('PUT', `/api/inventories/${inv.body.id}/commission`, { decisionNumber: '7', decisionDate: '2026-03-01', president: 'E2', members: [], storekeepers: [{ warehouse: 'MAIN', employee: 'E1' }] });
      await ok('PUT', `/api/inventories/${inv.body.id}/declarations/MAIN`, { lastReceipt: 'NIR 1', lastIssue: 'BC 2', thirdPartyGoods: '', knownDifferences: 'nu' });
    });
    afterAll(async () => api.close());

    it('takes back every GET body unchanged in the PUT of the same resource', async () => {
      const doc = (await api.call('GET', '/api/openapi.json', undefined, { as: null })).body;
      const both = Object.keys(doc.paths).filter((p) => doc.paths[p].get && doc.paths[p].put).sort();
      expect(both.length).toBeGreaterThan(10);
      const missing = both.filter((p) => !samples[p]);
      expect(missing, 'a resource with GET and PUT needs a sample here').toEqual([]);
      const failures: string[] = [];
      for (const path of both) {
        const url = samples[path];
        const before = await ok('GET', url);
        const put = await api.call('PUT', url, before);
        if (put.status !== 200) {
          failures.push(`${path}: ${put.status} ${JSON.stringify(put.body.errors ?? put.body.detail)}`);
          continue;
        }
        const after = await ok('GET', url);
        const { updatedAt: _a, ...stableAfter } = after;
        const { updatedAt: _b, ...stableBefore } = before;
        if (JSON.stringify(stableAfter) !== JSON.stringify(stableBefore)) failures.push(`${path}: changed ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      }
      expect(failures).toEqual([]);
    });

    it('takes back records as shown: signed unload quantities, one serial per line, amounts; identities must match the URL', async () => {
      await ok('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-03-03', lines: [{ item: 'SER', quantity: '2', unitCost: '4', serials: ['S1', 'S2'] }] });
      const unload = await ok('POST', '/api/records', {
        warehouse: 'MAIN', template: 'VAN', date: '2026-03-04', lines: [{ item: 'SER', quantity: '2', serials: ['S1', 'S2'] }, { item: 'A', quantity: '1', location: 'A1' }],
      });
      const url = `/api/records/${unload.id}`;
      const before = await ok('GET', url);
      expect(before.lines.map((l: any) => [l.serial, l.quantity])).toEqual([['S1', '-1.000'], ['S2', '-1.000'], ['', '-1.000']]);
      expect((await api.call('PUT', url, before)).status).toBe(200);
      expect(await ok('GET', url)).toEqual(before);
      const zero = await ok('POST', '/api/records', { warehouse: 'MAIN', template: 'ZER', date: '2026-03-04', lines: [{ item: 'A', quantity: '0', amount: '7.77' }] });
      const zeroBefore = await ok('GET', `/api/records/${zero.id}`);
      expect((await api.call('PUT', `/api/records/${zero.id}`, zeroBefore)).status).toBe(200);
      expect(await ok('GET', `/api/records/${zero.id}`)).toEqual(zeroBefore);
      // what is not as shown is still refused
      const wrongAmount = await api.call('PUT', url, { ...before, lines: before.lines.map((l: any, i: number) => (i === 2 ? { ...l, amount: '-1.00' } : l)) });
      expect(wrongAmount.body).toMatchObject({ status: 422, code: 'INV_ERR_AMOUNT_NOT_ALLOWED' });
      const load = await ok('GET', samples['/api/records/{id}']);
      const negativeLoad = await api.call('PUT', samples['/api/records/{id}'], { ...load, lines: [{ ...load.lines[0], quantity: '-3.000' }] });
      expect(negativeLoad.body).toMatchObject({ status: 422, code: 'INV_ERR_QUANTITY_NOT_POSITIVE' });
      for (const [path, resource, field, other] of [
        ['/api/year-params/{year}', '/api/year-params/2026', 'year', 2025],
        ['/api/stock-difference-params/{code}', '/api/stock-difference-params/MAIN', 'warehouse', 'SHOP'],
        ['/api/records/{id}', url, 'id', unload.id + 1000],
        ['/api/lists/{id}', samples['/api/lists/{id}'], 'id', 999],
      ] as const) {
        const body = await ok('GET', resource);
        const r = await api.call('PUT', resource, { ...body, [field]: other });
        expect(r.status, path).toBe(400);
        expect(r.body.errors[0]).toMatchObject({ path: `/${field}`, code: 'INV_ERR_BAD_VALUE' });
      }
    });
  });
}

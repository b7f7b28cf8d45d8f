/**
 * Issue 11 point 2: no 5xx on any input. Ids, limits, offsets and decimals are
 * range-checked, control characters refused, stored values cannot overflow;
 * every refusal is a coded 4xx naming the field and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { ledgerCounts, seedFixture } from '../helpers/fixtures.ts';

for (const dialect of dialects) {
  describe(`hostile input [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
    });
    afterAll(async () => api.close());

    const load = (line: Record<string, unknown>) => ({ warehouse: 'MAIN', template: 'CAR', date: '2026-03-01', lines: [{ item: 'A', ...line }] });

    it('answers ids beyond the 32-bit columns with 400 naming the parameter', async () => {
      for (const url of ['/api/inventories/2147483648', '/api/lists/99999999999', '/api/closings/2147483648', '/api/lines/0']) {
        const r = await api.call(url.startsWith('/api/lines') ? 'DELETE' : 'GET', url);
        expect(r.status, url).toBe(400);
        expect(r.body.code).toBe('INV_ERR_VALIDATION');
        expect(r.body.errors[0].path).toMatch(/id/);
      }
      expect((await api.call('GET', '/api/inventories/2147483647')).status).toBe(404);
      expect((await api.call('GET', '/api/records/9007199254740992')).status).toBe(400);
      expect((await api.call('GET', '/api/records/9007199254740991')).status).toBe(404);
      expect((await api.call('GET', '/api/records?inventory=2147483648')).status).toBe(400);
    });

    it('answers huge limits and offsets with 400 on every list', async () => {
      for (const list of ['/api/records', '/api/inventories', '/api/lists', '/api/closings', '/api/warehouse-history', '/api/employees', '/api/items']) {
        for (const q of ['limit=99999999999999999999', 'offset=2147483648', 'limit=-1']) {
          const r = await api.call('GET', `${list}?${q}`);
          expect(r.status, `${list}?${q}`).toBe(400);
          expect(r.body.code).toBe('INV_ERR_VALIDATION');
        }
        expect((await api.call('GET', `${list}?limit=2147483647&offset=2147483647`)).status, list).toBe(200);
      }
    });

    it('refuses NUL and control characters in any text, also at sign-in without a token', async () => {
      const login = await api.call('POST', '/api/auth/login', { username: 'ad\u0000min', password: 'x' }, { as: null });
      expect(login.status).toBe(400);
      expect(login.body.code).toBe('INV_ERR_VALIDATION');
      expect(login.body.errors).toEqual([expect.objectContaining({ path: '/username', code: 'INV_ERR_CONTROL_CHARS' })]);
      const before = await ledgerCounts(api.store);
      const cases: [string, string, unknown, string][] = [
        ['POST', '/api/employees', { code: 'E\u0000', name: 'x' }, '/code'],
        ['POST', '/api/employees', { code: 'E5', name: 'Ion\u0007' }, '/name'],
        ['POST', '/api/items', { code: 'N1', description: 'a\u0000b', uom: 'buc' }, '/description'],
        ['POST', '/api/records', load({ quantity: '1', notes: 'x\u0000' }), '/lines/0/notes'],
        ['GET', '/api/items?q=%00', undefined, '/q'],
        ['GET', '/api/items/A%00', undefined, '/code'],
      ];
      for (const [method, url, body, path] of cases) {
        const r = await api.call(method, url, body);
        expect(r.status, url).toBe(400);
        expect(r.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), url).toContainEqual([path, 'INV_ERR_CONTROL_CHARS']);
      }
      // free text keeps its line breaks
      expect((await api.call('POST', '/api/items', { code: 'N2', description: 'line one\nline two', uom: 'buc' })).status).toBe(201);
      expect(await ledgerCounts(api.store)).toEqual({ ...before, items: before.items + 1, audit_log: before.audit_log + 1 });
    });

    it('refuses decimals beyond the storable range, naming the field, and writes nothing', async () => {
      const before = await ledgerCounts(api.store);
      const tooBig: [Record<string, unknown>, string, string][] = [
        [{ quantity: '999999999999999' }, '/lines/0/quantity', 'INV_ERR_OUT_OF_RANGE'],
        [{ quantity: '1', unitCost: '999999999999999' }, '/lines/0/unitCost', 'INV_ERR_OUT_OF_RANGE'],
        [{ quantity: '999999999999', unitCost: '9999999999' }, '/lines/0/unitCost', 'INV_ERR_VALUE_TOO_LARGE'],
      ];
      for (const [line, path, code] of tooBig) {
        const r = await api.call('POST', '/api/records', load(line));
        expect(r.status, JSON.stringify(line)).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(r.body.errors).toContainEqual(expect.objectContaining({ path, code }));
      }
      const item = await api.call('POST', '/api/items', { code: 'BIG', description: 'x', uom: 'buc', standardCost: '99999999999999' });
      expect(item.status).toBe(400);
      expect(item.body.errors).toContainEqual(expect.objectContaining({ path: '/standardCost', code: 'INV_ERR_OUT_OF_RANGE' }));
      expect(await ledgerCounts(api.store)).toEqual(before);
    });

    it('keeps a cost proposed from the registry from making an amount too large to store', async () => {
      const set = await api.call('PUT', '/api/items/B', { description: 'B', uom: 'buc', standardCost: '9999999999' });
      expect(set.status).toBe(200);
      const tpl = await api.call('POST', '/api/warehouses/MAIN/templates', { code: 'LST', description: 'at standard cost', type: 'load', proposedCost: 'standard' });
      expect(tpl.status).toBe(201);
      const before = await ledgerCounts(api.store);
      // a load valued at the standard cost: 99,999,999,999 × 9,999,999,999 would not fit the amount column
      const r = await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'LST', date: '2026-03-02', lines: [{ item: 'B', quantity: '99999999999' }] });
      expect(r.status).toBe(422);
      expect(r.body.code).toBe('INV_ERR_VALUE_TOO_LARGE');
      expect(await ledgerCounts(api.store)).toEqual(before);
      expect((await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'LST', date: '2026-03-02', lines: [{ item: 'B', quantity: '1' }] })).status).toBe(201);
      // the item's stock still answers
      expect((await api.call('GET', '/api/stock?item=B')).status).toBe(200);
    });
  });
}

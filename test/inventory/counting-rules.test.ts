/**
 * Issue 12 point 4: counting rules. A lot only on lot-managed items (typed or
 * from a GS1 (10)), a variant on items with variants, serials counted 0 or 1,
 * quantities within their unit's decimals (SPEC §14, counts and records), and
 * a scan id reused with another count refused (409) instead of dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, GTIN_A, refused, seedInventoryFixture } from './support.ts';

for (const dialect of dialects) {
  describe(`counting rules [${dialect}]`, () => {
    let api: TestApi;
    let list: number;
    const count = (body: object, as: 'supervisor' | 'counter' = 'supervisor') => api.call('POST', `/api/lists/${list}/lines`, body, { as });

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      // W is weighed: kg, 3 decimals
      await api.store.db.insertInto('items').values({ code: 'W', description: 'Făină', uom: 'kg' }).execute();
      const inv = (await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1' }, { as: 'supervisor' })).body;
      const l = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' });
      expectStatus(l, 201);
      list = l.body.id;
    });
    afterAll(async () => api.close());

    it('refuses a lot on an item that is not lot-managed, typed or read from a GS1 (10)', async () => {
      const typed = await refused(api, 422, 'INV_ERR_LOT_NOT_MANAGED', () => count({ item: 'A', lot: 'L1', quantity: '1' }));
      expect(typed.body.errors[0]).toMatchObject({ path: '/lot', code: 'INV_ERR_LOT_NOT_MANAGED' });
      // (01) GTIN of A, (10) lot L7: before, a lot line and a false surplus
      const gs1 = await refused(api, 422, 'INV_ERR_LOT_NOT_MANAGED', () => count({ barcode: `(01)0${GTIN_A}(10)L7` }));
      expect(gs1.body.errors[0]).toMatchObject({ path: '/barcode', code: 'INV_ERR_LOT_NOT_MANAGED' });
      const csv = await refused(api, 422, 'INV_ERR_LOT_NOT_MANAGED', () =>
        api.call('POST', `/api/lists/${list}/import`, `item,lot,quantity\nB,,1\nA,L1,1\n`, { as: 'supervisor' }),
      );
      expect(csv.body.errors[0].path).toBe('/rows/3/lot');
      // the same GS1 code without a lot counts A
      const plain = await count({ barcode: `(01)0${GTIN_A}` });
      expectStatus(plain, 201);
      expect(plain.body).toMatchObject({ item: 'A', lot: '', countedQuantity: '1.000' });
      // a lot-managed item still takes its lot from the code
      expectStatus(await count({ item: 'LOT', lot: 'L1', quantity: '2' }), 201);
    });

    it('needs a variant for an item with variants', async () => {
      const r = await refused(api, 422, 'INV_ERR_VARIANT_REQUIRED', () => count({ item: 'VAR', quantity: '1' }));
      expect(r.body.errors[0]).toMatchObject({ path: '/variant', code: 'INV_ERR_VARIANT_REQUIRED' });
      await refused(api, 422, 'INV_ERR_VARIANT_REQUIRED', () => api.call('POST', `/api/lists/${list}/import`, `item,quantity\nVAR,1\n`, { as: 'supervisor' }));
      expectStatus(await count({ item: 'VAR', variant: 'BLUE', quantity: '1' }), 201);
    });

    it('counts a serial-managed item 0 or 1 per serial, and no serial on other items', async () => {
      await refused(api, 422, 'INV_ERR_SERIAL_QUANTITY', () => count({ item: 'SER', serial: 'S1', quantity: '2' }));
      const one = await count({ item: 'SER', serial: 'S1', quantity: '1' });
      expectStatus(one, 201);
      await refused(api, 422, 'INV_ERR_SERIAL_QUANTITY', () => count({ item: 'SER', serial: 'S1', quantity: '1', mode: 'add' }));
      await refused(api, 422, 'INV_ERR_SERIAL_QUANTITY', () => api.call('PUT', `/api/lines/${one.body.id}`, { quantity: '3' }, { as: 'supervisor' }));
      await refused(api, 422, 'INV_ERR_SERIAL_QUANTITY', () =>
        api.call('POST', `/api/lists/${list}/import`, `item,serial,quantity\nSER,S2,1\nSER,S2,1\n`, { as: 'supervisor' }),
      );
      expectStatus(await count({ item: 'SER', serial: 'S1', quantity: '0', mode: 'replace' }), 200);
      const r = await refused(api, 422, 'INV_ERR_SERIAL_NOT_MANAGED', () => count({ item: 'B', serial: 'X9', quantity: '1' }));
      expect(r.body.errors[0].path).toBe('/serial');
    });

    it('keeps quantities within their unit of measure: buc 0 decimals, kg 3', async () => {
      const units = await api.call('GET', '/api/units', undefined, { as: 'viewer' });
      expectStatus(units, 200);
      expect(units.body.items).toEqual(expect.arrayContaining([
        expect.objectContaining({ code: 'buc', decimals: 0 }),
        expect.objectContaining({ code: 'kg', decimals: 3 }),
      ]));
      // 2.5 pieces: refused when counted, edited, imported or posted
      const typed = await refused(api, 422, 'INV_ERR_UOM_DECIMALS', () => count({ item: 'B', quantity: '2.5' }));
      expect(typed.body.errors[0]).toMatchObject({ path: '/quantity', code: 'INV_ERR_UOM_DECIMALS' });
      const b = await count({ item: 'B', quantity: '2' });
      expectStatus(b, 201);
      await refused(api, 422, 'INV_ERR_UOM_DECIMALS', () => count({ item: 'B', quantity: '0.5', mode: 'add' }));
      await refused(api, 422, 'INV_ERR_UOM_DECIMALS', () => api.call('PUT', `/api/lines/${b.body.id}`, { quantity: '2.5' }, { as: 'supervisor' }));
      const csv = await refused(api, 422, 'INV_ERR_UOM_DECIMALS', () => api.call('POST', `/api/lists/${list}/import`, `item,quantity\nW,1.5\nB,1.5\n`, { as: 'supervisor' }));
      expect(csv.body.errors.map((e: any) => e.path)).toEqual(['/rows/3/quantity']);
      const record = await refused(api, 422, 'INV_ERR_UOM_DECIMALS', () =>
        api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-03-01', lines: [{ item: 'W', quantity: '1.125', unitCost: '1' }, { item: 'B', quantity: '2.5', unitCost: '1' }] }),
      );
      expect(record.body.errors.map((e: any) => e.path)).toEqual(['/lines/1/quantity']);
      // kilograms take grams
      const w = await count({ item: 'W', quantity: '2.125' });
      expectStatus(w, 201);
      expect(w.body).toMatchObject({ uom: 'kg', countedQuantity: '2.125' });
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-03-01', lines: [{ item: 'W', quantity: '1.125', unitCost: '1' }] }), 201);
      expectStatus(await api.call('PUT', `/api/lines/${b.body.id}`, { quantity: '3' }, { as: 'supervisor' }), 200);
    });

    it('makes items reference a unit of measure, whose decimals count', async () => {
      const unknown = await refused(api, 422, 'INV_ERR_UNKNOWN_UOM', () => api.call('POST', '/api/items', { code: 'T1', description: 'Țeavă', uom: 'dm' }));
      expect(unknown.body.errors[0]).toMatchObject({ path: '/uom', code: 'INV_ERR_UNKNOWN_UOM' });
      expectStatus(await api.call('POST', '/api/units', { code: 'dm', description: 'decimetru', decimals: 1 }), 201);
      await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('POST', '/api/units', { code: 'xx', decimals: 4 }));
      expectStatus(await api.call('POST', '/api/items', { code: 'T1', description: 'Țeavă', uom: 'dm' }), 201);
      expectStatus(await count({ item: 'T1', quantity: '0.5' }), 201);
      await refused(api, 422, 'INV_ERR_UOM_DECIMALS', () => count({ item: 'T1', quantity: '0.25', mode: 'add' }));
      await refused(api, 422, 'INV_ERR_UNKNOWN_UOM', () => api.call('PUT', '/api/items/T1', { description: 'Țeavă', uom: 'ft' }));
    });

    it('refuses a scan id reused with another count (409), and replays the same one', async () => {
      const first = await count({ item: 'A', quantity: '4', location: 'A1', scanId: 'sc-1' }, 'counter');
      expectStatus(first, 201);
      const again = await count({ item: 'A', quantity: '4.000', location: ' A1 ', scanId: 'sc-1' }, 'counter');
      expectStatus(again, 201);
      expect(again.body).toEqual(first.body);
      for (const other of [
        { item: 'A', quantity: '5', location: 'A1' },
        { item: 'A', quantity: '4', location: 'B1' },
        { item: 'B', quantity: '4', location: 'A1' },
      ]) {
        const r = await refused(api, 409, 'INV_ERR_SCAN_ID_REUSED', () => count({ ...other, scanId: 'sc-1' }, 'counter'));
        expect(r.body.errors[0].path).toBe('/scanId');
      }
      // the CSV upload of a terminal: the same scan is skipped, another under the same id refused
      const same = await api.call('POST', `/api/lists/${list}/import`, 'item,location,quantity,scanId\nA,A1,4,sc-1\n', { as: 'counter' });
      expectStatus(same, 201);
      expect(same.body).toMatchObject({ inserted: 0, updated: 0, replayed: 1 });
      const csv = await refused(api, 409, 'INV_ERR_SCAN_ID_REUSED', () =>
        api.call('POST', `/api/lists/${list}/import`, 'item,location,quantity,scanId\nA,A1,9,sc-1\n', { as: 'counter' }),
      );
      expect(csv.body.errors[0].path).toBe('/rows/2/scanId');
      const inFile = await refused(api, 409, 'INV_ERR_SCAN_ID_REUSED', () =>
        api.call('POST', `/api/lists/${list}/import`, 'item,location,quantity,scanId\nB,A1,1,sc-2\nB,A1,2,sc-2\n', { as: 'counter' }),
      );
      expect(inFile.body.errors[0].path).toBe('/rows/3/scanId');
      const lines = await api.call('GET', `/api/lists/${list}/lines`, undefined, { as: 'supervisor' });
      expect(lines.body.items.filter((l: any) => l.item === 'A' && l.location === 'A1').map((l: any) => l.countedQuantity)).toEqual(['4.000']);
    });
  });
}

/**
 * Issue 12 point 3: posting stock differences runs the record rules every
 * other record passes (planRecord). A surplus or shortage template that
 * requires an account is refused in the stock difference parameters and at
 * posting (a difference has no customer or supplier); a template that
 * requires a document gets the inventory as its document; lines the rules
 * refuse (a lot-managed key without lot, 2.5 pieces) refuse the post.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Quantity } from '../../src/core/decimal.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, refused, seedInventoryFixture } from './support.ts';

for (const dialect of dialects) {
  describe(`stock differences pass the record rules [${dialect}]`, () => {
    let api: TestApi;
    let inv: any;
    let list: number;
    const db = () => api.store.db;
    const setTemplate = (code: string, flags: Record<string, unknown>) =>
      db().updateTable('templates').set(flags).where('code', '=', code).where('warehouse_id', '=', db().selectFrom('warehouses').select('id').where('code', '=', 'MAIN')).execute();
    const post = () => api.call('POST', `/api/inventories/${inv.id}/differences`, { processingDate: '2026-03-10', postingDate: '2026-03-10' }, { as: 'supervisor' });
    const count = async (body: object) => {
      const r = await api.call('POST', `/api/lists/${list}/lines`, body, { as: 'supervisor' });
      expectStatus(r, 201);
      return r.body;
    };

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      const r = await api.call('POST', '/api/records', {
        warehouse: 'MAIN', template: 'CAR', date: '2026-02-01',
        lines: [{ item: 'A', quantity: '10', unitCost: '5' }, { item: 'LOT', quantity: '5', unitCost: '2', lot: 'L1' }],
      });
      expectStatus(r, 201);
      inv = (await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1' }, { as: 'supervisor' })).body;
      const l = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' });
      expectStatus(l, 201);
      list = l.body.id;
    });
    afterAll(async () => api.close());

    it('refuses a template that requires an account in the stock difference parameters', async () => {
      const main = await db().selectFrom('warehouses').select('id').where('code', '=', 'MAIN').executeTakeFirstOrThrow();
      await db().insertInto('templates').values([
        { warehouse_id: main.id, code: 'PAC', description: 'Plus cu partener', type: 'load', physical_inventory: 1, mandatory_account: 1 },
        { warehouse_id: main.id, code: 'MAC', description: 'Minus cu partener', type: 'unload', physical_inventory: 1, mandatory_account: 1 },
      ]).execute();
      const load = await refused(api, 422, 'INV_ERR_STOCK_DIFF_TEMPLATE_ACCOUNT', () =>
        api.call('PUT', '/api/stock-difference-params/MAIN', { loadTemplate: 'PAC', unloadTemplate: 'MIN' }, { lang: 'ro' }),
      );
      expect(load.body.errors[0]).toMatchObject({ path: '/loadTemplate', code: 'INV_ERR_STOCK_DIFF_TEMPLATE_ACCOUNT' });
      expect(load.body.detail).toContain('PAC');
      const unload = await refused(api, 422, 'INV_ERR_STOCK_DIFF_TEMPLATE_ACCOUNT', () =>
        api.call('PUT', '/api/stock-difference-params/MAIN', { loadTemplate: 'PLU', unloadTemplate: 'MAC' }),
      );
      expect(unload.body.errors[0].path).toBe('/unloadTemplate');
      expect((await api.call('GET', '/api/stock-difference-params/MAIN')).body).toMatchObject({ loadTemplate: 'PLU', unloadTemplate: 'MIN' });
    });

    it('refuses to post with a template that came to require an account after it was chosen, and leaves the inventory open', async () => {
      await count({ item: 'A', quantity: '12' }); // surplus 2
      await setTemplate('PLU', { mandatory_account: 1 });
      try {
        const r = await refused(api, 422, 'INV_ERR_STOCK_DIFF_TEMPLATE_ACCOUNT', post);
        expect(r.body.detail).toContain('PLU');
        expect((await api.call('GET', `/api/inventories/${inv.id}`, undefined, { as: 'supervisor' })).body.closed).toBe(false);
      } finally {
        await setTemplate('PLU', { mandatory_account: 0 });
      }
    });

    it('refuses lines the record rules refuse: a lot-managed key without lot, pieces with decimals', async () => {
      // lines written before the counting rules (or by another path) that no record may carry
      const lot = await count({ item: 'LOT', lot: 'L1', quantity: '7' });
      await db().updateTable('inventory_lines').set({ lot: '' }).where('id', '=', lot.id).execute();
      const noLot = await refused(api, 422, 'INV_ERR_LOT_REQUIRED', post);
      expect(noLot.body.errors[0].path).toMatch(/^\/records\/\d+\/lines\/\d+\/lot$/);
      await db().updateTable('inventory_lines').set({ lot: 'L1' }).where('id', '=', lot.id).execute();
      const b = await count({ item: 'B', quantity: '2' });
      await db().updateTable('inventory_lines').set({ counted_quantity: Quantity.parse('2.5')! }).where('id', '=', b.id).execute();
      await refused(api, 422, 'INV_ERR_UOM_DECIMALS', post);
      await db().updateTable('inventory_lines').set({ counted_quantity: Quantity.parse('2')! }).where('id', '=', b.id).execute();
    });

    it('gives a document-requiring template the inventory as its document, and keeps each key where it was counted', async () => {
      await setTemplate('PLU', { mandatory_document: 1, default_location: 'A1' });
      await setTemplate('MIN', { mandatory_document: 1 });
      await count({ item: 'LOT', lot: 'L1', quantity: '1', location: 'B1' }); // LOT L1: 7 at no location + 1 at B1 vs 5 at no location
      const r = await post();
      expectStatus(r, 201);
      const [load] = r.body.records;
      expect(load).toMatchObject({ template: 'PLU', internalDocument: 'INV 2026/1', origin: 'inventory', inventoryId: inv.id });
      expect(load.lines.map((l: any) => [l.item, l.lot, l.location, l.quantity, l.unitCost])).toEqual([
        ['A', '', '', '2.000', '5.00000'],
        ['B', '', '', '2.000', '0.00000'],
        ['LOT', 'L1', '', '2.000', '2.00000'],
        ['LOT', 'L1', 'B1', '1.000', '2.00000'],
      ]);
      const stock = await api.call('GET', '/api/stock?date=2026-03-10&warehouse=MAIN&by=location,lot');
      expect(stock.body.rows.map((s: any) => [s.item, s.location, s.lot, s.quantity])).toEqual([
        ['A', '', '', '12.000'],
        ['B', '', '', '2.000'],
        ['LOT', '', 'L1', '7.000'],
        ['LOT', 'B1', 'L1', '1.000'],
      ]);
    });
  });
}

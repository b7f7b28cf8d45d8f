/**
 * Issue 16 point 7 (SPEC §11): the freeze option of an inventory. From its
 * first counted line until it is posted or closed, records moving stock of a
 * warehouse its lists count are refused (409 INV_ERR_WAREHOUSE_FROZEN naming
 * the inventory, in the user's language): manual records, their edits and
 * deletes, imports, transfers into or out of it. Another warehouse is not
 * touched; the inventory's own posting and reversal pass; posting (or
 * closing) lifts the freeze, a reversal (which reopens the count) sets it
 * again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, refused, seedInventoryFixture } from './support.ts';

const IMPORT_HEADER = 'record,warehouse,template,date,item,quantity,unitCost,location\n';

for (const dialect of dialects) {
  describe(`freeze option [${dialect}]`, () => {
    let api: TestApi;
    let inv: any;
    let list: number;
    let manual: number;
    const as = { as: 'supervisor' as const };
    const sale = (warehouse: string, item = 'A', quantity = '1', lang: 'en' | 'ro' = 'en') =>
      api.call('POST', '/api/records', { warehouse, template: 'VAN', date: '2026-03-10', lines: [{ item, quantity }] }, { ...as, lang });
    const stockOf = async (warehouse: string, item: string) => {
      const r = await api.call('GET', `/api/stock?date=2026-12-31&warehouse=${warehouse}&item=${item}`);
      return r.body.rows.map((x: any) => x.quantity);
    };

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      for (const warehouse of ['MAIN', 'SHOP']) {
        const r = await api.call('POST', '/api/records', {
          warehouse, template: 'CAR', date: '2026-02-01',
          lines: [{ item: 'A', quantity: '10', unitCost: '5' }, { item: 'B', quantity: '10', unitCost: '2' }],
        });
        expectStatus(r, 201);
        if (warehouse === 'MAIN') manual = r.body.id;
      }
    });
    afterAll(async () => api.close());

    it('takes freeze on POST and PUT /api/inventories and shows it (default off)', async () => {
      const plain = await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1' }, as);
      expectStatus(plain, 201);
      expect(plain.body.freeze).toBe(false);
      const r = await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1', freeze: true, description: 'anual' }, as);
      expectStatus(r, 201);
      inv = r.body;
      expect(inv).toMatchObject({ year: 2026, number: 2, freeze: true, reversedAt: null, reversedBy: null });
      const off = await api.call('PUT', `/api/inventories/${inv.id}`, { freeze: false }, as);
      expect(off.body.freeze).toBe(false);
      const on = await api.call('PUT', `/api/inventories/${inv.id}`, { ...off.body, freeze: true }, as);
      expectStatus(on, 200);
      expect(on.body.freeze).toBe(true);
      expect((await api.call('GET', `/api/inventories/${inv.id}`, undefined, as)).body.freeze).toBe(true);
      await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('PUT', `/api/inventories/${inv.id}`, { freeze: 'yes' }, as));
      const l = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, as);
      expectStatus(l, 201);
      list = l.body.id;
    });

    it('does not freeze before the first counted line', async () => {
      expectStatus(await sale('MAIN'), 201);
      expect(await stockOf('MAIN', 'A')).toEqual(['9.000']);
    });

    it('refuses a sale of a counted key once counting started, naming the inventory in the user language', async () => {
      expectStatus(await api.call('POST', `/api/lists/${list}/lines`, { item: 'A', quantity: '9' }, { as: 'counter' }), 201);
      const en = await refused(api, 409, 'INV_ERR_WAREHOUSE_FROZEN', () => sale('MAIN'));
      expect(en.body.detail).toContain('2026/2');
      expect(en.body.detail).toContain('MAIN');
      expect(en.body.detail).toContain('frozen');
      const ro = await refused(api, 409, 'INV_ERR_WAREHOUSE_FROZEN', () => sale('MAIN', 'A', '1', 'ro'));
      expect(ro.body.detail).toContain('2026/2');
      expect(ro.body.detail).toContain('înghețată');
      // a key of the counted warehouse nobody counted yet is frozen too (the warehouse is being counted)
      await refused(api, 409, 'INV_ERR_WAREHOUSE_FROZEN', () => sale('MAIN', 'B'));
      expect(await stockOf('MAIN', 'A')).toEqual(['9.000']);
    });

    it('allows a sale in a warehouse the inventory does not count', async () => {
      expectStatus(await sale('SHOP'), 201);
      expect(await stockOf('SHOP', 'A')).toEqual(['9.000']);
    });

    it('refuses edits and deletes of records of the frozen warehouse, imports and transfers out of it', async () => {
      const before = (await api.call('GET', `/api/records/${manual}`)).body;
      await refused(api, 409, 'INV_ERR_WAREHOUSE_FROZEN', () => api.call('PUT', `/api/records/${manual}`, before, as));
      await refused(api, 409, 'INV_ERR_WAREHOUSE_FROZEN', () => api.call('DELETE', `/api/records/${manual}`, undefined, as));
      await refused(api, 409, 'INV_ERR_WAREHOUSE_FROZEN', () => api.call('POST', '/api/import/records', `${IMPORT_HEADER}1,MAIN,CAR,2026-03-10,A,1,5,\n`));
      await refused(api, 409, 'INV_ERR_WAREHOUSE_FROZEN', () =>
        api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'TRF', date: '2026-03-10', lines: [{ item: 'A', quantity: '1' }] }),
      );
      // an import into another warehouse goes through
      expectStatus(await api.call('POST', '/api/import/records', `${IMPORT_HEADER}1,SHOP,CAR,2026-03-10,A,1,5,\n`), 201);
    });

    it('an inventory without freeze counting the same warehouse freezes nothing', async () => {
      await api.call('PUT', `/api/inventories/${inv.id}`, { freeze: false }, as);
      const r = await sale('MAIN');
      expectStatus(r, 201);
      expectStatus(await api.call('DELETE', `/api/records/${r.body.id}`, undefined, as), 204);
      await api.call('PUT', `/api/inventories/${inv.id}`, { freeze: true }, as);
      await refused(api, 409, 'INV_ERR_WAREHOUSE_FROZEN', () => sale('MAIN'));
    });

    it('posts its own differences, then allows records again; a reversal freezes again, passing itself', async () => {
      // A: book 9 at 2026-03-10, counted 9: no difference; count B 12 for a surplus of 2
      expectStatus(await api.call('POST', `/api/lists/${list}/lines`, { item: 'B', quantity: '12' }, { as: 'counter' }), 201);
      const posted = await api.call('POST', `/api/inventories/${inv.id}/differences`, { processingDate: '2026-03-10', postingDate: '2026-03-10' }, as);
      expectStatus(posted, 201);
      expect(posted.body.records.map((r: any) => [r.template, r.lines.map((l: any) => [l.item, l.quantity])])).toEqual([['PLU', [['B', '2.000']]]]);
      expectStatus(await sale('MAIN'), 201);
      expect(await stockOf('MAIN', 'A')).toEqual(['8.000']);
      const reversed = await api.call('POST', `/api/inventories/${inv.id}/reverse`, { date: '2026-03-10' }, as);
      expectStatus(reversed, 201);
      expect(reversed.body.records.map((r: any) => [r.template, r.origin])).toEqual([['MIN', 'reversal']]);
      expect(await stockOf('MAIN', 'B')).toEqual(['10.000']);
      await refused(api, 409, 'INV_ERR_WAREHOUSE_FROZEN', () => sale('MAIN'));
    });

    it('closing the inventory by hand lifts the freeze', async () => {
      expectStatus(await api.call('PUT', `/api/inventories/${inv.id}`, { closed: true }, as), 200);
      expectStatus(await sale('MAIN'), 201);
      expect(await stockOf('MAIN', 'A')).toEqual(['7.000']);
    });
  });
}

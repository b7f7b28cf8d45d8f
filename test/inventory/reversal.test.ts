/**
 * Issue 16 point 4 (SPEC §11): reversing a posted inventory. One transaction
 * posts the opposite records (origin 'reversal', the warehouse's other stock
 * difference template, the same keys, quantities and unit costs), reopens
 * the inventory and audits it; book stock and the valued inventory come back
 * exactly. Refused when not posted, when dated before the posting, when a
 * closing covers the posted records, when the records were changed, and when
 * it would take stock negative; the inventory can be posted again after it.
 *
 * Figures by hand: MAIN holds A 10 @ 5.00 + 10 @ 6.00 (average 5.50) and
 * B 4 @ 3.00. Counted A 18, B 6: shortage A 2 @ 5.50 = 11.00 (MIN), surplus
 * B 2 @ 3.00 = 6.00 (PLU). Valued (average): before 20 × 5.50 + 4 × 3.00 =
 * 122.00; after posting 18 × 5.50 + 6 × 3.00 = 117.00.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, refused, seedInventoryFixture } from './support.ts';

for (const dialect of dialects) {
  describe(`reversal of a posted inventory [${dialect}]`, () => {
    let api: TestApi;
    let inv: any;
    let firstPost: any;
    const as = { as: 'supervisor' as const };
    const post = (postingDate: string) =>
      api.call('POST', `/api/inventories/${inv.id}/differences`, { processingDate: '2026-03-10', postingDate }, as);
    const reverse = (date: string, lang: 'en' | 'ro' = 'en') => api.call('POST', `/api/inventories/${inv.id}/reverse`, { date }, { ...as, lang });

    /** Every key's quantity (all dimensions, both warehouses) and the valued inventory (average) at the year's end. */
    async function digest() {
      const stock = await api.call('GET', '/api/stock?date=2026-12-31&by=variant,location,lot,serial,jobOrder,account');
      expectStatus(stock, 200);
      const valued = await api.call('GET', '/api/reports/valued-inventory?date=2026-12-31&method=average&groupBy=warehouse');
      expectStatus(valued, 200);
      return {
        stock: stock.body.rows.map((r: any) => [r.warehouse, r.item, r.location, r.lot, r.quantity]),
        valued: valued.body.rows.map((r: any) => [r.warehouse, r.item, r.quantity, r.unitCost, r.value]),
        totals: valued.body.totals,
      };
    }
    const BEFORE = {
      stock: [
        ['MAIN', 'A', '', '', '20.000'],
        ['MAIN', 'B', '', '', '4.000'],
      ],
      valued: [
        ['MAIN', 'A', '20.000', '5.50000', '110.00'],
        ['MAIN', 'B', '4.000', '3.00000', '12.00'],
      ],
      totals: { quantity: '24.000', value: '122.00' },
    };
    const POSTED = {
      stock: [
        ['MAIN', 'A', '', '', '18.000'],
        ['MAIN', 'B', '', '', '6.000'],
      ],
      valued: [
        ['MAIN', 'A', '18.000', '5.50000', '99.00'],
        ['MAIN', 'B', '6.000', '3.00000', '18.00'],
      ],
      totals: { quantity: '24.000', value: '117.00' },
    };

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      for (const [date, lines] of [
        ['2026-02-01', [{ item: 'A', quantity: '10', unitCost: '5' }, { item: 'B', quantity: '4', unitCost: '3' }]],
        ['2026-02-02', [{ item: 'A', quantity: '10', unitCost: '6' }]],
      ] as const) {
        expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date, lines }), 201);
      }
      inv = (await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1' }, as)).body;
      const l = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, as);
      expectStatus(l, 201);
      for (const [item, quantity] of [['A', '18'], ['B', '6']]) expectStatus(await api.call('POST', `/api/lists/${l.body.id}/lines`, { item, quantity }, as), 201);
    });
    afterAll(async () => api.close());

    it('refuses an inventory that is not posted (409), an unknown one (404), a missing or malformed date (400)', async () => {
      expect(await digest()).toEqual(BEFORE);
      const r = await refused(api, 409, 'INV_ERR_INVENTORY_NOT_POSTED', () => reverse('2026-03-11', 'ro'));
      expect(r.body.detail).toContain('2026/1');
      await refused(api, 404, 'INV_ERR_NOT_FOUND', () => api.call('POST', '/api/inventories/9999/reverse', { date: '2026-03-11' }, as));
      await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('POST', `/api/inventories/${inv.id}/reverse`, {}, as));
      const bad = await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('POST', `/api/inventories/${inv.id}/reverse`, { date: '2026-02-30' }, as));
      expect(bad.body.errors[0].path).toBe('/date');
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('POST', `/api/inventories/${inv.id}/reverse`, { date: '2026-03-11' }, { as: 'viewer' }));
    });

    it('posts the differences (hand-computed)', async () => {
      firstPost = await post('2026-03-10');
      expectStatus(firstPost, 201);
      expect(firstPost.body.records.map((r: any) => [r.template, r.origin, r.lines.map((l: any) => [l.item, l.quantity, l.unitCost, l.amount])])).toEqual([
        ['PLU', 'inventory', [['B', '2.000', '3.00000', '6.00']]],
        ['MIN', 'inventory', [['A', '-2.000', '5.50000', '-11.00']]],
      ]);
      expect(await digest()).toEqual(POSTED);
    });

    it('refuses a reversal dated before the posting (409), or outside the open period (409)', async () => {
      const r = await refused(api, 409, 'INV_ERR_REVERSAL_DATE', () => reverse('2026-03-09'));
      expect(r.body.detail).toContain('2026-03-10');
      await refused(api, 409, 'INV_ERR_NO_YEAR_PARAMS', () => reverse('2027-01-05'));
    });

    it('refuses a reversal that would take stock negative in a warehouse that forbids it (422)', async () => {
      // B: 6 after the surplus; selling 5 leaves 1, so taking the surplus of 2 back would leave -1
      const sale = await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'VAN', date: '2026-03-10', lines: [{ item: 'B', quantity: '5' }] });
      expectStatus(sale, 201);
      await refused(api, 422, 'INV_ERR_NEGATIVE_STOCK', () => reverse('2026-03-10'));
      expectStatus(await api.call('DELETE', `/api/records/${sale.body.id}`), 204);
    });

    it('reverses: opposite records with the same unit costs, the inventory open again, book stock and value as before posting', async () => {
      // dated like the posting: book stock at the inventory's stock date is the counted-against book again
      const r = await reverse('2026-03-10');
      expectStatus(r, 201);
      expect(r.body).toMatchObject({ inventoryId: inv.id, inventory: '2026/1', date: '2026-03-10', reversed: firstPost.body.records.map((x: any) => x.id) });
      expect(
        r.body.records.map((x: any) => [x.warehouse, x.template, x.date, x.origin, x.inventoryId, x.internalDocument, x.lines.map((l: any) => [l.item, l.quantity, l.unitCost, l.amount])]),
      ).toEqual([
        // the surplus record (PLU) is cancelled by the shortage template, the shortage (MIN) by the surplus one
        ['MAIN', 'MIN', '2026-03-10', 'reversal', inv.id, 'INV 2026/1', [['B', '-2.000', '3.00000', '-6.00']]],
        ['MAIN', 'PLU', '2026-03-10', 'reversal', inv.id, 'INV 2026/1', [['A', '2.000', '5.50000', '11.00']]],
      ]);
      const [plu, min] = firstPost.body.records;
      expect(r.body.records[0].referenceDocument).toBe(`PLU 2026-03-10 ${plu.number}`);
      expect(r.body.records[1].referenceDocument).toBe(`MIN 2026-03-10 ${min.number}`);
      expect(await digest()).toEqual(BEFORE);
      const view = (await api.call('GET', `/api/inventories/${inv.id}`, undefined, as)).body;
      expect(view).toMatchObject({ closed: false, postedAt: null, reversedBy: 'supervisor' });
      expect(view.reversedAt).toEqual(expect.any(String));
      // the records of origin reversal are listed as such
      const listed = await api.call('GET', '/api/records?origin=reversal');
      expect(listed.body.items.map((x: any) => x.id).sort()).toEqual(r.body.records.map((x: any) => x.id).sort());
    });

    it('audits the reversal: the inventory (reverse) and each reversal record (create)', async () => {
      const inventoryAudit = await api.call('GET', `/api/audit?entity=inventory&key=${inv.id}`);
      const reverseRow = inventoryAudit.body.items.find((a: any) => a.action === 'reverse');
      expect(reverseRow).toMatchObject({ user: 'supervisor', before: { closed: true, records: firstPost.body.records.map((x: any) => x.id) } });
      expect(reverseRow.after).toMatchObject({ closed: false, postedAt: null, date: '2026-03-10' });
      expect(reverseRow.after.records).toHaveLength(2);
      for (const id of reverseRow.after.records) {
        const rows = (await api.call('GET', `/api/audit?entity=record&key=${id}`)).body.items;
        expect(rows.map((a: any) => [a.action, a.user, a.after.origin])).toEqual([['create', 'supervisor', 'reversal']]);
      }
    });

    it('refuses a second reversal (nothing posted any more)', async () => {
      await refused(api, 409, 'INV_ERR_INVENTORY_NOT_POSTED', () => reverse('2026-03-12'));
    });

    let secondPost: any;
    it('posts again after the reversal (the same differences), then refuses a third post', async () => {
      secondPost = await post('2026-03-12');
      expectStatus(secondPost, 201);
      expect(secondPost.body.records.map((r: any) => [r.template, r.date, r.lines.map((l: any) => [l.item, l.quantity, l.unitCost, l.amount])])).toEqual([
        ['PLU', '2026-03-12', [['B', '2.000', '3.00000', '6.00']]],
        ['MIN', '2026-03-12', [['A', '-2.000', '5.50000', '-11.00']]],
      ]);
      expect(await digest()).toEqual(POSTED);
      await refused(api, 409, 'INV_ERR_INVENTORY_POSTED', () => post('2026-03-12'));
    });

    it('refuses to reverse records changed since the posting (409)', async () => {
      const [plu] = secondPost.body.records;
      const db = api.store.db;
      const line = await db.selectFrom('movements').selectAll().where('record_id', '=', plu.id).executeTakeFirstOrThrow();
      await db.deleteFrom('movements').where('id', '=', line.id).execute();
      try {
        const r = await refused(api, 409, 'INV_ERR_REVERSAL_RECORDS_CHANGED', () => reverse('2026-03-13'));
        expect(r.body.detail).toContain(`#${plu.id}`);
      } finally {
        await db.insertInto('movements').values(line).execute();
      }
    });

    it('reverses only the records of the latest posting', async () => {
      const r = await reverse('2026-03-13');
      expectStatus(r, 201);
      expect(r.body.reversed).toEqual(secondPost.body.records.map((x: any) => x.id));
      expect(r.body.records.map((x: any) => [x.template, x.date])).toEqual([
        ['MIN', '2026-03-13'],
        ['PLU', '2026-03-13'],
      ]);
      expect(await digest()).toEqual(BEFORE);
      expectStatus(await post('2026-03-14'), 201);
    });

    it('two simultaneous reversals: exactly one succeeds, the records are cancelled once', async () => {
      const [x, y] = await Promise.all([0, 1].map(() => reverse('2026-03-14')));
      expect([x.status, y.status].sort()).toEqual([201, 409]);
      expect([x.body.code, y.body.code]).toContain('INV_ERR_INVENTORY_NOT_POSTED');
      expect(await digest()).toEqual(BEFORE);
      const reversals = await api.call('GET', '/api/records?origin=reversal&from=2026-03-14&to=2026-03-14');
      expect(reversals.body.total).toBe(2);
      expectStatus(await post('2026-03-14'), 201);
    });

    it('reverses a posting that wrote no records: nothing to cancel, the inventory reopened', async () => {
      const other = (await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E2' }, as)).body;
      const l = await api.call('POST', `/api/inventories/${other.id}/lists`, { listType: 'STD', employee: 'E2', warehouse: 'SHOP' }, as);
      // SHOP holds nothing: counting 0 of A is no difference
      expectStatus(await api.call('POST', `/api/lists/${l.body.id}/lines`, { item: 'A', quantity: '0' }, as), 201);
      const posted = await api.call('POST', `/api/inventories/${other.id}/differences`, { postingDate: '2026-03-15' }, as);
      expectStatus(posted, 201);
      expect(posted.body.records).toEqual([]);
      const r = await api.call('POST', `/api/inventories/${other.id}/reverse`, { date: '2026-03-15' }, as);
      expectStatus(r, 201);
      expect(r.body).toMatchObject({ inventory: '2026/2', reversed: [], records: [] });
      expect((await api.call('GET', `/api/inventories/${other.id}`, undefined, as)).body).toMatchObject({ closed: false, postedAt: null });
    });

    it('refuses a reversal once a closing covers the posted records (409), in the user language', async () => {
      await api.store.db.updateTable('year_params').set({ last_closing_date: '2026-03-20' }).where('year', '=', 2026).execute();
      const r = await refused(api, 409, 'INV_ERR_PERIOD_CLOSED', () => reverse('2026-04-01', 'ro'));
      // a Romanian message reads its dates as Romanians write them (SPEC §14)
      expect(r.body.detail).toContain('14.03.2026');
      expect(r.body.detail).toContain('ultima închidere');
      expect((await api.call('GET', `/api/inventories/${inv.id}`, undefined, as)).body).toMatchObject({ closed: true });
    });
  });
}

/**
 * Cycle counting over HTTP (SPEC §11, API.md "Count control"): ABC classes of
 * a small ledger, keys due for count, and the list created from them. Every
 * expected figure is written by hand.
 */
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cycleCountCommands } from '../../src/cli/cycle-count.ts';
import { InventarError } from '../../src/core/errors.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture, type Fixture } from '../helpers/fixtures.ts';
import { expectStatus, refused, seedInventoryFixture } from './support.ts';

const ITEMS = ['I01', 'I02', 'I03', 'I04', 'I05', 'I06', 'I07', 'I08', 'I09', 'I10', 'Z'];

for (const dialect of dialects) {
  describe(`cycle counting [${dialect}]`, () => {
    let api: TestApi;
    let fx: Fixture;

    async function record(warehouse: string, template: string, date: string, lines: object[]) {
      const r = await api.call('POST', '/api/records', { warehouse, template, date, lines });
      expectStatus(r, 201);
      return r.body;
    }
    /** an inventory of SHOP at a date counting keys at their book stock; posted (zero differences) unless told */
    async function countedInventory(date: string, keys: { item: string; location: string; quantity: string }[], post = true) {
      const inv = await api.call('POST', '/api/inventories', { date, operator: 'E1' }, { as: 'supervisor' });
      expectStatus(inv, 201);
      const list = await api.call('POST', `/api/inventories/${inv.body.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'SHOP' }, { as: 'supervisor' });
      expectStatus(list, 201);
      for (const k of keys) expectStatus(await api.call('POST', `/api/lists/${list.body.id}/lines`, k, { as: 'supervisor' }), 201);
      if (post) {
        const posted = await api.call('POST', `/api/inventories/${inv.body.id}/differences`, { postingDate: date }, { as: 'supervisor' });
        expectStatus(posted, 201);
        expect(posted.body.records).toEqual([]);
      }
      return inv.body.id as number;
    }

    beforeAll(async () => {
      api = await openTestApi(dialect);
      fx = await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      const db = api.store.db;
      for (const code of ITEMS) await db.insertInto('items').values({ code, description: `Articol ${code}`, uom: 'buc' }).execute();
      await db.insertInto('locations').values([
        { warehouse_id: fx.warehouses.SHOP, code: 'R2', description: 'R2' },
        { warehouse_id: fx.warehouses.SHOP, code: 'R3', description: 'R3' },
      ]).execute();

      // MAIN: 100 of each at 1.00 on 2026-01-01, and NF (not of fiscal interest)
      await record('MAIN', 'CAR', '2026-01-01', [...ITEMS.map((item) => ({ item, quantity: '100', unitCost: '1' })), { item: 'NF', quantity: '10', unitCost: '1' }]);
      // outgoing on the first day of 2026: in the 12 months to 2026-12-31, not in those to 2027-01-01
      await record('MAIN', 'VAN', '2026-01-01', [{ item: 'I10', quantity: '1', unitCost: '5000' }]);
      // consumption and sales over the year: 1 unit each, value = unit cost; total 1000.00
      const sales: [string, string][] = [
        ['I01', '300'], ['I02', '250'], ['I03', '150'], ['I04', '100'], ['I05', '80'],
        ['I06', '50'], ['I07', '30'], ['I08', '20'], ['I09', '15'], ['I10', '5'],
      ];
      await record('MAIN', 'VAN', '2026-06-01', sales.slice(0, 5).map(([item, unitCost]) => ({ item, quantity: '1', unitCost })));
      await record('MAIN', 'VST', '2026-07-01', sales.slice(5).map(([item, unitCost]) => ({ item, quantity: '1', unitCost })));
      // not outgoing value: a transfer to SHOP, an item not of fiscal interest, a stock difference (physical inventory template)
      await record('MAIN', 'TRF', '2026-08-01', [{ item: 'I09', quantity: '1', unitCost: '9000' }]);
      await record('MAIN', 'VAN', '2026-08-01', [{ item: 'NF', quantity: '1', unitCost: '9000' }]);
      await record('MAIN', 'MIN', '2026-08-01', [{ item: 'I08', quantity: '1', unitCost: '9000' }]);

      // SHOP: I01 and I02 on R1, R2; I03 on R1, R3; I01 on R3 (the I09 transfer landed on R1 too)
      await record('SHOP', 'CAR', '2026-01-05', [
        { item: 'I01', quantity: '10', unitCost: '1', location: 'R1' },
        { item: 'I01', quantity: '10', unitCost: '1', location: 'R2' },
        { item: 'I01', quantity: '10', unitCost: '1', location: 'R3' },
        { item: 'I02', quantity: '10', unitCost: '1', location: 'R1' },
        { item: 'I02', quantity: '10', unitCost: '1', location: 'R2' },
        { item: 'I03', quantity: '10', unitCost: '1', location: 'R1' },
        { item: 'I03', quantity: '10', unitCost: '1', location: 'R3' },
      ]);
      // SHOP outgoing: I01 900.00 (A), I02 100.00 (B: before it 900 of 1000 < 95 %), I03 and I09 nothing (C)
      await record('SHOP', 'VAN', '2026-03-01', [
        { item: 'I01', quantity: '1', unitCost: '900', location: 'R1' },
        { item: 'I02', quantity: '1', unitCost: '100', location: 'R1' },
      ]);
      // counts of SHOP (the due date below is 2026-12-31)
      await countedInventory('2026-02-01', [{ item: 'I03', location: 'R1', quantity: '10' }]); // C, 333 days before: not due
      await countedInventory('2026-09-01', [{ item: 'I02', location: 'R2', quantity: '10' }], false); // never posted: does not count
      await countedInventory('2026-11-21', [
        { item: 'I01', location: 'R1', quantity: '9' }, // A, 40 days before: due since 2026-12-21
        { item: 'I02', location: 'R1', quantity: '9' }, // B, 40 days before: not due (91 days)
      ]);
      await countedInventory('2026-12-01', [{ item: 'I09', location: 'R1', quantity: '1' }]); // C, 30 days before: not due
      await countedInventory('2026-12-11', [{ item: 'I01', location: 'R2', quantity: '10' }]); // A, 20 days before: not due
    });
    afterAll(async () => api.close());

    it('describes the routes in the OpenAPI document', async () => {
      const doc = (await api.call('GET', '/api/openapi.json', undefined, { as: null })).body;
      expect(doc.paths['/api/cycle-count/classes']).toHaveProperty('get');
      expect(doc.paths['/api/cycle-count/due']).toHaveProperty('get');
      expect(doc.paths['/api/cycle-count/due']).toHaveProperty('post');
    });

    it('classes MAIN 80 / 15 / 5 over the 12 months to 2027-01-01 (the 2026-01-01 sale is outside)', async () => {
      const r = await api.call('GET', '/api/cycle-count/classes?warehouse=MAIN&date=2027-01-01', undefined, { as: 'viewer' });
      expectStatus(r, 200);
      expect(r.body.items.map((i: any) => [i.item, i.class, i.outgoingValue])).toEqual([
        ['I01', 'A', '300.00'],
        ['I02', 'A', '250.00'],
        ['I03', 'A', '150.00'],
        ['I04', 'A', '100.00'], // reaches exactly 80 %
        ['I05', 'B', '80.00'],
        ['I06', 'B', '50.00'],
        ['I07', 'B', '30.00'], // crosses 95 %
        ['I08', 'C', '20.00'],
        ['I09', 'C', '15.00'],
        ['I10', 'C', '5.00'],
        ['NF', 'C', '0.00'],
        ['Z', 'C', '0.00'],
      ]);
      expect(r.body.items[0]).toEqual({ warehouse: 'MAIN', item: 'I01', description: 'Articol I01', class: 'A', outgoingValue: '300.00' });
      expect(r.body.total).toBe(12);
    });

    it('classes MAIN at 2026-12-31: the 5000.00 sale of I10 on 2026-01-01 is inside and makes it the only A', async () => {
      // total 6005.00: I10 5005 (A); I01 before 5005 = 83.3 % (B); I02 before 5305 (B); I03 before 5555 = 92.5 % (B); I04 before 5705 = 95.004 % (C)
      const r = await api.call('GET', '/api/cycle-count/classes?warehouse=MAIN&date=2026-12-31&class=B');
      expectStatus(r, 200);
      expect(r.body.items.map((i: any) => [i.item, i.class, i.outgoingValue])).toEqual([
        ['I01', 'B', '300.00'],
        ['I02', 'B', '250.00'],
        ['I03', 'B', '150.00'],
      ]);
      const a = await api.call('GET', '/api/cycle-count/classes?warehouse=MAIN&date=2026-12-31&class=A');
      expect(a.body.items.map((i: any) => [i.item, i.outgoingValue])).toEqual([['I10', '5005.00']]);
    });

    it('classes every warehouse when none is named', async () => {
      const r = await api.call('GET', '/api/cycle-count/classes?date=2026-12-31');
      expectStatus(r, 200);
      const shop = r.body.items.filter((i: any) => i.warehouse === 'SHOP').map((i: any) => [i.item, i.class, i.outgoingValue]);
      expect(shop).toEqual([
        ['I01', 'A', '900.00'],
        ['I02', 'B', '100.00'],
        ['I03', 'C', '0.00'],
        ['I09', 'C', '0.00'],
      ]);
      expect(r.body.items.filter((i: any) => i.warehouse === 'MAIN')).toHaveLength(12);
    });

    it('lists the keys due for count at 2026-12-31 (A every 30 days, B 91, C 365)', async () => {
      const r = await api.call('GET', '/api/cycle-count/due?warehouse=SHOP&date=2026-12-31', undefined, { as: 'viewer' });
      expectStatus(r, 200);
      expect(r.body.items.map((k: any) => [k.item, k.location, k.class, k.lastCounted, k.dueSince])).toEqual([
        ['I01', 'R1', 'A', '2026-11-21', '2026-12-21'], // counted 40 days before
        ['I02', 'R2', 'B', null, '2026-12-31'], // only counted in an inventory never posted
        ['I01', 'R3', 'A', null, '2026-12-31'], // never counted
        ['I03', 'R3', 'C', null, '2026-12-31'],
      ]);
      expect(r.body.total).toBe(4);
      expect(r.body.items[0]).toEqual({
        warehouse: 'SHOP', item: 'I01', description: 'Articol I01', variant: '', lot: '', location: 'R1', class: 'A', lastCounted: '2026-11-21', dueSince: '2026-12-21',
      });
      // a day before the A interval ends for the 2026-11-21 count: 2026-12-20 is 29 days after
      const earlier = await api.call('GET', '/api/cycle-count/due?warehouse=SHOP&date=2026-12-20&class=A');
      expect(earlier.body.items.map((k: any) => `${k.item}@${k.location}`)).toEqual(['I01@R3']);
      // 2026-12-21: exactly 30 days
      const exact = await api.call('GET', '/api/cycle-count/due?warehouse=SHOP&date=2026-12-21&class=A');
      expect(exact.body.items.map((k: any) => `${k.item}@${k.location}`)).toEqual(['I01@R1', 'I01@R3']);
    });

    it('filters by class and by location range (inclusive)', async () => {
      const due = (query: string) => api.call('GET', `/api/cycle-count/due?warehouse=SHOP&date=2026-12-31&${query}`).then((r) => r.body.items.map((k: any) => `${k.item}@${k.location}`));
      expect(await due('class=A')).toEqual(['I01@R1', 'I01@R3']);
      expect(await due('class=B')).toEqual(['I02@R2']);
      expect(await due('class=C')).toEqual(['I03@R3']);
      expect(await due('locationFrom=R2&locationTo=R2')).toEqual(['I02@R2']);
      expect(await due('locationFrom=R2')).toEqual(['I02@R2', 'I01@R3', 'I03@R3']);
      expect(await due('locationTo=R1')).toEqual(['I01@R1']);
      expect(await due('locationFrom=R3&class=A')).toEqual(['I01@R3']);
      expect(await due('locationFrom=R4')).toEqual([]);
      expect(await due('limit=1&offset=1')).toEqual(['I02@R2']);
    });

    it('reads counts per year from count_control_classes (B 12 a year: the 40-day-old count is due)', async () => {
      await api.store.db.insertInto('count_control_classes').values({ warehouse_id: fx.warehouses.SHOP, class: 'B', counts_per_year: 12 }).execute();
      try {
        const r = await api.call('GET', '/api/cycle-count/due?warehouse=SHOP&date=2026-12-31&class=B');
        expect(r.body.items.map((k: any) => [k.item, k.location, k.lastCounted, k.dueSince])).toEqual([
          ['I02', 'R1', '2026-11-21', '2026-12-21'],
          ['I02', 'R2', null, '2026-12-31'],
        ]);
        // C counted 0 times a year: never due
        await api.store.db.insertInto('count_control_classes').values({ warehouse_id: fx.warehouses.SHOP, class: 'C', counts_per_year: 0 }).execute();
        const c = await api.call('GET', '/api/cycle-count/due?warehouse=SHOP&date=2026-12-31&class=C');
        expect(c.body.items).toEqual([]);
      } finally {
        await api.store.db.deleteFrom('count_control_classes').execute();
      }
    });

    it('refuses bad queries with coded 4xx in the user language', async () => {
      await refused(api, 404, 'INV_ERR_NOT_FOUND', () => api.call('GET', '/api/cycle-count/due?warehouse=NOPE'));
      await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('GET', '/api/cycle-count/classes?warehouse=SHOP&date=2026-02-30'));
      const bad = await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('GET', '/api/cycle-count/due?warehouse=SHOP&class=D', undefined, { lang: 'ro' }));
      expect(bad.body.errors[0].path).toContain('class');
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('GET', '/api/cycle-count/classes?warehouse=SHOP', undefined, { as: 'counter' }));
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('GET', '/api/cycle-count/due?warehouse=SHOP', undefined, { as: 'counter' }));
    });

    it('creates a list of the due keys on an open inventory: lines not counted, quantity 0, the book snapshot', async () => {
      const inv = await api.call('POST', '/api/inventories', { date: '2026-12-31', operator: 'E1' }, { as: 'supervisor' });
      const body = { warehouse: 'SHOP', inventory: inv.body.id, employee: 'E2', listType: 'ORB' };
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('POST', '/api/cycle-count/due', body, { as: 'viewer' }));
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('POST', '/api/cycle-count/due', body, { as: 'counter' }));
      await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('POST', '/api/cycle-count/due', { ...body, employee: undefined }));
      await refused(api, 404, 'INV_ERR_NOT_FOUND', () => api.call('POST', '/api/cycle-count/due', { ...body, listType: 'NOPE' }));
      await refused(api, 404, 'INV_ERR_NOT_FOUND', () => api.call('POST', '/api/cycle-count/due', { ...body, inventory: 999999 }));
      const none = await refused(api, 409, 'INV_ERR_NOTHING_DUE', () => api.call('POST', '/api/cycle-count/due', { ...body, locationFrom: 'R9' }, { lang: 'ro' }));
      expect(none.body.detail).toContain('SHOP');

      // the inventory's date (2026-12-31) is the default due date
      const r = await api.call('POST', '/api/cycle-count/due', { ...body, class: 'A' }, { as: 'supervisor' });
      expectStatus(r, 201);
      expect(r.body).toMatchObject({ inventoryId: inv.body.id, warehouse: 'SHOP', employee: 'E2', listType: 'ORB', blindCount: true, lines: 2 });
      expect(r.body.keys.map((k: any) => [k.item, k.location, k.class, k.lastCounted, k.dueSince, k.bookQuantity])).toEqual([
        ['I01', 'R1', 'A', '2026-11-21', '2026-12-21', '9.000'], // 10 in, 1 sold
        ['I01', 'R3', 'A', null, '2026-12-31', '10.000'],
      ]);
      const lines = await api.store.db
        .selectFrom('inventory_lines')
        .select(['item_id', 'variant', 'lot', 'serial', 'location', 'job_order', 'account', 'uom', 'book_quantity', 'counted_quantity', 'counted'])
        .where('list_id', '=', r.body.id)
        .orderBy('location')
        .execute();
      const I01 = (await api.store.db.selectFrom('items').select('id').where('code', '=', 'I01').executeTakeFirstOrThrow()).id;
      const blank = { variant: '', lot: '', serial: '', job_order: '', account: '', uom: 'buc', counted_quantity: 0n, counted: 0 };
      expect(lines).toEqual([
        { item_id: I01, location: 'R1', book_quantity: 9000n, ...blank },
        { item_id: I01, location: 'R3', book_quantity: 10000n, ...blank },
      ]);
      // audited: the list and each line
      const trail = await api.store.db.selectFrom('audit_log').select(['entity', 'action']).where('username', '=', 'supervisor').where('entity', 'in', ['list', 'inventoryLine']).where('at', '>=', r.body.createdAt).execute();
      expect(trail.filter((t) => t.entity === 'list' && t.action === 'create')).toHaveLength(1);
      expect(trail.filter((t) => t.entity === 'inventoryLine' && t.action === 'create')).toHaveLength(2);

      // the pre-filled keys are no count yet: the due query still lists them (the inventory is not posted)
      const still = await api.call('GET', '/api/cycle-count/due?warehouse=SHOP&date=2026-12-31&class=A');
      expect(still.body.total).toBe(2);
    });

    it('runs the same services from the CLI: classes, due, create', async () => {
      const run = async (...args: string[]) => {
        const program = new Command().exitOverride();
        cycleCountCommands(program, async () => api.ctx);
        const out: string[] = [];
        const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
        try {
          await program.parseAsync(['node', 'inventar', 'cycle-count', ...args]);
        } finally {
          log.mockRestore();
        }
        return out.join('\n');
      };
      const classes = JSON.parse(await run('classes', '--warehouse', 'SHOP', '--date', '2026-12-31', '--json'));
      expect(classes.items.map((i: any) => `${i.item}:${i.class}`)).toEqual(['I01:A', 'I02:B', 'I03:C', 'I09:C']);
      expect(await run('classes', '--warehouse', 'SHOP', '--date', '2026-12-31', '--class', 'A')).toMatch(/SHOP\s+I01\s+Articol I01\s+A\s+900\.00/);
      const due = JSON.parse(await run('due', '--warehouse', 'SHOP', '--date', '2026-12-31', '--location-from', 'R3', '--json'));
      expect(due.items.map((k: any) => `${k.item}@${k.location}:${k.class}`)).toEqual(['I01@R3:A', 'I03@R3:C']);
      await expect(run('due', '--warehouse', 'SHOP', '--date', '2026-13-01')).rejects.toThrow(InventarError);
      await expect(run('due', '--warehouse', 'SHOP', '--class', 'X')).rejects.toMatchObject({ code: 'INV_ERR_VALIDATION' });
      const inv = await api.call('POST', '/api/inventories', { date: '2026-12-31', operator: 'E1' }, { as: 'supervisor' });
      const text = await run('create', '--warehouse', 'SHOP', '--inventory', String(inv.body.id), '--employee', 'E1', '--list-type', 'STD', '--class', 'C');
      expect(text).toMatch(/^list \d+ on inventory 2026\/\d+: 1 keys due/);
      expect(text).toMatch(/I03\s.*R3\s+C\s+2026-12-31\s+10\.000/);
    });

    it('refuses a list on a closed or posted inventory', async () => {
      const posted = await api.store.db.selectFrom('inventories').select('id').where('posted_at', 'is not', null).executeTakeFirstOrThrow();
      await refused(api, 409, 'INV_ERR_INVENTORY_POSTED', () =>
        api.call('POST', '/api/cycle-count/due', { warehouse: 'SHOP', inventory: posted.id, employee: 'E2', listType: 'STD' }),
      );
    });
  });
}

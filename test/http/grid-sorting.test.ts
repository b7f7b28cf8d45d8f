/**
 * Grids that scale (issue 15 point 5): the list routes sort, filter and page
 * on the server. Every page of a sorted list, read one after another, is
 * the independent sort (here, in the test) of every row read at once: the
 * order is global, not the order of one page. A sort field outside a route's
 * whitelist is a coded 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';

/** a money or quantity string as an exact scaled integer (fixed decimals per field) */
const scaled = (s: string) => BigInt(s.replace('.', ''));
const cmp = (a: bigint | string | number, b: bigint | string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** deterministic pseudo-random numbers (no Math.random: the figures repeat) */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

for (const dialect of dialects) {
  describe(`server-side sort, filter and paging of the grids [${dialect}]`, () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      const rnd = lcg(7);
      // 30 loads in two warehouses, 1–3 lines each; a few share a value (ties break on the id)
      for (let n = 0; n < 30; n++) {
        const warehouse = n % 3 === 0 ? 'SHOP' : 'MAIN';
        const lines = Array.from({ length: 1 + rnd(3) }, () => ({ item: ['A', 'B', 'NF'][rnd(3)], quantity: String(1 + rnd(20)), unitCost: `${rnd(50)}.${String(rnd(100)).padStart(2, '0')}` }));
        const same = n % 10 === 9 ? [{ item: 'A', quantity: '2', unitCost: '5' }] : lines;
        const r = await api.call('POST', '/api/records', { warehouse, template: 'CAR', date: `2026-02-${String(1 + rnd(27)).padStart(2, '0')}`, lines: same });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
      // an unload: a negative value sorts first
      const u = await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'VST', date: '2026-03-01', lines: [{ item: 'A', quantity: '1' }] });
      expect(u.status, JSON.stringify(u.body)).toBe(201);
    });
    afterAll(async () => api.close());

    async function pages(path: string, limit: number): Promise<any[]> {
      const out: any[] = [];
      for (let offset = 0; ; offset += limit) {
        const sep = path.includes('?') ? '&' : '?';
        const r = await api.call('GET', `${path}${sep}limit=${limit}&offset=${offset}`);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        out.push(...r.body.items);
        expect(r.body.total).toBeGreaterThanOrEqual(out.length);
        if (offset + limit >= r.body.total) {
          expect(out.length).toBe(r.body.total);
          return out;
        }
      }
    }

    const valueOf = (r: any) => r.lines.reduce((s: bigint, l: any) => s + scaled(l.amount), 0n);

    it('records sorted by value: the pages together are the global order (value, then id)', async () => {
      const all = (await api.call('GET', '/api/records?limit=1000')).body.items;
      expect(all.length).toBe(31);
      const model = [...all].sort((a, b) => cmp(valueOf(a), valueOf(b)) || a.id - b.id).map((r) => r.id);
      expect(valueOf(all.find((r: any) => r.id === model[0]))).toBeLessThan(0n);
      expect((await pages('/api/records?sort=value', 7)).map((r) => r.id)).toEqual(model);
      expect((await pages('/api/records?sort=-value', 4)).map((r) => r.id)).toEqual([...model].reverse());
    });

    it('records: filters then sort, by value, date, number and warehouse', async () => {
      const all = (await api.call('GET', '/api/records?limit=1000')).body.items as any[];
      const shop = all.filter((r) => r.warehouse === 'SHOP');
      expect(shop.length).toBe(10);
      expect((await pages('/api/records?warehouse=SHOP&sort=-value', 3)).map((r) => r.id)).toEqual(
        [...shop].sort((a, b) => cmp(valueOf(b), valueOf(a)) || b.id - a.id).map((r) => r.id),
      );
      const feb = all.filter((r) => r.date >= '2026-02-10' && r.date <= '2026-02-20');
      expect((await pages('/api/records?from=2026-02-10&to=2026-02-20&sort=date', 5)).map((r) => r.id)).toEqual(
        [...feb].sort((a, b) => cmp(a.date, b.date) || a.id - b.id).map((r) => r.id),
      );
      expect((await pages('/api/records?sort=-number', 6)).map((r) => r.id)).toEqual([...all].sort((a, b) => b.number - a.number || b.id - a.id).map((r) => r.id));
      expect((await pages('/api/records?sort=warehouse', 9)).map((r) => r.id)).toEqual([...all].sort((a, b) => cmp(a.warehouse, b.warehouse) || a.id - b.id).map((r) => r.id));
      // the default order is unchanged: newest date first
      expect(all.map((r) => r.id)).toEqual([...all].sort((a, b) => cmp(b.date, a.date) || b.id - a.id).map((r) => r.id));
    });

    it('a sort field outside the whitelist is a coded 400 naming the field, in the language asked', async () => {
      for (const url of ['/api/records?sort=notes', '/api/records?sort=--value', '/api/items?sort=salePrice', '/api/inventories?sort=operator', '/api/closings?sort=value', '/api/warehouse-history?sort=method']) {
        const r = await api.call('GET', url, undefined, { lang: 'ro' });
        expect(r.status, url).toBe(400);
        expect(r.body.code).toBe('INV_ERR_VALIDATION');
        expect(r.body.errors[0].path).toBe('/sort');
        expect(r.body.errors[0].message).toMatch(/Ordinea/);
      }
    });

    it('items: contains-search with sort by description, descending, across pages', async () => {
      for (let n = 0; n < 12; n++) {
        const r = await api.call('POST', '/api/items', { code: `P${String(n).padStart(2, '0')}`, description: `Pix ${'zyxwvutsrqpo'[n]} ${n % 4}`, uom: 'buc', fiscalInterest: true, lotManaged: false, serialManaged: false });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
      const all = (await api.call('GET', '/api/items?q=pix')).body.items as any[];
      expect(all.length).toBe(12);
      const model = [...all].sort((a, b) => cmp(b.description, a.description) || cmp(b.code, a.code)).map((i) => i.code);
      expect((await pages('/api/items?q=pix&sort=-description', 5)).map((i) => i.code)).toEqual(model);
      expect((await pages('/api/items?q=IX+z&sort=code', 5)).map((i) => i.code)).toEqual(['P00']);
    });

    it('inventories: sorted by date and by number across pages', async () => {
      for (const date of ['2026-05-03', '2026-04-01', '2026-06-30', '2026-04-01', '2026-01-15']) {
        const r = await api.call('POST', '/api/inventories', { date, operator: 'E1' });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
      const all = (await api.call('GET', '/api/inventories')).body.items as any[];
      expect(all.map((i) => i.number)).toEqual([5, 4, 3, 2, 1]);
      expect((await pages('/api/inventories?sort=date', 2)).map((i) => i.id)).toEqual([...all].sort((a, b) => cmp(a.date, b.date) || a.number - b.number).map((i) => i.id));
      expect((await pages('/api/inventories?sort=-date', 3)).map((i) => i.id)).toEqual([...all].sort((a, b) => cmp(b.date, a.date) || b.number - a.number).map((i) => i.id));
      // filters: date range, operator, text or number
      expect((await pages('/api/inventories?from=2026-04-01&to=2026-05-31&sort=date', 1)).map((i) => i.date)).toEqual(['2026-04-01', '2026-04-01', '2026-05-03']);
      const described = await api.call('PUT', `/api/inventories/${all[0].id}`, { description: 'Inventar anual 50%' });
      expect(described.status, JSON.stringify(described.body)).toBe(200);
      expect((await api.call('GET', '/api/inventories?q=ANUAL')).body.items.map((i: any) => i.id)).toEqual([all[0].id]);
      expect((await api.call('GET', '/api/inventories?q=0%25')).body.items.map((i: any) => i.id)).toEqual([all[0].id]);
      expect((await api.call('GET', '/api/inventories?q=2026/3')).body.items.map((i: any) => i.number)).toEqual([3]);
      expect((await api.call('GET', '/api/inventories?operator=E1')).body.total).toBe(5);
      expect((await api.call('GET', '/api/inventories?operator=E2')).body.total).toBe(0);
    });

    it('warehouse history: saved rows sorted by value and by item across pages', async () => {
      for (const date of ['2026-02-15', '2026-03-31']) {
        const r = await api.call('GET', `/api/reports/valued-inventory?date=${date}&groupBy=warehouse&historicize=true`);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
      const all = (await api.call('GET', '/api/warehouse-history?limit=1000')).body.items as any[];
      expect(all.length).toBeGreaterThan(4);
      // ties break on (date, run, item, warehouse) in the sort's direction
      const tie = (a: any, b: any) => cmp(a.date, b.date) || a.runId - b.runId || cmp(a.item, b.item) || cmp(a.warehouse ?? '', b.warehouse ?? '');
      expect((await pages('/api/warehouse-history?sort=value', 3)).map((r) => [r.runId, r.item, r.warehouse])).toEqual(
        [...all].sort((a, b) => cmp(scaled(a.value), scaled(b.value)) || tie(a, b)).map((r) => [r.runId, r.item, r.warehouse]),
      );
      expect((await pages('/api/warehouse-history?sort=-item&warehouse=MAIN', 2)).map((r) => [r.runId, r.item])).toEqual(
        all.filter((r) => r.warehouse === 'MAIN').sort((a, b) => cmp(b.item, a.item) || tie(b, a)).map((r) => [r.runId, r.item]),
      );
    });

    it('closing history: closings sorted by date either way', async () => {
      // a closing of a warehouse with stock needs its oddments template
      const shop = await api.store.db.selectFrom('warehouses').select('id').where('code', '=', 'SHOP').executeTakeFirstOrThrow();
      await api.store.db.insertInto('templates').values({ warehouse_id: shop.id, code: 'RES', description: 'Resturi', type: 'load', oddments: 1 }).execute();
      for (const closingDate of ['2026-01-31', '2026-02-28']) {
        const r = await api.call('POST', '/api/closings', { closingDate });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
      const asc = (await pages('/api/closings?sort=closingDate', 1)).map((c) => c.closingDate);
      expect(asc).toEqual(['2026-01-31', '2026-02-28']);
      expect((await pages('/api/closings?sort=-closingDate', 1)).map((c) => c.closingDate)).toEqual(['2026-02-28', '2026-01-31']);
    });

    it("closing history: a closing's rows sorted by value, quantity, warehouse and description across pages; ties on the row's key", async () => {
      const closing = (await api.call('GET', '/api/closings?sort=-closingDate&limit=1')).body.items[0];
      const path = `/api/closings/${closing.id}/rows`;
      const all = (await api.call('GET', `${path}?limit=1000`)).body.items as any[];
      expect(all.length).toBeGreaterThan(2);
      // the model: the key (item, warehouse with none as the empty code, row id) breaks ties, in the sort's direction
      const key = (a: any, b: any) => cmp(a.item, b.item) || cmp(a.warehouse ?? '', b.warehouse ?? '') || a.id - b.id;
      const ids = (rows: any[]) => rows.map((r) => r.id);
      expect(ids(all)).toEqual(ids([...all].sort(key)));
      expect(ids(await pages(`${path}?sort=value`, 2))).toEqual(ids([...all].sort((a, b) => cmp(scaled(a.value), scaled(b.value)) || key(a, b))));
      expect(ids(await pages(`${path}?sort=-value`, 2))).toEqual(ids([...all].sort((a, b) => cmp(scaled(b.value), scaled(a.value)) || key(b, a))));
      expect(ids(await pages(`${path}?sort=-quantity`, 1))).toEqual(ids([...all].sort((a, b) => cmp(scaled(b.quantity), scaled(a.quantity)) || key(b, a))));
      expect(ids(await pages(`${path}?sort=warehouse`, 2))).toEqual(ids([...all].sort((a, b) => cmp(a.warehouse ?? '', b.warehouse ?? '') || key(a, b))));
      expect(ids(await pages(`${path}?sort=-description`, 2))).toEqual(ids([...all].sort((a, b) => cmp(b.description, a.description) || key(b, a))));
      for (const bad of ['method', '-closingDate', 'fifoLayers']) {
        const r = await api.call('GET', `${path}?sort=${bad}`, undefined, { lang: 'en' });
        expect(r.status, bad).toBe(400);
        expect(r.body.errors[0].path).toBe('/sort');
      }
    });
  });
}

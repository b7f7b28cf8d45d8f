import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { auditTrail, expectProblem, insertRecord, refused } from './support.ts';

const ITEM_TABLES = ['items', 'item_variants', 'item_barcodes', 'item_units'] as const;

const bolt = {
  code: 'BOLT',
  description: 'Bolt M8',
  uom: 'buc',
  itemType: 'goods',
  fiscalCategory: 'F1',
  merchandiseCategory: 'hardware',
  fiscalInterest: true,
  lotManaged: true,
  serialManaged: false,
  variants: [
    { code: 'ZN', description: 'Zinc', barcodes: ['5940000000028'] },
    { code: 'SS', description: 'Stainless' },
  ],
  barcodes: ['5940000000011'],
  alternativeUnits: [{ uom: 'box', factor: '100' }],
  standardCost: '0.12345',
  averageCost: '0.1',
  lastCost: '2',
  salePrice: '0.5',
};

for (const dialect of dialects) {
  describe(`items [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
      await api.call('POST', '/api/warehouses', { code: 'W1', description: 'Main' });
      await api.call('POST', '/api/warehouses/W1/templates', { code: 'CAR', description: 'Load', type: 'load' });
    });
    afterAll(async () => api.close());

    it('creates an item with variants, barcodes, units and costs as decimal strings', async () => {
      const r = await api.call('POST', '/api/items', bolt);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toEqual({
        ...bolt,
        variants: [
          { code: 'SS', description: 'Stainless' },
          { code: 'ZN', description: 'Zinc', barcodes: ['5940000000028'] },
        ],
        alternativeUnits: [{ uom: 'box', factor: '100.00000' }],
        standardCost: '0.12345',
        averageCost: '0.10000',
        lastCost: '2.00000',
        salePrice: '0.50000',
        // the item type's default (SPEC §9): goods → 371
        stockAccount: '371',
        ncCode: null,
      });
      const row = await api.store.db.selectFrom('items').selectAll().where('code', '=', 'BOLT').executeTakeFirstOrThrow();
      expect(row.standard_cost).toBe(12345n);
      expect(row.last_cost).toBe(200000n);
      expect((await api.call('GET', '/api/items/BOLT', undefined, { as: 'viewer' })).body).toEqual(r.body);
      expect((await auditTrail(api, 'item', 'BOLT')).map((t) => t.action)).toEqual(['create']);
    });

    it('takes defaults for what a minimal body leaves out', async () => {
      const r = await api.call('POST', '/api/items', { code: 'NUT', description: 'Nut M8', uom: 'buc' });
      expect(r.status).toBe(201);
      expect(r.body).toEqual({
        code: 'NUT',
        description: 'Nut M8',
        uom: 'buc',
        itemType: null,
        fiscalCategory: null,
        merchandiseCategory: null,
        fiscalInterest: true,
        lotManaged: false,
        serialManaged: false,
        variants: [],
        barcodes: [],
        alternativeUnits: [],
        standardCost: '0.00000',
        averageCost: '0.00000',
        lastCost: '0.00000',
        salePrice: '0.00000',
        stockAccount: '371',
        ncCode: null,
      });
    });

    it('lists with pagination and a text filter on code and description', async () => {
      for (let i = 1; i <= 5; i++) await api.call('POST', '/api/items', { code: `P${i}`, description: `Paint 10%_${i}`, uom: 'l' });
      const all = await api.call('GET', '/api/items');
      expect(all.body.total).toBe(7);
      const page = await api.call('GET', '/api/items?limit=2&offset=3', undefined, { as: 'counter' });
      expect(page.body.total).toBe(7);
      expect(page.body.items.map((i: { code: string }) => i.code)).toEqual(['P2', 'P3']);
      const q = await api.call('GET', '/api/items?q=m8');
      expect(q.body.items.map((i: { code: string }) => i.code)).toEqual(['BOLT', 'NUT']);
      expect(q.body.total).toBe(2);
      const byCode = await api.call('GET', '/api/items?q=p3');
      expect(byCode.body.items.map((i: { code: string }) => i.code)).toEqual(['P3']);
      // wildcards in the filter are plain characters
      expect((await api.call('GET', '/api/items?q=%25_3')).body.items.map((i: { code: string }) => i.code)).toEqual(['P3']);
      expect((await api.call('GET', '/api/items?q=bolt&limit=1')).body.items[0].variants).toHaveLength(2);
      expectProblem(await api.call('GET', '/api/items?limit=-1'), 400, 'INV_ERR_VALIDATION');
    });

    it('finds an item and its variant by barcode', async () => {
      const own = await api.call('GET', '/api/items/by-barcode/5940000000011', undefined, { as: 'counter' });
      expect(own.status).toBe(200);
      expect(own.body.item.code).toBe('BOLT');
      expect(own.body.variant).toBeNull();
      const variant = await api.call('GET', '/api/items/by-barcode/5940000000028');
      expect(variant.body).toMatchObject({ item: { code: 'BOLT' }, variant: 'ZN' });
      const missing = await api.call('GET', '/api/items/by-barcode/000', undefined, { lang: 'ro' });
      expectProblem(missing, 404, 'INV_ERR_NOT_FOUND');
      expect(missing.body.detail).toBe('Codul de bare „000” nu există');
    });

    it('updates an item, replacing its lists', async () => {
      const r = await api.call('PUT', '/api/items/NUT', {
        description: 'Nut M8 zinc',
        uom: 'buc',
        fiscalInterest: false,
        lotManaged: false,
        serialManaged: true,
        variants: [{ code: 'A', description: 'A' }],
        barcodes: ['111', '222'],
        alternativeUnits: [{ uom: 'kg', factor: '0.00250' }],
        salePrice: '1.5',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({
        description: 'Nut M8 zinc',
        fiscalInterest: false,
        serialManaged: true,
        variants: [{ code: 'A', description: 'A' }],
        barcodes: ['111', '222'],
        alternativeUnits: [{ uom: 'kg', factor: '0.00250' }],
        salePrice: '1.50000',
      });
      const again = await api.call('PUT', '/api/items/NUT', { description: 'Nut M8 zinc', uom: 'buc', barcodes: ['222'] });
      expect(again.body).toMatchObject({ variants: [], barcodes: ['222'], alternativeUnits: [], salePrice: '0.00000' });
      // a barcode freed by the update can be used by another item
      expect((await api.call('PUT', '/api/items/P1', { description: 'Paint', uom: 'l', barcodes: ['111'] })).status).toBe(200);
      const trail = await auditTrail(api, 'item', 'NUT');
      expect(trail.map((t) => t.action)).toEqual(['create', 'update', 'update']);
      expect(JSON.parse(trail[2].before_json!).barcodes).toEqual(['111', '222']);
      expect(JSON.parse(trail[2].after_json!).barcodes).toEqual(['222']);
    });

    it('refuses JSON numbers where decimal strings are required', async () => {
      const r = await refused(api, [...ITEM_TABLES], () => api.call('POST', '/api/items', { code: 'X1', description: 'x', uom: 'buc', standardCost: 1.5 }));
      expectProblem(r, 400, 'INV_ERR_VALIDATION');
      expect(r.body.errors.map((e: { path: string }) => e.path)).toContain('/standardCost');
      const unit = await refused(api, [...ITEM_TABLES], () =>
        api.call('POST', '/api/items', { code: 'X1', description: 'x', uom: 'buc', alternativeUnits: [{ uom: 'kg', factor: 2 }] }),
      );
      expectProblem(unit, 400, 'INV_ERR_VALIDATION');
    });

    it('refuses more decimals than a unit cost has, at the field path, in the language asked', async () => {
      const r = await refused(api, [...ITEM_TABLES], () =>
        api.call('POST', '/api/items', { code: 'X1', description: 'x', uom: 'buc', standardCost: '1.123456', salePrice: '2.1000000' }, { lang: 'ro' }),
      );
      expectProblem(r, 400, 'INV_ERR_VALIDATION');
      expect(r.body.errors).toEqual([
        { path: '/standardCost', code: 'INV_ERR_BAD_DECIMAL', message: 'Valoarea „1.123456” nu este un număr zecimal cu cel mult 5 zecimale' },
      ]);
      const put = await refused(api, [...ITEM_TABLES], () => api.call('PUT', '/api/items/NUT', { description: 'x', uom: 'buc', lastCost: '0.000001' }));
      expect(put.body.errors[0]).toMatchObject({ path: '/lastCost', code: 'INV_ERR_BAD_DECIMAL' });
      const factor = await refused(api, [...ITEM_TABLES], () =>
        api.call('POST', '/api/items', { code: 'X1', description: 'x', uom: 'buc', alternativeUnits: [{ uom: 'kg', factor: '0.000001' }] }),
      );
      expect(factor.body.errors[0]).toMatchObject({ path: '/alternativeUnits/0/factor', code: 'INV_ERR_BAD_DECIMAL' });
    });

    it('refuses negative costs, zero factors and repeated codes inside one body', async () => {
      const r = await refused(api, [...ITEM_TABLES], () =>
        api.call('POST', '/api/items', {
          code: 'X1',
          description: 'x',
          uom: 'buc',
          averageCost: '-1',
          variants: [
            { code: 'V', description: 'a' },
            { code: 'V', description: 'b' },
          ],
          barcodes: ['9', '9'],
          alternativeUnits: [
            { uom: 'buc', factor: '1' },
            { uom: 'kg', factor: '0' },
          ],
        }),
      );
      expectProblem(r, 400, 'INV_ERR_VALIDATION');
      expect(r.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
        ['/averageCost', 'INV_ERR_BAD_VALUE'],
        ['/alternativeUnits/1/factor', 'INV_ERR_BAD_VALUE'],
        ['/variants/1/code', 'INV_ERR_REPEATED_VALUE'],
        ['/barcodes/1', 'INV_ERR_REPEATED_VALUE'],
        ['/alternativeUnits/0/uom', 'INV_ERR_REPEATED_VALUE'],
      ]);
    });

    it('refuses a barcode of another item (409), on create and on update', async () => {
      const r = await refused(api, [...ITEM_TABLES], () =>
        api.call('POST', '/api/items', { code: 'X1', description: 'x', uom: 'buc', variants: [{ code: 'V', description: 'v', barcodes: ['5940000000011'] }] }, { lang: 'ro' }),
      );
      expectProblem(r, 409, 'INV_ERR_DUPLICATE');
      expect(r.body.detail).toBe('Codul de bare „5940000000011” există deja');
      expectProblem(
        await refused(api, [...ITEM_TABLES], () => api.call('PUT', '/api/items/NUT', { description: 'x', uom: 'buc', barcodes: ['5940000000028'] })),
        409,
        'INV_ERR_DUPLICATE',
      );
      // an item keeps its own barcodes on update
      expect((await api.call('PUT', '/api/items/BOLT', { ...bolt, code: undefined })).status).toBe(200);
    });

    it('refuses a duplicate code, an unknown code and missing required fields', async () => {
      const dup = await refused(api, [...ITEM_TABLES], () => api.call('POST', '/api/items', { code: 'BOLT', description: 'x', uom: 'buc' }, { lang: 'ro' }));
      expectProblem(dup, 409, 'INV_ERR_DUPLICATE');
      expect(dup.body.detail).toBe('Articolul „BOLT” există deja');
      expectProblem(await api.call('GET', '/api/items/NOPE'), 404, 'INV_ERR_NOT_FOUND');
      expectProblem(await api.call('PUT', '/api/items/NOPE', { description: 'x', uom: 'buc' }), 404, 'INV_ERR_NOT_FOUND');
      expectProblem(await api.call('DELETE', '/api/items/NOPE'), 404, 'INV_ERR_NOT_FOUND');
      const missing = await refused(api, [...ITEM_TABLES], () => api.call('POST', '/api/items', { code: 'X1', description: 'x' }));
      expectProblem(missing, 400, 'INV_ERR_VALIDATION');
      expect(missing.body.errors[0].path).toBe('/uom');
    });

    it('keeps viewers and counters off item writes', async () => {
      for (const as of ['viewer', 'counter'] as const) {
        expectProblem(
          await refused(api, [...ITEM_TABLES], () => api.call('POST', '/api/items', { code: 'X1', description: 'x', uom: 'buc' }, { as })),
          403,
          'INV_ERR_FORBIDDEN',
        );
        expectProblem(await refused(api, [...ITEM_TABLES], () => api.call('PUT', '/api/items/NUT', { description: 'x', uom: 'buc' }, { as })), 403, 'INV_ERR_FORBIDDEN');
        expectProblem(await refused(api, [...ITEM_TABLES], () => api.call('DELETE', '/api/items/NUT', undefined, { as })), 403, 'INV_ERR_FORBIDDEN');
      }
    });

    it('refuses to drop a variant or delete an item that movements use', async () => {
      await insertRecord(api, 'W1', 'CAR', { code: 'BOLT', variant: 'ZN' });
      const drop = await refused(api, [...ITEM_TABLES], () =>
        api.call('PUT', '/api/items/BOLT', { ...bolt, code: undefined, variants: [{ code: 'SS', description: 'Stainless' }] }),
      );
      expectProblem(drop, 409, 'INV_ERR_IN_USE');
      const del = await refused(api, [...ITEM_TABLES], () => api.call('DELETE', '/api/items/BOLT', undefined, { lang: 'ro' }));
      expectProblem(del, 409, 'INV_ERR_IN_USE');
      expect(del.body.detail).toBe('Articolul „BOLT” este folosit și nu poate fi șters');
      expect((await api.call('GET', '/api/items/BOLT')).status).toBe(200);
    });

    it('deletes an unused item with its variants, barcodes and units', async () => {
      await api.call('PUT', '/api/items/P5', { description: 'Paint', uom: 'l', variants: [{ code: 'R', description: 'Red', barcodes: ['777'] }], alternativeUnits: [{ uom: 'can', factor: '5' }] });
      const r = await api.call('DELETE', '/api/items/P5');
      expect(r.status).toBe(204);
      expect((await api.call('GET', '/api/items/P5')).status).toBe(404);
      expect((await api.call('GET', '/api/items/by-barcode/777')).status).toBe(404);
      const trail = await auditTrail(api, 'item', 'P5');
      expect(trail.at(-1)!.action).toBe('delete');
      expect(JSON.parse(trail.at(-1)!.before_json!).variants[0].barcodes).toEqual(['777']);
      expect(JSON.parse(trail.at(-1)!.after_json ?? 'null')).toBeNull();
    });
  });
}

for (const dialect of dialects) {
  describe(`items CSV import [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
    });
    afterAll(async () => api.close());

    const count = async () => Number((await api.store.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    it('creates every row or none, naming the CSV line of each problem', async () => {
      const header = 'code,description,uom,lotManaged,barcodes,variants,standardCost\n';
      const bad = await api.call('POST', '/api/import/items', `${header}IMP1,Ceai verde,buc,da,5940000000035,,1.5\nIMP2,Cafea,kg,,,,1.234567\nIMP1,Dublură,buc,,,,\n`, { lang: 'ro' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: any) => e.path)).toEqual(['/rows/3/standardCost', '/rows/4/code']);
      expect(await count()).toBe(0);
      const ok = await api.call('POST', '/api/import/items', `${header}IMP1,Ceai verde,buc,da,5940000000035,,1.5\nIMP2,Tricou,buc,,,S|M|L,10\n`);
      expect(ok.status).toBe(201);
      expect(ok.body).toEqual({ items: 2 });
      const tricou = (await api.call('GET', '/api/items/IMP2')).body;
      expect(tricou.variants.map((v: any) => v.code)).toEqual(['L', 'M', 'S']); // listed by code
      expect((await api.call('GET', '/api/items/IMP1')).body).toMatchObject({ lotManaged: true, standardCost: '1.50000', barcodes: ['5940000000035'] });
      expect((await api.call('POST', '/api/import/items', `${header}IMP3,X,buc,,,,\n`, { as: 'supervisor' })).status).toBe(403);
    });
  });
}

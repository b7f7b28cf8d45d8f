/**
 * The Romanian yearly inventory (SPEC §12, issue 18 points 1 and 4): the
 * commission, the storekeeper's declaration, and the documents — the
 * inventory list (form 14-3-12), the proces-verbal and the registrul-inventar —
 * checked against figures computed here from the data set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { pdfPages, roMoney, RO_MONEY } from '../helpers/pdf-text.ts';
import { Money, UnitCost } from '../../src/core/decimal.ts';
import { expectStatus, refused, seedInventoryFixture } from './support.ts';

/** 60 items on MAIN: book 10 each at cost k + 0.25; counted 12 (k % 3 = 0), 7 (k % 3 = 1) or 10 */
const N = 60;
const cost = (k: number) => BigInt(k) * 100000n + 25000n; // unit cost, scale 5
const countedOf = (k: number) => (k % 3 === 0 ? 12n : k % 3 === 1 ? 7n : 10n);
/** round(q × c, 2) for whole q and a cost of scale 5 ending in 25000: exact in cents */
const value = (q: bigint, c: bigint) => (q * c) / 1000n;
const itemCode = (k: number) => `Y${String(k).padStart(3, '0')}`;
const accountOf = (k: number) => (k <= 30 ? '371' : '301');

const expected = (() => {
  let book = 0n, inventory = 0n, plus = 0n, minus = 0n;
  const byAccount: Record<string, { book: bigint; inventory: bigint }> = {};
  for (let k = 1; k <= N; k++) {
    const b = value(10n, cost(k));
    const i = value(countedOf(k), cost(k));
    book += b;
    inventory += i;
    if (i > b) plus += i - b;
    if (i < b) minus += b - i;
    const a = (byAccount[accountOf(k)] ??= { book: 0n, inventory: 0n });
    a.book += b;
    a.inventory += i;
  }
  return { book, inventory, plus, minus, byAccount };
})();

for (const dialect of dialects) {
  describe(`Romanian yearly inventory: commission, declaration, documents [${dialect}]`, () => {
    let api: TestApi;
    let inv: { id: number };

    const download = async (url: string, lang: 'ro' | 'en' = 'ro', as: 'supervisor' | 'viewer' = 'supervisor') => {
      const r = await api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${api.tokens[as]}`, 'accept-language': lang } });
      expect(r.statusCode, r.body).toBe(200);
      return r;
    };
    const auditCount = async () => Number((await api.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      await api.store.db.insertInto('warehouses').values({ code: 'EXT', description: 'Gestiune neinventariată' }).execute();
      for (const [code, name] of [['E3', 'Ștefan Țăranu'], ['E4', 'Ana Bîrlă'], ['E5', 'Radu Vâlcu']]) {
        expectStatus(await api.call('POST', '/api/employees', { code, name, active: true }), 201);
      }
      const rows = Array.from({ length: N }, (_, i) => ({
        code: itemCode(i + 1),
        description: `Șurub încâlcit ${i + 1}`,
        uom: 'buc',
        stock_account: accountOf(i + 1),
      }));
      await api.store.db.insertInto('items').values(rows).execute();
      const lines = Array.from({ length: N }, (_, i) => ({ item: itemCode(i + 1), quantity: '10', unitCost: UnitCost.format(cost(i + 1)) }));
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-03-01', lines }), 201);
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'SHOP', template: 'CAR', date: '2026-03-01', lines: [{ item: 'A', quantity: '5', unitCost: '2' }] }), 201);
      const created = await api.call('POST', '/api/inventories', { date: '2026-12-31', description: 'Inventar anual', operator: 'E1' }, { as: 'supervisor' });
      expectStatus(created, 201);
      inv = created.body;
      const main = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' });
      const shop = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'SHOP' }, { as: 'supervisor' });
      for (let k = 1; k <= N; k++) {
        expectStatus(await api.call('POST', `/api/lists/${main.body.id}/lines`, { item: itemCode(k), quantity: String(countedOf(k)) }, { as: 'supervisor' }), 201);
      }
      expectStatus(await api.call('POST', `/api/lists/${shop.body.id}/lines`, { item: 'A', quantity: '4' }, { as: 'supervisor' }), 201);
    });
    afterAll(async () => api.close());

    const commission = {
      decisionNumber: '145',
      decisionDate: '2026-12-01',
      president: 'E3',
      members: ['E4', 'E5'],
      storekeepers: [{ warehouse: 'MAIN', employee: 'E2' }, { warehouse: 'SHOP', employee: 'E1' }],
    };

    it('keeps the commission: PUT, GET, and the GET answer PUT back unchanged, audited', async () => {
      const empty = await api.call('GET', `/api/inventories/${inv.id}/commission`, undefined, { as: 'viewer' });
      expectStatus(empty, 200);
      expect(empty.body).toMatchObject({ defined: false, members: [], storekeepers: [] });
      const before = await auditCount();
      const put = await api.call('PUT', `/api/inventories/${inv.id}/commission`, commission, { as: 'supervisor' });
      expectStatus(put, 200);
      expect(await auditCount()).toBe(before + 1);
      const got = await api.call('GET', `/api/inventories/${inv.id}/commission`, undefined, { as: 'viewer' });
      expect(got.body).toMatchObject({ ...commission, inventoryId: inv.id, defined: true, updatedBy: 'supervisor' });
      expect(got.body.names).toMatchObject({ E3: 'Ștefan Țăranu', E4: 'Ana Bîrlă', E2: 'Maria Ionescu' });
      const again = await api.call('PUT', `/api/inventories/${inv.id}/commission`, got.body, { as: 'supervisor' });
      expectStatus(again, 200);
      expect(again.body).toMatchObject(commission);
      const entry = await api.store.db.selectFrom('audit_log').selectAll().where('entity', '=', 'inventoryCommission').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(JSON.parse(entry.after_json!)).toMatchObject({ president: 'E3', members: ['E4', 'E5'] });
    });

    it('refuses a storekeeper on the commission (422, coded, on the field, in the language) and stores nothing', async () => {
      const before = await api.call('GET', `/api/inventories/${inv.id}/commission`);
      const audits = await auditCount();
      for (const [president, members] of [['E3', ['E4', 'E1']], ['E1', ['E4', 'E5']]] as const) {
        const r = await refused(api, 422, 'INV_ERR_STOREKEEPER_ON_OWN_COMMISSION', () =>
          api.call('PUT', `/api/inventories/${inv.id}/commission`, { ...commission, president, members }, { as: 'supervisor', lang: 'ro' }),
        );
        expect(r.body.errors[0]).toMatchObject({ path: '/storekeepers/1/employee', code: 'INV_ERR_STOREKEEPER_ON_OWN_COMMISSION' });
        expect(r.body.errors[0].message).toContain('gestionarul gestiunii SHOP');
      }
      const en = await api.call('PUT', `/api/inventories/${inv.id}/commission`, { ...commission, members: ['E2'] }, { as: 'supervisor', lang: 'en' });
      expectStatus(en, 422, 'INV_ERR_STOREKEEPER_ON_OWN_COMMISSION');
      expect(en.body.errors[0]).toMatchObject({ path: '/storekeepers/0/employee' });
      expect(en.body.errors[0].message).toContain('may not sit on the commission');
      expect(await auditCount()).toBe(audits);
      expect((await api.call('GET', `/api/inventories/${inv.id}/commission`)).body).toEqual(before.body);
    });

    it('checks the commission: known people and warehouses, warehouses of the inventory, no one twice, roles', async () => {
      const put = (body: object, as: 'supervisor' | 'viewer' | 'counter' | 'approver' = 'supervisor') => api.call('PUT', `/api/inventories/${inv.id}/commission`, body, { as });
      const unknown = await put({ ...commission, members: ['E4', 'NOBODY'] });
      expectStatus(unknown, 422, 'INV_ERR_UNKNOWN_EMPLOYEE');
      expect(unknown.body.errors[0].path).toBe('/members/1');
      expectStatus(await put({ ...commission, members: ['E4', 'E3'] }), 422, 'INV_ERR_PRESIDENT_ALSO_MEMBER');
      expectStatus(await put({ ...commission, members: ['E4', 'E4'] }), 400, 'INV_ERR_VALIDATION');
      const twice = await put({ ...commission, storekeepers: [{ warehouse: 'MAIN', employee: 'E2' }, { warehouse: 'MAIN', employee: 'E1' }] });
      expect(twice.body.errors.map((e: { path: string }) => e.path)).toContain('/storekeepers/1/warehouse');
      const ext = await put({ ...commission, storekeepers: [{ warehouse: 'EXT', employee: 'E2' }] });
      expectStatus(ext, 422, 'INV_ERR_WAREHOUSE_NOT_IN_INVENTORY');
      expectStatus(await put({ ...commission, storekeepers: [{ warehouse: 'NOPE', employee: 'E2' }] }), 422, 'INV_ERR_UNKNOWN_WAREHOUSE');
      expectStatus(await put({ ...commission, decisionNumber: undefined }), 400, 'INV_ERR_VALIDATION');
      for (const role of ['viewer', 'counter', 'approver'] as const) expectStatus(await put(commission, role), 403, 'INV_ERR_FORBIDDEN');
      expectStatus(await api.call('GET', `/api/inventories/${inv.id}/commission`, undefined, { as: 'counter' }), 403, 'INV_ERR_FORBIDDEN');
      expectStatus(await api.call('GET', '/api/inventories/99999/commission'), 404, 'INV_ERR_NOT_FOUND');
    });

    it("keeps the storekeeper's declaration per warehouse, audited", async () => {
      const url = `/api/inventories/${inv.id}/declarations/MAIN`;
      expect((await api.call('GET', url, undefined, { as: 'viewer' })).body).toMatchObject({ defined: false, lastReceipt: '' });
      const body = { lastReceipt: 'NIR 1022', lastIssue: 'BC 877', thirdPartyGoods: 'Paleți în custodie (SC Ţesătura SRL)', knownDifferences: 'Nu există' };
      const before = await auditCount();
      expectStatus(await api.call('PUT', url, body, { as: 'supervisor' }), 200);
      expect(await auditCount()).toBe(before + 1);
      const got = await api.call('GET', url, undefined, { as: 'viewer' });
      expect(got.body).toMatchObject({ ...body, warehouse: 'MAIN', inventoryId: inv.id, defined: true });
      expectStatus(await api.call('PUT', url, got.body, { as: 'supervisor' }), 200);
      expect((await api.call('GET', url)).body).toMatchObject(body);
      await refused(api, 422, 'INV_ERR_WAREHOUSE_NOT_IN_INVENTORY', () => api.call('PUT', `/api/inventories/${inv.id}/declarations/EXT`, body, { as: 'supervisor' }));
      await refused(api, 404, 'INV_ERR_NOT_FOUND', () => api.call('PUT', `/api/inventories/${inv.id}/declarations/NOPE`, body, { as: 'supervisor' }));
      await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('PUT', url, { ...body, lastReceipt: 'x'.repeat(201) }, { as: 'supervisor' }));
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('PUT', url, body, { as: 'viewer' }));
      expectStatus(await api.call('GET', url, undefined, { as: 'counter' }), 403, 'INV_ERR_FORBIDDEN');
    });

    it('prints the inventory list (form 14-3-12): Romanian headings, page totals adding up, signatures on every page', async () => {
      const pdf = await download(`/api/inventories/${inv.id}/inventory-list?warehouse=MAIN&format=pdf`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const pages = await pdfPages(pdf.rawPayload);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      const all = pages.join('\n');
      const flat = all.replace(/\s+/g, ' ');
      expect(all).toContain('Listă de inventariere (Formular 14-3-12)');
      for (const h of ['Cantitate scriptică', 'Cantitate faptică', 'Preț unitar', 'Valoarea contabilă', 'Valoarea de inventar', 'Decizia de inventariere nr.']) expect(flat).toContain(h);
      expect(all).toContain('Șurub încâlcit 7');
      const sums = [0n, 0n, 0n, 0n];
      pages.forEach((text, i) => {
        expect(text).toContain(`Pagina ${i + 1} din ${pages.length}`);
        // signatures on every page: the president, the members and the storekeeper of MAIN, with their names
        for (const s of ['Președinte comisie', 'Ștefan Țăranu (E3)', 'Membru comisie', 'Ana Bîrlă (E4)', 'Radu Vâlcu (E5)', 'Gestionar MAIN', 'Maria Ionescu (E2)']) expect(text, `page ${i + 1}`).toContain(s);
        const line = text.split('\n').find((l) => l.includes('Total pagină'));
        expect(line, `page ${i + 1}`).toBeDefined();
        const figures = line!.match(RO_MONEY)!.map(roMoney);
        expect(figures).toHaveLength(4);
        figures.forEach((f, c) => (sums[c] += f));
      });
      expect(sums).toEqual([expected.book, expected.inventory, expected.plus, expected.minus]);
      const total = (label: string) => roMoney(new RegExp(`${label}: (\\S+)`).exec(all)![1]);
      expect(total('Total valoare contabilă')).toBe(expected.book);
      expect(total('Total valoare de inventar')).toBe(expected.inventory);
      expect(total('Total diferențe de valoare în plus')).toBe(expected.plus);
      expect(total('Total diferențe de valoare în minus')).toBe(expected.minus);

      const en = await pdfPages((await download(`/api/inventories/${inv.id}/inventory-list?warehouse=MAIN`, 'en')).rawPayload);
      expect(en.join('\n')).toContain('Inventory list (Form 14-3-12)');
      expect(en[0]).toContain('Page 1 of');
      expect(en[0]).toContain('Commission president');
    });

    it('writes the same list as CSV and XLSX, equal to the differences preview and the hand-computed values', async () => {
      const preview = (await api.call('GET', `/api/inventories/${inv.id}/differences`)).body;
      const byItem = new Map<string, any>(preview.rows.filter((r: any) => r.warehouse === 'MAIN').map((r: any) => [r.item, r]));
      const csv = (await download(`/api/inventories/${inv.id}/inventory-list?warehouse=MAIN&format=csv`, 'en')).body;
      const records: string[][] = parse(csv.replace(/^\ufeff/, ''), { relax_column_count: true });
      expect(records[0][0]).toBe('No.');
      const body = records.slice(1, -1);
      expect(body).toHaveLength(N);
      for (const r of body) {
        const k = Number(r[3].slice(1));
        const p = byItem.get(r[3]);
        expect(r[5]).toBe(p.book);
        expect(r[6]).toBe(p.counted);
        expect(r[9]).toBe(UnitCost.format(cost(k)));
        expect(r[10]).toBe(Money.format(value(10n, cost(k))));
        expect(r[11]).toBe(Money.format(value(countedOf(k), cost(k))));
        const v = Money.parse(p.value)!;
        expect(r[12]).toBe(Money.format(v > 0n ? v : 0n));
        expect(r[13]).toBe(Money.format(v < 0n ? -v : 0n));
      }
      const totals = records.at(-1)!;
      expect(totals.slice(10)).toEqual([expected.book, expected.inventory, expected.plus, expected.minus].map((v) => Money.format(v)));

      const xlsx = await download(`/api/inventories/${inv.id}/inventory-list?warehouse=MAIN&format=xlsx`, 'en');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      records.slice(1).forEach((r, i) => {
        const row = ws.getRow(i + 2);
        for (const c of i < N ? [5, 6, 10, 11, 12, 13] : [10, 11, 12, 13]) expect(row.getCell(c + 1).value, `row ${i + 2} col ${c}`).toBe(Number(r[c]));
      });
    });

    it('prints the proces-verbal: commission, storekeepers and declarations, differences with page totals, the proposed treatment', async () => {
      const pages = await pdfPages((await download(`/api/inventories/${inv.id}/report?format=pdf`)).rawPayload);
      expect(pages.length).toBeGreaterThanOrEqual(2);
      const all = pages.join('\n');
      const flat = all.replace(/\s+/g, ' ');
      for (const s of [
        'Proces-verbal privind rezultatele inventarierii', 'Decizia de inventariere nr.: 145 din 01.12.2026', 'Gestiunea MAIN — gestionar: Maria Ionescu (E2)',
        'ultimul document de intrare: NIR 1022', 'Paleți în custodie (SC Ţesătura SRL)', 'Declarația gestionarului, gestiunea SHOP: nedepusă',
        'Propuneri de regularizare:', 'Valoare perisabilitate', 'Valoare imputabilă',
      ]) expect(flat).toContain(s);
      // the SHOP shortage: A 1 @ 9.50 (SHOP's shortage template proposes the standard cost, 9.50 in the fixture)
      const shortage = expected.minus + 950n;
      const label = (l: string) => roMoney(new RegExp(`${l}: (\\S+)`).exec(all)![1]);
      expect(label('Plusuri constatate \\(valoare\\)')).toBe(expected.plus);
      expect(label('Lipsuri constatate \\(valoare\\)')).toBe(shortage);
      expect(flat).toContain(`Plusurile, în valoare de ${Money.format(expected.plus).replace('.', ',').replace(/\B(?=(\d{3})+,)/g, '.')} lei, se înregistrează în stoc la valoarea de inventar.`);
      // page totals of the signed value column add up to the net difference
      let net = 0n;
      let withRows = 0;
      pages.forEach((text, i) => {
        expect(text).toContain(`Pagina ${i + 1} din ${pages.length}`);
        for (const s of ['Președinte comisie', 'Ștefan Țăranu (E3)', 'Gestionar MAIN', 'Gestionar SHOP', 'Ion Popescu (E1)']) expect(text, `page ${i + 1}`).toContain(s);
        // (a page holding only the totals and the treatment has no page total)
        const line = text.split('\n').find((l) => l.includes('Total pagină'));
        if (!line) return;
        withRows++;
        const figures = line.match(RO_MONEY)!.map(roMoney);
        expect(figures).toHaveLength(4);
        net += figures[0];
      });
      expect(withRows).toBeGreaterThanOrEqual(2);
      expect(net).toBe(expected.plus - shortage);
    });

    it('keeps the list values at posting and writes the registrul-inventar per stock account', async () => {
      expectStatus(await api.call('POST', `/api/inventories/${inv.id}/differences`, { postingDate: '2026-12-31' }, { as: 'supervisor' }), 201);
      // posted: the commission and declarations stay as they were
      expectStatus(await api.call('PUT', `/api/inventories/${inv.id}/commission`, commission, { as: 'supervisor' }), 409, 'INV_ERR_INVENTORY_POSTED');
      const csv = (await download('/api/reports/inventory-register?year=2026&format=csv', 'en', 'viewer')).body;
      const records: string[][] = parse(csv.replace(/^\ufeff/, ''), { relax_column_count: true });
      expect(records[0]).toEqual(['Stock account', 'Warehouse', 'Inventory', 'Stock date', 'Lines', 'Book value', 'Inventory value', 'Value difference']);
      const a = expected.byAccount;
      expect(records.slice(1)).toEqual([
        ['301', 'MAIN', '2026/1', '2026-12-31', '30', Money.format(a['301'].book), Money.format(a['301'].inventory), Money.format(a['301'].inventory - a['301'].book)],
        ['371', 'MAIN', '2026/1', '2026-12-31', '30', Money.format(a['371'].book), Money.format(a['371'].inventory), Money.format(a['371'].inventory - a['371'].book)],
        // SHOP: A, book 5, counted 4, at the standard cost 9.50 (SHOP's shortage template)
        ['371', 'SHOP', '2026/1', '2026-12-31', '1', '47.50', '38.00', '-9.50'],
        ['Total account 301', '', '', '', '', Money.format(a['301'].book), Money.format(a['301'].inventory), Money.format(a['301'].inventory - a['301'].book)],
        ['Total account 371', '', '', '', '', Money.format(a['371'].book + 4750n), Money.format(a['371'].inventory + 3800n), Money.format(a['371'].inventory - a['371'].book - 950n)],
        ['Grand total', '', '', '', '', Money.format(expected.book + 4750n), Money.format(expected.inventory + 3800n), Money.format(expected.inventory - expected.book - 950n)],
      ]);
      const pdf = await pdfPages((await download('/api/reports/inventory-register?year=2026', 'ro', 'viewer')).rawPayload);
      const text = pdf.join('\n');
      expect(text).toContain('Registrul-inventar');
      expect(text).toContain('Pagina 1 din 1');
      expect(text).toContain('Întocmit');
      const line = text.split('\n').find((l) => l.includes('Total pagină'))!;
      expect(line.match(RO_MONEY)!.map(roMoney)).toEqual([expected.book + 4750n, expected.inventory + 3800n, expected.inventory - expected.book - 950n]);
      const empty = await download('/api/reports/inventory-register?year=2025&format=csv', 'en');
      expect(parse(empty.body.replace(/^\ufeff/, ''), { relax_column_count: true })).toHaveLength(2);
      expectStatus(await api.call('GET', '/api/reports/inventory-register?year=2026', undefined, { as: 'counter' }), 403, 'INV_ERR_FORBIDDEN');
    });

    it('takes for each warehouse the last posted inventory of the year', async () => {
      const second = await api.call('POST', '/api/inventories', { date: '2026-12-31', operator: 'E1' }, { as: 'supervisor' });
      const list = await api.call('POST', `/api/inventories/${second.body.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'SHOP' }, { as: 'supervisor' });
      expectStatus(await api.call('POST', `/api/lists/${list.body.id}/lines`, { item: 'A', quantity: '3' }, { as: 'supervisor' }), 201);
      expectStatus(await api.call('POST', `/api/inventories/${second.body.id}/differences`, { postingDate: '2026-12-31' }, { as: 'supervisor' }), 201);
      const csv = (await download('/api/reports/inventory-register?year=2026&format=csv', 'en')).body;
      const records: string[][] = parse(csv.replace(/^\ufeff/, ''), { relax_column_count: true });
      // SHOP: after the first posting 4 in the book; the second inventory counts 3 (at the standard cost 9.50)
      expect(records.find((r) => r[1] === 'SHOP')).toEqual(['371', 'SHOP', '2026/2', '2026-12-31', '1', '38.00', '28.50', '-9.50']);
      expect(records.filter((r) => r[1] === 'MAIN')).toHaveLength(2);
    });
  });
}

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { EAN_VAR_RED, expectStatus, GTIN_A, GTIN_LOT, pdfText, refused, seedInventoryFixture, writeCounts } from './support.ts';

const GS = '\u001d';

for (const dialect of dialects) {
  describe(`physical inventory, the whole flow [${dialect}]`, () => {
    let api: TestApi;
    let inv: any;
    let main: any; // STD list of E1 on MAIN
    let blind: any; // blind list of E1 on MAIN
    let other: any; // list of E2 on MAIN

    async function record(warehouse: string, template: string, date: string, lines: object[]) {
      const r = await api.call('POST', '/api/records', { warehouse, template, date, lines });
      expectStatus(r, 201);
      return r.body;
    }
    const count = (list: number, body: object, as: 'admin' | 'supervisor' | 'counter' = 'counter', lang: 'ro' | 'en' = 'en') =>
      api.call('POST', `/api/lists/${list}/lines`, body, { as, lang });

    async function download(url: string, as: 'supervisor' | 'counter' = 'supervisor', lang: 'ro' | 'en' = 'ro') {
      const r = await api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${api.tokens[as]}`, 'accept-language': lang } });
      expect(r.statusCode, r.body).toBe(200);
      return r;
    }

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      // book stock of MAIN: A 20 (avg 11.00), B 5 @ 4, LOT/L1 8 @ 3, VAR/RED 4 @ 6, VAR/BLUE 2 @ 5
      await record('MAIN', 'CAR', '2026-03-01', [
        { item: 'A', quantity: '10', unitCost: '10' },
        { item: 'B', quantity: '5', unitCost: '4' },
        { item: 'LOT', quantity: '8', unitCost: '3', lot: 'L1' },
        { item: 'VAR', variant: 'RED', quantity: '4', unitCost: '6' },
        { item: 'VAR', variant: 'BLUE', quantity: '2', unitCost: '5' },
      ]);
      await record('MAIN', 'CAR', '2026-03-05', [{ item: 'A', quantity: '10', unitCost: '12' }]);
    });
    afterAll(async () => api.close());

    it('describes every inventory route in the OpenAPI document', async () => {
      const doc = (await api.call('GET', '/api/openapi.json', undefined, { as: null })).body;
      for (const route of [
        '/api/inventories', '/api/inventories/{id}', '/api/inventories/{id}/lists', '/api/lists', '/api/lists/{id}', '/api/lists/{id}/lines',
        '/api/lines/{id}', '/api/lists/{id}/import', '/api/import/counts', '/api/inventories/{id}/differences',
        '/api/inventories/{id}/differences/report', '/api/lists/{id}/count-sheet',
      ]) {
        expect(doc.paths, route).toHaveProperty([route]);
      }
    });

    it('creates inventories numbered per year, and their lists', async () => {
      const r = await api.call('POST', '/api/inventories', { date: '2026-03-10', description: 'Inventar anual', operator: 'E1' }, { as: 'supervisor' });
      expectStatus(r, 201);
      inv = r.body;
      expect(inv).toMatchObject({ year: 2026, number: 1, date: '2026-03-10', operator: 'E1', closed: false, postedAt: null });
      const second = await api.call('POST', '/api/inventories', { date: '2026-06-30', operator: 'E2' }, { as: 'supervisor' });
      expect(second.body.number).toBe(2);
      const nextYear = await api.call('POST', '/api/inventories', { date: '2027-01-05', operator: 'E2' }, { as: 'supervisor' });
      expect(nextYear.body).toMatchObject({ year: 2027, number: 1 });
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1' }, { as: 'counter' }));
      await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1', quantity: 1 }));
      const bad = await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('POST', '/api/inventories', { date: '2026-02-30', operator: 'E1' }, { lang: 'ro' }));
      expect(bad.body.errors[0].message).toContain('Data inventarului trebuie să fie o dată validă');

      const list = async (body: object) => {
        const l = await api.call('POST', `/api/inventories/${inv.id}/lists`, body, { as: 'supervisor' });
        expectStatus(l, 201);
        return l.body;
      };
      main = await list({ listType: 'STD', employee: 'E1', warehouse: 'MAIN' });
      blind = await list({ listType: 'ORB', employee: 'E1', warehouse: 'MAIN' });
      other = await list({ listType: 'STD', employee: 'E2', warehouse: 'MAIN' });
      expect(main).toMatchObject({ inventoryId: inv.id, inventory: '2026/1', listType: 'STD', employee: 'E1', warehouse: 'MAIN', closingDate: null, blindCount: false });
      expect(blind.blindCount).toBe(true);
      await refused(api, 404, 'INV_ERR_NOT_FOUND', () => api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'NOPE', employee: 'E1', warehouse: 'MAIN' }));
      const full = await api.call('GET', `/api/inventories/${inv.id}`, undefined, { as: 'supervisor' });
      expect(full.body.lists.map((l: any) => l.id)).toEqual([main.id, blind.id, other.id]);
    });

    it('counts by item code: a repeated key is 409 with the current line, then add, then replace', async () => {
      const first = await count(main.id, { item: 'A', quantity: '7' });
      expectStatus(first, 201);
      expect(first.body).toMatchObject({ listId: main.id, item: 'A', variant: '', lot: '', serial: '', location: '', uom: 'buc', bookQuantity: '20.000', countedQuantity: '7.000' });
      expect(first.body.insertedAt).toMatch(/^2\d{3}-\d\d-\d\dT/);
      const dup = await refused(api, 409, 'INV_ERR_DUPLICATE_COUNT', () => count(main.id, { item: 'A', quantity: '2' }, 'counter', 'ro'));
      expect(dup.body.current).toMatchObject({ id: first.body.id, countedQuantity: '7.000' });
      expect(dup.body.detail).toContain('alegeți adăugare sau înlocuire');
      const added = await count(main.id, { item: 'A', quantity: '2', mode: 'add' });
      expectStatus(added, 200);
      expect(added.body).toMatchObject({ id: first.body.id, countedQuantity: '9.000' });
      const replaced = await count(main.id, { item: 'A', quantity: '18', mode: 'replace' });
      expectStatus(replaced, 200);
      expect(replaced.body.countedQuantity).toBe('18.000');
      // another location is another key
      const elsewhere = await count(main.id, { item: 'A', quantity: '1', location: 'B1' });
      expectStatus(elsewhere, 201);
      await refused(api, 422, 'INV_ERR_UNKNOWN_LOCATION', () => count(main.id, { item: 'A', quantity: '1', location: 'R1' }));
      await refused(api, 404, 'INV_ERR_NOT_FOUND', () => count(main.id, { item: 'NOPE', quantity: '1' }));
      for (const [body, path, code] of [
        [{ quantity: '1' }, '/item', 'INV_ERR_ITEM_OR_BARCODE'],
        [{ item: 'A', barcode: GTIN_A }, '/barcode', 'INV_ERR_ITEM_OR_BARCODE'],
        [{ item: 'B', quantity: '1.0001' }, '/quantity', 'INV_ERR_BAD_DECIMAL'],
        [{ item: 'B', quantity: '-1' }, '/quantity', 'INV_ERR_COUNT_NEGATIVE'],
        [{ item: 'B', quantity: '1', mode: 'sum' }, '/mode', 'INV_ERR_VALIDATION'],
      ] as const) {
        const r = await refused(api, 400, 'INV_ERR_VALIDATION', () => count(main.id, body));
        expect(r.body.errors[0]).toMatchObject({ path, code });
      }
      await refused(api, 422, 'INV_ERR_LOT_REQUIRED', () => count(main.id, { item: 'LOT', quantity: '1' }));
      await refused(api, 422, 'INV_ERR_SERIAL_REQUIRED', () => count(main.id, { item: 'SER', quantity: '1' }));
      await refused(api, 422, 'INV_ERR_SERIAL_QUANTITY', () => count(main.id, { item: 'SER', serial: 'S1', quantity: '2' }));
      // the location line is removed again: it does not belong to the rest of the story
      expectStatus(await api.call('DELETE', `/api/lines/${elsewhere.body.id}`, undefined, { as: 'counter' }), 204);
    });

    it('counts by barcode (variant from the barcode) and by GS1 strings with lot, expiry and count', async () => {
      const ean = await count(main.id, { barcode: EAN_VAR_RED, quantity: '3' });
      expectStatus(ean, 201);
      expect(ean.body).toMatchObject({ item: 'VAR', variant: 'RED', countedQuantity: '3.000', bookQuantity: '4.000' });
      // GTIN-13 stored, scanned as the GTIN-14 of a GS1 string: normalised
      const gtinA = await count(main.id, { barcode: `01${'0' + GTIN_A}`, mode: 'add', quantity: '0' });
      expectStatus(gtinA, 200);
      expect(gtinA.body).toMatchObject({ item: 'A', countedQuantity: '18.000' });
      // parenthesised AIs: GTIN, lot, expiry, count
      const hri = await count(main.id, { barcode: `(01)${GTIN_LOT}(10)L1(17)261231(37)6` });
      expectStatus(hri, 201);
      expect(hri.body).toMatchObject({ item: 'LOT', lot: 'L1', expiry: '2026-12-31', countedQuantity: '6.000', bookQuantity: '8.000' });
      // FNC1 as GS after the variable-length lot, AI 37 count 02, with a symbology identifier
      const fnc1 = await count(main.id, { barcode: `]C101${GTIN_LOT}10L1${GS}3702`, mode: 'add' });
      expectStatus(fnc1, 200);
      expect(fnc1.body).toMatchObject({ item: 'LOT', lot: 'L1', countedQuantity: '8.000' });
      // a lot in the body contradicting the scanned one, a wrong check digit, an unknown GTIN, garbage
      await refused(api, 400, 'INV_ERR_VALIDATION', () => count(main.id, { barcode: `(01)${GTIN_LOT}(10)L1`, lot: 'L2', mode: 'add' }));
      const check = await refused(api, 400, 'INV_ERR_VALIDATION', () => count(main.id, { barcode: '(01)05901234123465(37)1' }));
      expect(check.body.errors[0]).toMatchObject({ path: '/barcode', code: 'INV_ERR_GTIN_CHECK_DIGIT' });
      await refused(api, 400, 'INV_ERR_VALIDATION', () => count(main.id, { barcode: '5901234123450' }));
      await refused(api, 422, 'INV_ERR_UNKNOWN_BARCODE', () => count(main.id, { barcode: '(01)09501101530003(37)1' }));
      await refused(api, 400, 'INV_ERR_VALIDATION', () => count(main.id, { barcode: '(01)0590' }));
    });

    it('applies a repeated scanId once and answers it with the first result', async () => {
      const first = await count(main.id, { item: 'B', quantity: '1', scanId: 'hh1-0001', mode: 'add' });
      expectStatus(first, 201);
      const again = await count(main.id, { item: 'B', quantity: '1', scanId: 'hh1-0001', mode: 'add' });
      expectStatus(again, 201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replay']).toBe('true');
      const next = await count(main.id, { item: 'B', quantity: '2', scanId: 'hh1-0002', mode: 'add' });
      expect(next.body.countedQuantity).toBe('3.000');
      // the retry of the first scan still answers what it answered then
      expect((await count(main.id, { item: 'B', quantity: '1', scanId: 'hh1-0001', mode: 'add' })).body.countedQuantity).toBe('1.000');
      const lines = await api.call('GET', `/api/lists/${main.id}/lines`, undefined, { as: 'counter' });
      expect(lines.body.items.find((l: any) => l.item === 'B').countedQuantity).toBe('3.000');
    });

    it('hides book stock of a blind list from its counter, not from a supervisor', async () => {
      const r = await count(blind.id, { item: 'B', quantity: '1' });
      expectStatus(r, 201);
      expect(r.body).not.toHaveProperty('bookQuantity');
      const dup = await count(blind.id, { item: 'B', quantity: '1' });
      expectStatus(dup, 409, 'INV_ERR_DUPLICATE_COUNT');
      expect(dup.body.current).not.toHaveProperty('bookQuantity');
      const asCounter = await api.call('GET', `/api/lists/${blind.id}/lines`, undefined, { as: 'counter' });
      expect(asCounter.body.items[0]).not.toHaveProperty('bookQuantity');
      const asSupervisor = await api.call('GET', `/api/lists/${blind.id}/lines`, undefined, { as: 'supervisor' });
      expect(asSupervisor.body.items[0].bookQuantity).toBe('5.000');
      // the blind list's count of B is removed so B's total stays the main list's
      expectStatus(await api.call('DELETE', `/api/lines/${r.body.id}`, undefined, { as: 'supervisor' }), 204);
      // the count sheet of a blind list has no book stock column
      const csv = await download(`/api/lists/${blind.id}/count-sheet?format=csv`, 'counter', 'en');
      const rows = parse(csv.body, { bom: true }) as string[][];
      expect(rows[0]).toEqual(['No.', 'Warehouse', 'Item', 'Description', 'Variant', 'Lot', 'Serial', 'Location', 'UoM', 'Counted']);
    });

    it("refuses a counter another employee's list (403) and lists only their own", async () => {
      await refused(api, 403, 'INV_ERR_NOT_YOUR_LIST', () => api.call('GET', `/api/lists/${other.id}`, undefined, { as: 'counter' }));
      await refused(api, 403, 'INV_ERR_NOT_YOUR_LIST', () => api.call('GET', `/api/lists/${other.id}/lines`, undefined, { as: 'counter' }));
      await refused(api, 403, 'INV_ERR_NOT_YOUR_LIST', () => count(other.id, { item: 'A', quantity: '1' }));
      const ro = await refused(api, 403, 'INV_ERR_NOT_YOUR_LIST', () => count(other.id, { item: 'A', quantity: '1' }, 'counter', 'ro'));
      expect(ro.body.detail).toContain('este atribuită altui angajat');
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('PUT', `/api/lists/${main.id}`, { closingDate: '2026-03-10' }, { as: 'counter' }));
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('GET', `/api/inventories/${inv.id}/differences`, undefined, { as: 'counter' }));
      const mine = await api.call('GET', '/api/lists?mine=true', undefined, { as: 'counter' });
      expect(mine.body.items.map((l: any) => l.id).sort()).toEqual([main.id, blind.id].sort());
      const all = await api.call('GET', '/api/lists', undefined, { as: 'counter' });
      expect(all.body.total).toBe(2);
      const sup = await api.call('GET', `/api/lists?inventory=${inv.id}`, undefined, { as: 'supervisor' });
      expect(sup.body.total).toBe(3);
      const invs = await api.call('GET', '/api/inventories', undefined, { as: 'counter' });
      expect(invs.body.items.map((i: any) => i.id)).toEqual([inv.id]);
    });

    it('imports counts from CSV with row-level errors, all or nothing', async () => {
      const bad = await refused(api, 400, 'INV_ERR_VALIDATION', () =>
        api.call('POST', `/api/lists/${other.id}/import`, 'item,barcode,quantity,lot\nB,,1,\nNOPE,,1,\nLOT,,2,\nB,,x,\n', { as: 'supervisor' }),
      );
      expect(bad.body.errors.map((e: any) => [e.path, e.code])).toEqual([['/rows/5/quantity', 'INV_ERR_BAD_DECIMAL']]);
      const unknown = await refused(api, 404, 'INV_ERR_NOT_FOUND', () =>
        api.call('POST', `/api/lists/${other.id}/import`, 'item,quantity,lot\nB,1,\nNOPE,1,\nLOT,2,\n', { as: 'supervisor' }),
      );
      expect(unknown.body.errors.map((e: any) => [e.path, e.code])).toEqual([
        ['/rows/3/item', 'INV_ERR_NOT_FOUND'],
        ['/rows/4/lot', 'INV_ERR_LOT_REQUIRED'],
      ]);
      const csv = 'item,location,quantity,scanId\nB,,2,imp-1\nA,A1,4,imp-2\nA,A1,4.000,imp-2\n';
      const ok = await api.call('POST', `/api/lists/${other.id}/import`, csv, { as: 'supervisor' });
      expectStatus(ok, 201);
      expect(ok.body).toEqual({ rows: 3, inserted: 2, updated: 0, replayed: 1 });
      // the terminal uploads the same file again: every scan id was applied already
      const again = await api.call('POST', `/api/lists/${other.id}/import`, csv, { as: 'supervisor' });
      expect(again.body).toEqual({ rows: 3, inserted: 0, updated: 0, replayed: 3 });
      const lines = await api.call('GET', `/api/lists/${other.id}/lines`, undefined, { as: 'supervisor' });
      expect(lines.body.items.map((l: any) => [l.item, l.location, l.countedQuantity, l.bookQuantity])).toEqual([
        ['B', '', '2.000', '5.000'],
        ['A', 'A1', '4.000', '0.000'],
      ]);
      // a list with a closing date takes no counts and is left out of the differences
      const closedList = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E2', warehouse: 'MAIN' }, { as: 'supervisor' });
      expectStatus(await api.call('POST', `/api/import/counts`, `list,item,quantity\n${closedList.body.id},B,100\n`, { as: 'supervisor' }), 201);
      expectStatus(await api.call('PUT', `/api/lists/${closedList.body.id}`, { closingDate: '2026-03-10' }, { as: 'supervisor' }), 200);
      await refused(api, 409, 'INV_ERR_LIST_CLOSED', () => count(closedList.body.id, { item: 'B', quantity: '1', mode: 'add' }, 'supervisor'));
    });

    it('previews the differences as of the stock date, ignoring movements posted after it', async () => {
      // after the counts: an unload dated after the stock date, and a load dated before it (moved during the count)
      await record('MAIN', 'VAN', '2026-03-20', [{ item: 'A', quantity: '2' }]);
      await record('MAIN', 'CAR', '2026-03-08', [{ item: 'B', quantity: '1', unitCost: '9' }]);
      const before = await writeCounts(api);
      const r = await api.call('GET', `/api/inventories/${inv.id}/differences?stockDate=2026-03-10`, undefined, { as: 'supervisor' });
      expectStatus(r, 200);
      expect(await writeCounts(api)).toEqual(before);
      const v = r.body;
      expect(v).toMatchObject({ inventoryId: inv.id, inventory: '2026/1', processingDate: '2026-03-10', stockDate: '2026-03-10', zeroUncounted: false });
      const rows = v.rows.map((x: any) => [x.warehouse, x.item, x.variant, x.lot, x.location, x.counted, x.book, x.difference, x.template, x.unitCost, x.value, x.movedDuringCount]);
      expect(rows).toEqual([
        ['MAIN', 'A', '', '', '', '18.000', '20.000', '-2.000', 'MIN', '11.00000', '-22.00', false],
        ['MAIN', 'A', '', '', 'A1', '4.000', '0.000', '4.000', 'PLU', '11.00000', '44.00', false],
        // counted 3 + 2 in two lists; the load dated 03-08 landed after the count
        ['MAIN', 'B', '', '', '', '5.000', '6.000', '-1.000', 'MIN', '4.83333', '-4.83', true],
        ['MAIN', 'LOT', '', 'L1', '', '8.000', '8.000', '0.000', null, null, '0.00', false],
        ['MAIN', 'VAR', 'RED', '', '', '3.000', '4.000', '-1.000', 'MIN', '5.66667', '-5.67', false],
      ]);
      expect(v.rows[0]).toMatchObject({ jobOrder: '', account: '', serial: '', uncounted: false, templateType: 'unload', description: 'Articol A', uom: 'buc' });
      expect(v.totals).toEqual({ surplusValue: '44.00', shortageValue: '32.50', netValue: '11.50', rows: 5, differingKeys: 4, movedDuringCount: 1 });
      // as of a later date the unload of 03-20 counts
      const later = await api.call('GET', `/api/inventories/${inv.id}/differences?processingDate=2026-03-25`, undefined, { as: 'viewer' });
      expect(later.body.stockDate).toBe('2026-03-25');
      expect(later.body.rows[0]).toMatchObject({ item: 'A', location: '', book: '18.000', difference: '0.000', movedDuringCount: true });
    });

    it('zero-uncounted adds the keys with book stock that nobody counted', async () => {
      const r = await api.call('GET', `/api/inventories/${inv.id}/differences?stockDate=2026-03-10&zeroUncounted=true`, undefined, { as: 'supervisor' });
      const blue = r.body.rows.find((x: any) => x.item === 'VAR' && x.variant === 'BLUE');
      expect(blue).toMatchObject({ counted: '0.000', book: '2.000', difference: '-2.000', template: 'MIN', unitCost: '5.66667', value: '-11.33', uncounted: true });
      expect(r.body.totals).toMatchObject({ surplusValue: '44.00', shortageValue: '43.83', netValue: '0.17', rows: 6 });
    });

    it('prints the count sheet and the difference report (PDF with Romanian diacritics, CSV)', async () => {
      const sheet = await download(`/api/lists/${main.id}/count-sheet?format=pdf`, 'counter', 'ro');
      expect(sheet.headers['content-type']).toBe('application/pdf');
      expect(sheet.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      if (process.env.INVENTAR_PDF_OUT) fs.writeFileSync(`${process.env.INVENTAR_PDF_OUT}/count-sheet-${dialect}.pdf`, sheet.rawPayload);
      const text = await pdfText(sheet.rawPayload);
      for (const heading of ['Listă de inventariere', 'Gestiunea', 'Variantă', 'Locație', 'Stoc scriptic', 'Cantitate numărată', 'Numărat de (nume, semnătură)', 'Comisia de inventariere']) {
        expect(text).toContain(heading);
      }
      expect(text).toContain('Ion Popescu');
      expect(text).toMatch(/VAR\s+Articol VAR\s+RED\s+buc\s+4,000/);
      expect(text).toMatch(/LOT\s+Articol LOT\s+L1\s+buc\s+8,000/);
      const csv = parse((await download(`/api/lists/${main.id}/count-sheet?format=csv`, 'counter', 'ro')).body, { bom: true, delimiter: ';' }) as string[][];
      expect(csv[0]).toEqual(['Nr.', 'Gestiune', 'Articol', 'Descriere', 'Variantă', 'Lot', 'Serie', 'Locație', 'U.M.', 'Stoc scriptic', 'Cantitate numărată']);
      expect(csv.slice(1).map((r) => [r[2], r[4], r[5], r[9], r[10]])).toEqual([
        ['A', '', '', '20,000', ''],
        ['B', '', '', '6,000', ''],
        ['LOT', '', 'L1', '8,000', ''],
        ['VAR', 'BLUE', '', '2,000', ''],
        ['VAR', 'RED', '', '4,000', ''],
      ]);

      const report = await download(`/api/inventories/${inv.id}/differences/report?format=pdf&stockDate=2026-03-10`, 'supervisor', 'ro');
      if (process.env.INVENTAR_PDF_OUT) fs.writeFileSync(`${process.env.INVENTAR_PDF_OUT}/differences-${dialect}.pdf`, report.rawPayload);
      const rtext = await pdfText(report.rawPayload);
      for (const heading of ['Raport diferențe de inventar', 'Diferență', 'Șablon', 'Cost unitar', 'Total plusuri (încărcări)', 'Total minusuri (descărcări)', 'Mișcat']) {
        expect(rtext).toContain(heading);
      }
      expect(rtext).toMatch(/MAIN\s+A\s+Articol A\s+buc\s+A1\s+4,000\s+0,000\s+4,000\s+PLU\s+11,00000\s+44,00/);
      expect(rtext).toContain('32,50');
      const en = await download(`/api/inventories/${inv.id}/differences/report?format=csv&stockDate=2026-03-10`, 'supervisor', 'en');
      const enRows = parse(en.body, { bom: true }) as string[][];
      expect(enRows[0].slice(10)).toEqual(['Counted', 'Book', 'Difference', 'Template', 'Unit cost', 'Value', 'Moved', 'Over tolerance', 'Counts', 'Reason', 'Decision']);
      // 5 keys, then the totals (surplus, shortage, net in the Value column; the key count)
      expect(enRows).toHaveLength(10);
      // the rows' values add up to the totals (cents summed here, as integers)
      const cents = enRows.slice(1, 6).map((r) => Number(r[15].replace('.', '')));
      expect(cents.filter((c) => c > 0).reduce((x, y) => x + y, 0)).toBe(4400);
      expect(cents.filter((c) => c < 0).reduce((x, y) => x + y, 0)).toBe(-3250);
      expect(enRows.slice(6).map((r) => [r[0], r[15]])).toEqual([
        ['Total surpluses (loads)', '44.00'],
        ['Total shortages (unloads)', '32.50'],
        ['Net difference', '11.50'],
        ['Keys', '5'],
      ]);
    });

    it('posts one load and one unload record per warehouse, closes the inventory, and a second post is 409', async () => {
      const r = await api.call('POST', `/api/inventories/${inv.id}/differences`, { stockDate: '2026-03-10', postingDate: '2026-03-10', zeroUncounted: true }, { as: 'supervisor' });
      expectStatus(r, 201);
      expect(r.body.totals).toMatchObject({ surplusValue: '44.00', shortageValue: '43.83' });
      const [load, unload] = r.body.records;
      expect(load).toMatchObject({ warehouse: 'MAIN', template: 'PLU', date: '2026-03-10', origin: 'inventory', inventoryId: inv.id, internalDocument: 'INV 2026/1' });
      expect(load.lines.map((l: any) => [l.item, l.location, l.quantity, l.unitCost, l.amount])).toEqual([['A', 'A1', '4.000', '11.00000', '44.00']]);
      expect(unload).toMatchObject({ warehouse: 'MAIN', template: 'MIN', origin: 'inventory', inventoryId: inv.id });
      expect(unload.lines.map((l: any) => [l.item, l.variant, l.quantity, l.unitCost, l.amount])).toEqual([
        ['A', '', '-2.000', '11.00000', '-22.00'],
        ['B', '', '-1.000', '4.83333', '-4.83'],
        ['VAR', 'BLUE', '-2.000', '5.66667', '-11.33'],
        ['VAR', 'RED', '-1.000', '5.66667', '-5.67'],
      ]);
      expect(r.body.records).toHaveLength(2);
      // what the post answers is what the ledger holds
      for (const posted of r.body.records) expect((await api.call('GET', `/api/records/${posted.id}`)).body).toEqual(posted);
      // stock at the posting date is what was counted (BLUE zeroed)
      const stock = await api.call('GET', '/api/stock?date=2026-03-10&warehouse=MAIN&by=variant,lot,location');
      expect(stock.body.rows.map((s: any) => [s.item, s.variant, s.lot, s.location, s.quantity])).toEqual([
        ['A', '', '', '', '18.000'],
        ['A', '', '', 'A1', '4.000'],
        ['B', '', '', '', '5.000'],
        ['LOT', '', 'L1', '', '8.000'],
        ['VAR', 'RED', '', '', '3.000'],
      ]);
      const closed = await api.call('GET', `/api/inventories/${inv.id}`, undefined, { as: 'supervisor' });
      expect(closed.body).toMatchObject({ closed: true, closedBy: 'supervisor' });
      expect(closed.body.postedAt).toBeTruthy();
      const second = await refused(api, 409, 'INV_ERR_INVENTORY_POSTED', () =>
        api.call('POST', `/api/inventories/${inv.id}/differences`, { postingDate: '2026-03-10' }, { as: 'supervisor', lang: 'ro' }),
      );
      expect(second.body.detail).toContain('au fost deja înregistrate');
      // read-only now: counting, lists, edits, reopening
      await refused(api, 409, 'INV_ERR_INVENTORY_POSTED', () => count(main.id, { item: 'B', quantity: '1', mode: 'add' }));
      await refused(api, 409, 'INV_ERR_INVENTORY_POSTED', () => api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }));
      await refused(api, 409, 'INV_ERR_INVENTORY_POSTED', () => api.call('PUT', `/api/inventories/${inv.id}`, { closed: false }));
      await refused(api, 409, 'INV_ERR_INVENTORY_POSTED', () => api.call('GET', `/api/inventories/${inv.id}/differences`, undefined, { as: 'supervisor' }));
      // a retried scan id still answers its first result
      expect((await count(main.id, { item: 'B', quantity: '1', scanId: 'hh1-0001', mode: 'add' })).status).toBe(201);
      const audit = await api.store.db.selectFrom('audit_log').select(['entity', 'action']).where('entity', '=', 'inventory').where('action', '=', 'post').execute();
      expect(audit).toHaveLength(1);
    });
  });
}

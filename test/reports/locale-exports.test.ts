/**
 * Exports in the reader's format (SPEC §14, issue 15 points 1–2), on both
 * dialects: a Romanian CSV read as a Romanian spreadsheet reads it (BOM, `;`,
 * decimal comma) with the JSON API's totals; `?csvStyle=` overrides the
 * language; an XLSX read back with ExcelJS has numeric cells equal to the
 * API's; PDF text shows `1.355,000` in Romanian and `1,355.000` in English;
 * a `;` CSV import with decimal commas gives the same records as the `,` one.
 *
 * Figures by hand: item A, 1355 units at 1234.5 → 1,672,747.50.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, pdfText, seedInventoryFixture } from '../inventory/support.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const D = '2026-03-10';

for (const dialect of dialects) {
  describe(`exports in the reader's format [${dialect}]`, () => {
    let api: TestApi;
    let list: number;
    let inventory: number;

    const raw = (url: string, lang: 'ro' | 'en') =>
      api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${api.tokens.supervisor}`, 'accept-language': lang } });

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-03-01', lines: [{ item: 'A', quantity: '1355', unitCost: '1234.5' }] }), 201);
      const inv = await api.call('POST', '/api/inventories', { date: D, operator: 'E1' }, { as: 'supervisor' });
      expectStatus(inv, 201);
      inventory = inv.body.id;
      const l = await api.call('POST', `/api/inventories/${inventory}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' });
      expectStatus(l, 201);
      list = l.body.id;
      expectStatus(await api.call('POST', `/api/lists/${list}/lines`, { item: 'A', quantity: '1350' }, { as: 'counter' }), 201);
    });
    afterAll(async () => api.close());

    it('a Romanian CSV opens in a Romanian spreadsheet: BOM, `;`, decimal comma, the JSON totals', async () => {
      const json = await api.call('GET', `/api/reports/valued-inventory?date=${D}`);
      expectStatus(json, 200);
      expect(json.body.totals).toEqual({ quantity: '1355.000', value: '1672747.50' });
      const r = await api.call('GET', `/api/reports/valued-inventory?date=${D}&format=csv`, undefined, { lang: 'ro' });
      expectStatus(r, 200);
      expect(r.text.charCodeAt(0)).toBe(0xfeff);
      // what a Romanian spreadsheet does: split on `;`, read `,` as the decimal mark
      const rows = parse(r.text, { bom: true, delimiter: ';' }) as string[][];
      expect(rows[0]).toEqual(['Articol', 'Descriere', 'UM', 'Cantitate', 'Cost unitar', 'Valoare']);
      expect(rows[1].slice(3)).toEqual(['1355,000', '1234,50000', '1672747,50']);
      const total = rows[rows.length - 1];
      expect(total[0]).toBe('Total');
      const asNumber = (cell: string) => cell.replace(',', '.');
      expect([asNumber(total[3]), asNumber(total[5])]).toEqual([json.body.totals.quantity, json.body.totals.value]);
    });

    it('?csvStyle overrides the language, both ways', async () => {
      const en = await api.call('GET', `/api/reports/valued-inventory?date=${D}&format=csv&csvStyle=en`, undefined, { lang: 'ro' });
      const enRows = parse(en.text, { bom: true }) as string[][];
      expect(enRows[0][0]).toBe('Articol');
      expect(enRows[1].slice(3)).toEqual(['1355.000', '1234.50000', '1672747.50']);
      const ro = await api.call('GET', `/api/lists/${list}/count-sheet?format=csv&csvStyle=ro`, undefined, { as: 'supervisor', lang: 'en' });
      const roRows = parse(ro.text, { bom: true, delimiter: ';' }) as string[][];
      expect(roRows[0][0]).toBe('No.');
      expect(roRows.find((row) => row[2] === 'A')![9]).toBe('1355,000');
      const diff = await api.call('GET', `/api/inventories/${inventory}/differences/report?format=csv&stockDate=${D}&csvStyle=ro`, undefined, { as: 'supervisor', lang: 'en' });
      const a = (parse(diff.text, { bom: true, delimiter: ';' }) as string[][]).find((row) => row[1] === 'A')!;
      // 1350 counted − 1355 book = −5 at 1234.5 = −6172.50
      expect(a.slice(10, 13)).toEqual(['1350,000', '1355,000', '-5,000']);
      expect(a[15]).toBe('-6172,50');
      expectStatus(await api.call('GET', `/api/reports/valued-inventory?date=${D}&format=csv&csvStyle=de`), 400);
    });

    it('XLSX of every report: numeric cells equal to the API, formats, a bold total', async () => {
      const json = await api.call('GET', `/api/reports/valued-inventory?date=${D}`);
      const r = await raw(`/api/reports/valued-inventory?date=${D}&format=xlsx`, 'ro');
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe(XLSX);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.getRow(1).values).toEqual([undefined, 'Articol', 'Descriere', 'UM', 'Cantitate', 'Cost unitar', 'Valoare']);
      const row = ws.getRow(2);
      expect([row.getCell(4).value, row.getCell(5).value, row.getCell(6).value]).toEqual([1355, 1234.5, 1672747.5]);
      expect([row.getCell(4).numFmt, row.getCell(5).numFmt, row.getCell(6).numFmt]).toEqual(['#,##0.000', '#,##0.00000', '#,##0.00']);
      const last = ws.getRow(ws.rowCount);
      expect(last.getCell(1).value).toBe('Total');
      expect(last.getCell(4).value).toBe(Number(json.body.totals.quantity));
      expect(last.getCell(6).value).toBe(Number(json.body.totals.value));
      expect(last.getCell(6).font?.bold).toBe(true);

      const sheet = await raw(`/api/lists/${list}/count-sheet?format=xlsx`, 'en');
      expect(sheet.headers['content-type']).toBe(XLSX);
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
      const aRow = wb2.worksheets[0].getRows(2, wb2.worksheets[0].rowCount - 1)!.find((x) => x.getCell(3).value === 'A')!;
      expect(aRow.getCell(10).value).toBe(1355);

      const preview = await api.call('GET', `/api/inventories/${inventory}/differences?stockDate=${D}`, undefined, { as: 'supervisor' });
      expectStatus(preview, 200);
      const diff = await raw(`/api/inventories/${inventory}/differences/report?format=xlsx&stockDate=${D}`, 'en');
      expect(diff.statusCode).toBe(200);
      const wb3 = new ExcelJS.Workbook();
      await wb3.xlsx.load(diff.rawPayload as unknown as ArrayBuffer);
      const ws3 = wb3.worksheets[0];
      const dA = ws3.getRows(2, ws3.rowCount - 1)!.find((x) => x.getCell(2).value === 'A')!;
      expect([dA.getCell(11).value, dA.getCell(12).value, dA.getCell(13).value, dA.getCell(16).value]).toEqual([1350, 1355, -5, -6172.5]);
      const totals = ws3.getRows(2, ws3.rowCount - 1)!.filter((x) => String(x.getCell(1).value).startsWith('Total'));
      expect(totals.map((x) => x.getCell(16).value)).toEqual([Number(preview.body.totals.surplusValue), Number(preview.body.totals.shortageValue)]);
    });

    it('PDFs show 1.355,000 in Romanian and 1,355.000 in English, dates 10.03.2026 / 2026-03-10', async () => {
      const ro = await pdfText((await raw(`/api/reports/valued-inventory?date=${D}&format=pdf`, 'ro')).rawPayload);
      expect(ro).toMatch(/1\.355,000\s+1\.234,50000\s+1\.672\.747,50/);
      expect(ro).toContain('Data: 10.03.2026');
      const en = await pdfText((await raw(`/api/reports/valued-inventory?date=${D}&format=pdf`, 'en')).rawPayload);
      expect(en).toMatch(/1,355\.000\s+1,234\.50000\s+1,672,747\.50/);
      expect(en).toContain('Date: 2026-03-10');
      const sheet = await pdfText((await raw(`/api/lists/${list}/count-sheet?format=pdf`, 'ro')).rawPayload);
      expect(sheet).toContain('1.355,000');
      const diff = await pdfText((await raw(`/api/inventories/${inventory}/differences/report?format=pdf&stockDate=${D}`, 'ro')).rawPayload);
      expect(diff).toMatch(/1\.350,000\s+1\.355,000\s+-5,000/);
      expect(diff).toContain('-6.172,50');
    });

    it('a `;` CSV with decimal commas and dd.mm.yyyy dates imports the same records as the `,` one', async () => {
      const en = await api.call('POST', '/api/import/records', 'warehouse,template,date,item,quantity,unitCost\nMAIN,CAR,2026-03-02,B,1500,2.5\n');
      expectStatus(en, 201);
      const ro = await api.call('POST', '/api/import/records', '\ufeffwarehouse;template;date;item;quantity;unitCost\nMAIN;CAR;02.03.2026;B;1.500;2,5\n');
      expectStatus(ro, 201);
      const lines = async (id: number) => {
        const r = await api.call('GET', `/api/records/${id}`);
        return { date: r.body.date, lines: r.body.lines.map((l: any) => [l.item, l.quantity, l.unitCost, l.amount]) };
      };
      const a = await lines(en.body.recordIds[0]);
      expect(a).toEqual({ date: '2026-03-02', lines: [['B', '1500.000', '2.50000', '3750.00']] });
      expect(await lines(ro.body.recordIds[0])).toEqual(a);
    });

    it('a `;` CSV number that could be read two ways is refused with its row, nothing imported', async () => {
      const before = await api.call('GET', '/api/records?limit=1');
      const r = await api.call('POST', '/api/import/records', 'warehouse;template;date;item;quantity;unitCost\nMAIN;CAR;02.03.2026;B;1.5;2\n', { lang: 'ro' });
      expectStatus(r, 400, 'INV_ERR_BAD_CSV');
      expect(r.body.errors).toEqual([expect.objectContaining({ path: '/rows/2/quantity', code: 'INV_ERR_LOCALE_NUMBER' })]);
      expect((await api.call('GET', '/api/records?limit=1')).body.total).toBe(before.body.total);
    });

    it('a message carries its numbers and dates in the user language, the params stay the API format', async () => {
      const sale = { warehouse: 'MAIN', template: 'VAN', date: '2026-03-05', lines: [{ item: 'A', quantity: '3000' }] };
      const ro = await api.call('POST', '/api/records', sale, { lang: 'ro' });
      expectStatus(ro, 422, 'INV_ERR_NEGATIVE_STOCK');
      // 1355 in stock − 3000 = −1645
      expect(ro.body.detail).toContain('stocul ar deveni -1.645,000 la data 05.03.2026');
      const en = await api.call('POST', '/api/records', sale, { lang: 'en' });
      expect(en.body.detail).toContain('stock would become -1,645.000 on 2026-03-05');
    });

    it('counts import in the `;` style: `1.200` is twelve hundred, `2,5` two and a half', async () => {
      const r = await api.call('POST', `/api/lists/${list}/import`, 'item;quantity;mode\nB;1.200;add\n', { as: 'counter' });
      expectStatus(r, 201);
      const lines = await api.call('GET', `/api/lists/${list}/lines`, undefined, { as: 'supervisor' });
      expect(lines.body.items.find((l: any) => l.item === 'B').countedQuantity).toBe('1200.000');
      // a decimal comma too many for `buc`: the unit's rule answers, in the file's numbers
      const bad = await api.call('POST', `/api/lists/${list}/import`, 'item;quantity;mode\nB;2,5;add\n', { as: 'counter', lang: 'ro' });
      expectStatus(bad, 422, 'INV_ERR_UOM_DECIMALS');
    });

    it('the generated note of a difference record is written in the poster language, with its date', async () => {
      const r = await api.call('POST', `/api/inventories/${inventory}/differences`, { stockDate: D, postingDate: D }, { as: 'supervisor', lang: 'ro' });
      expectStatus(r, 201);
      expect(r.body.records.length).toBeGreaterThan(0);
      for (const rec of r.body.records) expect(rec.notes).toBe('stoc scriptic la data 10.03.2026');
    });

    it('the OpenAPI document offers xlsx and csvStyle on every report with CSV', async () => {
      const doc = (await api.call('GET', '/api/openapi.json')).body;
      for (const path of ['/api/reports/valued-inventory', '/api/lists/{id}/count-sheet', '/api/inventories/{id}/differences/report']) {
        const op = doc.paths[path].get;
        const param = (name: string) => op.parameters.find((p: { name: string }) => p.name === name)?.schema;
        expect(param('format').enum, path).toContain('xlsx');
        expect(param('csvStyle').enum, path).toEqual(['ro', 'en']);
        expect(Object.keys(op.responses['200'].content), path).toContain(XLSX);
      }
    });
  });
}

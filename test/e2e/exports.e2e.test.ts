/**
 * Issue 15 "what it must show", in the browser (files downloaded through the
 * screens' buttons, in both languages): the valued inventory's CSV parsed as a
 * Romanian spreadsheet would (BOM, `;`, decimal comma; in English `,` and the
 * dot) with totals equal to the API's; its XLSX read back with ExcelJS has
 * numeric cells equal to the API's; its PDF's text shows `1.355,000` in
 * Romanian and `1,355.000` in English; and a record with `1.500` typed in
 * Romanian stores 1500.
 *
 * Figures by hand, for an item of our own (EX01), bought today:
 *   1355 kg at 1234.50 → 1,672,747.50
 *
 * Runs only under vitest.e2e.config.ts.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addItem, afterSuite, buyToday, ok, openBrowser, signInAs, startSuite, today, type Api, type Browser, type TestServer } from './harness.ts';
import { pdfText } from '../inventory/support.ts';

async function setLang(page: Page, lang: 'ro' | 'en'): Promise<void> {
  await page.getByTestId(`lang-${lang}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}

/** the file a download button gives: its name and bytes */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

describe('exports and typed numbers in chromium (issue 15)', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Api;
  let sef: Api;
  let totals: { quantity: string; value: string };

  beforeAll(async () => {
    ({ server, admin, sef } = await startSuite());
    await addItem(admin, 'EX01', 'Sârmă export', 'kg');
    await addItem(admin, 'EX02', 'Cuie tastate', 'kg');
    await buyToday(sef, 'NIR EX', [['EX01', '1355', '1234.5']]);
    totals = ok(await sef('GET', `/api/reports/valued-inventory?date=${today}&itemFrom=EX01&itemTo=EX01&format=json`)).totals;
    browser = await openBrowser(server.url, { viewport: { width: 1280, height: 900 } });
    await signInAs(browser.page, 'sef', 'demo-sef-2026');
  });

  afterSuite('exports', () => browser, () => server);

  it('the API agrees with the figures by hand', () => {
    expect(totals).toEqual({ quantity: '1355.000', value: '1672747.50' });
  });

  for (const lang of ['ro', 'en'] as const) {
    it(`valued inventory (${lang}): CSV as the language's spreadsheet reads it, XLSX numbers and PDF text equal the API's`, async () => {
      const page = browser.page;
      await page.goto('/valued-inventory');
      await setLang(page, lang);
      await page.getByLabel(lang === 'ro' ? 'De la articolul' : 'Item from', { exact: true }).fill('EX01');
      await page.getByLabel(lang === 'ro' ? 'Până la articolul' : 'Item to', { exact: true }).fill('EX01');
      await page.getByTestId('valued-run').click();
      await expect.poll(() => page.getByTestId('valued-total-value').getAttribute('data-value'), { timeout: 60_000 }).toBe(totals.value);

      // CSV: Romanian BOM + `;` + decimal comma; English `,` + dot (a spreadsheet of the language splits and reads it so)
      const csv = await download(page, 'valued-csv');
      expect(csv.name).toMatch(/\.csv$/);
      const text = csv.bytes.toString('utf8');
      const rows = parse(text, { bom: true, delimiter: lang === 'ro' ? ';' : ',' }) as string[][];
      if (lang === 'ro') expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(rows[0]).toEqual(lang === 'ro' ? ['Articol', 'Descriere', 'UM', 'Cantitate', 'Cost unitar', 'Valoare'] : ['Item', 'Description', 'UoM', 'Quantity', 'Unit cost', 'Value']);
      const asApi = (cell: string) => (lang === 'ro' ? cell.replace(',', '.') : cell);
      const ex = rows.find((r) => r[0] === 'EX01')!;
      expect(ex.slice(3).map(asApi)).toEqual(['1355.000', '1234.50000', '1672747.50']);
      const total = rows[rows.length - 1];
      expect([asApi(total[3]), asApi(total[5])]).toEqual([totals.quantity, totals.value]);

      // XLSX read back with ExcelJS: numbers as numbers, equal to the API's
      const xlsx = await download(page, 'valued-xlsx');
      expect(xlsx.name).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      const exRow = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === 'EX01')!;
      expect([exRow.getCell(4).value, exRow.getCell(5).value, exRow.getCell(6).value]).toEqual([1355, 1234.5, 1672747.5]);
      const last = ws.getRow(ws.rowCount);
      expect([last.getCell(4).value, last.getCell(6).value]).toEqual([Number(totals.quantity), Number(totals.value)]);

      // PDF: the numbers as the language reads them
      const pdf = await download(page, 'valued-pdf');
      const pdfWords = await pdfText(pdf.bytes);
      expect(pdfWords).toMatch(lang === 'ro' ? /1\.355,000\s+1\.234,50000\s+1\.672\.747,50/ : /1,355\.000\s+1,234\.50000\s+1,672,747\.50/);
    });
  }

  it('a record with 1.500 typed in Romanian stores 1500', async () => {
    const page = browser.page;
    await page.goto('/records/new');
    await setLang(page, 'ro');
    await page.getByLabel('Gestiune', { exact: true }).selectOption('DEP');
    await page.getByLabel('Șablon', { exact: true }).selectOption('ACH');
    await page.getByLabel('Client/Furnizor', { exact: true }).first().fill('F001');
    await page.getByLabel('Articol', { exact: true }).fill('EX02');
    await page.getByLabel('Cantitate', { exact: true }).fill('1.500');
    await page.getByLabel('Cost unitar', { exact: true }).fill('2,5');
    await page.getByLabel('Locație', { exact: true }).fill('R01-A');
    await page.getByTestId('save-record').click();
    await expect.poll(() => /^\/records\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1]).toBeTruthy();
    const id = Number(/^\/records\/(\d+)$/.exec(new URL(page.url()).pathname)![1]);
    const record = ok(await sef('GET', `/api/records/${id}`));
    // by hand: one thousand five hundred kg at 2.50 = 3750.00
    expect(record.lines.map((l: { item: string; quantity: string; amount: string }) => [l.item, l.quantity, l.amount])).toEqual([['EX02', '1500.000', '3750.00']]);
    // shown back in the form as Romanians read and type it, and saved again unchanged it stays 1500
    await expect.poll(() => page.getByLabel('Cantitate', { exact: true }).inputValue()).toBe('1.500,000');
    expect(await page.getByLabel('Cost unitar', { exact: true }).inputValue()).toBe('2,50000');
    const [put] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === `/api/records/${id}`),
      page.getByTestId('save-record').click(),
    ]);
    expect(put.status()).toBe(200);
    expect(ok(await sef('GET', `/api/records/${id}`)).lines.map((l: { quantity: string; amount: string }) => [l.quantity, l.amount])).toEqual([['1500.000', '3750.00']]);
  });
});

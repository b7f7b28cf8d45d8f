/**
 * The accounting screens in a real browser (issue 17, SPEC §9): the stock
 * account and CN code on the item form, the accounts and SAF-T movement type
 * on the template form (server errors on their fields), a record posted with
 * that template, its journal lines and the per-account totals, the CSV, and
 * the stock reconciliation with a flagged difference and its downloads. A
 * viewer sees both screens; a counter sees neither. axe-core on each screen.
 *
 * Figures by hand, all dated today, on items of our own:
 *   AC01 (stock account 371.01 set in the item form): DEP DON (STOCK / 7582,
 *     updates the average cost) +4 × 2.50 → one entry line 371.01 / 7582,
 *     10.00; totals 371.01 debit 10.00, 7582 credit 10.00 (balance −10.00);
 *     DEP is valued at the average (its only load: 2.50): 371.01 journal
 *     10.00, inventory 4 × 2.50 = 10.00, difference 0.00
 *   AC02 (stock account 371.02): DEP FCT (no accounts, updates the average
 *     cost) +2 × 3.00 → no entry; 371.02 journal 0.00, inventory 6.00,
 *     difference −6.00
 *
 * Runs only under vitest.e2e.config.ts.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiLogin, afterSuite, shot, clearFailureShots, ensureBuiltUi, openBrowser, seriousViolations, startServer, type AxeViolation, type Browser, type TestServer, today, type Api, ok, signInAs } from './harness.ts';

async function setLang(page: Page, lang: 'ro' | 'en'): Promise<void> {
  await page.getByTestId(`lang-${lang}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}

/** The error shown under the field labelled `label`. */
const fieldError = (page: Page, label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');

/** The cells of a grid's body rows: data-col → data-value (decimals) or text. */
const gridRows = (page: Page, testId: string) =>
  page.locator(`[data-testid="${testId}"] tbody tr`).evaluateAll((trs) =>
    trs
      .filter((tr) => !tr.querySelector('td.empty'))
      .map((tr) => Object.fromEntries([...tr.querySelectorAll('td[data-col]')].map((td) => [td.getAttribute('data-col'), td.getAttribute('data-value') ?? (td.textContent ?? '').trim()]))),
  );

/** The reconciliation rows as shown: account, the three figures and the flag. */
const reconRows = (page: Page) =>
  page.locator('[data-testid="recon-row"]').evaluateAll((trs) =>
    trs.map((tr) => ({
      account: tr.getAttribute('data-account'),
      journalBalance: tr.querySelector('[data-col="journalBalance"]')?.getAttribute('data-value'),
      inventoryValue: tr.querySelector('[data-col="inventoryValue"]')?.getAttribute('data-value'),
      difference: tr.querySelector('[data-col="difference"]')?.getAttribute('data-value'),
      flagged: tr.getAttribute('data-differs') === 'true' && !!tr.querySelector('.badge-bad'),
    })),
  );

describe('web UI: journal and stock reconciliation in chromium', () => {
  let server: TestServer;
  let boss: Browser;
  let admin: Api;
  let recordId = 0;
  const axe: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    ensureBuiltUi();
    clearFailureShots();
    server = await startServer();
    admin = await apiLogin(server.url, 'admin', ADMIN_PASSWORD);
    ok(await admin('POST', '/api/items', { code: 'AC01', description: 'Cablu donat', uom: 'buc' }));
    ok(await admin('POST', '/api/items', { code: 'AC02', description: 'Rest de cablu', uom: 'buc', stockAccount: '371.02' }));
    // a template without accounts: the stock is there, the journal knows nothing of it
    ok(await admin('POST', '/api/warehouses/DEP/templates', { code: 'FCT', description: 'Intrare fără note contabile', type: 'load', proposedCost: 'last', updateAverageCost: true, fiscalInterest: true }));
    ok(await admin('POST', '/api/records', { warehouse: 'DEP', template: 'FCT', date: today, lines: [{ item: 'AC02', quantity: '2', unitCost: '3', location: 'R01-A' }] }));
    boss = await openBrowser(server.url, { viewport: { width: 1280, height: 900 } });
  });

  afterSuite('accounting', () => boss, () => server);

  it('item form: the stock account (default shown, a bad one refused on its field) and the CN code', async () => {
    const page = boss.page;
    await signInAs(page, 'admin', ADMIN_PASSWORD);
    await setLang(page, 'ro');
    await page.goto('/config/items');
    await page.getByLabel('Cod sau descriere').fill('AC0');
    await page.getByRole('button', { name: 'Caută' }).click();
    const row = (code: string) => page.locator('tr', { has: page.getByRole('button', { name: code, exact: true }) });
    // no type, no account given: the default, 371
    await expect.poll(() => row('AC01').locator('td[data-col="stockAccount"]').textContent()).toBe('371');
    await expect(row('AC02').locator('td[data-col="stockAccount"]').textContent()).resolves.toBe('371.02');
    await row('AC01').getByRole('button', { name: 'AC01' }).click();
    const account = page.getByLabel('Cont de stoc', { exact: true });
    await expect(account.inputValue()).resolves.toBe('371');
    await expect(page.locator('.field', { has: account }).locator('.hint').textContent()).resolves.toMatch(/Gol = contul implicit al tipului de articol/);
    await account.fill('371-01');
    await page.getByLabel('Cod NC', { exact: true }).fill('8544');
    await page.getByRole('button', { name: 'Salvează' }).click();
    await expect.poll(() => fieldError(page, 'Cont de stoc').textContent()).toMatch(/Contul „371-01” nu este valid/);
    await expect(fieldError(page, 'Cod NC').textContent()).resolves.toMatch(/8544/);
    await expect(account.getAttribute('aria-invalid')).resolves.toBe('true');
    axe['items-form-ro'] = await seriousViolations(page);
    await shot(page, 'accounting-item-errors-ro');
    await account.fill('371.01');
    await page.getByLabel('Cod NC', { exact: true }).fill('85444290');
    await page.getByRole('button', { name: 'Salvează' }).click();
    await page.getByText('Salvat.').waitFor();
    await expect.poll(() => row('AC01').locator('td[data-col="stockAccount"]').textContent()).toBe('371.01');
    await expect(row('AC01').locator('td[data-col="ncCode"]').textContent()).resolves.toBe('85444290');
    const item = ok(await admin('GET', '/api/items/AC01'));
    expect([item.stockAccount, item.ncCode]).toEqual(['371.01', '85444290']);
  });

  it("template form: a template's accounts and SAF-T movement type, the pair rule on its field", async () => {
    const page = boss.page;
    await page.goto('/config/templates?warehouse=DEP');
    await page.locator('tr', { has: page.getByRole('button', { name: 'ACH', exact: true }) }).waitFor();
    // the demo's purchase: STOCK / 401
    const ach = page.locator('tr', { has: page.getByRole('button', { name: 'ACH', exact: true }) });
    await expect(ach.locator('td[data-col="debitAccount"]').textContent()).resolves.toBe('STOCK');
    await expect(ach.locator('td[data-col="creditAccount"]').textContent()).resolves.toBe('401');
    await page.getByRole('button', { name: '+ Nou' }).click();
    await page.getByLabel('Cod', { exact: true }).fill('DON');
    await page.getByLabel('Descriere', { exact: true }).fill('Donație primită');
    await page.getByLabel('Cont debitor', { exact: true }).fill('STOCK');
    await expect(page.locator('.field', { has: page.getByLabel('Cont debitor', { exact: true }) }).locator('.hint').textContent()).resolves.toMatch(/STOCK = contul de stoc al articolului/);
    await page.getByLabel('Tip mișcare SAF-T', { exact: true }).fill('10');
    // its loads value the stock at the average (SPEC §6)
    await page.getByLabel('Actualizează costul mediu', { exact: true }).check();
    await page.getByRole('button', { name: 'Salvează' }).click();
    // a debit account without a credit account: refused, on the credit field
    await expect.poll(() => fieldError(page, 'Cont creditor').textContent()).toMatch(/ambele conturi/);
    axe['templates-form-ro'] = await seriousViolations(page);
    await shot(page, 'accounting-template-errors-ro');
    await page.getByLabel('Cont creditor', { exact: true }).fill('7582');
    await page.getByRole('button', { name: 'Salvează' }).click();
    await page.getByText('Salvat.').waitFor();
    const don = page.locator('tr', { has: page.getByRole('button', { name: 'DON', exact: true }) });
    await expect.poll(() => don.locator('td[data-col="creditAccount"]').textContent()).toBe('7582');
    await expect(don.locator('td[data-col="debitAccount"]').textContent()).resolves.toBe('STOCK');
    await expect(don.locator('td[data-col="saftMovementType"]').textContent()).resolves.toBe('10');
    const templates = ok(await admin('GET', '/api/warehouses/DEP/templates'));
    const saved = (Array.isArray(templates) ? templates : templates.items).find((x: { code: string }) => x.code === 'DON');
    expect([saved.debitAccount, saved.creditAccount, saved.saftMovementType]).toEqual(['STOCK', '7582', '10']);
  });

  it('a record posted with it, then its journal lines and the per-account totals (ro)', async () => {
    const page = boss.page;
    await page.goto('/records/new');
    await page.getByLabel('Gestiune', { exact: true }).selectOption('DEP');
    await page.getByLabel('Șablon', { exact: true }).selectOption('DON');
    await page.getByLabel('Articol', { exact: true }).fill('AC01');
    await page.getByLabel('Cantitate', { exact: true }).fill('4');
    await page.getByLabel('Cost unitar', { exact: true }).fill('2,5');
    await page.getByLabel('Locație', { exact: true }).fill('R01-A');
    await page.getByTestId('save-record').click();
    await expect.poll(() => /^\/records\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1]).toBeTruthy();
    recordId = Number(/^\/records\/(\d+)$/.exec(new URL(page.url()).pathname)![1]);

    await page.goto('/');
    await page.getByRole('link', { name: /^Jurnal contabil/ }).click();
    await page.getByTestId('journal-record').fill(String(recordId));
    await page.getByTestId('journal-search').click();
    await expect.poll(() => gridRows(page, 'journal-grid')).toEqual([{ date: today.split('-').reverse().join('.'), record: String(recordId), debitAccount: '371.01', creditAccount: '7582', amount: '10.00' }]);
    await expect(page.locator('[data-testid="journal-grid"] td[data-col="amount"]').textContent()).resolves.toBe('10,00');
    await expect(gridRows(page, 'journal-totals')).resolves.toEqual([
      { account: '371.01', debit: '10.00', credit: '0.00', balance: '10.00' },
      { account: '7582', debit: '0.00', credit: '10.00', balance: '-10.00' },
    ]);
    await expect(page.getByTestId('journal-total-debit').getAttribute('data-value')).resolves.toBe('10.00');
    await expect(page.getByTestId('journal-total-credit').getAttribute('data-value')).resolves.toBe('10.00');
    await expect(page.getByTestId('journal-total-balance').getAttribute('data-value')).resolves.toBe('0.00');
    // the CSV in the Romanian style: BOM, semicolons, decimal comma
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('journal-csv').click()]);
    const csv = fs.readFileSync((await file.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1].split(';')).toEqual(expect.arrayContaining(['371.01', '7582', '10,00']));
    // the record number links to the record
    await page.locator('[data-testid="journal-grid"] td[data-col="record"] a').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/records/${recordId}`);
  });

  it('the journal (en): filtered by account, paged on the server, totals over every matching line', async () => {
    const page = boss.page;
    await page.goto('/journal');
    await setLang(page, 'en');
    await page.getByRole('heading', { name: 'Journal' }).waitFor();
    // everything: more than a page; the range and the second page come from the server
    const all = ok(await admin('GET', '/api/journal?limit=50'));
    expect(all.total).toBeGreaterThan(50);
    await expect.poll(() => page.getByTestId('journal-range').textContent()).toBe(`1–50 of ${all.total}`);
    await expect(page.locator('[data-testid="journal-grid"] tbody tr').count()).resolves.toBe(50);
    await expect.poll(async () => (await gridRows(page, 'journal-totals')).map((r) => [r.account, r.debit, r.credit, r.balance])).toEqual(all.totals.map((r: { account: string; debit: string; credit: string; balance: string }) => [r.account, r.debit, r.credit, r.balance]));
    await page.getByTestId('journal-next').click();
    const second = ok(await admin('GET', '/api/journal?limit=50&offset=50'));
    await expect.poll(() => page.getByTestId('journal-range').textContent()).toBe(`51–${Math.min(100, all.total)} of ${all.total}`);
    await expect.poll(async () => (await gridRows(page, 'journal-grid')).map((r) => [r.record, r.amount])).toEqual(second.items.map((r: { recordId: number; amount: string }) => [String(r.recordId), r.amount]));
    axe['journal-en'] = await seriousViolations(page);
    await shot(page, 'accounting-journal-en');
    // one account, either side: 7582 only appears on our record
    await page.getByTestId('journal-account').fill('7582');
    await page.getByTestId('journal-search').click();
    await expect.poll(() => gridRows(page, 'journal-grid')).toEqual([{ date: today, record: String(recordId), debitAccount: '371.01', creditAccount: '7582', amount: '10.00' }]);
    await expect(page.locator('[data-testid="journal-grid"] td[data-col="amount"]').textContent()).resolves.toBe('10.00');
    // a record number that is not one: the server's problem on the record field
    await page.getByTestId('journal-account').fill('');
    await page.getByTestId('journal-record').fill('x1');
    await page.getByTestId('journal-search').click();
    await expect.poll(() => page.locator('.field', { has: page.getByTestId('journal-record') }).locator('.field-error').count()).toBe(1);
    await setLang(page, 'ro');
  });

  it('the stock reconciliation: rows per account, a difference flagged, totals, PDF/CSV/XLSX', async () => {
    const page = boss.page;
    await page.goto('/');
    await page.getByRole('link', { name: /^Reconciliere stocuri/ }).click();
    await expect(page.getByTestId('recon-date').inputValue()).resolves.toBe(today.split('-').reverse().join('.'));
    await page.getByTestId('recon-run').click();
    await page.getByTestId('recon-grid').waitFor();
    const api = ok(await admin('GET', `/api/reports/stock-reconciliation?date=${today}`));
    const shown = await reconRows(page);
    expect(shown.map((r) => [r.account, r.journalBalance, r.inventoryValue, r.difference])).toEqual(
      api.rows.map((r: { account: string; journalBalance: string; inventoryValue: string; difference: string }) => [r.account, r.journalBalance, r.inventoryValue, r.difference]),
    );
    // by hand: our two accounts
    expect(shown.find((r) => r.account === '371.01')).toEqual({ account: '371.01', journalBalance: '10.00', inventoryValue: '10.00', difference: '0.00', flagged: false });
    expect(shown.find((r) => r.account === '371.02')).toEqual({ account: '371.02', journalBalance: '0.00', inventoryValue: '6.00', difference: '-6.00', flagged: true });
    // every non-zero difference is flagged, and only those
    for (const r of shown) expect(r.flagged).toBe(/[1-9]/.test(r.difference ?? ''));
    await expect(page.locator('[data-testid="recon-row"][data-account="371.02"] .badge-bad').textContent()).resolves.toMatch(/nereconciliat/);
    await expect(page.locator('[data-testid="recon-row"][data-account="371.02"] [data-col="difference"]').textContent()).resolves.toMatch(/-6,00$/);
    for (const k of ['journalBalance', 'inventoryValue', 'difference'] as const) await expect(page.getByTestId(`recon-total-${k}`).getAttribute('data-value')).resolves.toBe(api.totals[k]);
    axe['recon-ro'] = await seriousViolations(page);
    await shot(page, 'accounting-reconciliation-ro');
    const fetchFile = async (testId: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
    };
    const pdf = await fetchFile('recon-pdf');
    expect(pdf.name).toBe(`stock-reconciliation-${today}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const xlsx = await fetchFile('recon-xlsx');
    expect(xlsx.name).toBe(`stock-reconciliation-${today}.xlsx`);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const csv = await fetchFile('recon-csv');
    expect(csv.name).toBe(`stock-reconciliation-${today}.csv`);
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('371.02;0,00;6,00;-6,00');
  });

  it('the reconciliation in English, and a viewer sees both screens', async () => {
    const page = boss.page;
    await signInAs(page, 'contabil', 'demo-cont-2026');
    await setLang(page, 'en');
    await expect(page.getByRole('link', { name: /^Journal/ }).count()).resolves.toBe(1);
    await page.getByRole('link', { name: /^Stock reconciliation/ }).click();
    await expect(page.getByTestId('recon-date').inputValue()).resolves.toBe(today);
    await page.getByTestId('recon-run').click();
    await expect.poll(() => page.locator('[data-testid="recon-row"][data-account="371.02"] [data-col="difference"]').textContent()).toMatch(/-6\.00$/);
    await expect(page.locator('[data-testid="recon-row"][data-account="371.02"] .badge-bad').textContent()).resolves.toMatch(/does not agree/);
    axe['recon-en'] = await seriousViolations(page);
    await shot(page, 'accounting-reconciliation-en');
    // an account leads to its journal lines up to the date: 371.01 has only our record's
    await page.locator('[data-testid="recon-row"][data-account="371.01"] a').click();
    await expect.poll(() => gridRows(page, 'journal-grid')).toEqual([{ date: today, record: String(recordId), debitAccount: '371.01', creditAccount: '7582', amount: '10.00' }]);
    await expect(page.getByTestId('journal-account').inputValue()).resolves.toBe('371.01');
    await setLang(page, 'ro');
  });

  it('a counter sees neither screen', async () => {
    const page = boss.page;
    await signInAs(page, 'ana', 'demo-ana-2026');
    await setLang(page, 'en');
    await page.goto('/');
    await page.getByRole('link', { name: /^Counting/ }).waitFor();
    await expect(page.getByRole('link', { name: /^Journal/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: /^Stock reconciliation/ }).count()).resolves.toBe(0);
    for (const path of ['/journal', '/stock-reconciliation']) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    }
    expect(await page.getByTestId('journal-grid').count()).toBe(0);
    await setLang(page, 'ro');
  });

  it('axe-core: no serious violations on the accounting screens and forms', () => {
    expect(Object.keys(axe).sort()).toEqual(['items-form-ro', 'journal-en', 'recon-en', 'recon-ro', 'templates-form-ro']);
    expect(axe).toEqual({ 'items-form-ro': [], 'journal-en': [], 'recon-en': [], 'recon-ro': [], 'templates-form-ro': [] });
  });
});

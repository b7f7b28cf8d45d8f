/**
 * The Romanian yearly inventory in a real browser, in Romanian (SPEC §12,
 * issue 18): the admin sets up the confusion group, the loss allowance and
 * the warehouse's compensation / allowance / imputable templates in the
 * configuration screens; the supervisor creates the inventory, names the
 * commission (and is refused, on the field, a storekeeper who sits on it),
 * records the storekeeper's declaration, types the count sheets into the
 * list, sees SPEC worked example C in the differences preview, downloads the
 * inventory list 14-3-12 and the proces-verbal, posts (records and journal
 * checked through the API), and downloads the registrul-inventar.
 *
 * Figures by hand (SPEC §12 worked example C), all on DEP / R01-A, bought
 * today: YX 2,100 @ 5.00, of which 2,000 sold today (issued since the start
 * of the year); YY 50 @ 8.00; YZ 50 @ 6.00. Counted YX 90 (−10), YY 46 (−4),
 * YZ 56 (+6). Group G = {YX, YY, YZ}; allowance 0.1 % on YX.
 * K = min(6, 14) = 6: YZ +6 (36.00) compensates YX −6 (30.00) (the cheaper
 * shortage first); value difference −6.00, not recorded. Remaining shortage
 * 4 YX + 4 YY = 52.00 > 0.00 surplus: YX takes round(2000 × 0.1 / 100, 3) = 2
 * as allowed loss (10.00); imputable YX 2 (10.00) + YY 4 (32.00) = 42.00.
 * Book values 500.00 + 400.00 + 300.00 = 1,200.00; inventory values
 * 450.00 + 368.00 + 336.00 = 1,154.00; difference −46.00.
 *
 * Runs only under vitest.e2e.config.ts.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { addItem, afterSuite, openBrowser, seriousViolations, shot, signInAs, startSuite, today, ok, ADMIN_PASSWORD, type Api, type AxeViolation, type Browser, type TestServer } from './harness.ts';
import { pdfPages } from '../helpers/pdf-text.ts';

const [YEAR, MONTH, DAY] = today.split('-');
const todayRo = `${DAY}.${MONTH}.${YEAR}`;

/** the message under a field (its aria-describedby's `-error` element) */
const fieldError = (field: Locator) =>
  field.evaluate((el) => {
    const id = (el.getAttribute('aria-describedby') ?? '').split(' ').find((x: string) => x.endsWith('-error'));
    return id ? (el.ownerDocument.getElementById(id)?.textContent ?? '') : '';
  });

const gridRow = (page: Page, grid: string, col: string, text: string) =>
  page.locator(`[data-testid="${grid}"] tbody tr`).filter({ has: page.locator(`td[data-col="${col}"]`, { hasText: new RegExp(`^${text}$`) }) });

async function downloadFile(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

describe('web UI: the Romanian yearly inventory in chromium', () => {
  let server: TestServer;
  let browser: Browser | undefined;
  let admin: Api;
  let sef: Api;
  let inventoryId = 0;
  let inventoryLabel = '';
  const axe: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    ({ server, admin, sef } = await startSuite());
    for (const [code, description] of [
      ['YX', 'Șurub zincat M6'],
      ['YY', 'Șurub zincat M8'],
      ['YZ', 'Șurub zincat M5'],
    ]) {
      await addItem(admin, code, description);
    }
    ok(await sef('POST', '/api/records', {
      warehouse: 'DEP', template: 'ACH', date: today, account: 'F001', internalDocument: 'NIR 77',
      lines: [['YX', '2100', '5'], ['YY', '50', '8'], ['YZ', '50', '6']].map(([item, quantity, unitCost]) => ({ item, quantity, unitCost, location: 'R01-A' })),
    }));
    // the ledger: YX issued 2,000 since the start of the year
    ok(await sef('POST', '/api/records', { warehouse: 'DEP', template: 'VAN', date: today, internalDocument: 'AVZ 12', lines: [{ item: 'YX', quantity: '2000', location: 'R01-A' }] }));
    // the demo sets the four yearly templates: take them off, so the screen is what sets them
    ok(await admin('PUT', '/api/stock-difference-params/DEP', { loadTemplate: 'PLS', unloadTemplate: 'MIN' }));
    browser = await openBrowser(server.url, { viewport: { width: 1366, height: 900 } });
  });

  afterSuite('yearly', () => browser, () => server);

  it('the admin sets the confusion group, the loss allowance and the templates in the configuration screens', async () => {
    const page = browser!.page;
    await signInAs(page, 'admin', ADMIN_PASSWORD);

    await page.goto('/config/confusion-groups');
    await expect.poll(() => page.getByLabel('Anul').inputValue()).toBe(YEAR);
    const groupForm = page.getByRole('form', { name: 'Grupe de confuzie' });
    await groupForm.getByLabel('Cod', { exact: true }).fill('G');
    await groupForm.getByLabel('Descriere').fill('Șuruburi zincate (risc de confuzie)');
    await groupForm.getByLabel('Articole (coduri separate prin virgulă)').fill('YZ, YX, YY');
    await groupForm.getByRole('button', { name: 'Adaugă grupa' }).click();
    await gridRow(page, 'confusion-groups', 'code', 'G').waitFor();
    await expect(gridRow(page, 'confusion-groups', 'code', 'G').locator('td[data-col="items"]').textContent()).resolves.toBe('YX, YY, YZ');
    expect(ok(await sef('GET', `/api/confusion-groups?year=${YEAR}`)).items.map((g: { code: string; items: string[] }) => [g.code, g.items])).toEqual([['G', ['YX', 'YY', 'YZ']]]);
    axe.confusionGroups = await seriousViolations(page);

    // the saved rows replace the form's when they arrive: add ours after that
    const loaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/loss-allowances');
    await page.goto('/config/loss-allowances');
    await (await loaded).finished();
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const allowances = page.getByRole('form', { name: 'Norme de perisabilitate' });
    await allowances.getByRole('button', { name: /Adaugă un rând/ }).click();
    const row = page.getByTestId('loss-allowance-row').last();
    await row.getByLabel('Articol', { exact: true }).fill('YX');
    await row.getByLabel('Procent (%)').fill('0,1');
    await allowances.getByRole('button', { name: 'Salvează' }).click();
    await allowances.getByRole('status').filter({ hasText: 'Salvat.' }).waitFor();
    const pct = ok(await sef('GET', '/api/loss-allowances')).items as { item: string | null; pct: string }[];
    expect(pct.find((a) => a.item === 'YX')).toEqual({ item: 'YX', itemGroup: null, pct: '0.1000' });
    // shown back in the Romanian number format
    await page.reload();
    await expect.poll(() => page.getByTestId('loss-allowance-row').last().getByLabel('Procent (%)').inputValue()).toBe('0,1000');
    axe.lossAllowances = await seriousViolations(page);

    await page.goto('/config/stock-difference-params');
    const dep = page.getByRole('form', { name: 'Parametrii diferențelor de inventar DEP' });
    await expect.poll(() => dep.getByLabel('Șablon minus (descărcare)').inputValue()).toBe('MIN');
    for (const [label, template] of [
      ['Șablon plus compensat (încărcare)', 'CPL'],
      ['Șablon minus compensat (descărcare)', 'CMN'],
      ['Șablon perisabilități (descărcare)', 'PER'],
      ['Șablon lipsă imputabilă (descărcare)', 'IMP'],
    ]) {
      await dep.getByLabel(label).selectOption(template);
    }
    await dep.getByRole('button', { name: 'Salvează' }).click();
    await dep.getByRole('status').filter({ hasText: 'Salvat.' }).waitFor();
    expect(ok(await sef('GET', '/api/stock-difference-params/DEP'))).toMatchObject({
      loadTemplate: 'PLS', unloadTemplate: 'MIN', compensationLoadTemplate: 'CPL', compensationUnloadTemplate: 'CMN', allowanceTemplate: 'PER', imputableTemplate: 'IMP',
    });
    axe.stockDifferenceParams = await seriousViolations(page);
    await shot(page, 'yearly-01-stock-difference-params');
  });

  it('the supervisor creates the inventory and names the commission; a storekeeper on the commission is refused on the field', async () => {
    const page = browser!.page;
    await signInAs(page, 'sef', 'demo-sef-2026');
    await page.goto('/inventories/new');
    await page.getByLabel('Data', { exact: true }).fill(todayRo);
    await page.getByLabel('Operator').selectOption('E001');
    await page.getByLabel('Descriere').fill(`Inventarierea anuală ${YEAR}`);
    await page.getByTestId('save-inventory').click();
    await page.waitForURL(/\/inventories\/\d+$/);
    inventoryId = Number(page.url().split('/').pop());
    const inv = ok(await sef('GET', `/api/inventories/${inventoryId}`));
    expect(inv).toMatchObject({ date: today, closed: false });
    inventoryLabel = `${inv.year}-${inv.number}`;
    await page.getByTestId('list-type').selectOption('STD');
    await page.getByTestId('list-employee').selectOption('E002');
    await page.getByTestId('list-warehouse').selectOption('DEP');
    await page.getByTestId('add-list').click();
    await page.locator('[data-testid="lists-grid"] tbody tr a').first().waitFor();

    // the commission: decision, president, two members, the storekeeper of DEP
    const keeper = page.getByTestId('commission-storekeeper-DEP');
    await keeper.waitFor();
    await page.getByTestId('commission-decision-number').fill('145');
    const decisionDate = page.getByTestId('commission-decision-date');
    await expect(decisionDate.getAttribute('placeholder')).resolves.toBe('zz.ll.aaaa');
    await decisionDate.fill(todayRo);
    await expect(decisionDate.getAttribute('data-value')).resolves.toBe(today);
    await page.getByTestId('commission-president').selectOption('E004');
    await page.getByTestId('commission-add-member').click();
    await page.getByTestId('commission-member-0').selectOption('E002');
    await page.getByTestId('commission-add-member').click();
    await page.getByTestId('commission-member-1').selectOption('E003');
    // Mihai Ștefănescu sits on the commission: he may not be DEP's storekeeper
    await keeper.selectOption('E003');
    await page.getByTestId('save-commission').click();
    await expect.poll(() => fieldError(keeper)).toBe('Angajatul E003 este gestionarul gestiunii DEP și nu poate face parte din comisia care o inventariază');
    await expect(keeper.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(ok(await sef('GET', `/api/inventories/${inventoryId}/commission`))).toMatchObject({ members: [], storekeepers: [] });
    await shot(page, 'yearly-02-commission-storekeeper-refused');

    await keeper.selectOption('E001');
    await page.getByTestId('save-commission').click();
    const commissionForm = page.getByRole('form', { name: 'Comisie de inventariere' });
    await commissionForm.getByText('Salvat.').waitFor();
    expect(await fieldError(keeper)).toBe('');
    expect(ok(await sef('GET', `/api/inventories/${inventoryId}/commission`))).toMatchObject({
      decisionNumber: '145', decisionDate: today, president: 'E004', members: ['E002', 'E003'], storekeepers: [{ warehouse: 'DEP', employee: 'E001' }],
    });
    axe.commission = await seriousViolations(page);
    await shot(page, 'yearly-03-commission');

    // the storekeeper's declaration before the count
    const declaration = page.getByRole('form', { name: 'Declarația gestionarului — DEP' });
    await declaration.getByLabel('Ultimul document de intrare').fill('NIR 77');
    await declaration.getByLabel('Ultimul document de ieșire').fill('AVZ 12');
    await declaration.getByLabel('Bunuri ale terților aflate în gestiune').fill('Nu dețin bunuri ale terților.');
    await declaration.getByLabel('Diferențe cunoscute').fill('Nu cunosc diferențe.');
    await page.getByTestId('save-declaration-DEP').click();
    await declaration.getByText('Salvat.').waitFor();
    expect(ok(await sef('GET', `/api/inventories/${inventoryId}/declarations/DEP`))).toMatchObject({
      lastReceipt: 'NIR 77', lastIssue: 'AVZ 12', thirdPartyGoods: 'Nu dețin bunuri ale terților.', knownDifferences: 'Nu cunosc diferențe.',
    });
  });

  it('the counts give SPEC worked example C: compensation, allowed loss and imputable shortage in the preview, in Romanian', async () => {
    // the count sheets typed into the list (the counting screen on a phone has its own browser tests)
    const lists = ok(await sef('GET', `/api/inventories/${inventoryId}/lists`)).items as { id: number }[];
    expect(lists).toHaveLength(1);
    const page = browser!.page;
    await page.goto(`/lists/${lists[0].id}`);
    const newLine = page.getByRole('form', { name: 'Linie nouă' });
    const counts = [['YX', '90'], ['YY', '46'], ['YZ', '56']];
    for (const [n, [item, quantity]] of counts.entries()) {
      // the form is reset once the previous line is saved: type only into an empty form (else the reset may wipe what was typed)
      await expect.poll(() => newLine.getByLabel('Cantitate').inputValue()).toBe('');
      await expect.poll(() => newLine.getByRole('combobox', { name: 'Articol' }).inputValue()).toBe('');
      // the code as typed: leaving the picker takes it (Enter would submit the half-filled form)
      await newLine.getByRole('combobox', { name: 'Articol' }).fill(item);
      await newLine.getByLabel('Locație').fill('R01-A');
      await newLine.getByLabel('Cantitate').fill(quantity);
      await newLine.getByRole('button', { name: /Adaugă linia/ }).click();
      await expect.poll(() => page.locator('[data-testid="lines-grid"] tbody tr').count()).toBe(n + 1);
    }
    const lines = ok(await sef('GET', `/api/lists/${lists[0].id}/lines`)).items as { item: string; location: string; countedQuantity: string }[];
    expect(lines.map((l) => [l.item, l.location, l.countedQuantity]).sort()).toEqual(counts.map(([item, q]) => [item, 'R01-A', `${q}.000`]));

    await page.goto(`/differences?inventory=${inventoryId}`);
    await page.getByTestId('diff-preview').click();
    await gridRow(page, 'diff-grid', 'item', 'YX').waitFor();
    expect(await page.locator('[data-testid="diff-grid"] tbody tr').count()).toBe(3);
    const cell = (item: string, col: string) => gridRow(page, 'diff-grid', 'item', item).locator(`td[data-col="${col}"]`).textContent();
    const shown = [];
    for (const item of ['YX', 'YY', 'YZ']) shown.push(await Promise.all([item, ...['confusionGroup', 'difference', 'compensated', 'allowedLoss', 'imputable'].map((c) => cell(item, c))]));
    expect(shown).toEqual([
      ['YX', 'G', '-10,000', '6,000 (30,00)', '2,000 (10,00)', '2,000 (10,00)'],
      ['YY', 'G', '-4,000', '—', '—', '4,000 (32,00)'],
      ['YZ', 'G', '6,000', '6,000 (36,00)', '—', '—'],
    ]);
    // the totals
    const total = (label: string) => page.getByTestId('diff-totals').locator('div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd').textContent();
    await expect(total('Diferență de valoare din compensare')).resolves.toBe('-6,00');
    await expect(total('Valoare perisabilități')).resolves.toBe('10,00');
    await expect(total('Valoare imputabilă')).resolves.toBe('42,00');
    // the confusion group's line
    const group = gridRow(page, 'diff-groups', 'group', 'G');
    const groupCells = await Promise.all(['warehouse', 'surplus', 'shortage', 'compensated', 'valueDifference', 'imputable'].map((c) => group.locator(`td[data-col="${c}"]`).textContent()));
    expect(groupCells).toEqual(['DEP', '6,000', '14,000', '6,000', '-6,00', '0,00']);
    axe.differences = await seriousViolations(page);
    // wide enough for the allowed-loss and imputable columns
    await page.setViewportSize({ width: 1920, height: 900 });
    await shot(page, 'yearly-04-differences-compensation');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('downloads the inventory list 14-3-12 and the proces-verbal before posting', async () => {
    const page = browser!.page;
    await page.goto(`/inventories/${inventoryId}`);
    const list = await downloadFile(page, 'inventory-list-pdf');
    expect(list.name).toMatch(/\.pdf$/);
    expect(list.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const listText = (await pdfPages(list.bytes)).join('\n');
    const listFlat = listText.replace(/\s+/g, ' ');
    for (const s of ['Listă de inventariere (Formular 14-3-12)', 'Șurub zincat M6', 'Președinte comisie', 'Ioana Țurcanu (E004)', 'Andrei Popescu (E001)', 'Pagina 1 din']) expect(listFlat).toContain(s);
    // the document's totals: book 1.200,00, inventory 1.154,00
    expect(listFlat).toContain('1.200,00');
    expect(listFlat).toContain('1.154,00');

    const report = await downloadFile(page, 'inventory-report-pdf');
    expect(report.name).toBe(`inventory-report-${inventoryLabel}.pdf`);
    expect(report.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const reportFlat = (await pdfPages(report.bytes)).join('\n').replace(/\s+/g, ' ');
    for (const s of [
      'Proces-verbal privind rezultatele inventarierii', `Decizia de inventariere nr.: 145 din ${todayRo}`, 'Gestiunea DEP — gestionar: Andrei Popescu (E001)',
      'ultimul document de intrare: NIR 77', 'Propuneri de regularizare:', 'Valoare perisabilitate', 'Valoare imputabilă', '42,00',
    ]) expect(reportFlat).toContain(s);
  });

  it('posts with the compensation, allowance and imputable templates; book stock equals the count; the registrul-inventar', async () => {
    const page = browser!.page;
    await page.goto(`/differences?inventory=${inventoryId}`);
    await page.getByTestId('diff-preview').click();
    await gridRow(page, 'diff-grid', 'item', 'YX').waitFor();
    await page.getByTestId('diff-create').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Generează înregistrările' }).click();
    await page.locator('[data-testid="created-records"] a').first().waitFor();
    expect(await page.locator('[data-testid="created-records"] a').count()).toBe(4);
    const posted = ok(await sef('GET', `/api/records?inventory=${inventoryId}`)).items as { id: number }[];
    const records = [];
    const journal = [];
    for (const r of posted) {
      const rec = ok(await sef('GET', `/api/records/${r.id}`));
      records.push([rec.template, rec.lines.map((l: { item: string; quantity: string; amount: string }) => `${l.item} ${l.quantity} = ${l.amount}`)]);
      for (const e of ok(await sef('GET', `/api/journal?record=${r.id}`)).items) journal.push([rec.template, e.debitAccount, e.creditAccount, e.amount]);
    }
    expect(records.sort()).toEqual([
      ['CMN', ['YX -6.000 = -30.00']],
      ['CPL', ['YZ 6.000 = 36.00']],
      ['IMP', ['YX -2.000 = -10.00', 'YY -4.000 = -32.00']],
      ['PER', ['YX -2.000 = -10.00']],
    ]);
    // the demo's accounts of those templates (SPEC §9), on the items' stock account
    const stockAccount = ok(await sef('GET', '/api/items/YX')).stockAccount as string;
    expect(stockAccount).toMatch(/^3/);
    expect(journal.sort()).toEqual([
      ['CMN', '607', stockAccount, '30.00'],
      ['CPL', stockAccount, '607', '36.00'],
      ['IMP', '4282', stockAccount, '42.00'],
      ['PER', '6588', stockAccount, '10.00'],
    ]);
    for (const [item, counted] of [['YX', '90.000'], ['YY', '46.000'], ['YZ', '56.000']]) {
      const stock = ok(await sef('GET', `/api/stock?date=${today}&warehouse=DEP&item=${item}&by=location`));
      expect(stock.rows.map((s: { location: string; quantity: string }) => [s.location, s.quantity]), item).toEqual([['R01-A', counted]]);
    }
    expect(ok(await sef('GET', `/api/inventories/${inventoryId}`)).closed).toBe(true);

    // after posting, the documents show what was posted: the same figures, marked as the posted results
    await page.goto(`/inventories/${inventoryId}`);
    const postedList = (await pdfPages((await downloadFile(page, 'inventory-list-pdf')).bytes)).join('\n').replace(/\s+/g, ' ');
    for (const s of ['Listă de inventariere (Formular 14-3-12)', '1.200,00', '1.154,00']) expect(postedList).toContain(s);
    const postedReport = (await pdfPages((await downloadFile(page, 'inventory-report-pdf')).bytes)).join('\n').replace(/\s+/g, ' ');
    for (const s of ['Proces-verbal privind rezultatele inventarierii', 'rezultate înregistrate la', 'Valoare imputabilă', '42,00']) expect(postedReport).toContain(s);

    // the registrul-inventar of the year, through its screen
    await page.goto('/inventory-register');
    await expect.poll(() => page.getByTestId('register-year').inputValue()).toBe(YEAR);
    const register = await downloadFile(page, 'register-pdf');
    expect(register.name).toBe(`inventory-register-${YEAR}.pdf`);
    expect(register.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const registerFlat = (await pdfPages(register.bytes)).join('\n').replace(/\s+/g, ' ');
    for (const s of ['Registrul-inventar', 'DEP', '1.200,00', '1.154,00', '-46,00', 'Pagina 1 din 1']) expect(registerFlat).toContain(s);
    axe.register = await seriousViolations(page);
  });

  it('no serious accessibility violations; no request left our server', () => {
    const bad = Object.entries(axe).filter(([, v]) => v.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(Object.keys(axe).sort()).toEqual(['commission', 'confusionGroups', 'differences', 'lossAllowances', 'register', 'stockDifferenceParams']);
    expect(browser!.external).toEqual([]);
  });
});

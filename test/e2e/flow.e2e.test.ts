/**
 * The whole flow in a real browser (issue #6): a supervisor creates an
 * inventory with a list for a counter; the counter counts on a 360×740 phone
 * with the keyboard only, through a network cut (route interception) without
 * losing or doubling a count; the supervisor previews and posts the
 * differences, runs the closing checks, closes, reads the closing history and
 * restores it; the valued inventory's total matches the API's. Both languages,
 * axe-core on the main screens, and a screenshot of every screen in
 * e2e/screenshots/.
 *
 * Runs only under vitest.e2e.config.ts (`npm run test:e2e`), not in `npm test`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoItems, ean13 } from '../../src/demo/demo.ts';
import { apiLogin, barcodePng, clearFailureShots, ensureBuiltUi, openBrowser, seriousViolations, shot, signIn, startServer, type AxeViolation, type Browser, type TestServer, today, type Api, scan } from './harness.ts';

/** The demo's barcodes, as the demo assigns them. */
function demoBarcodes(): Record<string, string> {
  let n = 1;
  const out: Record<string, string> = {};
  for (const it of demoItems()) {
    if (it.sizes) for (const s of it.sizes) out[`${it.code}/${s}`] = ean13(n++);
    else out[it.code] = ean13(n++);
  }
  return out;
}

const recentStates = (page: Page) => page.locator('[data-testid="recent-scans"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));

describe('web UI: the whole flow in chromium', () => {
  let server: TestServer;
  let boss: Browser;
  let phone: Browser;
  let sef: Api;
  const codes = demoBarcodes();
  const axe: Record<string, AxeViolation[]> = {};
  let inventoryId = 0;
  let listId = 0;

  beforeAll(async () => {
    ensureBuiltUi();
    clearFailureShots();
    server = await startServer();
    sef = await apiLogin(server.url, 'sef', 'demo-sef-2026');
    boss = await openBrowser(server.url, { viewport: { width: 1280, height: 900 } });
    phone = await openBrowser(server.url, { viewport: { width: 360, height: 740 }, mobile: true });
  });

  afterEach(async (ctx) => {
    // what the screens showed when a step failed
    if (ctx.task.result?.state !== 'fail') return;
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
    if (boss) await shot(boss.page, `failed-${name}-desktop`).catch(() => undefined);
    if (phone) await shot(phone.page, `failed-${name}-phone`).catch(() => undefined);
  });

  afterAll(async () => {
    await phone?.close();
    await boss?.close();
    await server?.stop();
  });

  it('signs in and shows the module entries (Romanian)', async () => {
    const page = boss.page;
    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { name: 'Autentificare' }).count()).toBe(1);
    axe.login = await seriousViolations(page);
    await shot(page, '01-sign-in');
    await signIn(page, 'sef', 'demo-sef-2026');
    for (const entry of ['Inventare faptice', 'Diferențe de inventar', 'Istoric închideri', 'Arhivă gestiune', 'Valorizare gestiune', 'Inventar cantitativ valoric', 'Înregistrări de gestiune']) {
      await expect(page.getByRole('link', { name: new RegExp(entry) }).first().isVisible()).resolves.toBe(true);
    }
    axe.home = await seriousViolations(page);
    await shot(page, '02-home');
  });

  it('the supervisor creates an inventory with a list for the counter', async () => {
    const page = boss.page;
    await page.getByRole('link', { name: /Inventare faptice/ }).first().click();
    await page.getByTestId('new-inventory').click();
    await page.getByLabel('Data', { exact: true }).fill(today);
    await page.getByLabel('Operator').selectOption('E001');
    await page.getByLabel('Descriere').fill('Inventar anual E2E');
    await page.getByTestId('save-inventory').click();
    await page.waitForURL(/\/inventories\/\d+$/);
    inventoryId = Number(page.url().split('/').pop());
    await page.getByTestId('list-type').selectOption('LOC');
    await page.getByTestId('list-employee').selectOption('E002');
    await page.getByTestId('list-warehouse').selectOption('DEP');
    await page.getByTestId('add-list').click();
    await page.locator('[data-testid="lists-grid"] tbody tr a').first().waitFor();
    const lists = await sef('GET', `/api/inventories/${inventoryId}/lists`);
    expect(lists.body.items).toHaveLength(1);
    listId = lists.body.items[0].id;
    expect(lists.body.items[0]).toMatchObject({ employee: 'E002', warehouse: 'DEP', listType: 'LOC' });
    axe.inventory = await seriousViolations(page);
    await shot(page, '03-inventory');
    await page.goto('/inventories');
    await page.locator('[data-testid="inventories-grid"] tbody tr').first().waitFor();
    await shot(page, '04-inventories');
  });

  it('the counter counts on a phone with the keyboard, through a network cut, nothing lost or doubled', async () => {
    const page = phone.page;
    await signIn(page, 'ana', 'demo-ana-2026');
    await page.waitForURL(/\/count$/);
    await page.getByTestId(`pick-list-${listId}`).waitFor();
    await shot(page, '05-count-my-lists');
    await page.getByTestId(`pick-list-${listId}`).click();
    await page.getByTestId('scan-code').waitFor();

    // a shelf label selects the location (maintain-location list: it stays)
    await scan(page, 'R01-B');
    await expect.poll(() => page.getByLabel(/Locație/).first().inputValue()).toBe('R01-B');
    // 1. an EAN-13 with a quantity, read from a photo by the BarcodeDetector polyfill (ZXing wasm from our own server)
    // straight after a scan, Tab to the quantity: the screen's hand-back of focus to the code field
    // (a frame later) must not take it away from there
    const codeField = page.getByTestId('scan-code');
    await expect.poll(() => codeField.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('3');
    await expect.poll(() => page.getByTestId('scan-quantity').inputValue()).toBe('3');
    await page.getByTestId('photo-input').setInputFiles(await barcodePng(codes.APA01, 'EAN-13'));
    await expect.poll(() => recentStates(page), { timeout: 20_000 }).toEqual(['done']);
    expect((await sef('GET', `/api/lists/${listId}/lines`)).body.items[0]).toMatchObject({ item: 'APA01', countedQuantity: '3.000', location: 'R01-B' });
    await page.getByTestId('scan-code').focus();
    axe.counting = await seriousViolations(page);
    await shot(page, '06-count-first-scan');

    // the network goes: the next scan reaches the server but its answer is lost, then nothing gets through
    let mode: 'pass' | 'lose-answer' | 'down' = 'lose-answer';
    let applied = 0;
    let refused = 0;
    await page.route('**/api/lists/*/lines', async (route) => {
      if (route.request().method() !== 'POST' || mode === 'pass') return route.fallback();
      if (mode === 'lose-answer') {
        mode = 'down';
        await route.fetch(); // the server applies it...
        applied++;
        return route.abort('connectionreset'); // ...and the phone never hears back
      }
      refused++;
      return route.abort('internetdisconnected');
    });
    // 2. a GS1 code with GTIN, lot and count: the server fills lot and quantity
    await scan(page, 'R01-A');
    await scan(page, `(01)0${codes.LAP01}(10)LE2E(30)4`);
    // 3. an item code typed by hand, while still offline
    await scan(page, 'R02-A');
    await scan(page, 'PIX01', '2');
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('class')).toContain('sync-offline');
    await expect.poll(() => recentStates(page)).toEqual(['pending', 'pending', 'done']);
    expect(applied).toBe(1);
    await expect.poll(() => refused, { timeout: 10_000 }).toBeGreaterThan(0);
    await shot(page, '07-count-offline');
    // behind the phone's back: the lost answer's count is on the server once, the queued one not yet
    let lines = (await sef('GET', `/api/lists/${listId}/lines`)).body.items as { item: string; lot: string; location: string; countedQuantity: string }[];
    expect(lines.map((l) => l.item).sort()).toEqual(['APA01', 'LAP01']);

    // the network comes back: the queue is sent in order, the lost answer's scan is replayed (same scanId), not doubled
    mode = 'pass';
    await page.getByRole('button', { name: /Reîncearcă|Retry/ }).click();
    await expect.poll(() => recentStates(page), { timeout: 20_000 }).toEqual(['done', 'done', 'done']);
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('class')).toContain('sync-ok');
    lines = (await sef('GET', `/api/lists/${listId}/lines`)).body.items;
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.item === 'LAP01')).toMatchObject({ lot: 'LE2E', location: 'R01-A', countedQuantity: '4.000' });
    expect(lines.find((l) => l.item === 'PIX01')).toMatchObject({ location: 'R02-A', countedQuantity: '2.000' });

    // English from here on: the switch, then a server error message in English
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByLabel('Barcode or item code').count()).toBe(1);
    await page.getByTestId('scan-code').focus();
    await scan(page, 'NOPE-999');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/does not exist|not found/i);
    await page.getByRole('button', { name: 'Dismiss' }).click();

    // a repeated key asks add / replace; R (keyboard) replaces
    await scan(page, 'R01-B');
    await scan(page, codes.APA01, '5');
    const prompt = page.getByTestId('duplicate-prompt');
    await prompt.waitFor();
    await expect(prompt.textContent()).resolves.toMatch(/Already counted/);
    axe.duplicatePrompt = await seriousViolations(page);
    await shot(page, '08-count-add-or-replace');
    await page.keyboard.press('r');
    await prompt.waitFor({ state: 'detached' });
    await expect.poll(async () => (await recentStates(page))[0]).toBe('done');
    await shot(page, '09-count-done');

    lines = (await sef('GET', `/api/lists/${listId}/lines`)).body.items;
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.item === 'APA01')).toMatchObject({ location: 'R01-B', countedQuantity: '5.000' });
    expect(lines.find((l) => l.item === 'LAP01')?.countedQuantity).toBe('4.000');
    expect(lines.find((l) => l.item === 'PIX01')?.countedQuantity).toBe('2.000');
    // the language stays with the user
    await page.reload();
    await expect.poll(() => page.getByLabel('Barcode or item code').count()).toBe(1);
  });

  it('the supervisor sees the list, previews the differences and posts them', async () => {
    const page = boss.page;
    await page.goto(`/lists/${listId}`);
    await page.locator('[data-testid="lines-grid"] tbody tr').nth(2).waitFor();
    await shot(page, '10-list-lines');

    await page.goto(`/differences?inventory=${inventoryId}`);
    // a double click starts a long operation once
    const calls = { preview: 0, post: 0 };
    page.on('request', (r) => {
      if (!r.url().includes(`/api/inventories/${inventoryId}/differences`) || r.url().includes('/report')) return;
      if (r.method() === 'GET') calls.preview++;
      if (r.method() === 'POST') calls.post++;
    });
    await page.getByTestId('diff-preview').dblclick();
    await page.locator('[data-testid="diff-grid"] tbody tr').first().waitFor();
    const preview = (await sef('GET', `/api/inventories/${inventoryId}/differences?processingDate=${today}`)).body;
    expect(await page.locator('[data-testid="diff-grid"] tbody tr').count()).toBe(preview.rows.length);
    const surplus = await page.locator('[data-testid="diff-totals"] dd.pos').getAttribute('data-value');
    expect(surplus).toBe(preview.totals.surplusValue);
    axe.differences = await seriousViolations(page);
    await shot(page, '11-differences-preview');

    await page.getByTestId('diff-create').click();
    await page.getByRole('dialog').waitFor();
    await shot(page, '12-differences-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Generează înregistrările' }).dblclick();
    await page.locator('[data-testid="created-records"] a').first().waitFor();
    expect(calls).toEqual({ preview: 1, post: 1 });
    await shot(page, '13-differences-posted');
    const inventory = (await sef('GET', `/api/inventories/${inventoryId}`)).body;
    expect(inventory.closed).toBe(true);
    const posted = (await sef('GET', `/api/records?inventory=${inventoryId}`)).body.items;
    expect(posted.length).toBeGreaterThan(0);
    // the link opens the record
    await page.locator('[data-testid="created-records"] a').first().click();
    await page.waitForURL(/\/records\/\d+$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    axe.record = await seriousViolations(page);
    await shot(page, '14-record');
  });

  it('checks, closes, shows the closing history and restores', async () => {
    const page = boss.page;
    await page.goto('/closing');
    await page.getByTestId('closing-check').waitFor();
    axe.closing = await seriousViolations(page);
    await page.getByTestId('closing-date').fill(today);
    await page.getByTestId('closing-check').click();
    await page.getByRole('heading', { name: /Rezultatul verificărilor/ }).waitFor();
    await shot(page, '15-closing-checks');
    const check = (await sef('POST', '/api/closings/check', { closingDate: today })).body;
    expect(await page.locator('[data-testid="findings-error"] li').count()).toBe(check.errors.length);
    expect(check.errors).toEqual([]);
    await page.getByTestId('closing-close').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Închide gestiunea' }).click();
    await page.getByRole('status').filter({ hasText: /închisă/ }).first().waitFor({ timeout: 120_000 });
    await shot(page, '16-closing-closed');

    await page.goto('/closings');
    await page.locator('[data-testid="closings-grid"] tbody tr a').first().click();
    await page.locator('[data-testid="closing-rows-grid"] tbody tr').first().waitFor();
    axe.closingHistory = await seriousViolations(page);
    await shot(page, '17-closing-history');

    await page.goto('/closing');
    await page.getByTestId('closing-restore').click();
    await page.getByRole('dialog').getByRole('button', { name: /Restaurează/ }).click();
    await page.getByText('Ultima închidere a fost restaurată.').waitFor();
    const closings = (await sef('GET', '/api/closings')).body;
    expect((closings.items ?? closings).length).toBe(0);
  });

  it('the valued inventory total matches the API (English), and historicizes', async () => {
    const page = boss.page;
    await page.getByTestId('lang-en').click();
    await page.goto('/valued-inventory');
    await page.getByRole('heading', { name: 'Valued quantity inventory' }).waitFor();
    await page.getByTestId('valued-run').click();
    const total = page.getByTestId('valued-total-value');
    await total.waitFor({ timeout: 120_000 });
    const api = (await sef('GET', `/api/reports/valued-inventory?date=${today}&method=average&groupBy=item&stock=positive,negative&sort=item&format=json`)).body;
    expect(await total.getAttribute('data-value')).toBe(api.totals.value);
    expect(await page.getByTestId('valued-total-quantity').getAttribute('data-value')).toBe(api.totals.quantity);
    axe.valued = await seriousViolations(page);
    await shot(page, '18-valued-inventory');

    // by warehouse with lots: group subtotals
    await page.getByLabel('Group by').selectOption('warehouse');
    await page.getByLabel('lot', { exact: false }).first().check();
    await page.getByTestId('valued-run').click();
    await page.locator('[data-testid="valued-grid"] tr.subtotal').first().waitFor({ timeout: 120_000 });
    await shot(page, '19-valued-inventory-by-warehouse');

    await page.getByTestId('valued-historicize').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Historicize' }).click();
    await page.getByRole('link', { name: 'Warehouse history' }).click();
    await page.locator('[data-testid="warehouse-history-grid"] tbody tr').first().waitFor();
    await shot(page, '20-warehouse-history');
  });

  it('the other screens render (records, configuration), in English', async () => {
    const page = boss.page;
    await page.goto('/records');
    await page.locator('[data-testid="records-grid"] tbody tr').first().waitFor();
    await shot(page, '21-records');
    await page.goto('/records/new');
    await page.getByLabel('Warehouse', { exact: true }).selectOption('DEP');
    await page.getByLabel('Template', { exact: true }).selectOption('ACH');
    await page.getByLabel('Item').first().fill('LAP01');
    await page.getByLabel('Quantity').first().fill('10');
    await page.getByTestId('save-record').click();
    // the server's rule errors land on their fields (lot of a lot-managed item, account of ACH)
    await page.locator('.field-error').first().waitFor();
    axe.recordForm = await seriousViolations(page);
    await shot(page, '22-record-errors');
    for (const [slug, name] of [
      ['items', '23-config-items'],
      ['templates', '24-config-templates'],
      ['year-params', '25-config-year-params'],
    ]) {
      await page.goto(`/config/${slug}`);
      await page.locator('table').first().waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, name);
    }
    axe.config = await seriousViolations(page);
  });

  it('has no serious accessibility violations and made no request outside our server', () => {
    const bad = Object.entries(axe).filter(([, v]) => v.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(boss.external).toEqual([]);
    expect(phone.external).toEqual([]);
  });
});

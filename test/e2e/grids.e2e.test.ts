/**
 * Grids that scale (issue 15 point 5), in the browser: the records grid
 * sorted by value is the global order across its pages (checked against an
 * independent sort of every record the API returns); the item picker searches
 * by contains once the typing pauses and takes an exact code with Enter
 * without any search request; axe-core finds no serious or critical
 * violation on any screen; the differences grid shows every column at
 * 1366 px. Saves the README screenshots of the item card and the differences
 * (e2e/readme/item-card.png, e2e/readme/differences.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, ROOT, addItem, afterSuite, ok, openBrowser, seriousViolations, shot, signInAs, startSuite, today, type AxeViolation, type Api, type Browser, type TestServer } from './harness.ts';

/** a money string as an exact integer of cents */
const cents = (s: string) => BigInt(s.replace('.', ''));

/** the record ids shown on the records grid's current page */
const shownIds = (page: Page) => page.locator('[data-testid="records-grid"] td[data-col="id"]').allTextContents().then((ids) => ids.map((id) => Number(id.replace('#', ''))));

describe('grids that scale, axe on every screen, README screenshots', () => {
  let server: TestServer;
  let admin: Api;
  let sef: Api;
  let boss: Browser;
  let inventoryId = 0;
  let listId = 0;
  let recordId = 0;
  const axe: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    ({ server, admin, sef } = await startSuite());
    await addItem(admin, 'GR01', 'Grilă cutie carton');
    await addItem(admin, 'GR02', 'Grilă bandă adezivă');
    await addItem(admin, 'GR03', 'Palet lemn');
    // 64 purchases of one line each: more than a page (50); values by a fixed pattern, with ties
    for (let n = 0; n < 64; n++) {
      const item = ['GR01', 'GR02', 'GR03'][n % 3];
      const quantity = String(1 + ((n * 7) % 13));
      const unitCost = `${(n * 37) % 41}.${String((n * 11) % 100).padStart(2, '0')}`;
      recordId = ok(await sef('POST', '/api/records', { warehouse: 'DEP', template: 'ACH', date: today, account: 'F001', internalDocument: `NIR G${n}`, lines: [{ item, quantity, unitCost, location: 'R01-A' }] })).id;
    }
    boss = await openBrowser(server.url, { viewport: { width: 1366, height: 768 } });
  });

  afterSuite('grids', () => boss, () => server);

  it('sorting records by value returns the global order across pages', async () => {
    const all = ok(await sef('GET', '/api/records?limit=1000')).items as { id: number; lines: { amount: string }[] }[];
    expect(all.length).toBeGreaterThan(64);
    const value = (r: (typeof all)[number]) => r.lines.reduce((s, l) => s + cents(l.amount), 0n);
    // the independent order: value, then id
    const model = [...all].sort((a, b) => (value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : a.id - b.id)).map((r) => r.id);
    const page = boss.page;
    await signInAs(page, 'sef', 'demo-sef-2026');
    await page.goto('/records');
    await page.locator('[data-testid="records-grid"] tbody tr').first().waitFor();
    const header = page.locator('[data-testid="records-grid"] th', { has: page.locator('button[data-sort="amount"]') });
    await page.locator('[data-testid="records-grid"] button[data-sort="amount"]').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => shownIds(page)).toEqual(model.slice(0, 50));
    await page.getByRole('button', { name: /Următoare/ }).click();
    await expect.poll(() => shownIds(page)).toEqual(model.slice(50, 100));
    // the shown values are in order too, across the page break
    const values = await page.locator('[data-testid="records-grid"] td[data-col="amount"]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value') ?? ''));
    expect(values.map(cents)).toEqual(model.slice(50, 100).map((id) => value(all.find((r) => r.id === id)!)));
    // descending starts again from the first page: the reverse order
    await page.locator('[data-testid="records-grid"] button[data-sort="amount"]').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => shownIds(page)).toEqual([...model].reverse().slice(0, 50));
    axe.records = await seriousViolations(page);
    await shot(page, 'grids-records-by-value');
  });

  it('the item picker: contains-search once the typing pauses; an exact code with Enter sends no search', async () => {
    const page = boss.page;
    const searches: string[] = [];
    const onRequest = (r: { url: () => string }) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/items' && url.searchParams.has('q')) searches.push(url.searchParams.get('q')!);
    };
    page.on('request', onRequest);
    try {
      await page.goto('/records');
      const field = page.getByRole('combobox', { name: 'Articol' });
      // an exact code typed and Enter at once: the filter applies, no search request
      await field.pressSequentially('GR03', { delay: 20 });
      await field.press('Enter');
      await expect.poll(() => page.locator('[data-testid="records-grid"] tbody tr').count()).toBe(21);
      await page.waitForTimeout(600); // longer than the debounce: a pending search would have left by now
      expect(searches).toEqual([]);
      // part of a description: one search after the pause, its suggestions by contains
      await field.fill('');
      await field.pressSequentially('grilă', { delay: 30 });
      const options = page.getByRole('listbox', { name: /^Sugestii/ }).getByRole('option');
      await expect.poll(() => options.allTextContents()).toEqual(['GR01 Grilă cutie carton', 'GR02 Grilă bandă adezivă']);
      expect(searches).toEqual(['grilă']);
      axe.itemPicker = await seriousViolations(page);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect.poll(() => field.inputValue()).toBe('GR02');
      await page.getByRole('button', { name: 'Caută' }).click();
      await expect.poll(() => page.locator('[data-testid="records-grid"] tbody tr').count()).toBe(21);
    } finally {
      page.off('request', onRequest);
    }
  });

  it('the differences grid: item descriptions and every column visible at 1366 px; README screenshots', async () => {
    const inv = ok(await sef('POST', '/api/inventories', { date: today, operator: 'E001', description: 'Inventar grile' }), 201);
    inventoryId = inv.id;
    listId = ok(await sef('POST', `/api/inventories/${inventoryId}/lists`, { listType: 'STD', employee: 'E002', warehouse: 'DEP' }), 201).id;
    const stock = ok(await sef('GET', `/api/stock?warehouse=DEP&item=GR01&by=location`));
    const book = stock.rows.find((r: { location: string }) => r.location === 'R01-A').quantity as string;
    ok(await sef('POST', `/api/lists/${listId}/lines`, { item: 'GR01', location: 'R01-A', quantity: String(Number.parseInt(book, 10) - 3) }));
    ok(await sef('POST', `/api/lists/${listId}/lines`, { item: 'GR02', location: 'R01-A', quantity: '1' }));
    const page = boss.page;
    await page.goto(`/differences?inventory=${inventoryId}`);
    // the README shows the English screens
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByTestId('diff-preview').click();
    await page.locator('[data-testid="diff-grid"] tbody tr').first().waitFor();
    await expect.poll(() => page.locator('[data-testid="diff-grid"] td[data-col="description"]').allTextContents()).toEqual(expect.arrayContaining(['Grilă cutie carton', 'Grilă bandă adezivă']));
    // no horizontal scrolling: every column fits the 1366 px window
    const fits = await page.getByTestId('diff-grid').evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(fits).toBe(true);
    axe.differences = await seriousViolations(page);
    fs.mkdirSync(path.join(ROOT, 'e2e/readme'), { recursive: true });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(ROOT, 'e2e/readme/differences.png') });
    await page.goto('/items/GR01');
    await page.getByTestId('item-master').waitFor();
    await page.locator('[data-testid="item-movements"] tbody tr').first().waitFor();
    await page.waitForLoadState('networkidle');
    axe.itemCard = await seriousViolations(page);
    await page.screenshot({ path: path.join(ROOT, 'e2e/readme/item-card.png') });
    await page.getByTestId('lang-ro').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ro');
  });

  it('axe-core: no serious violations on every screen', async () => {
    const page = boss.page;
    await signInAs(page, 'admin', ADMIN_PASSWORD);
    const screens: [string, string, ((p: Page) => Promise<void>)?][] = [
      ['home', '/'],
      ['dashboard', '/', async (p) => void (await p.getByTestId('dashboard').waitFor())],
      ['inventories', '/inventories', async (p) => void (await p.locator('[data-testid="inventories-grid"] tbody tr').first().waitFor())],
      ['inventoryNew', '/inventories/new'],
      ['inventory', `/inventories/${inventoryId}`],
      ['list', `/lists/${listId}`],
      ['differences', '/differences'],
      ['closing', '/closing'],
      ['revaluation', '/revaluation'],
      ['closingHistory', '/closings'],
      ['warehouseHistory', '/warehouse-history'],
      ['valuedInventory', '/valued-inventory'],
      ['records', '/records', async (p) => void (await p.locator('[data-testid="records-grid"] tbody tr').first().waitFor())],
      ['recordNew', '/records/new'],
      ['record', `/records/${recordId}`, async (p) => void (await p.getByTestId('record-lines').waitFor())],
      ['countControl', '/count-control'],
      ['cycleCount', '/cycle-count'],
      ['connect', '/connect'],
      ['stock', '/stock', async (p) => void (await p.getByTestId('stock-search').click())],
      ['itemCard', '/items/GR01', async (p) => void (await p.getByTestId('item-master').waitFor())],
      ['audit', '/audit'],
      ['journal', '/journal'],
      ['stockReconciliation', '/stock-reconciliation'],
      ['config', '/config'],
      ['configItems', '/config/items'],
      ['configTemplates', '/config/templates'],
    ];
    for (const [name, to, ready] of screens) {
      await page.goto(to);
      await page.locator('main h1').first().waitFor();
      if (ready) await ready(page);
      await page.waitForLoadState('networkidle');
      axe[name] = await seriousViolations(page);
    }
    const bad = Object.fromEntries(Object.entries(axe).filter(([, v]) => v.length > 0));
    expect(bad).toEqual({});
    expect(Object.keys(axe).length).toBeGreaterThanOrEqual(screens.length);
  });
});

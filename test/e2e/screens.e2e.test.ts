/**
 * The stock on hand, item card and audit trail screens in a real browser
 * (issue 15 points 7 and 8), in Romanian and English: the stock screen's total
 * for a warehouse equals the API's; the item card's running stock ends at the
 * API's stock; the audit screen filters by entity and shows before and after;
 * a viewer sees the stock and the item card but not the audit trail; a counter
 * sees none of them. axe-core on the three screens.
 *
 * Figures by hand, for an item of our own (SC01), all today:
 *   DEP ACH +10.500 → DEP 10.500
 *   DEP VAN  −3.250 → DEP  7.250
 *   DEP TRF  −2.000 → DEP  5.250, and its offset record MAG TRI +2.000 → MAG 2.000
 *
 * Runs only under vitest.e2e.config.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, addItem, afterSuite, shot, buyToday, openBrowser, seriousViolations, startSuite, type AxeViolation, type Browser, type TestServer, today, type Api, ok, signInAs } from './harness.ts';

/** "12.345" (quantity, scale 3) → thousandths, exactly: the test's own arithmetic. */
const milli = (q: string): bigint => {
  const m = /^(-?)(\d+)(?:\.(\d{1,3}))?$/.exec(q)!;
  const v = BigInt(m[2]) * 1000n + BigInt((m[3] ?? '').padEnd(3, '0'));
  return m[1] === '-' ? -v : v;
};
const fromMilli = (v: bigint): string => {
  const s = (v < 0n ? -v : v).toString().padStart(4, '0');
  return `${v < 0n ? '-' : ''}${s.slice(0, -3)}.${s.slice(-3)}`;
};

async function setLang(page: Page, lang: 'ro' | 'en'): Promise<void> {
  await page.getByTestId(`lang-${lang}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}

/** [warehouse, running stock] of each row of the item card's movement grid, in the order shown. */
const runningRows = (page: Page) =>
  page
    .locator('[data-testid="item-movements"] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [tr.querySelector('td[data-col="warehouse"]')?.textContent ?? '', tr.querySelector('td[data-col="running"]')?.getAttribute('data-value') ?? '']));

describe('web UI: stock, item card and audit trail in chromium', () => {
  let server: TestServer;
  let boss: Browser;
  let admin: Api;
  let sef: Api;
  const axe: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    ({ server, admin, sef } = await startSuite());
    await addItem(admin, 'SC01', 'Cutie ecrane', 'kg');
    const item = ok(await admin('GET', '/api/items/SC01'));
    ok(await admin('PUT', '/api/items/SC01', { ...item, description: 'Cutie ecrane mare' }));
    await buyToday(sef, 'NIR SC', [['SC01', '10.5', '2']]);
    ok(await sef('POST', '/api/records', { warehouse: 'DEP', template: 'VAN', date: today, lines: [{ item: 'SC01', quantity: '3.25', location: 'R01-A' }] }));
    ok(await sef('POST', '/api/records', { warehouse: 'DEP', template: 'TRF', date: today, lines: [{ item: 'SC01', quantity: '2', location: 'R01-A' }] }));
    boss = await openBrowser(server.url, { viewport: { width: 1280, height: 900 } });
  });

  afterSuite('screens', () => boss, () => server);

  it('the API agrees with the figures by hand', async () => {
    const stock = ok(await sef('GET', '/api/stock?item=SC01'));
    expect(Object.fromEntries(stock.rows.map((r: { warehouse: string; quantity: string }) => [r.warehouse, r.quantity]))).toEqual({ DEP: '5.250', MAG: '2.000' });
  });

  for (const lang of ['ro', 'en'] as const) {
    it(`stock on hand (${lang}): the total of a warehouse equals the API's`, async () => {
      const page = boss.page;
      await signInAs(page, 'sef', 'demo-sef-2026');
      await setLang(page, lang);
      await page.getByRole('link', { name: lang === 'ro' ? /^Stocuri/ : /^Stock on hand/ }).click();
      await page.getByTestId('stock-warehouse').selectOption('DEP');
      await page.getByTestId('stock-search').click();
      const api = ok(await sef('GET', `/api/stock?warehouse=DEP&date=${today}`));
      const expected = fromMilli(api.rows.reduce((s: bigint, r: { quantity: string }) => s + milli(r.quantity), 0n));
      expect(api.rows.length).toBeGreaterThan(1);
      await expect.poll(() => page.getByTestId('stock-total').getAttribute('data-value')).toBe(expected);
      await expect.poll(() => page.locator('[data-testid="stock-grid"] tbody tr').count()).toBe(api.rows.length);
      // our own item, by hand: 5.250 in DEP, shown with the language's separators
      await page.getByTestId('stock-item').fill('SC01');
      await page.getByTestId('stock-by-location').check();
      await page.getByTestId('stock-search').click();
      await expect.poll(() => page.getByTestId('stock-total').getAttribute('data-value')).toBe('5.250');
      await expect(page.getByTestId('stock-total').textContent()).resolves.toBe(lang === 'ro' ? '5,250' : '5.250');
      await expect.poll(() => page.locator('[data-testid="stock-grid"] td[data-col="location"]').allTextContents()).toEqual(['R01-A']);
      axe[`stock-${lang}`] = await seriousViolations(page);
      await shot(page, `stock-${lang}`);
      // the item code links to its card
      await page.locator('[data-testid="stock-grid"] td[data-col="item"] a', { hasText: 'SC01' }).click();
      await page.getByTestId('item-master').waitFor();
      expect(new URL(page.url()).pathname).toBe('/items/SC01');
    });

    it(`item card (${lang}): master data, stock by warehouse and the running stock ending at the API's stock`, async () => {
      const page = boss.page;
      await signInAs(page, 'sef', 'demo-sef-2026');
      await setLang(page, lang);
      await page.goto('/items/SC01');
      await expect.poll(() => page.getByTestId('item-master').textContent()).toContain('Cutie ecrane mare');
      // ACH updates the registry costs: last cost 2
      await expect.poll(() => page.getByTestId('item-costs').textContent()).toContain(lang === 'ro' ? '2,00000' : '2.00000');
      await expect.poll(() => runningRows(page)).toEqual([
        ['DEP', '10.500'],
        ['DEP', '7.250'],
        ['DEP', '5.250'],
        ['MAG', '2.000'],
      ]);
      const stock = ok(await sef('GET', '/api/stock?item=SC01'));
      const rows = await runningRows(page);
      for (const r of stock.rows as { warehouse: string; quantity: string }[]) expect(rows.filter(([w]) => w === r.warehouse).at(-1)?.[1]).toBe(r.quantity);
      await expect.poll(() => page.locator('[data-testid="item-stock"] td[data-col="quantity"]').allTextContents()).toEqual(lang === 'ro' ? ['5,250', '2,000'] : ['5.250', '2.000']);
      await expect(page.locator('[data-testid="item-movements"] td[data-col="running"]').first().textContent()).resolves.toBe(lang === 'ro' ? '10,500' : '10.500');
      axe[`item-${lang}`] = await seriousViolations(page);
      await shot(page, `item-card-${lang}`);
      // and back to the stock screen, filtered on the item
      await page.getByRole('link', { name: lang === 'ro' ? 'Detaliat în Stocuri' : 'In detail in Stock on hand' }).click();
      await expect.poll(() => page.getByTestId('stock-total').getAttribute('data-value')).toBe('7.250');
      await expect(page.getByTestId('stock-item').inputValue()).resolves.toBe('SC01');
    });

    it(`audit trail (${lang}): filtered by entity, before and after side by side`, async () => {
      const page = boss.page;
      await signInAs(page, 'admin', ADMIN_PASSWORD);
      await setLang(page, lang);
      await page.getByRole('link', { name: lang === 'ro' ? /^Jurnal de audit/ : /^Audit trail/ }).click();
      await page.getByTestId('audit-entity').fill('item');
      await page.getByTestId('audit-key').fill('SC01');
      await page.getByTestId('audit-search').click();
      const api = ok(await admin('GET', '/api/audit?entity=item&key=SC01'));
      expect(api.total).toBeGreaterThanOrEqual(2);
      await expect.poll(() => page.getByTestId('audit-row').count()).toBe(Math.min(api.total, 50));
      expect(new Set(await page.locator('[data-testid="audit-row"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-entity'))))).toEqual(new Set(['item']));
      // the newest change is the description edit: the before and after panes show both descriptions
      const edit = api.items.findIndex((e: { before: unknown; after: unknown }) => e.before && e.after);
      expect(edit).toBeGreaterThanOrEqual(0);
      await page.getByTestId('audit-toggle').nth(edit).click();
      await expect.poll(() => page.getByTestId('audit-before').textContent()).toContain('"Cutie ecrane"');
      await expect(page.getByTestId('audit-after').textContent()).resolves.toContain('"Cutie ecrane mare"');
      await expect(page.getByTestId('audit-changed').textContent()).resolves.toMatch(/: description$/);
      await page.getByRole('heading', { name: lang === 'ro' ? 'Înainte' : 'Before' }).waitFor();
      await page.getByRole('heading', { name: lang === 'ro' ? 'După' : 'After' }).waitFor();
      axe[`audit-${lang}`] = await seriousViolations(page);
      await shot(page, `audit-${lang}`);
    });
  }

  it('a viewer sees the stock and the item card, not the audit trail', async () => {
    const page = boss.page;
    await signInAs(page, 'contabil', 'demo-cont-2026');
    await setLang(page, 'ro');
    await expect(page.getByRole('link', { name: /^Stocuri/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: /^Jurnal de audit/ }).count()).resolves.toBe(0);
    // no form they cannot submit: the closing (valuation) and the users are not offered
    await expect(page.getByRole('link', { name: /^Valorizare gestiune/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: /^Utilizatori$/ }).count()).resolves.toBe(0);
    await page.goto('/closing');
    await page.getByRole('heading', { name: 'Acces nepermis' }).waitFor();
    await page.goto('/stock');
    await page.getByTestId('stock-grid').waitFor();
    await page.goto('/items/SC01');
    await expect.poll(() => runningRows(page)).toHaveLength(4);
    await page.goto('/audit');
    await page.getByRole('heading', { name: 'Acces nepermis' }).waitFor();
    expect(await page.getByTestId('audit-grid').count()).toBe(0);
  });

  it('a counter sees none of them: counting only', async () => {
    const page = boss.page;
    await signInAs(page, 'ana', 'demo-ana-2026');
    await setLang(page, 'en');
    // signing in takes a counter straight to their lists; their home offers counting only
    await page.goto('/');
    await page.getByRole('link', { name: /^Counting/ }).waitFor();
    const links = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(0);
    for (const to of links) expect(['/', '/count']).toContain(to);
    for (const path of ['/stock', '/items/SC01', '/audit']) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    }
  });

  it('item card: the cost layers the closing archived (last, as it locks the day)', async () => {
    // by hand: everything SC01 received cost 2.00000 (ACH at 2; the transfer at the average, 2), 7.250 remain
    const closing = ok(await sef('POST', '/api/closings', { closingDate: today }), 201);
    const page = boss.page;
    await signInAs(page, 'sef', 'demo-sef-2026');
    await setLang(page, 'ro');
    await page.goto('/items/SC01');
    await expect.poll(() => page.getByTestId('item-closing').inputValue()).toBe(String(closing.id));
    const layers = () =>
      page.locator('[data-testid="item-layers"] tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({ quantity: tr.querySelector('td[data-col="quantity"]')?.getAttribute('data-value') ?? '', unitCost: tr.querySelector('td[data-col="unitCost"]')?.getAttribute('data-value') ?? '' })),
      );
    await expect.poll(async () => (await layers()).length).toBeGreaterThan(0);
    const api = ok(await sef('GET', `/api/closings/${closing.id}/rows?item=SC01`));
    const apiLayers = (Array.isArray(api) ? api : api.items).flatMap((r: { fifoLayers: { quantity: string }[]; lifoLayers: { quantity: string }[] }) => [...r.fifoLayers, ...r.lifoLayers]);
    // the select shows the new closing before its rows have replaced the previous closing's: wait for them
    const fifoOf = async () => (await layers()).filter((l) => l.quantity !== '');
    await expect.poll(async () => (await fifoOf()).map((l) => l.quantity).sort()).toEqual(apiLayers.map((l: { quantity: string }) => l.quantity).sort());
    expect((await fifoOf()).every((l) => l.unitCost === '2.00000')).toBe(true);
    // the opening records restate the stock the day after: the running stock starts again from them
    const opening = closing.openingRecords[0].date;
    await expect.poll(() => runningRows(page)).toEqual([
      ['DEP', '10.500'],
      ['DEP', '7.250'],
      ['DEP', '5.250'],
      ['MAG', '2.000'],
      ['DEP', '5.250'],
      ['MAG', '2.000'],
    ]);
    const after = ok(await sef('GET', `/api/stock?item=SC01&date=${opening}`));
    expect(Object.fromEntries(after.rows.map((r: { warehouse: string; quantity: string }) => [r.warehouse, r.quantity]))).toEqual({ DEP: '5.250', MAG: '2.000' });
    axe['item-layers-ro'] = await seriousViolations(page);
    await shot(page, 'item-card-layers-ro');
  });

  it('axe-core: no serious violations on the three screens', () => {
    expect(Object.keys(axe).sort()).toEqual(['audit-en', 'audit-ro', 'item-en', 'item-layers-ro', 'item-ro', 'stock-en', 'stock-ro']);
    expect(axe).toEqual({ 'audit-en': [], 'audit-ro': [], 'item-en': [], 'item-layers-ro': [], 'item-ro': [], 'stock-en': [], 'stock-ro': [] });
  });
});

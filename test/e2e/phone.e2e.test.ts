/**
 * Counting on the phone (issue 14 points 3–7) at 360×740 in Debian's
 * chromium, both languages: the banner answering every scan (a refused scan
 * is red at the top, never an "all saved" in green after it), Romanian
 * number entry (`1.500` counts 1500, `1.5` is refused), the counter's own
 * lines (edited and deleted on the phone; another's refused, API too), the
 * offline app (service worker, cached list, 20 scans queued in IndexedDB
 * across a closed page, exactly 20 counts once online), a variant item
 * asking its variant. Screenshots for the README in e2e/screenshots/phone-*.
 *
 * Runs only under vitest.e2e.config.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoItems } from '../../src/demo/demo.ts';
import { addItem, afterSuite, apiLogin, ok, openBrowser, scan, SCREENSHOTS, signIn, startSuite, today, type Api, type Browser, type TestServer } from './harness.ts';

const PHONE = { viewport: { width: 360, height: 740 }, mobile: true };

/** What the phone's screen shows (the viewport, not the whole page), for the README. */
async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

describe('web UI: counting on the phone', () => {
  let server: TestServer;
  let phone: Browser | undefined;
  let sef: Api;
  let ana: Api;
  let mihai: Api;
  let listId = 0;
  let otherListId = 0;

  beforeAll(async () => {
    let admin: Api;
    ({ server, sef, admin } = await startSuite());
    await addItem(admin, 'ZAH01', 'Zahăr vrac', 'kg');
    ana = await apiLogin(server.url, 'ana', 'demo-ana-2026');
    mihai = await apiLogin(server.url, 'mihai', 'demo-mihai-2026');
    const inv = ok(await sef('POST', '/api/inventories', { date: today, operator: 'E001', description: 'Telefon E2E' }));
    listId = ok(await sef('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E002', warehouse: 'DEP' })).id;
    otherListId = ok(await sef('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E003', warehouse: 'DEP' })).id;
    phone = await openBrowser(server.url, PHONE);
  });
  afterSuite('phone', () => phone, () => server);

  it('every scan answers at the top: green with code, description, quantity and total; red when refused', async () => {
    const page = phone!.page;
    await signIn(page, 'ana', 'demo-ana-2026');
    await page.getByTestId(`pick-list-${listId}`).click();
    await page.getByTestId('scan-code').waitFor();

    await scan(page, 'APA01', '2');
    const banner = page.getByTestId('scan-banner');
    await expect.poll(() => banner.getAttribute('data-outcome')).toBe('counted');
    await expect.poll(() => banner.textContent()).toContain('Apă plată 2 l');
    expect(await page.getByTestId('banner-item').textContent()).toBe('APA01');
    expect(await page.getByTestId('banner-qty').textContent()).toBe('+2');
    await scan(page, 'APA01', '3');
    await page.getByTestId('dup-add').click();
    await expect.poll(() => page.getByTestId('banner-total').textContent()).toMatch(/Total: 5 buc/);
    expect(await page.getByTestId('banner-qty').textContent()).toBe('+3');

    await scan(page, 'NU-EXISTA-999');
    await expect.poll(() => banner.getAttribute('data-outcome')).toBe('refused');
    const box = (await banner.boundingBox())!;
    // at the top of the phone's screen, whole, without scrolling
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(120);
    expect(box.y + box.height).toBeLessThanOrEqual(740);
    expect(await banner.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor)).toBe('rgb(179, 38, 30)');
    expect(await page.getByTestId('banner-item').textContent()).toBe('NU-EXISTA-999');
    // the "all saved" line is not green after a refused scan
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('class')).toContain('sync-refused');
    expect(await page.getByTestId('sync-status').textContent()).toContain('Ultima scanare a fost refuzată');
    await shot(page, 'phone-refused-ro');

    // 48 px touch targets
    const small = await page.locator('.counting button:visible, .counting input:visible').evaluateAll((els) =>
      els.filter((e) => e.getBoundingClientRect().height < 47.5 && !e.classList.contains('sr-only')).map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(small).toEqual([]);
  });

  it('Romanian number entry: 1.500 counts 1500, 2,5 is two and a half, 1.5 is refused; inputmode decimal', async () => {
    const page = phone!.page;
    expect(await page.getByTestId('scan-quantity').getAttribute('inputmode')).toBe('decimal');
    await scan(page, 'PIX01', '1.500');
    await expect.poll(() => page.getByTestId('banner-item').textContent()).toBe('PIX01');
    await expect.poll(() => page.getByTestId('banner-total').textContent()).toMatch(/1\.500 buc/);
    await scan(page, 'CAI01', '1.5');
    await expect.poll(() => page.locator('.field.has-error .field-error').first().textContent()).toBe('„1.5” nu este un număr clar: în română punctul grupează miile (1.500) și virgula desparte zecimalele (1,5).');
    expect(await page.getByTestId('scan-quantity').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('scan-quantity').fill('2,5');
    await page.getByTestId('scan-code').fill('ZAH01');
    await page.getByTestId('scan-submit').click();
    await expect.poll(() => page.getByTestId('banner-item').textContent()).toBe('ZAH01');
    await expect.poll(() => page.getByTestId('banner-total').textContent()).toBe('Total: 2,5 kg');
    const lines = ok(await ana('GET', `/api/lists/${listId}/lines`)).items as { item: string; countedQuantity: string }[];
    expect(lines.find((l) => l.item === 'PIX01')?.countedQuantity).toBe('1500.000');
    expect(lines.find((l) => l.item === 'ZAH01')?.countedQuantity).toBe('2.500');
    expect(lines.find((l) => l.item === 'CAI01')).toBeUndefined();

    // English: the comma groups thousands, the dot marks decimals
    await page.getByTestId('lang-en').click();
    await page.getByTestId('scan-code').focus();
    await scan(page, 'CAI02', '1,500');
    await expect.poll(() => page.getByTestId('banner-item').textContent()).toBe('CAI02');
    await expect.poll(() => page.getByTestId('banner-total').textContent()).toBe('Total: 1,500 buc');
    await scan(page, 'ZAH01', '0.25');
    await page.getByTestId('dup-replace').click();
    await expect.poll(() => page.getByTestId('banner-total').textContent()).toBe('Total: 0.25 kg');
    await shot(page, 'phone-counted-en');
    await page.getByTestId('lang-ro').click();
  });

  it('my lines: newest first, the counter corrects (in Romanian) and deletes their own, never another’s; the progress', async () => {
    const page = phone!.page;
    // the supervisor counts a line on ana's list: hers to see, not to change
    const boss = ok(await sef('POST', `/api/lists/${listId}/lines`, { item: 'DOS01', quantity: '4' }));
    await page.reload();
    await page.getByTestId('scan-code').waitFor();
    const rows = page.locator('[data-testid="counted-lines"] li');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-item')))).toEqual(['DOS01', 'CAI02', 'ZAH01', 'PIX01', 'APA01']);
    expect(await page.getByTestId(`edit-line-${boss.id}`).count()).toBe(0);
    expect(await page.getByTestId(`delete-line-${boss.id}`).count()).toBe(0);
    // keys with book stock in DEP at today's date, as the API counts them
    const book = ok(await sef('GET', `/api/stock?warehouse=DEP&date=${today}&by=variant,location,lot,serial,jobOrder,account`));
    const withBook = (book.rows as { quantity: string }[]).filter((r) => !/^-?0(\.0+)?$/.test(r.quantity)).length;
    await expect.poll(() => page.getByTestId('list-progress').textContent(), { timeout: 20_000 }).toBe(`5 din ${withBook} chei cu stoc scriptic numărate`);

    const pix = page.locator('[data-testid="counted-lines"] li[data-item="PIX01"]');
    const pixId = Number(await pix.getAttribute('data-line'));
    await page.getByTestId(`edit-line-${pixId}`).click();
    await page.getByTestId('line-quantity').fill('1.2');
    await page.getByTestId('line-save').click();
    await expect.poll(() => pix.locator('.field-error').textContent()).toContain('nu este un număr clar');
    await page.getByTestId('line-quantity').fill('1.200');
    await page.getByTestId('line-save').click();
    await expect.poll(() => pix.getAttribute('data-qty')).toBe('1200.000');
    const apa = page.locator('[data-testid="counted-lines"] li[data-item="APA01"]');
    const apaId = Number(await apa.getAttribute('data-line'));
    await page.getByTestId(`edit-line-${pixId}`).scrollIntoViewIfNeeded();
    await shot(page, 'phone-my-lines-ro');
    await page.getByTestId(`delete-line-${apaId}`).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Șterge' }).click();
    await expect.poll(() => apa.count()).toBe(0);
    await expect.poll(() => page.getByTestId('list-progress').textContent()).toBe(`4 din ${withBook} chei cu stoc scriptic numărate`);

    const lines = ok(await ana('GET', `/api/lists/${listId}/lines`)).items as { id: number; item: string; countedQuantity: string }[];
    expect(lines.find((l) => l.item === 'PIX01')?.countedQuantity).toBe('1200.000');
    expect(lines.find((l) => l.item === 'APA01')).toBeUndefined();
    // the server refuses what the screen does not offer: the supervisor's line, and mihai's list
    expect((await ana('PUT', `/api/lines/${boss.id}`, { quantity: '1' })).body.code).toBe('INV_ERR_NOT_YOUR_LINE');
    expect((await ana('DELETE', `/api/lines/${boss.id}`)).status).toBe(403);
    const his = ok(await mihai('POST', `/api/lists/${otherListId}/lines`, { item: 'APA02', quantity: '1' }));
    expect((await ana('PUT', `/api/lines/${his.id}`, { quantity: '2' })).body.code).toBe('INV_ERR_NOT_YOUR_LIST');
    expect(ok(await sef('GET', `/api/lists/${listId}/lines`)).items.find((l: { id: number }) => l.id === boss.id).countedQuantity).toBe('4.000');
  });

  it('installable: a valid manifest, and the service worker controls the page', async () => {
    const page = phone!.page;
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const res = await fetch(new URL(href!, server.url));
    expect(res.status).toBe(200);
    const manifest = (await res.json()) as { name: string; short_name: string; start_url: string; display: string; icons: { src: string; sizes: string; type: string }[] };
    expect(manifest).toMatchObject({ short_name: 'Inventar', start_url: '/count', display: 'standalone' });
    expect(manifest.name).toContain('Inventar');
    for (const icon of manifest.icons) expect((await fetch(new URL(icon.src, server.url))).headers.get('content-type')).toContain('image/svg+xml');
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await expect.poll(() => page.evaluate('!!navigator.serviceWorker.controller'), { timeout: 20_000 }).toBe(true);
    // the worker is a file of our origin, under the CSP (no inline script)
    expect(await page.evaluate('navigator.serviceWorker.controller.scriptURL')).toBe(`${server.url}/sw.js`);
  });

  it('offline: the cached list opens after a reload with no network, 20 scans wait on the phone across a closed page, exactly 20 counts once online', async () => {
    const context = phone!.context;
    let page = phone!.page;
    const used = new Set(ok(await ana('GET', `/api/lists/${listId}/lines`)).items.map((l: { item: string }) => l.item));
    const codes = demoItems().filter((it) => !it.lot && !it.sizes && !used.has(it.code)).map((it) => it.code).slice(0, 20);
    expect(codes).toHaveLength(20);
    await page.goto(`/count/${listId}`);
    await page.getByTestId('scan-code').waitFor();
    await expect.poll(() => page.locator('[data-testid="counted-lines"] li').count()).toBeGreaterThan(0);

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('scan-code').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid="counted-lines"] li[data-item="PIX01"]').count()).toBe(1);
    for (const [i, code] of codes.entries()) await scan(page, code, String(i + 1));
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-waiting')).toBe('20');
    await expect.poll(() => page.getByTestId('sync-status').textContent()).toContain('20 numărători păstrate pe telefon');
    await expect.poll(() => page.getByTestId('scan-banner').getAttribute('data-outcome')).toBe('queued');
    await shot(page, 'phone-offline-ro');
    expect((ok(await ana('GET', `/api/lists/${listId}/lines`)).items as { item: string }[]).filter((l) => codes.includes(l.item))).toEqual([]);

    // the page is closed with its scans unsent; another one opens, still offline, then the network comes back
    await page.close();
    page = await context.newPage();
    phone!.page = page;
    await page.goto(`/count/${listId}`);
    await page.getByTestId('scan-code').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-waiting')).toBe('20');
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-waiting'), { timeout: 45_000 }).toBe('0');
    const lines = (ok(await ana('GET', `/api/lists/${listId}/lines`)).items as { item: string; countedQuantity: string }[]).filter((l) => codes.includes(l.item));
    expect(lines.map((l) => [l.item, l.countedQuantity]).sort()).toEqual(codes.map((c, i) => [c, `${i + 1}.000`]).sort());
    expect(await page.getByTestId('storage-problem').count()).toBe(0);
  });

  it('an item with variants asks its variant (chips), a lot-managed item its lot; items are found by description', async () => {
    const page = phone!.page;
    await page.getByTestId('item-search').fill('tricou polo');
    await page.getByTestId('item-search-results').getByRole('button', { name: /TRI02/ }).click();
    expect(await page.getByTestId('scan-code').inputValue()).toBe('TRI02');
    await page.getByTestId('scan-quantity').fill('3');
    await page.getByTestId('scan-submit').click();
    const chooser = page.getByTestId('choose-variant');
    await chooser.waitFor();
    expect(await chooser.locator('.chip').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))).toEqual(['L', 'M', 'S', 'XL']);
    const box = (await chooser.boundingBox())!;
    // at the top of the screen, though the search had scrolled the page
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(120);
    expect(box.y + box.height).toBeLessThanOrEqual(740);
    await shot(page, 'phone-variant-ro');
    await chooser.locator('.chip[data-value="M"]').click();
    await expect.poll(() => page.getByTestId('scan-banner').getAttribute('data-outcome')).toBe('counted');
    expect(await page.getByTestId('banner-item').textContent()).toBe('TRI02');
    expect(await page.getByTestId('scan-banner').textContent()).toContain('Variantă M');

    await page.getByTestId('lang-en').click();
    await page.getByTestId('scan-code').focus();
    await scan(page, 'LAP01', '2');
    await page.getByTestId('choose-lot').waitFor();
    expect(await page.getByTestId('choose-lot').textContent()).toContain('Which lot of LAP01?');
    await page.getByTestId('choice-lot').fill('L-0312');
    await page.getByTestId('choose-lot').getByRole('button', { name: 'Count' }).click();
    await expect.poll(() => page.getByTestId('banner-total').textContent()).toBe('Total: 2 buc');
    expect(await page.getByTestId('banner-item').textContent()).toBe('LAP01');
    await scan(page, 'LAP01', '1');
    await page.getByTestId('choose-lot').locator('.chip[data-value="L-0312"]').click();
    await page.getByTestId('dup-add').click();
    await expect.poll(() => page.getByTestId('banner-total').textContent()).toBe('Total: 3 buc');
    await page.getByTestId('lang-ro').click();
    const lines = ok(await ana('GET', `/api/lists/${listId}/lines`)).items as { item: string; variant: string; lot: string; countedQuantity: string }[];
    expect(lines.filter((l) => ['TRI02', 'LAP01'].includes(l.item)).map((l) => [l.item, l.variant, l.lot, l.countedQuantity])).toEqual([
      ['TRI02', 'M', '', '3.000'],
      ['LAP01', '', 'L-0312', '3.000'],
    ]);
  });
});

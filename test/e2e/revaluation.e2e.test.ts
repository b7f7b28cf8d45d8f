/**
 * Re-valuation in a real browser (SPEC §9, issue 17 point 3): the supervisor
 * previews a fifo re-valuation of today in Romanian, sees the hand-computed
 * change of our own item in the table and the totals, applies it through the
 * confirmation dialog, and a second preview no longer lists it; the English
 * screen shows the same figures in English format. axe-core on the screen.
 *
 * Figures by hand: RV01 bought 10 at 10.00 and 10 at 12.00, then 15 sold with
 * a hand-entered 11.00 (165.00). fifo: 10 × 10 + 5 × 12 = 160.00, unit cost
 * 160 / 15 = 10.66667.
 *
 * Runs only under vitest.e2e.config.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiLogin, clearFailureShots, ensureBuiltUi, ok, openBrowser, seriousViolations, shot, signInAs, startServer, today, type Api, type Browser, type TestServer } from './harness.ts';

describe('web UI: re-valuation in chromium', () => {
  let server: TestServer;
  let boss: Browser;
  let admin: Api;
  let sef: Api;
  let saleId = 0;

  beforeAll(async () => {
    ensureBuiltUi();
    clearFailureShots();
    server = await startServer();
    admin = await apiLogin(server.url, 'admin', ADMIN_PASSWORD);
    sef = await apiLogin(server.url, 'sef', 'demo-sef-2026');
    ok(await admin('POST', '/api/items', { code: 'RV01', description: 'Reevaluare 1', uom: 'buc', fiscalInterest: true, lotManaged: false, serialManaged: false }));
    for (const cost of ['10', '12']) {
      ok(await sef('POST', '/api/records', { warehouse: 'DEP', template: 'ACH', date: today, account: 'F001', internalDocument: `NIR RV ${cost}`, lines: [{ item: 'RV01', quantity: '10', unitCost: cost, location: 'R01-A' }] }));
    }
    saleId = ok(await sef('POST', '/api/records', { warehouse: 'DEP', template: 'VAN', date: today, account: 'C001', internalDocument: 'FACT RV', lines: [{ item: 'RV01', quantity: '15', unitCost: '11', location: 'R01-A' }] })).id;
    boss = await openBrowser(server.url, { viewport: { width: 1280, height: 900 } });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    if (boss) await shot(boss.page, `failed-reval-${ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await boss?.close();
    await server?.stop();
  });

  const row = () => boss.page.locator('[data-testid="revaluation-grid"] tbody tr').filter({ has: boss.page.locator('td[data-col="item"]', { hasText: /^RV01$/ }) });

  it('previews in Romanian, applies through the confirmation dialog, and a second preview no longer lists the line', async () => {
    const page = boss.page;
    await signInAs(page, 'sef', 'demo-sef-2026');
    await page.getByRole('link', { name: /Creare valorizare/ }).first().click();
    await page.getByTestId('revaluation-from').fill(today);
    await page.getByTestId('revaluation-to').fill(today);
    await page.getByTestId('revaluation-method').selectOption('fifo');
    await page.getByTestId('revaluation-warehouse').selectOption('DEP');
    await page.getByTestId('revaluation-preview').click();
    await row().waitFor();
    expect(await row().locator('td[data-col="newUnitCost"]').innerText()).toBe('10,66667');
    expect(await row().locator('td[data-col="oldAmount"]').innerText()).toBe('-165,00');
    expect(await row().locator('td[data-col="newAmount"]').innerText()).toBe('-160,00');
    expect(await row().locator('td[data-col="record"]').innerText()).toBe(String(saleId));
    await page.getByTestId('revaluation-totals').waitFor();
    const axe = await seriousViolations(page);
    expect(axe).toEqual([]);
    await shot(page, 'reval-01-preview');

    await page.getByTestId('revaluation-apply').click();
    await page.getByRole('dialog').getByText(/linii/).waitFor();
    await shot(page, 'reval-02-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Aplică reevaluarea' }).click();
    await page.getByText(/Reevaluare aplicată/).waitFor();
    const sale = ok(await sef('GET', `/api/records/${saleId}`));
    expect(sale.lines[0]).toMatchObject({ unitCost: '10.66667', amount: '-160.00' });

    await page.getByTestId('revaluation-preview').click();
    await page.getByTestId('revaluation-totals').waitFor();
    expect(await row().count()).toBe(0);
  });

  it('shows the screen in English', async () => {
    const page = boss.page;
    await page.getByTestId('lang-en').click();
    await page.getByRole('heading', { name: 'Re-valuation', level: 1 }).waitFor();
    await page.getByTestId('revaluation-preview').getByText('Preview').waitFor();
    await page.getByTestId('revaluation-totals').getByText('Lines changed').waitFor();
    await shot(page, 'reval-03-english');
  });
});

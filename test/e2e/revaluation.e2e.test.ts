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
import { beforeAll, describe, expect, it } from 'vitest';
import { addItem, afterSuite, shot, buyToday, ok, openBrowser, seriousViolations, signInAs, startSuite, today, type Api, type Browser, type TestServer } from './harness.ts';

describe('web UI: re-valuation in chromium', () => {
  let server: TestServer;
  let boss: Browser;
  let admin: Api;
  let sef: Api;
  let saleId = 0;

  beforeAll(async () => {
    ({ server, admin, sef } = await startSuite());
    await addItem(admin, 'RV01', 'Reevaluare 1');
    for (const cost of ['10', '12']) await buyToday(sef, `NIR RV ${cost}`, [['RV01', '10', cost]]);
    saleId = ok(await sef('POST', '/api/records', { warehouse: 'DEP', template: 'VAN', date: today, account: 'C001', internalDocument: 'FACT RV', lines: [{ item: 'RV01', quantity: '15', unitCost: '11', location: 'R01-A' }] })).id;
    boss = await openBrowser(server.url, { viewport: { width: 1280, height: 900 } });
  });

  afterSuite('reval', () => boss, () => server);

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

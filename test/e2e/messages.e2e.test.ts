/**
 * Issue 15 points 3 and 4 in a real browser, in Romanian: a bad date shows a
 * Romanian message naming the field, on the field; the internal code is only
 * behind "Detalii"; typing 31.12.2026 in a date field stores 2026-12-31; the
 * calendar speaks Romanian and picks a date; in English the same field shows
 * the ISO date. axe-core on the form with the calendar open.
 *
 * Runs only under vitest.e2e.config.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiLogin, afterSuite, shot, clearFailureShots, ensureBuiltUi, ok, openBrowser, seriousViolations, signInAs, startServer, type Api, type Browser, type TestServer } from './harness.ts';

/** the inventory form's date field (labelled "Data" / "Date") */
const dateField = (page: Page) => page.locator('form[aria-label] .field-date input').first();

async function newInventoryForm(page: Page): Promise<void> {
  await page.goto('/inventories/new');
  await dateField(page).waitFor();
  // the supervisor has no employee of their own: pick the first operator
  const operator = page.locator('form[aria-label] select').first();
  if (!(await operator.inputValue())) await operator.selectOption({ index: 1 });
}

describe('web UI: messages in the user’s words and dates in the app’s language', () => {
  let server: TestServer;
  let browser: Browser;
  let sef: Api;

  beforeAll(async () => {
    ensureBuiltUi();
    clearFailureShots();
    server = await startServer();
    sef = await apiLogin(server.url, 'sef', 'demo-sef-2026');
    browser = await openBrowser(server.url, { viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  });

  afterSuite('messages', () => browser, () => server);

  it('shows a bad date as a Romanian message naming the field, on the field, with the code only under Detalii', async () => {
    const page = browser.page;
    await signInAs(page, 'sef', 'demo-sef-2026');
    await page.getByTestId('lang-ro').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ro');
    await newInventoryForm(page);
    // the browser's locale is English: the field still asks for the Romanian form
    await expect(dateField(page).getAttribute('placeholder')).resolves.toBe('zz.ll.aaaa');
    await dateField(page).fill('31.02.2026');
    await dateField(page).blur();
    await expect(page.locator('.field-date .field-error').textContent()).resolves.toContain('zz.ll.aaaa');
    await page.getByTestId('save-inventory').click();
    const fieldError = page.locator('.field-date .field-error');
    await expect.poll(() => fieldError.textContent()).toBe('Data inventarului trebuie să fie o dată validă (nu „31.02.2026”)');
    await expect(dateField(page).getAttribute('aria-invalid')).resolves.toBe('true');
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    // what a person sees: no internal code, no field pointer
    const visible = await alert.innerText();
    expect(visible).not.toMatch(/INV_ERR|\/date/);
    expect(visible).toContain('Date de intrare invalide');
    const code = alert.getByTestId('error-code');
    expect(await code.isVisible()).toBe(false);
    await alert.getByText('Detalii').click();
    await expect.poll(() => code.isVisible()).toBe(true);
    await expect(code.textContent()).resolves.toBe('INV_ERR_VALIDATION');
    await shot(page, 'messages-01-bad-date-ro');
  });

  it('stores 31.12.2026 typed in Romanian as 2026-12-31, and shows it as ISO in English', async () => {
    const page = browser.page;
    await newInventoryForm(page);
    await dateField(page).fill('31.12.2026');
    await expect(dateField(page).getAttribute('data-value')).resolves.toBe('2026-12-31');
    await page.getByTestId('save-inventory').click();
    await page.waitForURL(/\/inventories\/\d+$/);
    const id = Number(/\/inventories\/(\d+)$/.exec(page.url())![1]);
    expect(ok(await sef('GET', `/api/inventories/${id}`)).date).toBe('2026-12-31');
    await expect.poll(() => dateField(page).inputValue()).toBe('31.12.2026');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => dateField(page).inputValue()).toBe('2026-12-31');
    await expect(dateField(page).getAttribute('placeholder')).resolves.toBe('yyyy-mm-dd');
    await page.getByTestId('lang-ro').click();
    await expect.poll(() => dateField(page).inputValue()).toBe('31.12.2026');
  });

  it('picks a date from a Romanian calendar with the keyboard', async () => {
    const page = browser.page;
    await newInventoryForm(page);
    await dateField(page).fill('30.06.2026');
    await page.getByRole('button', { name: 'Deschide calendarul' }).click();
    const calendar = page.getByRole('dialog', { name: /Alegeți data/ });
    await calendar.waitFor();
    await expect(calendar.getByRole('heading').textContent()).resolves.toBe('iunie 2026');
    // the selected day has the focus; → moves to the next day, across the month
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("data-date")')).toBe('2026-06-30');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => calendar.getByRole('heading').textContent()).toBe('iulie 2026');
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await shot(page, 'messages-02-calendar-ro');
    await page.keyboard.press('Enter');
    await expect.poll(() => calendar.count()).toBe(0);
    await expect.poll(() => dateField(page).inputValue()).toBe('01.07.2026');
    await expect(dateField(page).getAttribute('data-value')).resolves.toBe('2026-07-01');
  });
});

/**
 * The home dashboard in a real browser (issue 15 point 6, issue 16 point 6),
 * in Romanian and English, on the demo company: its four ECharts charts draw
 * on their canvas with non-empty series, the differences so far read as a
 * person reads them in each language, nothing breaks the CSP, axe-core finds
 * no serious violation, and a counter does not see the dashboard at all.
 * Saves the README screenshot (e2e/readme/dashboard.png).
 *
 * The charts' valuations are computed in the server's background: while an
 * answer says pending the chart shows "computing…" and the page asks again.
 *
 * Figures by hand, for items of our own, all today, in DEP at R01-A:
 *   DB01 ACH 10 @ 5.00; DB02 ACH 20 @ 2.50
 *   inventory P counts DB01 8 and is posted: shortage 2 × 5.00 = 10.00
 *     (accuracy: 1 key, 0 without difference; value 1 − 10.00 / 50.00 = 80 %)
 *   inventory O (open) counts DB02 23 (+3 × 2.50 = +7.50), DB01 7 (−1 × 5.00 = −5.00)
 *   → differences so far: surplus 7.50, shortage 5.00, net 2.50; the largest: DB02, then DB01.
 *
 * Runs only under vitest.e2e.config.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, addItem, afterSuite, apiLogin, buyToday, ok, openBrowser, seriousViolations, shot, signInAs, startSuite, today, type Api, type Browser, type TestServer } from './harness.ts';

async function setLang(page: Page, lang: 'ro' | 'en'): Promise<void> {
  await page.getByTestId(`lang-${lang}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}

const CHARTS = ['chart-largest', 'chart-stock-value', 'chart-cost-methods', 'chart-accuracy'] as const;

/** The chart's series size (data-points) and how many pixels its canvas painted. */
async function drawn(page: Page, testId: string): Promise<{ points: number; painted: number }> {
  const chart = page.getByTestId(testId);
  const canvas = chart.locator('canvas').first();
  await canvas.waitFor();
  const points = Number(await chart.getAttribute('data-points'));
  // ECharts paints after setOption: wait until the canvas is no longer blank
  let painted = 0;
  await expect
    .poll(async () => {
      painted = await canvas.evaluate((c) => {
        // (the test's TypeScript has no DOM types: the canvas as far as used here)
        const el = c as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
        const data = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
        return n;
      });
      return painted;
    })
    .toBeGreaterThan(500);
  return { points, painted };
}

describe('web UI: the home dashboard in chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let sef: Api;

  beforeAll(async () => {
    let admin: Api;
    ({ server, admin, sef } = await startSuite());
    await addItem(admin, 'DB01', 'Cutie de bord mică');
    await addItem(admin, 'DB02', 'Cutie de bord mare');
    await buyToday(sef, 'NIR DB', [
      ['DB01', '10', '5'],
      ['DB02', '20', '2.5'],
    ]);
    const count = async (lines: [string, string][]) => {
      const inv = ok(await sef('POST', '/api/inventories', { date: today, operator: 'E001', description: 'Bord' }));
      const list = ok(await sef('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E002', warehouse: 'DEP' }));
      for (const [item, quantity] of lines) ok(await sef('POST', `/api/lists/${list.id}/lines`, { item, location: 'R01-A', quantity }));
      return inv.id as number;
    };
    const posted = await count([['DB01', '8']]);
    ok(await sef('POST', `/api/inventories/${posted}/differences`, { postingDate: today }));
    await count([
      ['DB02', '23'],
      ['DB01', '7'],
    ]);
    browser = await openBrowser(server.url, { viewport: { width: 1366, height: 900 } });
    await browser.page.addInitScript({
      content: `window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`,
    });
  });

  afterSuite('dashboard', () => browser, () => server);

  it('the API agrees with the figures by hand', async () => {
    const d = ok(await sef('GET', '/api/dashboard'));
    expect(d.differences).toEqual({ surplusValue: '7.50', shortageValue: '5.00', netValue: '2.50' });
    expect(d.largestDifferences.map((r: { item: string; value: string }) => `${r.item} ${r.value}`)).toEqual(['DB02 7.50', 'DB01 -5.00']);
    expect(d.accuracy.at(-1)).toMatchObject({ keys: 1, keysWithoutDifference: 0, countAccuracy: '0.0000', bookValue: '50.00', differenceValue: '10.00', valueAccuracy: '0.8000' });
    // the charts' valuations run in the server's background: asked again (as the web does) until no longer pending
    let methods = ok(await sef('GET', '/api/dashboard/cost-methods'));
    await expect
      .poll(async () => (methods = ok(await sef('GET', '/api/dashboard/cost-methods'))).pending, { timeout: 30_000, interval: 200 })
      .toBe(false);
    expect(methods.methods).toHaveLength(12);
  });

  for (const lang of ['ro', 'en'] as const) {
    it(`draws the four charts from the demo's data, with the figures in the language (${lang})`, async () => {
      const page = browser.page;
      await signInAs(page, 'sef', 'demo-sef-2026');
      await setLang(page, lang);
      await page.goto('/');
      await page.getByTestId('dashboard').waitFor();
      for (const id of CHARTS) {
        const { points, painted } = await drawn(page, id);
        expect([id, points > 0, painted > 500]).toEqual([id, true, true]);
      }
      expect(Number(await page.getByTestId('chart-largest').getAttribute('data-points'))).toBe(2);
      expect(Number(await page.getByTestId('chart-cost-methods').getAttribute('data-points'))).toBe(12);
      expect(Number(await page.getByTestId('chart-stock-value').getAttribute('data-points'))).toBe(2 * 12);
      const figures = await page.getByTestId('dashboard-differences').locator('dd').allTextContents();
      expect(figures).toEqual(lang === 'ro' ? ['7,50', '5,00', '2,50'] : ['7.50', '5.00', '2.50']);
      const title = await page.locator('#dashboard-title').textContent();
      const [y, m, d] = today.split('-');
      expect(title).toContain(lang === 'ro' ? `Situația la ${d}.${m}.${y}` : `As of ${today}`);
      await expect(page.getByRole('heading', { name: lang === 'ro' ? 'Acuratețea numărării în timp' : 'Count accuracy over time' }).count()).resolves.toBe(1);
      // the open inventory's lists with their progress
      await expect(page.getByTestId('dashboard-open').locator('progress').count()).resolves.toBeGreaterThan(0);
      expect(await page.evaluate('window.__cspViolations')).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `dashboard-${lang}`);
      if (lang === 'en') {
        fs.mkdirSync(path.join(ROOT, 'e2e/readme'), { recursive: true });
        // the page from its top (the shell's bar stays over a scrolled element) to the dashboard's end
        await page.evaluate('window.scrollTo(0, 0)');
        const box = (await page.getByTestId('dashboard').boundingBox())!;
        await page.screenshot({ path: path.join(ROOT, 'e2e/readme/dashboard.png'), fullPage: true, clip: { x: 0, y: 0, width: 1366, height: Math.ceil(box.y + box.height + 16) } });
      }
    });
  }

  it('does not show a counter the dashboard, nor answer them its figures', async () => {
    const page = browser.page;
    await signInAs(page, 'ana', 'demo-ana-2026');
    await page.goto('/');
    await page.getByRole('heading').first().waitFor();
    expect(await page.getByTestId('dashboard').count()).toBe(0);
    expect(await page.locator('canvas').count()).toBe(0);
    const ana = await apiLogin(server.url, 'ana', 'demo-ana-2026');
    for (const p of ['/api/dashboard', '/api/dashboard/stock-value', '/api/dashboard/cost-methods']) expect((await ana('GET', p)).status).toBe(403);
  });
});

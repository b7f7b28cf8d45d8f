/**
 * The web app passes its own Content-Security-Policy (issue 11 point 10): in
 * chromium, every screen of a supervisor and a counter renders with no CSP
 * violation, the page compiles WebAssembly (the camera scanner's ZXing), and
 * a counter is shown only the counting screens (issue 12 point 2).
 *
 * Runs only under vitest.e2e.config.ts (`npm run test:e2e`), not in `npm test`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureBuiltUi, openBrowser, signIn, startServer, type Browser, type TestServer } from './harness.ts';

/** Records every CSP violation of the page's documents in window.__cspViolations. */
async function watchCsp(page: Page): Promise<void> {
  // (page scripts as strings: the test's TypeScript has no DOM types)
  await page.addInitScript({
    content: `window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`,
  });
}

const violations = (page: Page) => page.evaluate('window.__cspViolations ?? []') as Promise<string[]>;

describe('web UI under its Content-Security-Policy', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureBuiltUi();
    server = await startServer();
    browser = await openBrowser(server.url, { viewport: { width: 1280, height: 900 } });
    await watchCsp(browser.page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves the page with the CSP', async () => {
    const r = await fetch(`${server.url}/`);
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("renders a supervisor's screens with no violation and compiles WebAssembly", async () => {
    const page = browser.page;
    await signIn(page, 'sef', 'demo-sef-2026');
    for (const path of ['/', '/inventories', '/records', '/valued-inventory', '/closings', '/warehouse-history', '/count']) {
      await page.goto(path);
      await page.getByRole('heading').first().waitFor();
      expect([path, await violations(page)]).toEqual([path, []]);
    }
    // the camera scanner's ZXing is WebAssembly: the policy lets the page compile it (the empty module)
    const compiled = await page.evaluate('WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => true, (e) => String(e))');
    expect(compiled).toBe(true);
    expect(await violations(page)).toEqual([]);
    await page.getByTestId('sign-out').click();
  });

  it('shows a counter the counting screens only, with no violation', async () => {
    const page = browser.page;
    await signIn(page, 'ana', 'demo-ana-2026');
    await page.goto('/');
    await page.getByRole('heading').first().waitFor();
    expect(await page.locator('a[href="/records"]').count()).toBe(0);
    expect(await page.locator('a[href="/valued-inventory"]').count()).toBe(0);
    await page.goto('/count');
    await page.getByRole('heading').first().waitFor();
    for (const path of ['/valued-inventory', '/records']) {
      await page.goto(path);
      await page.getByRole('heading').first().waitFor();
      // the shell's "not allowed" page, not the screen
      expect(await page.getByRole('heading', { name: /Acces nepermis|Not allowed/ }).count()).toBe(1);
      expect(await page.getByTestId('sign-out').count()).toBe(1);
    }
    expect(await violations(page)).toEqual([]);
  });
});

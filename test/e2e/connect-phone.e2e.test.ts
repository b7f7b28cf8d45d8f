/**
 * Joining a phone over HTTPS (issue 14 points 1 and 2), in Debian's chromium:
 * the server runs with INVENTAR_TLS=self-signed (the browsers ignore the
 * untrusted certificate, as a phone does after the user accepts it); the
 * supervisor opens "Conectează un telefon", the QR image (screenshot of the
 * element, decoded by jsQR) is exactly the URL shown, the fingerprint shown is
 * the served certificate's; a counter opening that URL on a 360 px phone signs
 * in and lands on "my lists". axe-core on the screen, both languages.
 *
 * Runs only under vitest.e2e.config.ts.
 */
import tls from 'node:tls';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clearFailureShots, ensureBuiltUi, openBrowser, seriousViolations, shot, startServer, type Browser, type TestServer } from './harness.ts';

// jsqr is CommonJS: its function is the module itself under Node's ESM, `default` under bundlers' interop
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as typeof jsQRModule.default;

/** The certificate the server presents, read off a TLS handshake (not through the app). */
function servedFingerprint(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      const cert = socket.getPeerX509Certificate();
      socket.end();
      if (!cert) reject(new Error('no certificate'));
      else resolve(`SHA-256 ${cert.fingerprint256}`);
    });
    socket.on('error', reject);
  });
}

describe('web UI: connect a phone over HTTPS in chromium', () => {
  let server: TestServer;
  let boss: Browser;
  let phone: Browser;
  let shownUrl = '';

  beforeAll(async () => {
    ensureBuiltUi();
    clearFailureShots();
    server = await startServer({ https: true });
    boss = await openBrowser(server.url, { viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true });
    phone = await openBrowser(server.url, { viewport: { width: 360, height: 740 }, mobile: true, ignoreHTTPSErrors: true });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      await shot(boss.page, `failed-connect-boss-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => undefined);
      await shot(phone.page, `failed-connect-phone-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => undefined);
    }
  });

  afterAll(async () => {
    await boss?.close();
    await phone?.close();
    await server?.stop();
  });

  it('the supervisor opens "Conectează un telefon": the QR code decodes to the URL shown, the fingerprint is the served certificate’s', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const page = boss.page;
    await page.goto('/');
    await page.getByLabel('Utilizator').fill('sef');
    await page.getByLabel('Parolă').fill('demo-sef-2026');
    await page.getByTestId('sign-in').click();
    await page.getByRole('link', { name: /Conectează un telefon/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Conectează un telefon' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/connect');
    shownUrl = (await page.getByTestId('connect-url').textContent())!.trim();
    // the server listens on 127.0.0.1 only: that is the one address a phone could use
    expect(shownUrl).toBe(`${server.url}/count`);

    const qr = page.getByTestId('connect-qr');
    await expect.poll(() => qr.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0)).toBe(true);
    const png = PNG.sync.read(await qr.screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    expect(decoded?.data).toBe(shownUrl);

    const fingerprint = (await page.getByTestId('connect-fingerprint').textContent())!.trim();
    expect(fingerprint).toMatch(/^SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(fingerprint).toBe(await servedFingerprint(server.url));
    await expect.poll(() => page.getByTestId('connect-certificate').getAttribute('href')).toBe('/ca.crt');
    await shot(page, 'connect-phone-ro');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('lang-en').click();
    await page.getByRole('heading', { level: 1, name: 'Connect a phone' }).waitFor();
    await page.getByRole('heading', { name: 'Certificate fingerprint' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a counter opening that URL on a 360 px phone signs in and lands on "my lists"', async () => {
    expect(shownUrl).not.toBe('');
    const page = phone.page;
    await page.goto(shownUrl);
    await page.getByLabel('Utilizator').fill('ana');
    await page.getByLabel('Parolă').fill('demo-ana-2026');
    await page.getByTestId('sign-in').click();
    await page.getByRole('heading', { level: 1, name: 'Listele mele' }).waitFor();
    expect(page.url()).toBe(shownUrl);
    expect(await page.evaluate('window.isSecureContext')).toBe(true);
    await shot(page, 'connect-phone-counter-lists');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

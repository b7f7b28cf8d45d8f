/**
 * What the browser tests need: the built UI, a server of their own (temp
 * SQLite, demo data, a free port) and Debian's chromium driven by
 * playwright-core (never a downloaded browser), with a fresh profile.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'e2e/screenshots');
export const ADMIN_PASSWORD = 'e2e-admin-pass';

/** Builds dist/web when it is missing (or when INVENTAR_E2E_BUILD=1). */
export function ensureBuiltUi(): void {
  if (!process.env.INVENTAR_E2E_BUILD && fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) return;
  execFileSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build'], { cwd: ROOT, stdio: 'inherit' });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  url: string;
  stop: () => Promise<void>;
  log: () => string;
}

/** `inventar serve` on a free port with a temp SQLite database and the demo company; `https`: INVENTAR_TLS=self-signed in that folder. */
export async function startServer(options: { https?: boolean } = {}): Promise<TestServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-e2e-'));
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      INVENTAR_DB: path.join(dir, 'db.sqlite'),
      INVENTAR_DEMO: '1',
      INVENTAR_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...(options.https ? { INVENTAR_TLS: 'self-signed', INVENTAR_HTTP_REDIRECT_PORT: 'off' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const url = `${options.https ? 'https' : 'http'}://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    if (/listening on/i.test(output)) break;
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** requests that left this machine (must stay empty: the UI works offline from our server) */
  external: string[];
  close: () => Promise<void>;
}

/** A headless Debian chromium with a fresh profile; every request outside the test server is blocked and recorded. */
export async function openBrowser(baseUrl: string, options: { viewport: { width: number; height: number }; mobile?: boolean; locale?: string; ignoreHTTPSErrors?: boolean }): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (never download a browser)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: options.viewport,
    isMobile: options.mobile,
    hasTouch: options.mobile,
    deviceScaleFactor: 1,
    locale: options.locale ?? 'ro-RO',
    baseURL: baseUrl,
    ignoreHTTPSErrors: options.ignoreHTTPSErrors,
  });
  const external: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith('data:') || url.startsWith('blob:')) return route.fallback();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    external,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Removes the failure screenshots of an earlier run. */
export function clearFailureShots(): void {
  if (!fs.existsSync(SCREENSHOTS)) return;
  for (const f of fs.readdirSync(SCREENSHOTS)) if (f.startsWith('failed-')) fs.rmSync(path.join(SCREENSHOTS, f));
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const require = createRequire(import.meta.url);

/** A PNG of a barcode (ZXing's writer, the same library family the UI reads with), for the photo scan. */
export async function barcodePng(text: string, format: string): Promise<string> {
  const { writeBarcode, prepareZXingModule } = await import('zxing-wasm/writer');
  const wasm = fs.readFileSync(require.resolve('zxing-wasm/writer/zxing_writer.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) } as never });
  const out = await writeBarcode(text, { format, scale: 4 } as never);
  if (out.error || !out.image) throw new Error(`barcode ${text}: ${out.error}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-barcode-')), 'code.png');
  fs.writeFileSync(file, Buffer.from(await out.image.arrayBuffer()));
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core on the current page: the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // evaluated through the protocol, not added as an inline <script>: the app's CSP (script-src 'self') refuses those
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const all = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`,
  )) as AxeViolation[];
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A small API client for checks behind the UI's back. */
export async function apiLogin(baseUrl: string, username: string, password: string): Promise<(method: string, p: string, body?: unknown, lang?: string) => Promise<{ status: number; body: any }>> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const { token } = (await res.json()) as { token: string };
  return async (method, p, body, lang = 'en') => {
    const r = await fetch(`${baseUrl}${p}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'accept-language': lang, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: r.status, body: parsed };
  };
}

/** Signs in through the sign-in screen and waits for the signed-in shell. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/Utilizator|User name/).fill(username);
  await page.getByLabel(/Parolă|Password/).fill(password);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('sign-out').waitFor();
}

/** Today as YYYY-MM-DD in the machine's time zone (the server's "today"). */
export const today = (() => {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
})();

export type Api = Awaited<ReturnType<typeof apiLogin>>;

/** The body of an answer whose status is one of those given (default 200 or 201). */
export const ok = (r: { status: number; body: unknown }, ...statuses: number[]) => {
  expect(statuses.length ? statuses : [200, 201], JSON.stringify(r.body)).toContain(r.status);
  return r.body as any;
};

/** Types a code as a keyboard-wedge scanner would (characters, then Enter), with a quantity when given. */
export async function scan(page: Page, code: string, quantity?: string): Promise<void> {
  const field = page.getByTestId('scan-code');
  await expect.poll(() => field.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
  await page.keyboard.type(code);
  if (quantity !== undefined) {
    await page.keyboard.press('Tab');
    await page.keyboard.type(quantity);
  }
  await page.keyboard.press('Enter');
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in').waitFor();
}

/** Signs in as `username`, first signing out whoever this browser still holds. */
export async function signInAs(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('sign-in').or(page.getByTestId('sign-out')).first().waitFor();
  if (await page.getByTestId('sign-out').count()) await signOut(page);
  await signIn(page, username, password);
}

/** The usual start of a suite: the built UI checked, old failure shots removed, a server, and the API signed in as admin and as sef (demo). */
export async function startSuite(): Promise<{ server: TestServer; admin: Api; sef: Api }> {
  ensureBuiltUi();
  clearFailureShots();
  const server = await startServer();
  const admin = await apiLogin(server.url, 'admin', ADMIN_PASSWORD);
  const sef = await apiLogin(server.url, 'sef', 'demo-sef-2026');
  return { server, admin, sef };
}

/**
 * Registers a suite's after-hooks (call inside its describe): a failed test
 * leaves a screenshot `failed-<suite>-<test>` of the browser's page; at the end
 * the browser is closed and the server stopped.
 */
export function afterSuite(suite: string, browser: () => Browser | undefined, server: () => TestServer | undefined): void {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
    const b = browser();
    if (b) await shot(b.page, `failed-${suite}-${name}`).catch(() => undefined);
  });
  afterAll(async () => {
    await browser()?.close();
    await server()?.stop();
  });
}

/** A plain item (counted in pieces unless said, fiscal, no lots or serials) added as admin. */
export async function addItem(admin: Api, code: string, description: string, uom = 'buc'): Promise<void> {
  ok(await admin('POST', '/api/items', { code, description, uom, fiscalInterest: true, lotManaged: false, serialManaged: false }));
}

/** A purchase (ACH, supplier F001) into DEP on R01-A today: lines of [item, quantity, unit cost]; the record's id. */
export async function buyToday(sef: Api, internalDocument: string, lines: [string, string, string][]): Promise<number> {
  const items = lines.map(([item, quantity, unitCost]) => ({ item, quantity, unitCost, location: 'R01-A' }));
  return ok(await sef('POST', '/api/records', { warehouse: 'DEP', template: 'ACH', date: today, account: 'F001', internalDocument, lines: items })).id as number;
}

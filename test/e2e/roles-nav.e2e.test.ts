/**
 * Role-aware navigation (issue 15 point 8) in chromium: each role of SPEC §10
 * signs in and is offered exactly the tiles and configuration links it may
 * use (the expected sets below are written by hand from SPEC §10 and the
 * routes' permissions in API.md, not read from the app's table); a screen
 * typed in the address bar that the role may not use shows the "not allowed"
 * page (in Romanian and English); and on the records, record, inventory,
 * configuration and closing screens no write control (a form's submit, a
 * "new", "save" or "delete" button) appears for a role whose API call would be
 * 403 — checked against the API with the same role.
 *
 * Runs only under vitest.e2e.config.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, afterSuite, apiLogin, ok, openBrowser, seriousViolations, signInAs, startSuite, today, type Api, type Browser, type TestServer } from './harness.ts';

type RoleName = 'admin' | 'supervisor' | 'counter' | 'viewer' | 'approver';
const USERS: Record<RoleName, [username: string, password: string]> = {
  admin: ['admin', ADMIN_PASSWORD],
  supervisor: ['sef', 'demo-sef-2026'],
  counter: ['ana', 'demo-ana-2026'],
  viewer: ['contabil', 'demo-cont-2026'],
  approver: ['aprobnav', 'demo-aprobnav-2026'],
};
const ROLES = Object.keys(USERS) as RoleName[];

// ── by hand from SPEC §10 ──────────────────────────────────────────────────
/** what every role that reads (admin, supervisor, viewer, approver) is offered */
const READING = ['/inventories', '/differences', '/closings', '/warehouse-history', '/valued-inventory', '/cycle-count', '/journal', '/stock-reconciliation', '/inventory-register', '/stock', '/records', '/count-control'];
/** running inventories, closings and re-valuation, counting, connecting phones: admin and supervisor */
const RUNNING = ['/closing', '/revaluation', '/count', '/connect'];
/** the approver's own tile (deciding on differences over tolerance) leads to the differences screen too */
const APPROVE = ['/differences'];
const TILES: Record<RoleName, string[]> = {
  admin: [...READING, ...RUNNING, '/audit', ...APPROVE],
  supervisor: [...READING, ...RUNNING],
  counter: ['/count'],
  viewer: [...READING],
  approver: [...READING, ...APPROVE],
};
const CONFIG = ['items', 'warehouses', 'templates', 'year-params', 'stock-difference-params', 'list-types', 'employees', 'management-areas', 'confusion-groups', 'loss-allowances'].map((s) => `/config/${s}`);
const CONFIG_LINKS: Record<RoleName, string[]> = {
  admin: [...CONFIG, '/config/users'],
  supervisor: CONFIG,
  counter: [],
  viewer: CONFIG,
  approver: CONFIG,
};
/** screens typed in the address bar, and the roles that may open them */
const TYPED: [path: string, roles: RoleName[]][] = [
  ['/records/new', ['admin', 'supervisor']],
  ['/closing', ['admin', 'supervisor']],
  ['/audit', ['admin']],
  ['/config/users', ['admin']],
  ['/count', ['admin', 'supervisor', 'counter']],
  ['/valued-inventory', ['admin', 'supervisor', 'viewer', 'approver']],
];
// ───────────────────────────────────────────────────────────────────────────

const sorted = (a: string[]) => [...a].sort();

/** the hrefs of the home screen's tiles and configuration links, as shown */
const homeLinks = (page: Page) =>
  page.evaluate(`({
    tiles: Array.from(document.querySelectorAll('main a.entry')).map((a) => a.getAttribute('href')),
    config: Array.from(document.querySelectorAll('main .config-links a')).map((a) => a.getAttribute('href')),
  })`) as Promise<{ tiles: string[]; config: string[] }>;

/**
 * The write controls a screen shows: a form's submit button outside the
 * filter forms, and the primary or delete buttons outside them ("new",
 * "save", "delete", "post"); labels for the failure message.
 */
const writeControls = (page: Page) =>
  page.evaluate(`Array.from(document.querySelectorAll('main form:not(.filters) [type=submit], main .btn-primary, main .btn-danger-ghost'))
    .filter((b) => !b.closest('form.filters'))
    .map((b) => (b.textContent || b.getAttribute('aria-label') || '').trim())`) as Promise<string[]>;

/** a path typed in the address bar, waiting for the screen's first heading */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading').first().waitFor();
}

describe('role-aware navigation in chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Api;
  let sef: Api;
  const api = {} as Record<RoleName, Api>;
  let inventoryId: number;
  let recordId: number;

  beforeAll(async () => {
    ({ server, admin, sef } = await startSuite());
    ok(await admin('POST', '/api/users', { username: USERS.approver[0], password: USERS.approver[1], role: 'approver' }));
    for (const role of ROLES) api[role] = await apiLogin(server.url, ...USERS[role]);
    inventoryId = ok(await sef('POST', '/api/inventories', { date: today, operator: 'E001', description: 'roles' })).id as number;
    recordId = ok(await sef('GET', '/api/records?limit=1')).items[0].id as number;
    browser = await openBrowser(server.url, { viewport: { width: 1280, height: 900 } });
  });

  afterSuite('roles-nav', () => browser, () => server);

  /** screens with forms, the API call their write controls make, and a body that call would accept from a role that may */
  const screens = (): [path: string, method: string, apiPath: string, body: unknown][] => [
    ['/records', 'POST', '/api/records', { warehouse: 'DEP', template: 'ACH', date: today, account: 'F001', lines: [] }],
    [`/records/${recordId}`, 'DELETE', `/api/records/${1_000_000_000}`, undefined],
    [`/inventories/${inventoryId}`, 'PUT', `/api/inventories/${inventoryId}`, { description: 'roles' }],
    ['/config/items', 'POST', '/api/items', {}],
    ['/closing', 'POST', '/api/closings/check', {}],
  ];

  for (const role of ROLES) {
    it(`${role}: the tiles and configuration links are the role's own; a screen it may not use is "not allowed"; write controls exactly when the API would not answer 403`, async () => {
      const page = browser.page;
      await signInAs(page, ...USERS[role]);
      await page.getByTestId('lang-ro').click();
      await open(page, '/'); // a counter lands on their lists after signing in
      // the tiles and links are all there once the first tile is (one render)
      await page.locator('main a.entry').first().waitFor();
      const links = await homeLinks(page);
      expect(sorted(links.tiles)).toEqual(sorted(TILES[role]));
      expect(sorted(links.config)).toEqual(sorted(CONFIG_LINKS[role]));

      for (const [path, roles] of TYPED) {
        await open(page, path);
        const refused = await page.getByTestId('not-allowed').count();
        expect([path, refused]).toEqual([path, roles.includes(role) ? 0 : 1]);
        if (!refused) continue;
        await page.getByRole('heading', { name: 'Acces nepermis' }).waitFor();
        // the shell stays: the user can sign out or go home
        expect(await page.getByTestId('sign-out').count()).toBe(1);
        expect(await page.locator('main a[href="/"]').count()).toBe(1);
      }

      for (const [path, method, apiPath, body] of screens()) {
        const answer = await api[role](method, apiPath, body);
        const forbidden = answer.status === 403;
        await open(page, path);
        if (await page.getByTestId('not-allowed').count()) {
          // the screen itself is refused: so is every call it would make
          expect([path, answer.status]).toEqual([path, 403]);
          continue;
        }
        await page.locator('main form, main table').first().waitFor();
        if (forbidden) expect([path, await writeControls(page)]).toEqual([path, []]);
        else await expect.poll(async () => [path, (await writeControls(page)).length > 0]).toEqual([path, true]);
      }
    });
  }

  it('the "not allowed" page in English names the role, with no serious accessibility violation', async () => {
    const page = browser.page;
    await signInAs(page, ...USERS.viewer);
    await page.getByTestId('lang-en').click();
    await open(page, '/records/new');
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await page.getByTestId('not-allowed').textContent()).toContain('Your role (viewer) may not use this page.');
    // the page itself passes axe-core
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('lang-ro').click();
  });
});

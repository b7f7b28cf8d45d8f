/**
 * Sign-in that resists guessing and floods (issue 11 point 3): scrypt off the
 * event loop, a password length cap, the same work for unknown users,
 * throttling per user name and per address (429 + Retry-After), a lockout
 * after repeated failures, logout and an admin's revocation of a user's tokens.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, PASSWORD, type TestApi } from '../helpers/api.ts';
import { hashPassword, verifyPassword } from '../../src/masterdata/users.ts';

const wide = { perAddress: 10_000, perUser: 10_000, windowMs: 60_000 };

async function signIn(api: TestApi, username: string, password: string, remoteAddress = '127.0.0.1') {
  const r = await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers: { 'accept-language': 'en' } });
  return { status: r.statusCode, body: r.json(), headers: r.headers };
}

describe('password hashing', () => {
  it('hashes off the event loop: other work runs while scrypt computes', async () => {
    const stored = await hashPassword('correct horse');
    let ticked = false;
    const verifying = verifyPassword('correct horse', stored);
    expect(verifying).toBeInstanceOf(Promise);
    setImmediate(() => (ticked = true));
    expect(await verifying).toBe(true);
    expect(ticked).toBe(true);
    expect(await verifyPassword('wrong', stored)).toBe(false);
    expect(fs.readFileSync('src/masterdata/users.ts', 'utf8')).not.toMatch(/scryptSync/);
  });
});

for (const dialect of dialects) {
  describe(`sign-in security [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect, { loginLimits: { ...wide, lockout: { failures: 3, windowMinutes: 15, lockMinutes: 15 } } });
    });
    afterAll(async () => api.close());
    afterEach(() => vi.restoreAllMocks());

    it('refuses a password over 1024 characters with a coded 400, before hashing, and a huge body with 413', async () => {
      const spy = vi.spyOn(crypto, 'scrypt');
      spy.mockClear();
      const long = await signIn(api, 'viewer', 'x'.repeat(1025));
      expect(long.status).toBe(400);
      expect(long.body.code).toBe('INV_ERR_PASSWORD_TOO_LONG');
      expect(spy).not.toHaveBeenCalled();
      const huge = await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'viewer', password: 'x'.repeat(1_000_000) } });
      expect(huge.statusCode).toBe(413);
      const create = await api.call('POST', '/api/users', { username: 'longpw', password: 'y'.repeat(2000), role: 'viewer' });
      expect(create.status).toBe(400);
      expect(create.body.code).toBe('INV_ERR_PASSWORD_TOO_LONG');
      expect((await signIn(api, 'viewer', PASSWORD)).status).toBe(200);
    });

    it('does the same hashing work for an unknown user as for a known one', async () => {
      const spy = vi.spyOn(crypto, 'scrypt');
      spy.mockClear();
      expect((await signIn(api, 'supervisor', 'wrong-password')).status).toBe(401);
      const known = spy.mock.calls.length;
      spy.mockClear();
      const unknown = await signIn(api, 'nobody-here', 'wrong-password');
      expect(unknown.status).toBe(401);
      expect(unknown.body.code).toBe('INV_ERR_BAD_CREDENTIALS');
      expect(known).toBe(1);
      expect(spy.mock.calls.length).toBe(known);
      expect(spy.mock.calls.at(-1)![2]).toBe(32); // the dummy hash has the known one's key length
    });

    it('locks a user name after repeated failures (429 with Retry-After), known or not, even for the right password', async () => {
      await api.store.db.deleteFrom('login_failures').execute();
      for (const name of ['supervisor', 'ghost']) {
        for (let i = 0; i < 3; i++) expect((await signIn(api, name, 'wrong-password')).status).toBe(401);
        const locked = await signIn(api, name, name === 'supervisor' ? PASSWORD : 'wrong-password');
        expect(locked.status).toBe(429);
        expect(locked.body.code).toBe('INV_ERR_LOGIN_LOCKED');
        expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
      }
      // others are not affected
      expect((await signIn(api, 'viewer', PASSWORD)).status).toBe(200);
      // when the lock has passed, the right password signs in and clears the count
      await api.store.db.updateTable('login_failures').set({ locked_until: '2000-01-01T00:00:00.000Z' }).execute();
      expect((await signIn(api, 'supervisor', PASSWORD)).status).toBe(200);
      expect(await api.store.db.selectFrom('login_failures').select('username').where('username', '=', 'supervisor').execute()).toEqual([]);
    });

    it('signs out: the token stops working, the others of the user do not', async () => {
      const a = (await signIn(api, 'viewer', PASSWORD)).body.token as string;
      const b = (await signIn(api, 'viewer', PASSWORD)).body.token as string;
      expect((await api.call('GET', '/api/auth/me', undefined, { token: a })).status).toBe(200);
      expect((await api.call('POST', '/api/auth/logout', undefined, { token: a })).status).toBe(204);
      expect((await api.call('GET', '/api/auth/me', undefined, { token: a })).status).toBe(401);
      expect((await api.call('POST', '/api/auth/logout', undefined, { token: a })).status).toBe(401);
      expect((await api.call('GET', '/api/auth/me', undefined, { token: b })).status).toBe(200);
    });

    it("lets an admin end every session of a user, audited; nobody else", async () => {
      const t1 = (await signIn(api, 'counter', PASSWORD)).body.token as string;
      const t2 = (await signIn(api, 'counter', PASSWORD)).body.token as string;
      const other = (await signIn(api, 'viewer', PASSWORD)).body.token as string;
      const denied = await api.call('DELETE', '/api/users/counter/tokens', undefined, { as: 'supervisor' });
      expect(denied.status).toBe(403);
      expect((await api.call('GET', '/api/auth/me', undefined, { token: t1 })).status).toBe(200);
      const r = await api.call('DELETE', '/api/users/counter/tokens');
      expect(r.status).toBe(200);
      expect(r.body.username).toBe('counter');
      expect(r.body.revoked).toBeGreaterThanOrEqual(3); // t1, t2 and the test helper's
      for (const t of [t1, t2, api.tokens.counter]) expect((await api.call('GET', '/api/auth/me', undefined, { token: t })).status).toBe(401);
      expect((await api.call('GET', '/api/auth/me', undefined, { token: other })).status).toBe(200);
      expect((await api.call('DELETE', '/api/users/nobody/tokens')).status).toBe(404);
      const trail = await api.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'revoke-tokens').execute();
      expect(trail.map((t) => [t.username, t.entity, t.entity_key])).toEqual([['admin', 'user', 'counter']]);
      api.tokens.counter = (await signIn(api, 'counter', PASSWORD)).body.token;
    });
  });

  describe(`sign-in throttling [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      // every attempt counts, the test helper's own sign-in of each user too
      api = await openTestApi(dialect, { loginLimits: { perAddress: 8, perUser: 4, windowMs: 60_000 } });
    });
    afterAll(async () => api.close());

    it('throttles one user name (429 + Retry-After) without touching the others', async () => {
      for (let i = 0; i < 3; i++) expect((await signIn(api, 'supervisor', 'wrong', `10.0.0.${i + 1}`)).status).toBe(401);
      const throttled = await signIn(api, 'supervisor', PASSWORD, '10.0.0.9');
      expect(throttled.status).toBe(429);
      expect(throttled.body.code).toBe('INV_ERR_TOO_MANY_LOGINS');
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      expect((await signIn(api, 'viewer', PASSWORD, '10.0.0.9')).status).toBe(200);
    });

    it('throttles one address over many user names', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) statuses.push((await signIn(api, `name${i}`, 'wrong', '10.9.9.9')).status);
      expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
      expect(statuses[8]).toBe(429);
      expect((await signIn(api, 'viewer', PASSWORD, '10.1.1.1')).status).toBe(200);
    });
  });
}

/**
 * Users, passwords, sign-in tokens. Tokens are random and stored only as hashes.
 * Passwords are hashed with scrypt off the event loop (libuv's thread pool), at
 * most MAX_PASSWORD characters; an unknown user costs the same hash as a known
 * one; repeated failures lock the user name for a while (login_failures).
 */
import crypto from 'node:crypto';
import { inTransaction } from '../db/transaction.ts';
import { ROLES, type Actor, type Ctx, type Role } from '../core/context.ts';
import { fail } from '../core/errors.ts';
import { nowTimestamp } from '../core/dates.ts';
import { audit } from '../db/audit.ts';
import type { Store } from '../db/connection.ts';
import { requirePermission } from '../core/roles.ts';
import { employeeIdOf } from './lookup.ts';

const TOKEN_HOURS = 12;
/** longest password accepted, in characters (a longer one is a 400 before any hashing) */
export const MAX_PASSWORD = 1024;

/** Lockout after repeated failed sign-ins of one user name (known or not). */
export interface LockoutPolicy {
  /** consecutive failures (none older than `windowMinutes` apart) that lock the name */
  failures: number;
  windowMinutes: number;
  lockMinutes: number;
}
export const DEFAULT_LOCKOUT: LockoutPolicy = { failures: 10, windowMinutes: 15, lockMinutes: 15 };

/** scrypt on libuv's thread pool: the event loop keeps serving while a password is hashed */
const scrypt = (password: string, salt: Buffer, keylen: number) =>
  new Promise<Buffer>((resolve, reject) => crypto.scrypt(password, salt, keylen, (error, key) => (error ? reject(error) : resolve(key))));

export interface UserInput {
  username: string;
  password: string;
  role: string;
  employee?: string | null;
  language?: string | null;
  /** a supervisor who may also approve inventory differences (only a supervisor's flag matters) */
  approver?: boolean;
}

export interface UserView {
  id: number;
  username: string;
  role: Role;
  employee: string | null;
  language: string | null;
  approver: boolean;
}

function checkPasswordLength(password: string): void {
  if (password.length > MAX_PASSWORD) fail('INV_ERR_PASSWORD_TOO_LONG', { max: MAX_PASSWORD }, [{ path: '/password', code: 'INV_ERR_PASSWORD_TOO_LONG', params: { max: MAX_PASSWORD } }]);
}

export async function hashPassword(password: string): Promise<string> {
  checkPasswordLength(password);
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key || password.length > MAX_PASSWORD) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length);
  return crypto.timingSafeEqual(expected, actual);
}

/** A hash no password matches, verified against for unknown users so they cost what known ones cost. */
let dummyHash: Promise<string> | undefined;
/** The dummy hash; the server computes it when it starts, so the first unknown user costs no extra hash. */
export const dummy = () => (dummyHash ??= hashPassword(crypto.randomBytes(24).toString('base64')));

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

function userView(row: { id: number; username: string; role: string; language: string | null; approver: number }, employee: string | null): UserView {
  return { id: row.id, username: row.username, role: row.role as Role, employee, language: row.language, approver: row.approver === 1 };
}

export async function listUsers(ctx: Ctx): Promise<UserView[]> {
  requirePermission(ctx.actor, 'masterData');
  const rows = await ctx.store.db
    .selectFrom('users')
    .leftJoin('employees', 'employees.id', 'users.employee_id')
    .select(['users.id', 'users.username', 'users.role', 'users.language', 'users.approver', 'employees.code as employee'])
    .orderBy('users.username')
    .execute();
  return rows.map((r) => userView(r, r.employee));
}

export async function createUser(ctx: Ctx, input: UserInput): Promise<UserView> {
  requirePermission(ctx.actor, 'masterData');
  if (!(ROLES as readonly string[]).includes(input.role)) fail('INV_ERR_VALIDATION', {}, [{ path: '/role', code: 'INV_ERR_VALIDATION' }]);
  return inTransaction(ctx.store, async (trx) => {
    const exists = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (exists) fail('INV_ERR_DUPLICATE', { entity: 'user', key: input.username });
    const empId = await employeeIdOf(trx, input.employee);
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        password_hash: await hashPassword(input.password),
        role: input.role,
        employee_id: empId,
        language: input.language ?? null,
        approver: input.approver ? 1 : 0,
        created_at: nowTimestamp(),
      })
      .returning(['id', 'username', 'role', 'language', 'approver'])
      .executeTakeFirstOrThrow();
    const view = userView(row, input.employee ?? null);
    await audit(trx, ctx.actor, 'user', input.username, 'create', null, view);
    return view;
  });
}

/** Seconds the user name stays locked, or 0. */
async function lockedFor(store: Store, username: string): Promise<number> {
  const row = await store.db.selectFrom('login_failures').select('locked_until').where('username', '=', username).executeTakeFirst();
  if (!row?.locked_until) return 0;
  const left = Math.ceil((Date.parse(row.locked_until) - Date.now()) / 1000);
  return left > 0 ? left : 0;
}

/** Counts a failed sign-in; the one that reaches the policy's count locks the name (and starts a new count). */
async function recordFailure(store: Store, username: string, policy: LockoutPolicy): Promise<void> {
  const now = new Date();
  const windowStart = new Date(now.getTime() - policy.windowMinutes * 60_000).toISOString();
  await inTransaction(store, async (trx) => {
    // forget the names that failed long ago: the table holds only recent attempts
    await trx.deleteFrom('login_failures').where('last_failed_at', '<', windowStart).where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())])).execute();
    const row = await trx.selectFrom('login_failures').selectAll().where('username', '=', username).executeTakeFirst();
    const failures = (row && row.last_failed_at >= windowStart ? row.failures : 0) + 1;
    const lock = failures >= policy.failures;
    const values = {
      failures: lock ? 0 : failures,
      last_failed_at: now.toISOString(),
      locked_until: lock ? new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString() : (row?.locked_until ?? null),
    };
    if (row) await trx.updateTable('login_failures').set(values).where('username', '=', username).execute();
    else await trx.insertInto('login_failures').values({ username, ...values }).onConflict((oc) => oc.column('username').doUpdateSet(values)).execute();
  });
}

export async function login(store: Store, username: string, password: string, policy: LockoutPolicy = DEFAULT_LOCKOUT): Promise<{ token: string; user: UserView }> {
  checkPasswordLength(password);
  const locked = await lockedFor(store, username);
  if (locked > 0) fail('INV_ERR_LOGIN_LOCKED', { seconds: locked });
  const row = await store.db
    .selectFrom('users')
    .leftJoin('employees', 'employees.id', 'users.employee_id')
    .select(['users.id', 'users.username', 'users.role', 'users.language', 'users.approver', 'users.password_hash', 'employees.code as employee'])
    .where('users.username', '=', username)
    .executeTakeFirst();
  // an unknown user is verified against a dummy hash: the same work, the same time
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummy()));
  if (!row || !ok) {
    await recordFailure(store, username, policy);
    fail('INV_ERR_BAD_CREDENTIALS');
  }
  await store.db.deleteFrom('login_failures').where('username', '=', username).execute();
  const token = crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  await store.db
    .insertInto('auth_tokens')
    .values({
      token_hash: hashToken(token),
      user_id: row.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + TOKEN_HOURS * 3_600_000).toISOString(),
    })
    .execute();
  return { token, user: userView(row, row.employee) };
}

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return header && /^bearer /i.test(header) ? header.slice(7).trim() || undefined : undefined;
}

/** Sign-out: the token stops working at once. */
export async function logout(store: Store, token: string): Promise<void> {
  await store.db.deleteFrom('auth_tokens').where('token_hash', '=', hashToken(token)).execute();
}

/** An admin ends every session of a user (a lost phone, a leaving employee); returns how many were ended. */
export async function revokeTokens(ctx: Ctx, username: string): Promise<{ username: string; revoked: number }> {
  requirePermission(ctx.actor, 'masterData');
  return inTransaction(ctx.store, async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (!user) fail('INV_ERR_NOT_FOUND', { entity: 'user', key: username });
    const gone = await trx.deleteFrom('auth_tokens').where('user_id', '=', user.id).executeTakeFirst();
    const revoked = Number(gone.numDeletedRows);
    await audit(trx, ctx.actor, 'user', username, 'revoke-tokens', null, { revoked });
    return { username, revoked };
  });
}

/** The actor behind a bearer token, or undefined when it is unknown or expired. */
export async function actorForToken(store: Store, token: string): Promise<Actor | undefined> {
  const row = await store.db
    .selectFrom('auth_tokens')
    .innerJoin('users', 'users.id', 'auth_tokens.user_id')
    .select(['users.username', 'users.role', 'users.employee_id', 'users.approver', 'auth_tokens.expires_at'])
    .where('auth_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at < nowTimestamp()) return undefined;
  return { username: row.username, role: row.role as Role, employeeId: row.employee_id, approver: row.approver === 1 };
}

/**
 * Creates the `admin` user when there is no user at all. Returns the password
 * when it had to be generated, so the caller can print it once.
 */
export async function bootstrapAdmin(store: Store, password = process.env.INVENTAR_ADMIN_PASSWORD): Promise<string | undefined> {
  const any = await store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return undefined;
  const generated = password ? undefined : crypto.randomBytes(9).toString('base64url');
  await store.db
    .insertInto('users')
    .values({ username: 'admin', password_hash: await hashPassword(password ?? generated!), role: 'admin', employee_id: null, language: null, created_at: nowTimestamp() })
    .execute();
  return generated;
}

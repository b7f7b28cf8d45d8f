/** Users, passwords, sign-in tokens. Tokens are random and stored only as hashes. */
import crypto from 'node:crypto';
import { ROLES, type Actor, type Ctx, type Role } from '../core/context.ts';
import { fail } from '../core/errors.ts';
import { nowTimestamp } from '../core/dates.ts';
import { audit } from '../db/audit.ts';
import type { Store } from '../db/connection.ts';
import { requirePermission } from '../core/roles.ts';
import { employeeIdOf } from './lookup.ts';

const TOKEN_HOURS = 12;

export interface UserInput {
  username: string;
  password: string;
  role: string;
  employee?: string | null;
  language?: string | null;
}

export interface UserView {
  id: number;
  username: string;
  role: Role;
  employee: string | null;
  language: string | null;
}

export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = crypto.scryptSync(password, Buffer.from(salt, 'base64'), expected.length);
  return crypto.timingSafeEqual(expected, actual);
}

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

function userView(row: { id: number; username: string; role: string; language: string | null }, employee: string | null): UserView {
  return { id: row.id, username: row.username, role: row.role as Role, employee, language: row.language };
}

export async function listUsers(ctx: Ctx): Promise<UserView[]> {
  requirePermission(ctx.actor, 'masterData');
  const rows = await ctx.store.db
    .selectFrom('users')
    .leftJoin('employees', 'employees.id', 'users.employee_id')
    .select(['users.id', 'users.username', 'users.role', 'users.language', 'employees.code as employee'])
    .orderBy('users.username')
    .execute();
  return rows.map((r) => userView(r, r.employee));
}

export async function createUser(ctx: Ctx, input: UserInput): Promise<UserView> {
  requirePermission(ctx.actor, 'masterData');
  if (!(ROLES as readonly string[]).includes(input.role)) fail('INV_ERR_VALIDATION', {}, [{ path: '/role', code: 'INV_ERR_VALIDATION' }]);
  return ctx.store.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (exists) fail('INV_ERR_DUPLICATE', { entity: 'user', key: input.username });
    const empId = await employeeIdOf(trx, input.employee);
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        password_hash: hashPassword(input.password),
        role: input.role,
        employee_id: empId,
        language: input.language ?? null,
        created_at: nowTimestamp(),
      })
      .returning(['id', 'username', 'role', 'language'])
      .executeTakeFirstOrThrow();
    const view = userView(row, input.employee ?? null);
    await audit(trx, ctx.actor, 'user', input.username, 'create', null, view);
    return view;
  });
}

export async function login(store: Store, username: string, password: string): Promise<{ token: string; user: UserView }> {
  const row = await store.db
    .selectFrom('users')
    .leftJoin('employees', 'employees.id', 'users.employee_id')
    .select(['users.id', 'users.username', 'users.role', 'users.language', 'users.password_hash', 'employees.code as employee'])
    .where('users.username', '=', username)
    .executeTakeFirst();
  if (!row || !verifyPassword(password, row.password_hash)) fail('INV_ERR_BAD_CREDENTIALS');
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

/** The actor behind a bearer token, or undefined when it is unknown or expired. */
export async function actorForToken(store: Store, token: string): Promise<Actor | undefined> {
  const row = await store.db
    .selectFrom('auth_tokens')
    .innerJoin('users', 'users.id', 'auth_tokens.user_id')
    .select(['users.username', 'users.role', 'users.employee_id', 'auth_tokens.expires_at'])
    .where('auth_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at < nowTimestamp()) return undefined;
  return { username: row.username, role: row.role as Role, employeeId: row.employee_id };
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
    .values({ username: 'admin', password_hash: hashPassword(password ?? generated!), role: 'admin', employee_id: null, language: null, created_at: nowTimestamp() })
    .execute();
  return generated;
}

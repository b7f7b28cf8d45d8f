/** An app on a test store, with signed-in users of every role and a small request helper. */
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/http/app.ts';
import { bootstrapAdmin, createUser } from '../../src/masterdata/users.ts';
import { createEmployee } from '../../src/masterdata/employees.ts';
import { ROLES, SYSTEM_ACTOR, type Ctx, type Role } from '../../src/core/context.ts';
import type { Dialect } from '../../src/db/connection.ts';
import { openTestStore, type TestStore } from './store.ts';

export interface Response {
  status: number;
  body: any;
  headers: Record<string, unknown>;
  text: string;
}

export interface TestApi {
  store: TestStore;
  app: FastifyInstance;
  ctx: Ctx;
  tokens: Record<Role, string>;
  /** request as a role (default admin); body objects are sent as JSON, strings as text/csv */
  call(method: string, url: string, body?: unknown, options?: { as?: Role | null; lang?: 'ro' | 'en'; token?: string }): Promise<Response>;
  close(): Promise<void>;
}

export const PASSWORD = 'secret-pass';

export async function openTestApi(dialect: Dialect, appOptions: AppOptions = {}): Promise<TestApi> {
  const store = await openTestStore(dialect);
  const app = await buildApp(store, appOptions);
  const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
  await bootstrapAdmin(store, PASSWORD);
  await createEmployee(ctx, { code: 'E1', name: 'Ion Popescu' });
  await createEmployee(ctx, { code: 'E2', name: 'Maria Ionescu' });
  for (const [role, employee] of [
    ['supervisor', null],
    ['counter', 'E1'],
    ['viewer', null],
    ['approver', null],
  ] as const) {
    await createUser(ctx, { username: role, password: PASSWORD, role, employee });
  }
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: role, password: PASSWORD } });
    tokens[role] = r.json().token;
  }
  const call: TestApi['call'] = async (method, url, body, options = {}) => {
    const headers: Record<string, string> = { 'accept-language': options.lang ?? 'en' };
    const as = options.as === undefined ? 'admin' : options.as;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    else if (as) headers.authorization = `Bearer ${tokens[as]}`;
    let payload: string | undefined;
    if (typeof body === 'string') {
      headers['content-type'] = 'text/csv';
      payload = body;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const r = await app.inject({ method: method as 'GET', url, headers, payload });
    let parsed: unknown;
    try {
      parsed = r.json();
    } catch {
      parsed = undefined;
    }
    return { status: r.statusCode, body: parsed, headers: r.headers, text: r.body };
  };
  return {
    store,
    app,
    ctx,
    tokens,
    call,
    close: async () => {
      await app.close();
      await store.dispose();
    },
  };
}

/**
 * `npm run bench -- login-flood [--clients 8] [--requests 400] [--throttled] [--db <sqlite file | postgres URL>]`
 *
 * Sign-in under a flood (issue 11 point 3): the p99 of `GET /api/auth/me`
 * (one signed-in client, one request at a time) alone, then while `--clients`
 * clients send wrong passwords as fast as they are answered. Without
 * `--throttled` the sign-in limits are lifted, so every wrong login costs a
 * full scrypt hash: the figure shows whether hashing keeps off the event loop.
 * With it, the default limits apply (most of the flood is answered 429).
 * The server listens on 127.0.0.1 and is called over HTTP.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { buildApp } from '../src/http/app.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { isPostgresUrl, openStore } from '../src/db/connection.ts';
import { bootstrapAdmin } from '../src/masterdata/users.ts';
import { DEFAULT_LOGIN_LIMITS } from '../src/http/routes/auth.ts';
import { describeTimes, fmt, ms, parseArgs, removeSqliteFiles } from './_util.ts';

interface Args {
  clients: number;
  requests: number;
  throttled: boolean;
  db: string;
}

export async function run(argv: string[]): Promise<void> {
  const a = parseArgs<Args>(argv, { clients: 8, requests: 400, throttled: false, db: '' });
  const file = a.db || path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-login-')), 'bench.sqlite');
  const store = openStore(file);
  await migrateToLatest(store);
  await bootstrapAdmin(store, 'bench-password');
  const unlimited = { perAddress: 1e9, perUser: 1e9, windowMs: 60_000, lockout: { failures: 1e9, windowMinutes: 1, lockMinutes: 1 } };
  const app = await buildApp(store, { loginLimits: a.throttled ? DEFAULT_LOGIN_LIMITS : unlimited });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const token = ((await (await post(base, { username: 'admin', password: 'bench-password' })).json()) as { token: string }).token;

  const me = async (): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < a.requests; i++) {
      const t = process.hrtime.bigint();
      const r = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`/api/auth/me answered ${r.status}`);
      times.push(ms(process.hrtime.bigint() - t));
    }
    return times.sort((x, y) => x - y);
  };

  await me(); // warm-up
  const alone = await me();

  let flooding = true;
  const answers = new Map<number, number>();
  const flood = Array.from({ length: a.clients }, async (_, c) => {
    for (let i = 0; flooding; i++) {
      const r = await post(base, { username: i % 2 ? 'admin' : `nobody${c}`, password: `wrong-${c}-${i}` });
      await r.arrayBuffer();
      answers.set(r.status, (answers.get(r.status) ?? 0) + 1);
    }
  });
  const during = await me();
  flooding = false;
  await Promise.all(flood);

  console.log(`store: ${isPostgresUrl(file) ? 'postgres' : 'sqlite'}; ${a.requests} × GET /api/auth/me, one at a time`);
  console.log(`  alone:                          ${describeTimes(alone)}`);
  console.log(`  during ${a.clients} clients' wrong logins: ${describeTimes(during)}`);
  console.log(`  wrong logins answered: ${[...answers].map(([s, n]) => `${fmt(n)} × ${s}`).join(', ')} (${a.throttled ? 'default limits' : 'limits lifted: every one hashed'})`);
  console.log(`p99 /api/auth/me under a login flood: ${during[Math.ceil(0.99 * during.length) - 1].toFixed(1)} ms (alone ${alone[Math.ceil(0.99 * alone.length) - 1].toFixed(1)} ms)`);

  await app.close();
  await store.close();
  if (!a.db) removeSqliteFiles(file);
}

function post(base: string, body: unknown): Promise<Response> {
  return fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

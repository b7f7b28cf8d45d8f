/** Starts the HTTP server: migrations, the bootstrap admin, demo data when asked, the web UI when built. */
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { buildApp } from '../http/app.ts';
import { bootstrapAdmin } from '../masterdata/users.ts';
import { loadDemo } from '../masterdata/demo.ts';

export const WEB_DIST = path.resolve('dist/web');

export async function serve(store: Store, options: { port: number; host: string; demo: boolean }): Promise<void> {
  await migrateToLatest(store);
  const generated = await bootstrapAdmin(store);
  if (generated) console.log(`\n  Created user "admin" with password: ${generated}\n  (printed once; set INVENTAR_ADMIN_PASSWORD to choose it)\n`);
  if (options.demo) {
    const demo = await loadDemo(store);
    if (demo) {
      console.log('  Demo data loaded — DEMO ONLY, do not use these passwords in production:');
      for (const u of demo.users) console.log(`    ${u.username.padEnd(12)} ${u.password.padEnd(14)} (${u.role})`);
      console.log('');
    }
  }
  const built = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  // structured logs (pino, Fastify's own logger): one JSON line per event, each with its request id; LOG_LEVEL=debug|info|warn|error|silent
  const app = await buildApp(store, { logger: { level: process.env.LOG_LEVEL ?? 'info' }, webRoot: built ? WEB_DIST : undefined });
  const close = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: options.port, host: options.host });
  console.log(`Inventar listening on http://localhost:${options.port} (API under /api, OpenAPI at /api/openapi.json)`);
}

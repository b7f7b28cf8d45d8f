/** Starts the HTTP server: migrations, the bootstrap admin, demo data when asked, the web UI when built. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { buildApp } from '../http/app.ts';
import { bootstrapAdmin } from '../masterdata/users.ts';
import { loadDemo } from '../demo/demo.ts';
import { startServerOps } from '../ops/backup.ts';
import { dataFolderOf, fingerprintOf as fingerprintLine, tlsFromEnv } from '../http/tls.ts';
import { startRedirectServer, type RedirectServer } from '../http/redirect.ts';
import { warmDashboard } from '../reports/dashboard-warming.ts';

/** The web app `npm run build` made (vite): <root>/dist/web from src/cli/ and from dist/cli/ alike, whatever the working directory. */
export const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));

export async function serve(store: Store, options: { port: number; host: string; demo: boolean; db: string }): Promise<void> {
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
  // HTTPS when INVENTAR_TLS=self-signed (made once in <data folder>/tls) or INVENTAR_TLS_CERT + INVENTAR_TLS_KEY
  const tls = await tlsFromEnv(process.env, dataFolderOf(options.db));
  const redirectEnv = process.env.INVENTAR_HTTP_REDIRECT_PORT;
  if (tls && redirectEnv !== undefined && redirectEnv !== 'off' && (!/^\d{1,5}$/.test(redirectEnv) || Number(redirectEnv) > 65535)) {
    throw new Error(`INVENTAR_HTTP_REDIRECT_PORT=${redirectEnv}: a port number (0–65535) or "off"`);
  }
  const app = await buildApp(store, { logger: { level: process.env.LOG_LEVEL ?? 'info' }, webRoot: built ? WEB_DIST : undefined, tls });
  // SQLite: the pid file restore looks for, and the backups INVENTAR_BACKUP_DIR asks for
  const ops = startServerOps(store);
  let redirect: RedirectServer | undefined;
  const close = async () => {
    await redirect?.close();
    await ops.stop();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: options.port, host: options.host });
  // the dashboard's charts for today, valued in the background one at a time (requests never value)
  warmDashboard(store).catch((err: unknown) => app.log.error({ err }, 'warming the dashboard failed'));
  const bound = app.server.address();
  const port = typeof bound === 'object' && bound ? bound.port : options.port;
  const scheme = tls ? 'https' : 'http';
  if (tls) {
    // plain HTTP on a second port answers 308 to the HTTPS URL (same host, path, query); INVENTAR_HTTP_REDIRECT_PORT=off: none
    const wanted = process.env.INVENTAR_HTTP_REDIRECT_PORT ?? String(port + 1);
    if (wanted !== 'off') {
      redirect = await startRedirectServer({ port: Number(wanted), host: options.host, httpsPort: port });
      console.log(`  plain HTTP on port ${redirect.port} redirects to HTTPS`);
    }
    console.log(`  HTTPS certificate (${tls.source}): ${fingerprintLine(tls.cert)}; phones install it from ${scheme}://<address>:${port}/ca.crt`);
  }
  const where = options.host === '0.0.0.0' || options.host === '::' ? `all interfaces (${scheme}://localhost:${port} here, ${scheme}://<this machine's address>:${port} from phones)` : `${scheme}://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port} only`;
  console.log(`Inventar listening on ${where} (API under /api, OpenAPI at /api/openapi.json)`);
}

/**
 * `GET /health` for load balancers and systemd (public): 200 when the process answers, the
 * database answers a query and every migration this build knows is applied; 503 otherwise (the
 * database down or slower than HEALTH_TIMEOUT_MS, or a migration pending: a new build started on
 * an old database it has not migrated). The body says which, without error details (it is public).
 */
import { Migrator, sql } from 'kysely';
import type { Store } from '../db/connection.ts';
import { migrations } from '../db/migrate.ts';

const HEALTH_TIMEOUT_MS = 2000;
const started = Date.now();

export interface Health {
  status: 'ok' | 'unavailable';
  database: 'ok' | 'unreachable';
  dialect: Store['dialect'];
  /** migrations this build has that the database has not applied (null: the database did not answer) */
  pendingMigrations: string[] | null;
  uptimeSeconds: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The migrations of this build that the database has not applied (all of them on an empty database). */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}

export async function checkHealth(store: Store, onError?: (error: unknown) => void): Promise<Health> {
  const uptimeSeconds = Math.round((Date.now() - started) / 1000);
  try {
    const pending = await withTimeout(
      (async () => {
        await sql`select 1`.execute(store.db);
        return pendingMigrations(store);
      })(),
      HEALTH_TIMEOUT_MS,
    );
    return { status: pending.length ? 'unavailable' : 'ok', database: 'ok', dialect: store.dialect, pendingMigrations: pending, uptimeSeconds };
  } catch (e) {
    onError?.(e);
    return { status: 'unavailable', database: 'unreachable', dialect: store.dialect, pendingMigrations: null, uptimeSeconds };
  }
}

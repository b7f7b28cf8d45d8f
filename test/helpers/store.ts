/**
 * Test stores, one per dialect (as Kysely's own tests do): SQLite in memory,
 * PostgreSQL in a fresh schema of its own so parallel runs never meet.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { openStore, type Dialect, type Store } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export const PG_URL = process.env.INVENTAR_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export const ALL_DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

/**
 * The databases named by INVENTAR_TEST_DIALECTS (default both). A name that is
 * not a dialect is an error, never silently dropped: a typo must not turn a
 * PostgreSQL run into a SQLite-only one.
 */
export function parseDialects(value: string | undefined = process.env.INVENTAR_TEST_DIALECTS): Dialect[] {
  const names = (value ?? ALL_DIALECTS.join(','))
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '');
  const unknown = names.filter((d) => !(ALL_DIALECTS as readonly string[]).includes(d));
  if (unknown.length > 0) {
    throw new Error(`INVENTAR_TEST_DIALECTS: unknown ${unknown.map((d) => `"${d}"`).join(', ')}; valid names: ${ALL_DIALECTS.join(', ')}`);
  }
  if (names.length === 0) throw new Error(`INVENTAR_TEST_DIALECTS names no database; valid names: ${ALL_DIALECTS.join(', ')}`);
  return [...new Set(names)] as Dialect[];
}

export const dialects: Dialect[] = parseDialects();

export interface TestStore extends Store {
  /** closes the store and removes what it created */
  dispose(): Promise<void>;
}

export async function openTestStore(dialect: Dialect, options: { file?: string } = {}): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const store = openStore(options.file ?? ':memory:');
    await migrateToLatest(store);
    return { ...store, dispose: () => store.close() };
  }
  const schema = `t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = openStore(PG_URL, { schema });
  await migrateToLatest(store);
  return {
    ...store,
    dispose: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

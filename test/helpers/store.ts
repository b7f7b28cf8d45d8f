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

/** A name for a fresh PostgreSQL schema, unique to this process and call. */
export function freshSchemaName(prefix = 't'): string {
  return `${prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
}

/** Runs work on a plain PostgreSQL client of the test database, closed after. */
export async function pgAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

export const createSchema = (schema: string) => pgAdmin((c) => c.query(`create schema ${schema}`)).then(() => undefined);
export const dropSchema = (schema: string) => pgAdmin((c) => c.query(`drop schema if exists ${schema} cascade`)).then(() => undefined);

/** PG_URL naming a schema (`?schema=`), as the CLI's --db and INVENTAR_DB take it. */
export function pgUrlWithSchema(schema: string, params: Record<string, string> = {}): string {
  const url = new URL(PG_URL);
  url.searchParams.set('schema', schema);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * A database for a process that opens it by URL (the CLI, a child): a SQLite
 * file, or PostgreSQL in a fresh schema named in the URL (the store creates it
 * when it migrates). dispose removes it.
 */
export function testDatabaseUrl(dialect: Dialect, file: string): { url: string; schema?: string; dispose(): Promise<void> } {
  if (dialect === 'sqlite') return { url: file, dispose: async () => undefined };
  const schema = freshSchemaName();
  return { url: pgUrlWithSchema(schema), schema, dispose: () => dropSchema(schema) };
}

export async function openTestStore(dialect: Dialect, options: { file?: string } = {}): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const store = openStore(options.file ?? ':memory:');
    await migrateToLatest(store);
    return { ...store, dispose: () => store.close() };
  }
  const schema = freshSchemaName();
  await createSchema(schema);
  const store = openStore(PG_URL, { schema });
  await migrateToLatest(store);
  return {
    ...store,
    dispose: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
}

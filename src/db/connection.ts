/**
 * Opens the store: Kysely over better-sqlite3 (a file path, the embedded
 * default) or over pg (a postgres:// URL). Both return scaled decimals as
 * bigint and every other integer as a JS number (see NumericPlugin).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { NumericPlugin } from './numeric-plugin.ts';
import { Checkpointer } from './checkpointer.ts';
import { withStatementCache } from './statement-cache.ts';

/** SQLite's own default: checkpoint in the commit that takes the WAL past this many pages. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL: the schema the store lives in, when not the default */
  schema?: string;
  /** the raw SQLite handle, for bulk paths (prepared statements) */
  sqlite?: SqliteDatabase.Database;
  /** SQLite: the database file (absent in memory), which another thread may open too */
  file?: string;
  /** the raw PostgreSQL pool, for bulk paths (COPY) */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export const DEFAULT_DB = './data/inventar.db';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** pg, loaded when a PostgreSQL store opens (a SQLite command starts without it). */
let pgModule: typeof pg | undefined;
/** (once: the type parsers ask for it for every column of every result) */
const loadPg = (): typeof pg => (pgModule ??= createRequire(import.meta.url)('pg') as typeof pg);

/** int8 and integral numerics as BigInt; the plugin decides what stays bigint. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => BigInt(v);
    if (oid === 1700) return (v: string) => (/^-?\d+$/.test(v) ? BigInt(v) : v);
    return loadPg().types.getTypeParser(oid, format as 'text');
  },
};

/** A PostgreSQL schema name as the store takes it: unquoted and lower case, so every use names the same schema. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The schema a PostgreSQL store lives in: the `schema` option, else the URL's
 * `?schema=` parameter (taken off the URL before pg sees it), else the
 * INVENTAR_PG_SCHEMA environment variable, else none (the server's search_path).
 */
export function postgresTarget(url: string, schema?: string): { url: string; schema?: string } {
  const parsed = new URL(url);
  const fromUrl = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  const chosen = schema ?? (fromUrl || undefined) ?? (process.env.INVENTAR_PG_SCHEMA || undefined);
  if (chosen !== undefined && !SCHEMA_NAME.test(chosen)) {
    throw new Error(`PostgreSQL schema "${chosen}": a schema name is lower-case letters, digits and _ (not starting with a digit)`);
  }
  return { url: fromUrl === undefined ? url : parsed.toString(), schema: chosen };
}

export interface StoreOptions {
  /** PostgreSQL: the schema to work in */
  schema?: string;
  /**
   * SQLite file: checkpoint the WAL in a background worker (default). A
   * second connection to a file whose main store checkpoints (a worker
   * thread's import) passes false: it never checkpoints itself.
   */
  checkpoints?: boolean;
}

/** The store's database handle (the SQLite connection or the pg pool): the same object in every copy of the store a context makes, so the key of per-database caches. */
export function storeHandle(store: Store): object | undefined {
  return store.sqlite ?? store.pool;
}

export function openStore(url: string = process.env.INVENTAR_DB ?? DEFAULT_DB, options: StoreOptions = {}): Store {
  if (isPostgresUrl(url)) {
    const target = postgresTarget(url, options.schema);
    const pool = new (loadPg().Pool)({
      connectionString: target.url,
      max: 10,
      types: pgTypes as pg.CustomTypesConfig,
      ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new NumericPlugin()] });
    return { db, dialect: 'postgres', schema: target.schema, pool, close: () => db.destroy() };
  }
  if (url !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const sqlite = new SqliteDatabase(url);
  sqlite.defaultSafeIntegers(true);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('cache_size = -262144'); // 256 MiB page cache
  if (url !== ':memory:' && options.checkpoints === false) sqlite.pragma('wal_autocheckpoint = 0');
  const checkpointer = url === ':memory:' || options.checkpoints === false ? undefined : backgroundCheckpoints(sqlite, url);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new NumericPlugin()] });
  const close = async () => {
    // the worker's connection goes first: the last one to close checkpoints and removes the WAL
    await checkpointer?.stop();
    await db.destroy();
  };
  return { db, dialect: 'sqlite', sqlite, file: url === ':memory:' ? undefined : path.resolve(url), close };
}

/** Checkpoints move to a worker thread (see Checkpointer); should it fail, commits checkpoint again. */
function backgroundCheckpoints(sqlite: SqliteDatabase.Database, file: string): Checkpointer {
  sqlite.pragma('wal_autocheckpoint = 0');
  return new Checkpointer(file, () => sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`));
}

/**
 * SQLite: Kysely prepares every statement it runs, and preparing is a fifth
 * of a one-line posting's or a scan's time (issue 20 point 2, `npm run bench
 * -- requests --profile`). The database handed to Kysely keeps the last
 * STATEMENTS prepared statements by their SQL and hands them out again; a
 * statement still busy (a streamed read iterating it) is never handed out
 * twice: that caller gets a fresh one. A schema change re-prepares a cached
 * statement by itself (SQLite does). Only Kysely goes through the cache; the
 * bulk paths prepare their own.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

export const STATEMENTS = 512;

export function withStatementCache(sqlite: SqliteDatabase.Database, size = STATEMENTS): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // most recently used last: the oldest is the first to go
        cache.delete(sql);
        cache.set(sql, cached);
        return cached as unknown as SqliteStatement;
      }
      const fresh = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, fresh);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return fresh as unknown as SqliteStatement;
    },
  };
}

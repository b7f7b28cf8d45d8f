/**
 * Counts the SQL statements a store sends (benchmarks only): on SQLite every
 * `prepare` of the raw handle (Kysely prepares each statement it runs; a raw
 * statement prepared once and reused is not counted again, so these are the
 * statements prepared per request), on PostgreSQL every `query` of a pooled
 * client (all of them). `take()` hands back the number since the last call,
 * and with `bySql` the counts per SQL text, and starts again.
 */
import type { Store } from '../src/db/connection.ts';

export interface StatementCounter {
  take(): { total: number; bySql: Map<string, number> };
}

export function countStatements(store: Store, bySql: boolean): StatementCounter {
  let counts = new Map<string, number>();
  let total = 0;
  const count = (sql: unknown) => {
    total++;
    // keying a map by long SQL texts costs a hash per statement: only when asked
    if (!bySql) return;
    const text = typeof sql === 'string' ? sql : (sql as { text?: string } | undefined)?.text ?? String(sql);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  };
  if (store.sqlite) {
    const sqlite = store.sqlite;
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((source: string) => {
      count(source);
      return prepare(source);
    }) as typeof sqlite.prepare;
  } else if (store.pool) {
    const wrapped = new WeakSet<object>();
    store.pool.on('acquire', (client) => {
      if (wrapped.has(client)) return;
      wrapped.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        count(args[0]);
        return query(...args);
      };
    });
  }
  return {
    take() {
      const taken = { total, bySql: counts };
      counts = new Map();
      total = 0;
      return taken;
    },
  };
}

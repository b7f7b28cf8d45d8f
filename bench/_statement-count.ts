/**
 * Counts the SQL statements a store sends (benchmarks only): on SQLite every
 * `prepare` of the raw handle (Kysely prepares each statement it runs), on
 * PostgreSQL every `query` of a pooled client. `take()` hands back the counts
 * by SQL text since the last call and starts again.
 */
import type { Store } from '../src/db/connection.ts';

export interface StatementCounter {
  take(): Map<string, number>;
}

export function countStatements(store: Store): StatementCounter {
  let counts = new Map<string, number>();
  const count = (sql: unknown) => {
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
      const taken = counts;
      counts = new Map();
      return taken;
    },
  };
}

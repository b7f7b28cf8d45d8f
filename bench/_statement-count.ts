/**
 * Counts the SQL statements a store sends (benchmarks only): on SQLite every
 * run of a statement (`run`, `get`, `all`, `iterate` of better-sqlite3's
 * statements, prepared once or not: db/statement-cache.ts hands Kysely's out
 * again) when `bySql` (the statements are listed: the wrapper slows every
 * statement, so the figures of such a run are not the bench's), else NaN; on
 * PostgreSQL every `query` of a pooled client (all of them). `take()` hands back the number since the last call,
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
  if (store.sqlite && !bySql) {
    // a wrapper around every statement run of the driver costs a fifth of a record read's time: counted only when listed
    return { take: () => ({ total: Number.NaN, bySql: counts }) };
  }
  if (store.sqlite) {
    // every statement of the driver shares one prototype: its run methods count (the bench process has one store)
    const proto = Object.getPrototypeOf(store.sqlite.prepare('select 1')) as Record<string, unknown>;
    for (const name of ['run', 'get', 'all', 'iterate']) {
      const original = proto[name] as (this: { source: string }, ...args: unknown[]) => unknown;
      proto[name] = function (this: { source: string }, ...args: unknown[]) {
        count(this.source);
        return original.apply(this, args);
      };
    }
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

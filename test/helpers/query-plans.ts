/**
 * The query-plan guard's tools (issue 20): a service context whose Kysely logs
 * every statement, and the plan of a statement on either dialect (SQLite
 * EXPLAIN QUERY PLAN; PostgreSQL EXPLAIN with sequential scans off, so a
 * small table still shows whether an index can serve the statement).
 */
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { SYSTEM_ACTOR, type Actor, type Ctx } from '../../src/core/context.ts';
import { NumericPlugin } from '../../src/db/numeric-plugin.ts';
import type { Database } from '../../src/db/schema.ts';
import type { TestStore } from './store.ts';

export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

/** A context on the store's own connection with every statement appended to `logged`. */
export function loggingContext(store: TestStore, actor: Actor = SYSTEM_ACTOR): { ctx: Ctx; logged: Statement[] } {
  const logged: Statement[] = [];
  const db = new Kysely<Database>({
    dialect: store.sqlite ? new SqliteDialect({ database: store.sqlite }) : new PostgresDialect({ pool: store.pool! }),
    plugins: [new NumericPlugin()],
    log: (event) => {
      if (event.level === 'query') logged.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  return { ctx: { store: { ...store, db, close: async () => undefined }, actor, lang: 'en' }, logged };
}

/** One step per table read: SQLite "SCAN t …" / "SEARCH t USING …"; PostgreSQL "<Node Type> <table> <index> [cond]". */
export async function planSteps(store: TestStore, q: Statement): Promise<string[]> {
  if (store.sqlite) {
    const rows = store.sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
    return rows.map((r) => r.detail);
  }
  const client = await store.pool!.connect();
  try {
    await client.query('begin');
    await client.query('set local enable_seqscan = off');
    const { rows } = await client.query(`explain (format json) ${q.sql}`, q.parameters as unknown[]);
    await client.query('rollback');
    const nodes: Record<string, unknown>[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (node['Relation Name']) nodes.push(node);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((rows[0]['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0].Plan);
    // a partition (db/movement-partitions.ts) and its indexes are named by their parent table and index
    const names = nodes.flatMap((n) => [n['Relation Name'], n['Index Name']].filter(Boolean) as string[]);
    const parents = await client.query<{ child: string; parent: string }>(
      `select c.relname as child, p.relname as parent from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
       join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relname = any($1)`,
      [names],
    );
    const parentOf = new Map(parents.rows.map((r) => [r.child, r.parent]));
    const named = (name: unknown) => (typeof name === 'string' ? (parentOf.get(name) ?? name) : '');
    return nodes.map((n) => {
      const cond = n['Index Cond'] ? ' [cond]' : '';
      return `${n['Node Type']} ${named(n['Relation Name'])} ${named(n['Index Name'])}${cond}`.replace(/\s+/g, ' ').trim();
    });
  } finally {
    client.release();
  }
}

/**
 * The watched tables a statement reads whole: SQLite "SCAN t" (with or
 * without an index: a scan of a whole index grows with the table as well);
 * PostgreSQL a sequential scan, or an index scan without an index condition.
 * Aliases (`records as r`) are resolved to their table.
 */
export async function fullScans(store: TestStore, statements: Statement[], watched: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const q of statements) {
    if (!/^\s*(select|update|delete|with)/i.test(q.sql)) continue;
    for (const step of await planSteps(store, q)) {
      const m = store.sqlite ? /^SCAN (\w+)/.exec(step) : /^(?:Seq Scan (\w+)|(?:Index|Index Only) Scan (\w+) \S*$)/.exec(step);
      const name = m && (m[1] ?? m[2]);
      if (!name) continue;
      const alias = new RegExp(`"?(\\w+)"?\\s+as\\s+"?${name}"?\\b`, 'i').exec(q.sql);
      const table = alias ? alias[1] : name;
      if (watched.includes(table)) out.push(`${table} (${step}): ${q.sql}`);
    }
  }
  return out;
}

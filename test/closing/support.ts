/** Helpers of the closing tests: table digests, posting shortcuts, valuations at a date. */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from '../../src/db/connection.ts';

/** The tables of the store (without Kysely's migration tables and the audit trail). */
export async function userTables(store: Store): Promise<string[]> {
  if (store.dialect === 'sqlite') {
    const rows = store.sqlite!.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as { name: string }[];
    return rows.map((r) => r.name).filter((n) => n !== 'audit_log' && !n.startsWith('kysely_')).sort();
  }
  // a partitioned table once (its partitions, db/movement-partitions.ts, are where its rows live, not tables of their own)
  const { rows } = await sql<{ table_name: string }>`
    select c.relname as table_name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition`.execute(store.db);
  return rows.map((r) => r.table_name).filter((n) => n !== 'audit_log' && !n.startsWith('kysely_')).sort();
}

const canon = (v: unknown): string => (typeof v === 'bigint' ? `${v}n` : v === null || v === undefined ? 'null' : typeof v === 'number' ? `${v}n` : JSON.stringify(v));

/**
 * A stable hash of every row of every table except audit_log, per table; the
 * master data's version (migration 0023) is left out too: a change and its
 * undoing leave it at a new value by design (a cache filled in between must
 * not pass for current).
 */
export async function tableDigests(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await userTables(store)) {
    if (table === 'master_data_version') continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(store.db);
    const lines = rows.map((r) => Object.keys(r).sort().map((k) => `${k}=${canon(r[k])}`).join('|')).sort();
    out[table] = `${rows.length}:${crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

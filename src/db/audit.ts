import { sql, type Kysely, type Transaction } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Database } from './schema.ts';
import type { Store } from './connection.ts';
import type { Actor } from '../core/context.ts';
import { nowTimestamp } from '../core/dates.ts';

/** JSON that keeps bigints (as decimal strings of the scaled integer). */
export function toJson(value: unknown): string | null {
  if (value === undefined) return null;
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Writes one audit trail entry inside the caller's transaction. */
export async function audit(
  trx: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  entity: string,
  entityKey: string | number,
  action: 'create' | 'update' | 'delete' | string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: nowTimestamp(),
      username: actor.username,
      entity,
      entity_key: String(entityKey),
      action,
      before_json: toJson(before),
      after_json: toJson(after),
    })
    .execute();
}

/** One audit trail entry of a bulk write. */
export interface AuditEntry {
  entity: string;
  entityKey: string | number;
  action: string;
  before: unknown;
  after: unknown;
}

const AUDIT_COLUMNS = ['at', 'username', 'entity', 'entity_key', 'action', 'before_json', 'after_json'] as const;

/** Audit rows per multi-row INSERT on SQLite (7 columns × 100 = 700 parameters). */
const SQLITE_ROWS_PER_INSERT = 100;
/** Audit rows per INSERT … SELECT FROM unnest on PostgreSQL. */
const PG_ROWS_PER_INSERT = 10_000;

const sqliteInserts = new WeakMap<SqliteDatabase.Database, [SqliteDatabase.Statement, SqliteDatabase.Statement]>();

function sqliteInsert(sqlite: SqliteDatabase.Database): [SqliteDatabase.Statement, SqliteDatabase.Statement] {
  let s = sqliteInserts.get(sqlite);
  if (!s) {
    const one = `(${AUDIT_COLUMNS.map(() => '?').join(', ')})`;
    const insert = (rows: number) => sqlite.prepare(`insert into audit_log (${AUDIT_COLUMNS.join(', ')}) values ${Array(rows).fill(one).join(', ')}`);
    s = [insert(1), insert(SQLITE_ROWS_PER_INSERT)];
    sqliteInserts.set(sqlite, s);
  }
  return s;
}

/**
 * Writes many audit trail entries inside the caller's transaction, with one
 * timestamp, in bulk: many rows per statement (prepared, on SQLite's one
 * connection, which the caller's transaction holds) or one array per column
 * through unnest (PostgreSQL). Same rows as `audit` called once per entry.
 */
export async function auditMany(
  trx: Kysely<Database> | Transaction<Database>,
  store: Store,
  actor: Actor,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const at = nowTimestamp();
  const row = (e: AuditEntry) => [at, actor.username, e.entity, String(e.entityKey), e.action, toJson(e.before), toJson(e.after)];
  if (store.dialect === 'sqlite') {
    const [one, many] = sqliteInsert(store.sqlite!);
    const params: unknown[] = [];
    let i = 0;
    for (; i + SQLITE_ROWS_PER_INSERT <= entries.length; i += SQLITE_ROWS_PER_INSERT) {
      params.length = 0;
      for (let j = i; j < i + SQLITE_ROWS_PER_INSERT; j++) params.push(...row(entries[j]));
      many.run(params);
    }
    for (; i < entries.length; i++) one.run(row(entries[i]));
    return;
  }
  for (let start = 0; start < entries.length; start += PG_ROWS_PER_INSERT) {
    const rows = entries.slice(start, start + PG_ROWS_PER_INSERT).map(row);
    const arrays = AUDIT_COLUMNS.map((_, j) => sql`${rows.map((r) => r[j])}::text[]`);
    await sql`insert into audit_log (${sql.join(AUDIT_COLUMNS.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(trx);
  }
}

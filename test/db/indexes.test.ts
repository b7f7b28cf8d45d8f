/**
 * Per-request paths never read a whole table (issue 20): posting a record
 * with an offset mirror, reading it, editing and deleting it run with a
 * statement log; each statement on records or audit_log is explained (SQLite
 * EXPLAIN QUERY PLAN; PostgreSQL EXPLAIN with sequential scans disabled, so a
 * tiny table still shows whether an index can serve it) and none may scan
 * those tables whole. The audit trail's filters are explained the same way.
 */
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { NumericPlugin } from '../../src/db/numeric-plugin.ts';
import type { Database } from '../../src/db/schema.ts';
import { createRecord, deleteRecord, getRecord, updateRecord } from '../../src/ledger/records.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';

const WATCHED = ['records', 'audit_log'];

describe.each(dialects)('indexes of per-request paths [%s]', (dialect) => {
  let store: TestStore;
  let logged: { sql: string; parameters: readonly unknown[] }[] = [];
  let ctx: Ctx;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    await seedFixture(store);
    // the same connection, with every statement logged
    const db = new Kysely<Database>({
      dialect: store.sqlite ? new SqliteDialect({ database: store.sqlite }) : new PostgresDialect({ pool: store.pool! }),
      plugins: [new NumericPlugin()],
      log: (event) => {
        if (event.level === 'query') logged.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    ctx = { store: { ...store, db, close: async () => undefined }, actor: SYSTEM_ACTOR, lang: 'en' };
    await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-08-01', lines: [{ item: 'A', quantity: '20', unitCost: '4' }] });
  });
  afterAll(async () => store.dispose());

  /** the tables a statement reads whole: SQLite "SCAN <table>" without an index, PostgreSQL "Seq Scan" */
  async function fullScans(q: { sql: string; parameters: readonly unknown[] }): Promise<string[]> {
    if (store.sqlite) {
      const plan = store.sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
      return plan
        .map((p) => /^SCAN (\w+)(?: AS \w+)?(?! USING (?:COVERING )?INDEX)/.exec(p.detail)?.[1])
        .filter((t): t is string => t !== undefined)
        .map((t) => resolveAlias(q.sql, t));
    }
    const client = await store.pool!.connect();
    try {
      await client.query('begin');
      await client.query('set local enable_seqscan = off');
      const { rows } = await client.query(`explain (format json) ${q.sql}`, q.parameters as unknown[]);
      await client.query('rollback');
      const out: string[] = [];
      const walk = (node: Record<string, unknown>) => {
        if (node['Node Type'] === 'Seq Scan') out.push(String(node['Relation Name']));
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      walk((rows[0]['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0].Plan);
      return out;
    } finally {
      client.release();
    }
  }

  /** SQLite names an aliased table by its alias: `records as r` → records */
  function resolveAlias(sql: string, name: string): string {
    const m = new RegExp(`"?(\\w+)"?\\s+as\\s+"?${name}"?\\b`, 'i').exec(sql);
    return m ? m[1] : name;
  }

  async function scansOf(statements: { sql: string; parameters: readonly unknown[] }[]): Promise<{ sql: string; tables: string[] }[]> {
    const out = [];
    for (const q of statements) {
      if (!/^\s*(select|update|delete|with)/i.test(q.sql)) continue;
      const tables = (await fullScans(q)).filter((t) => WATCHED.includes(t));
      if (tables.length) out.push({ sql: q.sql, tables });
    }
    return out;
  }

  it('post, read, edit and delete a record with an offset mirror: no full scan of records or audit_log', async () => {
    logged = [];
    const posted = await createRecord(ctx, { warehouse: 'MAIN', template: 'TRF', date: '2026-08-02', lines: [{ item: 'A', quantity: '6', location: 'A1' }] });
    expect(posted.offsetRecordId).toBeDefined();
    await getRecord(ctx, posted.id);
    await getRecord(ctx, posted.offsetRecordId!);
    await updateRecord(ctx, posted.id, { warehouse: 'MAIN', template: 'TRF', date: '2026-08-02', lines: [{ item: 'A', quantity: '5', location: 'A1' }] });
    await deleteRecord(ctx, posted.id);
    // the mirror lookup is among what ran
    expect(logged.some((q) => /mirror_of"? (in|=)/i.test(q.sql))).toBe(true);
    expect(await scansOf(logged)).toEqual([]);
  });

  it('the audit trail by user, by date range, by entity, newest first: no full scan', async () => {
    const db = ctx.store.db;
    const compiled: CompiledQuery[] = [
      db.selectFrom('audit_log').selectAll().where('username', '=', 'sef').orderBy('at', 'desc').limit(50).compile(),
      db.selectFrom('audit_log').selectAll().where('at', '>=', '2026-01-01').where('at', '<', '2026-02-01').orderBy('at', 'desc').limit(50).compile(),
      db.selectFrom('audit_log').selectAll().where('entity', '=', 'item').where('entity_key', '=', 'A').orderBy('at', 'desc').limit(50).compile(),
    ];
    expect(await scansOf(compiled)).toEqual([]);
  });
});

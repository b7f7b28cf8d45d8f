/**
 * The ledger's bulk writes (records and their movement lines) for the
 * posting engine (src/ledger/posting.ts), in the caller's transaction. The
 * caller maps its planned records to row values (in RECORD_COLUMNS and
 * MOVEMENT_COLUMNS order); this file only writes rows:
 *   - SQLite: prepared statements with positional parameters (one per record,
 *     its id from lastInsertRowid; movements MOVEMENTS_PER_INSERT rows per
 *     statement) in (warehouse, item) order, so the stock and valuation
 *     indexes are filled page by page instead of at random (movement ids carry
 *     no meaning; ledger order is date, record number, line number). Plain
 *     lines leave the DEFAULTED columns to their defaults: fewer parameters.
 *   - PostgreSQL: record ids drawn from the sequence first, then one
 *     INSERT … SELECT FROM unnest (one array parameter per column) per
 *     PG_ROWS_PER_INSERT rows.
 * Also the SQLite-only pieces of a bulk load: the ledger's indexes set aside
 * (`ledgerBulkIndexes`).
 */
import { sql } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Store } from './connection.ts';
import { DeferredIndexes } from './deferred-indexes.ts';
import type { Db } from './db.ts';


export const RECORD_COLUMNS = [
  'id', 'warehouse_id', 'template_id', 'date', 'number', 'internal_document', 'internal_document_date', 'reference_document',
  'account', 'job_order', 'notes', 'origin', 'mirror_of', 'inventory_id', 'closing_id', 'created_by', 'created_at',
] as const;
export const MOVEMENT_COLUMNS = [
  'record_id', 'line_no', 'date', 'record_number', 'warehouse_id', 'template_id', 'item_id', 'variant', 'location', 'lot',
  'serial', 'job_order', 'account', 'quantity', 'alt_uom', 'alt_quantity', 'unit_cost', 'amount', 'notes',
] as const;

/** Columns a movement usually leaves at their defaults ('' or 0): a plain line is inserted without them. */
export const DEFAULTED = new Set<string>(['variant', 'serial', 'job_order', 'account', 'alt_uom', 'alt_quantity', 'notes']);
/** MOVEMENT_COLUMNS without the DEFAULTED ones: the values of a plain line. */
export const PLAIN_MOVEMENT_COLUMNS = MOVEMENT_COLUMNS.filter((c) => !DEFAULTED.has(c));

/** Movement rows per multi-row INSERT on SQLite (19 columns × 50 = 950 parameters). */
const MOVEMENTS_PER_INSERT = 50;

/** Rows per INSERT … SELECT FROM unnest on PostgreSQL: one array parameter per column. */
const PG_ROWS_PER_INSERT = 10_000;

/** The records of a batch, as the caller maps them to rows. */
export interface RecordRows {
  count: number;
  /** record i's own id (a restored record), else undefined: the database gives the next one */
  presetId(i: number): number | undefined;
  /** record i's values in RECORD_COLUMNS order, given its id (null: the next rowid) and the ids of the records before it */
  values(i: number, id: number | null, ids: readonly number[]): unknown[];
}

/** The movement lines of a batch, in ledger order (record by record, line by line). */
export interface MovementRows {
  count: number;
  /** the record (index in the batch) of each line; lines of one record are adjacent */
  recordOf: Uint32Array;
  warehouseId(k: number): number;
  itemId(k: number): number;
  /** whether line k leaves the DEFAULTED columns to their defaults */
  plain(k: number): boolean;
  /** appends line k's values in MOVEMENT_COLUMNS order (PLAIN_MOVEMENT_COLUMNS when `plain`), given the records' ids */
  push(out: unknown[], k: number, ids: readonly number[], plain: boolean): void;
}

/**
 * Writes the records, then their lines; returns the records' ids. `indexed`
 * false: the ledger's indexes are set aside (a bulk load), so SQLite appends
 * the lines in ledger order instead of sorting them.
 */
export async function writeLedgerRows(db: Db, store: Store, records: RecordRows, movements: MovementRows, indexed = true): Promise<number[]> {
  if (store.sqlite) return writeSqlite(store.sqlite, records, movements, indexed);
  const ids: number[] = [];
  let fresh = 0;
  for (let i = 0; i < records.count; i++) if (records.presetId(i) === undefined) fresh++;
  const { rows } = await sql<{ id: bigint }>`select nextval(pg_get_serial_sequence('records', 'id')) as id from generate_series(1, ${fresh})`.execute(db);
  let next = 0;
  for (let i = 0; i < records.count; i++) ids.push(records.presetId(i) ?? Number(rows[next++].id));
  const recordRows: unknown[][] = [];
  for (let i = 0; i < records.count; i++) recordRows.push(records.values(i, ids[i], ids));
  await insertColumnsPg(db, 'records', RECORD_COLUMNS, recordRows);
  let lines: unknown[][] = [];
  for (let k = 0; k < movements.count; k++) {
    const values: unknown[] = [];
    movements.push(values, k, ids, false);
    lines.push(values);
    // flushed between records, as many thousand rows as it takes
    const recordEnds = k + 1 === movements.count || movements.recordOf[k + 1] !== movements.recordOf[k];
    if (recordEnds && lines.length >= PG_ROWS_PER_INSERT) {
      await insertColumnsPg(db, 'movements', MOVEMENT_COLUMNS, lines);
      lines = [];
    }
  }
  await insertColumnsPg(db, 'movements', MOVEMENT_COLUMNS, lines);
  return ids;
}

interface SqliteInserts {
  record: SqliteDatabase.Statement;
  /** [plain][one row, MOVEMENTS_PER_INSERT rows] */
  movements: [[SqliteDatabase.Statement, SqliteDatabase.Statement], [SqliteDatabase.Statement, SqliteDatabase.Statement]];
}

const statements = new WeakMap<SqliteDatabase.Database, SqliteInserts>();

function sqliteStatements(sqlite: SqliteDatabase.Database): SqliteInserts {
  let s = statements.get(sqlite);
  if (!s) {
    const insert = (table: string, columns: readonly string[], rows = 1) => {
      const one = `(${columns.map(() => '?').join(', ')})`;
      return sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values ${Array(rows).fill(one).join(', ')}`);
    };
    s = {
      record: insert('records', RECORD_COLUMNS),
      movements: [
        [insert('movements', MOVEMENT_COLUMNS), insert('movements', MOVEMENT_COLUMNS, MOVEMENTS_PER_INSERT)],
        [insert('movements', PLAIN_MOVEMENT_COLUMNS), insert('movements', PLAIN_MOVEMENT_COLUMNS, MOVEMENTS_PER_INSERT)],
      ],
    };
    statements.set(sqlite, s);
  }
  return s;
}

function writeSqlite(sqlite: SqliteDatabase.Database, records: RecordRows, movements: MovementRows, indexed: boolean): number[] {
  const s = sqliteStatements(sqlite);
  const ids: number[] = [];
  for (let i = 0; i < records.count; i++) {
    // a NULL id is given the next rowid
    ids.push(Number(s.record.run(records.values(i, records.presetId(i) ?? null, ids)).lastInsertRowid));
  }
  const lines = movements.count;
  const order = new Uint32Array(lines).map((_, i) => i);
  // with the indexes set aside (bulk load) the table is only appended to: ledger order is as good as any
  if (indexed) {
    const key = new Float64Array(lines);
    for (let k = 0; k < lines; k++) key[k] = movements.warehouseId(k) * 4_294_967_296 + movements.itemId(k);
    order.sort((a, b) => key[a] - key[b] || a - b);
  }
  const streams: [number[], number[]] = [[], []];
  for (const k of order) streams[movements.plain(k) ? 1 : 0].push(k);
  const params: unknown[] = [];
  streams.forEach((stream, plain) => {
    const [one, many] = s.movements[plain];
    let i = 0;
    for (; i + MOVEMENTS_PER_INSERT <= stream.length; i += MOVEMENTS_PER_INSERT) {
      params.length = 0;
      for (let j = i; j < i + MOVEMENTS_PER_INSERT; j++) movements.push(params, stream[j], ids, plain === 1);
      many.run(params);
    }
    for (; i < stream.length; i++) {
      params.length = 0;
      movements.push(params, stream[i], ids, plain === 1);
      one.run(params);
    }
  });
  return ids;
}

/** The element type of each written column's array (unnest needs them; text is the default). */
const PG_ARRAY_TYPES: Record<string, string> = {
  id: 'bigint', record_id: 'bigint', mirror_of: 'bigint',
  quantity: 'bigint', alt_quantity: 'bigint', unit_cost: 'bigint', amount: 'bigint',
  line_no: 'integer', number: 'integer', record_number: 'integer', warehouse_id: 'integer', template_id: 'integer',
  item_id: 'integer', inventory_id: 'integer', closing_id: 'integer',
};

/**
 * PostgreSQL: rows (values in `columns` order) written as one array per
 * column through unnest, many thousand rows per statement: a multi-row VALUES
 * list of that size costs far more to build, send and parse.
 */
async function insertColumnsPg(db: Db, table: 'records' | 'movements', columns: readonly string[], rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += PG_ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + PG_ROWS_PER_INSERT);
    const arrays = columns.map((c, j) => sql`${chunk.map((row) => row[j])}::${sql.raw(PG_ARRAY_TYPES[c] ?? 'text')}[]`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(db);
  }
}

/** The ledger's indexes a bulk load may set aside, and the ledger's size before it. */
export interface LedgerBulkIndexes {
  readonly deferred: boolean;
  drop(): void;
  restore(): void;
  /** the ledger's size from its highest movement id: an upper bound, and cheap */
  existingLines(): number;
}

/** SQLite: the movements, records and journal_lines indexes set aside by a bulk load (db/deferred-indexes.ts); PostgreSQL keeps them: undefined. */
export function ledgerBulkIndexes(store: Store): LedgerBulkIndexes | undefined {
  const sqlite = store.sqlite;
  if (!sqlite) return undefined;
  const indexes = new DeferredIndexes(sqlite, ['movements', 'records', 'journal_lines']);
  return {
    get deferred() {
      return indexes.deferred;
    },
    drop: () => indexes.drop(),
    restore: () => indexes.restore(),
    existingLines: () => Number(sqlite.prepare('select coalesce(max(id), 0) from movements').pluck().get()),
  };
}

/** Lines from which a posting session renews the planner's statistics of the ledger (PostgreSQL). */
export const ANALYZE_FROM = 10_000;

/**
 * PostgreSQL: after a posting session wrote `written` lines — at least
 * ANALYZE_FROM and a tenth of the ledger or more (autovacuum's own rule) —
 * the planner's statistics of movements, records and journal lines are
 * renewed in the session's transaction, at once rather than by autovacuum a
 * minute after the commit. Without them a freshly imported ledger was read
 * with plans made for an empty one: a record read joined its lines to the
 * whole items table (seq scan, hash join), 8 ms instead of 0.2 ms. Answers
 * whether it ran. SQLite: nothing (its planner needs no statistics).
 */
export async function refreshLedgerStatistics(store: Store, db: Db, written: number): Promise<boolean> {
  if (store.dialect !== 'postgres' || written < ANALYZE_FROM) return false;
  // the rows the planner knows of (a partition never analysed counts none); a partitioned parent holds none itself
  const { rows } = await sql<{ n: number }>`
    select coalesce(sum(greatest(c.reltuples, 0)), 0)::float8 as n from pg_class c
    where c.oid = 'movements'::regclass or c.oid in (select inhrelid from pg_inherits where inhparent = 'movements'::regclass)`.execute(db);
  if (written * 10 < Number(rows[0].n)) return false;
  await sql`analyze movements, records, journal_lines`.execute(db);
  return true;
}

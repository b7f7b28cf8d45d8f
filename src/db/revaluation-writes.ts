/**
 * The re-valuation's writes (src/accounting/revaluation.ts): new unit cost and
 * amount of movement lines, by movement id, in the caller's transaction
 * (`revaluationLineWriter`: the walk hands changes over as it finds them,
 * `finish` ends the writing).
 *   - SQLite: the changes go to a temporary table (id, unit cost, amount) as
 *     the walk finds them (the walk reads movements_valuation_ix inside the
 *     same transaction, so nothing of movements is touched meanwhile); at the
 *     end ONE set-based UPDATE … FROM that table, read in id order (its rowid
 *     is the movement id: table pages in file order, each row by its rowid). With more than BULK_LINES
 *     changes the indexes that carry the rewritten columns (unit_cost or
 *     amount: movements_valuation_ix, movements_outgoing_ix) are dropped
 *     before the UPDATE and built again after it (db/deferred-indexes.ts):
 *     one sort per index instead of a random B-tree delete + insert per line
 *     and index, whose pages, far larger than the page cache on a big ledger,
 *     were written to the WAL again and again. DDL is transactional: a
 *     failure rolls the indexes back with everything else.
 *   - PostgreSQL: one UPDATE … FROM unnest(ids, costs, amounts) per chunk,
 *     written behind the walk (which reads through the pool, outside the
 *     transaction), joined by nested loop over the primary key (hash and
 *     merge joins off for these statements only).
 * Only unit_cost and amount change, so the ledger order the walk reads by is
 * untouched.
 */
import { sql } from 'kysely';
import type { Store } from './connection.ts';
import { DeferredIndexes } from './deferred-indexes.ts';
import type { Db } from './db.ts';


export interface LineCost {
  movementId: number;
  newUnitCost: bigint;
  newAmount: bigint;
}

/** Changes beyond which SQLite drops and rebuilds the indexes carrying unit_cost / amount around the UPDATE. */
export const BULK_LINES = 100_000;

const PG_CHUNK = 5000;

export interface RevaluationLineWriter {
  /** takes changed lines, in any order (each movement at most once) */
  add(lines: readonly LineCost[]): Promise<void>;
  /** writes what is still held; the lines written in all */
  finish(): Promise<number>;
}

type Sqlite = NonNullable<Store['sqlite']>;
type Insert = { run(id: number, unitCost: bigint, amount: bigint): unknown };

/** The indexes of movements whose entries carry a column the re-valuation rewrites. */
const carriesCost = (ddl: string) => /"(unit_cost|amount)"/.test(ddl);

/** A writer for one apply, in the caller's transaction `trx`. */
export async function revaluationLineWriter(store: Store, trx: Db, options: { bulkLines?: number } = {}): Promise<RevaluationLineWriter> {
  if (store.sqlite) return sqliteWriter(store.sqlite, trx, options.bulkLines ?? BULK_LINES);
  let written = 0;
  return {
    add: async (lines) => {
      await writePostgres(trx, lines);
      written += lines.length;
    },
    finish: async () => written,
  };
}

async function sqliteWriter(sqlite: Sqlite, trx: Db, bulkLines: number): Promise<RevaluationLineWriter> {
  // a temporary table of this connection, kept (empty) between applies; its rows are part of the transaction
  await sql`create temp table if not exists revaluation_lines (id integer primary key, unit_cost integer not null, amount integer not null)`.execute(trx);
  await sql`delete from temp.revaluation_lines`.execute(trx);
  const insert = sqlite.prepare('insert into temp.revaluation_lines (id, unit_cost, amount) values (?, ?, ?)') as unknown as Insert;
  let held = 0;
  return {
    add: async (lines) => {
      for (const l of lines) insert.run(l.movementId, l.newUnitCost, l.newAmount);
      held += lines.length;
    },
    finish: async () => {
      if (held === 0) return 0;
      const indexes = held > bulkLines ? new DeferredIndexes(sqlite, ['movements'], carriesCost) : undefined;
      indexes?.drop();
      // the temporary table (keyed by movement id, so read in id order) drives the join: movements looked up by
      // rowid, in file order; `+c.id` keeps the planner from scanning movements and probing the temporary table instead
      await sql`update movements set unit_cost = c.unit_cost, amount = c.amount
        from temp.revaluation_lines as c
        where movements.id = +c.id`.execute(trx);
      indexes?.restore();
      await sql`delete from temp.revaluation_lines`.execute(trx);
      return held;
    },
  };
}

async function writePostgres(trx: Db, lines: readonly LineCost[]): Promise<void> {
  if (lines.length === 0) return;
  // each row through the primary key (a nested loop over the ids): with stale statistics the planner
  // would otherwise hash a scan of the whole ledger per chunk; only for these statements of the transaction
  await sql`set local enable_hashjoin = off`.execute(trx);
  await sql`set local enable_mergejoin = off`.execute(trx);
  for (let i = 0; i < lines.length; i += PG_CHUNK) {
    const chunk = lines.slice(i, i + PG_CHUNK);
    const ids = chunk.map((l) => String(l.movementId));
    const costs = chunk.map((l) => l.newUnitCost.toString());
    const amounts = chunk.map((l) => l.newAmount.toString());
    await sql`update movements as m set unit_cost = v.c, amount = v.a
      from unnest(${ids}::bigint[], ${costs}::bigint[], ${amounts}::bigint[]) as v(id, c, a)
      where m.id = v.id`.execute(trx);
  }
  await sql`set local enable_hashjoin to default`.execute(trx);
  await sql`set local enable_mergejoin to default`.execute(trx);
}


/**
 * The re-valuation's writes (src/accounting/revaluation.ts): new unit cost and
 * amount of movement lines, by movement id, in the caller's transaction.
 *   - SQLite: one prepared UPDATE by rowid per line (the raw handle, same
 *     connection and transaction as Kysely's);
 *   - PostgreSQL: one UPDATE … FROM unnest(ids, costs, amounts) per chunk,
 *     joined by nested loop over the primary key (hash and merge joins off
 *     for these statements only).
 * Only unit_cost and amount change: the table row and the entries of the
 * indexes that carry them (movements_valuation_ix covers both, the outgoing
 * index the amount) are rewritten in place of their key, so the ledger order
 * the walk reads by is untouched. SQLite writes a batch in rowid order (table
 * pages in file order).
 */
import { sql, type Kysely } from 'kysely';
import type { Store } from './connection.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export interface LineCost {
  movementId: number;
  newUnitCost: bigint;
  newAmount: bigint;
}

const PG_CHUNK = 5000;

type Sqlite = NonNullable<Store['sqlite']>;
type Update = { run(unitCost: bigint, amount: bigint, id: number): unknown };
const statements = new WeakMap<Sqlite, Update>();

export async function writeRevaluationLines(store: Store, trx: Db, lines: readonly LineCost[]): Promise<void> {
  if (store.sqlite) {
    let stmt = statements.get(store.sqlite);
    if (!stmt) statements.set(store.sqlite, (stmt = store.sqlite.prepare('update movements set unit_cost = ?, amount = ? where id = ?') as unknown as Update));
    const sorted = [...lines].sort((a, b) => a.movementId - b.movementId);
    for (const l of sorted) stmt.run(l.newUnitCost, l.newAmount, l.movementId);
    return;
  }
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

/**
 * Keeps the ledger still while a re-valuation walks and writes. PostgreSQL:
 * the walk reads through the pool, outside the transaction, so the
 * transaction holds every warehouse's posting lock (7301, as postings take
 * them) and the closing lock (7302, 0) until it ends: no record is posted,
 * edited or closed meanwhile. SQLite has one writer and the walk reads
 * inside the transaction: nothing to take.
 */
export async function lockLedgerForRevaluation(store: Store, trx: Db): Promise<void> {
  if (store.dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(7302, 0)`.execute(trx);
  const warehouses = await trx.selectFrom('warehouses').select('id').orderBy('id').execute();
  for (const w of warehouses) await sql`select pg_advisory_xact_lock(7301, ${w.id})`.execute(trx);
}

/**
 * PostgreSQL: the ledger's `movements` partitioned by period (issue 20 point 6).
 *
 * `movements` is a declaratively partitioned table, RANGE on `date`: one
 * partition per year of the company's periods (`movements_y2026` holds
 * 2025-12-31 … 2026-12-30, see `yearBounds`) and a default partition (`movements_other`) for
 * any date outside them. A closing closes a period; every read after it is
 * keyed `date > closing date` (the closing's opening records carry the rest,
 * SPEC §3), so the planner leaves the closed years' partitions out: a closed
 * period is read only through its closing. Writes land in the open year's
 * partition; nothing else in the code knows partitions exist.
 *
 * A year's partition is made when its parameters are (`ensureYearPartition`,
 * from the year parameters and a closing's next year) and by the migration for
 * every year in the data. Rows already in the default partition for that year
 * are moved into it in the same transaction. SQLite has one `movements` table:
 * everything here is a no-op there.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isSqlite } from './migrations/helpers.ts';

export const DEFAULT_PARTITION = 'movements_other';

export const yearPartitionName = (year: number): string => `movements_y${year}`;

/**
 * The year's range of dates as text bounds, [31 December of the year before,
 * 31 December): the dates are text, and a read after a closing is
 * `date > closing date`, which leaves a partition out only when its upper
 * bound is that date itself. So the rows of a year's last day (the usual
 * closing date) sit at the head of the next year's partition, and a read after
 * the closing never opens a closed year's. The last four-digit year has no end.
 */
function yearBounds(year: number): { from: string; to: string; upper: RawBuilder<unknown> } {
  const from = `${String(year - 1).padStart(4, '0')}-12-31`;
  const to = year === 9999 ? '9999-12-31~' : `${year}-12-31`;
  return { from, to, upper: year === 9999 ? sql.raw('maxvalue') : sql.lit(to) };
}

async function relationKind(db: Kysely<any>, name: string): Promise<string | undefined> {
  const { rows } = await sql<{ relkind: string }>`
    select c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relname = ${name}`.execute(db);
  return rows[0]?.relkind;
}

/** Makes the partition of `year` if `movements` is partitioned and it has none yet (PostgreSQL; SQLite: nothing). */
export async function ensureYearPartition(db: Kysely<any>, year: number): Promise<void> {
  if (isSqlite(db) || !Number.isInteger(year) || year < 1000 || year > 9999) return;
  if (!db.isTransaction) return db.transaction().execute((trx) => ensureYearPartition(trx, year));
  const name = yearPartitionName(year);
  if ((await relationKind(db, 'movements')) !== 'p' || (await relationKind(db, name)) !== undefined) return;
  const { from, to, upper } = yearBounds(year);
  const table = sql.table(name);
  const other = sql.table(DEFAULT_PARTITION);
  const stray = await sql`select 1 from ${other} where date >= ${from} and date < ${to} limit 1`.execute(db);
  if (stray.rows.length === 0) {
    await sql`create table ${table} partition of movements for values from (${sql.lit(from)}) to (${upper})`.execute(db);
    return;
  }
  // the year's rows sit in the default partition: take it out, make the year's partition, move them, put it back
  await sql`alter table movements detach partition ${other}`.execute(db);
  await sql`create table ${table} partition of movements for values from (${sql.lit(from)}) to (${upper})`.execute(db);
  await sql`insert into ${table} select * from ${other} where date >= ${from} and date < ${to}`.execute(db);
  await sql`delete from ${other} where date >= ${from} and date < ${to}`.execute(db);
  await sql`alter table movements attach partition ${other} default`.execute(db);
}

/**
 * Turns the plain `movements` table into the partitioned one (the migration):
 * same columns, defaults and id sequence, primary key (id, date) (a partitioned
 * table's unique keys include its partition key), the same foreign keys and
 * indexes, the rows copied over; then a partition per year of the year
 * parameters and of the data.
 */
export async function partitionMovements(db: Kysely<any>): Promise<void> {
  if (isSqlite(db) || (await relationKind(db, 'movements')) !== 'r') return;
  const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes
    where schemaname = current_schema() and tablename = 'movements' and indexname <> 'movements_pkey'`.execute(db);
  const { rows: seq } = await sql<{ name: string }>`select pg_get_serial_sequence('movements', 'id') as name`.execute(db);
  for (const ix of indexes) await sql`drop index ${sql.ref(ix.indexname)}`.execute(db);
  await sql`alter table movements rename to movements_unpartitioned`.execute(db);
  await sql`alter table movements_unpartitioned rename constraint movements_pkey to movements_unpartitioned_pkey`.execute(db);
  await sql`create table movements (like movements_unpartitioned including defaults including constraints) partition by range (date)`.execute(db);
  await sql`alter table movements add primary key (id, date)`.execute(db);
  await sql`alter table movements add foreign key (record_id) references records (id) on delete cascade`.execute(db);
  await sql`alter table movements add foreign key (item_id) references items (id)`.execute(db);
  if (seq[0]?.name) await sql`alter sequence ${sql.raw(seq[0].name)} owned by movements.id`.execute(db);
  await sql`create table ${sql.table(DEFAULT_PARTITION)} partition of movements default`.execute(db);
  const { rows: years } = await sql<{ year: number }>`
    select year from year_params
    union select distinct cast(substr(date, 1, 4) as integer) from movements_unpartitioned`.execute(db);
  for (const { year } of years) await ensureYearPartition(db, Number(year));
  await sql`insert into movements select * from movements_unpartitioned`.execute(db);
  await sql`drop table movements_unpartitioned`.execute(db);
  for (const ix of indexes) await sql.raw(ix.indexdef).execute(db);
}

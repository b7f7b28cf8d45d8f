import { sql, type Kysely } from 'kysely';

/**
 * Cost method names in stored data become the SPEC §6 identifiers (issue 12,
 * point 1): management areas, closings (the opening records' method) and the
 * warehouse history (runs and rows). The previous release stored camelCase
 * names. The map is written out here, not read from the method table, so this
 * migration stays what it was when released. Other values ('template' of a
 * closing, names already in SPEC form) are left as they are.
 */
const RENAMES: readonly (readonly [string, string])[] = [
  ['movingAverage', 'moving-average'],
  ['lifoYearly', 'lifo-yearly'],
  ['fifoYearly', 'fifo-yearly'],
  ['registryAverage', 'registry-average'],
  ['registryLast', 'registry-last'],
  ['managementArea', 'management-area'],
  ['lotCost', 'lot-cost'],
];

const TABLES = ['management_areas', 'closings', 'warehouse_history_runs', 'warehouse_history'] as const;

/** One pass per table (the warehouse history may be large): method = case method when … end. */
async function rename(db: Kysely<any>, pairs: readonly (readonly [string, string])[]): Promise<void> {
  const cases = sql.join(pairs.map(([from, to]) => sql`when ${from} then ${to}`), sql` `);
  for (const table of TABLES) {
    await db
      .updateTable(table)
      .set({ method: sql`case method ${cases} else method end` })
      .where('method', 'in', pairs.map(([from]) => from))
      .execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await rename(db, RENAMES);
}

export async function down(db: Kysely<any>): Promise<void> {
  await rename(db, RENAMES.map(([from, to]) => [to, from] as const));
}

import type { Kysely } from 'kysely';
import { partitionMovements } from '../movement-partitions.ts';

/**
 * PostgreSQL: `movements` partitioned by period (a year each, and a default
 * partition), see db/movement-partitions.ts. SQLite: nothing changes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await partitionMovements(db);
}

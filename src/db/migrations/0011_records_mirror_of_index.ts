import type { Kysely } from 'kysely';

/**
 * Indexes of per-request paths (issue 20):
 *
 * - records_mirror_of_ix: reading a record looks up its offset mirror
 *   (`where mirror_of in (…)`), editing and deleting one finds and deletes
 *   its mirror, and deleting any record checks the mirror_of foreign key
 *   (on delete cascade). Without it each of these read the whole records
 *   table: one post over HTTP took 13–22 ms at 1M ledger lines.
 * - audit_log_at_ix, audit_log_user_ix: the audit trail read newest first,
 *   by date range and by user (`GET /api/audit?user&from&to`); the entity
 *   filter has audit_log_entity_ix (0001).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('records_mirror_of_ix').on('records').columns(['mirror_of']).execute();
  await db.schema.createIndex('audit_log_at_ix').on('audit_log').columns(['at']).execute();
  await db.schema.createIndex('audit_log_user_ix').on('audit_log').columns(['username', 'at']).execute();
}

/**
 * The audit log (SPEC §10).
 */
import type { Generated } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  username: string;
  entity: string;
  entity_key: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

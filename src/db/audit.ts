import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';
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

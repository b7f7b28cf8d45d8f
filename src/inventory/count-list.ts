/** A list under count: its flags, and the lock a count takes on it and its inventory. */
import type { Ctx } from '../core/context.ts';
import { nowTimestamp } from '../core/dates.ts';
import { fail } from '../core/errors.ts';
import type { Db } from '../db/db.ts';
import type { SharedMasterData } from '../masterdata/shared-cache.ts';
import { assertListAccess, assertOpen, lockInventory, type InventoryRow, type ListRow } from './common.ts';

/** The list type's flags: blind count, maintain location (kept in the store's shared master data when given). */
export async function blindOf(db: Db, list: ListRow, shared?: SharedMasterData): Promise<{ blind: boolean; maintainLocation: boolean }> {
  const known = shared?.listTypes.get(list.list_type_id);
  if (known) return known;
  const t = await db.selectFrom('list_types').select(['blind_count', 'maintain_location']).where('id', '=', list.list_type_id).executeTakeFirstOrThrow();
  const flags = Object.freeze({ blind: t.blind_count === 1, maintainLocation: t.maintain_location === 1 });
  shared?.listTypes.set(list.list_type_id, flags);
  return flags;
}

/**
 * Locks the list for a write: on PostgreSQL a share lock on its inventory
 * (posting waits for us, or we wait for it and find it closed), then the
 * list's row lock (scans of one list run one at a time). 404 / 403 / 409.
 */
export async function lockListForCount(ctx: Ctx, trx: Db, listId: number): Promise<{ list: ListRow; inv: InventoryRow }> {
  const ref = await trx.selectFrom('inventory_lists').select(['inventory_id', 'employee_id', 'id']).where('id', '=', listId).executeTakeFirst();
  if (!ref) fail('INV_ERR_NOT_FOUND', { entity: 'list', key: listId });
  assertListAccess(ctx.actor, ref);
  const inv = await lockInventory(trx, ctx.store, ref.inventory_id, 'share');
  // the row lock is the update's; the list comes back from it (one statement, not an update and a read)
  const list = (await trx.updateTable('inventory_lists').set({ updated_at: nowTimestamp() }).where('id', '=', listId).returningAll().executeTakeFirstOrThrow()) as ListRow;
  return { list, inv };
}

export function assertCountable(inv: InventoryRow, list: ListRow): void {
  assertOpen(inv);
  if (list.closing_date) fail('INV_ERR_LIST_CLOSED', { list: list.id, date: list.closing_date });
}

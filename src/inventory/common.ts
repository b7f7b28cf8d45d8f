/**
 * What the inventory services share: write transactions that are safe with
 * several connections on both dialects, the row locks that keep counting and
 * posting apart, and who may see which list.
 *
 * Lock order (PostgreSQL), always inventory before list:
 *   - posting:  UPDATE inventories … WHERE closed = 0 (exclusive row lock)
 *   - list and inventory edits: SELECT inventories … FOR UPDATE
 *   - scans:    SELECT inventories … FOR SHARE, then UPDATE inventory_lists (the list's row lock)
 * so a scan either commits before a posting reads the counts, or waits for
 * it and then finds the inventory closed. SQLite has a single writer: write
 * transactions start with BEGIN IMMEDIATE, so one never reads a state
 * another connection changes before it writes.
 */
import type { Actor, Ctx } from '../core/context.ts';
import { fail } from '../core/errors.ts';
import { allowed } from '../core/roles.ts';
import type { Store } from '../db/connection.ts';
import { withRowLock } from '../db/transaction.ts';
import type { Db } from '../db/db.ts';

/** One transaction, the one idiom (db/transaction.ts). */
export { inTransaction } from '../db/transaction.ts';

export type InventoryRow = {
  id: number;
  year: number;
  number: number;
  date: string;
  description: string;
  notes: string;
  operator_id: number;
  closed: number;
  closed_at: string | null;
  closed_by: string | null;
  posted_at: string | null;
  created_by: string;
  created_at: string;
  /** freeze option (SPEC §11): records moving stock of a counted warehouse are refused while the count runs */
  freeze: number;
  /** set when the posted differences were reversed (and the inventory reopened) */
  reversed_at: string | null;
  reversed_by: string | null;
};

export type ListRow = {
  id: number;
  inventory_id: number;
  list_type_id: number;
  employee_id: number;
  warehouse_id: number;
  closing_date: string | null;
  current_location: string;
  created_by: string;
  created_at: string;
  updated_at: string | null;
};

/** Reads an inventory, locking its row on PostgreSQL ('update' for edits, 'share' for scans); 404 when unknown. */
export async function lockInventory(db: Db, store: Store, id: number, lock: 'update' | 'share' | 'none'): Promise<InventoryRow> {
  const q = withRowLock(store, db.selectFrom('inventories').selectAll().where('id', '=', id), lock);
  const row = (await q.executeTakeFirst()) as InventoryRow | undefined;
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'inventory', key: id });
  return row;
}

/** "2026/3": how messages and documents name an inventory. */
export const inventoryLabel = (inv: Pick<InventoryRow, 'year' | 'number'>) => `${inv.year}/${inv.number}`;

/** 409 unless the inventory is open (posted: INV_ERR_INVENTORY_POSTED). */
export function assertOpen(inv: InventoryRow): void {
  if (inv.posted_at) fail('INV_ERR_INVENTORY_POSTED', { inventory: inventoryLabel(inv) });
  if (inv.closed) fail('INV_ERR_INVENTORY_CLOSED', { inventory: inventoryLabel(inv) });
}

/** Supervisors and admins see every list; counters only their employee's; viewers read all. */
export function seesAllLists(actor: Actor): boolean {
  return actor.role !== 'counter';
}

/** 403 when a counter reaches for another employee's list. */
export function assertListAccess(actor: Actor, list: Pick<ListRow, 'id' | 'employee_id'>): void {
  if (seesAllLists(actor)) return;
  if (actor.employeeId === null || actor.employeeId !== list.employee_id) fail('INV_ERR_NOT_YOUR_LIST', { list: list.id });
}

/** Whether the reader may see book stock on a list: never a counter on a blind-count list. */
export function showsBook(actor: Actor, blindCount: boolean): boolean {
  return !(blindCount && !seesAllLists(actor));
}

/** Reads a list (404 when unknown) and checks the actor may reach it. */
export async function listFor(ctx: Ctx, db: Db, id: number): Promise<ListRow> {
  const list = (await db.selectFrom('inventory_lists').selectAll().where('id', '=', id).executeTakeFirst()) as ListRow | undefined;
  if (!list) fail('INV_ERR_NOT_FOUND', { entity: 'list', key: id });
  assertListAccess(ctx.actor, list);
  return list;
}

/** Reading inventories and lists: every role; counters narrowed to their lists. */
export function requireRead(actor: Actor): void {
  if (!allowed(actor, 'lists')) fail('INV_ERR_FORBIDDEN');
}

const errorCode = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;
const UNIQUE_VIOLATIONS = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

export function isUniqueViolation(error: unknown): boolean {
  return UNIQUE_VIOLATIONS.has(errorCode(error) as string);
}

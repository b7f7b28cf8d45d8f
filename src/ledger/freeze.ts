/**
 * The freeze option of an inventory (SPEC §11, issue 16 point 7): while an
 * inventory with freeze on is being counted, records moving stock of a
 * warehouse one of its lists counts are refused.
 *
 * "Being counted": the inventory is neither posted nor closed and one of its
 * lists holds a counted line. The freeze covers the whole warehouse of each
 * of its lists without a closing date (a list with a closing date is out of
 * the differences, SPEC §4): SPEC §11 speaks of "a key of a warehouse being
 * counted", a key not counted yet may still be counted (or be zeroed by
 * "zero the uncounted"), and a warehouse is what a storekeeper closes for a
 * count.
 *
 * The lookup reads the small inventories and lists tables (open frozen
 * inventories with a list on the warehouses) and probes inventory_lines by
 * its (list_id, …) index for one counted line: never a scan of the ledger or
 * of the counts.
 */
import { fail } from '../core/errors.ts';
import type { RecordOrigin } from '../db/schema.ts';
import type { Db } from '../db/db.ts';

/** Records the system writes for an inventory or a closing pass a freeze; the rest (manual, import and their mirrors) do not. */
const PASSES_FREEZE: ReadonlySet<RecordOrigin> = new Set<RecordOrigin>(['inventory', 'reversal', 'closing']);

export const passesFreeze = (origin: RecordOrigin): boolean => PASSES_FREEZE.has(origin);

/** 409 INV_ERR_WAREHOUSE_FROZEN naming the first inventory (year/number) that freezes one of the warehouses. */
export async function assertNotFrozen(db: Db, warehouseIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(warehouseIds)];
  if (ids.length === 0) return;
  // the open frozen inventories counting these warehouses (a handful of rows), then, for each, one
  // indexed probe for a counted line of its lists (the count has begun): never a pass over the lines
  const candidates = await db
    .selectFrom('inventory_lists as l')
    .innerJoin('inventories as i', 'i.id', 'l.inventory_id')
    .innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
    .select(['i.id', 'i.year', 'i.number', 'w.code as warehouse'])
    .where('i.freeze', '=', 1)
    .where('i.closed', '=', 0)
    .where('i.posted_at', 'is', null)
    .where('l.warehouse_id', 'in', ids)
    .where('l.closing_date', 'is', null)
    .orderBy('i.year')
    .orderBy('i.number')
    .orderBy('w.code')
    .execute();
  let frozen: (typeof candidates)[number] | undefined;
  for (const c of candidates) {
    const lists = await db.selectFrom('inventory_lists').select('id').where('inventory_id', '=', c.id).execute();
    const counting = await db
      .selectFrom('inventory_lines')
      .select('id')
      .where('list_id', 'in', lists.map((l) => l.id))
      .where('counted', '=', 1)
      .limit(1)
      .executeTakeFirst();
    if (counting) {
      frozen = c;
      break;
    }
  }
  if (frozen) fail('INV_ERR_WAREHOUSE_FROZEN', { warehouse: frozen.warehouse, inventory: `${frozen.year}/${frozen.number}` });
}

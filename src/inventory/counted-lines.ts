/**
 * The counted lines of an inventory's lists without closing date, with their
 * list, recount round, employee and count time (one indexed query through
 * the inventory's lists, read as arrays: src/db/rows.ts).
 */
import type { Store } from '../db/connection.ts';
import type { Db } from '../db/db.ts';
import type { RoundLine } from './recount-rounds.ts';
import { selectArrays } from '../db/rows.ts';

export async function countedLines(db: Db, store: Store, inventoryId: number): Promise<RoundLine[]> {
  const q = db
    .selectFrom('inventory_lines as n')
    .innerJoin('inventory_lists as l', 'l.id', 'n.list_id')
    .innerJoin('employees as e', 'e.id', 'l.employee_id')
    .select([
      'l.warehouse_id', 'n.item_id', 'n.variant', 'n.lot', 'n.serial', 'n.location', 'n.job_order', 'n.account', 'n.counted_quantity', 'n.book_quantity',
      'n.list_id', 'l.recount_round', 'n.counted', 'e.code as employee', 'n.inserted_at', 'n.updated_at',
    ])
    .where('l.inventory_id', '=', inventoryId)
    .where('l.closing_date', 'is', null);
  // one path for both databases: the rows as arrays in select order (src/db/rows.ts)
  return (await selectArrays(store, q)).map((r) => ({
    warehouseId: Number(r[0]),
    itemId: Number(r[1]),
    variant: r[2] as string,
    lot: r[3] as string,
    serial: r[4] as string,
    location: r[5] as string,
    jobOrder: r[6] as string,
    account: r[7] as string,
    counted: BigInt(r[8] as bigint),
    snapshot: BigInt(r[9] as bigint),
    listId: Number(r[10]),
    round: Number(r[11]),
    isCounted: Number(r[12]) === 1,
    employee: r[13] as string,
    at: (r[15] as string | null) ?? (r[14] as string),
  }));
}

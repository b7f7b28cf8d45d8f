/**
 * POST /api/cycle-count/due: a list on an open inventory pre-filled with the
 * keys due for count (SPEC §11). One transaction: the due keys are read, the
 * list and its lines written and audited together.
 *
 * The pre-filled lines carry counted = 0 and counted quantity 0 (the
 * differences ignore them until they are counted) and the book snapshot a
 * scan of that key would take: the book stock at the inventory date of the
 * key (item, variant, lot, location) with no serial, job order or account.
 */
import type { Ctx } from '../core/context.ts';
import { nowTimestamp } from '../core/dates.ts';
import { fail } from '../core/errors.ts';
import { Quantity } from '../core/decimal.ts';
import { requirePermission } from '../core/roles.ts';
import { audit, auditMany } from '../db/audit.ts';
import { stockKeyString } from '../ledger/keys.ts';
import { warehouseOf } from '../masterdata/lookup.ts';
import type { AbcClass } from './abc-classes.ts';
import { bookStock } from './book.ts';
import { assertOpen, inTransaction, lockInventory } from './common.ts';
import { checkCycleQuery, dueKeys, dueView, type DueView } from './cycle-count.ts';
import { listViewOf, resolveList, type ListView } from './inventory-lists.ts';

export interface DueListInput {
  warehouse: string;
  /** default: the inventory's date */
  date?: string;
  class?: AbcClass;
  locationFrom?: string;
  locationTo?: string;
  /** inventory id */
  inventory: number;
  /** employee code */
  employee: string;
  /** list type code */
  listType: string;
}

export interface DueListView extends ListView {
  /** the pre-filled keys, as GET /api/cycle-count/due shows them, with the book snapshot */
  keys: (DueView & { bookQuantity: string })[];
}

const INSERT_CHUNK = 500;

/** Creates the list and its pre-filled lines; 409 INV_ERR_NOTHING_DUE when no key is due. */
export async function createDueList(ctx: Ctx, input: DueListInput): Promise<DueListView> {
  requirePermission(ctx.actor, 'inventory');
  checkCycleQuery(input);
  return inTransaction(ctx.store, async (trx) => {
    const inv = await lockInventory(trx, ctx.store, input.inventory, 'update');
    assertOpen(inv);
    const warehouse = await warehouseOf(trx, input.warehouse);
    const fields = await resolveList(trx, { listType: input.listType, employee: input.employee, warehouse: input.warehouse });
    const date = input.date ?? inv.date;
    const due = await dueKeys(trx, { warehouseId: warehouse.id, date, class: input.class, locationFrom: input.locationFrom, locationTo: input.locationTo });
    if (due.length === 0) fail('INV_ERR_NOTHING_DUE', { warehouse: warehouse.code, date });
    const at = nowTimestamp();
    const list = await trx
      .insertInto('inventory_lists')
      .values({
        inventory_id: inv.id,
        list_type_id: fields.list_type_id!,
        employee_id: fields.employee_id!,
        warehouse_id: warehouse.id,
        closing_date: null,
        created_by: ctx.actor.username,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // the snapshots: one grouped read of the warehouse's book stock at the inventory date, for the due items
    const book = await bookStock(trx, ctx.store, { warehouseIds: [warehouse.id], date: inv.date, itemIds: [...new Set(due.map((k) => k.itemId))] });
    const snapshot = (k: (typeof due)[number]) =>
      book.get(stockKeyString({ warehouseId: warehouse.id, itemId: k.itemId, variant: k.variant, lot: k.lot, location: k.location, serial: '', jobOrder: '', account: '' })) ?? 0n;
    const rows = due.map((k) => ({
      list_id: list.id,
      item_id: k.itemId,
      variant: k.variant,
      lot: k.lot,
      location: k.location,
      uom: k.item.uom,
      book_quantity: snapshot(k),
      counted_quantity: 0n,
      counted: 0,
      inserted_at: at,
      inserted_by: ctx.actor.username,
      updated_at: null,
      updated_by: null,
    }));
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const inserted = await trx.insertInto('inventory_lines').values(rows.slice(i, i + INSERT_CHUNK)).returning('id').execute();
      ids.push(...inserted.map((r) => Number(r.id)));
    }
    const keys = due.map((k, i) => ({ ...dueView(warehouse.code, k), bookQuantity: Quantity.format(rows[i].book_quantity as Quantity) }));
    const view = await listViewOf(trx, list.id);
    await audit(trx, ctx.actor, 'list', list.id, 'create', null, { ...view, cycleCount: { date, class: input.class ?? null, locationFrom: input.locationFrom ?? null, locationTo: input.locationTo ?? null } });
    await auditMany(
      trx,
      ctx.store,
      ctx.actor,
      keys.map((k, i) => ({ entity: 'inventoryLine', entityKey: ids[i], action: 'create', before: null, after: { listId: list.id, ...k, countedQuantity: '0.000', counted: false } })),
    );
    return { ...view, keys };
  });
}

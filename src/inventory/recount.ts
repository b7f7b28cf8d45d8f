/**
 * POST /api/inventories/{id}/recount (SPEC §11): a new blind list of the
 * inventory, recount round = the inventory's highest round + 1, for another
 * employee than anyone who counted its keys (four eyes), pre-filled with the
 * keys over tolerance (no quantity, `counted` 0: the differences ignore a
 * pre-filled key until the counter counts it).
 *
 * The keys are the rows over tolerance of the preview at the inventory date,
 * except those approved on their current count, in one warehouse with
 * recount on: the one named, or the only warehouse with such keys.
 * The list type: the one named (it must be blind), else the first blind list
 * type by code, else a blind type RECOUNT created here.
 */
import type { Ctx } from '../core/context.ts';
import { nowTimestamp } from '../core/dates.ts';
import { fail } from '../core/errors.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { stockKeyString } from '../ledger/keys.ts';
import { employeeIdOf } from '../masterdata/lookup.ts';
import type { Db } from '../db/db.ts';
import { bookStock } from './book.ts';
import { assertOpen, inTransaction, inventoryLabel, lockInventory } from './common.ts';
import type { ControlledRow } from './difference-control.ts';
import { listViewOf, type ListView } from './inventory-lists.ts';
import { compute } from './stock-differences.ts';
import type { KeyDimensions } from '../ledger/stock-key-view.ts';

export interface RecountInput {
  employee: string;
  listType?: string;
  /** the warehouse of the list; needed only when keys over tolerance lie in several warehouses with recount on */
  warehouse?: string;
}

export interface RecountKey extends KeyDimensions {
  item: string;
}

export const RECOUNT_LIST_TYPE = 'RECOUNT';

/** The list type of a recount list: blind (422 when the named one is not). */
async function blindListType(ctx: Ctx, trx: Db, code: string | undefined): Promise<number> {
  if (code !== undefined) {
    const t = await trx.selectFrom('list_types').select(['id', 'blind_count']).where('code', '=', code).executeTakeFirst();
    if (!t) fail('INV_ERR_NOT_FOUND', { entity: 'listType', key: code });
    if (t.blind_count !== 1) fail('INV_ERR_RECOUNT_LIST_NOT_BLIND', { listType: code });
    return t.id;
  }
  const blind = await trx.selectFrom('list_types').select('id').where('blind_count', '=', 1).orderBy('code').limit(1).executeTakeFirst();
  if (blind) return blind.id;
  const taken = await trx.selectFrom('list_types').select('id').where('code', '=', RECOUNT_LIST_TYPE).executeTakeFirst();
  if (taken) fail('INV_ERR_RECOUNT_LIST_NOT_BLIND', { listType: RECOUNT_LIST_TYPE });
  const values = { code: RECOUNT_LIST_TYPE, description: 'Renumărare (listă oarbă)', maintain_location: 0, blind_count: 1 };
  const row = await trx.insertInto('list_types').values(values).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx.actor, 'listType', RECOUNT_LIST_TYPE, 'create', null, { code: values.code, description: values.description, maintainLocation: false, blindCount: true });
  return row.id;
}

export async function createRecount(ctx: Ctx, inventoryId: number, input: RecountInput): Promise<ListView & { keys: RecountKey[] }> {
  requirePermission(ctx.actor, 'inventory');
  const result = await inTransaction(ctx.store, async (trx) => {
    const inv = await lockInventory(trx, ctx.store, inventoryId, 'update');
    assertOpen(inv);
    const employeeId = (await employeeIdOf(trx, input.employee))!;
    if (employeeId === null) fail('INV_ERR_NOT_FOUND', { entity: 'employee', key: input.employee });
    const named = input.warehouse === undefined ? undefined : await trx.selectFrom('warehouses').select(['id', 'code']).where('code', '=', input.warehouse).executeTakeFirst();
    if (input.warehouse !== undefined && !named) fail('INV_ERR_NOT_FOUND', { entity: 'warehouse', key: input.warehouse });
    const c = await compute(trx, ctx.store, inv, {});
    const code = (id: number) => c.warehouses.get(id) ?? named?.code ?? String(id);
    const candidates = c.rows.filter((r) => r.overTolerance && r.decision !== 'approve' && (!named || r.warehouseId === named.id));
    if (named && !c.controls.get(named.id)?.recount) {
      const on = (await trx.selectFrom('count_control').select('recount').where('warehouse_id', '=', named.id).executeTakeFirst())?.recount === 1;
      if (!on) fail('INV_ERR_RECOUNT_OFF', { warehouse: named.code });
    }
    if (candidates.length === 0) fail('INV_ERR_NOTHING_TO_RECOUNT', { inventory: inventoryLabel(inv) });
    const warehouses = [...new Set(candidates.map((r) => r.warehouseId))];
    const withRecount = warehouses.filter((w) => c.controls.get(w)?.recount);
    if (withRecount.length === 0) fail('INV_ERR_RECOUNT_OFF', { warehouse: warehouses.map(code).join(', ') });
    if (withRecount.length > 1) fail('INV_ERR_RECOUNT_WAREHOUSE_REQUIRED', { warehouses: withRecount.map(code).join(', ') });
    const warehouseId = withRecount[0];
    const keys: ControlledRow[] = candidates.filter((r) => r.warehouseId === warehouseId);
    // four eyes: nobody recounts a key they counted before
    for (const r of keys) {
      if (r.counts.some((n) => n.employee === input.employee)) {
        const item = c.items.get(r.itemId)!.code;
        fail('INV_ERR_RECOUNT_SAME_EMPLOYEE', { employee: input.employee, key: [code(r.warehouseId), item, r.variant, r.lot, r.serial, r.location].filter(Boolean).join('/') });
      }
    }
    const listTypeId = await blindListType(ctx, trx, input.listType);
    const top = await trx.selectFrom('inventory_lists').select((eb) => eb.fn.max('recount_round').as('round')).where('inventory_id', '=', inv.id).executeTakeFirst();
    const round = Number(top?.round ?? 0) + 1;
    const at = nowTimestamp();
    const list = await trx
      .insertInto('inventory_lists')
      .values({ inventory_id: inv.id, list_type_id: listTypeId, employee_id: employeeId, warehouse_id: warehouseId, closing_date: null, recount_round: round, created_by: ctx.actor.username, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    // the snapshot of each key as a first count takes it: book stock at the inventory date
    const book = await bookStock(trx, ctx.store, { warehouseIds: [warehouseId], date: inv.date, itemIds: keys.map((r) => r.itemId) });
    const lines = keys.map((r) => ({
      list_id: list.id,
      item_id: r.itemId,
      variant: r.variant,
      lot: r.lot,
      serial: r.serial,
      location: r.location,
      job_order: r.jobOrder,
      account: r.account,
      expiry: '',
      uom: c.items.get(r.itemId)!.uom,
      book_quantity: book.get(stockKeyString(r)) ?? 0n,
      counted_quantity: 0n,
      counted: 0,
      inserted_at: at,
      inserted_by: ctx.actor.username,
      updated_at: null,
      updated_by: null,
    }));
    for (let i = 0; i < lines.length; i += 1000) await trx.insertInto('inventory_lines').values(lines.slice(i, i + 1000)).execute();
    const keyViews: RecountKey[] = keys.map((r) => ({ item: c.items.get(r.itemId)!.code, variant: r.variant, lot: r.lot, serial: r.serial, location: r.location, jobOrder: r.jobOrder, account: r.account }));
    await audit(trx, ctx.actor, 'list', list.id, 'recount', null, { ...(await listViewOf(trx, list.id)), keys: keyViews });
    return { id: list.id, keys: keyViews };
  });
  return { ...(await listViewOf(ctx.store.db, result.id)), keys: result.keys };
}

/**
 * Inventory lists (SPEC §4): one part of the count (list type, employee,
 * warehouse, closing date), the services behind /api/inventories/{id}/lists
 * and /api/lists, and the CLI.
 */
import type { Ctx } from '../core/context.ts';
import { nowTimestamp } from '../core/dates.ts';
import { fail } from '../core/errors.ts';
import { parseDate, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { employeeIdOf, warehouseOf } from '../masterdata/lookup.ts';
import type { Db } from '../db/db.ts';
import { assertOpen, inTransaction, lockInventory, listFor, requireRead, seesAllLists, type ListRow } from './common.ts';

export interface ListInput {
  /** list type code */
  listType: string;
  /** employee code */
  employee: string;
  /** warehouse code */
  warehouse: string;
  closingDate?: string | null;
}

export interface ListView {
  id: number;
  inventoryId: number;
  inventory: string;
  inventoryDate: string;
  listType: string;
  maintainLocation: boolean;
  blindCount: boolean;
  employee: string;
  employeeName: string;
  warehouse: string;
  closingDate: string | null;
  currentLocation: string;
  lines: number;
  /** 0: a first count; n: the n-th recount round (SPEC §11) */
  recountRound: number;
  createdBy: string;
  createdAt: string;
}

export function listQuery(db: Db) {
  return db
    .selectFrom('inventory_lists as l')
    .innerJoin('inventories as i', 'i.id', 'l.inventory_id')
    .innerJoin('list_types as t', 't.id', 'l.list_type_id')
    .innerJoin('employees as e', 'e.id', 'l.employee_id')
    .innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
    .select([
      'l.id',
      'l.inventory_id',
      'i.year',
      'i.number',
      'i.date as inventory_date',
      't.code as list_type',
      't.maintain_location',
      't.blind_count',
      'e.code as employee',
      'e.name as employee_name',
      'w.code as warehouse',
      'l.closing_date',
      'l.current_location',
      'l.created_by',
      'l.created_at',
      'l.employee_id',
      'l.recount_round',
    ])
    .select((eb) => eb.selectFrom('inventory_lines as n').select(eb.fn.countAll<number>().as('c')).whereRef('n.list_id', '=', 'l.id').as('line_count'));
}

type ListQueryRow = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number];

export const listView = (r: ListQueryRow): ListView => ({
  id: r.id,
  inventoryId: r.inventory_id,
  inventory: `${r.year}/${r.number}`,
  inventoryDate: r.inventory_date,
  listType: r.list_type,
  maintainLocation: r.maintain_location === 1,
  blindCount: r.blind_count === 1,
  employee: r.employee,
  employeeName: r.employee_name,
  warehouse: r.warehouse,
  closingDate: r.closing_date,
  currentLocation: r.current_location,
  lines: Number(r.line_count ?? 0),
  recountRound: r.recount_round,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export async function listViewOf(db: Db, id: number): Promise<ListView> {
  const row = await listQuery(db).where('l.id', '=', id).executeTakeFirst();
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'list', key: id });
  return listView(row);
}

/** List type, employee and warehouse codes of a list input as ids (404 when unknown). */
export async function resolveList(trx: Db, input: Partial<ListInput>) {
  const out: Partial<Pick<ListRow, 'list_type_id' | 'employee_id' | 'warehouse_id' | 'closing_date'>> = {};
  if (input.listType !== undefined) {
    const t = await trx.selectFrom('list_types').select('id').where('code', '=', input.listType).executeTakeFirst();
    if (!t) fail('INV_ERR_NOT_FOUND', { entity: 'listType', key: input.listType });
    out.list_type_id = t.id;
  }
  if (input.employee !== undefined) out.employee_id = (await employeeIdOf(trx, input.employee))!;
  if (input.warehouse !== undefined) out.warehouse_id = (await warehouseOf(trx, input.warehouse)).id;
  if (input.closingDate !== undefined) out.closing_date = input.closingDate || null;
  return out;
}

function checkListInput(input: Partial<ListInput>, creating: boolean): void {
  const problems = new Problems();
  if (creating) {
    for (const f of ['listType', 'employee', 'warehouse'] as const) if (!input[f]) problems.add({ path: `/${f}`, code: 'INV_ERR_VALIDATION' });
  }
  parseDate(input.closingDate ?? undefined, '/closingDate', problems);
  problems.throwIfAny();
}

/** POST /api/inventories/{id}/lists */
export async function createList(ctx: Ctx, inventoryId: number, input: ListInput): Promise<ListView> {
  requirePermission(ctx.actor, 'inventory');
  checkListInput(input, true);
  const id = await inTransaction(ctx.store, async (trx) => {
    const inv = await lockInventory(trx, ctx.store, inventoryId, 'update');
    assertOpen(inv);
    const fields = await resolveList(trx, input);
    const at = nowTimestamp();
    const row = await trx
      .insertInto('inventory_lists')
      .values({
        inventory_id: inventoryId,
        list_type_id: fields.list_type_id!,
        employee_id: fields.employee_id!,
        warehouse_id: fields.warehouse_id!,
        closing_date: fields.closing_date ?? null,
        created_by: ctx.actor.username,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx.actor, 'list', row.id, 'create', null, await listViewOf(trx, row.id));
    return row.id;
  });
  return listViewOf(ctx.store.db, id);
}

/** PUT /api/lists/{id}: the warehouse may change only while the list has no lines. */
export async function updateList(ctx: Ctx, id: number, input: Partial<ListInput>): Promise<ListView> {
  requirePermission(ctx.actor, 'inventory');
  checkListInput(input, false);
  await inTransaction(ctx.store, async (trx) => {
    const list = await listFor(ctx, trx, id);
    const inv = await lockInventory(trx, ctx.store, list.inventory_id, 'update');
    assertOpen(inv);
    const before = await listViewOf(trx, id);
    const fields = await resolveList(trx, input);
    if (fields.warehouse_id !== undefined && fields.warehouse_id !== list.warehouse_id) {
      const line = await trx.selectFrom('inventory_lines').select('id').where('list_id', '=', id).limit(1).executeTakeFirst();
      if (line) fail('INV_ERR_LIST_HAS_LINES', { list: id });
      Object.assign(fields, { current_location: '' });
    }
    if (Object.keys(fields).length) await trx.updateTable('inventory_lists').set(fields).where('id', '=', id).execute();
    await audit(trx, ctx.actor, 'list', id, 'update', before, await listViewOf(trx, id));
  });
  return listViewOf(ctx.store.db, id);
}

export async function getList(ctx: Ctx, id: number): Promise<ListView> {
  requireRead(ctx.actor);
  await listFor(ctx, ctx.store.db, id);
  return listViewOf(ctx.store.db, id);
}

export interface ListFilter {
  /** only the lists of the actor's own employee */
  mine?: boolean;
  inventoryId?: number;
  /** only lists of open inventories without closing date */
  open?: boolean;
  limit?: number;
  offset?: number;
}

/** GET /api/lists: counters always get only their own lists. */
export async function listLists(ctx: Ctx, f: ListFilter = {}): Promise<{ items: ListView[]; total: number }> {
  requireRead(ctx.actor);
  let q = listQuery(ctx.store.db);
  if (f.mine || !seesAllLists(ctx.actor)) q = q.where('l.employee_id', '=', ctx.actor.employeeId ?? -1);
  if (f.inventoryId !== undefined) q = q.where('l.inventory_id', '=', f.inventoryId);
  if (f.open) q = q.where('i.closed', '=', 0).where('l.closing_date', 'is', null);
  const all = await q.orderBy('l.inventory_id', 'desc').orderBy('l.id').execute();
  const offset = f.offset ?? 0;
  return { items: all.slice(offset, offset + (f.limit ?? 100)).map(listView), total: all.length };
}

/**
 * Inventories (SPEC §4): the counting campaigns, the services behind
 * /api/inventories and the CLI; their lists in inventory-lists.ts.
 */
import { parseSort } from '../core/sort.ts';
import { sql } from 'kysely';
import type { Ctx } from '../core/context.ts';
import { nowTimestamp, yearOf } from '../core/dates.ts';
import { fail } from '../core/errors.ts';
import { parseDate, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { lockInventoryNumbers } from '../db/locks.ts';
import { employeeIdOf } from '../masterdata/lookup.ts';
import type { Db } from '../db/db.ts';
import {
  assertOpen,
  inTransaction,
  lockInventory,
  requireRead,
  seesAllLists,
  type InventoryRow,
} from './common.ts';
import { listQuery, listView, type ListView } from './inventory-lists.ts';

export interface InventoryInput {
  date: string;
  description?: string;
  notes?: string;
  /** employee code */
  operator: string;
  closed?: boolean;
  /** API extension (SPEC §11): freeze the counted warehouses while the count runs */
  freeze?: boolean;
}

export interface InventoryView {
  id: number;
  year: number;
  number: number;
  date: string;
  description: string;
  notes: string;
  operator: string;
  operatorName: string;
  closed: boolean;
  closedAt: string | null;
  closedBy: string | null;
  /** when the stock differences were posted */
  postedAt: string | null;
  freeze: boolean;
  /** when the posted differences were last reversed, and by whom */
  reversedAt: string | null;
  reversedBy: string | null;
  createdBy: string;
  createdAt: string;
  lists?: ListView[];
}

// ---------------------------------------------------------------- views

async function inventoryViews(db: Db, rows: InventoryRow[]): Promise<InventoryView[]> {
  if (rows.length === 0) return [];
  const employees = await db
    .selectFrom('employees')
    .select(['id', 'code', 'name'])
    .where('id', 'in', [...new Set(rows.map((r) => r.operator_id))])
    .execute();
  const byId = new Map(employees.map((e) => [e.id, e]));
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    number: r.number,
    date: r.date,
    description: r.description,
    notes: r.notes,
    operator: byId.get(r.operator_id)?.code ?? '',
    operatorName: byId.get(r.operator_id)?.name ?? '',
    closed: r.closed === 1,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    postedAt: r.posted_at,
    freeze: r.freeze === 1,
    reversedAt: r.reversed_at,
    reversedBy: r.reversed_by,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

async function inventoryViewOf(ctx: Ctx, db: Db, id: number): Promise<InventoryView> {
  const row = (await db.selectFrom('inventories').selectAll().where('id', '=', id).executeTakeFirst()) as InventoryRow | undefined;
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'inventory', key: id });
  const [view] = await inventoryViews(db, [row]);
  let lists = listQuery(db).where('l.inventory_id', '=', id).orderBy('l.id');
  if (!seesAllLists(ctx.actor)) lists = lists.where('l.employee_id', '=', ctx.actor.employeeId ?? -1);
  view.lists = (await lists.execute()).map(listView);
  if (!seesAllLists(ctx.actor) && view.lists.length === 0) fail('INV_ERR_FORBIDDEN');
  return view;
}

// ---------------------------------------------------------------- inventories

function checkInventoryInput(input: Partial<InventoryInput>, problems: Problems, creating: boolean): void {
  if (creating && !input.date) problems.add({ path: '/date', code: 'INV_ERR_VALIDATION' });
  parseDate(input.date, '/date', problems);
  if (creating && !input.operator) problems.add({ path: '/operator', code: 'INV_ERR_VALIDATION' });
}

/** Next number of the year: one statement, under a per-year advisory lock on PostgreSQL. */
async function insertNumbered(trx: Db, ctx: Ctx, values: Omit<InventoryRow, 'id' | 'year' | 'number'>): Promise<number> {
  const year = yearOf(values.date);
  await lockInventoryNumbers(ctx.store, trx, year);
  const row = await trx
    .insertInto('inventories')
    .values({
      ...values,
      year,
      number: trx
        .selectFrom('inventories')
        .select(sql<number>`coalesce(max(number), 0) + 1`.as('n'))
        .where('year', '=', year),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** POST /api/inventories: numbered per year. */
export async function createInventory(ctx: Ctx, input: InventoryInput): Promise<InventoryView> {
  requirePermission(ctx.actor, 'inventory');
  const problems = new Problems();
  checkInventoryInput(input, problems, true);
  problems.throwIfAny();
  const id = await inTransaction(ctx.store, async (trx) => {
    const operatorId = (await employeeIdOf(trx, input.operator))!;
    const at = nowTimestamp();
    const closed = input.closed === true;
    const id = await insertNumbered(trx, ctx, {
      date: input.date,
      description: input.description ?? '',
      notes: input.notes ?? '',
      operator_id: operatorId,
      closed: closed ? 1 : 0,
      closed_at: closed ? at : null,
      closed_by: closed ? ctx.actor.username : null,
      posted_at: null,
      created_by: ctx.actor.username,
      created_at: at,
      freeze: input.freeze === true ? 1 : 0,
      reversed_at: null,
      reversed_by: null,
    });
    const view = await inventoryViewOf(ctx, trx, id);
    await audit(trx, ctx.actor, 'inventory', id, 'create', null, view);
    return id;
  });
  return inventoryViewOf(ctx, ctx.store.db, id);
}

export async function getInventory(ctx: Ctx, id: number): Promise<InventoryView> {
  requireRead(ctx.actor);
  return inventoryViewOf(ctx, ctx.store.db, id);
}

export interface InventoryFilter {
  year?: number;
  closed?: boolean;
  /** the inventory date from / to (inclusive) */
  from?: string;
  to?: string;
  /** the operator's employee code */
  operator?: string;
  /** text in the description or notes (any case), or the number as `N` or `YEAR/N` */
  q?: string;
  limit?: number;
  offset?: number;
  /** `field` or `-field`, one of INVENTORY_SORTS; default `-number` (year, number) */
  sort?: string;
}

/** What GET /api/inventories sorts by; `number` is (year, number), every order ends with it. */
export const INVENTORY_SORTS = ['number', 'date', 'description', 'closed'] as const;

/** GET /api/inventories: newest first; a counter sees the inventories holding their lists. */
export async function listInventories(ctx: Ctx, f: InventoryFilter = {}): Promise<{ items: InventoryView[]; total: number }> {
  requireRead(ctx.actor);
  const db = ctx.store.db;
  let q = db.selectFrom('inventories');
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.closed !== undefined) q = q.where('closed', '=', f.closed ? 1 : 0);
  if (f.from) q = q.where('date', '>=', f.from);
  if (f.to) q = q.where('date', '<=', f.to);
  if (f.operator) q = q.where('operator_id', 'in', db.selectFrom('employees').select('id').where('code', '=', f.operator!));
  const text = f.q?.trim();
  if (text) {
    const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
    const numbered = /^(?:(\d{4})\/)?(\d{1,9})$/.exec(text);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(${sql.ref('description')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${sql.ref('notes')}) like ${pattern} escape '\\'`,
        ...(numbered ? [eb.and([eb('number', '=', Number(numbered[2])), ...(numbered[1] ? [eb('year', '=', Number(numbered[1]))] : [])])] : []),
      ]),
    );
  }
  if (!seesAllLists(ctx.actor)) {
    const employeeId = ctx.actor.employeeId ?? -1;
    q = q.where('id', 'in', db.selectFrom('inventory_lists').select('inventory_id').where('employee_id', '=', employeeId));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const order = parseSort<(typeof INVENTORY_SORTS)[number]>(f.sort, INVENTORY_SORTS, { field: 'number', direction: 'desc' });
  let sorted = q.selectAll();
  if (order.field !== 'number') sorted = sorted.orderBy(order.field, order.direction);
  const rows = (await sorted
    .orderBy('year', order.direction)
    .orderBy('number', order.direction)
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute()) as InventoryRow[];
  return { items: await inventoryViews(db, rows), total: Number(total.n) };
}

/**
 * PUT /api/inventories/{id}. A closed inventory is read-only (409); the one
 * change it takes is `closed: false` when it was closed by hand (a posted
 * inventory stays closed). A new date in another year renumbers it.
 */
export async function updateInventory(ctx: Ctx, id: number, input: Partial<InventoryInput>): Promise<InventoryView> {
  requirePermission(ctx.actor, 'inventory');
  const problems = new Problems();
  checkInventoryInput(input, problems, false);
  problems.throwIfAny();
  await inTransaction(ctx.store, async (trx) => {
    const inv = await lockInventory(trx, ctx.store, id, 'update');
    const before = await inventoryViewOf(ctx, trx, id);
    const reopening = inv.closed === 1 && input.closed === false;
    if (reopening) {
      if (inv.posted_at) assertOpen(inv);
    } else {
      assertOpen(inv);
    }
    const at = nowTimestamp();
    const set: Partial<Omit<InventoryRow, 'id'>> = {};
    if (input.description !== undefined) set.description = input.description;
    if (input.notes !== undefined) set.notes = input.notes;
    if (input.freeze !== undefined) set.freeze = input.freeze ? 1 : 0;
    if (input.operator !== undefined) set.operator_id = (await employeeIdOf(trx, input.operator))!;
    if (input.closed === true) Object.assign(set, { closed: 1, closed_at: at, closed_by: ctx.actor.username });
    if (reopening) Object.assign(set, { closed: 0, closed_at: null, closed_by: null });
    if (input.date !== undefined && input.date !== inv.date) {
      set.date = input.date;
      if (yearOf(input.date) !== inv.year) {
        await lockInventoryNumbers(ctx.store, trx, yearOf(input.date));
        const n = await trx
          .selectFrom('inventories')
          .select(sql<number>`coalesce(max(number), 0) + 1`.as('n'))
          .where('year', '=', yearOf(input.date))
          .executeTakeFirstOrThrow();
        set.year = yearOf(input.date);
        set.number = Number(n.n);
      }
    }
    if (Object.keys(set).length) await trx.updateTable('inventories').set(set).where('id', '=', id).execute();
    const after = await inventoryViewOf(ctx, trx, id);
    await audit(trx, ctx.actor, 'inventory', id, 'update', before, after);
  });
  return inventoryViewOf(ctx, ctx.store.db, id);
}

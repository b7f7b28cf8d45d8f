/**
 * The Romanian yearly inventory's people and statements (SPEC §12): the
 * commission of an inventory (decision, president, members, the storekeeper
 * of each counted warehouse) and the storekeeper's declaration per
 * warehouse. Each save is one transaction with one audit entry.
 */
import type { Ctx } from '../core/context.ts';
import { nowTimestamp } from '../core/dates.ts';
import { fail, type FieldProblem } from '../core/errors.ts';
import { parseDate, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { Db } from '../db/db.ts';
import { inTransaction, inventoryLabel, lockInventory, type InventoryRow } from './common.ts';

export interface CommissionInput {
  decisionNumber: string;
  decisionDate: string;
  president: string;
  members: string[];
  storekeepers: { warehouse: string; employee: string }[];
}

export interface CommissionView extends CommissionInput {
  inventoryId: number;
  /** false until a commission was saved (then the fields are empty) */
  defined: boolean;
  /** employee code → name, for everyone named above */
  names: Record<string, string>;
  updatedBy: string;
  updatedAt: string;
}

export interface DeclarationInput {
  lastReceipt: string;
  lastIssue: string;
  thirdPartyGoods: string;
  knownDifferences: string;
}

export interface DeclarationView extends DeclarationInput {
  inventoryId: number;
  warehouse: string;
  /** false until the declaration was saved */
  defined: boolean;
  updatedBy: string;
  updatedAt: string;
}

/** Codes read from the body, for the look-ups. */
async function employeesByCode(db: Db, codes: string[]): Promise<Map<string, { id: number; name: string }>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('employees').select(['id', 'code', 'name']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code, { id: r.id, name: r.name }]));
}

/** The warehouses an inventory counts (those of its lists), by code. */
export async function inventoryWarehouses(db: Db, inventoryId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('inventory_lists')
    .innerJoin('warehouses', 'warehouses.id', 'inventory_lists.warehouse_id')
    .select(['warehouses.id', 'warehouses.code'])
    .where('inventory_lists.inventory_id', '=', inventoryId)
    .distinct()
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]).sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)) as [string, number][]);
}

async function readCommission(db: Db, inventoryId: number): Promise<CommissionView> {
  const head = await db
    .selectFrom('inventory_commissions')
    .innerJoin('employees', 'employees.id', 'inventory_commissions.president_id')
    .select(['decision_number', 'decision_date', 'employees.code', 'employees.name', 'updated_by', 'updated_at'])
    .where('inventory_id', '=', inventoryId)
    .executeTakeFirst();
  const members = await db
    .selectFrom('inventory_commission_members')
    .innerJoin('employees', 'employees.id', 'inventory_commission_members.employee_id')
    .select(['employees.code', 'employees.name'])
    .where('inventory_id', '=', inventoryId)
    .orderBy('position')
    .execute();
  const keepers = await db
    .selectFrom('inventory_storekeepers')
    .innerJoin('employees', 'employees.id', 'inventory_storekeepers.employee_id')
    .innerJoin('warehouses', 'warehouses.id', 'inventory_storekeepers.warehouse_id')
    .select(['warehouses.code as warehouse', 'employees.code as employee', 'employees.name'])
    .where('inventory_id', '=', inventoryId)
    .orderBy('warehouses.code')
    .execute();
  const names: Record<string, string> = {};
  if (head) names[head.code] = head.name;
  for (const m of members) names[m.code] = m.name;
  for (const k of keepers) names[k.employee] = k.name;
  return {
    inventoryId,
    defined: !!head,
    decisionNumber: head?.decision_number ?? '',
    decisionDate: head?.decision_date ?? '',
    president: head?.code ?? '',
    members: members.map((m) => m.code),
    storekeepers: keepers.map((k) => ({ warehouse: k.warehouse, employee: k.employee })),
    names,
    updatedBy: head?.updated_by ?? '',
    updatedAt: head?.updated_at ?? '',
  };
}

/** GET /api/inventories/{id}/commission */
export async function getCommission(ctx: Ctx, inventoryId: number): Promise<CommissionView> {
  requireReader(ctx);
  await lockInventory(ctx.store.db, ctx.store, inventoryId, 'none');
  return readCommission(ctx.store.db, inventoryId);
}

/**
 * PUT /api/inventories/{id}/commission: replaces the commission. Known
 * employees and warehouses, warehouses the inventory counts, no one twice,
 * the president not also a member, and no storekeeper on the commission
 * (SPEC §12: the commission counts every warehouse of the inventory, so a
 * storekeeper of any of them may not sit on it).
 */
export async function putCommission(ctx: Ctx, inventoryId: number, input: CommissionInput): Promise<CommissionView> {
  requirePermission(ctx.actor, 'inventory');
  const problems = new Problems();
  parseDate(input.decisionDate, '/decisionDate', problems);
  problems.throwIfAny();
  return inTransaction(ctx.store, async (trx) => {
    const inv = await lockInventory(trx, ctx.store, inventoryId, 'update');
    assertNotPosted(inv);
    const before = await readCommission(trx, inventoryId);
    const members = input.members ?? [];
    const keepers = input.storekeepers ?? [];
    const employees = await employeesByCode(trx, [input.president, ...members, ...keepers.map((k) => k.employee)]);
    const counted = await inventoryWarehouses(trx, inventoryId);
    const known = new Set(
      (await trx.selectFrom('warehouses').select('code').where('code', 'in', keepers.length ? keepers.map((k) => k.warehouse) : ['']).execute()).map((w) => w.code),
    );
    const list: FieldProblem[] = [];
    const employee = (code: string, path: string) => {
      if (!employees.has(code)) list.push({ path, code: 'INV_ERR_UNKNOWN_EMPLOYEE', params: { employee: code } });
    };
    employee(input.president, '/president');
    const seen = new Set<string>();
    members.forEach((m, i) => {
      employee(m, `/members/${i}`);
      if (seen.has(m)) list.push({ path: `/members/${i}`, code: 'INV_ERR_REPEATED_VALUE', params: { value: m } });
      seen.add(m);
      if (m === input.president) list.push({ path: `/members/${i}`, code: 'INV_ERR_PRESIDENT_ALSO_MEMBER', params: { employee: m } });
    });
    const onCommission = new Set([input.president, ...members]);
    const warehouses = new Set<string>();
    keepers.forEach((k, i) => {
      const path = `/storekeepers/${i}`;
      if (warehouses.has(k.warehouse)) list.push({ path: `${path}/warehouse`, code: 'INV_ERR_REPEATED_VALUE', params: { value: k.warehouse } });
      warehouses.add(k.warehouse);
      if (!known.has(k.warehouse)) list.push({ path: `${path}/warehouse`, code: 'INV_ERR_UNKNOWN_WAREHOUSE', params: { warehouse: k.warehouse } });
      else if (!counted.has(k.warehouse)) {
        list.push({ path: `${path}/warehouse`, code: 'INV_ERR_WAREHOUSE_NOT_IN_INVENTORY', params: { warehouse: k.warehouse, inventory: inventoryLabel(inv) } });
      }
      employee(k.employee, `${path}/employee`);
      if (onCommission.has(k.employee)) {
        list.push({ path: `${path}/employee`, code: 'INV_ERR_STOREKEEPER_ON_OWN_COMMISSION', params: { employee: k.employee, warehouse: k.warehouse } });
      }
    });
    // the storekeeper rule first: it is the one a person must act on
    list.sort((a, b) => Number(b.code === 'INV_ERR_STOREKEEPER_ON_OWN_COMMISSION') - Number(a.code === 'INV_ERR_STOREKEEPER_ON_OWN_COMMISSION'));
    for (const p of list) problems.add(p);
    problems.throwIfAny();

    const at = nowTimestamp();
    const head = { decision_number: input.decisionNumber, decision_date: input.decisionDate, president_id: employees.get(input.president)!.id, updated_by: ctx.actor.username, updated_at: at };
    if (before.defined) await trx.updateTable('inventory_commissions').set(head).where('inventory_id', '=', inventoryId).execute();
    else await trx.insertInto('inventory_commissions').values({ inventory_id: inventoryId, ...head }).execute();
    await trx.deleteFrom('inventory_commission_members').where('inventory_id', '=', inventoryId).execute();
    if (members.length) {
      await trx
        .insertInto('inventory_commission_members')
        .values(members.map((m, i) => ({ inventory_id: inventoryId, position: i, employee_id: employees.get(m)!.id })))
        .execute();
    }
    await trx.deleteFrom('inventory_storekeepers').where('inventory_id', '=', inventoryId).execute();
    if (keepers.length) {
      await trx
        .insertInto('inventory_storekeepers')
        .values(keepers.map((k) => ({ inventory_id: inventoryId, warehouse_id: counted.get(k.warehouse)!, employee_id: employees.get(k.employee)!.id })))
        .execute();
    }
    const after = await readCommission(trx, inventoryId);
    const { names: _b, updatedAt: _ba, updatedBy: _bb, ...auditBefore } = before;
    const { names: _a, updatedAt: _aa, updatedBy: _ab, ...auditAfter } = after;
    await audit(trx, ctx.actor, 'inventoryCommission', inventoryId, before.defined ? 'update' : 'create', before.defined ? auditBefore : null, auditAfter);
    return after;
  });
}

function assertNotPosted(inv: InventoryRow): void {
  if (inv.posted_at) fail('INV_ERR_INVENTORY_POSTED', { inventory: inventoryLabel(inv) });
}

async function warehouseOfInventory(db: Db, inv: InventoryRow, code: string): Promise<number> {
  const wh = await db.selectFrom('warehouses').select('id').where('code', '=', code).executeTakeFirst();
  if (!wh) fail('INV_ERR_NOT_FOUND', { entity: 'warehouse', key: code });
  const counted = await inventoryWarehouses(db, inv.id);
  if (!counted.has(code)) fail('INV_ERR_WAREHOUSE_NOT_IN_INVENTORY', { warehouse: code, inventory: inventoryLabel(inv) });
  return wh.id;
}

async function readDeclaration(db: Db, inventoryId: number, warehouseId: number, warehouse: string): Promise<DeclarationView> {
  const row = await db.selectFrom('inventory_declarations').selectAll().where('inventory_id', '=', inventoryId).where('warehouse_id', '=', warehouseId).executeTakeFirst();
  return {
    inventoryId,
    warehouse,
    defined: !!row,
    lastReceipt: row?.last_receipt ?? '',
    lastIssue: row?.last_issue ?? '',
    thirdPartyGoods: row?.third_party_goods ?? '',
    knownDifferences: row?.known_differences ?? '',
    updatedBy: row?.updated_by ?? '',
    updatedAt: row?.updated_at ?? '',
  };
}

/** The declarations of every warehouse of an inventory, by warehouse code (absent: none saved). */
export async function declarationsOf(db: Db, inventoryId: number): Promise<Map<string, DeclarationView>> {
  const rows = await db
    .selectFrom('inventory_declarations')
    .innerJoin('warehouses', 'warehouses.id', 'inventory_declarations.warehouse_id')
    .select(['warehouses.id', 'warehouses.code'])
    .where('inventory_id', '=', inventoryId)
    .execute();
  const out = new Map<string, DeclarationView>();
  for (const r of rows) out.set(r.code, await readDeclaration(db, inventoryId, r.id, r.code));
  return out;
}

/** The commission as the documents print it (SPEC §12). */
export async function commissionOf(db: Db, inventoryId: number): Promise<CommissionView> {
  return readCommission(db, inventoryId);
}

/** GET /api/inventories/{id}/declarations/{warehouse} */
export async function getDeclaration(ctx: Ctx, inventoryId: number, warehouse: string): Promise<DeclarationView> {
  requireReader(ctx);
  const inv = await lockInventory(ctx.store.db, ctx.store, inventoryId, 'none');
  const wh = await warehouseOfInventory(ctx.store.db, inv, warehouse);
  return readDeclaration(ctx.store.db, inventoryId, wh, warehouse);
}

/** PUT /api/inventories/{id}/declarations/{warehouse}: replaces the declaration. */
export async function putDeclaration(ctx: Ctx, inventoryId: number, warehouse: string, input: DeclarationInput): Promise<DeclarationView> {
  requirePermission(ctx.actor, 'inventory');
  return inTransaction(ctx.store, async (trx) => {
    const inv = await lockInventory(trx, ctx.store, inventoryId, 'update');
    assertNotPosted(inv);
    const wh = await warehouseOfInventory(trx, inv, warehouse);
    const before = await readDeclaration(trx, inventoryId, wh, warehouse);
    const values = {
      last_receipt: input.lastReceipt ?? '',
      last_issue: input.lastIssue ?? '',
      third_party_goods: input.thirdPartyGoods ?? '',
      known_differences: input.knownDifferences ?? '',
      updated_by: ctx.actor.username,
      updated_at: nowTimestamp(),
    };
    if (before.defined) await trx.updateTable('inventory_declarations').set(values).where('inventory_id', '=', inventoryId).where('warehouse_id', '=', wh).execute();
    else await trx.insertInto('inventory_declarations').values({ inventory_id: inventoryId, warehouse_id: wh, ...values }).execute();
    const after = await readDeclaration(trx, inventoryId, wh, warehouse);
    const strip = (d: DeclarationView) => ({ warehouse: d.warehouse, lastReceipt: d.lastReceipt, lastIssue: d.lastIssue, thirdPartyGoods: d.thirdPartyGoods, knownDifferences: d.knownDifferences });
    await audit(trx, ctx.actor, 'inventoryDeclaration', `${inventoryId}/${warehouse}`, before.defined ? 'update' : 'create', before.defined ? strip(before) : null, strip(after));
    return after;
  });
}

/** Who reads the commission and the declarations: readers of reports, not counters (SPEC §10). */
function requireReader(ctx: Ctx): void {
  requirePermission(ctx.actor, 'read');
  if (ctx.actor.role === 'counter') fail('INV_ERR_FORBIDDEN');
}

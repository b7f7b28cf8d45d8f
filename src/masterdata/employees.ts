/** Employees: the people who count and operate. */
import type { Ctx } from '../core/context.ts';
import { inTransaction } from '../db/transaction.ts';
import { fail } from '../core/errors.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { adminWrite } from './crud.ts';

export interface EmployeeInput {
  code: string;
  name: string;
  active?: boolean;
}

export interface EmployeeView {
  code: string;
  name: string;
  active: boolean;
}

const view = (r: { code: string; name: string; active: number }): EmployeeView => ({ code: r.code, name: r.name, active: r.active === 1 });

export async function listEmployees(ctx: Ctx): Promise<EmployeeView[]> {
  requirePermission(ctx.actor, 'read');
  const rows = await ctx.store.db.selectFrom('employees').select(['code', 'name', 'active']).orderBy('code').execute();
  return rows.map(view);
}

export async function getEmployee(ctx: Ctx, code: string): Promise<EmployeeView> {
  requirePermission(ctx.actor, 'read');
  const row = await ctx.store.db.selectFrom('employees').select(['code', 'name', 'active']).where('code', '=', code).executeTakeFirst();
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'employee', key: code });
  return view(row);
}

export async function createEmployee(ctx: Ctx, input: EmployeeInput): Promise<EmployeeView> {
  requirePermission(ctx.actor, 'masterData');
  return inTransaction(ctx.store, async (trx) => {
    const exists = await trx.selectFrom('employees').select('id').where('code', '=', input.code).executeTakeFirst();
    if (exists) fail('INV_ERR_DUPLICATE', { entity: 'employee', key: input.code });
    const row = await trx
      .insertInto('employees')
      .values({ code: input.code, name: input.name, active: input.active === false ? 0 : 1 })
      .returning(['code', 'name', 'active'])
      .executeTakeFirstOrThrow();
    await audit(trx, ctx.actor, 'employee', input.code, 'create', null, view(row));
    return view(row);
  });
}

export async function updateEmployee(ctx: Ctx, code: string, input: Omit<EmployeeInput, 'code'>): Promise<EmployeeView> {
  requirePermission(ctx.actor, 'masterData');
  return inTransaction(ctx.store, async (trx) => {
    const before = await trx.selectFrom('employees').select(['code', 'name', 'active']).where('code', '=', code).executeTakeFirst();
    if (!before) fail('INV_ERR_NOT_FOUND', { entity: 'employee', key: code });
    const row = await trx
      .updateTable('employees')
      .set({ name: input.name, active: input.active === false ? 0 : 1 })
      .where('code', '=', code)
      .returning(['code', 'name', 'active'])
      .executeTakeFirstOrThrow();
    await audit(trx, ctx.actor, 'employee', code, 'update', view(before), view(row));
    return view(row);
  });
}

export async function deleteEmployee(ctx: Ctx, code: string): Promise<void> {
  // adminWrite: an employee an inventory or a list still names is a 409, not a foreign-key 500
  await adminWrite(ctx, { entity: 'employee', key: code }, async (trx) => {
    const before = await trx.selectFrom('employees').select(['id', 'code', 'name', 'active']).where('code', '=', code).executeTakeFirst();
    if (!before) fail('INV_ERR_NOT_FOUND', { entity: 'employee', key: code });
    const user = await trx.selectFrom('users').select('id').where('employee_id', '=', before.id).executeTakeFirst();
    if (user) fail('INV_ERR_IN_USE', { entity: 'employee', key: code });
    await trx.deleteFrom('employees').where('id', '=', before.id).execute();
    await audit(trx, ctx.actor, 'employee', code, 'delete', view(before), null);
  });
}

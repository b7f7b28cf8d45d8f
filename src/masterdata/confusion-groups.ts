/**
 * Confusion groups (SPEC §12, "risc de confuzie"): yearly-approved groups of
 * items that can be confused; an item is in at most one group per year.
 * Admin writes, audited; read by the stock differences (compensation).
 */
import type { Ctx } from '../core/context.ts';
import { fail } from '../core/errors.ts';
import { checkText, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { adminWrite, checkDistinct, found } from './crud.ts';
import type { Db } from '../db/db.ts';

export interface ConfusionGroupInput {
  year: number;
  code: string;
  description?: string;
  items: string[];
}

export interface ConfusionGroupView {
  id: number;
  year: number;
  code: string;
  description: string;
  items: string[];
}

async function viewsOf(db: Db, where: { id?: number; year?: number }): Promise<ConfusionGroupView[]> {
  let q = db.selectFrom('confusion_groups').selectAll();
  if (where.id !== undefined) q = q.where('id', '=', where.id);
  if (where.year !== undefined) q = q.where('year', '=', where.year);
  const groups = await q.orderBy('year').orderBy('code').execute();
  if (groups.length === 0) return [];
  const items = await db
    .selectFrom('confusion_group_items as g')
    .innerJoin('items as i', 'i.id', 'g.item_id')
    .select(['g.group_id', 'i.code'])
    .where('g.group_id', 'in', groups.map((g) => g.id))
    .orderBy('i.code')
    .execute();
  return groups.map((g) => ({ id: g.id, year: g.year, code: g.code, description: g.description, items: items.filter((i) => i.group_id === g.id).map((i) => i.code) }));
}

export async function listConfusionGroups(ctx: Ctx, year?: number): Promise<ConfusionGroupView[]> {
  requirePermission(ctx.actor, 'read');
  return viewsOf(ctx.store.db, { year });
}

export async function getConfusionGroup(ctx: Ctx, id: number): Promise<ConfusionGroupView> {
  requirePermission(ctx.actor, 'read');
  return found((await viewsOf(ctx.store.db, { id }))[0], 'confusionGroup', id);
}

function check(input: ConfusionGroupInput): void {
  const problems = new Problems();
  if (!Number.isInteger(input.year) || input.year < 1900 || input.year > 2999)
    problems.add({ path: '/year', code: 'INV_ERR_BAD_VALUE', params: { value: input.year, allowed: '1900–2999' } });
  checkText(input.code, '/code', problems, { max: 20, required: true });
  checkText(input.description, '/description', problems, { max: 200 });
  if (!Array.isArray(input.items)) problems.add({ path: '/items', code: 'INV_ERR_VALIDATION' });
  else checkDistinct(input.items.map((value, i) => ({ value, path: `/items/${i}` })), problems);
  problems.throwIfAny();
}

/** Writes the group's items: each must exist and be in no other group of the year (409). */
async function writeItems(trx: Db, groupId: number, input: ConfusionGroupInput): Promise<void> {
  await trx.deleteFrom('confusion_group_items').where('group_id', '=', groupId).execute();
  for (const code of input.items) {
    const item = await trx.selectFrom('items').select('id').where('code', '=', code).executeTakeFirst();
    if (!item) fail('INV_ERR_NOT_FOUND', { entity: 'item', key: code });
    const other = await trx
      .selectFrom('confusion_group_items as gi')
      .innerJoin('confusion_groups as g', 'g.id', 'gi.group_id')
      .select('g.code')
      .where('gi.year', '=', input.year)
      .where('gi.item_id', '=', item.id)
      .executeTakeFirst();
    if (other) fail('INV_ERR_CONFUSION_GROUP_ITEM', { item: code, group: other.code, year: input.year });
    await trx.insertInto('confusion_group_items').values({ group_id: groupId, year: input.year, item_id: item.id }).execute();
  }
}

export async function createConfusionGroup(ctx: Ctx, input: ConfusionGroupInput): Promise<ConfusionGroupView> {
  requirePermission(ctx.actor, 'masterData');
  check(input);
  const key = `${input.year}/${input.code}`;
  return adminWrite(ctx, { entity: 'confusionGroup', key }, async (trx) => {
    const exists = await trx.selectFrom('confusion_groups').select('id').where('year', '=', input.year).where('code', '=', input.code).executeTakeFirst();
    if (exists) fail('INV_ERR_DUPLICATE', { entity: 'confusionGroup', key });
    const { id } = await trx
      .insertInto('confusion_groups')
      .values({ year: input.year, code: input.code, description: input.description ?? '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeItems(trx, id, input);
    const after = (await viewsOf(trx, { id }))[0];
    await audit(trx, ctx.actor, 'confusionGroup', key, 'create', null, after);
    return after;
  });
}

export async function updateConfusionGroup(ctx: Ctx, id: number, input: ConfusionGroupInput): Promise<ConfusionGroupView> {
  requirePermission(ctx.actor, 'masterData');
  check(input);
  const key = `${input.year}/${input.code}`;
  return adminWrite(ctx, { entity: 'confusionGroup', key }, async (trx) => {
    const before = found((await viewsOf(trx, { id }))[0], 'confusionGroup', id);
    const clash = await trx.selectFrom('confusion_groups').select('id').where('year', '=', input.year).where('code', '=', input.code).where('id', '<>', id).executeTakeFirst();
    if (clash) fail('INV_ERR_DUPLICATE', { entity: 'confusionGroup', key });
    await trx.updateTable('confusion_groups').set({ year: input.year, code: input.code, description: input.description ?? '' }).where('id', '=', id).execute();
    await writeItems(trx, id, input);
    const after = (await viewsOf(trx, { id }))[0];
    await audit(trx, ctx.actor, 'confusionGroup', key, 'update', before, after);
    return after;
  });
}

export async function deleteConfusionGroup(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'masterData');
  await adminWrite(ctx, { entity: 'confusionGroup', key: String(id) }, async (trx) => {
    const before = found((await viewsOf(trx, { id }))[0], 'confusionGroup', id);
    await trx.deleteFrom('confusion_group_items').where('group_id', '=', id).execute();
    await trx.deleteFrom('confusion_groups').where('id', '=', id).execute();
    await audit(trx, ctx.actor, 'confusionGroup', `${before.year}/${before.code}`, 'delete', before, null);
  });
}

/** The confusion group code of each item of the year (only the items asked for). */
export async function confusionGroupsOf(db: Db, year: number, itemIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const unique = [...new Set(itemIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('confusion_group_items as gi')
      .innerJoin('confusion_groups as g', 'g.id', 'gi.group_id')
      .select(['gi.item_id', 'g.code'])
      .where('gi.year', '=', year)
      .where('gi.item_id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.item_id, r.code);
  }
  return out;
}

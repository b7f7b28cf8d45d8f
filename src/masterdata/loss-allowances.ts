/**
 * Natural-loss allowances (SPEC §12, "perisabilități"): a percentage per
 * item or per item group. The item group is the item's merchandise category
 * (items.merchandise_category, the grouping of the valued inventory, SPEC
 * §8). An item's own percentage wins over its group's. Percentages are exact
 * decimals with up to 4 decimals, 0 ≤ pct ≤ 100. The list is replaced as a
 * whole by PUT (admin, audited).
 */
import type { Ctx } from '../core/context.ts';
import { formatScaled, parseScaled } from '../core/decimal.ts';
import { fail } from '../core/errors.ts';
import { checkText, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { adminWrite } from './crud.ts';
import type { Db } from '../db/db.ts';

export const PCT_SCALE = 4;
const HUNDRED = 100n * 10n ** BigInt(PCT_SCALE);

export interface LossAllowanceEntry {
  item?: string | null;
  itemGroup?: string | null;
  pct: string;
}

export interface LossAllowancesView {
  items: { item: string | null; itemGroup: string | null; pct: string }[];
}

async function viewOf(db: Db): Promise<LossAllowancesView> {
  const rows = await db
    .selectFrom('loss_allowances as a')
    .leftJoin('items as i', 'i.id', 'a.item_id')
    .select(['i.code', 'a.item_group', 'a.pct'])
    .orderBy('a.id')
    .execute();
  return { items: rows.map((r) => ({ item: r.code ?? null, itemGroup: r.code ? null : r.item_group, pct: formatScaled(BigInt(r.pct), PCT_SCALE) })) };
}

export async function getLossAllowances(ctx: Ctx): Promise<LossAllowancesView> {
  requirePermission(ctx.actor, 'read');
  return viewOf(ctx.store.db);
}

/** The percentage text (scale 4, 0–100), or undefined with a problem added. */
export function parsePct(text: string, path: string, problems: Problems): bigint | undefined {
  const v = typeof text === 'string' ? parseScaled(text, PCT_SCALE) : undefined;
  if (v === undefined || v < 0n || v > HUNDRED) {
    problems.add({ path, code: 'INV_ERR_BAD_PERCENT', params: { value: String(text) } });
    return undefined;
  }
  return v;
}

export async function putLossAllowances(ctx: Ctx, input: { items: LossAllowanceEntry[] }): Promise<LossAllowancesView> {
  requirePermission(ctx.actor, 'masterData');
  const problems = new Problems();
  const parsed: { item: string | null; group: string; pct: bigint }[] = [];
  const seen = new Set<string>();
  for (const [i, e] of (input.items ?? []).entries()) {
    const path = `/items/${i}`;
    const item = e.item ? e.item : null;
    const group = e.itemGroup ? e.itemGroup : '';
    if ((item === null) === (group === '')) problems.add({ path, code: 'INV_ERR_LOSS_ALLOWANCE_TARGET' });
    checkText(item, `${path}/item`, problems, { max: 40 });
    checkText(group, `${path}/itemGroup`, problems, { max: 40 });
    const pct = parsePct(e.pct, `${path}/pct`, problems);
    const k = item !== null ? `i:${item}` : `g:${group}`;
    if (seen.has(k)) problems.add({ path, code: 'INV_ERR_REPEATED_VALUE', params: { value: item ?? group } });
    seen.add(k);
    if (pct !== undefined) parsed.push({ item, group, pct });
  }
  problems.throwIfAny();
  return adminWrite(ctx, { entity: 'lossAllowance', key: '' }, async (trx) => {
    const before = await viewOf(trx);
    await trx.deleteFrom('loss_allowances').execute();
    for (const e of parsed) {
      let itemId: number | null = null;
      if (e.item !== null) {
        const row = await trx.selectFrom('items').select('id').where('code', '=', e.item).executeTakeFirst();
        if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'item', key: e.item });
        itemId = row.id;
      }
      await trx.insertInto('loss_allowances').values({ item_id: itemId, item_group: e.item === null ? e.group : '', pct: e.pct }).execute();
    }
    const after = await viewOf(trx);
    await audit(trx, ctx.actor, 'lossAllowance', '', 'update', before, after);
    return after;
  });
}

/**
 * The allowance percentage (scale 4) of each item asked for: its own, else
 * its merchandise category's; items without either are left out.
 */
export async function allowancePctOf(db: Db, itemIds: number[]): Promise<Map<number, bigint>> {
  const out = new Map<number, bigint>();
  const rows = await db.selectFrom('loss_allowances').select(['item_id', 'item_group', 'pct']).execute();
  if (rows.length === 0 || itemIds.length === 0) return out;
  const byItem = new Map<number, bigint>();
  const byGroup = new Map<string, bigint>();
  for (const r of rows) {
    if (r.item_id !== null) byItem.set(r.item_id, BigInt(r.pct));
    else byGroup.set(r.item_group, BigInt(r.pct));
  }
  const unique = [...new Set(itemIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const items = await db.selectFrom('items').select(['id', 'merchandise_category']).where('id', 'in', unique.slice(i, i + 500)).execute();
    for (const it of items) {
      const pct = byItem.get(it.id) ?? (it.merchandise_category ? byGroup.get(it.merchandise_category) : undefined);
      if (pct !== undefined) out.set(it.id, pct);
    }
  }
  return out;
}

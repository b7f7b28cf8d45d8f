/**
 * PUT /api/inventories/{id}/decisions (SPEC §11): an approver's decisions on
 * the difference lines over tolerance — approve, or send to recount — each
 * with a reason code of the line's warehouse. One transaction; decisions are
 * upserted per stock key and audited. The rows are those of the preview at
 * the inventory date (or the processing/stock date given), the figures a
 * decision is made on.
 */
import type { Ctx } from '../core/context.ts';
import { nowTimestamp } from '../core/dates.ts';
import type { FieldProblem } from '../core/errors.ts';
import { checkText, parseDate, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { stockKeyString, type StockKey } from '../ledger/keys.ts';
import { assertOpen, inTransaction, inventoryLabel, lockInventory } from './common.ts';
import type { Decision } from './difference-control.ts';
import { compute, type DifferenceQuery } from './stock-differences.ts';
import type { KeyDimensions } from '../ledger/stock-key-view.ts';

export interface DecisionLineInput extends Partial<KeyDimensions> {
  warehouse: string;
  item: string;
  reason: string;
  decision: Decision;
}

export interface DecisionsInput extends Pick<DifferenceQuery, 'processingDate' | 'stockDate'> {
  lines: DecisionLineInput[];
}

export interface DecisionView extends KeyDimensions {
  warehouse: string;
  item: string;
  reason: string;
  decision: Decision;
  countRound: number;
  decidedBy: string;
  decidedAt: string;
}

const DECISIONS: readonly string[] = ['approve', 'recount'];
const t = (s: string | undefined) => (s ?? '').trim();

export async function putDecisions(ctx: Ctx, inventoryId: number, input: DecisionsInput): Promise<{ inventoryId: number; inventory: string; lines: DecisionView[] }> {
  requirePermission(ctx.actor, 'approve');
  const problems = new Problems();
  parseDate(input.processingDate, '/processingDate', problems);
  parseDate(input.stockDate, '/stockDate', problems);
  if (!Array.isArray(input.lines) || input.lines.length === 0) problems.add({ path: '/lines', code: 'INV_ERR_VALIDATION' });
  for (const [i, l] of (input.lines ?? []).entries()) {
    if (!DECISIONS.includes(l.decision)) problems.add({ path: `/lines/${i}/decision`, code: 'INV_ERR_BAD_VALUE', params: { value: l.decision, allowed: DECISIONS.join(', ') } });
    for (const f of ['warehouse', 'item', 'reason'] as const) checkText(l[f], `/lines/${i}/${f}`, problems, { required: true });
  }
  problems.throwIfAny();
  return inTransaction(ctx.store, async (trx) => {
    const inv = await lockInventory(trx, ctx.store, inventoryId, 'update');
    assertOpen(inv);
    const c = await compute(trx, ctx.store, inv, { processingDate: input.processingDate, stockDate: input.stockDate });
    const rows = new Map(c.rows.map((r) => [stockKeyString(r), r]));
    const warehouseIds = new Map([...c.warehouses].map(([id, code]) => [code, id]));
    const at = nowTimestamp();
    const out: DecisionView[] = [];
    const failures: FieldProblem[] = [];
    for (const [i, l] of input.lines.entries()) {
      const path = `/lines/${i}`;
      const label = [l.warehouse, l.item, l.variant, l.lot, l.serial, l.location].map(t).filter(Boolean).join('/');
      const warehouseId = warehouseIds.get(t(l.warehouse)) ?? (await trx.selectFrom('warehouses').select('id').where('code', '=', t(l.warehouse)).executeTakeFirst())?.id;
      const item = await trx.selectFrom('items').select('id').where('code', '=', t(l.item)).executeTakeFirst();
      if (warehouseId === undefined) failures.push({ path: `${path}/warehouse`, code: 'INV_ERR_NOT_FOUND', params: { entity: 'warehouse', key: l.warehouse } });
      if (!item) failures.push({ path: `${path}/item`, code: 'INV_ERR_NOT_FOUND', params: { entity: 'item', key: l.item } });
      if (warehouseId === undefined || !item) continue;
      const key: StockKey = {
        warehouseId,
        itemId: item.id,
        variant: t(l.variant),
        lot: t(l.lot),
        serial: t(l.serial),
        location: t(l.location),
        jobOrder: t(l.jobOrder),
        account: t(l.account),
      };
      const reason = await trx.selectFrom('reason_codes').select(['id', 'code']).where('warehouse_id', '=', warehouseId).where('code', '=', t(l.reason)).executeTakeFirst();
      if (!reason) failures.push({ path: `${path}/reason`, code: 'INV_ERR_UNKNOWN_REASON_CODE', params: { reason: l.reason, warehouse: l.warehouse } });
      const row = rows.get(stockKeyString(key));
      if (!row?.overTolerance) failures.push({ path, code: 'INV_ERR_NOT_OVER_TOLERANCE', params: { key: label, inventory: inventoryLabel(inv) } });
      if (!reason || !row?.overTolerance) continue;
      const where = trx
        .selectFrom('inventory_decisions')
        .selectAll()
        .where('inventory_id', '=', inv.id)
        .where('warehouse_id', '=', key.warehouseId)
        .where('item_id', '=', key.itemId)
        .where('variant', '=', key.variant)
        .where('lot', '=', key.lot)
        .where('serial', '=', key.serial)
        .where('location', '=', key.location)
        .where('job_order', '=', key.jobOrder)
        .where('account', '=', key.account);
      const before = await where.executeTakeFirst();
      const view: DecisionView = {
        warehouse: t(l.warehouse),
        item: t(l.item),
        variant: key.variant,
        lot: key.lot,
        serial: key.serial,
        location: key.location,
        jobOrder: key.jobOrder,
        account: key.account,
        reason: reason.code,
        decision: l.decision,
        countRound: row.round,
        decidedBy: ctx.actor.username,
        decidedAt: at,
      };
      const values = { reason_code_id: reason.id, decision: l.decision, decided_by: ctx.actor.username, decided_at: at, count_round: row.round };
      if (before) await trx.updateTable('inventory_decisions').set(values).where('id', '=', before.id).execute();
      else {
        await trx
          .insertInto('inventory_decisions')
          .values({ inventory_id: inv.id, warehouse_id: key.warehouseId, item_id: key.itemId, variant: key.variant, lot: key.lot, serial: key.serial, location: key.location, job_order: key.jobOrder, account: key.account, ...values })
          .execute();
      }
      await audit(trx, ctx.actor, 'inventoryDecision', `${inv.id}/${label}`, before ? 'update' : 'create', before ? { decision: before.decision, reasonCodeId: before.reason_code_id, countRound: before.count_round } : null, view);
      out.push(view);
    }
    if (failures.length) {
      const p = new Problems();
      for (const f of failures) p.add(f);
      p.throwIfAny();
    }
    return { inventoryId: inv.id, inventory: inventoryLabel(inv), lines: out };
  });
}

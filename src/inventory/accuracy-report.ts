/**
 * GET /api/reports/count-accuracy (SPEC §11): the accuracy of one inventory
 * (`inventory`) or of the posted inventories dated in a period (`from`,
 * `to`, optionally one `warehouse`).
 *
 * A posted inventory is measured by the figures stored when it was posted
 * (accuracy-figures.ts), never against today's ledger; an open one by its
 * current preview (inventory date, no zeroing of uncounted keys). An
 * inventory reversed and not posted again is not counted by a period.
 */
import type { Ctx } from '../core/context.ts';
import { fail } from '../core/errors.ts';
import { parseDate, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { warehouseOf } from '../masterdata/lookup.ts';
import { addFigures, accuracyView, NO_FIGURES, type AccuracyFigures, type AccuracyView } from './accuracy.ts';
import { figuresOf } from './accuracy-figures.ts';
import { inTransaction, lockInventory } from './common.ts';
import { compute } from './stock-differences.ts';

export interface AccuracyQuery {
  inventory?: number;
  from?: string;
  to?: string;
  warehouse?: string;
}

export interface AccuracyReport extends AccuracyView {
  /** the inventories measured */
  inventories: number[];
  warehouse: string | null;
  from: string | null;
  to: string | null;
}

const figure = (r: { keys: number; keys_without_difference: number; book_value: bigint; difference_value: bigint }): AccuracyFigures => ({
  keys: r.keys,
  keysWithoutDifference: r.keys_without_difference,
  bookValue: BigInt(r.book_value),
  differenceValue: BigInt(r.difference_value),
});

export async function countAccuracy(ctx: Ctx, q: AccuracyQuery): Promise<AccuracyReport> {
  requirePermission(ctx.actor, 'read');
  const problems = new Problems();
  parseDate(q.from, '/from', problems);
  parseDate(q.to, '/to', problems);
  const period = q.from !== undefined || q.to !== undefined;
  if (q.inventory === undefined && !period) problems.add({ path: '/inventory', code: 'INV_ERR_VALIDATION' });
  if (q.inventory !== undefined && period) problems.add({ path: '/from', code: 'INV_ERR_BAD_VALUE', params: { value: q.from ?? q.to, allowed: 'inventory or from/to' } });
  if (q.from && q.to && q.from > q.to) problems.add({ path: '/to', code: 'INV_ERR_BAD_VALUE', params: { value: q.to, allowed: `≥ ${q.from}` } });
  problems.throwIfAny();
  return inTransaction(
    ctx.store,
    async (trx) => {
      const wh = q.warehouse === undefined ? undefined : await warehouseOf(trx, q.warehouse);
      let total = NO_FIGURES;
      let inventories: number[];
      if (q.inventory !== undefined) {
        const inv = await lockInventory(trx, ctx.store, q.inventory, 'none');
        inventories = [inv.id];
        if (inv.posted_at) {
          let stored = trx.selectFrom('inventory_accuracy').selectAll().where('inventory_id', '=', inv.id);
          if (wh) stored = stored.where('warehouse_id', '=', wh.id);
          for (const r of await stored.execute()) total = addFigures(total, figure(r));
        } else {
          if (inv.closed) fail('INV_ERR_INVENTORY_CLOSED', { inventory: inv.id });
          const c = await compute(trx, ctx.store, inv, {});
          for (const [warehouseId, f] of await figuresOf(trx, ctx.store, c)) if (!wh || wh.id === warehouseId) total = addFigures(total, f);
        }
      } else {
        let rows = trx
          .selectFrom('inventory_accuracy as a')
          .innerJoin('inventories as i', 'i.id', 'a.inventory_id')
          .select(['a.inventory_id', 'a.keys', 'a.keys_without_difference', 'a.book_value', 'a.difference_value'])
          .where('i.posted_at', 'is not', null)
          .where('i.date', '>=', q.from ?? '1900-01-01')
          .where('i.date', '<=', q.to ?? '2999-12-31');
        if (wh) rows = rows.where('a.warehouse_id', '=', wh.id);
        const ids = new Set<number>();
        for (const r of await rows.execute()) {
          total = addFigures(total, figure(r));
          ids.add(r.inventory_id);
        }
        inventories = [...ids].sort((a, b) => a - b);
      }
      return { ...accuracyView(total), inventories, warehouse: wh?.code ?? null, from: q.from ?? null, to: q.to ?? null };
    },
    'read',
  );
}

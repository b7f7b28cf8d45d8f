/**
 * The stock differences preview (SPEC §5): the computed rows as the grid and
 * the report show them (shapes in stock-differences-view.ts), behind
 * GET /api/inventories/{id}/differences; nothing is written.
 */
import type { Ctx } from '../core/context.ts';
import { Money, Quantity, UnitCost, valueOf, type Money as MoneyT, type Quantity as QuantityT, type UnitCost as UnitCostT } from '../core/decimal.ts';
import { Problems } from '../core/input.ts';
import { changeStamp } from '../db/change-stamp.ts';
import type { RowSplit } from './compensation.ts';
import { assertOpen, inTransaction, inventoryLabel, lockInventory, type InventoryRow } from './common.ts';
import type { ClassOf } from './difference-control.ts';
import { rememberDifferences } from './difference-cache.ts';
import type { DifferencesView, ImputableByStorekeeper } from './stock-differences-view.ts';
import { checkQuery, compute, requireDifferenceReader, type Computed, type DifferenceQuery } from './stock-differences.ts';
import { commissionOf, type CommissionView } from './yearly.ts';

export function view(inv: InventoryRow, q: DifferenceQuery, c: Computed): DifferencesView {
  return {
    inventoryId: inv.id,
    inventory: inventoryLabel(inv),
    inventoryDate: inv.date,
    processingDate: c.processingDate,
    stockDate: c.stockDate,
    zeroUncounted: q.zeroUncounted === true,
    zeroScope: q.zeroScope ?? 'warehouse',
    rows: c.rows.map((r, i) => {
      const item = c.items.get(r.itemId)!;
      const t = r.pricing ? c.templates.get(r.pricing.templateId)! : undefined;
      return {
        warehouse: c.warehouses.get(r.warehouseId)!,
        item: item.code,
        description: item.description,
        uom: item.uom,
        variant: r.variant,
        lot: r.lot,
        serial: r.serial,
        location: r.location,
        jobOrder: r.jobOrder,
        account: r.account,
        counted: Quantity.format(r.counted),
        book: Quantity.format(r.book),
        difference: Quantity.format(r.difference),
        template: t?.code ?? null,
        templateType: t?.type ?? null,
        unitCost: r.pricing ? UnitCost.format(r.pricing.unitCost) : null,
        value: Money.format(r.value),
        movedDuringCount: r.movedDuringCount,
        uncounted: r.uncounted,
        overTolerance: r.overTolerance,
        counts: r.counts.map((n) => ({ listId: n.listId, employee: n.employee, round: n.round, quantity: Quantity.format(n.quantity as QuantityT), at: n.at })),
        countRound: r.round,
        ...(r.reason ? { reason: r.reason } : {}),
        ...(r.decision ? { decision: r.decision, decidedBy: r.decidedBy! } : {}),
        ...splitView(c.yearly?.rows[i]),
        confusionGroup: c.yearly ? confusionGroupOf(c, i) : null,
        ...postedPartView(r.difference, r.pricing?.unitCost, c.yearly?.rows[i]),
      };
    }),
    totals: totalsView(c),
    ...(c.yearly
      ? {
          groups: c.yearly.groups.map((g) => ({
            warehouse: c.warehouses.get(g.warehouseId)!,
            group: g.group,
            surplus: Quantity.format(g.surplus),
            shortage: Quantity.format(g.shortage),
            compensated: Quantity.format(g.compensated),
            valueDifference: Money.format(g.valueDifference),
            imputable: Money.format(g.imputable),
          })),
        }
      : {}),
  };
}

const ZERO_SPLIT: RowSplit = { compensated: 0n as QuantityT, compensatedValue: Money.zero, allowedLoss: 0n as QuantityT, allowedLossValue: Money.zero, imputable: 0n as QuantityT, imputableValue: Money.zero };

function splitView(s: RowSplit = ZERO_SPLIT) {
  return {
    compensated: Quantity.format(s.compensated),
    compensatedValue: Money.format(s.compensatedValue),
    allowedLoss: Quantity.format(s.allowedLoss),
    allowedLossValue: Money.format(s.allowedLossValue),
    imputable: Quantity.format(s.imputable),
    imputableValue: Money.format(s.imputableValue),
  };
}

/** the part of a difference posted with the plain load/unload templates: the difference less the compensated, allowed and imputable parts */
export function postedPartView(difference: bigint, unitCost: bigint | undefined, s: RowSplit = ZERO_SPLIT): { postedDifference: string; postedDifferenceValue: string } {
  const parts = s.compensated + s.allowedLoss + s.imputable;
  const q = difference < 0n ? difference + parts : difference - parts;
  const v = unitCost === undefined ? 0n : valueOf((q < 0n ? -q : q) as QuantityT, unitCost as UnitCostT);
  return { postedDifference: Quantity.format(q as QuantityT), postedDifferenceValue: Money.format((q < 0n ? -v : v) as MoneyT) };
}

/** SPEC §12, issue 18 point 3: the imputable value per warehouse with its storekeeper of the commission (employee null when none) */
export function imputableByStorekeeper(byWarehouse: { warehouse: string; value: string }[], c: Pick<CommissionView, 'storekeepers' | 'names'>): ImputableByStorekeeper[] {
  return byWarehouse.map((w) => {
    const employee = c.storekeepers.find((k) => k.warehouse === w.warehouse)?.employee ?? null;
    return { employee, name: employee ? (c.names[employee] ?? null) : null, warehouse: w.warehouse, value: w.value };
  });
}

function confusionGroupOf(c: Computed, i: number): string | null {
  return c.yearly?.groupOfRow[i] ?? null;
}

export function totalsView(c: Computed): DifferencesView['totals'] {
  return {
    surplusValue: Money.format(c.totals.surplusValue),
    shortageValue: Money.format(c.totals.shortageValue),
    netValue: Money.format(c.totals.netValue),
    rows: c.rows.length,
    differingKeys: c.totals.differingKeys,
    movedDuringCount: c.rows.filter((r) => r.movedDuringCount).length,
    ...(c.yearly
      ? {
          compensatedValueDifference: Money.format(c.yearly.totals.compensatedValueDifference),
          allowedLossValue: Money.format(c.yearly.totals.allowedLossValue),
          imputableValue: Money.format(c.yearly.totals.imputableValue),
          imputableByWarehouse: c.yearly.warehouses
            .map((w) => ({ warehouse: c.warehouses.get(w.warehouseId)!, value: Money.format(w.imputableValue) }))
            .sort((a, b) => (a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0)),
        }
      : {}),
  };
}

/** GET /api/inventories/{id}/differences: the preview; nothing is written. */
export async function previewDifferences(ctx: Ctx, inventoryId: number, q: DifferenceQuery = {}, classOf?: ClassOf): Promise<DifferencesView> {
  requireDifferenceReader(ctx.actor);
  const problems = new Problems();
  checkQuery(q, problems);
  problems.throwIfAny();
  return inTransaction(
    ctx.store,
    async (trx) => {
      // first statement of the transaction: the stamp of the snapshot compute reads (difference-cache.ts)
      const stamp = changeStamp(ctx.store);
      const inv = await lockInventory(trx, ctx.store, inventoryId, 'none');
      assertOpen(inv);
      const c = await compute(trx, ctx.store, inv, q, classOf);
      // (a caller's own classes are not the default ones: such a result is not offered to the posting)
      if (!classOf) rememberDifferences(ctx.store, inv, q, stamp, c);
      const out = view(inv, q, c);
      if (out.totals.imputableByWarehouse) out.totals.imputableByStorekeeper = imputableByStorekeeper(out.totals.imputableByWarehouse, await commissionOf(trx, inv.id));
      return out;
    },
    'read',
  );
}

/**
 * lot-cost — SPEC §6: each lot at the weighted average unit cost of its loads.
 *
 * Per lot (the '' lot included): quantity = net of its counted movements;
 * unit cost = round(Σ load qty × cost / Σ load qty, 5) over its counted loads
 * (quantity > 0, any template, opening lines included: they carry the lot's
 * stock over a closing), a zero-quantity consider-zero line on the lot adding
 * its amount to the value. A lot with no loads takes the average fallback
 * (last closing's average cost, else registry average). Lot value =
 * round(lot Q × lot cost, 2).
 *
 * Item result: Q = Σ lot quantities, value = Σ lot values (rounded per line,
 * SPEC §8), unit cost = round(value / Q, 5). `lots` lists every lot seen,
 * zero-stock lots included, sorted by lot code.
 */
import {
  exactValue,
  moneyToExact,
  unitCostOf,
  valueOf,
  type Money,
  type Quantity,
} from '../core/decimal.ts';
import type { CostAccumulator } from './accumulator.ts';
import { averageFallback } from './average.ts';
import type { CostContext } from './movement.ts';
import type { LotCost } from './result.ts';

interface LotState {
  quantity: bigint;
  loadQuantity: bigint;
  loadValue: bigint;
}

export interface LotCostState {
  ctx: CostContext;
  lots: Map<string, LotState>;
}

export const lotCost: CostAccumulator<LotCostState> = {
  init: (ctx) => ({ ctx, lots: new Map() }),
  step(s, m) {
    let lot = s.lots.get(m.lot);
    if (!lot) {
      lot = { quantity: 0n, loadQuantity: 0n, loadValue: 0n };
      s.lots.set(m.lot, lot);
    }
    lot.quantity += m.quantity;
    if (m.quantity > 0n) {
      lot.loadQuantity += m.quantity;
      lot.loadValue += exactValue(m.quantity, m.unitCost);
    } else if (m.quantity === 0n && m.considerZero) {
      lot.loadValue += moneyToExact(m.amount);
    }
  },
  finish(s, stock) {
    const fallback = averageFallback(s.ctx);
    const lots: LotCost[] = [...s.lots.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, l]) => {
        const quantity = l.quantity as Quantity;
        const unitCost = l.loadQuantity > 0n ? unitCostOf(l.loadValue, l.loadQuantity) : fallback;
        return { lot: code, quantity, unitCost, value: valueOf(quantity, unitCost) };
      });
    const value = lots.reduce((sum, l) => sum + l.value, 0n) as Money;
    return { quantity: stock, unitCost: unitCostOf(moneyToExact(value), stock), value, lots };
  },
};

/**
 * average — periodic weighted average cost (CMP), SPEC §6.
 *
 * Over the movements after the last closing up to D:
 *   unit cost = round(Σ value / Σ quantity, 5), value of stock = round(Q × unit cost, 2)
 * where the movements that feed it are (see `averageFeed`):
 *   - loads (quantity > 0) on update-average-cost templates: value = quantity × unit cost, exact;
 *   - the opening record of the last closing, whatever its template's flags
 *     ("takes part like any load");
 *   - zero-quantity lines of consider-zero, update-average-cost templates:
 *     their amount (with its own sign) is added to the value, nothing to the quantity.
 * Unloads never feed the average, even on an update-average template: worked
 * example A divides by 25 = 10 + 10 + 5 (the loads), not by 30.
 * With Σ quantity = 0: the last closing's average cost, else the registry's.
 *
 * The feed rules are shared with moving-average and with the yearly methods'
 * purchases (`purchaseFeed`), so "what updates the average" is defined once.
 */
import {
  exactValue,
  moneyToExact,
  Quantity,
  unitCostOf,
  type ExactValue,
  type UnitCost,
} from '../core/decimal.ts';
import type { CostAccumulator } from './accumulator.ts';
import { countsForCost, type CostContext, type CostMovement } from './movement.ts';
import { unitCostResult } from './result.ts';

/** What a movement adds to an average: quantity (≥ 0) and exact value. */
export interface CostFeed {
  quantity: Quantity;
  value: ExactValue;
}

/** The contribution of a (counted) movement to the average cost, if any. */
export function averageFeed(m: CostMovement): CostFeed | undefined {
  if (m.quantity > 0n) {
    if (!m.updateAverageCost && !m.opening) return undefined;
    return { quantity: m.quantity, value: exactValue(m.quantity, m.unitCost) };
  }
  if (m.quantity === 0n && m.considerZero && m.updateAverageCost) {
    return { quantity: Quantity.zero, value: moneyToExact(m.amount) };
  }
  return undefined;
}

/**
 * The contribution to a year's purchases (lifo/fifo-yearly, closing history):
 * as `averageFeed`, opening records excluded.
 */
export function purchaseFeed(m: CostMovement): CostFeed | undefined {
  return m.opening ? undefined : averageFeed(m);
}

/**
 * Σ purchases of a stream (counted movements only): what a closing stores as
 * the period's purchased quantity and exact value.
 */
export function purchaseTotals(movements: Iterable<CostMovement>, ctx: CostContext): CostFeed {
  let quantity = 0n;
  let value = 0n;
  for (const m of movements) {
    if (!countsForCost(m, ctx)) continue;
    const feed = purchaseFeed(m);
    if (!feed) continue;
    quantity += feed.quantity;
    value += feed.value;
  }
  return { quantity: quantity as Quantity, value: value as ExactValue };
}

/** When there is nothing to average: the last closing's average, else the registry's. */
export function averageFallback(ctx: CostContext): UnitCost {
  return ctx.closing ? ctx.closing.averageCost : ctx.registry.averageCost;
}

export interface AverageState {
  ctx: CostContext;
  quantity: bigint;
  value: bigint;
}

/** The periodic average unit cost of what was accumulated so far. */
export function averageUnitCost(s: AverageState): UnitCost {
  return s.quantity > 0n ? unitCostOf(s.value, s.quantity) : averageFallback(s.ctx);
}

export const average: CostAccumulator<AverageState> = {
  init: (ctx) => ({ ctx, quantity: 0n, value: 0n }),
  step(s, m) {
    const feed = averageFeed(m);
    if (!feed) return;
    s.quantity += feed.quantity;
    s.value += feed.value;
  },
  finish: (s, stock) => unitCostResult(stock, averageUnitCost(s)),
};

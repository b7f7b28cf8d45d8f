/**
 * The streaming form shared by all methods.
 *
 * A method is an accumulator `{ init, step, finish }` over one item's (or one
 * item+warehouse's) ordered movements. The report reads one ordered pass over
 * all movements and keeps one `ValuationStream` per item alive at a time, so
 * memory is per item only: a few bigints for the unit-cost methods, the live
 * layers for fifo, one row per year for the yearly methods, one row per lot
 * for lot-cost.
 *
 * `startValuation` is the only place that applies the fiscal filter and keeps
 * the running stock quantity (Σ signed quantity of the counted movements,
 * opening records included); methods receive the stock before each movement
 * in `step` and the final stock in `finish`.
 *
 * `finish` never changes the state, so `result()` may be asked at any time and
 * the stream may go on afterwards.
 */
import type { ExactValue, Quantity } from '../core/decimal.ts';
import { countsForCost, type CostContext, type CostMovement } from './movement.ts';
import type { CostResult } from './result.ts';

export interface CostAccumulator<S> {
  init(ctx: CostContext): S;
  /** called only for counted (fiscal, dated ≤ D) movements, in order */
  step(state: S, movement: CostMovement, stockBefore: Quantity): void;
  finish(state: S, stock: Quantity): CostResult;
  /**
   * The exact value (scale 8, ≥ 0) the last stepped unload took out of stock
   * at the method's cost. Only the perpetual methods, where an unload leaves
   * at a cost of its own (fifo, moving-average), tell it; the re-valuation
   * (src/accounting/revaluation.ts) reads it.
   */
  issued?(state: S): ExactValue;
}

export interface ValuationStream {
  /** feeds the next movement of the item (non-fiscal ones are ignored here) */
  push(movement: CostMovement): void;
  /** the valuation of what was pushed so far */
  result(): CostResult;
  /**
   * After pushing an unload: the exact value it took out of stock, when it
   * counted and the method tells it (`CostAccumulator.issued`); else undefined.
   */
  issued(): ExactValue | undefined;
}

export function startValuation<S>(acc: CostAccumulator<S>, ctx: CostContext): ValuationStream {
  const state = acc.init(ctx);
  let stock = 0n as Quantity;
  let lastDate = '';
  let issued: ExactValue | undefined;
  return {
    push(m) {
      if (m.date < lastDate) {
        throw new RangeError(`movements out of order: ${m.date} after ${lastDate}`);
      }
      lastDate = m.date;
      issued = undefined;
      if (!countsForCost(m, ctx)) return;
      acc.step(state, m, stock);
      stock = (stock + m.quantity) as Quantity;
      if (m.quantity < 0n && acc.issued) issued = acc.issued(state);
    },
    result: () => acc.finish(state, stock),
    issued: () => issued,
  };
}

/** Runs an accumulator over a whole (ordered) stream. */
export function runValuation<S>(
  acc: CostAccumulator<S>,
  ctx: CostContext,
  movements: Iterable<CostMovement>,
): CostResult {
  const stream = startValuation(acc, ctx);
  for (const m of movements) stream.push(m);
  return stream.result();
}

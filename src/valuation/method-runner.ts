/**
 * Several stream cost methods over the same ordered movements of one cost
 * scope at once: the methods' accumulators (cost-methods.ts) run side by
 * side on ONE running stock, with the one fiscal filter (`countsForCost`)
 * and the order check applied once for all of them — what `startValuation`
 * does for a single method. The valued inventory's pass and the closing
 * pass both run their scopes' methods through it.
 *
 * Pure: plain movements in, results out. A result is computed on first ask
 * and kept until the next counted movement.
 */
import type { Quantity } from '../core/decimal.ts';
import type { CostAccumulator } from './accumulator.ts';
import { accumulatorOf, type StreamCostMethod } from './cost-methods.ts';
import { countsForCost, type CostContext, type CostMovement } from './movement.ts';
import type { CostResult } from './result.ts';

export interface MethodRunner {
  readonly ctx: CostContext;
  /** feeds the scope's next movement (those that do not count for cost are ignored) */
  push(movement: CostMovement): void;
  /** the valuation by one of the runner's methods of what was pushed so far */
  result(method: StreamCostMethod): CostResult;
  /** whether the runner runs the method */
  runs(method: StreamCostMethod): boolean;
}

export function runMethods(methods: readonly StreamCostMethod[], ctx: CostContext): MethodRunner {
  const ids = [...new Set(methods)];
  const index = new Map(ids.map((m, i) => [m, i]));
  const accumulators: CostAccumulator<any>[] = ids.map((m) => accumulatorOf(m));
  const states = accumulators.map((a) => a.init(ctx));
  const results: (CostResult | undefined)[] = [];
  let stock = 0n as Quantity;
  let lastDate = '';
  return {
    ctx,
    push(m) {
      if (m.date < lastDate) throw new RangeError(`movements out of order: ${m.date} after ${lastDate}`);
      lastDate = m.date;
      if (!countsForCost(m, ctx)) return;
      for (let i = 0; i < accumulators.length; i++) accumulators[i].step(states[i], m, stock);
      stock = (stock + m.quantity) as Quantity;
      results.length = 0;
    },
    result(method) {
      const i = index.get(method);
      if (i === undefined) throw new RangeError(`cost method ${method} is not run here`);
      return (results[i] ??= accumulators[i].finish(states[i], stock));
    },
    runs: (method) => index.has(method),
  };
}

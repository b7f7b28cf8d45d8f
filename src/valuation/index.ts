/**
 * The cost methods of SPEC §6 as pure functions over one item's (or one
 * item+warehouse's) ordered movement stream after the last closing.
 *
 *   valueStream(method, { date, registry, closing?, years?, movements })
 *
 * or, for one ordered pass over many items holding one item at a time:
 *
 *   const v = openValuation(method, ctx); v.push(m) ...; v.result()
 *
 * management-area and history are resolved by the caller (management area →
 * its method; history → the saved snapshot) and are not dispatched here:
 * the valued inventory does it in inventory-pass.ts / item-valuation.ts (one
 * ordered read of the ledger, one item at a time), with the closing state and closed years from
 * the closing history source (closing-history.ts) and the snapshots of
 * warehouse-history.ts. item-cost.ts values one item (proposed costs).
 */
import { startValuation, type ValuationStream } from './accumulator.ts';
import { accumulatorOf, isStreamMethod, type StreamCostMethod } from './cost-methods.ts';
import type { CostContext, ValuationInput } from './movement.ts';
import type { CostResult } from './result.ts';

export {
  AREA_METHOD_IDS,
  CLOSING_METHOD_IDS,
  COST_METHOD_IDS,
  COST_METHOD_TABLE,
  LAYERED_METHOD_IDS,
  STREAM_METHOD_IDS,
  accumulatorOf,
  costMethodLabel,
  costMethodSchema,
  isCostMethod,
  isStreamMethod,
  normalizeCostMethod,
  parseCostMethod,
  storedCostMethod,
  type ClosingMethod,
  type CostMethod,
  type CostMethodEntry,
  type StreamCostMethod,
} from './cost-methods.ts';

/** The methods computed from the ledger stream, in SPEC §6 order. */
export { STREAM_METHOD_IDS as STREAM_COST_METHODS, COST_METHOD_IDS as COST_METHODS } from './cost-methods.ts';

/** A streaming valuation of one item: push its ordered movements, then ask result(). */
export function openValuation(method: StreamCostMethod, ctx: CostContext): ValuationStream {
  if (!isStreamMethod(method)) {
    throw new RangeError(`cost method ${String(method)} is resolved by the caller`);
  }
  return startValuation(accumulatorOf(method), ctx);
}

/** Values one item's whole stream with a method. */
export function valueStream(method: StreamCostMethod, input: ValuationInput): CostResult {
  const v = openValuation(method, input);
  for (const m of input.movements) v.push(m);
  return v.result();
}

export type { CostAccumulator, ValuationStream } from './accumulator.ts';
export { runValuation, startValuation } from './accumulator.ts';
export type {
  ClosingState,
  CostContext,
  CostMovement,
  FifoLayer,
  RegistryCosts,
  ValuationInput,
  YearHistory,
} from './movement.ts';
export { countsForCost } from './movement.ts';
export type { CostResult, LotCost, YearLayer } from './result.ts';
export { average, averageFeed, purchaseFeed, purchaseTotals, type CostFeed } from './average.ts';
export { movingAverage } from './moving-average.ts';
export { last } from './last.ts';
export { fifo } from './fifo.ts';
export { lifoYearly, fifoYearly, lifoYearlyLayers, fifoYearlyLayers } from './yearly.ts';
export { standard, registryAverage, registryLast } from './registry.ts';
export { lotCost } from './lot-cost.ts';

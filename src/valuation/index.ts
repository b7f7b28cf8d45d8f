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
 * managementArea and history are resolved by the caller (management area →
 * its method; history → the saved snapshot) and are not dispatched here:
 * the valued inventory does it in inventory-pass.ts (one ordered read of the
 * ledger, one item at a time), with the closing state and closed years from
 * the closing history source (closing-history.ts) and the snapshots of
 * warehouse-history.ts. item-cost.ts values one item (proposed costs).
 */
import { startValuation, type CostAccumulator, type ValuationStream } from './accumulator.ts';
import { average } from './average.ts';
import { fifo } from './fifo.ts';
import { last } from './last.ts';
import { lotCost } from './lotCost.ts';
import type { CostContext, ValuationInput } from './movement.ts';
import { movingAverage } from './movingAverage.ts';
import { registryAverage, registryLast, standard } from './registry.ts';
import type { CostResult } from './result.ts';
import { fifoYearly, lifoYearly } from './yearly.ts';

export type CostMethod =
  | 'average'
  | 'movingAverage'
  | 'last'
  | 'fifo'
  | 'lifoYearly'
  | 'fifoYearly'
  | 'standard'
  | 'registryAverage'
  | 'registryLast'
  | 'managementArea'
  | 'lotCost'
  | 'history';

/** The methods computed from the stream here (not managementArea / history). */
export type StreamCostMethod = Exclude<CostMethod, 'managementArea' | 'history'>;

const STARTERS: { [M in StreamCostMethod]: (ctx: CostContext) => ValuationStream } = {
  average: starter(average),
  movingAverage: starter(movingAverage),
  last: starter(last),
  fifo: starter(fifo),
  lifoYearly: starter(lifoYearly),
  fifoYearly: starter(fifoYearly),
  standard: starter(standard),
  registryAverage: starter(registryAverage),
  registryLast: starter(registryLast),
  lotCost: starter(lotCost),
};

function starter<S>(acc: CostAccumulator<S>): (ctx: CostContext) => ValuationStream {
  return (ctx) => startValuation(acc, ctx);
}

/** The methods computed from the ledger stream, in a stable order. */
export const STREAM_COST_METHODS = Object.keys(STARTERS) as StreamCostMethod[];

export const COST_METHODS: readonly CostMethod[] = [
  ...STREAM_COST_METHODS,
  'managementArea',
  'history',
];

export function isCostMethod(name: string): name is CostMethod {
  return (COST_METHODS as readonly string[]).includes(name);
}

export function isStreamMethod(method: string): method is StreamCostMethod {
  return Object.prototype.hasOwnProperty.call(STARTERS, method);
}

/** A streaming valuation of one item: push its ordered movements, then ask result(). */
export function openValuation(method: StreamCostMethod, ctx: CostContext): ValuationStream {
  if (!isStreamMethod(method)) {
    throw new RangeError(`cost method ${String(method)} is resolved by the caller`);
  }
  return STARTERS[method](ctx);
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
export { movingAverage } from './movingAverage.ts';
export { last } from './last.ts';
export { fifo } from './fifo.ts';
export { lifoYearly, fifoYearly, lifoYearlyLayers, fifoYearlyLayers } from './yearly.ts';
export { standard, registryAverage, registryLast } from './registry.ts';
export { lotCost } from './lotCost.ts';

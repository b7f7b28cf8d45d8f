/**
 * standard, registry-average, registry-last — SPEC §6: the item registry's
 * cost, value = round(Q × cost, 2), Q = net of the counted stream.
 */
import type { UnitCost } from '../core/decimal.ts';
import type { CostAccumulator } from './accumulator.ts';
import type { CostContext, RegistryCosts } from './movement.ts';
import { unitCostResult } from './result.ts';

function registryMethod(pick: (r: RegistryCosts) => UnitCost): CostAccumulator<CostContext> {
  return {
    init: (ctx) => ctx,
    step: () => undefined,
    finish: (ctx, stock) => unitCostResult(stock, pick(ctx.registry)),
  };
}

export const standard = registryMethod((r) => r.standardCost);
export const registryAverage = registryMethod((r) => r.averageCost);
export const registryLast = registryMethod((r) => r.lastCost);

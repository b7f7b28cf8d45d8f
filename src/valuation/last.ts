/**
 * last — last cost, SPEC §6.
 *
 * The unit cost of the latest counted LOAD (quantity > 0) on an
 * update-last-cost template; else the last closing's last cost; else the
 * registry's last cost. Value = round(Q × cost, 2).
 *
 * Not a "movement" for the last cost:
 *   - zero-quantity cost lines (consider-zero): they carry an amount, not a
 *     unit cost;
 *   - unloads: like for the average (worked example A), the cost-update flags
 *     act on loads; an unload's unit cost is itself a derived cost;
 *   - opening records: they carry the closing's valuation cost, and the
 *     closing's own last cost is the next fallback anyway.
 */
import type { UnitCost } from '../core/decimal.ts';
import type { CostAccumulator } from './accumulator.ts';
import type { CostContext } from './movement.ts';
import { unitCostResult } from './result.ts';

export interface LastState {
  ctx: CostContext;
  cost: UnitCost | undefined;
}

export const last: CostAccumulator<LastState> = {
  init: (ctx) => ({ ctx, cost: undefined }),
  step(s, m) {
    if (m.updateLastCost && m.quantity > 0n && !m.opening) s.cost = m.unitCost;
  },
  finish: (s, stock) =>
    unitCostResult(stock, s.cost ?? s.ctx.closing?.lastCost ?? s.ctx.registry.lastCost),
};

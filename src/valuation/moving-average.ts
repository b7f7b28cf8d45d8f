/**
 * moving-average — perpetual weighted average, SPEC §6.
 *
 * Walk in order with (stock Q, rate):
 *   - a load that feeds the average (`averageFeed`: load on an update-average
 *     template) sets rate = round((Q × rate + in qty × in cost) / (Q + in qty), 5),
 *     or the load's unit cost when Q ≤ 0 before it;
 *   - a zero-quantity consider-zero line on an update-average template adds its
 *     amount to the stock value: rate = round((Q × rate + amount) / Q, 5) when
 *     Q > 0; with Q ≤ 0 there is nothing to spread it on and it is ignored;
 *   - unloads, and loads on templates that do not update the average, move the
 *     stock at the current rate (the rate does not change).
 * Value of stock = round(Q × rate, 2).
 *
 * Start: with a closing, the rate is the closing's movingAverageRate and the
 * QUANTITY comes from the stream, which holds the closing's opening record:
 * opening lines then only add their quantity (done by the shared runner) and
 * leave the rate alone, so nothing is counted twice and the walk continues
 * exactly as over the full history. Without a closing the rate starts at the
 * registry average (only visible if stock leaves before any feeding load, or
 * when there are no movements at all), and an opening line is a feeding load
 * like in `average`.
 */
import { exactValue, unitCostOf, type ExactValue, type Quantity, type UnitCost } from '../core/decimal.ts';
import type { CostAccumulator } from './accumulator.ts';
import { averageFeed } from './average.ts';
import type { CostContext } from './movement.ts';
import { unitCostResult } from './result.ts';

export interface MovingAverageState {
  ctx: CostContext;
  rate: UnitCost;
  /** the exact value the last unload took: its quantity at the rate it left at */
  issued: ExactValue;
}

export const movingAverage: CostAccumulator<MovingAverageState> = {
  init: (ctx) => ({
    ctx,
    rate: ctx.closing ? ctx.closing.movingAverageRate : ctx.registry.averageCost,
    issued: 0n as ExactValue,
  }),
  step(s, m, before) {
    if (m.quantity < 0n) {
      // unloads leave at the current rate and do not change it
      s.issued = exactValue(-m.quantity as Quantity, s.rate);
      return;
    }
    if (m.opening && s.ctx.closing) return; // rate carried by the closing
    const feed = averageFeed(m);
    if (!feed) return;
    if (feed.quantity > 0n && before <= 0n) {
      s.rate = m.unitCost;
    } else if (before + feed.quantity > 0n) {
      s.rate = unitCostOf(exactValue(before, s.rate) + feed.value, before + feed.quantity);
    }
  },
  finish: (s, stock) => unitCostResult(stock, s.rate),
  issued: (s) => s.issued,
};

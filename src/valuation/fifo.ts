/**
 * fifo — perpetual FIFO layers, SPEC §6.
 *
 * - Every counted load (quantity > 0, any template) adds a layer
 *   (date, quantity, unit cost); a load with the same date and cost as the
 *   newest layer is merged into it (same value, fewer layers).
 * - Every unload consumes the oldest layers first.
 * - An unload beyond the layers leaves ONE negative layer (dated at that
 *   unload) at the last consumed cost: the cost of the last layer any unload
 *   consumed in this walk, or before the last closing when the closing kept
 *   it (`fifoLastConsumedCost`); when none was ever consumed, the registry
 *   average. (Not the closing's average cost: the fallback must be the same
 *   whether the walk starts at a closing or at the beginning of time, so the
 *   valuation continues exactly.) Further unloads deepen that negative layer
 *   at its cost.
 * - The next load fills the negative layer first; the remainder becomes a new
 *   layer at the load's cost. So the layers are either all positive or a
 *   single negative one, and Σ layer quantity = net quantity.
 * - Zero-quantity lines do nothing here.
 *
 * Start: with a closing whose fifoLayers are not empty, the walk starts from
 * those layers and the opening lines of the stream are SKIPPED (they carry the
 * same quantity again). Without a closing, or with a closing that kept no
 * layers, opening lines are ordinary loads.
 *
 * Result: Q = Σ layer quantity, value = round(Σ layer qty × cost, 2), unit
 * cost = round(exact value / Q, 5) (0 when Q = 0), plus the remaining layers
 * and lastConsumedCost (both for a closing to keep).
 */
import { exactValue, min, type ExactValue, type Quantity, type UnitCost } from '../core/decimal.ts';
import type { CostAccumulator } from './accumulator.ts';
import type { CostContext, FifoLayer } from './movement.ts';
import { layeredResult, sumLayers, type CostResult } from './result.ts';

export interface FifoState {
  ctx: CostContext;
  skipOpening: boolean;
  /** live layers are layers[head..]; the consumed prefix is dropped lazily */
  layers: FifoLayer[];
  head: number;
  lastConsumed: UnitCost | undefined;
  /** the exact value the last unload took: Σ consumed layer qty × cost, plus what it owed at the negative layer's cost */
  issued: ExactValue;
}

function load(s: FifoState, date: string, quantity: Quantity, unitCost: UnitCost): void {
  let q: bigint = quantity;
  const oldest = s.layers[s.head];
  if (oldest && oldest.quantity < 0n) {
    const filled = oldest.quantity + q;
    if (filled <= 0n) {
      oldest.quantity = filled as Quantity;
      if (filled === 0n) s.head++;
      return;
    }
    s.head++;
    q = filled;
  }
  const newest = s.head < s.layers.length ? s.layers[s.layers.length - 1] : undefined;
  if (newest && newest.date === date && newest.unitCost === unitCost) {
    newest.quantity = (newest.quantity + q) as Quantity;
  } else {
    s.layers.push({ date, quantity: q as Quantity, unitCost });
  }
}

function unload(s: FifoState, date: string, quantity: Quantity): void {
  let q: bigint = quantity;
  let issued = 0n;
  while (q > 0n && s.head < s.layers.length && s.layers[s.head].quantity > 0n) {
    const layer = s.layers[s.head];
    const take = min(q, layer.quantity as bigint);
    layer.quantity = (layer.quantity - take) as Quantity;
    q -= take;
    issued += exactValue(take as Quantity, layer.unitCost);
    s.lastConsumed = layer.unitCost;
    if (layer.quantity === 0n) s.head++;
  }
  if (q > 0n) {
    const negative = s.layers[s.head];
    if (negative) {
      negative.quantity = (negative.quantity - q) as Quantity;
      issued += exactValue(q as Quantity, negative.unitCost);
    } else {
      const cost = s.lastConsumed ?? s.ctx.registry.averageCost;
      s.layers.push({ date, quantity: -q as Quantity, unitCost: cost });
      issued += exactValue(q as Quantity, cost);
    }
  }
  s.issued = issued as ExactValue;
  // drop the consumed prefix now and then, so memory follows the live layers
  if (s.head > 64 && s.head * 2 > s.layers.length) {
    s.layers = s.layers.slice(s.head);
    s.head = 0;
  }
}

export const fifo: CostAccumulator<FifoState> = {
  init(ctx) {
    const start = (ctx.closing?.fifoLayers ?? []).filter((l) => l.quantity !== 0n);
    return {
      ctx,
      skipOpening: start.length > 0,
      layers: start.map((l) => ({ ...l })),
      head: 0,
      lastConsumed: ctx.closing?.fifoLastConsumedCost,
      issued: 0n as ExactValue,
    };
  },
  step(s, m) {
    if (m.opening && s.skipOpening) return;
    if (m.quantity > 0n) load(s, m.date, m.quantity, m.unitCost);
    else if (m.quantity < 0n) unload(s, m.date, -m.quantity as Quantity);
  },
  finish(s) {
    const layers = s.layers.slice(s.head).map((l) => ({ ...l }));
    const { quantity, exact } = sumLayers(layers);
    const result: CostResult = { ...layeredResult(quantity, exact), layers };
    if (s.lastConsumed !== undefined) result.lastConsumedCost = s.lastConsumed;
    return result;
  },
  issued: (s) => s.issued,
};

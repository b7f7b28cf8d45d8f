/**
 * lifo-yearly and fifo-yearly (LIFO / FIFO a scatti annuali), SPEC §6.
 *
 * Both read the same per-year table and differ only in the final walk.
 *
 * The year table. Current year = year of D. Past years come from
 *   - the closed-year history (`ctx.years`): b(y) = closingQuantity,
 *     a(y) = averagePurchaseCost as given;
 *   - the stream itself for every year it covers before the current one
 *     (a year that was not closed, or the rest of a year closed mid-year):
 *     b(y) = stock at the end of y as walked, purchases of y from the stream
 *     are added to the history row of y if any, and a(y) is recomputed as
 *     round(Σ value / Σ qty, 5) when the merged purchased quantity is > 0;
 *     else the row's averagePurchaseCost, else (a year only seen in the
 *     stream, without purchases) the average cost below.
 * "Previous year" in the walks means the previous row of this table (a year
 * missing from both history and stream is skipped, not taken as b = 0).
 * History rows for the current year (closings earlier this year) only add
 * their purchases to the current year; rows after it are ignored. Several
 * rows for one year are merged: purchases summed, b(y) of the last row given.
 *
 * Purchases = `purchaseFeed`: loads on update-average templates (and
 * consider-zero value lines on them), opening records excluded.
 * Current-year cost a(cur) = round(purchased value / purchased qty, 5), or,
 * with no purchases, the periodic average cost (method `average` at D, with
 * its fallback chain: last closing's average, registry average).
 *
 * Q = stock at D (net of the stream, opening records included). Q < 0 is one
 * layer Q at a(cur); Q = 0 gives no layers.
 *
 * lifo-yearly (walk newest → oldest, b(y) < 0 read as 0):
 *   increment max(0, Q − b(last year)) at a(cur);
 *   r = min(Q, b(last year)); for each past year y from the last:
 *   layer r − min(r, b(y−1)) at a(y); r = min(r, b(y−1)); stop at r = 0.
 *   For the oldest row b(y−1) is taken as 0, i.e. the rest at the oldest a(y).
 *   Example B: 70@3.00 (2024), 40@2.50 (2023), 60@1.50 (2022) = 400.00.
 * fifo-yearly: Q is filled from the current year's purchased quantity at
 *   a(cur), then each past year's purchased quantity at a(y), newest first;
 *   what is left is added to the oldest row's layer at its a(y) (a(cur) when
 *   there is no past row).
 *
 * Value = round(Σ layer qty × cost, 2); unit cost = round(exact / Q, 5).
 * Layers are returned newest year first, zero layers omitted.
 */
import { max, min, Quantity, unitCostOf, type UnitCost } from '../core/decimal.ts';
import type { CostAccumulator } from './accumulator.ts';
import { average, averageUnitCost, purchaseFeed, type AverageState } from './average.ts';
import { yearOf } from './movement.ts';
import { layeredResult, sumLayers, type CostResult, type YearLayer } from './result.ts';

interface StreamYear {
  purchasedQuantity: bigint;
  purchasedValue: bigint;
  /** stock at the end of the year, set when the stream moves past it */
  endQuantity?: bigint;
}

export interface YearlyState {
  avg: AverageState;
  currentYear: number;
  /** years seen in the stream (first year of the stream up to the current one) */
  streamYears: Map<number, StreamYear>;
  /** the year of the first / latest counted movement */
  firstYear: number | undefined;
  streamYear: number | undefined;
}

/** One row of the year table. */
export interface YearRow {
  year: number;
  /** b(y), for past years */
  closingQuantity: Quantity;
  purchasedQuantity: Quantity;
  /** a(y) */
  unitCost: UnitCost;
}

function streamYearOf(s: YearlyState, year: number): StreamYear {
  let y = s.streamYears.get(year);
  if (!y) {
    y = { purchasedQuantity: 0n, purchasedValue: 0n };
    s.streamYears.set(year, y);
  }
  return y;
}

/** A year of the table while it is being merged from history rows and the stream. */
interface MergedYear {
  b: bigint;
  q: bigint;
  v: bigint;
  /** averagePurchaseCost of the (last) history row, if any */
  given: UnitCost | undefined;
  historyRows: number;
  fromStream: boolean;
}

/**
 * a(y): a single history row's cost as given; recomputed from the merged
 * purchases when the stream or another row of the same year added to them.
 */
function rowCost(r: MergedYear, fallback: UnitCost): UnitCost {
  if (!r.fromStream && r.historyRows === 1 && r.given !== undefined) return r.given;
  if (r.q > 0n) return unitCostOf(r.v, r.q);
  return r.given ?? fallback;
}

/** The current-year row and the past rows (newest first) at the end of the stream. */
export function yearTable(s: YearlyState, stock: Quantity): { current: YearRow; past: YearRow[] } {
  const ctx = s.avg.ctx;
  const fallback = averageUnitCost(s.avg);
  const merged = new Map<number, MergedYear>();
  const mergedOf = (year: number): MergedYear => {
    let r = merged.get(year);
    if (!r) {
      r = { b: 0n, q: 0n, v: 0n, given: undefined, historyRows: 0, fromStream: false };
      merged.set(year, r);
    }
    return r;
  };
  for (const h of ctx.years ?? []) {
    if (h.year > s.currentYear) continue;
    const r = mergedOf(h.year);
    r.b = h.closingQuantity;
    r.q += h.purchasedQuantity;
    r.v += h.purchasedValue;
    r.given = h.averagePurchaseCost;
    r.historyRows++;
  }
  if (s.firstYear !== undefined) {
    for (let year = s.firstYear; year <= s.currentYear; year++) {
      const sy = s.streamYears.get(year);
      const r = mergedOf(year);
      // a year the stream has not moved past ends with the current stock
      r.b = sy?.endQuantity ?? stock;
      r.q += sy?.purchasedQuantity ?? 0n;
      r.v += sy?.purchasedValue ?? 0n;
      r.fromStream = true;
    }
  }
  const cur = merged.get(s.currentYear);
  const current: YearRow = {
    year: s.currentYear,
    closingQuantity: Quantity.zero,
    purchasedQuantity: (cur?.q ?? 0n) as Quantity,
    unitCost: cur && cur.q > 0n ? unitCostOf(cur.v, cur.q) : fallback,
  };
  const past = [...merged.entries()]
    .filter(([year]) => year < s.currentYear)
    .sort(([a], [b]) => b - a)
    .map(([year, r]) => ({
      year,
      closingQuantity: r.b as Quantity,
      purchasedQuantity: r.q as Quantity,
      unitCost: rowCost(r, fallback),
    }));
  return { current, past };
}

function layer(year: number, quantity: bigint, unitCost: UnitCost): YearLayer {
  return { year, quantity: quantity as Quantity, unitCost };
}

/** LIFO a scatti annuali over the year table (past rows newest first). */
export function lifoYearlyLayers(q: Quantity, current: YearRow, past: readonly YearRow[]): YearLayer[] {
  if (q < 0n) return [layer(current.year, q, current.unitCost)];
  const b = (i: number): bigint => (i < past.length ? max(past[i].closingQuantity as bigint, 0n) : 0n);
  const layers: YearLayer[] = [];
  const increment = max(q - b(0), 0n);
  if (increment > 0n) layers.push(layer(current.year, increment, current.unitCost));
  let r = min(q as bigint, b(0));
  for (let i = 0; i < past.length && r > 0n; i++) {
    const next = min(r, b(i + 1));
    if (r - next > 0n) layers.push(layer(past[i].year, r - next, past[i].unitCost));
    r = next;
  }
  return layers;
}

/** FIFO a scatti annuali over the year table (past rows newest first). */
export function fifoYearlyLayers(q: Quantity, current: YearRow, past: readonly YearRow[]): YearLayer[] {
  if (q < 0n) return [layer(current.year, q, current.unitCost)];
  const layers: YearLayer[] = [];
  let r: bigint = q;
  for (const row of [current, ...past]) {
    if (r === 0n) break;
    const take = min(r, max(row.purchasedQuantity as bigint, 0n));
    if (take > 0n) layers.push(layer(row.year, take, row.unitCost));
    r -= take;
  }
  if (r > 0n) {
    const oldest = past.length ? past[past.length - 1] : current;
    const tail = layers[layers.length - 1];
    if (tail && tail.year === oldest.year) tail.quantity = (tail.quantity + r) as Quantity;
    else layers.push(layer(oldest.year, r, oldest.unitCost));
  }
  return layers;
}

function yearly(
  walk: (q: Quantity, current: YearRow, past: readonly YearRow[]) => YearLayer[],
): CostAccumulator<YearlyState> {
  return {
    init: (ctx) => ({
      avg: average.init(ctx),
      currentYear: yearOf(ctx.date),
      streamYears: new Map(),
      firstYear: undefined,
      streamYear: undefined,
    }),
    step(s, m, before) {
      average.step(s.avg, m, before);
      const year = yearOf(m.date);
      if (s.streamYear === undefined) {
        s.firstYear = year;
        s.streamYear = year;
      }
      // the stock before the first movement of a later year closes the years before it
      for (; s.streamYear < year; s.streamYear++) {
        streamYearOf(s, s.streamYear).endQuantity = before;
      }
      const feed = purchaseFeed(m);
      if (feed) {
        const sy = streamYearOf(s, year);
        sy.purchasedQuantity += feed.quantity;
        sy.purchasedValue += feed.value;
      }
    },
    finish(s, stock): CostResult {
      const { current, past } = yearTable(s, stock);
      const yearLayers = walk(stock, current, past);
      const { exact } = sumLayers(yearLayers);
      return { ...layeredResult(stock, exact), yearLayers };
    },
  };
}

export const lifoYearly = yearly(lifoYearlyLayers);
export const fifoYearly = yearly(fifoYearlyLayers);

/**
 * Inputs of the cost methods (SPEC §6). Everything here is plain data: the
 * methods are pure functions over one item's (or one item+warehouse's)
 * ordered movement stream, with no database and no I/O.
 */
import type { ExactValue, Money, Quantity, UnitCost } from '../core/decimal.ts';

/** One movement line as the cost methods see it. */
export interface CostMovement {
  /** YYYY-MM-DD posting date */
  date: string;
  /** warehouse code */
  warehouse: string;
  /** item code */
  item: string;
  /** lot code, '' when none */
  lot: string;
  /** signed: + load, - unload */
  quantity: Quantity;
  unitCost: UnitCost;
  /** the line amount; for a zero-quantity line of a consider-zero template it is what counts */
  amount: Money;
  /** true when BOTH the item and the template have fiscal interest */
  fiscal: boolean;
  /** template flag update-average-cost */
  updateAverageCost: boolean;
  /** template flag update-last-cost */
  updateLastCost: boolean;
  /** the template considers zero movements */
  considerZero: boolean;
  /** line of an opening record created by a closing (oddments template) */
  opening: boolean;
}

/** One FIFO layer: a quantity bought at a cost on a date (negative = owed). */
export interface FifoLayer {
  date: string;
  quantity: Quantity;
  unitCost: UnitCost;
}

/**
 * What the last closing before the valuation date left for the item (or
 * item+warehouse). The opening record of that closing is dated
 * closingDate + 1 and is part of the movement stream, flagged `opening`.
 */
export interface ClosingState {
  closingDate: string;
  quantity: Quantity;
  averageCost: UnitCost;
  movingAverageRate: UnitCost;
  lastCost: UnitCost;
  /** oldest first */
  fifoLayers: FifoLayer[];
  /**
   * fifo's `lastConsumedCost` at the closing (the cost of the last layer an
   * unload consumed). Optional: a closing that stores it lets a negative
   * layer created right after a zero-stock closing get the same cost as over
   * the full history; without it that layer takes the registry average.
   */
  fifoLastConsumedCost?: UnitCost;
}

/**
 * One closed year of the item's history, for lifo-yearly / fifo-yearly.
 * Normally one row per year; several rows for a year (several closings in
 * it, given in date order) are merged: purchases summed, closingQuantity of
 * the last one, a(y) recomputed from the summed purchases.
 *
 * `purchasedValue` is an ExactValue (scale 8, Σ quantity × unit cost before
 * any rounding), so that purchases of a year split over a closing and the
 * following stream can be added up and a(y) recomputed exactly. A closing
 * that stores Money converts with `moneyToExact`.
 */
export interface YearHistory {
  year: number;
  /** b(y): stock at the year's (last) closing */
  closingQuantity: Quantity;
  purchasedQuantity: Quantity;
  purchasedValue: ExactValue;
  /** a(y): used as given unless the stream adds purchases to the same year */
  averagePurchaseCost: UnitCost;
}

/** The item registry's costs. */
export interface RegistryCosts {
  standardCost: UnitCost;
  averageCost: UnitCost;
  lastCost: UnitCost;
  salePrice: UnitCost;
}

/** Everything a method needs besides the movements. */
export interface CostContext {
  /** valuation date D (YYYY-MM-DD); movements dated after it are ignored */
  date: string;
  registry: RegistryCosts;
  /** the last closing before D, when there is one */
  closing?: ClosingState;
  /** closed years, any order; used by lifoYearly / fifoYearly only */
  years?: readonly YearHistory[];
}

/** A context plus the stream: movements after the last closing up to D, ordered. */
export interface ValuationInput extends CostContext {
  movements: Iterable<CostMovement>;
}

/**
 * The one fiscal filter (SPEC §6: only fiscal items on fiscal templates count).
 * Every method sees only the movements for which this is true.
 */
export function countsForCost(m: CostMovement, ctx: CostContext): boolean {
  return m.fiscal && m.date <= ctx.date;
}

/** The calendar year of a YYYY-MM-DD date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

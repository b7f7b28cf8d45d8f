/**
 * The tolerance rule of a difference line (SPEC §11), pure and exact.
 *
 * A line is over tolerance when |difference| > |book| × pct / 100 (so any
 * difference when book = 0) or |value| > value tolerance; equal is within.
 * Quantities carry 3 decimals, the percentage 2 ("5.00" % = 500n), values 2:
 * |d| > |b| × (P / 100) / 100 ⇔ |d| × 10 000 > |b| × P, compared in BigInt,
 * no rounding anywhere. A negative book stock is measured by its magnitude.
 */
import type { Money, Quantity } from '../core/decimal.ts';

export interface Tolerance {
  /** percent of book stock, scaled by 2 decimals (500n = 5.00 %) */
  quantityPct: bigint;
  /** money, scaled by 2 decimals */
  value: bigint;
}

export const NO_TOLERANCE: Tolerance = { quantityPct: 0n, value: 0n };

const abs = (v: bigint) => (v < 0n ? -v : v);

/** Whether a difference line is over tolerance (a zero difference never is). */
export function isOverTolerance(difference: Quantity | bigint, book: Quantity | bigint, value: Money | bigint, tolerance: Tolerance): boolean {
  if (difference === 0n) return false;
  if (abs(difference) * 10_000n > abs(book) * tolerance.quantityPct) return true;
  return abs(value) > tolerance.value;
}

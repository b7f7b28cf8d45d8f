/**
 * Count accuracy (SPEC §11), pure: the figures of the counted keys and their
 * ratios, exact, as decimal strings with 4 decimals (half up).
 *
 * count accuracy = keys counted with no difference / keys counted;
 * value accuracy = 1 − Σ |value of the differences| / Σ book value of the
 * counted keys. No keys: both ratios 1.0000 (nothing was miscounted); book
 * value 0: value accuracy 1.0000 without difference value, else 0.0000. The
 * value accuracy is the formula's, not clamped (it is below 0 when the
 * differences are worth more than the book stock).
 */
import { divRoundHalfUp, formatScaled, Money, type Money as MoneyT } from '../core/decimal.ts';

export const RATIO_SCALE = 4;
const ONE = 10n ** BigInt(RATIO_SCALE);

export interface AccuracyFigures {
  keys: number;
  keysWithoutDifference: number;
  /** money (2 decimals) */
  bookValue: bigint;
  /** money (2 decimals), Σ of magnitudes */
  differenceValue: bigint;
}

export interface AccuracyView {
  keys: number;
  keysWithoutDifference: number;
  countAccuracy: string;
  bookValue: string;
  differenceValue: string;
  valueAccuracy: string;
}

export const NO_FIGURES: AccuracyFigures = { keys: 0, keysWithoutDifference: 0, bookValue: 0n, differenceValue: 0n };

export function addFigures(a: AccuracyFigures, b: AccuracyFigures): AccuracyFigures {
  return {
    keys: a.keys + b.keys,
    keysWithoutDifference: a.keysWithoutDifference + b.keysWithoutDifference,
    bookValue: a.bookValue + b.bookValue,
    differenceValue: a.differenceValue + b.differenceValue,
  };
}

/** numerator / denominator with 4 decimals, half up (scaled by 10^4). */
export function ratio(numerator: bigint, denominator: bigint): bigint {
  return divRoundHalfUp(numerator * ONE, denominator);
}

export function countAccuracy(f: AccuracyFigures): bigint {
  return f.keys === 0 ? ONE : ratio(BigInt(f.keysWithoutDifference), BigInt(f.keys));
}

export function valueAccuracy(f: AccuracyFigures): bigint {
  if (f.bookValue === 0n) return f.differenceValue === 0n ? ONE : 0n;
  return ratio(f.bookValue - f.differenceValue, f.bookValue);
}

export function accuracyView(f: AccuracyFigures): AccuracyView {
  return {
    keys: f.keys,
    keysWithoutDifference: f.keysWithoutDifference,
    countAccuracy: formatScaled(countAccuracy(f), RATIO_SCALE),
    bookValue: Money.format(f.bookValue as MoneyT),
    differenceValue: Money.format(f.differenceValue as MoneyT),
    valueAccuracy: formatScaled(valueAccuracy(f), RATIO_SCALE),
  };
}

/**
 * Exact decimal numbers as scaled integers.
 *
 * Quantities carry 3 decimals, unit costs 5, money 2 (SPEC §6, §8). Each kind
 * is a branded bigint holding the number times 10^scale, so arithmetic stays
 * exact and the compiler keeps kinds apart. The only rounding in the system is
 * `divRoundHalfUp`; every other helper here goes through it.
 */

export type Quantity = bigint & { readonly __kind: 'quantity' };
export type UnitCost = bigint & { readonly __kind: 'unitCost' };
export type Money = bigint & { readonly __kind: 'money' };

export const QUANTITY_SCALE = 3;
export const UNIT_COST_SCALE = 5;
export const MONEY_SCALE = 2;
/** an alternative unit's factor: base units per alternative unit */
export const FACTOR_SCALE = 5;

const TEN = 10n;
/** powers of ten up to 10^18, computed once: scaling runs per movement line */
const POW10 = Array.from({ length: 19 }, (_, n) => TEN ** BigInt(n));
const pow10 = (n: number): bigint => POW10[n] ?? TEN ** BigInt(n);

/**
 * Divides and rounds half up, i.e. half away from zero (commercial rounding:
 * 2.345 → 2.35 and −2.345 → −2.35), so a value and its negation round alike.
 */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = (abs * 2n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/** Rescales a scaled integer from one scale to another, rounding half up. */
export function rescale(value: bigint, fromScale: number, toScale: number): bigint {
  if (toScale >= fromScale) return value * pow10(toScale - fromScale);
  return divRoundHalfUp(value, pow10(fromScale - toScale));
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * The largest scaled value the database holds: a signed 64-bit integer
 * (SQLite INTEGER, PostgreSQL bigint). The smallest is its negation (not
 * −2^63), so that every stored value can be negated.
 */
export const SCALED_MAX = 2n ** 63n - 1n;
export const SCALED_MIN = -SCALED_MAX;

/**
 * Parses a decimal string at a given scale. Returns undefined when the text is
 * not a plain decimal, carries more decimals than the scale allows, or does
 * not fit in 64 bits once scaled (beyond ±SCALED_MAX): the API refuses such
 * input instead of rounding it silently or failing when it is stored.
 */
export function parseScaled(text: string, scale: number): bigint | undefined {
  if (text.length > 64) return undefined;
  const m = DECIMAL.exec(text.trim());
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  if (fraction.length > scale) {
    // trailing zeros beyond the scale are harmless ("1.50000" as money)
    if (/[^0]/.test(fraction.slice(scale))) return undefined;
  }
  const digits = m[2] + fraction.slice(0, scale).padEnd(scale, '0');
  const v = BigInt(digits);
  if (v > SCALED_MAX) return undefined;
  return m[1] ? -v : v;
}

export function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const abs = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const int = abs.slice(0, abs.length - scale);
  const frac = abs.slice(abs.length - scale);
  return (negative ? '-' : '') + (scale > 0 ? `${int}.${frac}` : int);
}

/**
 * The largest magnitude (scaled, inclusive) an input of each kind may have.
 * Every scaled value is stored in a signed 64-bit column (max ≈ 9.22·10^18);
 * the bounds leave room for the sums the system stores (stock, purchases of a
 * year, closing values), so no input can make a stored value overflow:
 * quantity ≤ 999,999,999,999.999, unit cost ≤ 9,999,999,999.99999,
 * amount ≤ 9,999,999,999.99, factor ≤ 9,999,999,999.99999.
 */
export const MAX_SCALED = {
  quantity: 10n ** 15n - 1n,
  unitCost: 10n ** 15n - 1n,
  money: 10n ** 12n - 1n,
  factor: 10n ** 15n - 1n,
} as const;

/**
 * The largest exact line value |quantity × unit cost| (scale 8): just under
 * 10^15 in money, so a line's amount (scale 2, < 10^17) and the sums of
 * amounts the system stores stay far from the 64-bit limit. (Sums at scale 8
 * are exact bigints in memory; a stored one that would overflow is refused
 * by the database and answered 422 INV_ERR_STORED_VALUE_OVERFLOW.)
 */
export const MAX_EXACT_VALUE = 10n ** 23n - 1n;

function kind<T extends bigint>(scale: number, maxScaled: bigint) {
  return {
    scale,
    /** the largest magnitude an input of this kind may have (scaled) */
    max: maxScaled,
    /** true when |value| is within the kind's input range */
    inRange: (value: bigint): boolean => value <= maxScaled && value >= -maxScaled,
    /** the scaled value of a whole number, e.g. of(10n) = 10.000 */
    of: (units: bigint | number): T => (BigInt(units) * pow10(scale)) as T,
    /** wraps an already scaled integer read from the database */
    raw: (scaled: bigint): T => scaled as T,
    parse: (text: string): T | undefined => parseScaled(text, scale) as T | undefined,
    format: (value: bigint): string => formatScaled(value, scale),
    zero: 0n as T,
  };
}

export const Quantity = kind<Quantity>(QUANTITY_SCALE, MAX_SCALED.quantity);
export const UnitCost = kind<UnitCost>(UNIT_COST_SCALE, MAX_SCALED.unitCost);
export const Money = kind<Money>(MONEY_SCALE, MAX_SCALED.money);
export const Factor = kind<bigint>(FACTOR_SCALE, MAX_SCALED.factor);

/**
 * An exact value as quantity × unit cost, before any rounding: scale 3 + 5 = 8.
 * Layered methods and averages add these up and round once at the end.
 */
export type ExactValue = bigint & { readonly __kind: 'exactValue' };
export const EXACT_VALUE_SCALE = QUANTITY_SCALE + UNIT_COST_SCALE;

export function exactValue(q: Quantity, c: UnitCost): ExactValue {
  return (q * c) as ExactValue;
}

/** true when |q × c| fits the largest line value an input may make (MAX_EXACT_VALUE) */
export function lineValueInRange(q: bigint, c: bigint): boolean {
  const v = q * c;
  return v <= MAX_EXACT_VALUE && v >= -MAX_EXACT_VALUE;
}

export function moneyToExact(m: Money): ExactValue {
  return (m * pow10(EXACT_VALUE_SCALE - MONEY_SCALE)) as ExactValue;
}

export function roundExactToMoney(v: ExactValue | bigint): Money {
  return divRoundHalfUp(v, pow10(EXACT_VALUE_SCALE - MONEY_SCALE)) as Money;
}

/** A quantity in an alternative unit as base units: round(alt quantity × factor, 3). */
export function baseQuantity(altQuantity: Quantity, factor: bigint): Quantity {
  return rescale(altQuantity * factor, QUANTITY_SCALE + FACTOR_SCALE, QUANTITY_SCALE) as Quantity;
}

/** round(Q × unit cost, 2): how unit-cost methods value a quantity. */
export function valueOf(q: Quantity, c: UnitCost): Money {
  return roundExactToMoney(exactValue(q, c));
}

/** round(exact value / Q, 5): the unit cost shown for a value; 0 when Q is 0. */
export function unitCostOf(v: ExactValue | bigint, q: Quantity | bigint): UnitCost {
  if (q === 0n) return 0n as UnitCost;
  // exact scale 8 / quantity scale 3 = unit cost scale 5
  return divRoundHalfUp(v, q) as UnitCost;
}

export function abs<T extends bigint>(v: T): T {
  return (v < 0n ? -v : v) as T;
}

export function min<T extends bigint>(a: T, b: T): T {
  return a < b ? a : b;
}

export function max<T extends bigint>(a: T, b: T): T {
  return a > b ? a : b;
}

/**
 * The decimal types (src/core/decimal.ts) against expectations of their own:
 * literals written out by hand, decimal-digit rounding on strings, and the
 * defining inequality of half-up (half away from zero) rounding, never the
 * module's own formulas. Quantity ×10^3, unit cost ×10^5, money ×10^2, each a
 * signed 64-bit integer in the database.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseQuantity,
  divRoundHalfUp,
  formatScaled,
  Money,
  parseScaled,
  Quantity,
  rescale,
  roundExactToMoney,
  SCALED_MAX,
  SCALED_MIN,
  UnitCost,
  unitCostOf,
  valueOf,
} from '../../src/core/decimal.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';

/** 2^63 − 1, written out */
const INT64_MAX = 9223372036854775807n;

/**
 * Reference rounding on decimal digits: drops the last `drop` digits of an
 * integer, adding one to the magnitude when the first dropped digit is 5 or
 * more (half away from zero), then puts the sign back.
 */
function roundDigits(value: bigint, drop: number): bigint {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(drop + 1, '0');
  const kept = BigInt(digits.slice(0, digits.length - drop));
  const up = digits.charCodeAt(digits.length - drop) >= '5'.charCodeAt(0);
  const magnitude = up ? kept + 1n : kept;
  return negative ? -magnitude : magnitude;
}

/** r is n / d rounded half away from zero: |n − r·d| ≤ |d| / 2, and on a tie r lies beyond n / d, away from zero */
function isHalfUpQuotient(r: bigint, n: bigint, d: bigint): boolean {
  const abs = (x: bigint) => (x < 0n ? -x : x);
  const gap = abs(n - r * d) * 2n;
  if (gap > abs(d)) return false;
  if (gap < abs(d)) return true;
  return abs(r * d) > abs(n);
}

describe('64-bit limits', () => {
  it('the largest scaled value is 2^63 − 1, the smallest its negation', () => {
    expect(SCALED_MAX).toBe(INT64_MAX);
    expect(SCALED_MIN).toBe(-INT64_MAX);
  });

  it('unit costs: ±92233720368547.75807 is the last representable value; one unit more is refused, not wrapped or stored wrong', () => {
    expect(UnitCost.parse('92233720368547.75807')).toBe(INT64_MAX);
    expect(UnitCost.parse('-92233720368547.75807')).toBe(-INT64_MAX);
    expect(UnitCost.format(INT64_MAX)).toBe('92233720368547.75807');
    expect(UnitCost.format(-INT64_MAX)).toBe('-92233720368547.75807');
    expect(UnitCost.parse('92233720368547.75808')).toBeUndefined();
    expect(UnitCost.parse('-92233720368547.75808')).toBeUndefined(); // −2^63 is left out: every value can be negated
    expect(UnitCost.parse('99999999999999.99999')).toBeUndefined();
    expect(UnitCost.parse('999999999999999')).toBeUndefined();
    // an alternative unit's factor has the same scale, and the same limit
    expect(parseScaled('92233720368547.75807', 5)).toBe(INT64_MAX);
    expect(parseScaled('92233720368547.75808', 5)).toBeUndefined();
  });

  it('quantities and money: parsed up to 64 bits, accepted as input within each kind\'s range', () => {
    expect(Quantity.parse('999999999999999.999')).toBe(999_999_999_999_999_999n);
    expect(Quantity.parse('-999999999999999.999')).toBe(-999_999_999_999_999_999n);
    expect(Money.parse('999999999999999.99')).toBe(99_999_999_999_999_999n);
    expect(Quantity.parse('9223372036854775.808')).toBeUndefined(); // 2^63 scaled
    // input ranges (SPEC: room for the sums the system stores)
    expect(Quantity.inRange(Quantity.parse('999999999999.999')!)).toBe(true);
    expect(Quantity.inRange(Quantity.parse('-999999999999.999')!)).toBe(true);
    expect(Quantity.inRange(Quantity.parse('1000000000000')!)).toBe(false);
    expect(UnitCost.inRange(UnitCost.parse('9999999999.99999')!)).toBe(true);
    expect(UnitCost.inRange(UnitCost.parse('10000000000')!)).toBe(false);
    expect(Money.inRange(Money.parse('9999999999.99')!)).toBe(true);
    expect(Money.inRange(Money.parse('-10000000000.00')!)).toBe(false);
  });

  it('whatever is parsed fits in 64 bits; whatever fits (15 integer digits) is parsed exactly', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{1,15}$/),
        fc.stringMatching(/^[0-9]{0,5}$/),
        fc.constantFrom(2, 3, 5),
        (negative, int, fraction, scale) => {
          const text = `${negative ? '-' : ''}${int}${fraction ? `.${fraction}` : ''}`;
          const parsed = parseScaled(text, scale);
          if (fraction.length > scale && /[^0]/.test(fraction.slice(scale))) {
            expect(parsed).toBeUndefined();
            return;
          }
          const magnitude = BigInt(int + fraction.slice(0, scale).padEnd(scale, '0'));
          if (magnitude > INT64_MAX) expect(parsed).toBeUndefined();
          else expect(parsed).toBe(negative ? -magnitude : magnitude);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe.each(dialects)('64-bit limits in the database [%s]', (dialect) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(dialect);
    await seedFixture(store);
  });
  afterAll(async () => store.dispose());

  const setCost = (cost: bigint) => store.db.updateTable('items').set({ standard_cost: cost as UnitCost }).where('code', '=', 'A').execute();
  const readCost = async () => (await store.db.selectFrom('items').select('standard_cost').where('code', '=', 'A').executeTakeFirstOrThrow()).standard_cost;

  it('holds the largest and the smallest value exactly, and refuses one beyond', async () => {
    await setCost(INT64_MAX);
    expect(await readCost()).toBe(INT64_MAX);
    await setCost(-INT64_MAX);
    expect(await readCost()).toBe(-INT64_MAX);
    // the reason parse stops there: the column itself cannot take more
    await expect(setCost(INT64_MAX + 1n)).rejects.toThrow();
    expect(await readCost()).toBe(-INT64_MAX);
  });
});

describe('half-up rounding (half away from zero), negatives alike', () => {
  it('divides and rounds: ties go away from zero on both sides, whatever the signs', () => {
    const cases: [bigint, bigint, bigint][] = [
      [25n, 10n, 3n],
      [-25n, 10n, -3n],
      [24n, 10n, 2n],
      [-24n, 10n, -2n],
      [26n, 10n, 3n],
      [-26n, 10n, -3n],
      [15n, -10n, -2n],
      [-15n, -10n, 2n],
      [1n, 2n, 1n],
      [-1n, 2n, -1n],
      [1n, 3n, 0n],
      [-1n, 3n, 0n],
      [2n, 3n, 1n],
      [-2n, 3n, -1n],
      [0n, 7n, 0n],
    ];
    for (const [n, d, r] of cases) expect([n, d, divRoundHalfUp(n, d)]).toEqual([n, d, r]);
    expect(() => divRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });

  it('divRoundHalfUp meets the definition for any numerator and divisor, far beyond 64 bits', () => {
    const big = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
    fc.assert(
      fc.property(big, big.filter((d) => d !== 0n), (n, d) => {
        expect(isHalfUpQuotient(divRoundHalfUp(n, d), n, d)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // ties only: n = (2k + 1) · d / 2
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.boolean(), (k, half, negD) => {
        const d = negD ? -2n * half : 2n * half;
        const n = (2n * k + 1n) * half;
        const r = divRoundHalfUp(n, d);
        // |n / d| = |2k + 1| / 2: the answer is the neighbour away from zero, (|2k + 1| + 1) / 2 with the sign of n / d
        const odd = 2n * k + 1n < 0n ? -(2n * k + 1n) : 2n * k + 1n;
        expect(r).toBe(((odd + 1n) / 2n) * (n * d > 0n ? 1n : -1n));
        expect(isHalfUpQuotient(r, n, d)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('rescale to fewer decimals rounds like the digits do; to more decimals it is exact', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), (v, from, to) => {
        const r = rescale(v, from, to);
        if (to >= from) expect(r).toBe(v * 10n ** BigInt(to - from));
        else expect(r).toBe(roundDigits(v, from - to));
      }),
      { numRuns: 3000 },
    );
  });

  it('values: round(exact, 2) and round(Q × unit cost, 2), negatives alike', () => {
    // exact values carry 8 decimals
    expect(roundExactToMoney(2_34500000n)).toBe(2_35n); // 2.345 → 2.35
    expect(roundExactToMoney(-2_34500000n)).toBe(-2_35n); // −2.345 → −2.35
    expect(roundExactToMoney(2_34499999n)).toBe(2_34n);
    expect(roundExactToMoney(-2_34499999n)).toBe(-2_34n);
    expect(roundExactToMoney(500000n)).toBe(1n); // 0.005 → 0.01
    expect(roundExactToMoney(-500000n)).toBe(-1n);
    expect(valueOf(Quantity.parse('-3.333')!, UnitCost.parse('1.50000')!)).toBe(-5_00n); // −4.9995 → −5.00
    expect(valueOf(Quantity.parse('3.333')!, UnitCost.parse('1.50000')!)).toBe(5_00n);
    expect(valueOf(Quantity.parse('0.001')!, UnitCost.parse('4.99999')!)).toBe(0n); // 0.00499999
    // at the limits: the exact product is a plain bigint, never a float
    expect(valueOf(Quantity.parse('999999999999999.999')!, UnitCost.parse('92233720368547.75807')!)).toBe(roundDigits(999_999_999_999_999_999n * INT64_MAX, 6));
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.bigInt({ min: -INT64_MAX, max: INT64_MAX }), (q, c) => {
        expect(valueOf(q as Quantity, c as UnitCost)).toBe(roundDigits(q * c, 6));
      }),
      { numRuns: 2000 },
    );
  });

  it('unit costs: round(exact value / Q, 5), 0 at Q = 0', () => {
    // worked example B: 400.00 / 170 = 2.352941… → 2.35294
    expect(unitCostOf(400_00000000n, 170_000n)).toBe(2_35294n);
    expect(unitCostOf(-400_00000000n, 170_000n)).toBe(-2_35294n);
    // 1 / 3 at 5 decimals, 2 / 3, and a tie: 0.000005 → 0.00001, −0.000005 → −0.00001
    expect(unitCostOf(1_00000000n, 3_000n)).toBe(33333n);
    expect(unitCostOf(2_00000000n, 3_000n)).toBe(66667n);
    expect(unitCostOf(-2_00000000n, 3_000n)).toBe(-66667n);
    expect(unitCostOf(500n, 1_000n)).toBe(1n);
    expect(unitCostOf(-500n, 1_000n)).toBe(-1n);
    expect(unitCostOf(500n, -1_000n)).toBe(-1n);
    expect(unitCostOf(499n, 1_000n)).toBe(0n);
    expect(unitCostOf(123n, 0n)).toBe(0n);
  });

  it('alternative units: round(quantity × factor, 3)', () => {
    // 2.5 × 1.33333 = 3.333325 → 3.333; 0.5 × 0.00001 = 0.000005 → 0.000 … and the negatives
    expect(baseQuantity(Quantity.parse('2.5')!, parseScaled('1.33333', 5)!)).toBe(3_333n);
    expect(baseQuantity(Quantity.parse('-2.5')!, parseScaled('1.33333', 5)!)).toBe(-3_333n);
    expect(baseQuantity(Quantity.parse('0.005')!, parseScaled('0.1', 5)!)).toBe(1n); // 0.0005 → 0.001
    expect(baseQuantity(Quantity.parse('-0.005')!, parseScaled('0.1', 5)!)).toBe(-1n);
  });
});

describe('parse and format', () => {
  it('parses plain decimals at the scale, refuses what would need rounding or is not a decimal', () => {
    expect(Quantity.parse('1.5')).toBe(1_500n);
    expect(Quantity.parse('-0.001')).toBe(-1n);
    expect(Quantity.parse(' 7 ')).toBe(7_000n);
    expect(Money.parse('1.50000')).toBe(1_50n); // zeros beyond the scale are harmless
    expect(Money.parse('1.505')).toBeUndefined(); // never rounded silently
    for (const bad of ['', '-', '.5', '1.', '1e3', '+1', '1,5', '0x10', 'NaN', '--1', '1 000']) expect([bad, Quantity.parse(bad)]).toEqual([bad, undefined]);
  });

  it('formats with every decimal of the scale, the sign in front', () => {
    expect(Quantity.format(0n)).toBe('0.000');
    expect(Quantity.format(-5n)).toBe('-0.005');
    expect(Money.format(-1_234_56n)).toBe('-1234.56');
    expect(UnitCost.format(1n)).toBe('0.00001');
    expect(formatScaled(42n, 0)).toBe('42');
  });

  it('format then parse gives the value back, over the whole range of each kind', () => {
    for (const kind of [Quantity, UnitCost, Money]) {
      // what parses: every value that fits a signed 64-bit column (−2^63 left out)
      const max = INT64_MAX;
      fc.assert(
        fc.property(fc.oneof(fc.bigInt({ min: -max, max }), fc.constantFrom(max, -max, 0n, 1n, -1n)), (v) => {
          expect(kind.parse(kind.format(v))).toBe(v);
        }),
        { numRuns: 1000 },
      );
      expect(kind.parse(kind.format(max + 1n))).toBeUndefined();
    }
  });
});

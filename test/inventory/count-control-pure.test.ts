/**
 * The pure parts of count control (SPEC §11): the tolerance rule against an
 * independent formulation (fast-check), the recount rounds, and the accuracy
 * ratios with hand-computed figures.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isOverTolerance } from '../../src/inventory/tolerance.ts';
import { effectiveCounts, type RoundLine } from '../../src/inventory/recount-rounds.ts';
import { accuracyView } from '../../src/inventory/accuracy.ts';
import { NO_CONTROL, toleranceFor } from '../../src/inventory/count-control.ts';

/**
 * SPEC §11 read literally, on real numbers: over when |difference| > book × pct / 100
 * (any difference when book = 0) or |value| > value tolerance, in doubles with
 * one division: in these ranges (products below 2^53) a whole |b| × p / 10 000
 * is computed exactly and any other lies at least 10^-4 from a whole number,
 * far beyond the rounding error.
 */
function literal(d: number, b: number, v: number, pct: number, valueTol: number): boolean {
  if (d === 0) return false;
  // in thousandths of the unit: book × (pct hundredths / 100) / 100, one division
  const byQuantity = b === 0 ? true : Math.abs(d) > (Math.abs(b) * pct) / 10_000;
  // both in hundredths of the currency
  const byValue = Math.abs(v) > valueTol;
  return byQuantity || byValue;
}

describe('tolerance rule (SPEC §11)', () => {
  it('matches the literal rule on random lines', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (d, b, v, pct, valueTol) => {
          expect(isOverTolerance(BigInt(d), BigInt(b), BigInt(v), { quantityPct: BigInt(pct), value: BigInt(valueTol) })).toBe(literal(d, b, v, pct, valueTol));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('matches the literal rule at the quantity boundary (difference = book × pct / 100 exactly)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: -1, max: 1 }), (b, pct, step) => {
        // book b (3 decimals) whose pct share is a whole number of thousandths, then one thousandth around it
        const book = b * 10_000;
        const edge = (book * pct) / 10_000 + step;
        const t = { quantityPct: BigInt(pct), value: 10n ** 15n };
        expect(isOverTolerance(BigInt(edge), BigInt(book), 0n, t)).toBe(literal(edge, book, 0, pct, 1e15));
        expect(isOverTolerance(BigInt(-edge), BigInt(book), 0n, t)).toBe(step > 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('is within at equality, over one unit beyond, and over for any difference on book 0', () => {
    const t = { quantityPct: 500n, value: 1000n }; // 5.00 %, 10.00
    expect(isOverTolerance(-5000n, 100000n, -1000n, t)).toBe(false); // −5 of 100, value 10.00: both equal
    expect(isOverTolerance(-5001n, 100000n, -1000n, t)).toBe(true); // −5.001 of 100
    expect(isOverTolerance(-5000n, 100000n, -1001n, t)).toBe(true); // value 10.01
    expect(isOverTolerance(1n, 0n, 0n, t)).toBe(true); // 0.001 on book 0
    expect(isOverTolerance(0n, 0n, 0n, { quantityPct: 0n, value: 0n })).toBe(false);
    expect(isOverTolerance(5000n, -100000n, 1000n, t)).toBe(false); // negative book: its magnitude
    expect(isOverTolerance(1n, 100000n, 0n, { quantityPct: 0n, value: 0n })).toBe(true); // zero tolerance: any difference
  });
});

describe('class tolerances', () => {
  it("take the class's parts where set, else the warehouse's", () => {
    const control = { ...NO_CONTROL, tolerance: { quantityPct: 500n, value: 1000n }, classes: new Map([['A', { quantityPct: 100n }], ['C', {}]]) };
    expect(toleranceFor(control, 'A')).toEqual({ quantityPct: 100n, value: 1000n });
    expect(toleranceFor(control, 'B')).toEqual({ quantityPct: 500n, value: 1000n });
    expect(toleranceFor(control, 'C')).toEqual({ quantityPct: 500n, value: 1000n });
    expect(toleranceFor(control, undefined)).toEqual({ quantityPct: 500n, value: 1000n });
  });
});

const line = (over: Partial<RoundLine>): RoundLine => ({
  warehouseId: 1,
  itemId: 1,
  variant: '',
  lot: '',
  serial: '',
  location: '',
  jobOrder: '',
  account: '',
  counted: 0n,
  snapshot: 0n,
  listId: 1,
  round: 0,
  isCounted: true,
  employee: 'E1',
  at: '2026-03-10T10:00:00.000Z',
  ...over,
});

describe('recount rounds', () => {
  it('takes the latest counted round of a key, sums the first round of the others, ignores pre-filled lines', () => {
    const lines = [
      line({ itemId: 1, listId: 1, counted: 4000n }),
      line({ itemId: 1, listId: 2, counted: 3000n, employee: 'E2' }),
      line({ itemId: 2, listId: 1, counted: 9000n }),
      line({ itemId: 1, listId: 3, round: 1, counted: 8000n, employee: 'E3' }),
      line({ itemId: 2, listId: 3, round: 1, counted: 0n, isCounted: false, employee: 'E3' }),
      line({ itemId: 1, listId: 4, round: 2, counted: 0n, isCounted: false, employee: 'E4' }),
    ];
    const eff = effectiveCounts(lines);
    expect(eff.lines.map((l) => [l.itemId, l.counted])).toEqual([
      [2, 9000n],
      [1, 8000n],
    ]);
    const k1 = [...eff.counts.keys()][0];
    expect(eff.counts.get(k1)!.map((c) => [c.listId, c.employee, c.round, c.quantity])).toEqual([
      [1, 'E1', 0, 4000n],
      [2, 'E2', 0, 3000n],
      [3, 'E3', 1, 8000n],
    ]);
    expect(eff.roundOf.get(k1)).toBe(1);
    expect([...eff.roundOf.values()]).toEqual([1, 0]);
  });
});

describe('accuracy ratios (4 decimals, half up)', () => {
  const view = (keys: number, without: number, book: bigint, diff: bigint) => accuracyView({ keys, keysWithoutDifference: without, bookValue: book, differenceValue: diff });

  it('rounds half up at the fourth decimal', () => {
    // 1/32 = 0.03125 → 0.0313; 2/3 = 0.66666… → 0.6667; 1/3 → 0.3333
    expect(view(32, 1, 0n, 0n).countAccuracy).toBe('0.0313');
    expect(view(3, 2, 0n, 0n).countAccuracy).toBe('0.6667');
    expect(view(3, 1, 0n, 0n).countAccuracy).toBe('0.3333');
    // value: 1 − 20.50 / 600.00 = 579.50 / 600 = 0.965833… → 0.9658; 1 − 1.00 / 32.00 = 0.96875 → 0.9688
    expect(view(5, 3, 60000n, 2050n)).toEqual({ keys: 5, keysWithoutDifference: 3, countAccuracy: '0.6000', bookValue: '600.00', differenceValue: '20.50', valueAccuracy: '0.9658' });
    expect(view(1, 0, 3200n, 100n).valueAccuracy).toBe('0.9688');
  });

  it('answers 1.0000 without keys or book value, and keeps the formula below zero', () => {
    expect(view(0, 0, 0n, 0n)).toMatchObject({ countAccuracy: '1.0000', valueAccuracy: '1.0000' });
    expect(view(1, 0, 0n, 500n).valueAccuracy).toBe('0.0000');
    // differences worth 2.5 times the book: 1 − 25.00 / 10.00 = −1.5000
    expect(view(1, 0, 1000n, 2500n).valueAccuracy).toBe('-1.5000');
  });
});

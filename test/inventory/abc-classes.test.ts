/** The pure ABC ranking of cycle counting (SPEC §11): hand-written splits, and a property against a naive formulation. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classify, countIntervalDays, type AbcClass } from '../../src/inventory/abc-classes.ts';

/** money strings as scaled integers, written by hand: "300.00" → 30000n */
const m = (text: string) => BigInt(text.replace('.', ''));
const classesOf = (rows: { item: string; value: bigint }[]) => Object.fromEntries(classify(rows).map((r) => [r.item, r.class]));

describe('classify', () => {
  it('splits 10 items 80 / 15 / 5: the item reaching 80 % exactly is the last A, the one crossing 95 % the last B', () => {
    // total 1000.00; cumulative after each: 300, 550, 700, 800 (= 80 %), 880, 930, 960 (crosses 95 %), 980, 995, 1000
    const rows = [
      { item: 'I06', value: m('50.00') },
      { item: 'I01', value: m('300.00') },
      { item: 'I10', value: m('5.00') },
      { item: 'I03', value: m('150.00') },
      { item: 'I08', value: m('20.00') },
      { item: 'I02', value: m('250.00') },
      { item: 'I05', value: m('80.00') },
      { item: 'I09', value: m('15.00') },
      { item: 'I04', value: m('100.00') },
      { item: 'I07', value: m('30.00') },
      { item: 'I11', value: 0n },
    ];
    const out = classify(rows);
    expect(out.map((r) => `${r.item}:${r.class}`)).toEqual([
      'I01:A', 'I02:A', 'I03:A', 'I04:A',
      'I05:B', 'I06:B', 'I07:B',
      'I08:C', 'I09:C', 'I10:C', 'I11:C',
    ]);
  });

  it('the item that crosses 80 % is A (not only the one reaching it)', () => {
    // total 100
    // ranked by value: X 79 (before 0: A), Y 15 (before 79: A), Z 4 (before 94: B, crosses 95), W 2 (before 98: C)
    expect(classesOf([{ item: 'X', value: 79n }, { item: 'W', value: 2n }, { item: 'Z', value: 4n }, { item: 'Y', value: 15n }])).toEqual({ X: 'A', Y: 'A', Z: 'B', W: 'C' });
  });

  it('ties rank by item code; one item holding everything is A and the rest C', () => {
    const out = classify([{ item: 'B', value: 500n }, { item: 'A', value: 500n }, { item: 'C', value: 0n }]);
    // total 1000: A before 0 → A; B before 500 < 800 → A; C before 1000 → C
    expect(out.map((r) => `${r.item}:${r.class}`)).toEqual(['A:A', 'B:A', 'C:C']);
    expect(classesOf([{ item: 'ONLY', value: 1n }, { item: 'Z', value: 0n }])).toEqual({ ONLY: 'A', Z: 'C' });
  });

  it('no outgoing value at all: every item is C; no items: nothing', () => {
    expect(classesOf([{ item: 'A', value: 0n }, { item: 'B', value: 0n }])).toEqual({ A: 'C', B: 'C' });
    expect(classify([])).toEqual([]);
  });

  it('keeps what the caller put in the rows', () => {
    expect(classify([{ item: 'A', value: 1n, id: 7 }])[0]).toEqual({ item: 'A', value: 1n, id: 7, class: 'A' });
  });

  it('counts per year → days between counts: floor(365 / f)', () => {
    expect([12, 4, 1, 2, 365, 500].map(countIntervalDays)).toEqual([30, 91, 365, 182, 1, 1]);
    expect(countIntervalDays(0)).toBeNull();
  });
});

/**
 * Naive formulation: rank by code, then (stable) by value descending; A is
 * the shortest prefix whose share of the total is ≥ 4/5, the prefix up to
 * the shortest one with share ≥ 19/20 adds B, the rest is C (a total of 0
 * gives empty A and B prefixes). Shares compared as fractions.
 */
function naive(rows: { item: string; value: bigint }[]): Record<string, AbcClass> {
  const byCode = [...rows].sort((a, b) => (a.item < b.item ? -1 : 1));
  const ranked = byCode.map((r, i) => ({ r, i })).sort((a, b) => (a.r.value === b.r.value ? a.i - b.i : a.r.value > b.r.value ? -1 : 1)).map((x) => x.r);
  const total = ranked.reduce((s, r) => s + r.value, 0n);
  const prefix = (n: number) => ranked.slice(0, n).reduce((s, r) => s + r.value, 0n);
  const shortest = (num: bigint, den: bigint) => {
    for (let n = 0; n <= ranked.length; n++) if (prefix(n) * den >= total * num) return n;
    return ranked.length;
  };
  const a = shortest(4n, 5n);
  const b = shortest(19n, 20n);
  return Object.fromEntries(ranked.map((r, i) => [r.item, i < a ? 'A' : i < b ? 'B' : 'C']));
}

describe('classify against the naive formulation', () => {
  it('agrees on random ledgers (distinct codes, values up to 10^12, many ties and zeros)', () => {
    const value = fc.oneof(fc.constantFrom(0n, 1n, 100n), fc.bigInt({ min: 0n, max: 10n ** 12n }));
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ item: fc.string({ minLength: 1, maxLength: 4 }), value }), { selector: (r) => r.item, maxLength: 40 }), (rows) => {
        expect(classesOf(rows)).toEqual(naive(rows));
        // and the shares hold: A's value ≥ 80 %, A and B ≥ 95 %, without its last item A is < 80 %
        const out = classify(rows);
        const total = rows.reduce((s, r) => s + r.value, 0n);
        const sum = (cls: AbcClass[]) => out.filter((r) => cls.includes(r.class)).reduce((s, r) => s + r.value, 0n);
        if (total > 0n) {
          expect(sum(['A']) * 100n >= total * 80n).toBe(true);
          expect(sum(['A', 'B']) * 100n >= total * 95n).toBe(true);
          const as = out.filter((r) => r.class === 'A');
          expect((sum(['A']) - as[as.length - 1].value) * 100n < total * 80n).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

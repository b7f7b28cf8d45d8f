/**
 * ABC classes of cycle counting (SPEC §11), pure: the items of a warehouse
 * ranked by the value of their outgoing movements over the last 12 months.
 *
 * Ranking: outgoing value descending, ties by item code (ascending, by code
 * unit order, as JavaScript compares strings). With T the total value and
 * `before` the cumulative value of the items ranked ahead of an item:
 *   - A when before < 80 % of T: the smallest prefix whose value reaches at
 *     least 80 % of T (the item that crosses or reaches 80 % is A);
 *   - B when 80 % of T ≤ before < 95 % of T: the items after A up to and
 *     including the one that crosses or reaches 95 %;
 *   - C the rest: every item with no outgoing value (they have before = T),
 *     and all items when T = 0.
 * Compared exactly: before × 100 < T × 80 (BigInt, no floats).
 */

export type AbcClass = 'A' | 'B' | 'C';
export const ABC_CLASSES: readonly AbcClass[] = ['A', 'B', 'C'];

/** counts per year of each class when `count_control_classes` has no row for it (SPEC §11) */
export const DEFAULT_COUNTS_PER_YEAR: Readonly<Record<AbcClass, number>> = { A: 12, B: 4, C: 1 };

/** cumulative share bounds in percent: A up to 80, B up to 95 */
const A_BOUND = 80n;
const B_BOUND = 95n;

export interface AbcInput {
  /** the item code (ties and the output order) */
  item: string;
  /** outgoing value, money scaled by 2 (≥ 0) */
  value: bigint;
}

/** An input row (with whatever else the caller put in it) and its class. */
export type AbcRow<T extends AbcInput = AbcInput> = T & { class: AbcClass };

const byValueThenCode = (a: AbcInput, b: AbcInput) => (a.value === b.value ? (a.item < b.item ? -1 : a.item > b.item ? 1 : 0) : a.value > b.value ? -1 : 1);

/** The classes of the rows, in ranking order (value descending, then item code). */
export function classify<T extends AbcInput>(rows: readonly T[]): AbcRow<T>[] {
  for (const r of rows) if (r.value < 0n) throw new RangeError(`negative outgoing value of ${r.item}`);
  const ranked = [...rows].sort(byValueThenCode);
  const total = ranked.reduce((s, r) => s + r.value, 0n);
  let before = 0n;
  return ranked.map((r) => {
    const cls: AbcClass = before * 100n < total * A_BOUND ? 'A' : before * 100n < total * B_BOUND ? 'B' : 'C';
    before += r.value;
    return { ...r, class: cls };
  });
}

/**
 * Days between two counts of a class: floor(365 / counts per year), at least
 * 1 (A 12 → 30, B 4 → 91, C 1 → 365). A class counted 0 times a year is never
 * due: null.
 */
export function countIntervalDays(countsPerYear: number): number | null {
  if (!(countsPerYear > 0)) return null;
  return Math.max(1, Math.floor(365 / countsPerYear));
}

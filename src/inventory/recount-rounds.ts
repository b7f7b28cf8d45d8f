/**
 * Recount rounds (SPEC §11), pure: which counts of a key make its counted
 * quantity, and the list of every count of it.
 *
 * - lines not counted yet (a recount list's pre-filled keys, `counted` false)
 *   are ignored everywhere;
 * - a key counted in a recount round takes the quantity of the latest round
 *   that has a counted line for it (summed over that round's lists);
 * - any other key keeps the sum over the first-round lists (SPEC §5 step 1).
 */
import { stockKeyString } from '../ledger/keys.ts';
import type { CountedLine } from './stock-differences-compute.ts';

/** A line of a list without closing date, with where and when it was counted. */
export interface RoundLine extends CountedLine {
  listId: number;
  /** 0: first count; n: the n-th recount round */
  round: number;
  /** false: pre-filled by a recount list and not counted yet */
  isCounted: boolean;
  /** the employee code of the list */
  employee: string;
  /** when the line was last counted (updated, else inserted) */
  at: string;
}

/** One count of a key as the differences show it. */
export interface CountEntry {
  listId: number;
  employee: string;
  round: number;
  quantity: bigint;
  at: string;
}

export interface EffectiveCounts {
  /** the lines the differences sum (one round per key) */
  lines: CountedLine[];
  /** every count of every key, in list order (first count, then recounts) */
  counts: Map<string, CountEntry[]>;
  /** the round a key's counted quantity comes from */
  roundOf: Map<string, number>;
}

export function effectiveCounts(all: Iterable<RoundLine>): EffectiveCounts {
  const counts = new Map<string, CountEntry[]>();
  const roundOf = new Map<string, number>();
  const kept: { k: string; line: RoundLine }[] = [];
  for (const line of all) {
    if (!line.isCounted) continue;
    const k = stockKeyString(line);
    const entry: CountEntry = { listId: line.listId, employee: line.employee, round: line.round, quantity: line.counted, at: line.at };
    const list = counts.get(k);
    if (list) list.push(entry);
    else counts.set(k, [entry]);
    if (line.round > (roundOf.get(k) ?? -1)) roundOf.set(k, line.round);
    kept.push({ k, line });
  }
  for (const c of counts.values()) c.sort((a, b) => a.round - b.round || a.listId - b.listId);
  const lines: CountedLine[] = [];
  for (const { k, line } of kept) {
    if (line.round !== roundOf.get(k)) continue;
    lines.push({
      warehouseId: line.warehouseId,
      itemId: line.itemId,
      variant: line.variant,
      lot: line.lot,
      serial: line.serial,
      location: line.location,
      jobOrder: line.jobOrder,
      account: line.account,
      counted: line.counted,
      snapshot: line.snapshot,
    });
  }
  return { lines, counts, roundOf };
}

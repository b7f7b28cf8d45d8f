/**
 * The negative-stock check of an inventory posting without reading the
 * ledger again (issue 20), where it can be proven from what the posting
 * already read; every key it cannot prove goes to the ledger check
 * (ledger/negative-stock.ts), which also words any refusal.
 *
 * The ledger check refuses when a checked level (checkLevels; textLevels here) of a lowered
 * key has stock < 0 at a date ≥ the posting date P, summing the movements
 * after the last closing. For a level of warehouse W and item I that stock
 * is known exactly without the ledger when
 * - the book stock the differences were computed from (every non-zero key of
 *   W at the stock date S, summed after closingBefore(S)) starts after the
 *   same closing as the check (closingBefore(S) = lastClosingDate);
 * - every record of the posting is dated ≥ S and none has a mirror (all the
 *   posted lines are known, in the counted warehouses);
 * - W holds no movement of I dated after S, the posting's own lines
 *   included (an indexed probe, read after they were written: P > S makes
 *   every item fall back).
 * Then for every date t ≥ P the level's stock is Σ book(S) of its keys +
 * Σ posted quantities of its keys, one constant: the ledger check would
 * refuse exactly when it is < 0. A key is proven when all its levels are
 * proven and ≥ 0; a negative level is left to the ledger check, which finds
 * and words it.
 */
import { yearOf } from '../core/dates.ts';
import type { PlannedRecord } from '../ledger/plan.ts';
import { policyFor, type AffectedKey, type NegativePolicy } from '../ledger/negative-stock.ts';
import { KEY_SEPARATOR, stockKeyString } from '../ledger/keys.ts';
import type { Store } from '../db/connection.ts';
import { itemsMovedAfter } from '../db/rows.ts';
import { lastClosingDate } from '../ledger/period.ts';
import { closingBefore } from '../ledger/stock.ts';
import type { Db } from '../db/db.ts';
import type { BookStock } from './stock-differences-compute.ts';
import { phases } from '../core/profile.ts';


/** Keys proven here and keys left to the ledger check, since the start (for tests and the bench). */
export const negativeStockProofStats = { proven: 0, left: 0 };

export interface PostedStock {
  /** the book stock the differences were computed from (all non-zero keys of the counted warehouses) */
  book: BookStock;
  /** the warehouses whose every key is in `book` */
  warehouseIds: number[];
  stockDate: string;
  /** what the posting writes */
  records: PlannedRecord[];
}

/** The lowered keys the ledger check still has to look at (all of them when nothing can be proven). */
export async function keysToCheck(db: Db, store: Store, posted: PostedStock, lowered: AffectedKey[]): Promise<AffectedKey[]> {
  if (lowered.length === 0) return lowered;
  return count(lowered, await provenLeft(db, store, posted, lowered));
}

async function provenLeft(db: Db, store: Store, posted: PostedStock, lowered: AffectedKey[]): Promise<AffectedKey[]> {
  const phase = phases('proof');
  const S = posted.stockDate;
  if (posted.records.some((r) => r.date < S || r.template.offset_warehouse_id !== null || r.template.offset_template_id !== null)) return lowered;
  if ((await closingBefore(db, S)) !== (await lastClosingDate(db))) return lowered;
  const counted = new Set(posted.warehouseIds);
  if (posted.records.some((r) => !counted.has(r.warehouseId))) return lowered;

  // the policies as the ledger check reads them (the year of the earliest change)
  const year = yearOf(lowered.reduce((a, k) => (k.from < a ? k.from : a), lowered[0].from));
  const policies = new Map<number, NegativePolicy>();
  for (const wh of new Set(lowered.map((k) => k.warehouseId))) if (counted.has(wh)) policies.set(wh, await policyFor(db, wh, year));

  // items of the lowered keys with a movement after the stock date, per warehouse (indexed probes: warehouse, item, date)
  const loweredItems = new Map<number, Set<number>>();
  for (const k of lowered) if (policies.has(k.warehouseId)) (loweredItems.get(k.warehouseId) ?? loweredItems.set(k.warehouseId, new Set()).get(k.warehouseId)!).add(k.itemId);
  /** per warehouse: the lowered items without a later movement, whose levels are summed here */
  const provableItems = new Map<number, Set<number>>();
  for (const [wh, items] of loweredItems) {
    const moved = await itemsMovedAfter(db, store, wh, [...items].sort((a, b) => a - b), S);
    provableItems.set(wh, new Set([...items].filter((i) => !moved.has(i))));
  }
  phase(`items moved after the stock date probed (${lowered.length} keys)`);
  const provable = (wh: number, item: number) => provableItems.get(wh)?.has(item) === true;

  // the levels of every provable lowered key, and their stock from the book and the posted lines
  const wLevels = new Map<string, bigint>();
  const lLevels = new Map<string, bigint>();
  const sLevels = new Map<string, bigint>();
  const levelsOf = (text: string) => textLevels(text, policies.get(Number(text.slice(0, text.indexOf(KEY_SEPARATOR))))!);
  const loweredLevels = lowered.map((k) => (provable(k.warehouseId, k.itemId) ? levelsOf(stockKeyString(k)) : undefined));
  for (const ls of loweredLevels) {
    if (!ls) continue;
    if (ls[0] !== undefined) wLevels.set(ls[0], 0n);
    if (ls[1] !== undefined) lLevels.set(ls[1], 0n);
    if (ls[2] !== undefined) sLevels.set(ls[2], 0n);
  }
  if (wLevels.size + lLevels.size + sLevels.size === 0) return lowered;
  const add = (text: string, quantity: bigint) => {
    const [w, l, s] = levelsOf(text);
    let q: bigint | undefined;
    if (w !== undefined && (q = wLevels.get(w)) !== undefined) wLevels.set(w, q + quantity);
    if (l !== undefined && (q = lLevels.get(l)) !== undefined) lLevels.set(l, q + quantity);
    if (s !== undefined && (q = sLevels.get(s)) !== undefined) sLevels.set(s, q + quantity);
  };
  posted.book.forEach((quantity, text) => {
    // "warehouse U+0001 item U+0001 …" (stockKeyString): only keys of provable items are taken apart
    const a = text.indexOf(KEY_SEPARATOR);
    const b = text.indexOf(KEY_SEPARATOR, a + 1);
    if (provable(Number(text.slice(0, a)), Number(text.slice(a + 1, b)))) add(text, quantity);
  });
  phase('book stock summed by level');
  for (const r of posted.records) {
    for (const m of r.lines) {
      if (!provable(r.warehouseId, m.itemId)) continue;
      add(stockKeyString({ warehouseId: r.warehouseId, itemId: m.itemId, variant: m.variant, location: m.location, lot: m.lot, serial: m.serial, jobOrder: m.jobOrder, account: m.account }), m.quantity);
    }
  }
  phase('posted lines summed by level');
  const negative = (ls: Levels) =>
    (ls[0] !== undefined && wLevels.get(ls[0])! < 0n) || (ls[1] !== undefined && lLevels.get(ls[1])! < 0n) || (ls[2] !== undefined && sLevels.get(ls[2])! < 0n);
  return lowered.filter((_, i) => loweredLevels[i] === undefined || negative(loweredLevels[i]));
}

/** A key's checked levels: [warehouse level, lot level, serial level], undefined where not checked. */
type Levels = [string | undefined, string | undefined, string | undefined];

/**
 * The checked levels of a text key (stockKeyString: warehouse, item, variant,
 * lot, serial, location, job order, account), grouped as the ledger check
 * groups them (negative-stock.ts#checkLevels): the warehouse level keeps
 * warehouse, item, variant and the dimensions the policy checks (unless
 * negative stock is allowed); a lot level warehouse, item, variant, lot;
 * a serial level warehouse, item, serial. Built from slices of the text:
 * called for every key of the counted warehouses.
 */
export function textLevels(text: string, policy: NegativePolicy): Levels {
  const S = KEY_SEPARATOR;
  const p1 = text.indexOf(S);
  const p2 = text.indexOf(S, p1 + 1);
  const p3 = text.indexOf(S, p2 + 1);
  const p4 = text.indexOf(S, p3 + 1);
  const p5 = text.indexOf(S, p4 + 1);
  let w: string | undefined;
  if (!policy.allowNegative) {
    w = text.slice(0, p3);
    if (policy.checkLocation || policy.checkJobOrder || policy.checkAccount) {
      const p6 = text.indexOf(S, p5 + 1);
      const p7 = text.indexOf(S, p6 + 1);
      const dim = (on: boolean, v: string) => (on ? v : '*');
      w += S + dim(policy.checkLocation, text.slice(p5 + 1, p6)) + S + dim(policy.checkJobOrder, text.slice(p6 + 1, p7)) + S + dim(policy.checkAccount, text.slice(p7 + 1));
    }
  }
  const l = p4 > p3 + 1 ? text.slice(0, p4) : undefined;
  const s = p5 > p4 + 1 ? text.slice(0, p2) + S + text.slice(p4 + 1, p5) : undefined;
  return [w, l, s];
}

function count(lowered: AffectedKey[], left: AffectedKey[]): AffectedKey[] {
  negativeStockProofStats.proven += lowered.length - left.length;
  negativeStockProofStats.left += left.length;
  return left;
}

/**
 * Count control on the difference rows (SPEC §11): which rows are over
 * tolerance, every count of each key, and the approver's decision on it.
 *
 * A decision is made on the count of a key as it stood: it remembers the
 * recount round the key's counted quantity came from (`count_round`). When a
 * later round recounts the key, the decision no longer applies (a "recount"
 * decision is then done; an "approve" would approve another figure), and the
 * row needs a new decision if it is still over tolerance.
 */
import { fail } from '../core/errors.ts';
import type { Db } from '../db/db.ts';
import { stockKeyString } from '../ledger/keys.ts';
import { controlsOf, toleranceFor, type Control } from './count-control.ts';
import type { PricedRow } from './stock-differences-compute.ts';
import type { CountEntry, EffectiveCounts } from './recount-rounds.ts';
import { isOverTolerance } from './tolerance.ts';
import { classesOf } from './cycle-count.ts';
import type { Computed } from './stock-differences.ts';
import type { Decision } from './stock-differences-view.ts';

export type { Decision } from './stock-differences-view.ts';

/**
 * An item's ABC class in a warehouse, when known. By default the classes of
 * cycle counting (SPEC §11: outgoing value over the 12 months up to the stock
 * date), computed only for warehouses whose count control sets a tolerance
 * for a class; a caller may pass its own.
 */
export type ClassOf = (warehouseId: number, itemId: number) => string | undefined;

/** The cycle-counting classes of the warehouses whose class tolerances differ from the warehouse's (else none needed). */
async function abcClassOf(db: Db, controls: Map<number, Control>, date: string): Promise<ClassOf | undefined> {
  const classed = new Map<number, Map<number, string>>();
  for (const [warehouseId, control] of controls) {
    if (![...control.classes.values()].some((c) => c.quantityPct !== undefined || c.value !== undefined)) continue;
    // the items without outgoing value are C; they add nothing to the ranking, so they need not be listed
    classed.set(warehouseId, new Map((await classesOf(db, warehouseId, date, [])).map((c) => [c.item.id, c.class])));
  }
  if (classed.size === 0) return undefined;
  return (warehouseId, itemId) => {
    const classes = classed.get(warehouseId);
    return classes ? (classes.get(itemId) ?? 'C') : undefined;
  };
}

export interface ControlledRow extends PricedRow {
  overTolerance: boolean;
  /** every count of the key (first count, recounts) */
  counts: CountEntry[];
  /** the recount round the counted quantity comes from (0: first count) */
  round: number;
  /** the current decision and its reason code (null when none, or when a later recount made it stale) */
  decision: Decision | null;
  reason: string | null;
  decidedBy: string | null;
}

export interface StoredDecision {
  decision: Decision;
  reason: string | null;
  round: number;
  decidedBy: string;
}

/** The decisions of an inventory by text key (one indexed query). */
export async function decisionsOf(db: Db, inventoryId: number): Promise<Map<string, StoredDecision>> {
  const rows = await db
    .selectFrom('inventory_decisions as d')
    .leftJoin('reason_codes as r', 'r.id', 'd.reason_code_id')
    .select(['d.warehouse_id', 'd.item_id', 'd.variant', 'd.lot', 'd.serial', 'd.location', 'd.job_order', 'd.account', 'd.decision', 'd.count_round', 'd.decided_by', 'r.code as reason'])
    .where('d.inventory_id', '=', inventoryId)
    .execute();
  const out = new Map<string, StoredDecision>();
  for (const r of rows) {
    const k = stockKeyString({ warehouseId: r.warehouse_id, itemId: r.item_id, variant: r.variant, lot: r.lot, serial: r.serial, location: r.location, jobOrder: r.job_order, account: r.account });
    out.set(k, { decision: r.decision, reason: r.reason ?? null, round: r.count_round, decidedBy: r.decided_by });
  }
  return out;
}

/**
 * Extends the priced rows in place with their count control; returns the
 * control of each warehouse met.
 */
export async function controlRows(
  db: Db,
  inventoryId: number,
  rows: PricedRow[],
  counts: EffectiveCounts,
  stockDate: string,
  given?: ClassOf,
): Promise<{ rows: ControlledRow[]; controls: Map<number, Control> }> {
  const controls = await controlsOf(db, [...new Set(rows.map((r) => r.warehouseId))]);
  const classOf = given ?? (await abcClassOf(db, controls, stockDate));
  const decisions = await decisionsOf(db, inventoryId);
  const out = rows as ControlledRow[];
  for (const r of out) {
    const k = stockKeyString(r);
    const control = controls.get(r.warehouseId)!;
    r.overTolerance = isOverTolerance(r.difference, r.book, r.value, toleranceFor(control, classOf?.(r.warehouseId, r.itemId)));
    r.counts = counts.counts.get(k) ?? [];
    r.round = counts.roundOf.get(k) ?? 0;
    const d = decisions.get(k);
    const current = d && d.round === r.round ? d : undefined;
    r.decision = current?.decision ?? null;
    r.reason = current?.reason ?? null;
    r.decidedBy = current?.decidedBy ?? null;
  }
  return { rows: out, controls };
}

/** The rows that block posting: over tolerance in a warehouse with approval on, and not approved. */
export function undecidedRows(rows: ControlledRow[], controls: Map<number, Control>): ControlledRow[] {
  return rows.filter((r) => r.overTolerance && controls.get(r.warehouseId)?.approval && r.decision !== 'approve');
}

/**
 * Posting (SPEC §11): with approval on, every row over tolerance needs an
 * "approve" decision on its current count (a "recount" decision waits for the
 * recount); otherwise 409 INV_ERR_UNDECIDED_DIFFERENCES naming the keys.
 */
export function assertDecided(inventory: string, c: Pick<Computed, 'rows' | 'controls' | 'warehouses' | 'items'>): void {
  const undecided = undecidedRows(c.rows, c.controls);
  if (undecided.length === 0) return;
  const keyOf = (r: ControlledRow) => [c.warehouses.get(r.warehouseId), c.items.get(r.itemId)!.code, r.variant, r.lot, r.serial, r.location].filter(Boolean).join('/');
  const index = new Map(c.rows.map((r, i) => [r, i]));
  const keys = undecided.slice(0, 20).map(keyOf).join(', ') + (undecided.length > 20 ? ', …' : '');
  fail(
    'INV_ERR_UNDECIDED_DIFFERENCES',
    { inventory, count: undecided.length, keys },
    undecided.slice(0, 100).map((r) => ({
      path: `/rows/${index.get(r)}`,
      code: 'INV_ERR_UNDECIDED_DIFFERENCES' as const,
      params: { inventory, count: 1, keys: keyOf(r), decision: r.decision },
    })),
  );
}

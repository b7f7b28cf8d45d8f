/**
 * Romanian yearly inventory (SPEC §12), the pure part: compensation within
 * confusion groups, then natural-loss allowances and imputable shortages.
 * No I/O: the service hands in the priced difference rows, each row's
 * confusion group, each item's allowance percentage and issued quantity.
 *
 * Quantities in the result are unsigned (the row's difference gives the
 * direction); values are round(quantity × unit cost, 2) half up.
 */
import { divRoundHalfUp, valueOf, type Money, type Quantity, type UnitCost } from '../core/decimal.ts';

export interface CompensationRow {
  warehouseId: number;
  /** the item code: ties of equal unit cost, and the key of allowances and issued quantities */
  item: string;
  /** the confusion group of the item in the stock date's year, or null */
  group: string | null;
  /** counted − book (scale 3) */
  difference: bigint;
  /** the row's unit cost (scale 5) */
  unitCost: bigint;
}

export interface CompensationInput {
  rows: readonly CompensationRow[];
  /** natural-loss percentage of an item (scale 4), undefined when none applies */
  pctOf: (item: string) => bigint | undefined;
  /** Σ |unload quantity| of the item in the warehouse over the allowance period (scale 3) */
  issuedOf: (warehouseId: number, item: string) => bigint;
}

export interface RowSplit {
  /** unsigned quantities; compensated + allowedLoss + imputable ≤ |difference| */
  compensated: Quantity;
  compensatedValue: Money;
  allowedLoss: Quantity;
  allowedLossValue: Money;
  imputable: Quantity;
  imputableValue: Money;
}

export interface GroupSummary {
  warehouseId: number;
  group: string;
  /** S and L: Σ surplus and Σ |shortage| quantities of the group */
  surplus: Quantity;
  shortage: Quantity;
  /** K = min(S, L) */
  compensated: Quantity;
  /** value of the compensated shortage − value of the compensated surplus */
  valueDifference: Money;
  /** the value difference when positive (imputable to the storekeeper), else 0 */
  imputable: Money;
}

export interface WarehouseSummary {
  warehouseId: number;
  /** after compensation */
  remainingSurplusValue: Money;
  remainingShortageValue: Money;
  /** allowances applied: some shortage item has a percentage and shortages exceed surpluses in value */
  allowancesApplied: boolean;
  allowedLossValue: Money;
  /** imputable shortages + positive compensation value differences */
  imputableValue: Money;
}

export interface CompensationResult {
  /** one per input row, same order */
  rows: RowSplit[];
  groups: GroupSummary[];
  warehouses: WarehouseSummary[];
  totals: { compensatedValueDifference: Money; allowedLossValue: Money; imputableValue: Money };
}

const absq = (v: bigint): bigint => (v < 0n ? -v : v);
const value = (q: bigint, c: bigint): bigint => valueOf(q as Quantity, c as UnitCost);

/** round(issued × pct / 100, 3): issued scale 3, pct scale 4 → scale 3 */
export function allowanceOf(issued: bigint, pct: bigint): bigint {
  return divRoundHalfUp(issued * pct, 100n * 10_000n);
}

/** ascending unit cost, ties by item code, then input order */
function byCost(rows: readonly CompensationRow[]) {
  return (a: number, b: number): number => {
    const ra = rows[a];
    const rb = rows[b];
    if (ra.unitCost !== rb.unitCost) return ra.unitCost < rb.unitCost ? -1 : 1;
    if (ra.item !== rb.item) return ra.item < rb.item ? -1 : 1;
    return a - b;
  };
}

export function compensate(input: CompensationInput): CompensationResult {
  const { rows } = input;
  const comp = rows.map(() => 0n);
  const allowed = rows.map(() => 0n);
  const imput = rows.map(() => 0n);
  const order = byCost(rows);

  // 1. compensation per warehouse and group
  const groupRows = new Map<string, { warehouseId: number; group: string; idx: number[] }>();
  for (const [i, r] of rows.entries()) {
    if (r.group === null || r.difference === 0n) continue;
    const k = `${r.warehouseId}\u0000${r.group}`;
    let g = groupRows.get(k);
    if (!g) groupRows.set(k, (g = { warehouseId: r.warehouseId, group: r.group, idx: [] }));
    g.idx.push(i);
  }
  const groups: GroupSummary[] = [];
  const positiveDiffByWh = new Map<number, bigint>();
  let valueDifferenceTotal = 0n;
  for (const g of groupRows.values()) {
    const surplus = g.idx.filter((i) => rows[i].difference > 0n).sort(order);
    const shortage = g.idx.filter((i) => rows[i].difference < 0n).sort(order);
    const S = surplus.reduce((s, i) => s + rows[i].difference, 0n);
    const L = shortage.reduce((s, i) => s - rows[i].difference, 0n);
    const K = S < L ? S : L;
    const take = (idx: number[]): bigint => {
      let left = K;
      let v = 0n;
      for (const i of idx) {
        if (left === 0n) break;
        const q = absq(rows[i].difference) < left ? absq(rows[i].difference) : left;
        comp[i] = q;
        left -= q;
        v += value(q, rows[i].unitCost);
      }
      return v;
    };
    const surplusValue = take(surplus);
    const shortageValue = take(shortage);
    const diff = shortageValue - surplusValue;
    valueDifferenceTotal += diff;
    const imputable = diff > 0n ? diff : 0n;
    positiveDiffByWh.set(g.warehouseId, (positiveDiffByWh.get(g.warehouseId) ?? 0n) + imputable);
    groups.push({
      warehouseId: g.warehouseId,
      group: g.group,
      surplus: S as Quantity,
      shortage: L as Quantity,
      compensated: K as Quantity,
      valueDifference: diff as Money,
      imputable: imputable as Money,
    });
  }

  // 2. allowances and imputable shortages per warehouse
  const byWh = new Map<number, number[]>();
  for (const [i, r] of rows.entries()) {
    if (r.difference === 0n) continue;
    let l = byWh.get(r.warehouseId);
    if (!l) byWh.set(r.warehouseId, (l = []));
    l.push(i);
  }
  const warehouses: WarehouseSummary[] = [];
  let allowedTotal = 0n;
  let imputableTotal = 0n;
  for (const [wh, idx] of byWh) {
    let remSurplus = 0n;
    let remShortage = 0n;
    let anyPct = false;
    for (const i of idx) {
      const left = absq(rows[i].difference) - comp[i];
      if (rows[i].difference > 0n) remSurplus += value(left, rows[i].unitCost);
      else {
        remShortage += value(left, rows[i].unitCost);
        if (left > 0n && input.pctOf(rows[i].item) !== undefined) anyPct = true;
      }
    }
    const applied = anyPct && remShortage > remSurplus;
    let whAllowed = 0n;
    let whImputable = positiveDiffByWh.get(wh) ?? 0n;
    if (applied) {
      const budget = new Map<string, bigint>();
      for (const i of idx.filter((j) => rows[j].difference < 0n).sort(order)) {
        const r = rows[i];
        const left = -r.difference - comp[i];
        if (left === 0n) continue;
        if (!budget.has(r.item)) {
          const pct = input.pctOf(r.item);
          budget.set(r.item, pct === undefined ? 0n : allowanceOf(input.issuedOf(wh, r.item), pct));
        }
        const b = budget.get(r.item)!;
        const a = b < left ? b : left;
        budget.set(r.item, b - a);
        allowed[i] = a;
        imput[i] = left - a;
        whAllowed += value(a, r.unitCost);
        whImputable += value(left - a, r.unitCost);
      }
    }
    allowedTotal += whAllowed;
    imputableTotal += whImputable;
    warehouses.push({
      warehouseId: wh,
      remainingSurplusValue: remSurplus as Money,
      remainingShortageValue: remShortage as Money,
      allowancesApplied: applied,
      allowedLossValue: whAllowed as Money,
      imputableValue: whImputable as Money,
    });
  }

  return {
    rows: rows.map((r, i) => ({
      compensated: comp[i] as Quantity,
      compensatedValue: value(comp[i], r.unitCost) as Money,
      allowedLoss: allowed[i] as Quantity,
      allowedLossValue: value(allowed[i], r.unitCost) as Money,
      imputable: imput[i] as Quantity,
      imputableValue: value(imput[i], r.unitCost) as Money,
    })),
    groups,
    warehouses,
    totals: { compensatedValueDifference: valueDifferenceTotal as Money, allowedLossValue: allowedTotal as Money, imputableValue: imputableTotal as Money },
  };
}

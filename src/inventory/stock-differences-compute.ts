/**
 * Stock differences (SPEC §5), the pure part: counted lines and book stock in,
 * one row per stock key out. No I/O: the service reads the counts and the
 * book stock at the stock date in bulk and hands them over.
 */
import { abs, Money, valueOf, type Money as MoneyT, type Quantity, type UnitCost } from '../core/decimal.ts';
import { KEY_SEPARATOR, stockKeyOf, stockKeyString, type StockKey } from '../ledger/keys.ts';

/** One counted line of a list without closing date. */
export interface CountedLine extends StockKey {
  counted: bigint;
  /** book stock of the key when the line was counted (snapshot) */
  snapshot: bigint;
}

/** Book stock of a key at the stock date (rows with zero stock may be left out). */
export interface BookRow extends StockKey {
  quantity: bigint;
}

export interface DifferenceOptions {
  /** keys with book stock ≠ 0 that no line counted are treated as counted 0 */
  zeroUncounted?: boolean;
  /** where "uncounted" is looked for: the counted warehouses (default) or only the counted locations of them */
  zeroScope?: 'warehouse' | 'location';
}

export interface DifferenceRow extends StockKey {
  counted: Quantity;
  book: Quantity;
  /** counted − book */
  difference: Quantity;
  /** the book stock at the stock date differs from a snapshot taken when the key was counted */
  movedDuringCount: boolean;
  /** no line counted the key: zeroed by the zero-uncounted option */
  uncounted: boolean;
}

const SEP = KEY_SEPARATOR;

/** Book stock by text key (zero keys left out). */
export type BookStock = Map<string, bigint>;

export function bookStockOf(rows: Iterable<BookRow>): BookStock {
  const out: BookStock = new Map();
  for (const b of rows) {
    if (b.quantity === 0n) continue;
    const k = stockKeyString(b);
    out.set(k, (out.get(k) ?? 0n) + b.quantity);
  }
  return out;
}

/**
 * Sums the counted quantities per stock key, joins the book stock and gives
 * counted − book per key (SPEC §5 steps 1–3, 5, 7). Every counted key gets a
 * row (difference 0 included); uncounted keys only with `zeroUncounted`.
 * Rows come in the order keys were first met: counted keys, then uncounted.
 */
export function computeDifferences(lines: Iterable<CountedLine>, book: BookStock | Iterable<BookRow>, options: DifferenceOptions = {}): DifferenceRow[] {
  const bookOf = book instanceof Map ? book : bookStockOf(book);
  const rows = new Map<string, DifferenceRow>();
  const countedScope = new Set<string>();
  const byLocation = options.zeroScope === 'location';
  for (const line of lines) {
    const k = stockKeyString(line);
    const bookQty = bookOf.get(k) ?? 0n;
    let row = rows.get(k);
    if (!row) {
      row = {
        warehouseId: line.warehouseId,
        itemId: line.itemId,
        variant: line.variant,
        lot: line.lot,
        serial: line.serial,
        location: line.location,
        jobOrder: line.jobOrder,
        account: line.account,
        counted: 0n as Quantity,
        book: bookQty as Quantity,
        difference: 0n as Quantity,
        movedDuringCount: false,
        uncounted: false,
      };
      rows.set(k, row);
    }
    row.counted = (row.counted + line.counted) as Quantity;
    if (line.snapshot !== bookQty) row.movedDuringCount = true;
    if (options.zeroUncounted) countedScope.add(byLocation ? line.warehouseId + SEP + line.location : String(line.warehouseId));
  }
  if (options.zeroUncounted) {
    for (const [k, quantity] of bookOf) {
      if (quantity === 0n || rows.has(k)) continue;
      const key = stockKeyOf(k);
      if (!countedScope.has(byLocation ? key.warehouseId + SEP + key.location : String(key.warehouseId))) continue;
      rows.set(k, { ...key, counted: 0n as Quantity, book: quantity as Quantity, difference: 0n as Quantity, movedDuringCount: false, uncounted: true });
    }
  }
  const out = [...rows.values()];
  for (const r of out) r.difference = (r.counted - r.book) as Quantity;
  return out;
}

/** How a difference is posted: the template and its proposed cost at the stock date. */
export interface Pricing {
  templateId: number;
  unitCost: UnitCost;
}

export interface PricedRow extends DifferenceRow {
  /** undefined when the difference is zero: nothing to post */
  pricing: Pricing | undefined;
  /** round(|difference| × unit cost, 2), signed like the difference */
  value: MoneyT;
}

export interface DifferenceTotals {
  /** Σ values of the surpluses (loads) */
  surplusValue: MoneyT;
  /** Σ |values| of the shortages (unloads), as a positive amount */
  shortageValue: MoneyT;
  /** surplus − shortage */
  netValue: MoneyT;
  /** keys with a difference ≠ 0 */
  differingKeys: number;
}

/**
 * Values the rows (SPEC §5 step 4, §8 rounding): a line's value is
 * round(|difference| × unit cost, 2) with the difference's sign — exactly
 * the amount the posted movement will carry; totals are sums of rounded lines.
 * The rows given become the priced rows.
 */
export function priceDifferences(rows: DifferenceRow[], pricingOf: (row: DifferenceRow) => Pricing): { rows: PricedRow[]; totals: DifferenceTotals } {
  let surplus = 0n;
  let shortage = 0n;
  let differing = 0;
  // the rows are extended in place (no copies of 100,000 objects)
  const priced = rows as PricedRow[];
  for (const r of priced) {
    if (r.difference === 0n) {
      r.pricing = undefined;
      r.value = Money.zero;
      continue;
    }
    differing++;
    const pricing = pricingOf(r);
    const v = valueOf(abs(r.difference), pricing.unitCost);
    if (r.difference > 0n) surplus += v;
    else shortage += v;
    r.pricing = pricing;
    r.value = (r.difference > 0n ? v : -v) as MoneyT;
  }
  return {
    rows: priced,
    totals: {
      surplusValue: surplus as MoneyT,
      shortageValue: shortage as MoneyT,
      netValue: (surplus - shortage) as MoneyT,
      differingKeys: differing,
    },
  };
}

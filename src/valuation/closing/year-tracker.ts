/**
 * The calendar years of an item's counted movements in a closing's period (as
 * lifo/fifo-yearly walk them): stock at each year's end and purchases per
 * year, the closing_years rows of the closing (SPEC §6, §7). Pure.
 */
import { unitCostOf, type UnitCost as UnitCostT } from '../../core/decimal.ts';
import { yearOf } from '../../core/dates.ts';
import type { YearRow } from '../../db/closing-history-writes.ts';

interface StreamYear {
  purchasedQuantity: bigint;
  purchasedValue: bigint;
  end?: bigint;
}

/** The calendar years of an item's counted movements in the period (as lifo/fifo-yearly walk them). */
export class YearTracker {
  stock = 0n;
  first: number | undefined;
  current: number | undefined;
  private lastDate = '';
  private lastYear = 0;
  readonly years = new Map<number, StreamYear>();

  private year(y: number): StreamYear {
    let r = this.years.get(y);
    if (!r) this.years.set(y, (r = { purchasedQuantity: 0n, purchasedValue: 0n }));
    return r;
  }

  /** a counted movement */
  push(date: string, quantity: bigint, feed: { quantity: bigint; value: bigint } | undefined): void {
    if (date !== this.lastDate) {
      this.lastDate = date;
      this.lastYear = yearOf(date);
    }
    const y = this.lastYear;
    if (this.current === undefined) {
      this.first = y;
      this.current = y;
    }
    // the stock before the first movement of a later year closes the years before it
    for (; this.current < y; this.current++) this.year(this.current).end = this.stock;
    if (feed) {
      const r = this.year(y);
      r.purchasedQuantity += feed.quantity;
      r.purchasedValue += feed.value;
    }
    this.stock += quantity;
  }

  rows(itemId: number, closingYear: number, fallback: UnitCostT): YearRow[] {
    const out: YearRow[] = [];
    for (let y = this.first ?? closingYear; y <= closingYear; y++) {
      const r = this.years.get(y);
      const q = r?.purchasedQuantity ?? 0n;
      const v = r?.purchasedValue ?? 0n;
      out.push({
        item_id: itemId,
        year: y,
        closing_quantity: r?.end ?? this.stock,
        purchased_quantity: q,
        purchased_exact: v,
        average_purchase_cost: q > 0n ? unitCostOf(v, q) : fallback,
      });
    }
    return out;
  }
}

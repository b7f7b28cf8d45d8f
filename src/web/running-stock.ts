/** The running stock of an item's movements (the item card): pure, exact (decimal strings summed with BigInt). */
import { sumDecimals } from './decimal.ts';
import type { StockRecord } from './types.ts';

export interface Movement {
  key: string;
  recordId: number;
  date: string;
  warehouse: string;
  template: string;
  origin: string;
  variant: string;
  location: string;
  lot: string;
  quantity: string;
  running: string;
}

/**
 * The item's lines in date order with the running stock of their warehouse
 * (exact: decimal strings summed with BigInt). A closing at C restates the
 * stock with opening records dated after C (SPEC §3, as GET /api/stock reads
 * it), so the running stock starts again from zero after each closing date.
 */
export function movementsOf(records: StockRecord[], item: string, closingDates: string[] = []): Movement[] {
  const ordered = [...records].sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1));
  const closings = [...closingDates].sort();
  const epochOf = (date: string) => closings.filter((c) => c < date).at(-1) ?? '';
  let epoch = '';
  let running = new Map<string, string>();
  const out: Movement[] = [];
  for (const r of ordered)
    for (const l of r.lines ?? []) {
      if (l.item !== item) continue;
      const e = epochOf(r.date);
      if (e !== epoch) {
        epoch = e;
        running = new Map();
      }
      const next = sumDecimals([running.get(r.warehouse) ?? '0', l.quantity]);
      running.set(r.warehouse, next);
      out.push({ key: `${r.id}-${l.lineNo}`, recordId: r.id, date: r.date, warehouse: r.warehouse, template: r.template, origin: r.origin, variant: l.variant, location: l.location, lot: l.lot, quantity: l.quantity, running: next });
    }
  return out;
}

/**
 * Stock differences (SPEC §5): the computation shared by the preview
 * (stock-differences-preview.ts) and the posting
 * (stock-differences-posting.ts). It reads the counts and the book stock of
 * the counted warehouses in bulk and joins them in memory (differences.ts),
 * prices them with the templates' proposed costs, applies the count control
 * and the SPEC §12 split (yearly-split.ts).
 */
import type { Actor } from '../core/context.ts';
import { fail } from '../core/errors.ts';
import { parseDate, type Problems } from '../core/input.ts';
import { allowed } from '../core/roles.ts';
import type { Store } from '../db/connection.ts';
import type { TemplateRow } from '../db/schema.ts';
import type { Db } from '../db/db.ts';
import { stockDifferenceTemplatesOf, type StockDifferenceTemplates } from '../masterdata/stock-difference-params.ts';
import { bookStock, proposedCosts, type CostRequest } from './book.ts';
import type { InventoryRow } from './common.ts';
import { computeDifferences, priceDifferences, type BookStock, type DifferenceTotals } from './stock-differences-compute.ts';
import { countedLines } from './counted-lines.ts';
import { effectiveCounts } from './recount-rounds.ts';
import { controlRows, type ClassOf, type ControlledRow } from './difference-control.ts';
import type { Control } from './count-control.ts';
import { phases } from '../core/profile.ts';
import { yearlyRules, type Yearly } from './yearly-split.ts';

export interface DifferenceQuery {
  /** default: the inventory's date */
  processingDate?: string;
  /** "calculate as of date": the stock date; default the processing date */
  stockDate?: string;
  /** treat keys with book stock that no line counted as counted 0 */
  zeroUncounted?: boolean;
  /** where uncounted keys are looked for: the counted warehouses (default) or their counted locations */
  zeroScope?: 'warehouse' | 'location';
}

/** the preview's shapes live in the import-free stock-differences-view.ts (shared with the web app) */
export type { CompensationGroupView, DifferenceRowView, DifferencesView, ImputableByStorekeeper, KeyCountView } from './stock-differences-view.ts';

/** Who reads differences: not a counter (they would show book stock of blind lists). */
export function requireDifferenceReader(actor: Actor): void {
  if (!allowed(actor, 'read') || actor.role === 'counter') fail('INV_ERR_FORBIDDEN');
}

export function checkQuery(q: DifferenceQuery, problems: Problems, path = ''): void {
  parseDate(q.processingDate, `${path}/processingDate`, problems);
  parseDate(q.stockDate, `${path}/stockDate`, problems);
  if (q.zeroScope !== undefined && q.zeroScope !== 'warehouse' && q.zeroScope !== 'location') {
    problems.add({ path: `${path}/zeroScope`, code: 'INV_ERR_BAD_VALUE', params: { value: q.zeroScope, allowed: 'warehouse, location' } });
  }
}

export interface Computed {
  processingDate: string;
  stockDate: string;
  rows: ControlledRow[];
  /** count control of each warehouse of the rows */
  controls: Map<number, Control>;
  totals: DifferenceTotals;
  templates: Map<number, TemplateRow>;
  items: Map<number, { code: string; description: string; uom: string }>;
  warehouses: Map<number, string>;
  /** the book stock read (every non-zero key of the counted warehouses at the stock date) */
  book: BookStock;
  /** the stock difference parameters of each warehouse with differences */
  params: Map<number, StockDifferenceTemplates>;
  /** SPEC §12: compensation and allowances, row splits parallel to `rows`; undefined when no group or allowance concerns the rows */
  yearly?: Yearly;
}


async function itemsOf(db: Db, ids: number[]): Promise<Map<number, { code: string; description: string; uom: string }>> {
  const out = new Map<number, { code: string; description: string; uom: string }>();
  const unique = [...new Set(ids)];
  if (unique.length > 5000) {
    const wanted = new Set(unique);
    for (const i of await db.selectFrom('items').select(['id', 'code', 'description', 'uom']).execute()) if (wanted.has(i.id)) out.set(i.id, i);
    return out;
  }
  for (let i = 0; i < unique.length; i += 500) {
    for (const r of await db.selectFrom('items').select(['id', 'code', 'description', 'uom']).where('id', 'in', unique.slice(i, i + 500)).execute()) out.set(r.id, r);
  }
  return out;
}

/**
 * SPEC §5 steps 1–5 and 7 for one inventory, inside the caller's transaction,
 * with the count control of SPEC §11 (recount rounds, tolerances, decisions).
 */
export async function compute(db: Db, store: Store, inv: InventoryRow, q: DifferenceQuery, classOf?: ClassOf): Promise<Computed> {
  const phase = phases('differences');
  const processingDate = q.processingDate ?? inv.date;
  const stockDate = q.stockDate ?? processingDate;
  const counts = effectiveCounts(await countedLines(db, store, inv.id));
  const lines = counts.lines;
  phase(`counted lines (${lines.length})`);
  const warehouseIds = [...new Set(lines.map((l) => l.warehouseId))].sort((a, b) => a - b);
  const book = await bookStock(db, store, { warehouseIds, date: stockDate });
  phase(`book stock (${book.size} keys)`);
  const diffs = computeDifferences(lines, book, { zeroUncounted: q.zeroUncounted, zeroScope: q.zeroScope });
  phase('join');

  const warehouses = new Map(
    warehouseIds.length ? (await db.selectFrom('warehouses').select(['id', 'code']).where('id', 'in', warehouseIds).execute()).map((w) => [w.id, w.code]) : [],
  );
  const paramsOf = new Map<number, StockDifferenceTemplates>();
  for (const wh of new Set(diffs.filter((d) => d.difference !== 0n).map((d) => d.warehouseId))) {
    const params = await stockDifferenceTemplatesOf(db, wh);
    if (!params) fail('INV_ERR_NO_STOCK_DIFF_PARAMS', { warehouse: warehouses.get(wh) });
    paramsOf.set(wh, params);
  }
  const templateFor = (wh: number, difference: bigint) => (difference > 0n ? paramsOf.get(wh)!.load : paramsOf.get(wh)!.unload);
  const requests: CostRequest[] = diffs
    .filter((d) => d.difference !== 0n)
    .map((d) => ({ itemId: d.itemId, warehouseId: d.warehouseId, how: templateFor(d.warehouseId, d.difference).proposed_cost }));
  const costOf = await proposedCosts(db, store, requests, stockDate);
  phase(`proposed costs (${requests.length} keys)`);
  const priced = priceDifferences(diffs, (d) => {
    const t = templateFor(d.warehouseId, d.difference);
    return { templateId: t.id, unitCost: costOf({ itemId: d.itemId, warehouseId: d.warehouseId, how: t.proposed_cost }) };
  });
  const totals = priced.totals;
  phase('values');
  const { rows, controls } = await controlRows(db, inv.id, priced.rows, counts, stockDate, classOf);
  phase('count control');
  const templates = new Map<number, TemplateRow>();
  for (const p of paramsOf.values()) for (const t of Object.values(p)) if (t) templates.set(t.id, t);
  const items = await itemsOf(db, rows.map((r) => r.itemId));
  // report order: warehouse, item, then the other dimensions (joined by U+0000, which sorts first: tuple order)
  const keyed = rows.map((r) => ({
    r,
    k: [warehouses.get(r.warehouseId)!, items.get(r.itemId)!.code, r.variant, r.lot, r.serial, r.location, r.jobOrder, r.account].join('\u0000'),
  }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  phase('codes and order');
  const sorted = keyed.map((x) => x.r);
  const yearly = await yearlyRules(db, inv, stockDate, sorted, items);
  phase('compensation and allowances');
  return { processingDate, stockDate, rows: sorted, controls, totals, templates, items, warehouses, book, params: paramsOf, yearly };
}

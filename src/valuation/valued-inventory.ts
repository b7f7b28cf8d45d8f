/**
 * The valued quantity inventory (SPEC §8 "Inventar cantitativ valoric") and
 * its warehouse history (historicize).
 *
 * Rows are the book stock at the valuation date D (all movements count, as in
 * GET /api/stock), valued by a cost method of SPEC §6 computed from the fiscal
 * movements only (see valuation/item-valuation.ts for how a line is valued).
 *
 * Decisions where the spec is open (documented in the API description too):
 *   - non-fiscal items are listed with their quantity, unit cost 0, value 0
 *     and `fiscal: false`; they add to the quantity total, never to the value;
 *   - a row exists for a key that has movements after the last closing up to
 *     D; the default stock filter is positive,negative (as GET /api/stock,
 *     which leaves zero rows out); `stock=zero` lists keys moved to zero;
 *   - `template` restricts the quantities to that template's movements (any
 *     warehouse with that code, or the filtered warehouse's); costs always
 *     come from all of the item's fiscal movements;
 *   - `warehouse` restricts the rows; with costs per item (no
 *     value-per-warehouse) the cost is still the item's over all warehouses;
 *   - itemFrom / itemTo compare item codes as plain text (code point order);
 *   - method defaults to `history` when historyDate is given, else `average`;
 *     historyDate defaults to the valuation date;
 *   - historicize saves one row per item (per item and warehouse when grouped
 *     by warehouse): detail rows are summed; the stock filter applies;
 *   - totals are the sum of the rounded rows shown;
 *   - a detail row takes the unit cost of its item (or item + warehouse):
 *     costs are not kept per variant, location, job order or account. With
 *     lot-cost, each lot has its own cost: detail=lot shows one row per lot
 *     at that lot's cost; without detail=lot an item's row is the sum of its
 *     lots' rounded values (unit cost = value / quantity);
 *   - layered methods (fifo, lifo-yearly, fifo-yearly): a row that holds its
 *     cost scope's whole stock takes the method's value round(Σ layers, 2);
 *     when the scope is split over several rows (details, or warehouses of a
 *     per-item cost) each row is round(Q × unit cost, 2), so the rows always
 *     read as quantity × unit cost and the total is still their sum;
 *   - the book quantity of a fiscal item may differ from the quantity its
 *     fiscal movements leave (non-fiscal templates move it too): the book
 *     quantity is shown and valued at the method's unit cost.
 */
import type { Ctx } from '../core/context.ts';
import { inTransaction } from '../db/transaction.ts';
import { Money, Quantity, UnitCost, moneyToExact, unitCostOf } from '../core/decimal.ts';
import { today } from '../core/dates.ts';
import { fail } from '../core/errors.ts';
import { Problems, parseDate } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { DIMENSIONS, type Dimension } from '../ledger/keys.ts';
import { closingBefore } from '../ledger/stock.ts';
import { itemOf, warehouseOf } from '../masterdata/lookup.ts';
import { COST_METHODS, parseCostMethod, type CostMethod } from './index.ts';
import { valuePerWarehouse } from './item-cost.ts';
import { costTemplates } from './ledger-reader.ts';
import type { ClosingHistorySource } from './closing-history.ts';
import { storedClosingHistory } from './closing/history-source.ts';
import { valuationPass, type PassItem, type PassLine, type PassOptions, type PassWarehouse } from './inventory-pass.ts';
import { PASS_ITEM_COLUMNS, passItemOf, passWarehouses } from './pass-master-data.ts';
import { listHistory, saveHistoryRun, type HistoryRowInput } from './warehouse-history.ts';

export const GROUP_BY = ['item', 'warehouse'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
export const SORTS = ['item', 'description', 'merchandiseCategory'] as const;
export type Sort = (typeof SORTS)[number];
export const STOCK_SIGNS = ['positive', 'zero', 'negative'] as const;
export type StockSign = (typeof STOCK_SIGNS)[number];
/** detail dimensions: SPEC §8 names five; serial is accepted too */
export const DETAILS: readonly Dimension[] = DIMENSIONS;

/** The query as the API and the CLI receive it (strings). */
export interface ValuedInventoryQuery {
  date?: string;
  method?: string;
  groupBy?: string;
  detail?: string;
  warehouse?: string;
  template?: string;
  itemFrom?: string;
  itemTo?: string;
  itemType?: string;
  fiscalCategory?: string;
  merchandiseCategory?: string;
  stock?: string;
  sort?: string;
  historicize?: boolean | string;
  historyDate?: string;
}

export interface ValuedInventoryRow {
  warehouse?: string;
  item: string;
  description: string;
  uom: string;
  variant?: string;
  location?: string;
  lot?: string;
  serial?: string;
  jobOrder?: string;
  account?: string;
  quantity: string;
  unitCost: string;
  value: string;
  fiscal: boolean;
}

export interface ValuedInventoryReport {
  date: string;
  method: CostMethod;
  groupBy: GroupBy;
  detail: Dimension[];
  sort: Sort;
  stock: StockSign[];
  historyDate?: string;
  /** the last closing before the date (movements after it were read), null when none */
  closingDate: string | null;
  valuePerWarehouse: boolean;
  filters: Record<string, string>;
  rows: ValuedInventoryRow[];
  totals: { quantity: string; value: string };
  /** set when the rows were historicized */
  historyRunId?: number;
}

export interface ParsedQuery {
  date: string;
  method: CostMethod;
  groupBy: GroupBy;
  detail: Dimension[];
  stock: StockSign[];
  sort: Sort;
  historicize: boolean;
  historyDate?: string;
  filters: Record<string, string>;
}

function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, path: string, problems: Problems): T {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.add({ path, code: 'INV_ERR_BAD_VALUE', params: { value, allowed: allowed.join(', ') } });
  return fallback;
}

function someOf<T extends string>(text: string | undefined, allowed: readonly T[], path: string, problems: Problems): T[] {
  const names = list(text);
  for (const n of names) {
    if (!(allowed as readonly string[]).includes(n)) problems.add({ path, code: 'INV_ERR_BAD_VALUE', params: { value: n, allowed: allowed.join(', ') } });
  }
  return allowed.filter((a) => names.includes(a));
}

/** Validates the query; every problem at once (400). */
export function parseQuery(query: ValuedInventoryQuery): ParsedQuery {
  const problems = new Problems();
  const date = parseDate(query.date, '/date', problems) ?? today();
  const historyDate = parseDate(query.historyDate, '/historyDate', problems);
  let method: CostMethod = historyDate ? 'history' : 'average';
  // SPEC §6 names; the previous release's camelCase names are accepted for one release and answered by their SPEC name
  if (query.method !== undefined && query.method !== '') method = parseCostMethod(query.method, COST_METHODS, '/method', problems) ?? method;
  const groupBy = oneOf(query.groupBy, GROUP_BY, 'item', '/groupBy', problems);
  const sort = oneOf(query.sort, SORTS, 'item', '/sort', problems);
  const detail = someOf(query.detail, DETAILS, '/detail', problems);
  let stock = someOf(query.stock, STOCK_SIGNS, '/stock', problems);
  if (stock.length === 0) stock = ['positive', 'negative'];
  const h = query.historicize;
  let historicize = false;
  if (h === true || h === 'true' || h === '1') historicize = true;
  else if (!(h === undefined || h === false || h === '' || h === 'false' || h === '0')) {
    problems.add({ path: '/historicize', code: 'INV_ERR_BAD_VALUE', params: { value: String(h), allowed: 'true, false' } });
  }
  problems.throwIfAny();
  const filters: Record<string, string> = {};
  for (const k of ['warehouse', 'template', 'itemFrom', 'itemTo', 'itemType', 'fiscalCategory', 'merchandiseCategory'] as const) {
    const v = query[k];
    if (v !== undefined && v !== '') filters[k] = v;
  }
  return {
    date,
    method,
    groupBy,
    detail,
    stock,
    sort,
    historicize,
    historyDate: method === 'history' ? (historyDate ?? date) : undefined,
    filters,
  };
}

/** Everything the pass needs besides the query: items, warehouses, templates, C, value-per-warehouse. */
async function passOptionsOf(ctx: Ctx, q: ParsedQuery): Promise<Omit<PassOptions, 'batchSize' | 'closingSource'>> {
  const db = ctx.store.db;
  const f = q.filters;
  const warehouseId = f.warehouse ? (await warehouseOf(db, f.warehouse)).id : undefined;
  let templateIds: Set<number> | undefined;
  if (f.template) {
    let t = db.selectFrom('templates').select('id').where('code', '=', f.template);
    if (warehouseId !== undefined) t = t.where('warehouse_id', '=', warehouseId);
    const rows = await t.execute();
    if (rows.length === 0) fail('INV_ERR_NOT_FOUND', { entity: 'template', key: f.template });
    templateIds = new Set(rows.map((r) => r.id));
  }
  let iq = db.selectFrom('items').select(PASS_ITEM_COLUMNS).orderBy('id');
  if (f.itemType) iq = iq.where('item_type', '=', f.itemType);
  if (f.fiscalCategory) iq = iq.where('fiscal_category', '=', f.fiscalCategory);
  if (f.merchandiseCategory) iq = iq.where('merchandise_category', '=', f.merchandiseCategory);
  const items: PassItem[] = [];
  for (const r of await iq.execute()) {
    if (f.itemFrom !== undefined && r.code < f.itemFrom) continue;
    if (f.itemTo !== undefined && r.code > f.itemTo) continue;
    items.push(passItemOf(r));
  }
  // (management-area) a warehouse without a management area is valued by average
  const warehouses = await passWarehouses(db, q.method === 'management-area');
  return {
    date: q.date,
    after: await closingBefore(db, q.date),
    perWarehouse: await valuePerWarehouse(db, q.date),
    method: q.method,
    groupBy: q.groupBy,
    detail: q.detail,
    items,
    warehouses,
    templates: await costTemplates(db),
    warehouseId,
    templateIds,
    historyDate: q.historyDate,
    withCosts: q.historicize,
  };
}

function signOf(q: bigint): StockSign {
  return q > 0n ? 'positive' : q < 0n ? 'negative' : 'zero';
}

const collator = new Intl.Collator('ro', { sensitivity: 'variant', numeric: false });
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function comparator(q: ParsedQuery, warehouses: ReadonlyMap<number, PassWarehouse>): (a: PassLine, b: PassLine) => number {
  return (a, b) => {
    if (q.groupBy === 'warehouse') {
      const w = byCode(warehouses.get(a.warehouseId!)?.code ?? '', warehouses.get(b.warehouseId!)?.code ?? '');
      if (w) return w;
    }
    let c = 0;
    if (q.sort === 'description') c = collator.compare(a.item.description, b.item.description);
    else if (q.sort === 'merchandiseCategory') c = collator.compare(a.item.merchandiseCategory, b.item.merchandiseCategory);
    if (c) return c;
    c = byCode(a.item.code, b.item.code);
    if (c) return c;
    for (let i = 0; i < a.dims.length; i++) {
      c = byCode(a.dims[i], b.dims[i]);
      if (c) return c;
    }
    return 0;
  };
}

export interface ValuationRunOptions {
  /** items per batch of the pass (tests and the bench) */
  batchSize?: number;
  /** awaited between the pass's batches (background valuations) */
  pause?: () => Promise<void>;
  /** the closing history the pass continues from (default: the closings stored in the store) */
  closingSource?: ClosingHistorySource;
}

/** GET /api/reports/valued-inventory (and the CLI): compute, optionally historicize. */
export async function valuedInventory(ctx: Ctx, query: ValuedInventoryQuery, options: ValuationRunOptions = {}): Promise<ValuedInventoryReport> {
  requirePermission(ctx.actor, 'read');
  const q = parseQuery(query);
  if (q.historicize) requirePermission(ctx.actor, 'close');
  const pass = await passOptionsOf(ctx, q);
  const lines: PassLine[] = [];
  const signs = new Set(q.stock);
  await valuationPass(ctx.store, { ...pass, batchSize: options.batchSize, pause: options.pause, closingSource: options.closingSource ?? storedClosingHistory }, (line) => {
    if (signs.has(signOf(line.quantity))) lines.push(line);
  });
  lines.sort(comparator(q, pass.warehouses));

  let quantity = 0n;
  let value = 0n;
  const rows = lines.map((l) => {
    quantity += l.quantity;
    value += l.value;
    const row: Record<string, string | boolean> = {};
    if (q.groupBy === 'warehouse') row.warehouse = pass.warehouses.get(l.warehouseId!)?.code ?? '';
    row.item = l.item.code;
    row.description = l.item.description;
    row.uom = l.item.uom;
    q.detail.forEach((d, i) => (row[d] = l.dims[i]));
    row.quantity = Quantity.format(l.quantity);
    row.unitCost = UnitCost.format(l.unitCost);
    row.value = Money.format(l.value);
    row.fiscal = l.item.fiscal;
    return row as unknown as ValuedInventoryRow;
  });

  const report: ValuedInventoryReport = {
    date: q.date,
    method: q.method,
    groupBy: q.groupBy,
    detail: q.detail,
    sort: q.sort,
    stock: q.stock,
    ...(q.historyDate ? { historyDate: q.historyDate } : {}),
    closingDate: pass.after || null,
    valuePerWarehouse: pass.perWarehouse,
    filters: q.filters,
    rows,
    totals: { quantity: Quantity.format(quantity), value: Money.format(value) },
  };
  if (q.historicize) {
    const historyRows = historyRowsOf(lines, q);
    report.historyRunId = await inTransaction(ctx.store, (trx) =>
      saveHistoryRun(trx, ctx.actor, { date: q.date, method: q.method, groupBy: q.groupBy, filters: { ...q.filters, detail: q.detail.join(','), stock: q.stock.join(',') } }, historyRows),
    );
  }
  return report;
}

/** One history row per item (or item + warehouse): detail lines summed. */
export function historyRowsOf(lines: readonly PassLine[], q: Pick<ParsedQuery, 'groupBy'>): HistoryRowInput[] {
  const out = new Map<string, { row: HistoryRowInput; sameCost: boolean }>();
  for (const l of lines) {
    const warehouseId = q.groupBy === 'warehouse' ? (l.warehouseId ?? null) : null;
    const key = `${warehouseId ?? ''}|${l.item.id}`;
    const e = out.get(key);
    if (!e) {
      out.set(key, {
        sameCost: true,
        row: {
          warehouseId,
          itemId: l.item.id,
          managementAreaId: l.managementAreaId,
          fiscalCategory: l.item.fiscalCategory,
          quantity: l.quantity,
          lastCost: l.lastCost ?? UnitCost.zero,
          averageCost: l.averageCost ?? UnitCost.zero,
          method: l.method,
          unitCost: l.unitCost,
          value: l.value,
        },
      });
      continue;
    }
    const r = e.row;
    r.quantity = (r.quantity + l.quantity) as Quantity;
    r.value = (r.value + l.value) as Money;
    if (r.managementAreaId !== l.managementAreaId) r.managementAreaId = null;
    if (r.method !== l.method) r.method = 'management-area';
    if (r.unitCost !== l.unitCost) e.sameCost = false;
  }
  // detail lines at one cost keep it; lines at different costs show the pooled cost
  return [...out.values()].map(({ row, sameCost }) => (sameCost ? row : { ...row, unitCost: unitCostOf(moneyToExact(row.value), row.quantity) }));
}

export interface WarehouseHistoryQueryInput {
  date?: string;
  item?: string;
  warehouse?: string;
  limit?: number;
  offset?: number;
  sort?: string;
}

/** GET /api/warehouse-history: rows as of a date (the latest per item and warehouse), or every saved row. */
export async function warehouseHistory(ctx: Ctx, query: WarehouseHistoryQueryInput) {
  requirePermission(ctx.actor, 'read');
  const problems = new Problems();
  const date = parseDate(query.date, '/date', problems);
  problems.throwIfAny();
  const db = ctx.store.db;
  const itemId = query.item ? (await itemOf(db, query.item)).id : undefined;
  const warehouseId = query.warehouse ? (await warehouseOf(db, query.warehouse)).id : undefined;
  return listHistory(db, { date, itemId, warehouseId, limit: query.limit, offset: query.offset, sort: query.sort });
}

/**
 * The closing pass: ONE ordered read of the movements after the previous
 * closing up to the closing date C, one item at a time (ledger-reader.ts
 * order: item, date, record number, record id, line number).
 *
 * For each item it keeps
 *   - the book stock of every closing key (warehouse + item + the
 *     warehouse's closing dimensions; a dimension switched off is summed
 *     over and written as ''), for the checks and the opening lines;
 *   - within each key, the stock by every location, lot or variant the
 *     warehouse does not close by and the request does not collapse: any
 *     non-zero one is reported (`dropped`), since the closing would lose it;
 *   - in 'close' mode, the cost streams of its cost scopes (the item, or each
 *     item + warehouse), started from the previous closing's state: average,
 *     moving average, last, fifo, lifo-yearly and the opening method(s); the
 *     period's purchases per scope; and per item the calendar years of the
 *     period (stock at each year's end, purchases per year).
 * When its last movement has been read, the item's opening lines and closing
 * history rows are made and its state dropped: memory is one item plus the
 * opening lines (one per closing key) and one batch of history rows.
 *
 * Scopes the previous closing kept but that moved no more in the period are
 * carried over (a history row with the same costs and no stock), so the last
 * cost, moving-average rate and fifo's last consumed cost of an item that
 * rested through a period are not lost.
 *
 * Speed (10M lines): the read is valuation's raw hot path (`readLedgerRaw`,
 * one range read per item, rows as arrays) asking only for the dimensions
 * some warehouse closes by, so without closing dimensions the read is
 * covered by an index; the cost methods' accumulators run side by side on
 * one running stock per scope (what `startValuation` does once per method).
 */
import {
  roundExactToMoney,
  UnitCost,
  unitCostOf,
  valueOf,
  type ExactValue,
  type Quantity as QuantityT,
  type UnitCost as UnitCostT,
} from '../../core/decimal.ts';
import { yearOf } from '../../core/dates.ts';
import type { Store } from '../../db/connection.ts';
import type { Dimension } from '../../ledger/keys.ts';
import type { Db } from '../../db/db.ts';
import {
  accumulatorOf,
  average,
  purchaseFeed,
  type CostAccumulator,
  type CostContext,
  type CostMovement,
  type CostResult,
  type RegistryCosts,
  type StreamCostMethod,
} from '../index.ts';
import { costMovementOf, R_DATE, R_LOT, R_QUANTITY, R_TEMPLATE, R_UNIT_COST, R_AMOUNT, rawDimsAt, readLedgerRaw, scaledOf, type CostTemplate, type RawLedgerRow } from '../ledger-reader.ts';
import { fifoLayersToJson, ITEM_SCOPE, loadHistory, yearLayersToJson, type LoadedHistory } from './history-source.ts';

/** How an opening line is valued: a cost method, or the registry sale price (template proposed cost salePrice). */
export type OpeningMethod = StreamCostMethod | 'salePrice';

/** The dimensions a closing must not drop silently (SPEC §7): stock held by them is an error unless collapsed. */
import { COLLAPSIBLE_DIMENSIONS, type CollapsibleDimension } from './collapse.ts';
export { COLLAPSIBLE_DIMENSIONS, type CollapsibleDimension } from './collapse.ts';

/** A closing key of a warehouse that holds non-zero stock by a dimension the warehouse does not close by. */
export interface DroppedKey {
  itemId: number;
  /** the dimension's value: a variant, a location, or a lot (lot/serial when a serial is set) */
  value: string;
  quantity: QuantityT;
}

/** Per warehouse and dimension: the keys whose stock the closing would drop (at most NEGATIVE_CAP kept). */
export interface DroppedDimension {
  warehouseId: number;
  dimension: CollapsibleDimension;
  count: number;
  keys: DroppedKey[];
}

/** The closing dimensions of a warehouse (year parameters): which key dimensions the opening lines keep. */
export interface ClosingDims {
  variant: boolean;
  location: boolean;
  /** lot and serial together */
  lot: boolean;
  jobOrder: boolean;
  account: boolean;
}

export interface PassWarehouse {
  id: number;
  code: string;
  keep: ClosingDims;
  method: OpeningMethod;
}

export interface PassItem {
  id: number;
  code: string;
  fiscal: boolean;
  lotManaged: boolean;
  serialManaged: boolean;
  registry: RegistryCosts;
}

export interface KeyDims {
  variant: string;
  location: string;
  lot: string;
  serial: string;
  jobOrder: string;
  account: string;
}

export interface OpeningLine extends KeyDims {
  itemId: number;
  quantity: QuantityT;
  unitCost: UnitCostT;
}

export interface NegativeKey extends KeyDims {
  warehouseId: number;
  itemId: number;
  quantity: QuantityT;
}

import type { HistoryRow, YearRow } from '../../db/closing-history-writes.ts';
export type { HistoryRow, YearRow };

export interface PassOptions {
  store: Store;
  /** the transaction (or handle) history is read with */
  db: Db;
  mode: 'check' | 'close';
  /** C */
  closingDate: string;
  /** the previous closing ('' = none): movements after it are read */
  after: string;
  /** costs per item and warehouse */
  perWarehouse: boolean;
  /** every item, ascending by id */
  items: readonly PassItem[];
  warehouses: ReadonlyMap<number, PassWarehouse>;
  templates: ReadonlyMap<number, CostTemplate>;
  /** dimensions the request sums away explicitly (`collapse`); stock held by any other dimension a warehouse does not keep is an error */
  collapse?: ReadonlySet<CollapsibleDimension>;
  /** items per batch (one ledger read and one history read per batch) */
  batchSize?: number;
  /** 'close': the batch's history rows, to be written before the next batch is read */
  onBatch?: (history: HistoryRow[], years: YearRow[]) => Promise<void>;
  onProgress?: (itemsDone: number, rowsRead: number) => void;
}

export interface PassResult {
  rowsRead: number;
  /** closing keys with stock > 0 (the opening lines) */
  keys: number;
  /** closing keys with stock < 0 (at most NEGATIVE_CAP kept) */
  negatives: NegativeKey[];
  negativeCount: number;
  /** warehouses with non-zero stock at some key */
  stockWarehouses: Set<number>;
  /** warehouses holding lot- or serial-managed stock that do not close by lot */
  lotsSummed: Set<number>;
  /** stock held by a dimension its warehouse neither closes by nor collapses (SPEC §7: an error naming the keys) */
  dropped: DroppedDimension[];
  /** movement lines (not opening lines) of lot-managed items without lot (serials: counted by the caller) */
  missingLot: number;
  /** fiscal loads with no unit cost (not opening lines) */
  loadsWithoutCost: number;
  /** 'close': the opening lines per warehouse */
  opening: Map<number, OpeningLine[]>;
  historyRows: number;
  yearRows: number;
}

export const NEGATIVE_CAP = 1000;

const SEP = '\u0001';
/** the methods every closing keeps in its history */
const HISTORY_METHODS: readonly StreamCostMethod[] = ['average', 'moving-average', 'last', 'fifo', 'lifo-yearly'];


/** The key dimensions in the order of KeyDims; lot at 2 and serial at 3 go together (closeByLot). */
const KEY_DIMS: readonly (keyof KeyDims)[] = ['variant', 'location', 'lot', 'serial', 'jobOrder', 'account'];
const READ_DIMS: readonly Dimension[] = ['variant', 'location', 'serial', 'jobOrder', 'account'];

interface KeyAcc {
  warehouseId: number;
  dims: string[];
  quantity: bigint;
}

/**
 * A cost scope: the cost methods' accumulators run side by side over its
 * counted movements with one running stock (what `startValuation` does per
 * method, done once for all of them).
 */
interface Scope {
  key: number;
  ctx: CostContext;
  states: any[];
  stock: bigint;
  results: Map<StreamCostMethod, CostResult>;
  book: bigint;
  purchasedQuantity: bigint;
  purchasedValue: bigint;
  value: bigint;
}

interface StreamYear {
  purchasedQuantity: bigint;
  purchasedValue: bigint;
  end?: bigint;
}

/** The calendar years of an item's counted movements in the period (as lifo/fifo-yearly walk them). */
class YearTracker {
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

export async function closingPass(o: PassOptions): Promise<PassResult> {
  const costing = o.mode === 'close';
  const C = o.closingDate;
  const closingYear = yearOf(C);
  const batchSize = o.batchSize ?? 250;
  const warehouses = [...o.warehouses.values()];
  // read only the dimensions some warehouse closes by: without any, the read is covered by an index
  const keepOf = (w: PassWarehouse, d: Dimension) =>
    d === 'variant' ? w.keep.variant : d === 'location' ? w.keep.location : d === 'serial' ? w.keep.lot : d === 'jobOrder' ? w.keep.jobOrder : w.keep.account;
  // per warehouse: the dimensions whose stock must not be dropped (neither kept nor collapsed)
  const collapse = o.collapse ?? new Set<CollapsibleDimension>();
  const guarded: CollapsibleDimension[][] = [];
  for (const w of warehouses) {
    guarded[w.id] = COLLAPSIBLE_DIMENSIONS.filter((d) => !w.keep[d] && !collapse.has(d));
  }
  const guardReads = (w: PassWarehouse, d: Dimension) =>
    d === 'variant' || d === 'location' ? guarded[w.id].includes(d) : d === 'serial' ? guarded[w.id].includes('lot') : false;
  const dims = READ_DIMS.filter((d) => warehouses.some((w) => keepOf(w, d) || guardReads(w, d)));
  const dimsAt = rawDimsAt(true);
  const variantAt = dimsAt + dims.indexOf('variant');
  const locationAt = dimsAt + dims.indexOf('location');
  const serialAt = dimsAt + dims.indexOf('serial');
  const droppedBy = new Map<string, DroppedDimension>();
  /** per warehouse: for each KeyDims slot, the raw column to read, or -1 (summed over, '') */
  const slots: number[][] = [];
  const keepsAny: boolean[] = [];
  for (const w of warehouses) {
    const at = KEY_DIMS.map((k) => {
      if (k === 'lot') return w.keep.lot ? R_LOT : -1;
      const d = k as Dimension;
      return keepOf(w, d) ? dimsAt + dims.indexOf(d) : -1;
    });
    slots[w.id] = at;
    keepsAny[w.id] = at.some((i) => i >= 0);
  }
  const templateById: (CostTemplate | undefined)[] = [];
  for (const t of o.templates.values()) templateById[t.id] = t;
  const methods = [
    ...HISTORY_METHODS,
    ...new Set(warehouses.map((w) => w.method).filter((m): m is StreamCostMethod => m !== 'salePrice' && !HISTORY_METHODS.includes(m))),
  ];
  const accumulators: CostAccumulator<any>[] = methods.map((m) => accumulatorOf(m));
  const methodIndex = new Map(methods.map((m, i) => [m, i]));

  const result: PassResult = {
    rowsRead: 0,
    keys: 0,
    negatives: [],
    negativeCount: 0,
    stockWarehouses: new Set(),
    lotsSummed: new Set(),
    dropped: [],
    missingLot: 0,
    loadsWithoutCost: 0,
    opening: new Map(),
    historyRows: 0,
    yearRows: 0,
  };
  let historyOut: HistoryRow[] = [];
  let yearsOut: YearRow[] = [];
  let history: LoadedHistory | undefined;

  // --- the current item ---
  let item: PassItem | undefined;
  let keys = new Map<string | number, KeyAcc>();
  /** stock by a guarded dimension's value inside a closing key */
  let held = new Map<string, { warehouseId: number; dimension: CollapsibleDimension; value: string; quantity: bigint }>();
  let scopes = new Map<number, Scope>();
  let years = new YearTracker();
  let itemAverage: { state: any; stock: bigint } | undefined;

  const openScope = (key: number): Scope => {
    const it = item!;
    const scope = key === ITEM_SCOPE ? { itemId: it.id } : { itemId: it.id, warehouseId: key };
    const ctx: CostContext = { date: C, registry: it.registry, closing: history?.closingState(scope), years: history?.years(it.id) ?? [] };
    const s: Scope = {
      key,
      ctx,
      states: accumulators.map((a) => a.init(ctx)),
      stock: 0n,
      results: new Map(),
      book: 0n,
      purchasedQuantity: 0n,
      purchasedValue: 0n,
      value: 0n,
    };
    scopes.set(key, s);
    return s;
  };
  const scopeOf = (key: number): Scope => scopes.get(key) ?? openScope(key);

  const startItem = (it: PassItem) => {
    item = it;
    keys = new Map();
    held = new Map();
    scopes = new Map();
    years = new YearTracker();
    itemAverage = costing && o.perWarehouse && it.fiscal ? { state: average.init({ date: C, registry: it.registry }), stock: 0n } : undefined;
  };

  const onRow = (r: RawLedgerRow) => {
    const it = item!;
    result.rowsRead++;
    const templateId = Number(r[R_TEMPLATE]);
    const template = templateById[templateId];
    if (!template) throw new Error(`movement on unknown template ${templateId}`);
    const warehouseId = template.warehouseId;
    const at = slots[warehouseId];
    if (!at) throw new Error(`movement in unknown warehouse ${warehouseId}`);
    const quantity = r[R_QUANTITY] as bigint;
    const lot = r[R_LOT] as string;
    let k: string | number = warehouseId;
    if (keepsAny[warehouseId]) {
      k = String(warehouseId);
      for (let i = 0; i < 6; i++) k += at[i] >= 0 ? SEP + (r[at[i]] as string) : SEP;
    }
    const acc = keys.get(k);
    if (acc) acc.quantity += quantity;
    else keys.set(k, { warehouseId, dims: at.map((i) => (i >= 0 ? (r[i] as string) : '')), quantity });
    const guards = guarded[warehouseId];
    for (let g = 0; g < guards.length; g++) {
      const d = guards[g];
      let value: string;
      if (d === 'lot') {
        const serial = r[serialAt] as string;
        value = serial ? `${lot}/${serial}` : lot;
      } else value = r[d === 'variant' ? variantAt : locationAt] as string;
      if (value === '') continue;
      const hk = `${k}${SEP}${d}${SEP}${value}`;
      const h = held.get(hk);
      if (h) h.quantity += quantity;
      else held.set(hk, { warehouseId, dimension: d, value, quantity });
    }

    if (!template.opening) {
      if (quantity !== 0n && it.lotManaged && lot === '') result.missingLot++;
      if (quantity > 0n && it.fiscal && template.fiscal && scaledOf(r[R_UNIT_COST]) === 0n) result.loadsWithoutCost++;
    }
    if (!costing) return;
    const scope = scopeOf(o.perWarehouse ? warehouseId : ITEM_SCOPE);
    scope.book += quantity;
    if (!it.fiscal || !template.fiscal) return; // counted by no cost method
    const m: CostMovement = costMovementOf(
      template,
      it,
      o.warehouses.get(warehouseId)!.code,
      r[R_DATE] as string,
      quantity,
      scaledOf(r[R_UNIT_COST]),
      scaledOf(r[R_AMOUNT]),
      lot,
    );
    const states = scope.states;
    for (let i = 0; i < accumulators.length; i++) accumulators[i].step(states[i], m, scope.stock as QuantityT);
    scope.stock += quantity;
    if (itemAverage) {
      average.step(itemAverage.state, m, itemAverage.stock as QuantityT);
      itemAverage.stock += quantity;
    }
    const feed = purchaseFeed(m);
    if (feed) {
      scope.purchasedQuantity += feed.quantity;
      scope.purchasedValue += feed.value;
    }
    years.push(m.date, quantity, feed);
  };

  const resultOf = (scope: Scope, m: StreamCostMethod): CostResult => {
    let r = scope.results.get(m);
    if (!r) {
      const i = methodIndex.get(m)!;
      scope.results.set(m, (r = accumulators[i].finish(scope.states[i], scope.stock as QuantityT)));
    }
    return r;
  };

  const lineCost = (scope: Scope, w: PassWarehouse, lot: string): UnitCostT => {
    const it = item!;
    if (!it.fiscal) return UnitCost.zero; // valued at 0, as in the valued inventory
    if (w.method === 'salePrice') return it.registry.salePrice;
    const r = resultOf(scope, w.method);
    if (w.method === 'lot-cost' && w.keep.lot) {
      const l = r.lots?.find((x) => x.lot === lot);
      if (l) return l.unitCost;
    }
    return r.unitCost;
  };

  const finishItem = () => {
    const it = item!;
    for (const h of held.values()) {
      if (h.quantity === 0n) continue;
      const dk = `${h.warehouseId}${SEP}${h.dimension}`;
      let d = droppedBy.get(dk);
      if (!d) droppedBy.set(dk, (d = { warehouseId: h.warehouseId, dimension: h.dimension, count: 0, keys: [] }));
      d.count++;
      if (d.keys.length < NEGATIVE_CAP) d.keys.push({ itemId: it.id, value: h.value, quantity: h.quantity as QuantityT });
    }
    if (costing) for (const key of history?.scopes(it.id) ?? []) scopeOf(key);
    const sorted = keys.size > 1 ? [...keys.values()].sort(byKey) : [...keys.values()];
    for (const k of sorted) {
      if (k.quantity === 0n) continue;
      const w = o.warehouses.get(k.warehouseId)!;
      const dims: KeyDims = { variant: k.dims[0], location: k.dims[1], lot: k.dims[2], serial: k.dims[3], jobOrder: k.dims[4], account: k.dims[5] };
      if (k.quantity < 0n) {
        result.negativeCount++;
        if (result.negatives.length < NEGATIVE_CAP) result.negatives.push({ warehouseId: w.id, itemId: it.id, ...dims, quantity: k.quantity as QuantityT });
        continue;
      }
      result.stockWarehouses.add(w.id);
      if ((it.lotManaged || it.serialManaged) && !w.keep.lot) result.lotsSummed.add(w.id);
      result.keys++;
      if (!costing) continue;
      const scope = scopeOf(o.perWarehouse ? w.id : ITEM_SCOPE);
      const unitCost = lineCost(scope, w, dims.lot);
      scope.value += valueOf(k.quantity as QuantityT, unitCost);
      const lines = result.opening.get(w.id) ?? result.opening.set(w.id, []).get(w.id)!;
      lines.push({ itemId: it.id, ...dims, quantity: k.quantity as QuantityT, unitCost });
    }
    if (costing) {
      for (const scope of [...scopes.values()].sort((a, b) => a.key - b.key)) {
        const f = resultOf(scope, 'fifo');
        historyOut.push({
          item_id: it.id,
          warehouse_id: scope.key === ITEM_SCOPE ? null : scope.key,
          quantity: scope.book,
          average_cost: resultOf(scope, 'average').unitCost,
          moving_average_rate: resultOf(scope, 'moving-average').unitCost,
          last_cost: resultOf(scope, 'last').unitCost,
          fifo_last_consumed_cost: f.lastConsumedCost ?? null,
          purchased_quantity: scope.purchasedQuantity,
          purchased_value: roundExactToMoney(scope.purchasedValue as ExactValue),
          purchased_exact: scope.purchasedValue,
          fifo_layers: fifoLayersToJson(f.layers ?? []),
          lifo_layers: yearLayersToJson(resultOf(scope, 'lifo-yearly').yearLayers ?? []),
          value: scope.value,
        });
      }
      if (it.fiscal) {
        const fallback = itemAverage
          ? average.finish(itemAverage.state, itemAverage.stock as QuantityT).unitCost
          : resultOf(scopeOf(ITEM_SCOPE), 'average').unitCost;
        yearsOut.push(...years.rows(it.id, closingYear, fallback));
      }
    }
    item = undefined;
  };

  for (let i = 0; i < o.items.length; i += batchSize) {
    const batch = o.items.slice(i, i + batchSize);
    const ids = batch.map((b) => b.id);
    const byId = new Map(batch.map((b) => [b.id, b]));
    const seen = new Set<number>();
    history = costing ? await loadHistory(o.db, { closingDate: o.after, itemIds: ids, perWarehouse: o.perWarehouse }) : undefined;
    await readLedgerRaw(o.store, { after: o.after, date: C, itemIds: ids, lots: true, dims }, (itemId, rows) => {
      if (item?.id !== itemId) {
        if (item) finishItem();
        const it = byId.get(itemId);
        if (!it) throw new Error(`movement of unknown item ${itemId}`);
        startItem(it);
        seen.add(itemId);
      }
      for (const r of rows) onRow(r);
    });
    if (item) finishItem();
    if (costing) {
      // scopes kept by the previous closing whose items did not move in the period
      for (const it of batch) {
        if (seen.has(it.id) || (history?.scopes(it.id).length ?? 0) === 0) continue;
        startItem(it);
        finishItem();
      }
      result.historyRows += historyOut.length;
      result.yearRows += yearsOut.length;
      if (o.onBatch && (historyOut.length || yearsOut.length)) await o.onBatch(historyOut, yearsOut);
      historyOut = [];
      yearsOut = [];
    }
    o.onProgress?.(Math.min(i + batchSize, o.items.length), result.rowsRead);
  }
  result.dropped = [...droppedBy.values()].sort((a, b) => a.warehouseId - b.warehouseId || COLLAPSIBLE_DIMENSIONS.indexOf(a.dimension) - COLLAPSIBLE_DIMENSIONS.indexOf(b.dimension));
  return result;
}

/** Opening lines of an item in warehouse, then dimension order. */
function byKey(a: KeyAcc, b: KeyAcc): number {
  if (a.warehouseId !== b.warehouseId) return a.warehouseId - b.warehouseId;
  for (let i = 0; i < 6; i++) {
    if (a.dims[i] !== b.dims[i]) return a.dims[i] < b.dims[i] ? -1 : 1;
  }
  return 0;
}

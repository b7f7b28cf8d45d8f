/**
 * The closing of one item (SPEC §7), pure: the item's movement rows after the
 * previous closing up to C in ledger order in (as ledger-reader.ts
 * `streamItems` feeds them), its results out into the pass's sink. No I/O:
 * the previous closing's history of the item's batch is handed in by the read
 * loop (pass.ts).
 *
 * For the item it keeps
 *   - the book stock of every closing key (warehouse + item + the
 *     warehouse's closing dimensions; a dimension switched off is summed
 *     over and written as ''), for the checks and the opening lines;
 *   - within each key, the stock by every location, lot or variant the
 *     warehouse does not close by and the request does not collapse: any
 *     non-zero one is reported (`dropped`), since the closing would lose it;
 *   - in 'close' mode, the cost methods of its cost scopes (the item, or each
 *     item + warehouse), started from the previous closing's state and run side
 *     by side on one running stock (method-runner.ts): average, moving
 *     average, last, fifo, lifo-yearly and the opening method(s); the
 *     period's purchases per scope; and per item the calendar years of the
 *     period (year-tracker.ts).
 * At its end the item's opening lines and closing history rows are made.
 *
 * Scopes the previous closing kept but that moved no more in the period are
 * carried over (a history row with the same costs and no stock), so the last
 * cost, moving-average rate and fifo's last consumed cost of an item that
 * rested through a period are not lost.
 */
import { roundExactToMoney, UnitCost, valueOf, type ExactValue, type Quantity as QuantityT, type UnitCost as UnitCostT } from '../../core/decimal.ts';
import { yearOf } from '../../core/dates.ts';
import type { HistoryRow, YearRow } from '../../db/closing-history-writes.ts';
import type { Dimension } from '../../ledger/keys.ts';
import type { CostContext, CostMovement, RegistryCosts } from '../movement.ts';
import type { CostResult } from '../result.ts';
import type { StreamCostMethod } from '../cost-methods.ts';
import { costMovementOf, R_DATE, R_LOT, R_QUANTITY, R_TEMPLATE, R_UNIT_COST, R_AMOUNT, rawDimsAt, scaledOf, type CostTemplate, type ItemFold, type RawLedgerRow } from '../ledger-reader.ts';
import { purchaseFeed } from '../average.ts';
import { runMethods, type MethodRunner } from '../method-runner.ts';
import { fifoLayersToJson, ITEM_SCOPE, yearLayersToJson, type LoadedHistory } from './history-source.ts';
import { YearTracker } from './year-tracker.ts';
import { COLLAPSIBLE_DIMENSIONS, type CollapsibleDimension } from './collapse.ts';

/** How an opening line is valued: a cost method, or the registry sale price (template proposed cost salePrice). */
export type OpeningMethod = StreamCostMethod | 'salePrice';

/** The dimensions a closing must not drop silently (SPEC §7): stock held by them is an error unless collapsed. */

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

/** What the closing of every item depends on: plain data, no store. */
export interface ClosingOptions {
  mode: 'check' | 'close';
  /** C */
  closingDate: string;
  /** costs per item and warehouse */
  perWarehouse: boolean;
  warehouses: ReadonlyMap<number, PassWarehouse>;
  templates: ReadonlyMap<number, CostTemplate>;
  /** dimensions the request sums away explicitly (`collapse`); stock held by any other dimension a warehouse does not keep is an error */
  collapse?: ReadonlySet<CollapsibleDimension>;
}

/** Where the items' closings add up (the pass's result and the batch's history rows). */
export interface ClosingSink {
  result: PassResult;
  droppedBy: Map<string, DroppedDimension>;
  history: HistoryRow[];
  years: YearRow[];
}

export interface ItemClosing {
  /** the dimensions the read must carry (only those some warehouse closes by or guards) */
  dims: readonly Dimension[];
  /** starts closing an item: feed its rows, then `end()` */
  item(it: PassItem, history: LoadedHistory | undefined, sink: ClosingSink): ItemFold;
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

interface Scope {
  key: number;
  runner: MethodRunner;
  book: bigint;
  purchasedQuantity: bigint;
  purchasedValue: bigint;
  value: bigint;
}

export function itemClosing(o: ClosingOptions): ItemClosing {
  const costing = o.mode === 'close';
  const C = o.closingDate;
  const closingYear = yearOf(C);
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

  const item = (it: PassItem, history: LoadedHistory | undefined, sink: ClosingSink): ItemFold => {
    const keys = new Map<string | number, KeyAcc>();
    /** stock by a guarded dimension's value inside a closing key */
    const held = new Map<string, { warehouseId: number; dimension: CollapsibleDimension; value: string; quantity: bigint }>();
    const scopes = new Map<number, Scope>();
    const years = new YearTracker();
    const itemAverage = costing && o.perWarehouse && it.fiscal ? runMethods(['average'], { date: C, registry: it.registry }) : undefined;

    const openScope = (key: number): Scope => {
      const scope = key === ITEM_SCOPE ? { itemId: it.id } : { itemId: it.id, warehouseId: key };
      const ctx: CostContext = { date: C, registry: it.registry, closing: history?.closingState(scope), years: history?.years(it.id) ?? [] };
      const s: Scope = {
        key,
        runner: runMethods(methods, ctx),
        book: 0n,
        purchasedQuantity: 0n,
        purchasedValue: 0n,
        value: 0n,
      };
      scopes.set(key, s);
      return s;
    };
    const scopeOf = (key: number): Scope => scopes.get(key) ?? openScope(key);

    const onRow = (r: RawLedgerRow) => {
      sink.result.rowsRead++;
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
        if (quantity !== 0n && it.lotManaged && lot === '') sink.result.missingLot++;
        if (quantity > 0n && it.fiscal && template.fiscal && scaledOf(r[R_UNIT_COST]) === 0n) sink.result.loadsWithoutCost++;
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
      scope.runner.push(m);
      itemAverage?.push(m);
      const feed = purchaseFeed(m);
      if (feed) {
        scope.purchasedQuantity += feed.quantity;
        scope.purchasedValue += feed.value;
      }
      years.push(m.date, quantity, feed);
    };

    const resultOf = (scope: Scope, m: StreamCostMethod): CostResult => scope.runner.result(m);

    const lineCost = (scope: Scope, w: PassWarehouse, lot: string): UnitCostT => {
      if (!it.fiscal) return UnitCost.zero; // valued at 0, as in the valued inventory
      if (w.method === 'salePrice') return it.registry.salePrice;
      const r = resultOf(scope, w.method);
      if (w.method === 'lot-cost' && w.keep.lot) {
        const l = r.lots?.find((x) => x.lot === lot);
        if (l) return l.unitCost;
      }
      return r.unitCost;
    };

    const end = () => {
      for (const h of held.values()) {
        if (h.quantity === 0n) continue;
        const dk = `${h.warehouseId}${SEP}${h.dimension}`;
        let d = sink.droppedBy.get(dk);
        if (!d) sink.droppedBy.set(dk, (d = { warehouseId: h.warehouseId, dimension: h.dimension, count: 0, keys: [] }));
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
          sink.result.negativeCount++;
          if (sink.result.negatives.length < NEGATIVE_CAP) sink.result.negatives.push({ warehouseId: w.id, itemId: it.id, ...dims, quantity: k.quantity as QuantityT });
          continue;
        }
        sink.result.stockWarehouses.add(w.id);
        if ((it.lotManaged || it.serialManaged) && !w.keep.lot) sink.result.lotsSummed.add(w.id);
        sink.result.keys++;
        if (!costing) continue;
        const scope = scopeOf(o.perWarehouse ? w.id : ITEM_SCOPE);
        const unitCost = lineCost(scope, w, dims.lot);
        scope.value += valueOf(k.quantity as QuantityT, unitCost);
        const lines = sink.result.opening.get(w.id) ?? sink.result.opening.set(w.id, []).get(w.id)!;
        lines.push({ itemId: it.id, ...dims, quantity: k.quantity as QuantityT, unitCost });
      }
      if (costing) {
        for (const scope of [...scopes.values()].sort((a, b) => a.key - b.key)) {
          const f = resultOf(scope, 'fifo');
          sink.history.push({
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
          const fallback = itemAverage ? itemAverage.result('average').unitCost : resultOf(scopeOf(ITEM_SCOPE), 'average').unitCost;
          sink.years.push(...years.rows(it.id, closingYear, fallback));
        }
      }
    };

    return {
      push: (rows) => {
        for (const r of rows) onRow(r);
      },
      end,
    };
  };
  return { dims, item };
}

/** Opening lines of an item in warehouse, then dimension order. */
function byKey(a: KeyAcc, b: KeyAcc): number {
  if (a.warehouseId !== b.warehouseId) return a.warehouseId - b.warehouseId;
  for (let i = 0; i < 6; i++) {
    if (a.dims[i] !== b.dims[i]) return a.dims[i] < b.dims[i] ? -1 : 1;
  }
  return 0;
}

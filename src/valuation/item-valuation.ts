/**
 * The valuing of one item for the valued quantity inventory (SPEC §6, §8),
 * pure: the item's ordered movement rows in (as the read loop of
 * ledger-reader.ts `streamItems` feeds them), its report lines out. No I/O:
 * the closing history and the warehouse history snapshots of the item's batch
 * are handed in, read by inventory-pass.ts.
 *
 * For the item it keeps
 *   - the cost methods (`runMethods`, method-runner.ts) of its cost scopes: the
 *     item, or each (item, warehouse) with value-per-warehouse; every movement
 *     of the scope is pushed, the methods count only the fiscal ones;
 *   - the report lines being built: per warehouse (when grouped by warehouse)
 *     and detail key, the BOOK quantity of every movement that passes the row
 *     filters, split in cells by warehouse (and lot, for lot-cost);
 * and at its end it values the lines and emits them. Memory is one item's
 * methods and lines.
 *
 * Valuing a line. Each cell takes the unit cost of its source:
 *   - a non-fiscal item: 0 (its quantity is shown, it has no value);
 *   - history: the warehouse history cost (warehouse-history.ts), else the
 *     registry average;
 *   - lot-cost: the cost of the cell's lot in the scope's result (a lot with no
 *     fiscal load: the average fallback);
 *   - otherwise the scope's method result (management-area: the method of the
 *     cell warehouse's area, 'average' for a warehouse without area).
 * The line value is, per source in the line, round(Q × unit cost, 2) — per lot
 * for lot-cost — except for the layered methods (fifo, lifo-yearly,
 * fifo-yearly): when one line alone holds the scope's quantity and it equals
 * the method's (fiscal) quantity, the line takes the method's value
 * round(Σ layer qty × cost, 2); a scope split over several lines (details,
 * warehouses of a per-item cost) values each part at round(Q × unit cost, 2).
 * The unit cost shown is the source's unit cost when the line has one source,
 * else round(value / Q, 5).
 */
import {
  moneyToExact,
  Quantity,
  UnitCost,
  unitCostOf,
  valueOf,
  type Money,
  type UnitCost as UnitCostT,
} from '../core/decimal.ts';
import type { Dimension } from '../ledger/keys.ts';
import { averageFallback } from './average.ts';
import type { ClosingHistoryBatch } from './closing-history.ts';
import { isStreamMethod, LAYERED_METHOD_IDS, type CostMethod, type StreamCostMethod } from './cost-methods.ts';
import { R_DATE, rawDimsAt, R_LOT, R_QUANTITY, R_TEMPLATE, R_AMOUNT, R_UNIT_COST, scaledOf, costMovementOf, type CostTemplate, type ItemFold, type RawLedgerRow } from './ledger-reader.ts';
import { runMethods, type MethodRunner } from './method-runner.ts';
import type { CostContext, RegistryCosts } from './movement.ts';
import type { CostResult } from './result.ts';
import type { HistoryCosts } from './warehouse-history.ts';

export interface PassItem {
  id: number;
  code: string;
  description: string;
  uom: string;
  itemType: string;
  fiscalCategory: string;
  merchandiseCategory: string;
  fiscal: boolean;
  registry: RegistryCosts;
}

export interface PassWarehouse {
  id: number;
  code: string;
  description: string;
  managementAreaId: number | null;
  /** the cost method of its management area (only meaningful for management-area) */
  areaMethod: StreamCostMethod;
}

/** What the valuing of every item depends on: plain data, no store. */
export interface ValuingOptions {
  /** valuation date D */
  date: string;
  /** costs per item and warehouse */
  perWarehouse: boolean;
  method: CostMethod;
  groupBy: 'item' | 'warehouse';
  detail: readonly Dimension[];
  warehouses: ReadonlyMap<number, PassWarehouse>;
  templates: ReadonlyMap<number, CostTemplate>;
  /** row filters: only these movements count in the quantities (all of them still feed costs) */
  warehouseId?: number;
  templateIds?: ReadonlySet<number>;
  /** also compute last and average cost per line (what historicize saves) */
  withCosts?: boolean;
}

/** What an item's valuing is handed from its batch's reads. */
export interface ItemBatch {
  closing: ClosingHistoryBatch;
  /** method history: the batch's snapshot costs */
  history?: HistoryCosts;
}

export interface ItemValuing {
  /** whether the rows must carry the lot */
  needsLot: boolean;
  /** the warehouse filter the read may apply (only when no item-level scope needs the other warehouses) */
  sqlWarehouse: number | undefined;
  /** starts valuing an item: feed its rows, then `end()` emits its lines */
  item(it: PassItem, batch: ItemBatch, emit: (line: PassLine) => void): ItemFold;
}

export interface PassLine {
  item: PassItem;
  /** set when grouped by warehouse */
  warehouseId?: number;
  /** detail values, in the order of `detail` */
  dims: string[];
  quantity: Quantity;
  unitCost: UnitCostT;
  value: Money;
  /** withCosts: the last and average cost of the line's scope */
  lastCost?: UnitCostT;
  averageCost?: UnitCostT;
  /** the management area of the line's warehouse(s), when there is a single one */
  managementAreaId: number | null;
  /** the method that valued the line (management-area: the area's method when single) */
  method: string;
}

const LAYERED = new Set<string>(LAYERED_METHOD_IDS);
const SEP = '\u0001';
/** scope key of the item-level scope (warehouse ids are > 0) */
const ITEM_SCOPE = 0;

interface Cell {
  warehouseId: number;
  lot: string;
  quantity: bigint;
}

interface Line {
  warehouseId: number | undefined;
  dims: string[];
  cells: Map<string | number, Cell>;
}

interface Scope {
  key: number;
  runner: MethodRunner;
}

/** Where a cell's cost comes from. */
interface Source {
  key: string;
  kind: 'unit' | 'layered' | 'lot';
  method: string;
  unitCost: UnitCostT;
  result?: CostResult;
  lotCosts?: Map<string, UnitCostT>;
  lotFallback?: UnitCostT;
}

interface Group {
  source: Source;
  quantity: bigint;
  lots?: Map<string, bigint>;
}

export function itemValuing(o: ValuingOptions): ItemValuing {
  const method = o.method;
  const areaMethodOf = (warehouseId: number): StreamCostMethod => o.warehouses.get(warehouseId)?.areaMethod ?? 'average';
  const allAreaMethods = [...new Set([...o.warehouses.values()].map((w) => w.areaMethod))];
  const costMethodsOf = (scopeKey: number): StreamCostMethod[] => {
    if (isStreamMethod(method)) return [method];
    if (method === 'management-area') return scopeKey === ITEM_SCOPE ? allAreaMethods : [areaMethodOf(scopeKey)];
    return []; // history
  };
  const needsLot = method === 'lot-cost' || (method === 'management-area' && allAreaMethods.includes('lot-cost'));
  // the scope of the last / average cost a history row saves
  const infoPerWarehouse = o.perWarehouse && o.groupBy === 'warehouse';
  const itemScopeNeeded = !o.perWarehouse || (o.withCosts === true && !infoPerWarehouse);
  // the warehouse filter can go to SQL only when no item-level stream needs the other warehouses
  const sqlWarehouse = o.warehouseId !== undefined && !itemScopeNeeded ? o.warehouseId : undefined;
  const detailCount = o.detail.length;
  // templates by id in an array: the hot path looks one up per movement
  const templateById: (CostTemplate | undefined)[] = [];
  for (const t of o.templates.values()) templateById[t.id] = t;
  const warehouseCode = (id: number) => o.warehouses.get(id)?.code ?? '';
  const filterWarehouse = o.warehouseId !== undefined && sqlWarehouse === undefined ? o.warehouseId : undefined;
  const lineByWarehouse = o.groupBy === 'warehouse';
  const dimsAt = rawDimsAt(needsLot);

  const item = (it: PassItem, { closing, history }: ItemBatch, emit: (line: PassLine) => void): ItemFold => {
    const scopes = new Map<number, Scope>();
    const lines = new Map<string | number, Line>();

    const openScope = (key: number): Scope => {
      const scope = key === ITEM_SCOPE ? { itemId: it.id } : { itemId: it.id, warehouseId: key };
      const ctx: CostContext = { date: o.date, registry: it.registry, closing: closing.closingState(scope), years: closing.years(it.id) };
      const methods = new Set<StreamCostMethod>((key === ITEM_SCOPE) === !o.perWarehouse ? costMethodsOf(key) : []);
      if (o.withCosts && (key === ITEM_SCOPE ? !infoPerWarehouse : infoPerWarehouse)) {
        methods.add('last');
        methods.add('average');
      }
      const s: Scope = { key, runner: runMethods([...methods], ctx) };
      scopes.set(key, s);
      return s;
    };

    const onRow = (r: RawLedgerRow) => {
      const templateId = Number(r[R_TEMPLATE]);
      const template = templateById[templateId];
      if (!template) throw new Error(`movement on unknown template ${templateId}`);
      const warehouseId = template.warehouseId;
      const quantity = r[R_QUANTITY] as bigint;
      const lot = needsLot ? (r[R_LOT] as string) : '';
      if (it.fiscal) {
        const m = costMovementOf(
          template,
          it,
          warehouseCode(warehouseId),
          r[R_DATE] as string,
          quantity,
          scaledOf(r[R_UNIT_COST]),
          scaledOf(r[R_AMOUNT]),
          lot,
        );
        const itemScope = scopes.get(ITEM_SCOPE);
        if (itemScope) itemScope.runner.push(m);
        if (o.perWarehouse) (scopes.get(warehouseId) ?? openScope(warehouseId)).runner.push(m);
      }
      if (filterWarehouse !== undefined && warehouseId !== filterWarehouse) return;
      if (o.templateIds && !o.templateIds.has(templateId)) return;
      let lineKey: string | number;
      let dims: string[] = NO_DIMS;
      if (detailCount === 0) {
        lineKey = lineByWarehouse ? warehouseId : 0;
      } else {
        dims = r.slice(dimsAt, dimsAt + detailCount) as string[];
        lineKey = (lineByWarehouse ? warehouseId : '') + SEP + dims.join(SEP);
      }
      let line = lines.get(lineKey);
      if (!line) lines.set(lineKey, (line = { warehouseId: lineByWarehouse ? warehouseId : undefined, dims, cells: new Map() }));
      const cellKey = needsLot ? warehouseId + SEP + lot : warehouseId;
      const cell = line.cells.get(cellKey);
      if (cell) cell.quantity += quantity;
      else line.cells.set(cellKey, { warehouseId, lot, quantity });
    };

    const resultOf = (scope: Scope, m: StreamCostMethod): CostResult => scope.runner.result(m);

    const sourceCache = new Map<string, Source>();
    const sourceOf = (warehouseId: number): Source => {
      if (!it.fiscal) return NON_FISCAL;
      if (method === 'history') {
        const cost = history!.costOf(it.id, warehouseId) ?? it.registry.averageCost;
        const key = `h${SEP}${cost}`;
        let s = sourceCache.get(key);
        if (!s) sourceCache.set(key, (s = { key, kind: 'unit', method, unitCost: cost }));
        return s;
      }
      const scopeKey = o.perWarehouse ? warehouseId : ITEM_SCOPE;
      const m = method === 'management-area' ? areaMethodOf(warehouseId) : (method as StreamCostMethod);
      const key = scopeKey + SEP + m;
      let s = sourceCache.get(key);
      if (s) return s;
      const scope = scopes.get(scopeKey) ?? openScope(scopeKey);
      const result = resultOf(scope, m);
      if (m === 'lot-cost') {
        s = {
          key,
          kind: 'lot',
          method: m,
          unitCost: result.unitCost,
          result,
          lotCosts: new Map((result.lots ?? []).map((l) => [l.lot, l.unitCost])),
          lotFallback: averageFallback(scope.runner.ctx),
        };
      } else {
        s = { key, kind: LAYERED.has(m) ? 'layered' : 'unit', method: m, unitCost: result.unitCost, result };
      }
      sourceCache.set(key, s);
      return s;
    };

    const end = () => {
      // group each line's cells by cost source
      const grouped: { line: Line; groups: Map<string, Group>; quantity: bigint }[] = [];
      const layeredLines = new Map<string, number>();
      for (const line of lines.values()) {
        const groups = new Map<string, Group>();
        let quantity = 0n;
        for (const cell of line.cells.values()) {
          quantity += cell.quantity;
          const src = sourceOf(cell.warehouseId);
          let g = groups.get(src.key);
          if (!g) groups.set(src.key, (g = { source: src, quantity: 0n, lots: src.kind === 'lot' ? new Map() : undefined }));
          g.quantity += cell.quantity;
          if (g.lots) g.lots.set(cell.lot, (g.lots.get(cell.lot) ?? 0n) + cell.quantity);
        }
        for (const g of groups.values()) {
          if (g.source.kind === 'layered' && g.quantity !== 0n) layeredLines.set(g.source.key, (layeredLines.get(g.source.key) ?? 0) + 1);
        }
        grouped.push({ line, groups, quantity });
      }
      for (const { line, groups, quantity } of grouped) {
        let value = 0n;
        let single: UnitCostT | undefined;
        let parts = 0;
        for (const g of groups.values()) {
          const src = g.source;
          if (src.kind === 'lot') {
            for (const [lot, q] of g.lots!) {
              const cost = src.lotCosts!.get(lot) ?? src.lotFallback!;
              value += valueOf(q as Quantity, cost);
              single = cost;
              parts++;
            }
          } else {
            const r = src.result;
            if (src.kind === 'layered' && r && layeredLines.get(src.key) === 1 && g.quantity === r.quantity) value += r.value;
            else value += valueOf(g.quantity as Quantity, src.unitCost);
            single = src.unitCost;
            parts++;
          }
        }
        const unitCost = parts === 1 && single !== undefined ? single : unitCostOf(moneyToExact(value as Money), quantity);
        const passLine: PassLine = {
          item: it,
          warehouseId: line.warehouseId,
          dims: line.dims,
          quantity: quantity as Quantity,
          unitCost,
          value: value as Money,
          ...lineArea(line),
        };
        if (o.withCosts) Object.assign(passLine, lineCosts(line));
        emit(passLine);
      }
    };

    /** management area and method of a line */
    const lineArea = (line: Line): { managementAreaId: number | null; method: string } => {
      const warehouses = line.warehouseId !== undefined ? [line.warehouseId] : [...new Set([...line.cells.values()].map((c) => c.warehouseId))];
      const areas = new Set(warehouses.map((w) => o.warehouses.get(w)?.managementAreaId ?? null));
      const managementAreaId = areas.size === 1 ? [...areas][0] : null;
      if (method !== 'management-area') return { managementAreaId, method };
      const methods = new Set(warehouses.map(areaMethodOf));
      return { managementAreaId, method: methods.size === 1 ? [...methods][0] : method };
    };

    /** last and average cost of the line's info scope */
    const lineCosts = (line: Line): { lastCost: UnitCostT; averageCost: UnitCostT } => {
      if (!it.fiscal) return { lastCost: it.registry.lastCost, averageCost: it.registry.averageCost };
      const key = infoPerWarehouse ? line.warehouseId! : ITEM_SCOPE;
      const scope = scopes.get(key) ?? openScope(key);
      return { lastCost: resultOf(scope, 'last').unitCost, averageCost: resultOf(scope, 'average').unitCost };
    };

    if (it.fiscal && itemScopeNeeded) openScope(ITEM_SCOPE);
    return {
      push: (rows) => {
        for (const r of rows) onRow(r);
      },
      end,
    };
  };
  return { needsLot, sqlWarehouse, item };
}

const NO_DIMS: string[] = [];
const NON_FISCAL: Source = { key: 'nf', kind: 'unit', method: 'none', unitCost: UnitCost.zero };


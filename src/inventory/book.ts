/**
 * Bulk reads of the ledger for inventories: book stock of whole warehouses at
 * a date (one grouped query, no query per key) and proposed unit costs of
 * many items at once (one query per chunk of items, then the pure cost
 * methods of src/valuation). The reads go through src/db (`book-stock-reads.ts`,
 * `rows.ts`: raw arrays on SQLite, no per-row objects from the query builder);
 * call these inside `inTransaction` so the handle is not shared with another request.
 */
import { sql, type SqlBool } from 'kysely';
import { UnitCost, unitCostOf, type UnitCost as UnitCostT } from '../core/decimal.ts';
import type { Store } from '../db/connection.ts';
import { closingBefore } from '../ledger/stock.ts';
import type { Db } from '../db/db.ts';
import { openValuation, type CostContext, type CostMovement } from '../valuation/index.ts';
import { loadClosingHistory } from '../valuation/closing-history.ts';
import { storedClosingHistory } from '../valuation/closing/history-source.ts';
import { registryOf, valuePerWarehouse } from '../valuation/item-cost.ts';
import { proposedCostSource, registryCostOf, type ProposedCost } from '../valuation/proposed-cost.ts';
import type { BookStock } from './stock-differences-compute.ts';
import { stockKeyOfRow, stockKeyString } from '../ledger/keys.ts';
import { chunks } from '../core/arrays.ts';
import { selectArrays } from '../db/rows.ts';
import { exactProduct, readBookStockGroups } from '../db/book-stock-reads.ts';

const CHUNK = 500;

const num = (v: unknown) => Number(v);
const big = (v: unknown) => (typeof v === 'bigint' ? v : BigInt(v as number | string));

export interface BookFilter {
  warehouseIds: number[];
  date: string;
  /** only these items (chunked); all items of the warehouses when absent */
  itemIds?: number[];
}

/**
 * Book stock per full stock key at a date (SPEC §3): Σ quantity of the
 * movements after the latest closing before the date, up to it; zero keys
 * left out. One grouped query for the warehouses (or one per chunk of
 * items), read in index order from the covering stock key index (movements_stock_key_ix, no sort). On
 * SQLite the query also builds the text key of each group (the format of
 * `stockKeyString`), so JavaScript gets the hash-join key ready-made.
 */
export async function bookStock(db: Db, store: Store, filter: BookFilter): Promise<BookStock> {
  const out: BookStock = new Map();
  if (filter.warehouseIds.length === 0) return out;
  const from = await closingBefore(db, filter.date);
  const run = (itemIds?: number[]) =>
    readBookStockGroups(
      db,
      store,
      { warehouseIds: filter.warehouseIds, after: from, date: filter.date, itemIds },
      (r) => stockKeyString(stockKeyOfRow(r)),
      (key, quantity) => {
        if (quantity !== 0n) out.set(key, quantity);
      },
    );
  if (!filter.itemIds) await run();
  else for (const chunk of chunks([...new Set(filter.itemIds)], CHUNK)) await run(chunk);
  return out;
}

export interface CostRequest {
  itemId: number;
  warehouseId: number;
  how: ProposedCost;
}

/** The cost scope of a request: per item, or per item and warehouse (value-per-warehouse). */
const scopeKey = (how: ProposedCost, itemId: number, warehouseId: number | undefined) => `${how}|${itemId}|${warehouseId ?? ''}`;

/**
 * Proposed unit costs (SPEC §2) of many items at one date: the same figures
 * as `unitCostAt` / the registry for each, computed with one query per chunk
 * of items. Returns a lookup by request.
 */
export async function proposedCosts(db: Db, store: Store, requests: CostRequest[], date: string): Promise<(r: CostRequest) => UnitCostT> {
  const perWarehouse = await valuePerWarehouse(db, date);
  const costs = new Map<string, UnitCostT>();
  const scopeOf = (r: CostRequest) => scopeKey(r.how, r.itemId, perWarehouse ? r.warehouseId : undefined);
  // per method: the items asked, and the warehouses asked for each (cost scopes with value-per-warehouse)
  const byHow = new Map<ProposedCost, Map<number, Set<number>>>();
  for (const r of requests) {
    const items = byHow.get(r.how) ?? byHow.set(r.how, new Map()).get(r.how)!;
    (items.get(r.itemId) ?? items.set(r.itemId, new Set()).get(r.itemId)!).add(r.warehouseId);
  }
  const after = await closingBefore(db, date);
  const templates = await costTemplates(db);
  for (const [how, asked] of byHow) {
    const source = proposedCostSource(how);
    if (source.kind === 'none') continue;
    // (batches of a few hundred items, as the closing history source expects)
    for (const itemIds of chunks([...asked.keys()].sort((a, b) => a - b), CHUNK)) {
      const items = await db
        .selectFrom('items')
        .select(['id', 'fiscal_interest', 'standard_cost', 'average_cost', 'last_cost', 'sale_price'])
        .where('id', 'in', itemIds)
        .execute();
      const registry = new Map(items.map((i) => [i.id, registryOf(i)]));
      if (source.kind === 'registry') {
        for (const [id, reg] of registry) costs.set(scopeKey(how, id, undefined), registryCostOf(reg, source.cost));
        continue;
      }
      const method = source.method;
      // what the last closing left (SPEC §7): the methods' state and fallbacks after it
      const history = await loadClosingHistory(db, { closingDate: after, itemIds, perWarehouse }, storedClosingHistory);
      const contextOf = (itemId: number, warehouseId: number | undefined) => ({
        date,
        registry: registry.get(itemId)!,
        closing: history.closingState({ itemId, warehouseId }),
        years: history.years(itemId),
      });
      // the method's answer for a scope without any movement that counts
      for (const id of registry.keys()) {
        for (const wh of perWarehouse ? asked.get(id)! : [undefined]) {
          costs.set(scopeKey(how, id, wh), openValuation(method, contextOf(id, wh)).result().unitCost);
        }
      }
      // only fiscal items' movements count (SPEC §6)
      const fiscal = items.filter((i) => i.fiscal_interest === 1).map((i) => i.id);
      if (fiscal.length === 0) continue;
      const scope: CostScope = { itemIds: fiscal, contextOf, date, after, perWarehouse, templates };
      if (method === 'average') {
        try {
          await averageCosts(db, store, scope, costs);
          continue;
        } catch (e) {
          // Σ quantity × unit cost beyond 64 bits (SQLite): the stream below adds with bigints
          if (!/integer overflow/i.test(String((e as Error).message))) throw e;
        }
      }
      await streamCosts(db, store, method, scope, costs);
    }
  }
  return (r) => {
    const kind = proposedCostSource(r.how).kind;
    if (kind === 'none') return UnitCost.zero;
    const key = kind === 'registry' ? scopeKey(r.how, r.itemId, undefined) : scopeOf(r);
    const cost = costs.get(key);
    if (cost === undefined) throw new Error(`no proposed cost for ${key}`);
    return cost;
  };
}

interface CostTemplate {
  updateAverageCost: boolean;
  updateLastCost: boolean;
  considerZero: boolean;
  opening: boolean;
}

/**
 * The fiscal-interest templates and their cost flags (a small table), and
 * the ids whose movements can feed each method: the cost queries filter on
 * template ids instead of joining templates for every movement.
 */
async function costTemplates(db: Db) {
  const rows = await db
    .selectFrom('templates')
    .select(['id', 'update_average_cost', 'update_last_cost', 'consider_zero_movements', 'oddments'])
    .where('fiscal_interest', '=', 1)
    .execute();
  const flags = new Map<number, CostTemplate>(
    rows.map((t) => [t.id, { updateAverageCost: t.update_average_cost === 1, updateLastCost: t.update_last_cost === 1, considerZero: t.consider_zero_movements === 1, opening: t.oddments === 1 }]),
  );
  const ids = (keep: (t: CostTemplate) => boolean) => [...flags].filter(([, t]) => keep(t)).map(([id]) => id);
  return {
    flags,
    /** loads feed the average on update-average-cost templates and opening records */
    averageLoads: ids((t) => t.updateAverageCost || t.opening),
    /** zero-quantity lines feed it on consider-zero, update-average-cost templates */
    averageZero: ids((t) => t.considerZero && t.updateAverageCost),
    /** loads on update-last-cost templates */
    lastLoads: ids((t) => t.updateLastCost),
  };
}

interface CostScope {
  /** fiscal items only */
  itemIds: number[];
  /** the valuation context of a cost scope: registry, the last closing's state, closed years */
  contextOf: (itemId: number, warehouseId: number | undefined) => CostContext;
  after: string;
  date: string;
  perWarehouse: boolean;
  templates: Awaited<ReturnType<typeof costTemplates>>;
}

/** The movements of the scope's items after the last closing up to the date that can feed `how`. */
function costQuery(db: Db, how: 'average' | 'last', s: CostScope) {
  const t = s.templates;
  return db
    .selectFrom('movements as m')
    .where('m.item_id', 'in', s.itemIds)
    .where('m.date', '>', s.after)
    .where('m.date', '<=', s.date)
    .where((eb) => {
      const loads = how === 'average' ? t.averageLoads : t.lastLoads;
      const terms = [];
      if (loads.length) terms.push(eb.and([eb('m.quantity', '>', 0n), eb('m.template_id', 'in', loads)]));
      if (how === 'average' && t.averageZero.length) terms.push(eb.and([eb('m.quantity', '=', 0n), eb('m.template_id', 'in', t.averageZero)]));
      return terms.length ? eb.or(terms) : sql<SqlBool>`1 = 0`;
    });
}

/**
 * average (SPEC §6) of a chunk of items, summed by the database: Σ value and
 * Σ quantity of what feeds the periodic average (`averageFeed`: loads on
 * update-average-cost templates and opening records, value = quantity × unit
 * cost exactly, scale 8; zero-quantity lines of consider-zero update-average
 * templates add their amount) of fiscal items on fiscal templates after the
 * last closing up to the date; then round(Σ value / Σ quantity, 5), or the
 * method's fallback when nothing fed it. The same figure as the `average`
 * accumulator over the stream, without moving the rows to JavaScript.
 */
async function averageCosts(db: Db, store: Store, s: CostScope, out: Map<string, UnitCostT>): Promise<void> {
  // PostgreSQL: numeric products and sums (no 64-bit overflow); on SQLite an overflow (an error, or a float) sends the caller to the exact stream
  const product = exactProduct(store, sql`m.quantity`, sql`m.unit_cost`);
  const zeroAmount = exactProduct(store, sql`m.amount`, sql`1000000`);
  const q = costQuery(db, 'average', s)
    .select(['m.item_id', s.perWarehouse ? 'm.warehouse_id' : sql<number>`0`.as('warehouse_id')])
    .select([sql<bigint>`sum(case when m.quantity > 0 then ${product} else ${zeroAmount} end)`.as('value'), sql<bigint>`sum(m.quantity)`.as('quantity')]);
  const rows = await selectArrays(store, (s.perWarehouse ? q.groupBy(['m.item_id', 'm.warehouse_id']) : q.groupBy('m.item_id')) as never);
  // SQLite turns an overflowing product into a float: never use one, fall back to exact bigints
  if (rows.some((r) => typeof r[2] !== 'bigint' && !Number.isSafeInteger(r[2]))) throw new Error('integer overflow');
  for (const r of rows) {
    const quantity = big(r[3]);
    if (quantity > 0n) out.set(scopeKey('average', num(r[0]), s.perWarehouse ? num(r[1]) : undefined), unitCostOf(big(r[2]), quantity));
  }
}

/**
 * last (and average, when its sums overflow) of a chunk of items: the
 * movements that can feed the method, in ledger order, fed to the valuation
 * method one item (or item + warehouse) at a time. Neither method's unit
 * cost depends on the other movements.
 */
async function streamCosts(db: Db, store: Store, how: 'average' | 'last', s: CostScope, out: Map<string, UnitCostT>): Promise<void> {
  let q = costQuery(db, how, s).select(['m.item_id', 'm.warehouse_id', 'm.date', 'm.quantity', 'm.unit_cost', 'm.amount', 'm.template_id']).orderBy('m.item_id');
  if (s.perWarehouse) q = q.orderBy('m.warehouse_id');
  q = q.orderBy('m.date').orderBy('m.record_number').orderBy('m.record_id').orderBy('m.line_no');
  const rows = await selectArrays(store, q as never);
  let current: { key: string; stream: ReturnType<typeof openValuation> } | undefined;
  const finish = () => {
    if (current) out.set(current.key, current.stream.result().unitCost);
  };
  for (const r of rows) {
    const itemId = num(r[0]);
    const key = scopeKey(how, itemId, s.perWarehouse ? num(r[1]) : undefined);
    if (current?.key !== key) {
      finish();
      current = { key, stream: openValuation(how, s.contextOf(itemId, s.perWarehouse ? num(r[1]) : undefined)) };
    }
    const t = s.templates.flags.get(num(r[6]))!;
    current.stream.push({
      date: r[2] as string,
      warehouse: '',
      item: '',
      lot: '',
      quantity: big(r[3]) as CostMovement['quantity'],
      unitCost: big(r[4]) as CostMovement['unitCost'],
      amount: big(r[5]) as CostMovement['amount'],
      fiscal: true,
      updateAverageCost: t.updateAverageCost,
      updateLastCost: t.updateLastCost,
      considerZero: t.considerZero,
      opening: t.opening,
    });
  }
  finish();
}

/**
 * Cycle counting (SPEC §11, API.md "Count control"): the ABC classes of a
 * warehouse's items and the stock keys due for count. The pure ranking is
 * `abc-classes.ts`; this file reads the ledger with grouped, index-backed
 * queries (nothing is summed in JavaScript row by row).
 *
 * Outgoing value of an item in a warehouse at date D: Σ |amount| of its
 * movements dated in (D − 365 days, D] (365 days ending at D inclusive) with
 * a negative quantity, of fiscal-interest items (SPEC §6), on the
 * warehouse's fiscal-interest unload templates that are consumption or
 * sales: transfers are left out (templates with an offset warehouse, and
 * the templates other templates name as their offset mirror), and so are
 * physical-inventory templates (stock differences and their reversals are
 * not consumption). Read from movements_outgoing_ix (migration 0015).
 *
 * A key (item, variant, lot, location) with book stock ≠ 0 in the warehouse
 * at D is due when its class is counted f > 0 times a year and its last
 * count is at least floor(365 / f) days before D, or it was never counted.
 * Its last count is the latest date of a posted inventory (posted_at set,
 * inventory date ≤ D) with a counted line (counted = 1) of that key on a
 * list of that warehouse without closing date (lists with a closing date
 * are not in the differences, SPEC §4).
 */
import { sql } from 'kysely';
import type { Ctx } from '../core/context.ts';
import { addDays, today } from '../core/dates.ts';
import { Money } from '../core/decimal.ts';
import { parseDate, Problems } from '../core/input.ts';
import { chunks } from '../core/arrays.ts';
import { requirePermission } from '../core/roles.ts';
import { stockRows } from '../ledger/stock.ts';
import { warehouseOf } from '../masterdata/lookup.ts';
import type { Db } from '../db/db.ts';
import { ABC_CLASSES, classify, countIntervalDays, DEFAULT_COUNTS_PER_YEAR, type AbcClass } from './abc-classes.ts';
import { inTransaction } from './common.ts';

/** the 12 months of outgoing movements: (date − 365 days, date] */
export const OUTGOING_WINDOW_DAYS = 365;

export interface ItemInfo {
  id: number;
  code: string;
  description: string;
  uom: string;
}

export interface ItemClass {
  item: ItemInfo;
  class: AbcClass;
  /** money, scale 2 */
  value: bigint;
}

/** The unload templates of a warehouse whose negative lines are consumption or sales (see above). */
async function outgoingTemplateIds(db: Db, warehouseId: number): Promise<number[]> {
  const mirrors = await db.selectFrom('templates').select('offset_template_id').where('offset_template_id', 'is not', null).execute();
  const transfers = new Set(mirrors.map((m) => m.offset_template_id));
  const rows = await db
    .selectFrom('templates')
    .select('id')
    .where('warehouse_id', '=', warehouseId)
    .where('type', '=', 'unload')
    .where('fiscal_interest', '=', 1)
    .where('physical_inventory', '=', 0)
    .where('offset_warehouse_id', 'is', null)
    .execute();
  return rows.map((r) => r.id).filter((id) => !transfers.has(id));
}

/** Σ |amount| of the outgoing movements per item of a warehouse in (date − 365, date]: one grouped range read. */
async function outgoingValues(db: Db, warehouseId: number, date: string): Promise<Map<number, bigint>> {
  const templates = await outgoingTemplateIds(db, warehouseId);
  const out = new Map<number, bigint>();
  if (templates.length === 0) return out;
  const rows = await db
    .selectFrom('movements')
    .select('item_id')
    .select(sql<bigint>`sum(abs(amount))`.as('value'))
    .where('warehouse_id', '=', warehouseId)
    .where('date', '>', addDays(date, -OUTGOING_WINDOW_DAYS))
    .where('date', '<=', date)
    // spelled literally: the partial index movements_outgoing_ix applies
    .where(sql<boolean>`quantity < 0`)
    .where('template_id', 'in', templates)
    .groupBy('item_id')
    .execute();
  for (const r of rows) out.set(r.item_id, BigInt(r.value));
  return out;
}

/** Items by id (chunked IN lists), with the fiscal flag the outgoing value needs. */
async function itemsById(db: Db, ids: Iterable<number>): Promise<Map<number, ItemInfo & { fiscal: boolean }>> {
  const out = new Map<number, ItemInfo & { fiscal: boolean }>();
  for (const chunk of chunks([...new Set(ids)], 500)) {
    const rows = await db.selectFrom('items').select(['id', 'code', 'description', 'uom', 'fiscal_interest']).where('id', 'in', chunk).execute();
    for (const r of rows) out.set(r.id, { id: r.id, code: r.code, description: r.description, uom: r.uom, fiscal: r.fiscal_interest === 1 });
  }
  return out;
}

/** A stock key of cycle counting and its book stock at the date (≠ 0). */
export interface StockKeyRow {
  itemId: number;
  variant: string;
  lot: string;
  location: string;
}

/** Keys (item, variant, lot, location) with book stock ≠ 0 in the warehouse at the date (the /api/stock query). */
async function stockKeys(db: Db, warehouseId: number, date: string): Promise<StockKeyRow[]> {
  const rows = await stockRows(db, { date, warehouseId, by: ['variant', 'location', 'lot'] });
  return rows.map((r) => ({ itemId: r.item_id, variant: r.variant!, lot: r.lot!, location: r.location! }));
}

/**
 * The ABC classes of a warehouse at a date, in ranking order: every item
 * with outgoing value, and every item with book stock (C when it has none).
 */
export async function classesOf(db: Db, warehouseId: number, date: string, keys?: StockKeyRow[]): Promise<ItemClass[]> {
  const values = await outgoingValues(db, warehouseId, date);
  const stocked = keys ?? (await stockKeys(db, warehouseId, date));
  const items = await itemsById(db, [...values.keys(), ...stocked.map((k) => k.itemId)]);
  const rows = [...items.values()].map((item) => ({ item: item.code, value: item.fiscal ? (values.get(item.id) ?? 0n) : 0n, ref: item }));
  return classify(rows).map((r) => ({ item: { id: r.ref.id, code: r.ref.code, description: r.ref.description, uom: r.ref.uom }, class: r.class, value: r.value }));
}

/** Counts per year of each class of a warehouse: count_control_classes, else the defaults (A 12, B 4, C 1). */
export async function countsPerYear(db: Db, warehouseId: number): Promise<Record<AbcClass, number>> {
  const rows = await db.selectFrom('count_control_classes').select(['class', 'counts_per_year']).where('warehouse_id', '=', warehouseId).execute();
  const out = { ...DEFAULT_COUNTS_PER_YEAR };
  for (const r of rows) if ((ABC_CLASSES as string[]).includes(r.class)) out[r.class as AbcClass] = Number(r.counts_per_year);
  return out;
}

const keyText = (k: StockKeyRow) => `${k.itemId}\u0001${k.variant}\u0001${k.lot}\u0001${k.location}`;

/** The latest posted count (inventory date ≤ date) of each key of a warehouse: lists of the warehouse, then their lines. */
async function lastCounts(db: Db, f: DueFilter): Promise<Map<string, string>> {
  const q = db
    .selectFrom('inventory_lists as l')
    .innerJoin('inventories as i', 'i.id', 'l.inventory_id')
    .innerJoin('inventory_lines as n', 'n.list_id', 'l.id')
    .select(['n.item_id', 'n.variant', 'n.lot', 'n.location'])
    .select((eb) => eb.fn.max('i.date').as('last'))
    .where('l.warehouse_id', '=', f.warehouseId)
    .where('l.closing_date', 'is', null)
    .where('i.posted_at', 'is not', null)
    .where('i.date', '<=', f.date)
    .where('n.counted', '=', 1);
  // the location range is applied to the stock keys in JavaScript (code order), never here: PostgreSQL compares text by its collation
  const rows = await q.groupBy(['n.item_id', 'n.variant', 'n.lot', 'n.location']).execute();
  return new Map(rows.map((r) => [keyText({ itemId: r.item_id, variant: r.variant, lot: r.lot, location: r.location }), r.last as string]));
}

export interface DueFilter {
  warehouseId: number;
  date: string;
  class?: AbcClass;
  /** inclusive bounds on the location code (code order); '' (no location) sorts first */
  locationFrom?: string;
  locationTo?: string;
}

export interface DueKey extends StockKeyRow {
  item: ItemInfo;
  class: AbcClass;
  lastCounted: string | null;
  dueSince: string;
}

/**
 * The keys of a warehouse due for count at the date, ordered by location,
 * item code, variant, lot (the walking order of a count). dueSince: the last
 * count + the class's interval, or the date itself for a key never counted.
 */
export async function dueKeys(db: Db, f: DueFilter): Promise<DueKey[]> {
  const keys = (await stockKeys(db, f.warehouseId, f.date)).filter(
    (k) => (f.locationFrom === undefined || k.location >= f.locationFrom) && (f.locationTo === undefined || k.location <= f.locationTo),
  );
  if (keys.length === 0) return [];
  const classes = new Map((await classesOf(db, f.warehouseId, f.date, keys)).map((c) => [c.item.id, c]));
  const frequency = await countsPerYear(db, f.warehouseId);
  const last = await lastCounts(db, f);
  const out: DueKey[] = [];
  for (const k of keys) {
    const c = classes.get(k.itemId)!;
    if (f.class && c.class !== f.class) continue;
    const interval = countIntervalDays(frequency[c.class]);
    if (interval === null) continue;
    const lastCounted = last.get(keyText(k)) ?? null;
    const dueSince = lastCounted === null ? f.date : addDays(lastCounted, interval);
    if (dueSince > f.date) continue;
    out.push({ ...k, item: c.item, class: c.class, lastCounted, dueSince });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => cmp(a.location, b.location) || cmp(a.item.code, b.item.code) || cmp(a.variant, b.variant) || cmp(a.lot, b.lot));
}

// ---------------------------------------------------------------- API views

export interface CycleQuery {
  warehouse?: string;
  date?: string;
  class?: AbcClass;
  locationFrom?: string;
  locationTo?: string;
  limit?: number;
  offset?: number;
}

export interface ClassView {
  warehouse: string;
  item: string;
  description: string;
  class: AbcClass;
  outgoingValue: string;
}

export interface DueView {
  warehouse: string;
  item: string;
  description: string;
  variant: string;
  lot: string;
  location: string;
  class: AbcClass;
  lastCounted: string | null;
  dueSince: string;
}

/** Checks what the HTTP schema checks, for the CLI and other callers: a real date, a class A/B/C (400). */
export function checkCycleQuery(q: Pick<CycleQuery, 'date' | 'class'>): void {
  const problems = new Problems();
  parseDate(q.date, '/date', problems);
  if (q.class !== undefined && !(ABC_CLASSES as string[]).includes(q.class)) problems.add({ path: '/class', code: 'INV_ERR_VALIDATION' });
  problems.throwIfAny();
}

/** The warehouses a query names: the one asked for, or all of them (by code). */
async function warehousesOf(db: Db, code: string | undefined): Promise<{ id: number; code: string }[]> {
  if (code) return [await warehouseOf(db, code)];
  return db.selectFrom('warehouses').select(['id', 'code']).orderBy('code').execute();
}

/** GET /api/cycle-count/classes: per warehouse (all when none is named), in ranking order. */
export async function queryClasses(ctx: Ctx, q: CycleQuery): Promise<{ date: string; items: ClassView[]; total: number }> {
  requirePermission(ctx.actor, 'read');
  checkCycleQuery(q);
  const date = q.date ?? today();
  return inTransaction(
    ctx.store,
    async (trx) => {
      const items: ClassView[] = [];
      for (const w of await warehousesOf(trx, q.warehouse)) {
        for (const c of await classesOf(trx, w.id, date)) {
          if (q.class && c.class !== q.class) continue;
          items.push({ warehouse: w.code, item: c.item.code, description: c.item.description, class: c.class, outgoingValue: Money.format(c.value as Money) });
        }
      }
      const offset = q.offset ?? 0;
      return { date, items: items.slice(offset, q.limit === undefined ? undefined : offset + q.limit), total: items.length };
    },
    'read',
  );
}

export const dueView = (warehouse: string, k: DueKey): DueView => ({
  warehouse,
  item: k.item.code,
  description: k.item.description,
  variant: k.variant,
  lot: k.lot,
  location: k.location,
  class: k.class,
  lastCounted: k.lastCounted,
  dueSince: k.dueSince,
});

/** GET /api/cycle-count/due */
export async function queryDue(ctx: Ctx, q: CycleQuery): Promise<{ date: string; items: DueView[]; total: number }> {
  requirePermission(ctx.actor, 'read');
  checkCycleQuery(q);
  const date = q.date ?? today();
  return inTransaction(
    ctx.store,
    async (trx) => {
      const items: DueView[] = [];
      for (const w of await warehousesOf(trx, q.warehouse)) {
        const due = await dueKeys(trx, { warehouseId: w.id, date, class: q.class, locationFrom: q.locationFrom, locationTo: q.locationTo });
        for (const k of due) items.push(dueView(w.code, k));
      }
      const offset = q.offset ?? 0;
      return { date, items: items.slice(offset, q.limit === undefined ? undefined : offset + q.limit), total: items.length };
    },
    'read',
  );
}

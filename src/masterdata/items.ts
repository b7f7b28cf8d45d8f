/**
 * Items: the registry of goods (SPEC §2) with their variants, barcodes,
 * alternative units and registry costs. Costs are unit costs (5 decimals).
 * Here their shapes and reads; the body's checks in item-input.ts, the writes
 * in item-writes.ts, the CSV import in item-import.ts.
 */
import { parseSort } from '../core/sort.ts';
import { sql } from 'kysely';
import type { Actor, Ctx } from '../core/context.ts';
import { FACTOR_SCALE, formatScaled, UnitCost } from '../core/decimal.ts';
import { allowed, requirePermission } from '../core/roles.ts';
import type { ItemRow } from '../db/schema.ts';
import { found } from './crud.ts';
import type { Db } from '../db/db.ts';

/** How many base units one alternative unit holds: 5 decimals (schema.ts). */

export interface VariantInput {
  code: string;
  description: string;
  /** barcodes that identify this variant (scanning gives item and variant) */
  barcodes?: string[];
}

export interface ItemInput {
  code: string;
  description: string;
  uom: string;
  itemType?: string | null;
  fiscalCategory?: string | null;
  merchandiseCategory?: string | null;
  fiscalInterest?: boolean;
  lotManaged?: boolean;
  serialManaged?: boolean;
  variants?: VariantInput[];
  /** barcodes of the item itself (no variant) */
  barcodes?: string[];
  alternativeUnits?: { uom: string; factor: string }[];
  standardCost?: string;
  averageCost?: string;
  lastCost?: string;
  salePrice?: string;
  /** SPEC §9: the stock account (371, 301, 345, 371.01 …); the item type's default when left out */
  stockAccount?: string | null;
  /** SPEC §13: the 8-digit combined nomenclature code */
  ncCode?: string | null;
}

export interface VariantView {
  code: string;
  description: string;
  /** present only when the variant has barcodes of its own */
  barcodes?: string[];
}

export interface ItemView {
  code: string;
  description: string;
  uom: string;
  itemType: string | null;
  fiscalCategory: string | null;
  merchandiseCategory: string | null;
  fiscalInterest: boolean;
  lotManaged: boolean;
  serialManaged: boolean;
  variants: VariantView[];
  barcodes: string[];
  alternativeUnits: { uom: string; factor: string }[];
  standardCost: string;
  averageCost: string;
  lastCost: string;
  salePrice: string;
  /** the effective stock account (SPEC §9) */
  stockAccount: string;
  ncCode: string | null;
}

/** What a counter sees of an item (SPEC §10): what a scan needs; no values, categories or fiscal flags. */
export type ScanItemView = Pick<ItemView, 'code' | 'description' | 'uom' | 'lotManaged' | 'serialManaged' | 'variants' | 'barcodes' | 'alternativeUnits'>;

/** The item as this reader may see it: whole for readers, the scan fields for a counter. */
export function itemForReader(actor: Actor, view: ItemView): ItemView | ScanItemView {
  if (allowed(actor, 'read')) return view;
  const { code, description, uom, lotManaged, serialManaged, variants, barcodes, alternativeUnits } = view;
  return { code, description, uom, lotManaged, serialManaged, variants, barcodes, alternativeUnits };
}

export interface ItemQuery {
  /** text contained in the code or description, any case */
  q?: string;
  limit?: number;
  offset?: number;
  /** `field` or `-field`, one of ITEM_SORTS; default `code` */
  sort?: string;
}

/** What GET /api/items sorts by; every order ends with the code (unique). */
export const ITEM_SORTS = ['code', 'description', 'uom', 'itemType', 'merchandiseCategory'] as const;
const ITEM_SORT_COLUMNS = { code: 'code', description: 'description', uom: 'uom', itemType: 'item_type', merchandiseCategory: 'merchandise_category' } as const;

// ---- reading -------------------------------------------------------------

const orNull = (text: string): string | null => (text === '' ? null : text);
/** ids per query when loading children, well under both drivers' parameter limits */
export const CHUNK = 1000;

/** The views of these item rows, with variants, barcodes and alternative units, in row order. */
async function itemViews(db: Db, rows: ItemRow[]): Promise<ItemView[]> {
  const views = new Map<number, ItemView>();
  const variantsOf = new Map<number, Map<string, VariantView>>();
  for (const r of rows) {
    const view: ItemView = {
      code: r.code,
      description: r.description,
      uom: r.uom,
      itemType: orNull(r.item_type),
      fiscalCategory: orNull(r.fiscal_category),
      merchandiseCategory: orNull(r.merchandise_category),
      fiscalInterest: r.fiscal_interest === 1,
      lotManaged: r.lot_managed === 1,
      serialManaged: r.serial_managed === 1,
      variants: [],
      barcodes: [],
      alternativeUnits: [],
      standardCost: UnitCost.format(r.standard_cost),
      averageCost: UnitCost.format(r.average_cost),
      lastCost: UnitCost.format(r.last_cost),
      salePrice: UnitCost.format(r.sale_price),
      stockAccount: r.stock_account,
      ncCode: orNull(r.nc_code),
    };
    views.set(r.id, view);
    variantsOf.set(r.id, new Map());
  }
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const variants = await db.selectFrom('item_variants').selectAll().where('item_id', 'in', chunk).orderBy('item_id').orderBy('code').execute();
    const barcodes = await db.selectFrom('item_barcodes').selectAll().where('item_id', 'in', chunk).orderBy('item_id').orderBy('barcode').execute();
    const units = await db.selectFrom('item_units').selectAll().where('item_id', 'in', chunk).orderBy('item_id').orderBy('uom').execute();
    for (const v of variants) {
      const variant: VariantView = { code: v.code, description: v.description };
      views.get(v.item_id)!.variants.push(variant);
      variantsOf.get(v.item_id)!.set(v.code, variant);
    }
    for (const b of barcodes) {
      const variant = b.variant === '' ? undefined : variantsOf.get(b.item_id)!.get(b.variant);
      if (variant) (variant.barcodes ??= []).push(b.barcode);
      else views.get(b.item_id)!.barcodes.push(b.barcode);
    }
    for (const u of units) views.get(u.item_id)!.alternativeUnits.push({ uom: u.uom, factor: formatScaled(u.factor, FACTOR_SCALE) });
  }
  return rows.map((r) => views.get(r.id)!);
}

export async function itemView(db: Db, code: string): Promise<ItemView & { id: number }> {
  const row = found(await db.selectFrom('items').selectAll().where('code', '=', code).executeTakeFirst(), 'item', code);
  const [view] = await itemViews(db, [row]);
  return { ...view, id: row.id };
}

export function withoutId(view: ItemView & { id: number }): ItemView {
  const { id: _id, ...rest } = view;
  return rest;
}

/** `lower(column) like %text%`, with the text's own wildcards taken literally. */
function contains(column: 'code' | 'description', text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** A page of items in code order, filtered by `q` on code and description, with the total that matched. */
export async function listItems(ctx: Ctx, query: ItemQuery = {}): Promise<{ items: ItemView[]; total: number }> {
  requirePermission(ctx.actor, 'scan');
  const db = ctx.store.db;
  let base = db.selectFrom('items');
  const q = query.q?.trim();
  if (q) base = base.where((eb) => eb.or([contains('code', q), contains('description', q)]));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const order = parseSort<(typeof ITEM_SORTS)[number]>(query.sort, ITEM_SORTS, { field: 'code', direction: 'asc' });
  let sorted = base.selectAll();
  if (order.field !== 'code') sorted = sorted.orderBy(ITEM_SORT_COLUMNS[order.field], order.direction);
  const rows = await sorted
    .orderBy('code', order.direction)
    .limit(query.limit ?? 1_000_000_000)
    .offset(query.offset ?? 0)
    .execute();
  return { items: await itemViews(db, rows), total: Number(total) };
}

export async function getItem(ctx: Ctx, code: string): Promise<ItemView> {
  requirePermission(ctx.actor, 'scan');
  return withoutId(await itemView(ctx.store.db, code));
}

/** The item (and variant, '' when none) a barcode identifies, or undefined. */
export async function itemByBarcode(db: Db, barcode: string): Promise<{ item: ItemRow; variant: string } | undefined> {
  const hit = await db
    .selectFrom('item_barcodes')
    .innerJoin('items', 'items.id', 'item_barcodes.item_id')
    .selectAll('items')
    .select('item_barcodes.variant')
    .where('item_barcodes.barcode', '=', barcode)
    .executeTakeFirst();
  if (!hit) return undefined;
  const { variant, ...item } = hit;
  return { item, variant };
}

/** What a scan of this barcode means: the item and its variant (null when the barcode is the item's own). */
export async function getItemByBarcode(ctx: Ctx, barcode: string): Promise<{ item: ItemView; variant: string | null }> {
  requirePermission(ctx.actor, 'scan');
  const hit = found(await itemByBarcode(ctx.store.db, barcode), 'barcode', barcode);
  const [item] = await itemViews(ctx.store.db, [hit.item]);
  return { item, variant: orNull(hit.variant) };
}

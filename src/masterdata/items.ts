/**
 * Items: the registry of goods (SPEC §2) with their variants, barcodes,
 * alternative units and registry costs. Costs are unit costs (5 decimals).
 */
import { parseSort } from '../core/sort.ts';
import { sql, type Selectable } from 'kysely';
import type { Actor, Ctx } from '../core/context.ts';
import { FACTOR_SCALE, formatScaled, UnitCost } from '../core/decimal.ts';
import { fail, InventarError } from '../core/errors.ts';
import { checkText, flag, parseFactor, parseUnitCost, Problems, TEXT_LIMITS } from '../core/input.ts';
import { allowed, requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { ItemRow, ItemTable } from '../db/schema.ts';
import { adminWrite, checkDistinct, checkSameCode, found, type UpdateInput } from './crud.ts';
import type { Db } from '../db/db.ts';
import { wrongGtinCheckDigit } from '../inventory/scan-code.ts';
import { checkNcCode, checkStockAccount, effectiveStockAccount } from '../core/accounts.ts';

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

const COSTS = ['standardCost', 'averageCost', 'lastCost', 'salePrice'] as const;
const orNull = (text: string): string | null => (text === '' ? null : text);
/** ids per query when loading children, well under both drivers' parameter limits */
const CHUNK = 1000;

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

async function itemView(db: Db, code: string): Promise<ItemView & { id: number }> {
  const row = found(await db.selectFrom('items').selectAll().where('code', '=', code).executeTakeFirst(), 'item', code);
  const [view] = await itemViews(db, [row]);
  return { ...view, id: row.id };
}

function withoutId(view: ItemView & { id: number }): ItemView {
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

// ---- writing -------------------------------------------------------------

interface ParsedItem {
  fields: Omit<Selectable<ItemTable>, 'id' | 'code'>;
  variants: { code: string; description: string }[];
  barcodes: { barcode: string; variant: string }[];
  units: { uom: string; factor: bigint }[];
}

/**
 * The item's texts within the JSON schema's limits, whichever way the item
 * came (JSON route or CSV import): lengths, control characters, codes not blank.
 */
function checkItemTexts(input: UpdateInput<ItemInput>, problems: Problems): void {
  const { code, description, uom, barcode } = TEXT_LIMITS;
  checkText(input.code, '/code', problems, { max: code, required: true });
  checkText(input.description, '/description', problems, { max: description, kind: 'text' });
  checkText(input.uom, '/uom', problems, { max: uom, required: true });
  for (const f of ['itemType', 'fiscalCategory', 'merchandiseCategory'] as const) checkText(input[f], `/${f}`, problems, { max: code });
  (input.barcodes ?? []).forEach((b, i) => checkText(b, `/barcodes/${i}`, problems, { max: barcode, kind: 'barcode', required: true }));
  (input.variants ?? []).forEach((v, i) => {
    checkText(v.code, `/variants/${i}/code`, problems, { max: code, required: true });
    checkText(v.description, `/variants/${i}/description`, problems, { max: description, kind: 'text' });
    (v.barcodes ?? []).forEach((b, j) => checkText(b, `/variants/${i}/barcodes/${j}`, problems, { max: barcode, kind: 'barcode', required: true }));
  });
  (input.alternativeUnits ?? []).forEach((u, i) => checkText(u.uom, `/alternativeUnits/${i}/uom`, problems, { max: uom, required: true }));
}

/** Checks and converts the body; every malformed field is reported (400) with its path. */
function parseItem(input: UpdateInput<ItemInput>): ParsedItem {
  const problems = new Problems();
  checkItemTexts(input, problems);
  checkStockAccount(input.stockAccount, '/stockAccount', problems);
  checkNcCode(input.ncCode, '/ncCode', problems);
  const costs = {} as Record<(typeof COSTS)[number], bigint>;
  for (const name of COSTS) {
    const cost = parseUnitCost(input[name], `/${name}`, problems) ?? UnitCost.zero;
    if (cost < 0n) problems.add({ path: `/${name}`, code: 'INV_ERR_BAD_VALUE', params: { value: input[name], allowed: '≥ 0' } });
    costs[name] = cost;
  }
  const variants = (input.variants ?? []).map((v) => ({ code: v.code, description: v.description }));
  const barcodes = [
    ...(input.barcodes ?? []).map((barcode, i) => ({ barcode, variant: '', path: `/barcodes/${i}` })),
    ...(input.variants ?? []).flatMap((v, i) => (v.barcodes ?? []).map((barcode, j) => ({ barcode, variant: v.code, path: `/variants/${i}/barcodes/${j}` }))),
  ];
  const units = (input.alternativeUnits ?? []).map((u, i) => {
    const path = `/alternativeUnits/${i}/factor`;
    const factor = parseFactor(String(u.factor ?? ''), path, problems);
    if (u.factor === undefined || u.factor === null || String(u.factor) === '') problems.add({ path, code: 'INV_ERR_BAD_DECIMAL', params: { value: '', scale: FACTOR_SCALE } });
    if (factor !== undefined && factor <= 0n) problems.add({ path, code: 'INV_ERR_BAD_VALUE', params: { value: u.factor, allowed: '> 0' } });
    return { uom: u.uom, factor: factor ?? 0n };
  });
  checkDistinct(
    variants.map((v, i) => ({ value: v.code, path: `/variants/${i}/code` })),
    problems,
  );
  checkDistinct(
    barcodes.map((b) => ({ value: b.barcode, path: b.path })),
    problems,
  );
  // a GTIN-shaped barcode (8, 12, 13 or 14 digits) must be a GTIN: the scanner refuses a wrong check digit, so would every scan of it
  for (const b of barcodes) {
    const expected = wrongGtinCheckDigit(b.barcode);
    if (expected !== undefined) problems.add({ path: b.path, code: 'INV_ERR_GTIN_CHECK_DIGIT_ITEM', params: { gtin: b.barcode, expected } });
  }
  // an alternative unit is another unit than the base one
  checkDistinct([{ value: input.uom, path: '/uom' }, ...units.map((u, i) => ({ value: u.uom, path: `/alternativeUnits/${i}/uom` }))], problems);
  problems.throwIfAny();
  return {
    fields: {
      description: input.description,
      uom: input.uom,
      item_type: input.itemType ?? '',
      fiscal_category: input.fiscalCategory ?? '',
      merchandise_category: input.merchandiseCategory ?? '',
      fiscal_interest: flag(input.fiscalInterest, true),
      lot_managed: flag(input.lotManaged),
      serial_managed: flag(input.serialManaged),
      standard_cost: costs.standardCost,
      average_cost: costs.averageCost,
      last_cost: costs.lastCost,
      sale_price: costs.salePrice,
      stock_account: effectiveStockAccount(input.stockAccount, input.itemType),
      nc_code: input.ncCode ?? '',
    },
    variants,
    barcodes: barcodes.map(({ barcode, variant }) => ({ barcode, variant })),
    units,
  };
}

/** An item's unit of measure is a registered unit (SPEC §14): 422 INV_ERR_UNKNOWN_UOM at /uom otherwise. */
async function checkUnitKnown(trx: Db, uom: string, path = '/uom'): Promise<void> {
  const unit = await trx.selectFrom('units').select('code').where('code', '=', uom).executeTakeFirst();
  if (!unit) fail('INV_ERR_UNKNOWN_UOM', { uom }, [{ path, code: 'INV_ERR_UNKNOWN_UOM', params: { uom } }]);
}

/** Barcodes identify one item: 409 when another item already has one of them. */
async function checkBarcodesFree(trx: Db, itemId: number | null, barcodes: { barcode: string }[]): Promise<void> {
  for (let i = 0; i < barcodes.length; i += CHUNK) {
    let q = trx
      .selectFrom('item_barcodes')
      .select('barcode')
      .where(
        'barcode',
        'in',
        barcodes.slice(i, i + CHUNK).map((b) => b.barcode),
      );
    if (itemId !== null) q = q.where('item_id', '<>', itemId);
    const taken = await q.orderBy('barcode').executeTakeFirst();
    if (taken) fail('INV_ERR_DUPLICATE', { entity: 'barcode', key: taken.barcode });
  }
}

async function deleteChildren(trx: Db, itemId: number): Promise<void> {
  await trx.deleteFrom('item_barcodes').where('item_id', '=', itemId).execute();
  await trx.deleteFrom('item_variants').where('item_id', '=', itemId).execute();
  await trx.deleteFrom('item_units').where('item_id', '=', itemId).execute();
}

/** Replaces the item's variants, barcodes and alternative units. */
async function writeChildren(trx: Db, itemId: number, item: ParsedItem): Promise<void> {
  await deleteChildren(trx, itemId);
  if (item.variants.length > 0) await trx.insertInto('item_variants').values(item.variants.map((v) => ({ item_id: itemId, ...v }))).execute();
  if (item.barcodes.length > 0) await trx.insertInto('item_barcodes').values(item.barcodes.map((b) => ({ item_id: itemId, ...b }))).execute();
  if (item.units.length > 0) await trx.insertInto('item_units').values(item.units.map((u) => ({ item_id: itemId, ...u }))).execute();
}

/** Inserts a checked item inside the caller's transaction, with its audit entry. */
async function insertItem(trx: Db, actor: Actor, code: string, item: ParsedItem, path?: string): Promise<ItemView> {
  const exists = await trx.selectFrom('items').select('id').where('code', '=', code).executeTakeFirst();
  if (exists) fail('INV_ERR_DUPLICATE', { entity: 'item', key: code });
  await checkUnitKnown(trx, item.fields.uom, path === undefined ? '/uom' : `${path}/uom`);
  await checkBarcodesFree(trx, null, item.barcodes);
  const { id } = await trx
    .insertInto('items')
    .values({ code, ...item.fields })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeChildren(trx, id, item);
  const after = withoutId(await itemView(trx, code));
  await audit(trx, actor, 'item', code, 'create', null, after);
  return after;
}

export async function createItem(ctx: Ctx, input: ItemInput): Promise<ItemView> {
  requirePermission(ctx.actor, 'masterData');
  const item = parseItem(input);
  return adminWrite(ctx, { entity: 'item', key: input.code }, (trx) => insertItem(trx, ctx.actor, input.code, item));
}

const yes = (v: string | undefined) => /^(1|true|da|yes)$/i.test((v ?? '').trim());

/** One CSV row (POST /api/import/items) as the API's item body; lists are "|"-separated. */
export function itemFromCsv(row: Record<string, string>): ItemInput {
  const list = (v: string | undefined) => (v ? v.split('|').map((x) => x.trim()).filter(Boolean) : []);
  const input: ItemInput = {
    code: row.code ?? '',
    description: row.description ?? '',
    uom: row.uom ?? '',
    itemType: row.itemType || null,
    fiscalCategory: row.fiscalCategory || null,
    merchandiseCategory: row.merchandiseCategory || null,
    fiscalInterest: row.fiscalInterest === undefined || row.fiscalInterest === '' ? true : yes(row.fiscalInterest),
    lotManaged: yes(row.lotManaged),
    serialManaged: yes(row.serialManaged),
    barcodes: list(row.barcodes),
    variants: list(row.variants).map((code) => ({ code, description: code })),
    stockAccount: row.stockAccount || null,
    ncCode: row.ncCode || null,
  };
  for (const cost of COSTS) if (row[cost]) input[cost] = row[cost];
  return input;
}

/**
 * Creates items from CSV rows, all or nothing: every row is checked first and
 * every problem is reported with its CSV line (the header is line 1).
 */
export async function importItems(ctx: Ctx, rows: Record<string, string>[]): Promise<{ items: number }> {
  requirePermission(ctx.actor, 'masterData');
  const problems = new Problems();
  const parsed: { code: string; item: ParsedItem; at: string }[] = [];
  rows.forEach((row, i) => {
    const input = itemFromCsv(row);
    const at = `/rows/${i + 2}`;
    if (!input.code || !input.uom) problems.add({ path: `${at}/${input.code ? 'uom' : 'code'}`, code: 'INV_ERR_VALIDATION' });
    try {
      parsed.push({ code: input.code, item: parseItem(input), at });
    } catch (e) {
      if (!(e instanceof InventarError)) throw e;
      for (const p of e.problems) problems.add({ ...p, path: `${at}${p.path}` });
    }
  });
  checkDistinct(
    parsed.map((p) => ({ value: p.code, path: `${p.at}/code` })),
    problems,
  );
  problems.throwIfAny();
  return adminWrite(ctx, { entity: 'item', key: 'import' }, async (trx) => {
    for (const p of parsed) await insertItem(trx, ctx.actor, p.code, p.item, p.at);
    return { items: parsed.length };
  });
}

/**
 * Replaces an item's data (PUT: absent lists become empty). A variant that
 * movements use cannot be dropped (409 INV_ERR_IN_USE).
 */
export async function updateItem(ctx: Ctx, code: string, input: UpdateInput<ItemInput>): Promise<ItemView> {
  requirePermission(ctx.actor, 'masterData');
  const problems = new Problems();
  checkSameCode(input.code, code, problems);
  problems.throwIfAny();
  const item = parseItem(input);
  return adminWrite(ctx, { entity: 'item', key: code }, async (trx) => {
    const { id, ...before } = await itemView(trx, code);
    await checkUnitKnown(trx, item.fields.uom);
    await checkBarcodesFree(trx, id, item.barcodes);
    const kept = new Set(item.variants.map((v) => v.code));
    for (const dropped of before.variants.filter((v) => !kept.has(v.code))) {
      const used = await trx.selectFrom('movements').select('id').where('item_id', '=', id).where('variant', '=', dropped.code).limit(1).executeTakeFirst();
      if (used) fail('INV_ERR_IN_USE', { entity: 'variant', key: `${code}/${dropped.code}` });
    }
    await trx.updateTable('items').set(item.fields).where('id', '=', id).execute();
    await writeChildren(trx, id, item);
    const after = withoutId(await itemView(trx, code));
    await audit(trx, ctx.actor, 'item', code, 'update', before, after);
    return after;
  });
}

/** Deletes an item no movement references (409 INV_ERR_IN_USE otherwise), with its variants, barcodes and units. */
export async function deleteItem(ctx: Ctx, code: string): Promise<void> {
  requirePermission(ctx.actor, 'masterData');
  await adminWrite(ctx, { entity: 'item', key: code }, async (trx) => {
    const { id, ...before } = await itemView(trx, code);
    const used = await trx.selectFrom('movements').select('id').where('item_id', '=', id).limit(1).executeTakeFirst();
    if (used) fail('INV_ERR_IN_USE', { entity: 'item', key: code });
    await deleteChildren(trx, id);
    await trx.deleteFrom('items').where('id', '=', id).execute();
    await audit(trx, ctx.actor, 'item', code, 'delete', before, null);
  });
}

/**
 * Counting (SPEC §4): lines typed, scanned (item barcode or GS1 element
 * string) or imported from handheld terminals (CSV).
 *
 * - The key of a line within a list is (item, variant, lot, serial,
 *   location, job order, account). Counting a key again needs a mode: add or
 *   replace; without one the answer is 409 INV_ERR_DUPLICATE_COUNT carrying
 *   the current line.
 * - A client scan id makes a scan idempotent: the first answer is stored and
 *   a repeated scan id gets it back unchanged (status and body), whatever
 *   happened since.
 * - A new line stores its insert time and the book stock of its key at the
 *   inventory date at that moment (the snapshot the difference preview
 *   compares with, to flag goods moved during the count).
 * - Maintain-location lists: a scan without location takes the list's
 *   current location; a scan naming one makes it current.
 * - Blind-count lists: a counter never sees book stock.
 */
import { parseCsv } from '../core/csv.ts';
import type { Ctx } from '../core/context.ts';
import { Quantity } from '../core/decimal.ts';
import { nowTimestamp } from '../core/dates.ts';
import { fail, InventarError } from '../core/errors.ts';
import { parseDate, parseQuantity, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { stockOf } from '../ledger/stock.ts';
import { stockKeyOfRow, stockKeyString } from '../ledger/keys.ts';
import type { Db } from '../db/db.ts';
import { bookStock } from './book.ts';
import {
  assertListAccess,
  assertOpen,
  inTransaction,
  isUniqueViolation,
  listFor,
  lockInventory,
  requireRead,
  seesAllLists,
  showsBook,
  type InventoryRow,
  type ListRow,
} from './common.ts';
import { readScanCode, type ScanCode } from './scan-code.ts';
import { checkUnitDecimals, DEFAULT_DECIMALS, unitDecimals } from '../masterdata/units.ts';
import { INVENTORY_LINE_COLUMNS, writeInventoryLines, type InventoryLineRow } from '../db/inventory-line-writes.ts';

export type CountMode = 'add' | 'replace';

export interface CountInput {
  item?: string;
  /** an item barcode, or a GS1 element string (GTIN, lot, expiry, count) */
  barcode?: string;
  variant?: string;
  lot?: string;
  serial?: string;
  location?: string;
  jobOrder?: string;
  account?: string;
  /** YYYY-MM-DD; GS1 AI 17 fills it */
  expiry?: string;
  /** default: the GS1 count (AI 30/37) of the code, else 1 */
  quantity?: string;
  mode?: CountMode;
  scanId?: string;
}

export interface LineView {
  id: number;
  listId: number;
  item: string;
  description: string;
  variant: string;
  lot: string;
  serial: string;
  location: string;
  jobOrder: string;
  account: string;
  expiry: string | null;
  uom: string;
  insertedAt: string;
  insertedBy: string;
  updatedAt: string | null;
  /** absent for blind lists when read by a counter */
  bookQuantity?: string;
  countedQuantity: string;
  /** false: a key pre-filled by a recount list, not counted yet (SPEC §11) */
  counted: boolean;
}

export interface CountResult {
  /** 201 new line, 200 changed line */
  status: 200 | 201;
  line: LineView;
  /** a repeated scan id: the stored first answer */
  replayed: boolean;
}

interface LineRow {
  id: number;
  list_id: number;
  item_id: number;
  variant: string;
  lot: string;
  serial: string;
  location: string;
  job_order: string;
  account: string;
  expiry: string;
  uom: string;
  book_quantity: bigint;
  counted_quantity: bigint;
  /** 0: pre-filled by a recount list, not counted yet */
  counted: number;
  inserted_at: string;
  inserted_by: string;
  updated_at: string | null;
  updated_by: string | null;
}

interface ItemInfo {
  id: number;
  code: string;
  description: string;
  uom: string;
  lot_managed: number;
  serial_managed: number;
}

/** An item with the decimals its unit allows (SPEC §14). */
interface CountItem extends ItemInfo {
  decimals: number;
}

const lineColumns = [
  'id', 'list_id', 'item_id', 'variant', 'lot', 'serial', 'location', 'job_order', 'account', 'expiry', 'uom',
  'book_quantity', 'counted_quantity', 'counted', 'inserted_at', 'inserted_by', 'updated_at', 'updated_by',
] as const;

function lineView(l: LineRow, item: Pick<ItemInfo, 'code' | 'description'>): LineView {
  return {
    id: l.id,
    listId: l.list_id,
    item: item.code,
    description: item.description,
    variant: l.variant,
    lot: l.lot,
    serial: l.serial,
    location: l.location,
    jobOrder: l.job_order,
    account: l.account,
    expiry: l.expiry || null,
    uom: l.uom,
    insertedAt: l.inserted_at,
    insertedBy: l.inserted_by,
    updatedAt: l.updated_at,
    bookQuantity: Quantity.format(l.book_quantity),
    countedQuantity: Quantity.format(l.counted_quantity),
    counted: l.counted !== 0,
  };
}

/** The line as this reader may see it (no book stock for a counter on a blind list). */
function present(view: LineView, showBook: boolean): LineView {
  if (showBook) return view;
  const { bookQuantity: _hidden, ...rest } = view;
  return rest;
}

async function blindOf(db: Db, list: ListRow): Promise<{ blind: boolean; maintainLocation: boolean }> {
  const t = await db.selectFrom('list_types').select(['blind_count', 'maintain_location']).where('id', '=', list.list_type_id).executeTakeFirstOrThrow();
  return { blind: t.blind_count === 1, maintainLocation: t.maintain_location === 1 };
}

const text = (s: string | undefined | null) => (s ?? '').trim();

// ---------------------------------------------------------------- input checks (pure)

/**
 * What a scan id stands for: the count as sent (item or barcode, key,
 * expiry, quantity), canonical so that "1" and "1.000" or surrounding
 * blanks are the same scan. The mode is not part of it: it says how to
 * apply the count, not what was counted (a CSV row defaults to add).
 */
export function scanRequestOf(input: CountInput): string {
  const q = text(input.quantity);
  const parsed = q ? Quantity.parse(q) : undefined;
  return JSON.stringify([
    text(input.item),
    text(input.barcode),
    text(input.variant),
    text(input.lot),
    text(input.serial),
    text(input.location),
    text(input.jobOrder),
    text(input.account),
    text(input.expiry),
    parsed !== undefined ? Quantity.format(parsed) : q,
  ]);
}

/** Whether a stored scan answered this request (scans stored before migration 0008 carry no request). */
const sameScan = (stored: string, request: string) => stored === '' || stored === request;

interface Checked {
  quantity: Quantity | undefined;
  mode: CountMode | undefined;
  code: ScanCode | undefined;
  expiry: string | undefined;
}

/** Checks a count on its own (400s), collecting problems under `path`. */
function checkCount(input: CountInput, problems: Problems, path = ''): Checked {
  const hasItem = text(input.item) !== '';
  const hasBarcode = text(input.barcode) !== '';
  if (hasItem === hasBarcode) problems.add({ path: `${path}/${hasItem ? 'barcode' : 'item'}`, code: 'INV_ERR_ITEM_OR_BARCODE' });
  const quantity = parseQuantity(input.quantity, `${path}/quantity`, problems);
  if (quantity !== undefined && quantity < 0n) problems.add({ path: `${path}/quantity`, code: 'INV_ERR_COUNT_NEGATIVE' });
  const mode = input.mode === undefined || (input.mode as string) === '' ? undefined : input.mode;
  if (mode !== undefined && mode !== 'add' && mode !== 'replace') {
    problems.add({ path: `${path}/mode`, code: 'INV_ERR_BAD_VALUE', params: { value: mode, allowed: 'add, replace' } });
  }
  const expiry = parseDate(input.expiry, `${path}/expiry`, problems);
  let code: ScanCode | undefined;
  if (hasBarcode && !hasItem) {
    try {
      code = readScanCode(input.barcode!);
    } catch (e) {
      if (!(e instanceof InventarError)) throw e;
      problems.add({ path: `${path}/barcode`, code: e.code, params: e.params });
    }
  }
  if (code?.lot !== undefined && text(input.lot) && text(input.lot) !== code.lot) {
    problems.add({ path: `${path}/lot`, code: 'INV_ERR_GS1_CONFLICT', params: { field: 'lot', given: text(input.lot), scanned: code.lot } });
  }
  if (code?.expiry !== undefined && expiry && expiry !== code.expiry) {
    problems.add({ path: `${path}/expiry`, code: 'INV_ERR_GS1_CONFLICT', params: { field: 'expiry', given: expiry, scanned: code.expiry } });
  }
  return { quantity, mode: mode as CountMode | undefined, code, expiry };
}

// ---------------------------------------------------------------- resolving a count to a line key

interface Resolved {
  item: CountItem;
  key: { variant: string; lot: string; serial: string; location: string; jobOrder: string; account: string };
  expiry: string;
  quantity: Quantity;
}

/** Master data for resolving counts: per-request caches, or whole tables for imports. */
class Lookups {
  private items = new Map<string, CountItem | null>();
  private itemsById = new Map<number, CountItem>();
  private units: Map<string, number> | undefined;
  private barcodes = new Map<string, { item_id: number; variant: string } | null>();
  private variants = new Map<number, Set<string>>();
  private locations = new Map<number, Set<string>>();
  constructor(private readonly db: Db) {}

  async preload(): Promise<void> {
    this.units = await unitDecimals(this.db);
    const [items, barcodes, variants, locations] = await Promise.all([
      this.db.selectFrom('items').select(['id', 'code', 'description', 'uom', 'lot_managed', 'serial_managed']).execute(),
      this.db.selectFrom('item_barcodes').select(['barcode', 'item_id', 'variant']).execute(),
      this.db.selectFrom('item_variants').select(['item_id', 'code']).execute(),
      this.db.selectFrom('locations').select(['warehouse_id', 'code']).execute(),
    ]);
    for (const row of items) {
      const i = this.withDecimals(row);
      this.items.set(i.code, i);
      this.itemsById.set(i.id, i);
    }
    for (const b of barcodes) this.barcodes.set(b.barcode, { item_id: b.item_id, variant: b.variant });
    for (const v of variants) (this.variants.get(v.item_id) ?? this.variants.set(v.item_id, new Set()).get(v.item_id)!).add(v.code);
    for (const l of locations) (this.locations.get(l.warehouse_id) ?? this.locations.set(l.warehouse_id, new Set()).get(l.warehouse_id)!).add(l.code);
    this.preloaded = true;
  }

  private preloaded = false;

  private withDecimals(row: ItemInfo): CountItem {
    return { ...row, decimals: this.units!.get(row.uom) ?? DEFAULT_DECIMALS };
  }

  private async loadUnits(): Promise<void> {
    this.units ??= await unitDecimals(this.db);
  }

  async item(code: string): Promise<CountItem | undefined> {
    if (!this.items.has(code) && !this.preloaded) {
      const row = await this.db
        .selectFrom('items')
        .select(['id', 'code', 'description', 'uom', 'lot_managed', 'serial_managed'])
        .where('code', '=', code)
        .executeTakeFirst();
      await this.loadUnits();
      const item = row ? this.withDecimals(row) : null;
      this.items.set(code, item);
      if (item) this.itemsById.set(item.id, item);
    }
    return this.items.get(code) ?? undefined;
  }

  async itemById(id: number): Promise<CountItem> {
    if (!this.itemsById.has(id)) {
      const row = await this.db
        .selectFrom('items')
        .select(['id', 'code', 'description', 'uom', 'lot_managed', 'serial_managed'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await this.loadUnits();
      this.itemsById.set(id, this.withDecimals(row));
    }
    return this.itemsById.get(id)!;
  }

  /** The first candidate form of the code stored as an item barcode. */
  async barcode(candidates: string[]): Promise<{ item_id: number; variant: string } | undefined> {
    if (!this.preloaded) {
      const missing = candidates.filter((c) => !this.barcodes.has(c));
      if (missing.length) {
        const rows = await this.db.selectFrom('item_barcodes').select(['barcode', 'item_id', 'variant']).where('barcode', 'in', missing).execute();
        for (const c of missing) this.barcodes.set(c, null);
        for (const r of rows) this.barcodes.set(r.barcode, { item_id: r.item_id, variant: r.variant });
      }
    }
    for (const c of candidates) {
      const hit = this.barcodes.get(c);
      if (hit) return hit;
    }
    return undefined;
  }

  async variantsOf(itemId: number): Promise<Set<string>> {
    if (!this.variants.has(itemId)) {
      const rows = this.preloaded ? [] : await this.db.selectFrom('item_variants').select('code').where('item_id', '=', itemId).execute();
      this.variants.set(itemId, new Set(rows.map((r) => r.code)));
    }
    return this.variants.get(itemId)!;
  }

  async locationsOf(warehouseId: number): Promise<Set<string>> {
    if (!this.locations.has(warehouseId)) {
      const rows = this.preloaded ? [] : await this.db.selectFrom('locations').select('code').where('warehouse_id', '=', warehouseId).execute();
      this.locations.set(warehouseId, new Set(rows.map((r) => r.code)));
    }
    return this.locations.get(warehouseId)!;
  }
}

/**
 * Resolves a checked count against master data and the list: the item (by
 * code, barcode or GTIN), its variant, lot, serial, location (maintained on
 * maintain-location lists) and quantity. Problems (404/422) go to `problems`.
 */
async function resolveCount(
  lookups: Lookups,
  input: CountInput,
  checked: Checked,
  list: { warehouse_id: number; currentLocation: string; maintainLocation: boolean; warehouse: string },
  problems: Problems,
  path = '',
): Promise<Resolved | undefined> {
  let item: CountItem | undefined;
  let barcodeVariant = '';
  if (text(input.item)) {
    item = await lookups.item(text(input.item));
    if (!item) problems.add({ path: `${path}/item`, code: 'INV_ERR_NOT_FOUND', params: { entity: 'item', key: text(input.item) } });
  } else if (checked.code) {
    const hit = await lookups.barcode(checked.code.candidates);
    if (!hit) {
      problems.add({ path: `${path}/barcode`, code: 'INV_ERR_UNKNOWN_BARCODE', params: { barcode: checked.code.gtin ?? checked.code.text } });
    } else {
      item = await lookups.itemById(hit.item_id);
      barcodeVariant = hit.variant;
    }
  }
  if (!item) return undefined;
  let variant = text(input.variant);
  if (barcodeVariant && variant && variant !== barcodeVariant) {
    problems.add({ path: `${path}/variant`, code: 'INV_ERR_GS1_CONFLICT', params: { field: 'variant', given: variant, scanned: barcodeVariant } });
  }
  variant ||= barcodeVariant;
  const variants = await lookups.variantsOf(item.id);
  if (variant && !variants.has(variant)) {
    problems.add({ path: `${path}/variant`, code: 'INV_ERR_UNKNOWN_VARIANT', params: { item: item.code, variant } });
  }
  // an item with variants is counted per variant: a count without one would be a key no record can hold
  if (!variant && variants.size > 0) problems.add({ path: `${path}/variant`, code: 'INV_ERR_VARIANT_REQUIRED', params: { item: item.code } });
  let location = text(input.location);
  if (!location && list.maintainLocation) location = list.currentLocation;
  if (location && !(await lookups.locationsOf(list.warehouse_id)).has(location)) {
    problems.add({ path: `${path}/location`, code: 'INV_ERR_UNKNOWN_LOCATION', params: { warehouse: list.warehouse, location } });
  }
  const lot = text(input.lot) || checked.code?.lot || '';
  if (item.lot_managed && !lot) problems.add({ path: `${path}/lot`, code: 'INV_ERR_LOT_REQUIRED', params: { item: item.code } });
  if (!item.lot_managed && lot) {
    // a GS1 (10) lot on an item not managed by lot would make a lot line the ledger never holds: a false surplus
    const where = text(input.lot) ? 'lot' : 'barcode';
    problems.add({ path: `${path}/${where}`, code: 'INV_ERR_LOT_NOT_MANAGED', params: { item: item.code, lot } });
  }
  const serial = text(input.serial);
  if (item.serial_managed && !serial) problems.add({ path: `${path}/serial`, code: 'INV_ERR_SERIAL_REQUIRED', params: { item: item.code } });
  if (!item.serial_managed && serial) problems.add({ path: `${path}/serial`, code: 'INV_ERR_SERIAL_NOT_MANAGED', params: { item: item.code, serial } });
  const quantity = checked.quantity ?? (checked.code?.quantity !== undefined ? Quantity.parse(checked.code.quantity)! : Quantity.of(1));
  checkUnitDecimals(quantity, { item: item.code, uom: item.uom, decimals: item.decimals }, `${path}/quantity`, problems);
  return {
    item,
    key: { variant, lot, serial, location, jobOrder: text(input.jobOrder), account: text(input.account) },
    expiry: checked.expiry ?? checked.code?.expiry ?? '',
    quantity,
  };
}

/** A serial is counted 0 or 1. */
/** A line counted for the first time on a list. */
function newLineRow(
  listId: number,
  item: Pick<ItemInfo, 'id' | 'uom'>,
  key: Resolved['key'],
  expiry: string,
  book: bigint,
  counted: bigint,
  at: string,
  username: string,
): Omit<LineRow, 'id'> {
  return {
    list_id: listId,
    item_id: item.id,
    variant: key.variant,
    lot: key.lot,
    serial: key.serial,
    location: key.location,
    job_order: key.jobOrder,
    account: key.account,
    expiry,
    uom: item.uom,
    book_quantity: book,
    counted_quantity: counted,
    counted: 1,
    inserted_at: at,
    inserted_by: username,
    updated_at: null,
    updated_by: null,
  };
}

function checkSerialQuantity(item: ItemInfo, serial: string, counted: bigint, problems: Problems, path: string): void {
  if (item.serial_managed && counted !== 0n && counted !== Quantity.of(1)) {
    problems.add({ path: `${path}/quantity`, code: 'INV_ERR_SERIAL_QUANTITY', params: { item: item.code, serial } });
  }
}

async function findLine(trx: Db, listId: number, itemId: number, k: Resolved['key']): Promise<LineRow | undefined> {
  return (await trx
    .selectFrom('inventory_lines')
    .select(lineColumns)
    .where('list_id', '=', listId)
    .where('item_id', '=', itemId)
    .where('variant', '=', k.variant)
    .where('lot', '=', k.lot)
    .where('serial', '=', k.serial)
    .where('location', '=', k.location)
    .where('job_order', '=', k.jobOrder)
    .where('account', '=', k.account)
    .executeTakeFirst()) as LineRow | undefined;
}

/**
 * Locks the list for a write: on PostgreSQL a share lock on its inventory
 * (posting waits for us, or we wait for it and find it closed), then the
 * list's row lock (scans of one list run one at a time). 404 / 403 / 409.
 */
async function lockListForCount(ctx: Ctx, trx: Db, listId: number): Promise<{ list: ListRow; inv: InventoryRow }> {
  const ref = await trx.selectFrom('inventory_lists').select(['inventory_id', 'employee_id', 'id']).where('id', '=', listId).executeTakeFirst();
  if (!ref) fail('INV_ERR_NOT_FOUND', { entity: 'list', key: listId });
  assertListAccess(ctx.actor, ref);
  const inv = await lockInventory(trx, ctx.store, ref.inventory_id, 'share');
  await trx.updateTable('inventory_lists').set({ updated_at: nowTimestamp() }).where('id', '=', listId).execute();
  const list = (await trx.selectFrom('inventory_lists').selectAll().where('id', '=', listId).executeTakeFirstOrThrow()) as ListRow;
  return { list, inv };
}

function assertCountable(inv: InventoryRow, list: ListRow): void {
  assertOpen(inv);
  if (list.closing_date) fail('INV_ERR_LIST_CLOSED', { list: list.id, date: list.closing_date });
}

/** POST /api/lists/{id}/lines: one typed or scanned count. */
export async function countLine(ctx: Ctx, listId: number, input: CountInput): Promise<CountResult> {
  requirePermission(ctx.actor, 'count');
  const problems = new Problems();
  const checked = checkCount(input, problems);
  const scanId = text(input.scanId);
  const request = scanRequestOf(input);
  // a retried scan whose first answer exists is not refused for its input; any other malformed count is refused at once
  if (!scanId) problems.throwIfAny();
  const attempt = async (): Promise<CountResult & { show: boolean }> =>
    inTransaction(ctx.store, async (trx) => {
      const { list, inv } = await lockListForCount(ctx, trx, listId);
      const { blind, maintainLocation } = await blindOf(trx, list);
      const show = showsBook(ctx.actor, blind);
      if (scanId) {
        const first = await trx
          .selectFrom('inventory_scans')
          .select(['status', 'response_json', 'request_json'])
          .where('list_id', '=', listId)
          .where('scan_id', '=', scanId)
          .executeTakeFirst();
        // the same scan id with another count is not a retry: refused, never silently dropped
        if (first && !sameScan(first.request_json, request)) {
          fail('INV_ERR_SCAN_ID_REUSED', { scanId }, [{ path: '/scanId', code: 'INV_ERR_SCAN_ID_REUSED', params: { scanId } }]);
        }
        if (first) return { status: first.status as 200 | 201, line: JSON.parse(first.response_json) as LineView, replayed: true, show };
      }
      problems.throwIfAny();
      assertCountable(inv, list);
      const warehouse = await trx.selectFrom('warehouses').select('code').where('id', '=', list.warehouse_id).executeTakeFirstOrThrow();
      const lookups = new Lookups(trx);
      const resolved = await resolveCount(
        lookups,
        input,
        checked,
        { warehouse_id: list.warehouse_id, currentLocation: list.current_location, maintainLocation, warehouse: warehouse.code },
        problems,
      );
      problems.throwIfAny();
      const { item, key, quantity, expiry } = resolved!;
      const existing = await findLine(trx, listId, item.id, key);
      const at = nowTimestamp();
      let line: LineRow;
      let status: 200 | 201;
      if (existing) {
        // a key pre-filled by a recount list: its first count sets it, whatever the mode (SPEC §11)
        const prefilled = existing.counted === 0;
        if (!checked.mode && !prefilled) {
          const current = present(lineView(existing, item), show);
          fail('INV_ERR_DUPLICATE_COUNT', { item: item.code, counted: current.countedQuantity, current });
        }
        const counted = checked.mode === 'add' && !prefilled ? existing.counted_quantity + quantity : quantity;
        checkSerialQuantity(item, key.serial, counted, problems, '');
        problems.throwIfAny();
        await trx
          .updateTable('inventory_lines')
          .set({ counted_quantity: counted, counted: 1, expiry: expiry || existing.expiry, updated_at: at, updated_by: ctx.actor.username })
          .where('id', '=', existing.id)
          .execute();
        line = { ...existing, counted_quantity: counted, counted: 1, expiry: expiry || existing.expiry, updated_at: at, updated_by: ctx.actor.username };
        status = 200;
        await audit(trx, ctx.actor, 'inventoryLine', line.id, prefilled ? 'count' : checked.mode!, lineView(existing, item), lineView(line, item));
      } else {
        checkSerialQuantity(item, key.serial, quantity, problems, '');
        problems.throwIfAny();
        const book = await stockOf(trx, { warehouseId: list.warehouse_id, itemId: item.id, ...key }, inv.date);
        const values = newLineRow(listId, item, key, expiry, book, quantity, at, ctx.actor.username);
        const row = await trx.insertInto('inventory_lines').values(values).returning('id').executeTakeFirstOrThrow();
        line = { ...values, id: Number(row.id) };
        status = 201;
        await audit(trx, ctx.actor, 'inventoryLine', line.id, 'create', null, lineView(line, item));
      }
      if (maintainLocation && key.location && key.location !== list.current_location) {
        await trx.updateTable('inventory_lists').set({ current_location: key.location }).where('id', '=', listId).execute();
      }
      const view = lineView(line, item);
      if (scanId) {
        await trx
          .insertInto('inventory_scans')
          .values({
            list_id: listId,
            scan_id: scanId,
            line_id: line.id,
            status,
            response_json: JSON.stringify(view),
            request_json: request,
            created_by: ctx.actor.username,
            created_at: at,
          })
          .execute();
      }
      return { status, line: view, replayed: false, show };
    });
  let result: CountResult & { show: boolean };
  try {
    result = await attempt();
  } catch (e) {
    // two first attempts of one scan id racing on a database without the list lock: the loser replays
    if (scanId && isUniqueViolation(e)) result = await attempt();
    else throw e;
  }
  return { status: result.status, line: present(result.line, result.show), replayed: result.replayed };
}

/** GET /api/lists/{id}/lines */
export async function listLines(ctx: Ctx, listId: number, page: { limit?: number; offset?: number; mine?: boolean } = {}): Promise<{ items: LineView[]; total: number }> {
  requireRead(ctx.actor);
  const db = ctx.store.db;
  const list = await listFor(ctx, db, listId);
  const { blind } = await blindOf(db, list);
  const show = showsBook(ctx.actor, blind);
  // mine: the lines the reader counted, newest first (the counter's own lines on the phone)
  const me = page.mine ? ctx.actor.username : undefined;
  const total = await db
    .selectFrom('inventory_lines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('list_id', '=', listId)
    .$if(me !== undefined, (q) => q.where('inserted_by', '=', me!))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('inventory_lines as l')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .select(['i.code', 'i.description'])
    .where('l.list_id', '=', listId)
    .$if(me !== undefined, (q) => q.where('l.inserted_by', '=', me!))
    .orderBy('l.id', me !== undefined ? 'desc' : 'asc')
    .limit(page.limit ?? 1000)
    .offset(page.offset ?? 0)
    .execute();
  return { items: rows.map((r) => present(lineView(r as unknown as LineRow, r), show)), total: Number(total.n) };
}

async function lineFor(ctx: Ctx, trx: Db, lineId: number): Promise<{ line: LineRow; list: ListRow; inv: InventoryRow; item: CountItem; show: boolean }> {
  const ref = await trx.selectFrom('inventory_lines').select('list_id').where('id', '=', lineId).executeTakeFirst();
  if (!ref) fail('INV_ERR_NOT_FOUND', { entity: 'line', key: lineId });
  const { list, inv } = await lockListForCount(ctx, trx, ref.list_id);
  const line = (await trx.selectFrom('inventory_lines').select(lineColumns).where('id', '=', lineId).executeTakeFirst()) as LineRow | undefined;
  if (!line) fail('INV_ERR_NOT_FOUND', { entity: 'line', key: lineId });
  // a counter corrects or removes only the lines they counted (a supervisor any line)
  if (!seesAllLists(ctx.actor) && line.inserted_by !== ctx.actor.username) fail('INV_ERR_NOT_YOUR_LINE', { line: lineId, user: line.inserted_by });
  const item = await new Lookups(trx).itemById(line.item_id);
  const { blind } = await blindOf(trx, list);
  return { line, list, inv, item, show: showsBook(ctx.actor, blind) };
}

/** PUT /api/lines/{id}: sets the counted quantity (and expiry); the key does not change. */
export async function updateLine(ctx: Ctx, lineId: number, input: { quantity: string; expiry?: string | null }): Promise<LineView> {
  requirePermission(ctx.actor, 'count');
  const problems = new Problems();
  const quantity = parseQuantity(input.quantity, '/quantity', problems);
  if (quantity === undefined && !problems.list.length) problems.add({ path: '/quantity', code: 'INV_ERR_VALIDATION' });
  if (quantity !== undefined && quantity < 0n) problems.add({ path: '/quantity', code: 'INV_ERR_COUNT_NEGATIVE' });
  const expiry = parseDate(input.expiry ?? undefined, '/expiry', problems);
  problems.throwIfAny();
  return inTransaction(ctx.store, async (trx) => {
    const { line, list, inv, item, show } = await lineFor(ctx, trx, lineId);
    assertCountable(inv, list);
    checkSerialQuantity(item, line.serial, quantity!, problems, '');
    checkUnitDecimals(quantity!, { item: item.code, uom: item.uom, decimals: item.decimals }, '/quantity', problems);
    problems.throwIfAny();
    const at = nowTimestamp();
    const after: LineRow = {
      ...line,
      counted_quantity: quantity!,
      counted: 1,
      expiry: input.expiry === null ? '' : (expiry ?? line.expiry),
      updated_at: at,
      updated_by: ctx.actor.username,
    };
    await trx
      .updateTable('inventory_lines')
      .set({ counted_quantity: after.counted_quantity, counted: 1, expiry: after.expiry, updated_at: at, updated_by: ctx.actor.username })
      .where('id', '=', lineId)
      .execute();
    await audit(trx, ctx.actor, 'inventoryLine', lineId, 'update', lineView(line, item), lineView(after, item));
    return present(lineView(after, item), show);
  });
}

/** DELETE /api/lines/{id} */
export async function deleteLine(ctx: Ctx, lineId: number): Promise<void> {
  requirePermission(ctx.actor, 'count');
  await inTransaction(ctx.store, async (trx) => {
    const { line, list, inv, item } = await lineFor(ctx, trx, lineId);
    assertCountable(inv, list);
    await trx.deleteFrom('inventory_lines').where('id', '=', lineId).execute();
    await audit(trx, ctx.actor, 'inventoryLine', lineId, 'delete', lineView(line, item), null);
  });
}

// ---------------------------------------------------------------- CSV import (handheld terminals)

export const COUNT_CSV_COLUMNS = [
  'list', 'item', 'barcode', 'variant', 'lot', 'serial', 'location', 'jobOrder', 'account', 'expiry', 'quantity', 'mode', 'scanId',
] as const;

export interface CountImportResult {
  rows: number;
  /** lines created */
  inserted: number;
  /** existing lines changed (add / replace) */
  updated: number;
  /** rows whose scan id had already been applied */
  replayed: number;
}

/** POST /api/lists/{id}/import: counts from a handheld terminal, all or nothing. */
export async function importCountsCsv(ctx: Ctx, listId: number, csv: string): Promise<CountImportResult> {
  requirePermission(ctx.actor, 'count');
  const rows = parseCsv(csv);
  if (rows.length === 0) fail('INV_ERR_BAD_CSV');
  return importCounts(ctx, rows.map((r) => ({ ...r, list: r.list || String(listId) })), listId);
}

/** POST /api/import/counts: like the list import, the list named by a `list` column on every row. */
export async function importCountsCsvByList(ctx: Ctx, csv: string): Promise<CountImportResult> {
  requirePermission(ctx.actor, 'count');
  const rows = parseCsv(csv);
  if (rows.length === 0) fail('INV_ERR_BAD_CSV');
  return importCounts(ctx, rows);
}

interface PendingLine extends LineRow {
  isNew: boolean;
  changed: boolean;
}

/**
 * Applies count rows (CSV line n = row index + 2) in one transaction, or
 * none at all: every row is checked first and all problems are reported
 * with /rows/<csv line>/<field> paths. Rows apply in file order; a key
 * counted again adds by default (`mode` column: add | replace); a scan id
 * already applied (now or in an earlier upload) is skipped.
 */
export async function importCounts(ctx: Ctx, rows: Record<string, string>[], onlyList?: number): Promise<CountImportResult> {
  requirePermission(ctx.actor, 'count');
  const problems = new Problems();
  const inputs = rows.map((r, i) => {
    const path = `/rows/${i + 2}`;
    const input: CountInput = {
      item: r.item,
      barcode: r.barcode,
      variant: r.variant,
      lot: r.lot,
      serial: r.serial,
      location: r.location,
      jobOrder: r.jobOrder,
      account: r.account,
      expiry: r.expiry || undefined,
      quantity: r.quantity || undefined,
      mode: (r.mode || 'add') as CountMode,
      scanId: r.scanId,
    };
    const listId = /^\d{1,15}$/.test(text(r.list)) ? Number(r.list) : undefined;
    if (listId === undefined) problems.add({ path: `${path}/list`, code: 'INV_ERR_VALIDATION' });
    if (onlyList !== undefined && listId !== onlyList) problems.add({ path: `${path}/list`, code: 'INV_ERR_BAD_VALUE', params: { value: r.list, allowed: onlyList } });
    return { input, path, listId: listId ?? -1, checked: checkCount(input, problems, path) };
  });
  problems.throwIfAny();

  return inTransaction(ctx.store, async (trx) => {
    const lookups = new Lookups(trx);
    await lookups.preload();
    const at = nowTimestamp();
    const result: CountImportResult = { rows: rows.length, inserted: 0, updated: 0, replayed: 0 };
    for (const listId of [...new Set(inputs.map((r) => r.listId))].sort((a, b) => a - b)) {
      const mine = inputs.filter((r) => r.listId === listId);
      let locked: { list: ListRow; inv: InventoryRow };
      try {
        locked = await lockListForCount(ctx, trx, listId);
        assertCountable(locked.inv, locked.list);
      } catch (e) {
        if (!(e instanceof InventarError)) throw e;
        throw new InventarError(e.code, e.params, [{ path: `${mine[0].path}/list`, code: e.code, params: e.params }]);
      }
      const { list, inv } = locked;
      const { maintainLocation } = await blindOf(trx, list);
      const warehouse = await trx.selectFrom('warehouses').select('code').where('id', '=', list.warehouse_id).executeTakeFirstOrThrow();
      const done = new Map(
        (await trx.selectFrom('inventory_scans').select(['scan_id', 'request_json']).where('list_id', '=', listId).execute()).map((s) => [s.scan_id, s.request_json]),
      );
      const lines = new Map<string, PendingLine>();
      for (const l of (await trx.selectFrom('inventory_lines').select(lineColumns).where('list_id', '=', listId).execute()) as LineRow[]) {
        lines.set(stockKeyString(stockKeyOfRow({ ...l, warehouse_id: list.warehouse_id })), { ...l, isNew: false, changed: false });
      }
      let currentLocation = list.current_location;
      const scans: { scanId: string; key: string; status: 200 | 201; request: string }[] = [];
      const resolvedRows: { row: (typeof inputs)[number]; resolved: Resolved }[] = [];
      for (const row of mine) {
        const scanId = text(row.input.scanId);
        const request = scanRequestOf(row.input);
        if (scanId && done.has(scanId)) {
          if (!sameScan(done.get(scanId)!, request)) {
            problems.add({ path: `${row.path}/scanId`, code: 'INV_ERR_SCAN_ID_REUSED', params: { scanId } });
          } else result.replayed++;
          continue;
        }
        const resolved = await resolveCount(
          lookups,
          row.input,
          row.checked,
          { warehouse_id: list.warehouse_id, currentLocation, maintainLocation, warehouse: warehouse.code },
          problems,
          row.path,
        );
        if (scanId) done.set(scanId, request);
        if (!resolved) continue;
        if (maintainLocation && resolved.key.location) currentLocation = resolved.key.location;
        resolvedRows.push({ row, resolved });
      }
      problems.throwIfAny();
      // snapshots of the new keys: one grouped read of the book stock at the inventory date
      // (per chunk of items for a small file; the whole warehouse in one query for a big one)
      const itemIds = [...new Set(resolvedRows.map((r) => r.resolved.item.id))];
      const book = await bookStock(trx, ctx.store, { warehouseIds: [list.warehouse_id], date: inv.date, itemIds: itemIds.length <= 1000 ? itemIds : undefined });
      for (const { row, resolved } of resolvedRows) {
        const { item, key, quantity, expiry } = resolved;
        const k = stockKeyString({ warehouseId: list.warehouse_id, itemId: item.id, ...key });
        let line = lines.get(k);
        let status: 200 | 201 = 200;
        if (!line) {
          line = {
            id: 0,
            ...newLineRow(listId, item, key, expiry, book.get(k) ?? 0n, quantity, at, ctx.actor.username),
            isNew: true,
            changed: false,
          };
          lines.set(k, line);
          status = 201;
        } else {
          // a pre-filled recount key: its first count sets it (SPEC §11)
          line.counted_quantity = row.checked.mode === 'replace' || line.counted === 0 ? quantity : line.counted_quantity + quantity;
          line.counted = 1;
          if (expiry) line.expiry = expiry;
          if (!line.isNew) {
            line.changed = true;
            line.updated_at = at;
            line.updated_by = ctx.actor.username;
          }
        }
        checkSerialQuantity(item, key.serial, line.counted_quantity, problems, row.path);
        const scanId = text(row.input.scanId);
        if (scanId) scans.push({ scanId, key: k, status, request: scanRequestOf(row.input) });
      }
      problems.throwIfAny();
      const fresh = [...lines.values()].filter((l) => l.isNew);
      const changed = [...lines.values()].filter((l) => l.changed);
      await writeLines(ctx, trx, fresh, changed);
      result.inserted += fresh.length;
      result.updated += changed.length;
      if (currentLocation !== list.current_location) {
        await trx.updateTable('inventory_lists').set({ current_location: currentLocation }).where('id', '=', listId).execute();
      }
      if (scans.length) {
        const values = [];
        for (const s of scans) {
          const line = lines.get(s.key)!;
          const item = await lookups.itemById(line.item_id);
          values.push({
            list_id: listId,
            scan_id: s.scanId,
            line_id: line.id,
            status: s.status,
            response_json: JSON.stringify(lineView(line, item)),
            request_json: s.request,
            created_by: ctx.actor.username,
            created_at: at,
          });
        }
        for (let i = 0; i < values.length; i += 1000) await trx.insertInto('inventory_scans').values(values.slice(i, i + 1000)).execute();
      }
      await audit(trx, ctx.actor, 'list', listId, 'import', null, { rows: mine.length, inserted: fresh.length, updated: changed.length });
    }
    return result;
  });
}


/** Writes imported lines through db/inventory-line-writes.ts; ids filled in. */
async function writeLines(ctx: Ctx, trx: Db, fresh: PendingLine[], changed: PendingLine[]): Promise<void> {
  const rows = fresh.map((l) => Object.fromEntries(INVENTORY_LINE_COLUMNS.map((c) => [c, l[c]])) as InventoryLineRow);
  const updates = changed.map((l) => ({ id: l.id, counted_quantity: l.counted_quantity, expiry: l.expiry, updated_at: l.updated_at, updated_by: l.updated_by }));
  const ids = await writeInventoryLines(trx, ctx.store, rows, updates);
  fresh.forEach((l, i) => (l.id = ids[i]));
}

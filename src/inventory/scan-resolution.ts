/**
 * Scan resolution (SPEC §4): a count as typed, scanned (item barcode or GS1
 * element string) or imported, checked on its own and resolved against the
 * master data (one look-up: masterdata/lookup.ts) and its list to the key of
 * an inventory line.
 */
import { Quantity } from '../core/decimal.ts';
import { InventarError } from '../core/errors.ts';
import { parseDate, parseQuantity, type Problems } from '../core/input.ts';
import type { MasterDataResolver, ResolvedItem } from '../masterdata/lookup.ts';
import { checkUnitDecimals } from '../masterdata/units.ts';
import { readScanCode, type ScanCode } from './scan-code.ts';
import type { KeyDimensions } from '../ledger/stock-key-view.ts';

export type CountMode = 'add' | 'replace';

export interface CountInput extends Partial<KeyDimensions> {
  item?: string;
  /** an item barcode, or a GS1 element string (GTIN, lot, expiry, count) */
  barcode?: string;
  /** YYYY-MM-DD; GS1 AI 17 fills it */
  expiry?: string;
  /** default: the GS1 count (AI 30/37) of the code, else 1 */
  quantity?: string;
  mode?: CountMode;
  scanId?: string;
}

export const text = (s: string | undefined | null) => (s ?? '').trim();

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
export const sameScan = (stored: string, request: string) => stored === '' || stored === request;

export interface Checked {
  quantity: Quantity | undefined;
  mode: CountMode | undefined;
  code: ScanCode | undefined;
  expiry: string | undefined;
}

/** Checks a count on its own (400s), collecting problems under `path`. */
export function checkCount(input: CountInput, problems: Problems, path = ''): Checked {
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

/** The key of an inventory line within its list, besides the item. */
export type CountKey = KeyDimensions;

export interface ResolvedCount {
  item: ResolvedItem;
  key: CountKey;
  expiry: string;
  quantity: Quantity;
}

/**
 * Resolves a checked count against master data and the list: the item (by
 * code, barcode or GTIN), its variant, lot, serial, location (maintained on
 * maintain-location lists) and quantity. Problems (404/422) go to `problems`.
 */
export async function resolveCount(
  resolver: MasterDataResolver,
  input: CountInput,
  checked: Checked,
  list: { warehouse_id: number; currentLocation: string; maintainLocation: boolean; warehouse: string },
  problems: Problems,
  path = '',
): Promise<ResolvedCount | undefined> {
  let item: ResolvedItem | undefined;
  let barcodeVariant = '';
  if (text(input.item)) {
    item = await resolver.item(text(input.item));
    if (!item) problems.add({ path: `${path}/item`, code: 'INV_ERR_NOT_FOUND', params: { entity: 'item', key: text(input.item) } });
  } else if (checked.code) {
    const hit = await resolver.barcode(checked.code.candidates);
    if (!hit) {
      problems.add({ path: `${path}/barcode`, code: 'INV_ERR_UNKNOWN_BARCODE', params: { barcode: checked.code.gtin ?? checked.code.text } });
    } else {
      item = await resolver.itemById(hit.item_id);
      barcodeVariant = hit.variant;
    }
  }
  if (!item) return undefined;
  let variant = text(input.variant);
  if (barcodeVariant && variant && variant !== barcodeVariant) {
    problems.add({ path: `${path}/variant`, code: 'INV_ERR_GS1_CONFLICT', params: { field: 'variant', given: variant, scanned: barcodeVariant } });
  }
  variant ||= barcodeVariant;
  const variants = item.variants;
  if (variant && !variants.has(variant)) {
    problems.add({ path: `${path}/variant`, code: 'INV_ERR_UNKNOWN_VARIANT', params: { item: item.code, variant } });
  }
  // an item with variants is counted per variant: a count without one would be a key no record can hold
  if (!variant && variants.size > 0) problems.add({ path: `${path}/variant`, code: 'INV_ERR_VARIANT_REQUIRED', params: { item: item.code } });
  let location = text(input.location);
  if (!location && list.maintainLocation) location = list.currentLocation;
  if (location && !(await resolver.locationsOf(list.warehouse_id)).has(location)) {
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
export function checkSerialQuantity(item: Pick<ResolvedItem, 'code' | 'serial_managed'>, serial: string, counted: bigint, problems: Problems, path: string): void {
  if (item.serial_managed && counted !== 0n && counted !== Quantity.of(1)) {
    problems.add({ path: `${path}/quantity`, code: 'INV_ERR_SERIAL_QUANTITY', params: { item: item.code, serial } });
  }
}

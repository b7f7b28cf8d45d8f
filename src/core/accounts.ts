/**
 * Accounts on master data (SPEC §9, §13): the shape of an account, the
 * default stock account of an item type (a pure table of the Romanian chart)
 * and the 8-digit NC code. No I/O.
 */
import type { Problems } from './input.ts';

/** In a template's debit or credit account: the line item's stock account. */
export const STOCK_WORD = 'STOCK';
export const ACCOUNT_MAX = 20;
/** The account of an item type the table does not know (merchandise). */
export const FALLBACK_STOCK_ACCOUNT = '371';

const ACCOUNT = /^[0-9]+(\.[0-9]+)*$/;

/** An account of the chart: digits and dots (371, 371.01), at most 20 characters. */
export const isAccount = (text: string): boolean => text.length <= ACCOUNT_MAX && ACCOUNT.test(text);

/** Checks a template account (an account, `STOCK` or empty for none); problems at `path`. */
export function checkTemplateAccount(value: string | null | undefined, path: string, problems: Problems): void {
  if (value === undefined || value === null || value === '' || value === STOCK_WORD) return;
  if (!isAccount(value)) problems.add({ path, code: 'INV_ERR_BAD_ACCOUNT', params: { value } });
}

/** Checks an item's stock account (an account or empty for the item type's default). */
export function checkStockAccount(value: string | null | undefined, path: string, problems: Problems): void {
  if (value === undefined || value === null || value === '') return;
  if (value === STOCK_WORD) problems.add({ path, code: 'INV_ERR_STOCK_ACCOUNT_WORD' });
  else if (!isAccount(value)) problems.add({ path, code: 'INV_ERR_BAD_ACCOUNT', params: { value } });
}

/** Checks an NC (combined nomenclature) code: exactly 8 digits, or empty. */
export function checkNcCode(value: string | null | undefined, path: string, problems: Problems): void {
  if (value === undefined || value === null || value === '') return;
  if (!/^[0-9]{8}$/.test(value)) problems.add({ path, code: 'INV_ERR_BAD_NC_CODE', params: { value } });
}

/**
 * Romanian default stock accounts by item type (OMFP 1802/2014 chart), keyed
 * by the type's words without diacritics, lower case; Romanian and English.
 */
const DEFAULTS: readonly [string[], string][] = [
  [['marfa', 'marfuri', 'merchandise', 'goods'], '371'],
  [['materii prime', 'materie prima', 'raw material', 'raw materials'], '301'],
  [['materiale auxiliare', 'auxiliary materials'], '3021'],
  [['combustibili', 'fuel', 'fuels'], '3022'],
  [['materiale pentru ambalat', 'packing materials'], '3023'],
  [['piese de schimb', 'spare parts'], '3024'],
  [['seminte si materiale de plantat', 'seeds'], '3025'],
  [['furaje', 'fodder'], '3026'],
  [['materiale consumabile', 'alte materiale consumabile', 'consumables', 'consumable materials'], '3028'],
  [['materiale de natura obiectelor de inventar', 'obiecte de inventar', 'inventory objects', 'small tools'], '303'],
  [['semifabricate', 'semi-finished', 'semi-finished products'], '341'],
  [['produse finite', 'produs finit', 'finished goods', 'finished products', 'finished product'], '345'],
  [['produse reziduale', 'residual products', 'waste'], '346'],
  [['ambalaje', 'packaging'], '381'],
];

const TABLE = new Map<string, string>(DEFAULTS.flatMap(([names, account]) => names.map((n) => [n, account] as [string, string])));

/** An item type as the table keys it: lower case, no diacritics, single spaces. */
const typeKey = (itemType: string): string =>
  itemType
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** The default stock account of an item type (371 when the type is unknown or empty). */
export function defaultStockAccount(itemType: string | null | undefined): string {
  return TABLE.get(typeKey(itemType ?? '')) ?? FALLBACK_STOCK_ACCOUNT;
}

/** The effective stock account: the one given, else the item type's default. */
export const effectiveStockAccount = (given: string | null | undefined, itemType: string | null | undefined): string =>
  given ? given : defaultStockAccount(itemType);

/** Stock keys: the dimensions of a movement (SPEC §3), '' when absent. */
export const DIMENSIONS = ['variant', 'location', 'lot', 'serial', 'jobOrder', 'account'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** API dimension name → movements column */
export const DIMENSION_COLUMN = {
  variant: 'variant',
  location: 'location',
  lot: 'lot',
  serial: 'serial',
  jobOrder: 'job_order',
  account: 'account',
} as const satisfies Record<Dimension, string>;

export type DimensionColumn = (typeof DIMENSION_COLUMN)[Dimension];

export interface StockKey {
  warehouseId: number;
  itemId: number;
  variant: string;
  location: string;
  lot: string;
  serial: string;
  jobOrder: string;
  account: string;
}

export function parseDimensions(by: string | undefined): Dimension[] {
  if (!by) return [];
  const names = by.split(',').map((s) => s.trim()).filter(Boolean);
  return DIMENSIONS.filter((d) => names.includes(d));
}

/** The columns of a stock key as the movements table (and tables keyed like it) names them. */
export interface StockKeyColumns {
  warehouse_id: number;
  item_id: number;
  variant: string;
  location: string;
  lot: string;
  serial: string;
  job_order: string;
  account: string;
}

/** A row's stock key (snake_case columns) as the domain's StockKey. */
export function stockKeyOfRow(r: StockKeyColumns): StockKey {
  return {
    warehouseId: r.warehouse_id,
    itemId: r.item_id,
    variant: r.variant,
    location: r.location,
    lot: r.lot,
    serial: r.serial,
    jobOrder: r.job_order,
    account: r.account,
  };
}

export const KEY_SEPARATOR = '\u0001';
const SEP = KEY_SEPARATOR;

/** The text key of a stock key, for hash joins and maps: the dimensions in this order, joined by U+0001. */
export function stockKeyString(k: StockKey): string {
  return k.warehouseId + SEP + k.itemId + SEP + k.variant + SEP + k.lot + SEP + k.serial + SEP + k.location + SEP + k.jobOrder + SEP + k.account;
}

/** The stock key a text key stands for. */
export function stockKeyOf(text: string): StockKey {
  const [warehouseId, itemId, variant, lot, serial, location, jobOrder, account] = text.split(SEP);
  return { warehouseId: Number(warehouseId), itemId: Number(itemId), variant, lot, serial, location, jobOrder, account };
}

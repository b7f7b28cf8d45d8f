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

/** A stock key as one string, for maps keyed by stock key (the warehouse apart: a movement carries it on its record). */
export function stockKeyId(warehouseId: number, k: Omit<StockKey, 'warehouseId'>): string {
  return `${warehouseId}\u0001${k.itemId}\u0001${k.variant}\u0001${k.location}\u0001${k.lot}\u0001${k.serial}\u0001${k.jobOrder}\u0001${k.account}`;
}

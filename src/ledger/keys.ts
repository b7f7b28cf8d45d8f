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

/**
 * What a restore puts back (closings.undo_json): written by the closing
 * (close.ts), read by the restore (restore.ts).
 */
import type { YearParams, YearParamsView } from '../../masterdata/year-params.ts';

/** What the closing leaves for its restore. */
export interface Undo {
  /** the last closing date of C's year before the closing (null: none) */
  yearParams?: { year: number; lastClosingDate: string | null };
  /** next year's parameters created by the closing, as created */
  createdYear?: { year: number; params: YearParamsView };
}

/** Year parameters as stored in undo_json (and compared by the restore). */
export function view(p: YearParams): YearParamsView {
  return { ...p, warehouses: p.warehouses.map(({ warehouseId: _id, ...w }) => w) };
}

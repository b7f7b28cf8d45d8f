/**
 * The re-valuation as the API shows it (POST /api/revaluations/preview and
 * /api/revaluations, SPEC §9): plain shapes with no imports, shared by the
 * server (`revaluation.ts`) and the web app.
 */
export const REVALUATION_METHODS = ['fifo', 'moving-average'] as const;
export type RevaluationMethod = (typeof REVALUATION_METHODS)[number];

export interface RevaluationStats {
  /** movements read (every walk of an item counted) */
  rowsRead: number;
  items: number;
  /** items walked more than once (transfers whose load came before its unload) */
  itemsRewalked: number;
}

export interface ChangeView {
  recordId: number;
  lineNo: number;
  date: string;
  item: string;
  warehouse: string;
  quantity: string;
  oldUnitCost: string;
  newUnitCost: string;
  oldAmount: string;
  newAmount: string;
  transferLoad: boolean;
}

export interface TotalsView {
  lines: number;
  unloadLines: number;
  transferLoadLines: number;
  oldAmount: string;
  newAmount: string;
  difference: string;
}

export interface RevaluationView {
  from: string;
  to: string;
  method: RevaluationMethod;
  warehouse: string | null;
  /** the last closing the walk started from, null when none */
  closingDate: string | null;
  /** the first `limit` changes in walk order (item, then ledger order) */
  changes: ChangeView[];
  /** true when there are more changes than `changes` holds (totals count them all) */
  truncated: boolean;
  totals: TotalsView;
  stats: RevaluationStats;
}

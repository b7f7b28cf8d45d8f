/**
 * The stock differences preview as the API shows it (GET
 * /api/inventories/{id}/differences, SPEC §5, §11, §12): plain shapes with
 * no imports but the import-free stock key view, shared by the server (`stock-differences-preview.ts`, `yearly-list.ts`)
 * and the web app.
 */
import type { KeyDimensions } from '../ledger/stock-key-view.ts';

/** an approver's decision on a key over the tolerance (SPEC §11) */
export type Decision = 'approve' | 'recount';

/** One count of a stock key: the first count, then each recount. */
export interface KeyCountView {
  listId: number;
  /** the employee code of the list */
  employee: string;
  /** 0: the first count, n: the n-th recount round */
  round: number;
  quantity: string;
  at: string;
}

export interface DifferenceRowView extends KeyDimensions {
  warehouse: string;
  item: string;
  description: string;
  uom: string;
  counted: string;
  book: string;
  difference: string;
  /** the load (surplus) or unload (shortage) template; null when nothing is posted */
  template: string | null;
  templateType: 'load' | 'unload' | null;
  unitCost: string | null;
  /** signed like the difference */
  value: string;
  movedDuringCount: boolean;
  uncounted: boolean;
  /** SPEC §11: over the tolerance of its warehouse (or its item's class) */
  overTolerance: boolean;
  /** every count of the key: first count and recounts (round 0: first count) */
  counts: KeyCountView[];
  /** the recount round the counted quantity comes from (0: the first count) */
  countRound: number;
  /** the approver's current decision and its reason code */
  reason?: string;
  decision?: Decision;
  decidedBy?: string;
  /** SPEC §12: the item's confusion group in the stock date's year, or null */
  confusionGroup: string | null;
  /** SPEC §12: unsigned quantities (the difference gives the direction) and their values round(q × unit cost, 2) */
  compensated: string;
  compensatedValue: string;
  allowedLoss: string;
  allowedLossValue: string;
  imputable: string;
  imputableValue: string;
  /** the part posted with the plain load/unload templates (difference − the parts above), signed like the difference, and its value */
  postedDifference: string;
  postedDifferenceValue: string;
}

/** SPEC §12: one confusion group of one warehouse */
export interface CompensationGroupView {
  warehouse: string;
  group: string;
  surplus: string;
  shortage: string;
  compensated: string;
  /** value of the compensated shortage − value of the compensated surplus */
  valueDifference: string;
  /** the value difference when positive, else 0.00 */
  imputable: string;
}

export interface ImputableByStorekeeper {
  employee: string | null;
  name: string | null;
  warehouse: string;
  value: string;
}

export interface DifferencesView {
  inventoryId: number;
  inventory: string;
  inventoryDate: string;
  processingDate: string;
  stockDate: string;
  zeroUncounted: boolean;
  zeroScope: 'warehouse' | 'location';
  rows: DifferenceRowView[];
  totals: {
    surplusValue: string;
    shortageValue: string;
    netValue: string;
    rows: number;
    differingKeys: number;
    movedDuringCount: number;
    /** SPEC §12, present when a confusion group or a loss allowance concerns the differences */
    compensatedValueDifference?: string;
    allowedLossValue?: string;
    imputableValue?: string;
    imputableByWarehouse?: { warehouse: string; value: string }[];
    /** the imputable value per warehouse with the commission's storekeeper (employee null when none) */
    imputableByStorekeeper?: ImputableByStorekeeper[];
  };
  /** SPEC §12, present with the totals above: per warehouse and confusion group */
  groups?: CompensationGroupView[];
}

/**
 * The home dashboard as the API shows it (GET /api/dashboard,
 * /api/dashboard/stock-value, /api/dashboard/cost-methods): plain shapes
 * with no imports but types, shared by the server (`dashboard.ts`,
 * `month-end-values.ts`, `cost-method-comparison.ts`) and the web app.
 */
import type { AccuracyView } from '../inventory/accuracy.ts';
import type { CostMethod } from '../valuation/cost-method-names.ts';

export interface DashboardList {
  id: number;
  warehouse: string;
  employee: string;
  employeeName: string;
  listType: string;
  recount: boolean;
  /** lines with a count */
  counted: number;
  /** keys the list is expected to count */
  expected: number;
}

export interface DashboardInventory {
  id: number;
  inventory: string;
  date: string;
  description: string;
  lists: DashboardList[];
  /** the preview's totals; absent when the preview was refused */
  differences?: { surplusValue: string; shortageValue: string; netValue: string; differingKeys: number; overTolerance: number };
  problem?: { code: string; message: string };
}

export interface LargestDifference {
  inventoryId: number;
  inventory: string;
  warehouse: string;
  item: string;
  description: string;
  uom: string;
  variant: string;
  lot: string;
  location: string;
  counted: string;
  book: string;
  difference: string;
  value: string;
}

export interface AccuracyPoint extends AccuracyView {
  inventoryId: number;
  inventory: string;
  date: string;
}

export interface DashboardView {
  date: string;
  openInventories: DashboardInventory[];
  /** open inventories in all (the list shows the latest OPEN_INVENTORIES) */
  openInventoriesTotal: number;
  differences: { surplusValue: string; shortageValue: string; netValue: string };
  largestDifferences: LargestDifference[];
  lastClosing: { id: number; closingDate: string; method: string; createdAt: string } | null;
  period: { year: number; periodStart: string; periodEnd: string; lastClosingDate: string | null } | null;
  accuracy: AccuracyPoint[];
}

export interface MonthEndValue {
  date: string;
  /** closing: the opening records of a closing at that date; valuation: the valued inventory */
  source: 'closing' | 'valuation';
  values: { warehouse: string; value: string }[];
  total: string;
}

export interface StockValueView {
  /** the method of the month-end valuations (`management-area`: each warehouse by its area's method) */
  method: 'management-area';
  warehouses: { code: string; description: string }[];
  /** the points known, oldest first: a closing's, or a valuation already cached */
  months: MonthEndValue[];
  /** some month ends are still being valued in the background (left out of `months`) */
  pending: boolean;
}

export interface CostMethodComparison {
  date: string;
  /** the methods already valued, in SPEC §6 order */
  methods: { method: CostMethod; quantity: string; value: string }[];
  /** some methods are still being valued in the background (left out of `methods`) */
  pending: boolean;
}

/** The shapes the UI reads from the API (API.md); decimals are strings. */

export interface Employee {
  code: string;
  name: string;
  active?: boolean;
}
export interface Warehouse {
  code: string;
  description: string;
  managementArea: string | null;
  validUntil: string | null;
}
export interface Location {
  code: string;
  description: string;
  parent: string | null;
}
export interface ListType {
  code: string;
  description: string;
  maintainLocation: boolean;
  blindCount: boolean;
}
export interface ManagementArea {
  code: string;
  description: string;
  method: string;
}
export interface Item {
  code: string;
  description: string;
  uom: string;
  itemType: string | null;
  fiscalCategory: string | null;
  merchandiseCategory: string | null;
  fiscalInterest: boolean;
  lotManaged: boolean;
  serialManaged: boolean;
  variants: { code: string; description: string; barcodes?: string[] }[];
  barcodes: string[];
  standardCost: string;
  averageCost: string;
  lastCost: string;
  salePrice: string;
  /** the effective stock account (SPEC §9) */
  stockAccount?: string;
  ncCode?: string | null;
}
export interface Template {
  code: string;
  description: string;
  type: 'load' | 'unload';
  proposedCost: string;
  updateAverageCost: boolean;
  updateLastCost: boolean;
  updateSalePrice: boolean;
  updateItemCost: boolean;
  fiscalInterest: boolean;
  lotManagement: boolean;
  mandatoryDocument: boolean;
  mandatoryAccount: boolean;
  physicalInventory: boolean;
  oddments: boolean;
  considerZeroMovements: boolean;
  offsetWarehouse: string | null;
  offsetTemplate: string | null;
  defaultLocation: string | null;
  /** an account or `STOCK` (the line item's stock account); both or neither (SPEC §9) */
  debitAccount?: string | null;
  creditAccount?: string | null;
  saftMovementType?: string | null;
}
export const TEMPLATE_FLAGS = [
  'updateAverageCost',
  'updateLastCost',
  'updateSalePrice',
  'updateItemCost',
  'fiscalInterest',
  'lotManagement',
  'mandatoryDocument',
  'mandatoryAccount',
  'physicalInventory',
  'oddments',
  'considerZeroMovements',
] as const;
export const PROPOSED_COSTS = ['none', 'last', 'average', 'standard', 'salePrice'] as const;
export const WAREHOUSE_YEAR_FLAGS = ['negativeStock', 'checkLocation', 'checkJobOrder', 'checkAccount', 'closeByVariant', 'closeByLocation', 'closeByLot', 'closeByJobOrder', 'closeByAccount'] as const;
export type WarehouseYearFlag = (typeof WAREHOUSE_YEAR_FLAGS)[number];
export interface YearParams {
  year?: number;
  lastClosingDate: string | null;
  periodStart: string;
  periodEnd: string;
  allowNegativeStock: boolean;
  valuePerWarehouse: boolean;
  warehouses: ({ warehouse: string } & Record<WarehouseYearFlag, boolean>)[];
}
export interface UserRow {
  id: number;
  username: string;
  role: string;
  employee: string | null;
  language: string | null;
  /** a supervisor who may also approve inventory differences (SPEC §11) */
  approver?: boolean;
}

export interface Inventory {
  id: number;
  year: number;
  number: number;
  date: string;
  description?: string | null;
  notes?: string | null;
  operator: string;
  operatorName?: string;
  closed: boolean;
  postedAt?: string | null;
  lists?: InventoryList[];
  /** count control (SPEC §11): records moving a counted key are refused while the count runs */
  freeze?: boolean;
  reversedAt?: string | null;
  reversedBy?: string | null;
}
export interface InventoryList {
  id: number;
  inventoryId?: number;
  listType: string;
  employee: string;
  warehouse: string;
  closingDate?: string | null;
  blindCount?: boolean;
  maintainLocation?: boolean;
  /** "year/number" of the inventory */
  inventory?: string;
  inventoryDate?: string;
  employeeName?: string;
  currentLocation?: string;
  /** how many lines it has */
  lines?: number;
  /** 0: a first count, n: the n-th recount round (SPEC §11) */
  recountRound?: number;
}
export interface CountLine {
  id: number;
  listId: number;
  item: string;
  variant?: string | null;
  lot?: string | null;
  serial?: string | null;
  location?: string | null;
  uom?: string | null;
  insertedAt?: string;
  /** who counted it first: a counter corrects and deletes only their own */
  insertedBy?: string;
  bookQuantity?: string;
  countedQuantity: string;
  description?: string;
  expiry?: string | null;
  /** false: a key pre-filled by a recount list, not counted yet (SPEC §11) */
  counted?: boolean;
}

export interface RecordLine {
  lineNo: number;
  item: string;
  variant: string;
  location: string;
  lot: string;
  serial: string;
  serials?: string[];
  jobOrder: string;
  account: string;
  quantity: string;
  unitCost: string;
  amount: string;
  notes: string;
}
export interface StockRecord {
  id: number;
  warehouse: string;
  template: string;
  date: string;
  number: number;
  internalDocument: string;
  internalDocumentDate: string | null;
  referenceDocument: string;
  account: string;
  jobOrder: string;
  notes: string;
  origin: string;
  inventoryId: number | null;
  closingId: number | null;
  createdBy?: string;
  createdAt?: string;
  lines: RecordLine[];
  offsetRecordId?: number;
  mirrorOf?: number;
}

/** The stock differences preview (GET /api/inventories/{id}/differences): the server's own shapes. */
export type {
  DifferenceRowView as DifferenceRow,
  CompensationGroupView as CompensationGroup,
  DifferencesView as Differences,
} from '../inventory/stock-differences-view.ts';

/** A closing check finding: the server's shape is open, so every link field is optional. */
export interface CheckFinding {
  code?: string;
  message?: string;
  detail?: string;
  path?: string;
  warehouse?: string;
  item?: string;
  variant?: string;
  lot?: string;
  location?: string;
  recordId?: number;
  record?: number;
  inventoryId?: number;
  inventory?: number;
  [k: string]: unknown;
}
export interface Closing {
  id: number;
  closingDate: string;
  year?: number;
  method?: string;
  createdAt?: string;
  createdBy?: string;
  openingRecords?: StockRecord[];
  restoredAt?: string | null;
}
export interface ClosingRow {
  id?: number;
  year: number;
  closingDate: string;
  warehouse?: string | null;
  item: string;
  description?: string;
  quantity: string;
  averageCost: string;
  movingAverageRate: string;
  lastCost: string;
  purchasedQuantity: string;
  purchasedValue: string;
  fifoLayers: { date: string; quantity: string; unitCost: string }[];
  lifoLayers: { year: number; quantity: string; unitCost: string }[];
  value: string;
}
export interface HistoryRow {
  date: string;
  warehouse?: string | null;
  item: string;
  description?: string;
  managementArea?: string | null;
  fiscalCategory?: string | null;
  quantity: string;
  lastCost?: string;
  averageCost?: string;
  method?: string;
  unitValue?: string;
  unitCost?: string;
  value: string;
}
export interface ValuedRow {
  warehouse?: string | null;
  item: string;
  description: string;
  variant?: string | null;
  location?: string | null;
  lot?: string | null;
  serial?: string | null;
  jobOrder?: string | null;
  account?: string | null;
  merchandiseCategory?: string | null;
  uom?: string;
  quantity: string;
  unitCost: string;
  value: string;
}
export interface ValuedReport {
  date: string;
  method: string;
  rows: ValuedRow[];
  totals: { quantity: string; value: string };
}

/** The cost methods (SPEC §6 identifiers): the server's own table, shared as plain data. */
export {
  AREA_METHOD_IDS as AREA_METHODS,
  CLOSING_METHOD_IDS as CLOSING_METHODS,
  COST_METHOD_IDS as COST_METHODS,
  type CostMethod,
} from '../valuation/cost-method-names.ts';

// ---- count control (SPEC §11) -------------------------------------------------------------

export type { Decision } from '../inventory/stock-differences-view.ts';
export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];

export type { KeyCountView as KeyCount } from '../inventory/stock-differences-view.ts';
export interface ClassTolerance {
  class: AbcClass;
  quantityTolerancePct: string | null;
  valueTolerance: string | null;
  countsPerYear: number;
}
export interface CountControl {
  warehouse?: string;
  quantityTolerancePct: string;
  valueTolerance: string;
  recount: boolean;
  approval: boolean;
  classes?: ClassTolerance[];
}
export interface ReasonCode {
  code: string;
  description: string;
}
export interface CountAccuracy {
  keys: number;
  keysWithoutDifference: number;
  countAccuracy: string | null;
  bookValue: string;
  differenceValue: string;
  valueAccuracy: string | null;
}
export interface ItemClass {
  warehouse: string;
  item: string;
  description?: string;
  class: AbcClass;
  outgoingValue: string;
}
export interface DueKey {
  warehouse: string;
  item: string;
  description?: string;
  variant?: string | null;
  lot?: string | null;
  serial?: string | null;
  location?: string | null;
  class?: AbcClass | null;
  lastCounted?: string | null;
  /** the last count + the class's interval, or the date itself for a key never counted */
  dueSince?: string;
}

/** The journal (GET /api/journal) and the stock reconciliation (SPEC §9): the server's own shapes. */
export type { JournalLineView as JournalLine, AccountTotal, JournalPage } from '../ledger/journal-view.ts';
export type { ReconciliationRow, StockReconciliation } from '../accounting/stock-reconciliation-view.ts';
/** A list's progress on the counting phone (GET /api/lists/{id}/progress): the server's own shape. */
export type { ListProgress } from '../inventory/list-progress-view.ts';

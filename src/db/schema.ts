/**
 * The database schema as Kysely sees it. Column names are snake_case; services
 * map rows to the API's camelCase shapes. Quantities, unit costs and amounts
 * are scaled integers (bigint, see core/decimal.ts); flags are 0/1 integers so
 * that one set of queries binds the same values on SQLite and PostgreSQL;
 * dates are ISO text (YYYY-MM-DD) and timestamps ISO 8601 UTC text.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

/** 0 | 1, defaulted by the database */
type Flag = Generated<number>;
/** a scaled decimal the database defaults to 0 */
type Scaled = Generated<bigint>;
/** text the database defaults to '' */
type Text = Generated<string>;

export interface EmployeeTable {
  id: Generated<number>;
  code: string;
  name: Text;
  active: Flag;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: string;
  employee_id: number | null;
  language: string | null;
  created_at: string;
  /** a supervisor who may also approve inventory differences (SPEC §10) */
  approver: Flag;
}

export interface AuthTokenTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface LoginFailureTable {
  username: string;
  failures: number;
  last_failed_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  username: string;
  entity: string;
  entity_key: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

export interface ManagementAreaTable {
  id: Generated<number>;
  code: string;
  description: Text;
  method: string;
}

export interface WarehouseTable {
  id: Generated<number>;
  code: string;
  description: Text;
  management_area_id: number | null;
  valid_until: string | null;
}

export interface LocationTable {
  id: Generated<number>;
  warehouse_id: number;
  code: string;
  description: Text;
  parent_id: number | null;
}

export interface ItemTable {
  id: Generated<number>;
  code: string;
  description: Text;
  uom: string;
  item_type: Text;
  fiscal_category: Text;
  merchandise_category: Text;
  fiscal_interest: Flag;
  lot_managed: Flag;
  serial_managed: Flag;
  standard_cost: Scaled;
  average_cost: Scaled;
  last_cost: Scaled;
  sale_price: Scaled;
  /** the effective stock account (SPEC §9); the item type's default when none was given */
  stock_account: Text;
  /** the 8-digit combined nomenclature code (SAF-T D406) */
  nc_code: Text;
}

/** A unit of measure and how many decimals its quantities may have (SPEC §14). */
export interface UnitTable {
  code: string;
  description: Text;
  decimals: ColumnType<number, number | undefined, number>;
}

export interface ItemVariantTable {
  item_id: number;
  code: string;
  description: Text;
}

export interface ItemBarcodeTable {
  barcode: string;
  item_id: number;
  variant: Text;
}

export interface ItemUnitTable {
  item_id: number;
  uom: string;
  /** how many base units one alternative unit holds, scale 5 */
  factor: Scaled;
}

export interface TemplateTable {
  id: Generated<number>;
  warehouse_id: number;
  code: string;
  description: Text;
  type: 'load' | 'unload';
  proposed_cost: ColumnType<'none' | 'last' | 'average' | 'standard' | 'salePrice', 'none' | 'last' | 'average' | 'standard' | 'salePrice' | undefined>;
  update_average_cost: Flag;
  update_last_cost: Flag;
  update_sale_price: Flag;
  update_item_cost: Flag;
  fiscal_interest: Flag;
  lot_management: Flag;
  mandatory_document: Flag;
  mandatory_account: Flag;
  physical_inventory: Flag;
  oddments: Flag;
  consider_zero_movements: Flag;
  offset_warehouse_id: number | null;
  offset_template_id: number | null;
  default_location: Text;
  /** SPEC §9: accounts of the journal entries of its records; `STOCK` = the line item's stock account */
  debit_account: Text;
  credit_account: Text;
  /** SPEC §13: the SAF-T movement type code of its lines */
  saft_movement_type: Text;
}

export interface YearParamsTable {
  year: number;
  last_closing_date: string | null;
  period_start: string;
  period_end: string;
  allow_negative_stock: Flag;
  value_per_warehouse: Flag;
}

export interface YearWarehouseParamsTable {
  year: number;
  warehouse_id: number;
  negative_stock: Flag;
  check_location: Flag;
  check_job_order: Flag;
  check_account: Flag;
  close_by_variant: Flag;
  close_by_location: Flag;
  close_by_lot: Flag;
  close_by_job_order: Flag;
  close_by_account: Flag;
}

export interface StockDifferenceParamsTable {
  warehouse_id: number;
  load_template_id: number;
  unload_template_id: number;
  /** SPEC §12: compensated surpluses / shortages of confusion groups */
  compensation_load_template_id: number | null;
  compensation_unload_template_id: number | null;
  /** SPEC §12: shortage within the natural-loss allowance; imputable shortage */
  allowance_template_id: number | null;
  imputable_template_id: number | null;
}

/** A yearly-approved group of items that can be confused (SPEC §12). */
export interface ConfusionGroupTable {
  id: Generated<number>;
  year: number;
  code: string;
  description: Text;
}

/** An item of a confusion group; (year, item) is unique: one group per item and year. */
export interface ConfusionGroupItemTable {
  group_id: number;
  year: number;
  item_id: number;
}

/** A natural-loss percentage (scale 4) of an item or of an item group (merchandise category). */
export interface LossAllowanceTable {
  id: Generated<number>;
  item_id: number | null;
  item_group: Text;
  pct: Scaled;
}

export interface ListTypeTable {
  id: Generated<number>;
  code: string;
  description: Text;
  maintain_location: Flag;
  blind_count: Flag;
}

export type RecordOrigin = 'manual' | 'inventory' | 'closing' | 'offset' | 'import' | 'reversal';

export interface RecordTable {
  id: Generated<number>;
  warehouse_id: number;
  template_id: number;
  date: string;
  number: number;
  internal_document: Text;
  internal_document_date: string | null;
  reference_document: Text;
  account: Text;
  job_order: Text;
  notes: Text;
  origin: RecordOrigin;
  /** the record whose offset template produced this mirror record */
  mirror_of: number | null;
  inventory_id: number | null;
  closing_id: number | null;
  created_by: string;
  created_at: string;
  updated_by: string | null;
  updated_at: string | null;
}

/**
 * One line of a record. Header fields (date, warehouse, template, record
 * number) are repeated here so that stock and valuation read one table in
 * ledger order (date, record number, line number). Dimensions are '' when
 * absent, never NULL, so a stock key compares with plain equality.
 */
export interface MovementTable {
  id: Generated<number>;
  record_id: number;
  line_no: number;
  date: string;
  record_number: number;
  warehouse_id: number;
  template_id: number;
  item_id: number;
  variant: Text;
  location: Text;
  lot: Text;
  serial: Text;
  job_order: Text;
  account: Text;
  quantity: bigint;
  alt_uom: Text;
  alt_quantity: Scaled;
  unit_cost: Scaled;
  amount: Scaled;
  notes: Text;
}

export interface ClosingTable {
  id: Generated<number>;
  closing_date: string;
  method: string;
  previous_closing_date: string | null;
  created_by: string;
  created_at: string;
  /** costs were kept per item and warehouse (value-per-warehouse) */
  per_warehouse: Flag;
  /** what a restore puts back (JSON, see src/valuation/closing) */
  undo_json: Text;
}

/** One cost scope (item, or item + warehouse) at a closing (SPEC §7 closing history). */
export interface ClosingHistoryTable {
  id: Generated<number>;
  closing_id: number;
  closing_date: string;
  year: number;
  item_id: number;
  warehouse_id: number | null;
  /** book stock of the scope at the closing */
  quantity: bigint;
  average_cost: bigint;
  moving_average_rate: bigint;
  last_cost: bigint;
  fifo_last_consumed_cost: bigint | null;
  purchased_quantity: bigint;
  /** money, scale 2 */
  purchased_value: bigint;
  /** Σ quantity × unit cost, scale 8 */
  purchased_exact: bigint;
  /** JSON [{date, quantity, unitCost}] (decimal strings), oldest first */
  fifo_layers: Text;
  /** JSON [{year, quantity, unitCost}], newest year first */
  lifo_layers: Text;
  value: bigint;
}

/** A calendar year of an item inside a closed period (lifo-yearly / fifo-yearly history). */
export interface ClosingYearTable {
  closing_id: number;
  item_id: number;
  year: number;
  closing_quantity: bigint;
  purchased_quantity: bigint;
  purchased_exact: bigint;
  average_purchase_cost: bigint;
}

export interface InventoryTable {
  id: Generated<number>;
  year: number;
  number: number;
  date: string;
  description: Text;
  notes: Text;
  operator_id: number;
  closed: Flag;
  closed_at: string | null;
  closed_by: string | null;
  /** set when the stock differences were posted (which also closes the inventory) */
  posted_at: string | null;
  created_by: string;
  created_at: string;
  /** freeze option (SPEC §11): records moving a key of a counted warehouse are refused while the count runs */
  freeze: Flag;
  /** set when a posted inventory was reversed (and so reopened) */
  reversed_at: string | null;
  reversed_by: string | null;
  /** the stock date of its last posting (SPEC §12: where the next allowance period starts) */
  stock_date: string | null;
}

export interface InventoryListTable {
  id: Generated<number>;
  inventory_id: number;
  list_type_id: number;
  employee_id: number;
  warehouse_id: number;
  closing_date: string | null;
  /** maintain-location lists: the location of the last scan that named one */
  current_location: Text;
  /** 0: a first count; n: the n-th recount round (SPEC §11) */
  recount_round: Flag;
  created_by: string;
  created_at: string;
  updated_at: string | null;
}

/** A counted line; its key within the list is (item, variant, lot, serial, location, job order, account). */
export interface InventoryLineTable {
  id: Generated<number>;
  list_id: number;
  item_id: number;
  variant: Text;
  lot: Text;
  serial: Text;
  location: Text;
  job_order: Text;
  account: Text;
  /** GS1 AI 17 (YYYY-MM-DD), '' when unknown */
  expiry: Text;
  uom: string;
  /** book stock of the key at the inventory date when the line was inserted (snapshot) */
  book_quantity: Scaled;
  counted_quantity: Scaled;
  /** 0: a key pre-filled by a recount list, not counted yet (the differences ignore it) */
  counted: Flag;
  inserted_at: string;
  inserted_by: string;
  updated_at: string | null;
  updated_by: string | null;
}

/** The first answer to a client scan id: a repeated scan id returns it unchanged. */
export interface InventoryScanTable {
  list_id: number;
  scan_id: string;
  line_id: number;
  status: number;
  response_json: string;
  /** the request a scan id answered (canonical JSON; '' before migration 0008) */
  request_json: Text;
  created_by: string;
  created_at: string;
}

/** Count control of a warehouse (SPEC §11); percentages scaled by 2 decimals, values money. */
export interface CountControlTable {
  warehouse_id: number;
  quantity_tolerance_pct: Scaled;
  value_tolerance: Scaled;
  recount: Flag;
  approval: Flag;
  updated_by: Text;
  updated_at: Text;
}

/** Per ABC class of a warehouse: tolerances (null: the warehouse's) and counts per year. */
export interface CountControlClassTable {
  warehouse_id: number;
  class: string;
  quantity_tolerance_pct: bigint | null;
  value_tolerance: bigint | null;
  counts_per_year: number;
}

export interface ReasonCodeTable {
  id: Generated<number>;
  warehouse_id: number;
  code: string;
  description: Text;
}

/** An approver's decision on one stock key of an inventory. */
export interface InventoryDecisionTable {
  id: Generated<number>;
  inventory_id: number;
  warehouse_id: number;
  item_id: number;
  variant: Text;
  lot: Text;
  serial: Text;
  location: Text;
  job_order: Text;
  account: Text;
  reason_code_id: number | null;
  decision: 'approve' | 'recount';
  decided_by: string;
  decided_at: string;
  /** the recount round of the key's count the decision was made on (migration 0013) */
  count_round: Flag;
}

/** Accuracy figures of a posted inventory per warehouse (SPEC §11), stored when it was posted. */
export interface InventoryAccuracyTable {
  inventory_id: number;
  warehouse_id: number;
  keys: number;
  keys_without_difference: number;
  book_value: Scaled;
  difference_value: Scaled;
}

/** One historicize call of the valued inventory report (SPEC §8 warehouse history). */
export interface WarehouseHistoryRunTable {
  id: Generated<number>;
  snapshot_date: string;
  method: string;
  group_by: string;
  /** the report's filters, JSON */
  filters: Text;
  created_by: string;
  created_at: string;
}

/** One saved row of the valued inventory report (per item, or per item and warehouse). */
export interface WarehouseHistoryTable {
  id: Generated<number>;
  run_id: number;
  snapshot_date: string;
  warehouse_id: number | null;
  item_id: number;
  management_area_id: number | null;
  fiscal_category: Text;
  quantity: bigint;
  last_cost: bigint;
  average_cost: bigint;
  method: string;
  unit_cost: bigint;
  value: bigint;
}

/** One line of a record's journal entry (SPEC §9): a (debit, credit) pair and its amount (money, scale 2). */
export interface JournalLineTable {
  id: Generated<number>;
  record_id: number;
  date: string;
  debit_account: string;
  credit_account: string;
  amount: bigint;
}

export interface Database {
  employees: EmployeeTable;
  users: UserTable;
  auth_tokens: AuthTokenTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  management_areas: ManagementAreaTable;
  warehouses: WarehouseTable;
  locations: LocationTable;
  items: ItemTable;
  item_variants: ItemVariantTable;
  item_barcodes: ItemBarcodeTable;
  item_units: ItemUnitTable;
  units: UnitTable;
  templates: TemplateTable;
  year_params: YearParamsTable;
  year_warehouse_params: YearWarehouseParamsTable;
  stock_difference_params: StockDifferenceParamsTable;
  confusion_groups: ConfusionGroupTable;
  confusion_group_items: ConfusionGroupItemTable;
  loss_allowances: LossAllowanceTable;
  list_types: ListTypeTable;
  records: RecordTable;
  movements: MovementTable;
  closings: ClosingTable;
  closing_history: ClosingHistoryTable;
  closing_years: ClosingYearTable;
  warehouse_history_runs: WarehouseHistoryRunTable;
  warehouse_history: WarehouseHistoryTable;
  inventories: InventoryTable;
  inventory_lists: InventoryListTable;
  inventory_lines: InventoryLineTable;
  inventory_scans: InventoryScanTable;
  count_control: CountControlTable;
  count_control_classes: CountControlClassTable;
  reason_codes: ReasonCodeTable;
  inventory_decisions: InventoryDecisionTable;
  inventory_accuracy: InventoryAccuracyTable;
  journal_lines: JournalLineTable;
  inventory_commissions: InventoryCommissionTable;
  inventory_commission_members: InventoryCommissionMemberTable;
  inventory_storekeepers: InventoryStorekeeperTable;
  inventory_declarations: InventoryDeclarationTable;
  inventory_list_totals: InventoryListTotalTable;
}

/** SPEC §12: an inventory's commission (decision and president); members and storekeepers below. */
export interface InventoryCommissionTable {
  inventory_id: number;
  decision_number: Text;
  decision_date: string;
  president_id: number;
  updated_by: Text;
  updated_at: Text;
}

export interface InventoryCommissionMemberTable {
  inventory_id: number;
  position: Flag;
  employee_id: number;
}

export interface InventoryStorekeeperTable {
  inventory_id: number;
  warehouse_id: number;
  employee_id: number;
}

/** SPEC §12: the storekeeper's declaration before the count, per warehouse. */
export interface InventoryDeclarationTable {
  inventory_id: number;
  warehouse_id: number;
  last_receipt: Text;
  last_issue: Text;
  third_party_goods: Text;
  known_differences: Text;
  updated_by: Text;
  updated_at: Text;
}

/** SPEC §12: the inventory list's values per warehouse and stock account, stored at posting (registrul-inventar). */
export interface InventoryListTotalTable {
  inventory_id: number;
  warehouse_id: number;
  stock_account: Text;
  stock_date: string;
  lines: Flag;
  book_value: Scaled;
  inventory_value: Scaled;
}

export type ItemRow = Selectable<ItemTable>;
export type TemplateRow = Selectable<TemplateTable>;
export type WarehouseRow = Selectable<WarehouseTable>;
export type RecordRow = Selectable<RecordTable>;
export type MovementRow = Selectable<MovementTable>;

/**
 * Columns (and aliases) that hold scaled decimals. The numeric plugin turns
 * these into bigint on read on both dialects, and every other integer into a
 * JS number (ids, flags, counters).
 */
export const SCALED_COLUMNS = new Set([
  'quantity',
  'alt_quantity',
  'unit_cost',
  'amount',
  'value',
  'factor',
  'standard_cost',
  'average_cost',
  'last_cost',
  'sale_price',
  'book_quantity',
  'counted_quantity',
  'moving_average_rate',
  'purchased_quantity',
  'purchased_value',
  'closing_quantity',
  'fifo_last_consumed_cost',
  'purchased_exact',
  'average_purchase_cost',
  'stock',
  'quantity_tolerance_pct',
  'value_tolerance',
  'book_value',
  'difference_value',
  // journal sums (SPEC §9)
  'debit',
  'credit',
  'balance',
  // inventory list totals (SPEC §12)
  'inventory_value',
]);

/**
 * The database schema as Kysely sees it. Column names are snake_case; services
 * map rows to the API's camelCase shapes. Quantities, unit costs and amounts
 * are scaled integers (bigint, see core/decimal.ts); flags are 0/1 integers so
 * that one set of queries binds the same values on SQLite and PostgreSQL;
 * dates are ISO text (YYYY-MM-DD) and timestamps ISO 8601 UTC text.
 */
import type { Selectable } from 'kysely';
import type {
  EmployeeTable, ManagementAreaTable, WarehouseTable, LocationTable, ItemTable, UnitTable, ItemVariantTable,
  ItemBarcodeTable, ItemUnitTable, TemplateTable, YearParamsTable, YearWarehouseParamsTable,
  StockDifferenceParamsTable, ConfusionGroupTable, ConfusionGroupItemTable, LossAllowanceTable, ListTypeTable, MasterDataVersionTable,
} from './schema/master-data.ts';
import type { UserTable, AuthTokenTable, LoginFailureTable } from './schema/users.ts';
import type { AuditLogTable } from './schema/audit.ts';
import type { RecordTable, MovementTable, JournalLineTable } from './schema/ledger.ts';
import type {
  ClosingTable, ClosingHistoryTable, ClosingYearTable, WarehouseHistoryRunTable, WarehouseHistoryTable,
} from './schema/valuation.ts';
import type {
  InventoryTable, InventoryListTable, InventoryLineTable, InventoryScanTable, InventoryDecisionTable,
  InventoryAccuracyTable,
} from './schema/inventory.ts';
import type { CountControlTable, CountControlClassTable, ReasonCodeTable } from './schema/count-control.ts';
import type {
  InventoryCommissionTable, InventoryCommissionMemberTable, InventoryStorekeeperTable,
  InventoryDeclarationTable, InventoryListTotalTable,
} from './schema/yearly-inventory.ts';

export type {
  EmployeeTable, ManagementAreaTable, WarehouseTable, LocationTable, ItemTable, UnitTable, ItemVariantTable,
  ItemBarcodeTable, ItemUnitTable, TemplateTable, YearParamsTable, YearWarehouseParamsTable,
  StockDifferenceParamsTable, ConfusionGroupTable, ConfusionGroupItemTable, LossAllowanceTable, ListTypeTable, MasterDataVersionTable,
} from './schema/master-data.ts';
export type { UserTable, AuthTokenTable, LoginFailureTable } from './schema/users.ts';
export type { AuditLogTable } from './schema/audit.ts';
export type { RecordOrigin, RecordTable, MovementTable, JournalLineTable } from './schema/ledger.ts';
export type {
  ClosingTable, ClosingHistoryTable, ClosingYearTable, WarehouseHistoryRunTable, WarehouseHistoryTable,
} from './schema/valuation.ts';
export type {
  InventoryTable, InventoryListTable, InventoryLineTable, InventoryScanTable, InventoryDecisionTable,
  InventoryAccuracyTable,
} from './schema/inventory.ts';
export type { CountControlTable, CountControlClassTable, ReasonCodeTable } from './schema/count-control.ts';
export type {
  InventoryCommissionTable, InventoryCommissionMemberTable, InventoryStorekeeperTable,
  InventoryDeclarationTable, InventoryListTotalTable,
} from './schema/yearly-inventory.ts';

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
  master_data_version: MasterDataVersionTable;
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

/**
 * The database schema as Kysely sees it. Column names are snake_case; services
 * map rows to the API's camelCase shapes. Quantities, unit costs and amounts
 * are scaled integers (bigint, see core/decimal.ts); flags are 0/1 integers so
 * that one set of queries binds the same values on SQLite and PostgreSQL;
 * dates are ISO text (YYYY-MM-DD) and timestamps ISO 8601 UTC text.
 */
import type { Generated, Selectable } from 'kysely';

type Flag = number; // 0 | 1

export interface EmployeeTable {
  id: Generated<number>;
  code: string;
  name: string;
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
}

export interface AuthTokenTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
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
  description: string;
  method: string;
}

export interface WarehouseTable {
  id: Generated<number>;
  code: string;
  description: string;
  management_area_id: number | null;
  valid_until: string | null;
}

export interface LocationTable {
  id: Generated<number>;
  warehouse_id: number;
  code: string;
  description: string;
  parent_id: number | null;
}

export interface ItemTable {
  id: Generated<number>;
  code: string;
  description: string;
  uom: string;
  item_type: string;
  fiscal_category: string;
  merchandise_category: string;
  fiscal_interest: Flag;
  lot_managed: Flag;
  serial_managed: Flag;
  standard_cost: bigint;
  average_cost: bigint;
  last_cost: bigint;
  sale_price: bigint;
}

export interface ItemVariantTable {
  item_id: number;
  code: string;
  description: string;
}

export interface ItemBarcodeTable {
  barcode: string;
  item_id: number;
  variant: string;
}

export interface ItemUnitTable {
  item_id: number;
  uom: string;
  /** how many base units one alternative unit holds, scale 5 */
  factor: bigint;
}

export interface TemplateTable {
  id: Generated<number>;
  warehouse_id: number;
  code: string;
  description: string;
  type: 'load' | 'unload';
  proposed_cost: 'none' | 'last' | 'average' | 'standard' | 'salePrice';
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
  default_location: string;
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
}

export interface ListTypeTable {
  id: Generated<number>;
  code: string;
  description: string;
  maintain_location: Flag;
  blind_count: Flag;
}

export type RecordOrigin = 'manual' | 'inventory' | 'closing' | 'offset' | 'import';

export interface RecordTable {
  id: Generated<number>;
  warehouse_id: number;
  template_id: number;
  date: string;
  number: number;
  internal_document: string;
  internal_document_date: string | null;
  reference_document: string;
  account: string;
  job_order: string;
  notes: string;
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
  variant: string;
  location: string;
  lot: string;
  serial: string;
  job_order: string;
  account: string;
  quantity: bigint;
  alt_uom: string;
  alt_quantity: bigint;
  unit_cost: bigint;
  amount: bigint;
  notes: string;
}

export interface ClosingTable {
  id: Generated<number>;
  closing_date: string;
  method: string;
  previous_closing_date: string | null;
  created_by: string;
  created_at: string;
}

export interface Database {
  employees: EmployeeTable;
  users: UserTable;
  auth_tokens: AuthTokenTable;
  audit_log: AuditLogTable;
  management_areas: ManagementAreaTable;
  warehouses: WarehouseTable;
  locations: LocationTable;
  items: ItemTable;
  item_variants: ItemVariantTable;
  item_barcodes: ItemBarcodeTable;
  item_units: ItemUnitTable;
  templates: TemplateTable;
  year_params: YearParamsTable;
  year_warehouse_params: YearWarehouseParamsTable;
  stock_difference_params: StockDifferenceParamsTable;
  list_types: ListTypeTable;
  records: RecordTable;
  movements: MovementTable;
  closings: ClosingTable;
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
  'stock',
]);

/**
 * Master data (SPEC §2, §12): employees, management areas, warehouses and
 * locations, items with their units, variants and barcodes, templates, year
 * and stock difference parameters, confusion groups, natural-loss allowances,
 * list types.
 */
import type { ColumnType, Generated } from 'kysely';
import type { Flag, Scaled, Text } from './column-types.ts';

export interface EmployeeTable {
  id: Generated<number>;
  code: string;
  name: Text;
  active: Flag;
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

/** One row: the static master data's version (migration 0023, masterdata/shared-cache.ts). */
export interface MasterDataVersionTable {
  id: number;
  version: bigint;
}

/**
 * The Romanian yearly inventory (SPEC §12): commission, members, storekeepers,
 * declarations and the inventory list's totals.
 */
import type { Flag, Scaled, Text } from './column-types.ts';

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

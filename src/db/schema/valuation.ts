/**
 * Warehouse valuation: closings, their closing history and years (SPEC §7),
 * the warehouse history of the valued inventory (SPEC §8).
 */
import type { Generated } from 'kysely';
import type { Flag, Text } from './column-types.ts';

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

/**
 * Count control (SPEC §11): per warehouse and per ABC class, reason codes.
 */
import type { Generated } from 'kysely';
import type { Flag, Scaled, Text } from './column-types.ts';

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

/**
 * Physical inventory (SPEC §5, §11): inventories, lists, counted lines, scans,
 * decisions, accuracy figures.
 */
import type { Generated } from 'kysely';
import type { Flag, Scaled, Text } from './column-types.ts';

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

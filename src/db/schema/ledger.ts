/**
 * The ledger: warehouse records, their movements and their journal lines (SPEC
 * §3, §4, §9).
 */
import type { Generated } from 'kysely';
import type { Scaled, Text } from './column-types.ts';

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

/** One line of a record's journal entry (SPEC §9): a (debit, credit) pair and its amount (money, scale 2). */
export interface JournalLineTable {
  id: Generated<number>;
  record_id: number;
  date: string;
  debit_account: string;
  credit_account: string;
  amount: bigint;
}

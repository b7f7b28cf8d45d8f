/**
 * An inventory line (SPEC §4): one counted key of a list, its row, how the
 * API shows it, the row a first count writes and the look-up by key.
 */
import { Quantity } from '../core/decimal.ts';
import type { Db } from '../db/db.ts';
import type { ResolvedItem } from '../masterdata/lookup.ts';
import type { CountKey } from './scan-resolution.ts';
import type { KeyDimensions } from '../ledger/stock-key-view.ts';

export interface LineView extends KeyDimensions {
  id: number;
  listId: number;
  item: string;
  description: string;
  expiry: string | null;
  uom: string;
  insertedAt: string;
  insertedBy: string;
  updatedAt: string | null;
  /** absent for blind lists when read by a counter */
  bookQuantity?: string;
  countedQuantity: string;
  /** false: a key pre-filled by a recount list, not counted yet (SPEC §11) */
  counted: boolean;
}

export interface LineRow {
  id: number;
  list_id: number;
  item_id: number;
  variant: string;
  lot: string;
  serial: string;
  location: string;
  job_order: string;
  account: string;
  expiry: string;
  uom: string;
  book_quantity: bigint;
  counted_quantity: bigint;
  /** 0: pre-filled by a recount list, not counted yet */
  counted: number;
  inserted_at: string;
  inserted_by: string;
  updated_at: string | null;
  updated_by: string | null;
}

export const lineColumns = [
  'id', 'list_id', 'item_id', 'variant', 'lot', 'serial', 'location', 'job_order', 'account', 'expiry', 'uom',
  'book_quantity', 'counted_quantity', 'counted', 'inserted_at', 'inserted_by', 'updated_at', 'updated_by',
] as const;

export function lineView(l: LineRow, item: Pick<ResolvedItem, 'code' | 'description'>): LineView {
  return {
    id: l.id,
    listId: l.list_id,
    item: item.code,
    description: item.description,
    variant: l.variant,
    lot: l.lot,
    serial: l.serial,
    location: l.location,
    jobOrder: l.job_order,
    account: l.account,
    expiry: l.expiry || null,
    uom: l.uom,
    insertedAt: l.inserted_at,
    insertedBy: l.inserted_by,
    updatedAt: l.updated_at,
    bookQuantity: Quantity.format(l.book_quantity),
    countedQuantity: Quantity.format(l.counted_quantity),
    counted: l.counted !== 0,
  };
}

/** The line as this reader may see it (no book stock for a counter on a blind list). */
export function present(view: LineView, showBook: boolean): LineView {
  if (showBook) return view;
  const { bookQuantity: _hidden, ...rest } = view;
  return rest;
}

/** A line counted for the first time on a list. */
export function newLineRow(
  listId: number,
  item: Pick<ResolvedItem, 'id' | 'uom'>,
  key: CountKey,
  expiry: string,
  book: bigint,
  counted: bigint,
  at: string,
  username: string,
): Omit<LineRow, 'id'> {
  return {
    list_id: listId,
    item_id: item.id,
    variant: key.variant,
    lot: key.lot,
    serial: key.serial,
    location: key.location,
    job_order: key.jobOrder,
    account: key.account,
    expiry,
    uom: item.uom,
    book_quantity: book,
    counted_quantity: counted,
    counted: 1,
    inserted_at: at,
    inserted_by: username,
    updated_at: null,
    updated_by: null,
  };
}

export async function findLine(trx: Db, listId: number, itemId: number, k: CountKey): Promise<LineRow | undefined> {
  return (await trx
    .selectFrom('inventory_lines')
    .select(lineColumns)
    .where('list_id', '=', listId)
    .where('item_id', '=', itemId)
    .where('variant', '=', k.variant)
    .where('lot', '=', k.lot)
    .where('serial', '=', k.serial)
    .where('location', '=', k.location)
    .where('job_order', '=', k.jobOrder)
    .where('account', '=', k.account)
    .executeTakeFirst()) as LineRow | undefined;
}

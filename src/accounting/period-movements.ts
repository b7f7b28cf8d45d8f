/**
 * The movement lines of a period [from, to], for exports that list every
 * line (SAF-T D406 MovementOfGoods): warehouse by warehouse, in ledger order
 * within it (posting date, record number, line number, SPEC §3), in keyset
 * pages, so that at most one page is held however long the period is.
 *
 * Each page reads the records of one warehouse through records_number_uq
 * (warehouse, date, number) from the last record read, and their lines
 * through movements_record_ix (record, line): neither table is read whole,
 * and nothing is sorted beyond the lines of one record. Both databases run
 * the same statement (row values compare on SQLite ≥ 3.15 and PostgreSQL).
 *
 * The opening records a closing posts (origin `closing`) are not goods
 * movements — they restate the stock the closing carried over — and are left
 * out here and in the totals, so that opening + the period's lines = closing.
 */
import { sql } from 'kysely';
import type { Db } from '../db/db.ts';

export interface PeriodLine {
  recordId: number;
  date: string;
  number: number;
  templateId: number;
  internalDocument: string;
  lineNo: number;
  itemId: number;
  /** scale 3, signed (unloads negative) */
  quantity: bigint;
  /** scale 2, signed like the quantity */
  amount: bigint;
}

export interface PeriodTotals {
  lines: number;
  /** Σ of the positive quantities, scale 3 */
  received: bigint;
  /** Σ |negative quantities|, scale 3 */
  issued: bigint;
  /** Σ amounts of the lines with a positive / negative quantity, scale 2 (signed as stored) */
  receivedValue: bigint;
  issuedValue: bigint;
}

/** The origin of the opening records a closing posts: left out of the period's movements. */
const CLOSING_ORIGIN = 'closing';

/** A bigint from an aggregate read as text (either driver, NULL = 0). */
const big = (v: unknown): bigint => (v === null || v === undefined || v === '' ? 0n : BigInt(String(v)));

/** Count and sums of the period's movement lines (records dated in [from, to], closing openings excluded). */
export async function periodTotals(db: Db, from: string, to: string): Promise<PeriodTotals> {
  // cast to text: a sum of scaled integers must not pass through a JS number on either driver
  const { rows } = await sql<{ n: unknown; received: unknown; issued: unknown; received_value: unknown; issued_value: unknown }>`
    select count(*) as n,
      cast(coalesce(sum(case when m.quantity > 0 then m.quantity else 0 end), 0) as text) as received,
      cast(coalesce(sum(case when m.quantity < 0 then -m.quantity else 0 end), 0) as text) as issued,
      cast(coalesce(sum(case when m.quantity > 0 then m.amount else 0 end), 0) as text) as received_value,
      cast(coalesce(sum(case when m.quantity < 0 then m.amount else 0 end), 0) as text) as issued_value
    from records r join movements m on m.record_id = r.id
    where r.date >= ${from} and r.date <= ${to} and r.origin <> ${CLOSING_ORIGIN}`.execute(db);
  const r = rows[0];
  return {
    lines: Number(r?.n ?? 0),
    received: big(r?.received),
    issued: big(r?.issued),
    receivedValue: big(r?.received_value),
    issuedValue: big(r?.issued_value),
  };
}

interface PageRow {
  record_id: number;
  date: string;
  number: number;
  template_id: number;
  internal_document: string;
  line_no: number;
  item_id: number;
  quantity: bigint;
  amount: bigint;
}

/**
 * Calls `onPage` with the lines of one warehouse's records dated in
 * [from, to], in ledger order, `pageSize` lines at a time (awaited: the
 * caller may write the page out before the next is read).
 */
export async function readPeriodLines(
  db: Db,
  warehouseId: number,
  period: { from: string; to: string },
  onPage: (lines: PeriodLine[]) => Promise<void> | void,
  pageSize = 5_000,
): Promise<void> {
  let after: { date: string; number: number; lineNo: number } | undefined;
  for (;;) {
    const start = after
      ? sql`(r.date, r.number) >= (${after.date}, ${after.number}) and not (r.date = ${after.date} and r.number = ${after.number} and m.line_no <= ${after.lineNo})`
      : sql`r.date >= ${period.from}`;
    const { rows } = await sql<PageRow>`
      select r.id as record_id, r.date, r.number, r.template_id, r.internal_document, m.line_no, m.item_id, m.quantity, m.amount
      from records r join movements m on m.record_id = r.id
      where r.warehouse_id = ${warehouseId} and ${start} and r.date <= ${period.to} and r.origin <> ${CLOSING_ORIGIN}
      order by r.date, r.number, m.line_no
      limit ${sql.lit(pageSize)}`.execute(db);
    if (rows.length === 0) return;
    await onPage(
      rows.map((r) => ({
        recordId: Number(r.record_id),
        date: r.date,
        number: Number(r.number),
        templateId: Number(r.template_id),
        internalDocument: r.internal_document,
        lineNo: Number(r.line_no),
        itemId: Number(r.item_id),
        quantity: big(r.quantity),
        amount: big(r.amount),
      })),
    );
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { date: last.date, number: Number(last.number), lineNo: Number(last.line_no) };
  }
}

/**
 * Bulk import of records (CSV): everything validated, then written in one
 * transaction through the posting engine, or nothing at all. Row problems
 * name the CSV line (the header is line 1).
 */
import type { Ctx } from '../core/context.ts';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { fail, InventarError, type FieldProblem } from '../core/errors.ts';
import { Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { csvRowStream } from '../core/csv.ts';
import { phases } from '../core/profile.ts';
import { auditMany, type AuditEntry } from '../db/audit.ts';
import type { Db } from '../db/db.ts';
import { inTransaction } from '../db/transaction.ts';
import type { LineInput, PlannedRecord, RecordInput } from './plan.ts';
import { DEFER_INDEXES_FROM, PostingSession, type WrittenRecord } from './posting.ts';
import { planRecords } from './records.ts';
import { MasterDataResolver } from '../masterdata/lookup.ts';

const HEADER_FIELDS = ['warehouse', 'template', 'date', 'internalDocument', 'internalDocumentDate', 'referenceDocument', 'account', 'jobOrder', 'notes'] as const;

/**
 * CSV rows become records: by the `record` column when present, otherwise
 * consecutive rows with the same header fields form one record. Serials are
 * separated by "|". Rows arrive one at a time; `take` hands over the records
 * grouped so far as one import part.
 */
class RecordGrouper {
  private inputs: RecordInput[] = [];
  /** CSV line number of each line of each record */
  private rowOf: number[][] = [];
  private lastKey: string | undefined;
  /** `record` column → index of its record in the current part */
  private byRecordColumn = new Map<string, number>();
  /** `record` values of parts already handed over */
  private readonly taken = new Set<string>();
  lines = 0;

  /** Whether `row` starts a record (so a part may end before it). */
  startsRecord(row: Record<string, string>): boolean {
    if (row.record) return !this.byRecordColumn.has(row.record);
    return this.headerKey(row) !== this.lastKey;
  }

  add(row: Record<string, string>, csvLine: number): void {
    const headerKey = this.headerKey(row);
    let index: number | undefined;
    if (row.record) index = this.byRecordColumn.get(row.record);
    else if (headerKey === this.lastKey) index = this.inputs.length - 1;
    if (index === undefined) {
      if (row.record && this.taken.has(row.record)) {
        const params = { record: row.record };
        fail('INV_ERR_RECORD_ROWS_APART', params, [{ path: `/rows/${csvLine}/record`, code: 'INV_ERR_RECORD_ROWS_APART', params }]);
      }
      const header = Object.fromEntries(HEADER_FIELDS.filter((f) => row[f]).map((f) => [f, row[f]])) as unknown as RecordInput;
      index = this.inputs.push({ ...header, warehouse: row.warehouse ?? '', template: row.template ?? '', date: row.date ?? '', lines: [] }) - 1;
      this.rowOf.push([]);
      if (row.record) this.byRecordColumn.set(row.record, index);
    }
    this.lastKey = row.record ? undefined : headerKey;
    const line: LineInput = { item: row.item ?? '', quantity: row.quantity ?? '' };
    if (row.variant) line.variant = row.variant;
    if (row.unitCost) line.unitCost = row.unitCost;
    if (row.amount) line.amount = row.amount;
    if (row.location) line.location = row.location;
    if (row.lot) line.lot = row.lot;
    if (row.serials) line.serials = row.serials.split('|');
    if (row.lineJobOrder) line.jobOrder = row.lineJobOrder;
    if (row.lineAccount) line.account = row.lineAccount;
    if (row.lineNotes) line.notes = row.lineNotes;
    if (row.altUom) line.altUom = row.altUom;
    if (row.altQuantity) line.altQuantity = row.altQuantity;
    this.inputs[index].lines.push(line);
    this.rowOf[index].push(csvLine);
    this.lines++;
  }

  take(): ImportChunk {
    const part = { inputs: this.inputs, rowOf: this.rowOf };
    for (const r of this.byRecordColumn.keys()) this.taken.add(r);
    this.inputs = [];
    this.rowOf = [];
    this.byRecordColumn = new Map();
    this.lines = 0;
    return part;
  }

  private headerKey(row: Record<string, string>): string {
    return HEADER_FIELDS.map((f) => row[f] ?? '').join('\u0001');
  }
}

/** Lines per part of a streamed CSV import: memory follows the part, not the file. */
const CSV_PART_LINES = 50_000;

/**
 * CSV rows as they are read, grouped into import parts of about
 * CSV_PART_LINES lines, cut only between records. A `record` whose rows
 * come back after its part was handed over is a problem (the file is not
 * held in memory to find them).
 */
export async function* csvImportParts(rows: AsyncIterable<Record<string, string>>, partLines = CSV_PART_LINES): AsyncGenerator<ImportChunk> {
  const grouper = new RecordGrouper();
  let csvLine = 1;
  for await (const row of rows) {
    csvLine++;
    if (grouper.lines >= partLines && grouper.startsRecord(row)) yield grouper.take();
    grouper.add(row, csvLine);
  }
  if (csvLine === 1) fail('INV_ERR_BAD_CSV');
  yield grouper.take();
}

/** Rewrites /records/i/lines/j/field paths as /rows/<csv line>/field. */
function toRowPaths(problems: FieldProblem[], rowOf: number[][]): FieldProblem[] {
  return problems.map((p) => {
    const m = /^\/records\/(\d+)(?:\/lines\/(\d+))?(\/.*)?$/.exec(p.path);
    if (!m) return p;
    const rows = rowOf[Number(m[1])];
    const row = m[2] !== undefined ? rows[Number(m[2])] : rows[0];
    return { ...p, path: `/rows/${row}${m[3] ?? ''}` };
  });
}

export interface ImportResult {
  records: number;
  lines: number;
  recordIds: number[];
}

/** Records of a bulk import, a part at a time; `rowOf` names each line's CSV line. */
export interface ImportChunk {
  inputs: RecordInput[];
  rowOf?: number[][];
}

export interface ImportOptions {
  /** lines after which SQLite may set the movements indexes aside (see PostingSession); tests lower it */
  deferIndexesFrom?: number;
  /** called after each part is written, with the totals so far (progress of a long import) */
  onPart?: (done: { records: number; lines: number }) => void;
}

/** Planning stops reading further parts once this many problems are listed. */
const MAX_PROBLEMS = 1000;

/**
 * The bulk path (CSV imports, the demo, benchmarks): records streamed in
 * parts, all of them validated, written in one transaction, or nothing at
 * all. Each part is planned and written as it arrives, so memory follows the
 * part, not the file. Problems from every part are listed together (up to
 * MAX_PROBLEMS); the stock check runs once at the end over every key the
 * import lowered.
 */
export async function importRecordStream(
  ctx: Ctx,
  chunks: Iterable<ImportChunk> | AsyncIterable<ImportChunk>,
  options: ImportOptions = {},
): Promise<ImportResult> {
  requirePermission(ctx.actor, 'post');
  // every reference is resolved in the import's own transaction: a bulk write (db/transaction.ts)
  return inTransaction(ctx.store, (trx) => importInTransaction(trx, ctx, chunks, options), 'bulkWrite');
}

async function importInTransaction(
  trx: Db,
  ctx: Ctx,
  chunks: Iterable<ImportChunk> | AsyncIterable<ImportChunk>,
  options: ImportOptions,
): Promise<ImportResult> {
  const phase = phases('import');
  const resolver = new MasterDataResolver(trx);
  await resolver.preload();
  const session = new PostingSession(trx, ctx.store, ctx.actor, { deferIndexes: options.deferIndexesFrom ?? DEFER_INDEXES_FROM });
  const problems = new Problems();
  const recordIds: number[] = [];
  const warehouseCodes = new Map((await trx.selectFrom('warehouses').select(['id', 'code']).execute()).map((w) => [w.id, w.code]));
  let records = 0;
  let lines = 0;
  let auditMs = 0;
  for await (const chunk of chunks) {
    const offset = records;
    records += chunk.inputs.length;
    let planned: PlannedRecord[];
    try {
      planned = await planRecords(trx, chunk.inputs, 'import', { resolver, pathOf: chunk.rowOf ? (i) => `/records/${i}` : (i) => `/records/${offset + i}` });
    } catch (e) {
      if (!(e instanceof InventarError) || !e.problems.length) throw e;
      for (const p of chunk.rowOf ? toRowPaths(e.problems, chunk.rowOf) : e.problems) problems.add(p);
      if (problems.list.length >= MAX_PROBLEMS) break;
      continue;
    }
    // after a problem the transaction is lost anyway: only validate what follows
    if (!problems.empty) continue;
    const written = await session.write(planned);
    for (const w of written) {
      recordIds.push(w.id);
      lines += w.planned.lines.length;
    }
    const auditStart = performance.now();
    await auditMany(trx, ctx.store, ctx.actor, written.map((w) => importAudit(w, warehouseCodes)));
    auditMs += performance.now() - auditStart;
    options.onPart?.({ records: recordIds.length, lines });
  }
  problems.throwIfAny();
  phase(`${records} records planned, written and audited (audit rows ${auditMs.toFixed(0)} ms of it)`);
  await session.finish();
  return { records: recordIds.length, lines, recordIds };
}

/**
 * The audit row of one record an import wrote, a transfer's mirror included:
 * its header and line count, as inventory postings audit theirs (the lines are
 * the ledger's; an edit later audits the whole record before and after).
 */
function importAudit(w: WrittenRecord, warehouseCodes: Map<number, string>): AuditEntry {
  const after: Record<string, unknown> = {
    id: w.id,
    warehouse: warehouseCodes.get(w.planned.warehouseId) ?? w.planned.warehouseId,
    template: w.planned.template.code,
    date: w.planned.date,
    number: w.number,
    origin: w.planned.origin,
    lines: w.planned.lines.length,
  };
  if (w.mirrorOf !== null) after.mirrorOf = w.mirrorOf;
  return { entity: 'record', entityKey: w.id, action: 'create', before: null, after };
}

/** Imports records already grouped, as one part. */
export async function importRecords(ctx: Ctx, inputs: RecordInput[]): Promise<ImportResult> {
  return importRecordStream(ctx, [{ inputs }]);
}

/** Imports records from CSV text (an HTTP body), the same streamed way as a file. */
export async function importRecordsCsv(ctx: Ctx, text: string): Promise<ImportResult> {
  return importRecordStream(ctx, csvImportParts(csvRowStream(Readable.from([text]))));
}

/** Imports a CSV file of any size, streamed (the CLI). */
export async function importRecordsCsvFile(ctx: Ctx, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  return importRecordStream(ctx, csvImportParts(csvRowStream(fs.createReadStream(file))), options);
}

/**
 * Bulk import of records (CSV): everything validated, then written in one
 * transaction through the posting engine, or nothing at all. Row problems
 * name the CSV line (the header is line 1).
 */
import type { Ctx } from '../core/context.ts';
import { InventarError, type FieldProblem } from '../core/errors.ts';
import { requirePermission } from '../core/roles.ts';
import { parseCsv } from '../core/csv.ts';
import { audit } from '../db/audit.ts';
import type { LineInput, RecordInput } from './plan.ts';
import { writeRecords } from './posting.ts';
import { planRecords } from './records.ts';

const HEADER_FIELDS = ['warehouse', 'template', 'date', 'internalDocument', 'internalDocumentDate', 'referenceDocument', 'account', 'jobOrder', 'notes'] as const;

export const RECORD_CSV_COLUMNS = [
  'record',
  ...HEADER_FIELDS,
  'item',
  'variant',
  'quantity',
  'unitCost',
  'amount',
  'location',
  'lot',
  'serials',
  'lineJobOrder',
  'lineAccount',
  'lineNotes',
] as const;

interface Grouped {
  inputs: RecordInput[];
  /** CSV line number of each line of each record */
  rowOf: number[][];
}

/**
 * Rows become records: by the `record` column when present, otherwise
 * consecutive rows with the same header fields form one record. Serials are
 * separated by "|".
 */
export function groupRows(rows: Record<string, string>[]): Grouped {
  const inputs: RecordInput[] = [];
  const rowOf: number[][] = [];
  let lastKey: string | undefined;
  const byRecordColumn = new Map<string, number>();
  rows.forEach((row, i) => {
    const csvLine = i + 2;
    const headerKey = HEADER_FIELDS.map((f) => row[f] ?? '').join('\u0001');
    let index: number | undefined;
    if (row.record) index = byRecordColumn.get(row.record);
    else if (headerKey === lastKey) index = inputs.length - 1;
    if (index === undefined) {
      const header = Object.fromEntries(HEADER_FIELDS.filter((f) => row[f]).map((f) => [f, row[f]])) as unknown as RecordInput;
      index = inputs.push({ ...header, warehouse: row.warehouse ?? '', template: row.template ?? '', date: row.date ?? '', lines: [] }) - 1;
      rowOf.push([]);
      if (row.record) byRecordColumn.set(row.record, index);
    }
    lastKey = row.record ? undefined : headerKey;
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
    inputs[index].lines.push(line);
    rowOf[index].push(csvLine);
  });
  return { inputs, rowOf };
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

/** Imports records already grouped (the bulk path the CSV import and benchmarks share). */
export async function importRecords(ctx: Ctx, inputs: RecordInput[], rowOf?: number[][]): Promise<ImportResult> {
  requirePermission(ctx.actor, 'post');
  try {
    return await ctx.store.db.transaction().execute(async (trx) => {
      const planned = await planRecords(trx, inputs, 'import', { preload: true, pathOf: (i) => `/records/${i}` });
      const written = await writeRecords(trx, ctx.store, ctx.actor, planned);
      const result = {
        records: written.length,
        lines: written.reduce((n, w) => n + w.planned.lines.length, 0),
        recordIds: written.map((w) => w.id),
      };
      await audit(trx, ctx.actor, 'record', 'import', 'import', null, { records: result.records, lines: result.lines });
      return result;
    });
  } catch (e) {
    if (e instanceof InventarError && rowOf && e.problems.length) throw new InventarError(e.code, e.params, toRowPaths(e.problems, rowOf));
    throw e;
  }
}

export async function importRecordsCsv(ctx: Ctx, text: string): Promise<ImportResult> {
  requirePermission(ctx.actor, 'post');
  const rows = parseCsv(text);
  const { inputs, rowOf } = groupRows(rows);
  return importRecords(ctx, inputs, rowOf);
}

/**
 * The table of a report as its exports write it (SPEC §14): typed cells, so
 * each output shows them as its reader expects.
 *
 * - PDF: numbers grouped in the language (`1.355,000` / `1,355.000`), dates
 *   `31.12.2026` / ISO (the locale layer, src/core/locale.ts).
 * - CSV: the style's separator, decimal comma in `ro`, no thousands grouping
 *   (a spreadsheet must read the cell as a number), dates dd.mm.yyyy in `ro`;
 *   every cell through stringifyCsv (formula cells neutralised).
 * - XLSX: src/reports/xlsx.ts.
 */
import { csvDelimiter, stringifyCsv, type CsvStyle } from '../core/csv.ts';
import { formatDate, formatDecimal, type Locale } from '../core/locale.ts';

/** How a decimal cell is formatted: its kind's scale (quantity 3, unit cost 5, money 2). */
export type NumberKind = 'quantity' | 'unitCost' | 'money' | 'integer';

export type Cell = string | { kind: NumberKind; value: string } | { kind: 'date'; value: string };

export const quantityCell = (value: string): Cell => ({ kind: 'quantity', value });
export const unitCostCell = (value: string | null | undefined): Cell => (value === null || value === undefined || value === '' ? '' : { kind: 'unitCost', value });
export const moneyCell = (value: string): Cell => ({ kind: 'money', value });
export const integerCell = (value: number | string): Cell => ({ kind: 'integer', value: String(value) });
export const dateCell = (value: string): Cell => ({ kind: 'date', value });

export interface ExportTable {
  /** the worksheet's name */
  sheet: string;
  headers: string[];
  rows: Cell[][];
  /** rows after the table, in bold in a spreadsheet (a "Total" line) */
  totals?: Cell[][];
}

/** A cell as a person reads it in the language (PDFs, messages). */
export function cellText(cell: Cell, lang: Locale): string {
  if (typeof cell === 'string') return cell;
  if (cell.kind === 'date') return formatDate(cell.value, lang);
  return formatDecimal(cell.value, lang);
}

/** A cell as a CSV file of the style carries it: decimal comma in `ro`, no grouping; dd.mm.yyyy in `ro`. */
export function csvCellText(cell: Cell, style: CsvStyle): string {
  if (typeof cell === 'string') return cell;
  if (cell.kind === 'date') return formatDate(cell.value, style);
  return formatDecimal(cell.value, style, { grouping: false });
}

/** The CSV file of a table: a UTF-8 BOM, the header row, the rows, the totals; CRLF between records. */
export function tableCsv(table: ExportTable, style: CsvStyle): string {
  const records = [table.headers, ...table.rows.map((r) => r.map((c) => csvCellText(c, style))), ...(table.totals ?? []).map((r) => r.map((c) => csvCellText(c, style)))];
  return '\ufeff' + stringifyCsv(records, { delimiter: csvDelimiter(style), record_delimiter: '\r\n' });
}

/** The style of a CSV export: the `csvStyle` query parameter, else the request's language (API.md "Formats"). */
export const csvStyleOf = (lang: Locale, override?: CsvStyle): CsvStyle => override ?? lang;

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type ExportFormat = keyof typeof CONTENT_TYPES;

/** The OpenAPI response of a route that answers with files of these types. */
export function fileResponse(types: readonly string[]) {
  return {
    description: 'the report file',
    content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
  };
}

/**
 * CSV input: a header row names the columns; a malformed file is one 400.
 * CSV output: every export goes through stringifyCsv, which neutralises cells a
 * spreadsheet would read as a formula.
 */
import type { Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { stringify, type Options as StringifyOptions } from 'csv-stringify/sync';
import { fail } from './errors.ts';

const OPTIONS = { columns: true, skip_empty_lines: true, trim: true, bom: true } as const;

const badCsv = (e: unknown): never => fail('INV_ERR_BAD_CSV', {}, [{ path: '/', code: 'INV_ERR_BAD_CSV', params: { detail: (e as Error).message } }]);

export function parseCsv(text: string): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, OPTIONS) as Record<string, string>[];
  } catch (e) {
    return badCsv(e);
  }
  if (rows.length === 0) fail('INV_ERR_BAD_CSV');
  return rows;
}

/** The rows of a CSV stream as they are read (files too large to hold); a malformed file is one 400. */
export async function* csvRowStream(input: Readable): AsyncGenerator<Record<string, string>> {
  const rows = input.pipe(parseStream(OPTIONS));
  try {
    for await (const row of rows) yield row as Record<string, string>;
  } catch (e) {
    badCsv(e);
  } finally {
    input.destroy();
  }
}

/** A plain decimal number, signed or not ("-2.000", "+5", "44.00"): a spreadsheet reads it as a value, not a formula. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * Formula injection (OWASP "CSV Injection"): a cell that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return is prefixed with a single quote, so a
 * spreadsheet shows it as text instead of evaluating it. Signed plain numbers
 * (a negative difference, "-2.000") are left as they are.
 */
export function neutraliseCell(cell: string): string {
  if (cell === '') return cell;
  const first = cell[0];
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return `'${cell}`;
  if ((first === '+' || first === '-') && !PLAIN_NUMBER.test(cell)) return `'${cell}`;
  return cell;
}

/** The one CSV writer of the exports: every cell neutralised, then quoted as CSV needs. */
export function stringifyCsv(rows: readonly (readonly string[])[], options: StringifyOptions = {}): string {
  return stringify(
    rows.map((row) => row.map(neutraliseCell)),
    options,
  );
}

/**
 * CSV input: a header row names the columns; a malformed file is one 400.
 * CSV output: every export goes through stringifyCsv, which neutralises cells a
 * spreadsheet would read as a formula.
 */
import { Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { stringify, type Options as StringifyOptions } from 'csv-stringify/sync';
import { fail, InventarError, type FieldProblem } from './errors.ts';
import { parseDate, parseDecimal } from './locale.ts';

const OPTIONS = { columns: true, skip_empty_lines: true, trim: true, bom: true } as const;
const optionsFor = (style: CsvStyle) => ({ ...OPTIONS, delimiter: csvDelimiter(style) });

const badCsv = (e: unknown): never => fail('INV_ERR_BAD_CSV', {}, [{ path: '/', code: 'INV_ERR_BAD_CSV', params: { detail: (e as Error).message } }]);

/** The rows of a CSV file in either style (detected from the header line), keyed by the header's names. */
export function parseCsv(text: string, style: CsvStyle = detectCsvStyle(text)): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, optionsFor(style)) as Record<string, string>[];
  } catch (e) {
    return badCsv(e);
  }
  if (rows.length === 0) fail('INV_ERR_BAD_CSV');
  if (style === 'en') return rows;
  const problems: FieldProblem[] = [];
  const out = rows.map((row, i) => fromRomanian(row, i + 2, problems));
  if (problems.length) fail('INV_ERR_BAD_CSV', {}, problems.slice(0, 100));
  return out;
}

/** The import columns that carry decimals and dates (records, counts): read in the Romanian style in a `;` file. */
const DECIMAL_COLUMNS = new Set(['quantity', 'unitCost', 'amount', 'altQuantity']);
const DATE_COLUMNS = new Set(['date', 'internalDocumentDate', 'expiry']);

/**
 * A row of a `;` file as the API reads it: decimals with a comma (and,
 * optionally, dots between groups of three: `1.500` is 1500) as dot
 * decimals, dd.mm.yyyy dates as ISO. A number that could be read two ways
 * (`1.5`) is a problem of its row, never a guess. Other cells stay as typed.
 */
function fromRomanian(row: Record<string, string>, line: number, problems: FieldProblem[]): Record<string, string> {
  const out = { ...row };
  for (const [column, value] of Object.entries(row)) {
    if (!value) continue;
    if (DECIMAL_COLUMNS.has(column)) {
      const parsed = parseDecimal(value, 'ro');
      if (parsed === undefined) {
        // a plain word stays for the usual validation; a dotted number is ambiguous
        if (/^[+-]?[\d.,\s]+$/.test(value)) problems.push({ path: `/rows/${line}/${column}`, code: 'INV_ERR_LOCALE_NUMBER', params: { value } });
      } else out[column] = parsed;
    } else if (DATE_COLUMNS.has(column)) out[column] = parseDate(value, 'ro') ?? value;
  }
  return out;
}

/** The rows of a CSV stream as they are read (files too large to hold); a malformed file is one 400. */
export async function* csvRowStream(input: Readable): AsyncGenerator<Record<string, string>> {
  const chunks = input[Symbol.asyncIterator]();
  // the style from the header line: read until its end, then parse what was read and the rest
  let head = '';
  const first: (string | Buffer)[] = [];
  while (!head.includes('\n')) {
    const next = await chunks.next();
    if (next.done) break;
    first.push(next.value as string | Buffer);
    head += typeof next.value === 'string' ? next.value : (next.value as Buffer).toString('utf8');
  }
  const style = detectCsvStyle(head);
  const rest = (async function* () {
    yield* first;
    for (let n = await chunks.next(); !n.done; n = await chunks.next()) yield n.value as string | Buffer;
  })();
  const rows = Readable.from(rest).pipe(parseStream(optionsFor(style)));
  let line = 1;
  try {
    for await (const row of rows) {
      line++;
      if (style === 'en') {
        yield row as Record<string, string>;
        continue;
      }
      const problems: FieldProblem[] = [];
      const out = fromRomanian(row as Record<string, string>, line, problems);
      if (problems.length) fail('INV_ERR_BAD_CSV', {}, problems);
      yield out;
    }
  } catch (e) {
    if (e instanceof InventarError) throw e;
    badCsv(e);
  } finally {
    input.destroy();
  }
}

/**
 * A plain decimal number, signed or not ("-2.000", "+5", "44.00", Romanian
 * "-2,000"): a spreadsheet reads it as a value, not a formula.
 */
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?$/;

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

/**
 * The two CSV styles (SPEC §14): `ro` is what a Romanian spreadsheet opens
 * directly (UTF-8 with BOM, `;` between fields, decimal comma, dd.mm.yyyy),
 * `en` is `,` and dot (also with a BOM, so diacritics survive in Excel).
 */
export type CsvStyle = 'ro' | 'en';
export const CSV_STYLES = ['ro', 'en'] as const;

export const csvDelimiter = (style: CsvStyle): string => (style === 'ro' ? ';' : ',');

/** The style of a CSV file read from its header line: `;` between the fields is the Romanian style. */
export function detectCsvStyle(text: string): CsvStyle {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = text.indexOf('\n', start);
  const header = text.slice(start, end < 0 ? undefined : end);
  return countOutsideQuotes(header, ';') > countOutsideQuotes(header, ',') ? 'ro' : 'en';
}

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** CSV input: a header row names the columns; a malformed file is one 400. */
import type { Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
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

/** CSV input: a header row names the columns; a malformed file is one 400. */
import { parse } from 'csv-parse/sync';
import { fail } from './errors.ts';

export function parseCsv(text: string): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (e) {
    return fail('INV_ERR_BAD_CSV', {}, [{ path: '/', code: 'INV_ERR_BAD_CSV', params: { detail: (e as Error).message } }]);
  }
  if (rows.length === 0) fail('INV_ERR_BAD_CSV');
  return rows;
}

/**
 * XLSX of a report table (ExcelJS): a bold header row, numbers as numbers
 * with number formats (quantities `#,##0.000`, unit costs `#,##0.00000`,
 * money `#,##0.00`), dates as dates, the totals in bold. The spreadsheet
 * shows the separators of its own locale.
 *
 * Exactness: a spreadsheet cell is an IEEE double. A decimal with at most 15
 * significant digits converts to the nearest double and back to the same
 * decimal, so it is written as a number; a longer one (beyond what the
 * input limits normally allow) is written as text, never rounded silently.
 */
import ExcelJS from 'exceljs';
import type { Locale } from '../core/locale.ts';
import type { Cell, ExportTable, NumberKind } from './export-table.ts';

const FORMATS: Record<NumberKind, string> = {
  quantity: '#,##0.000',
  unitCost: '#,##0.00000',
  money: '#,##0.00',
  integer: '0',
};

const DATE_FORMATS: Record<Locale, string> = { ro: 'dd.mm.yyyy', en: 'yyyy-mm-dd' };

/** True when a decimal string survives the trip through a double: at most 15 significant digits. */
export function fitsDouble(value: string): boolean {
  const digits = value.replace(/^[+-]/, '').replace('.', '').replace(/^0+/, '');
  return digits.replace(/0+$/, '').length <= 15;
}

function put(target: ExcelJS.Cell, cell: Cell, lang: Locale): void {
  if (typeof cell === 'string') {
    target.value = cell;
    return;
  }
  if (cell.kind === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell.value);
    if (!m) {
      target.value = cell.value;
      return;
    }
    target.value = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    target.numFmt = DATE_FORMATS[lang];
    return;
  }
  if (!/^[+-]?\d+(\.\d+)?$/.test(cell.value) || !fitsDouble(cell.value)) {
    target.value = cell.value;
    target.alignment = { horizontal: 'right' };
    return;
  }
  target.value = Number(cell.value);
  target.numFmt = FORMATS[cell.kind];
}

/** The workbook of one table, as a file in memory. */
export async function tableXlsx(table: ExportTable, lang: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Inventar';
  // sheet names: at most 31 characters, none of : \ / ? * [ ]
  const sheet = workbook.addWorksheet(table.sheet.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(table.headers);
  header.font = { bold: true };
  for (const row of table.rows) {
    const r = sheet.addRow([]);
    row.forEach((cell, i) => put(r.getCell(i + 1), cell, lang));
  }
  for (const row of table.totals ?? []) {
    const r = sheet.addRow([]);
    row.forEach((cell, i) => put(r.getCell(i + 1), cell, lang));
    r.font = { bold: true };
  }
  table.headers.forEach((h, i) => {
    sheet.getColumn(i + 1).width = Math.min(40, Math.max(10, h.length + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

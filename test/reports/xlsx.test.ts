/**
 * The XLSX writer (src/reports/xlsx.ts) read back with ExcelJS: numbers with
 * at most 15 significant digits are number cells (exact as doubles), longer
 * ones stay text; dates are dates; the header and totals are bold.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dateCell, moneyCell, quantityCell, type ExportTable } from '../../src/reports/export-table.ts';
import { fitsDouble, tableXlsx } from '../../src/reports/xlsx.ts';

describe('tableXlsx', () => {
  it('writes exact numbers as numbers, longer ones as text, dates as dates', async () => {
    const table: ExportTable = {
      sheet: 'Raport: test/1',
      headers: ['Articol', 'Cantitate', 'Valoare', 'Data'],
      rows: [
        ['A', quantityCell('1355.000'), moneyCell('9999999999.99'), dateCell('2026-12-31')],
        ['B', quantityCell('-0.001'), moneyCell('12345678901234567.89'), ''],
      ],
      totals: [['Total', quantityCell('1354.999'), moneyCell('1234567890123.45'), '']],
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableXlsx(table, 'ro')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Raport  test 1');
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getCell('B2').value).toBe(1355);
    expect(ws.getCell('B2').numFmt).toBe('#,##0.000');
    expect(ws.getCell('C2').value).toBe(9999999999.99);
    expect(ws.getCell('C2').numFmt).toBe('#,##0.00');
    expect((ws.getCell('D2').value as Date).toISOString()).toBe('2026-12-31T00:00:00.000Z');
    expect(ws.getCell('D2').numFmt).toBe('dd.mm.yyyy');
    expect(ws.getCell('B3').value).toBe(-0.001);
    // 19 significant digits: a double would round it, so it stays text
    expect(ws.getCell('C3').value).toBe('12345678901234567.89');
    expect(ws.getCell('C4').value).toBe(1234567890123.45);
    expect(ws.getCell('A4').font?.bold).toBe(true);
  });

  it('fitsDouble counts significant digits', () => {
    expect(fitsDouble('999999999999999')).toBe(true);
    expect(fitsDouble('9999999999999999')).toBe(false);
    expect(fitsDouble('0.000123456789012345')).toBe(true);
    expect(fitsDouble('-1234567890.12345')).toBe(true);
    expect(fitsDouble('1234567890.123456')).toBe(false);
    expect(fitsDouble('100000000000000000000.000')).toBe(true);
  });
});

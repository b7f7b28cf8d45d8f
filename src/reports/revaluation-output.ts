/** The re-valuation's changes as CSV (SPEC §9, §14), written in pieces: the header, then rows one batch at a time. */
import { csvDelimiter, stringifyCsv, type CsvStyle } from '../core/csv.ts';
import { Money, Quantity, UnitCost } from '../core/decimal.ts';
import type { Language } from '../core/i18n.ts';
import type { RevaluationChange } from '../accounting/revaluation.ts';
import { csvCellText, dateCell, moneyCell, quantityCell, unitCostCell } from './export-table.ts';

const HEADERS: Record<Language, string[]> = {
  ro: ['Înregistrare', 'Linie', 'Data', 'Gestiune', 'Articol', 'Cantitate', 'Cost unitar vechi', 'Cost unitar nou', 'Valoare veche', 'Valoare nouă', 'Intrare transfer'],
  en: ['Record', 'Line', 'Date', 'Warehouse', 'Item', 'Quantity', 'Old unit cost', 'New unit cost', 'Old amount', 'New amount', 'Transfer load'],
};
const YES: Record<Language, [string, string]> = { ro: ['da', ''], en: ['yes', ''] };

const options = (style: CsvStyle) => ({ delimiter: csvDelimiter(style), record_delimiter: '\r\n' });

/** The BOM and the header line. */
export function revaluationCsvHeader(lang: Language, style: CsvStyle): string {
  return '\ufeff' + stringifyCsv([HEADERS[lang]], options(style));
}

/** Rows of some changes. */
export function revaluationCsvRows(changes: readonly RevaluationChange[], style: CsvStyle, lang: Language = style): string {
  const rows = changes.map((c) => [
    String(c.recordId),
    String(c.lineNo),
    csvCellText(dateCell(c.date), style),
    c.warehouse,
    c.item,
    csvCellText(quantityCell(Quantity.format(c.quantity)), style),
    csvCellText(unitCostCell(UnitCost.format(c.oldUnitCost)), style),
    csvCellText(unitCostCell(UnitCost.format(c.newUnitCost)), style),
    csvCellText(moneyCell(Money.format(c.oldAmount)), style),
    csvCellText(moneyCell(Money.format(c.newAmount)), style),
    c.transferLoad ? YES[lang][0] : YES[lang][1],
  ]);
  return rows.length ? stringifyCsv(rows, options(style)) : '';
}

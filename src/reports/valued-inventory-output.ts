/**
 * The valued quantity inventory as CSV, XLSX and PDF, in Romanian or English
 * (SPEC §8). All show the same rows and totals as the JSON (the totals are
 * the sum of the rounded rows), each in its reader's format (SPEC §14:
 * src/reports/export-table.ts).
 */
import type { Language } from '../core/i18n.ts';
import { COST_METHOD_TABLE, type CostMethod } from '../valuation/index.ts';
import { renderPdf, type PdfColumn } from './pdf.ts';
import type { ValuedInventoryReport, ValuedInventoryRow } from '../valuation/valued-inventory.ts';
import type { CsvStyle } from '../core/csv.ts';
import { formatDate, formatDecimal } from '../core/locale.ts';
import { cellText, moneyCell, quantityCell, tableCsv, unitCostCell, type Cell, type ExportTable } from './export-table.ts';
import { tableXlsx } from './xlsx.ts';

type Column = keyof ValuedInventoryRow;

const LABELS: Record<Language, Record<string, string>> = {
  ro: {
    title: 'Inventar cantitativ valoric',
    date: 'Data',
    method: 'Metoda de evaluare',
    groupBy: 'Grupare',
    'groupBy.item': 'pe articol',
    'groupBy.warehouse': 'pe gestiune',
    closing: 'Ultima închidere',
    none: 'niciuna',
    historyDate: 'Data arhivei',
    valuePerWarehouse: 'Costuri pe gestiune',
    yes: 'da',
    filters: 'Filtre',
    warehouse: 'Gestiune',
    item: 'Articol',
    description: 'Descriere',
    uom: 'UM',
    variant: 'Variantă',
    location: 'Locație',
    lot: 'Lot',
    serial: 'Număr de serie',
    jobOrder: 'Comandă',
    account: 'Client/Furnizor',
    quantity: 'Cantitate',
    unitCost: 'Cost unitar',
    value: 'Valoare',
    total: 'Total',
    totalQuantity: 'Total cantitate',
    totalValue: 'Total valoare',
    rows: 'Rânduri',
    template: 'Șablon',
    itemFrom: 'De la articolul',
    itemTo: 'Până la articolul',
    itemType: 'Tip articol',
    fiscalCategory: 'Categorie fiscală',
    merchandiseCategory: 'Categorie de marfă',
  },
  en: {
    title: 'Valued quantity inventory',
    date: 'Date',
    method: 'Valuation method',
    groupBy: 'Grouped',
    'groupBy.item': 'by item',
    'groupBy.warehouse': 'by warehouse',
    closing: 'Last closing',
    none: 'none',
    historyDate: 'History date',
    valuePerWarehouse: 'Costs per warehouse',
    yes: 'yes',
    filters: 'Filters',
    warehouse: 'Warehouse',
    item: 'Item',
    description: 'Description',
    uom: 'UoM',
    variant: 'Variant',
    location: 'Location',
    lot: 'Lot',
    serial: 'Serial number',
    jobOrder: 'Job order',
    account: 'Account',
    quantity: 'Quantity',
    unitCost: 'Unit cost',
    value: 'Value',
    total: 'Total',
    totalQuantity: 'Total quantity',
    totalValue: 'Total value',
    rows: 'Rows',
    template: 'Template',
    itemFrom: 'From item',
    itemTo: 'To item',
    itemType: 'Item type',
    fiscalCategory: 'Fiscal category',
    merchandiseCategory: 'Merchandise category',
  },
};

/** The method labels: the cost method table's (SPEC §6). */
export const METHOD_NAMES: Record<CostMethod, Record<Language, string>> = Object.fromEntries(
  COST_METHOD_TABLE.map((m) => [m.id, m.label]),
) as Record<CostMethod, Record<Language, string>>;

const NUMERIC = new Set<string>(['quantity', 'unitCost', 'value']);

/** The columns of a report, in order. */
export function columnsOf(report: Pick<ValuedInventoryReport, 'groupBy' | 'detail'>): Column[] {
  return [
    ...(report.groupBy === 'warehouse' ? (['warehouse'] as Column[]) : []),
    'item',
    'description',
    'uom',
    ...(report.detail as Column[]),
    'quantity',
    'unitCost',
    'value',
  ];
}

function totalsRow(columns: Column[], report: ValuedInventoryReport, lang: Language): Cell[] {
  return columns.map((c, i) => (i === 0 ? LABELS[lang].total : c === 'quantity' ? quantityCell(report.totals.quantity) : c === 'value' ? moneyCell(report.totals.value) : ''));
}

const cellOf = (row: ValuedInventoryRow, c: Column): Cell => {
  const v = row[c];
  if (v === undefined || v === null) return '';
  if (c === 'quantity') return quantityCell(String(v));
  if (c === 'unitCost') return unitCostCell(String(v));
  if (c === 'value') return moneyCell(String(v));
  return String(v);
};

function table(report: ValuedInventoryReport, lang: Language): ExportTable {
  const columns = columnsOf(report);
  return {
    sheet: LABELS[lang].title,
    headers: columns.map((c) => LABELS[lang][c]),
    rows: report.rows.map((r) => columns.map((c) => cellOf(r, c))),
    totals: [totalsRow(columns, report, lang)],
  };
}

/** CSV: a header row in the language, one line per row, a last "Total" line; in the style (`ro`: `;`, decimal comma). */
export function valuedInventoryCsv(report: ValuedInventoryReport, lang: Language, style: CsvStyle = lang): string {
  return tableCsv(table(report, lang), style);
}

/** XLSX: the same table, numbers as numbers, the total line in bold. */
export function valuedInventoryXlsx(report: ValuedInventoryReport, lang: Language): Promise<Buffer> {
  return tableXlsx(table(report, lang), lang);
}

/** The parameters block under the title: label, value. */
function facts(report: ValuedInventoryReport, lang: Language): [string, string][] {
  const L = LABELS[lang];
  const out: [string, string][] = [
    [L.date, formatDate(report.date, lang)],
    [L.method, METHOD_NAMES[report.method][lang]],
    [L.groupBy, L[`groupBy.${report.groupBy}`]],
    [L.closing, report.closingDate ? formatDate(report.closingDate, lang) : L.none],
  ];
  if (report.historyDate) out.push([L.historyDate, formatDate(report.historyDate, lang)]);
  if (report.valuePerWarehouse) out.push([L.valuePerWarehouse, L.yes]);
  const filters = Object.entries(report.filters).map(([k, v]) => `${L[k] ?? k} ${v}`);
  if (filters.length) out.push([L.filters, filters.join(' · ')]);
  return out;
}

const WIDTH: Record<string, number> = { warehouse: 7, item: 9, description: 22, uom: 4, quantity: 9, unitCost: 9, value: 10 };

/** PDF (the shared report layout): title, parameters, the table, the totals. */
export function valuedInventoryPdf(report: ValuedInventoryReport, lang: Language): Promise<Buffer> {
  const L = LABELS[lang];
  const columns = columnsOf(report);
  const pdfColumns: PdfColumn[] = columns.map((c) => ({ header: L[c], width: WIDTH[c] ?? 8, align: NUMERIC.has(c) ? 'right' : 'left' }));
  return renderPdf({
    title: L.title,
    facts: facts(report, lang),
    columns: pdfColumns,
    rows: report.rows.map((r) => columns.map((c) => cellText(cellOf(r, c), lang))),
    totals: [
      [L.rows, formatDecimal(String(report.rows.length), lang)],
      [L.totalQuantity, formatDecimal(report.totals.quantity, lang)],
      [L.totalValue, formatDecimal(report.totals.value, lang)],
    ],
    lang,
    landscape: true,
  });
}

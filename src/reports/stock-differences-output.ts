/**
 * The stock difference report (SPEC §8): the §5 preview as PDF or CSV, with
 * Romanian or English headings, totals and the commission's signatures.
 */
import type { Ctx } from '../core/context.ts';
import type { Language } from '../core/i18n.ts';
import { previewDifferences } from '../inventory/stock-differences-preview.ts';
import type { DifferenceQuery, DifferencesView } from '../inventory/stock-differences.ts';
import type { ReportFile } from './count-sheet.ts';
import { renderPdf, type PdfColumn } from './pdf.ts';
import type { CsvStyle } from '../core/csv.ts';
import { formatDate, formatDecimal } from '../core/locale.ts';
import { cellText, CONTENT_TYPES, csvStyleOf, integerCell, moneyCell, quantityCell, tableCsv, unitCostCell, type Cell, type ExportFormat, type ExportTable } from './export-table.ts';
import { tableXlsx } from './xlsx.ts';

const WORDS = {
  ro: {
    title: 'Raport diferențe de inventar',
    inventory: 'Inventarul nr.',
    inventoryDate: 'Data inventarului',
    processingDate: 'Data procesării',
    stockDate: 'Stoc scriptic la data',
    zero: 'Articolele nenumărate sunt considerate zero',
    yes: 'da',
    no: 'nu',
    columns: [
      'Gestiune', 'Articol', 'Descriere', 'U.M.', 'Variantă', 'Lot', 'Serie', 'Locație', 'Comandă', 'Client/Furnizor',
      'Faptic', 'Scriptic', 'Diferență', 'Șablon', 'Cost unitar', 'Valoare', 'Mișcat',
      'Peste toleranță', 'Numărători', 'Motiv', 'Decizie',
    ],
    decisions: { approve: 'aprobat', recount: 'renumărare' },
    yearlyColumns: [
      'Compensat', 'Valoare compensată', 'Perisabilitate', 'Valoare perisabilitate', 'Imputabil', 'Valoare imputabilă', 'Diferență înregistrată', 'Valoare diferență înregistrată',
    ],
    compensatedValueDifference: 'Diferență de valoare din compensare',
    allowedLossValue: 'Total perisabilități (valoare)',
    imputableValue: 'Total imputabil (valoare)',
    surplus: 'Total plusuri (încărcări)',
    shortage: 'Total minusuri (descărcări)',
    net: 'Diferență netă',
    rows: 'Chei',
    moved: '„da” în coloana Mișcat: stocul scriptic s-a modificat după numărare (mișcări în timpul inventarierii)',
    commission: 'Comisia de inventariere — președinte',
    member: 'Membru comisie',
    manager: 'Gestionar',
  },
  en: {
    title: 'Stock difference report',
    inventory: 'Inventory no.',
    inventoryDate: 'Inventory date',
    processingDate: 'Processing date',
    stockDate: 'Book stock as of',
    zero: 'Uncounted keys treated as zero',
    yes: 'yes',
    no: 'no',
    columns: [
      'Warehouse', 'Item', 'Description', 'UoM', 'Variant', 'Lot', 'Serial', 'Location', 'Job order', 'Account',
      'Counted', 'Book', 'Difference', 'Template', 'Unit cost', 'Value', 'Moved',
      'Over tolerance', 'Counts', 'Reason', 'Decision',
    ],
    decisions: { approve: 'approve', recount: 'recount' },
    yearlyColumns: [
      'Compensated', 'Compensated value', 'Allowed loss', 'Allowed loss value', 'Imputable', 'Imputable value', 'Posted difference', 'Posted difference value',
    ],
    compensatedValueDifference: 'Compensation value difference',
    allowedLossValue: 'Total allowed loss (value)',
    imputableValue: 'Total imputable (value)',
    surplus: 'Total surpluses (loads)',
    shortage: 'Total shortages (unloads)',
    net: 'Net difference',
    rows: 'Keys',
    moved: '"yes" in the Moved column: the book stock changed after the count (goods moved during the count)',
    commission: 'Inventory commission — chair',
    member: 'Commission member',
    manager: 'Warehouse keeper',
  },
} as const satisfies Record<Language, unknown>;

/** SPEC §12 (issue 18 point 4): the yearly columns, only when the preview has yearly data (its groups) */
const hasYearly = (v: DifferencesView) => v.groups !== undefined;

function headers(v: DifferencesView, lang: Language): string[] {
  const w = WORDS[lang];
  return hasYearly(v) ? [...w.columns, ...w.yearlyColumns] : [...w.columns];
}

function cells(v: DifferencesView, lang: Language): Cell[][] {
  const w = WORDS[lang];
  const yearly = hasYearly(v);
  return v.rows.map((r) => [
    r.warehouse, r.item, r.description, r.uom, r.variant, r.lot, r.serial, r.location, r.jobOrder, r.account,
    quantityCell(r.counted), quantityCell(r.book), quantityCell(r.difference), r.template ?? '', unitCostCell(r.unitCost), moneyCell(r.value), r.movedDuringCount ? w.yes : '',
    // SPEC §11: every count of the key (first count, recounts), the reason and the approver's decision
    r.overTolerance ? w.yes : '', r.counts.length > 1 ? r.counts.map((c) => `${c.employee} ${formatDecimal(c.quantity, lang)}`).join('; ') : '', r.reason ?? '', r.decision ? w.decisions[r.decision] : '',
    ...(yearly
      ? [
          quantityCell(r.compensated), moneyCell(r.compensatedValue), quantityCell(r.allowedLoss), moneyCell(r.allowedLossValue),
          quantityCell(r.imputable), moneyCell(r.imputableValue), quantityCell(r.postedDifference), moneyCell(r.postedDifferenceValue),
        ]
      : []),
  ]);
}

/** the yearly totals (label, value), when the preview has yearly data */
function yearlyTotals(v: DifferencesView, lang: Language): [string, string][] {
  const w = WORDS[lang];
  const t = v.totals;
  if (!hasYearly(v) || t.imputableValue === undefined) return [];
  return [
    [w.compensatedValueDifference, t.compensatedValueDifference ?? '0.00'],
    [w.allowedLossValue, t.allowedLossValue ?? '0.00'],
    [w.imputableValue, t.imputableValue],
  ];
}

/** The report as a table (CSV, XLSX): the rows, then the totals in the Value column. */
function table(v: DifferencesView, lang: Language): ExportTable {
  const w = WORDS[lang];
  const valueAt = 15; // the Value column
  const columns = headers(v, lang);
  const total = (label: string, value: Cell): Cell[] => columns.map((_, i) => (i === 0 ? label : i === valueAt ? value : ''));
  return {
    sheet: w.title,
    headers: columns,
    rows: cells(v, lang),
    totals: [
      total(w.surplus, moneyCell(v.totals.surplusValue)), total(w.shortage, moneyCell(v.totals.shortageValue)), total(w.net, moneyCell(v.totals.netValue)), total(w.rows, integerCell(v.totals.rows)),
      ...yearlyTotals(v, lang).map(([label, value]) => total(label, moneyCell(value))),
    ],
  };
}

export function differenceCsv(v: DifferencesView, lang: Language, style: CsvStyle = lang): string {
  return tableCsv(table(v, lang), style);
}

export function differenceXlsx(v: DifferencesView, lang: Language): Promise<Buffer> {
  return tableXlsx(table(v, lang), lang);
}

export function differencePdf(v: DifferencesView, lang: Language): Promise<Buffer> {
  const w = WORDS[lang];
  const widths = [5, 5, 7, 3, 3, 3, 3, 4, 3, 3, 8, 8, 7, 5, 8, 8, 5, 4, 8, 4, 6, 7, 7, 7, 7, 7, 7, 7, 7];
  const right = new Set([10, 11, 12, 14, 15, 21, 22, 23, 24, 25, 26, 27, 28]);
  const columns: PdfColumn[] = headers(v, lang).map((header, i) => ({ header, width: widths[i], align: right.has(i) ? 'right' : i === 16 || i === 17 ? 'center' : 'left' }));
  return renderPdf({
    lang,
    landscape: true,
    title: w.title,
    facts: [
      [w.inventory, `${v.inventory} (${w.inventoryDate} ${formatDate(v.inventoryDate, lang)})`],
      [w.processingDate, formatDate(v.processingDate, lang)],
      [w.stockDate, formatDate(v.stockDate, lang)],
      [w.zero, v.zeroUncounted ? w.yes : w.no],
    ],
    columns,
    rows: cells(v, lang).map((r) => r.map((c) => cellText(c, lang))),
    totals: [
      [w.surplus, formatDecimal(v.totals.surplusValue, lang)],
      [w.shortage, formatDecimal(v.totals.shortageValue, lang)],
      [w.net, formatDecimal(v.totals.netValue, lang)],
      [w.rows, String(v.totals.rows)],
      ...yearlyTotals(v, lang).map(([label, value]): [string, string] => [label, formatDecimal(value, lang)]),
    ],
    note: v.totals.movedDuringCount > 0 ? w.moved : undefined,
    signatures: [{ caption: w.commission }, { caption: w.member }, { caption: w.member }, { caption: w.manager }],
  });
}

/** GET /api/inventories/{id}/differences/report?format=pdf|csv|xlsx&csvStyle=ro|en (same query as the preview) */
export async function differenceReport(ctx: Ctx, inventoryId: number, q: DifferenceQuery, format: ExportFormat, csvStyle?: CsvStyle): Promise<ReportFile> {
  const v = await previewDifferences(ctx, inventoryId, q);
  const name = `stock-differences-${v.inventory.replace('/', '-')}`;
  const body = format === 'csv' ? differenceCsv(v, ctx.lang, csvStyleOf(ctx.lang, csvStyle)) : format === 'xlsx' ? await differenceXlsx(v, ctx.lang) : await differencePdf(v, ctx.lang);
  return { contentType: CONTENT_TYPES[format], filename: `${name}.${format}`, body };
}

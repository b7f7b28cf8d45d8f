/**
 * The journal (CSV) and the stock reconciliation (CSV, XLSX, PDF) as files,
 * in Romanian or English (SPEC §9, §14): the shared typed table
 * (export-table.ts), each output in its reader's format.
 */
import type { CsvStyle } from '../core/csv.ts';
import type { Language } from '../core/i18n.ts';
import { formatDate } from '../core/locale.ts';
import type { Ctx } from '../core/context.ts';
import type { StockReconciliation, ValuedStockAt } from '../accounting/stock-reconciliation.ts';
import { valuedInventory } from '../valuation/valued-inventory.ts';
import type { JournalPage } from '../ledger/journal.ts';
import { cellText, dateCell, integerCell, moneyCell, tableCsv, type ExportTable } from './export-table.ts';
import { renderPdf } from './pdf.ts';
import { tableXlsx } from './xlsx.ts';

const LABELS = {
  ro: {
    journal: 'Jurnal contabil',
    entry: 'Notă',
    record: 'Înregistrare',
    date: 'Data',
    debit: 'Debit',
    credit: 'Credit',
    amount: 'Suma',
    account: 'Cont',
    balance: 'Sold',
    total: 'Total',
    reconciliation: 'Reconciliere stocuri',
    journalBalance: 'Sold contabil',
    inventoryValue: 'Valoare inventar',
    difference: 'Diferență',
    closing: 'Ultima închidere',
    none: 'niciuna',
  },
  en: {
    journal: 'Journal',
    entry: 'Entry',
    record: 'Record',
    date: 'Date',
    debit: 'Debit',
    credit: 'Credit',
    amount: 'Amount',
    account: 'Account',
    balance: 'Balance',
    total: 'Total',
    reconciliation: 'Stock reconciliation',
    journalBalance: 'Journal balance',
    inventoryValue: 'Inventory value',
    difference: 'Difference',
    closing: 'Last closing',
    none: 'none',
  },
} as const satisfies Record<Language, Record<string, string>>;

/** The journal's lines as CSV: one line per entry line, in the style. */
export function journalCsv(page: JournalPage, lang: Language, style: CsvStyle = lang): string {
  const L = LABELS[lang];
  const table: ExportTable = {
    sheet: L.journal,
    headers: [L.entry, L.record, L.date, L.debit, L.credit, L.amount],
    rows: page.items.map((l) => [integerCell(l.entryId), integerCell(l.recordId), dateCell(l.date), l.debitAccount, l.creditAccount, moneyCell(l.amount)]),
  };
  return tableCsv(table, style);
}

function reconciliationTable(r: StockReconciliation, lang: Language): ExportTable {
  const L = LABELS[lang];
  return {
    sheet: L.reconciliation,
    headers: [L.account, L.journalBalance, L.inventoryValue, L.difference],
    rows: r.rows.map((row) => [row.account, moneyCell(row.journalBalance), moneyCell(row.inventoryValue), moneyCell(row.difference)]),
    totals: [[L.total, moneyCell(r.totals.journalBalance), moneyCell(r.totals.inventoryValue), moneyCell(r.totals.difference)]],
  };
}

export const reconciliationCsv = (r: StockReconciliation, lang: Language, style: CsvStyle = lang): string => tableCsv(reconciliationTable(r, lang), style);

export const reconciliationXlsx = (r: StockReconciliation, lang: Language): Promise<Buffer> => tableXlsx(reconciliationTable(r, lang), lang);

export function reconciliationPdf(r: StockReconciliation, lang: Language): Promise<Buffer> {
  const L = LABELS[lang];
  const table = reconciliationTable(r, lang);
  return renderPdf({
    title: L.reconciliation,
    facts: [
      [L.date, formatDate(r.date, lang)],
      [L.closing, r.closingDate ? formatDate(r.closingDate, lang) : L.none],
    ],
    columns: [
      { header: L.account, width: 10 },
      { header: L.journalBalance, width: 12, align: 'right' },
      { header: L.inventoryValue, width: 12, align: 'right' },
      { header: L.difference, width: 12, align: 'right' },
    ],
    rows: table.rows.map((row) => row.map((c) => cellText(c, lang))),
    totals: [
      [L.journalBalance, cellText(moneyCell(r.totals.journalBalance), lang)],
      [L.inventoryValue, cellText(moneyCell(r.totals.inventoryValue), lang)],
      [L.difference, cellText(moneyCell(r.totals.difference), lang)],
    ],
    lang,
  });
}

/**
 * The valued inventory the reconciliation compares with: at the date, each
 * warehouse by its own method (its management area's), a row per item. Per
 * item, not per item and warehouse: with costs kept per item, a row per
 * warehouse values each warehouse's part at round(Q × unit cost, 2), and the
 * parts need not add up to the cost scope's value (fifo 1 @ 10.00 + 1 @ 10.01
 * over two warehouses: 10.01 + 10.01 = 20.02, the layers 20.01), while the
 * stock account holds the scope's value. A row per item values each cost
 * scope (and method) as a whole.
 */
export const valuedStockByWarehouseMethod: ValuedStockAt = async (ctx: Ctx, at: string) =>
  (await valuedInventory(ctx, { date: at, method: 'management-area', groupBy: 'item' })).rows;

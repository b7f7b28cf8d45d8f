/**
 * The registrul-inventar of a year (SPEC §12; PDF, CSV, XLSX): one row per
 * stock account and warehouse (the warehouse's last posted inventory of the
 * year, its list values as stored at posting), account subtotals after the
 * table.
 */
import type { Ctx } from '../core/context.ts';
import type { CsvStyle } from '../core/csv.ts';
import { Money, type Money as MoneyT } from '../core/decimal.ts';
import type { Language } from '../core/i18n.ts';
import { formatDecimal } from '../core/locale.ts';
import { requirePermission } from '../core/roles.ts';
import { inventoryLabel } from '../inventory/common.ts';
import type { ReportFile } from './count-sheet.ts';
import { cellText, CONTENT_TYPES, csvStyleOf, dateCell, integerCell, moneyCell, tableCsv, type Cell, type ExportFormat, type ExportTable } from './export-table.ts';
import { renderPdf } from './pdf.ts';
import { tableXlsx } from './xlsx.ts';
import { money, sum, WORDS } from './yearly-documents.ts';

export interface RegisterRow {
  account: string;
  warehouse: string;
  inventory: string;
  inventoryId: number;
  stockDate: string;
  lines: number;
  bookValue: MoneyT;
  inventoryValue: MoneyT;
}

export interface Register {
  year: number;
  rows: RegisterRow[];
  accounts: { account: string; bookValue: MoneyT; inventoryValue: MoneyT }[];
  bookValue: MoneyT;
  inventoryValue: MoneyT;
}

/**
 * The year's register: for each warehouse the last posted inventory whose
 * stock date falls in the year (latest stock date, then the latest
 * inventory), its list values per stock account.
 */
export async function inventoryRegister(ctx: Ctx, year: number): Promise<Register> {
  requirePermission(ctx.actor, 'read');
  const stored = await ctx.store.db
    .selectFrom('inventory_list_totals as t')
    .innerJoin('inventories as i', 'i.id', 't.inventory_id')
    .innerJoin('warehouses as w', 'w.id', 't.warehouse_id')
    .select(['t.inventory_id', 't.warehouse_id', 't.stock_account', 't.stock_date', 't.lines', 't.book_value', 't.inventory_value', 'i.year', 'i.number', 'w.code'])
    .where('t.stock_date', '>=', `${year}-01-01`)
    .where('t.stock_date', '<=', `${year}-12-31`)
    .where('i.posted_at', 'is not', null)
    .execute();
  const last = new Map<number, { date: string; id: number }>();
  for (const r of stored) {
    const l = last.get(r.warehouse_id);
    if (!l || r.stock_date > l.date || (r.stock_date === l.date && r.inventory_id > l.id)) last.set(r.warehouse_id, { date: r.stock_date, id: r.inventory_id });
  }
  const rows: RegisterRow[] = stored
    .filter((r) => last.get(r.warehouse_id)!.id === r.inventory_id)
    .map((r) => ({
      account: r.stock_account,
      warehouse: r.code,
      inventory: inventoryLabel(r),
      inventoryId: r.inventory_id,
      stockDate: r.stock_date,
      lines: r.lines,
      bookValue: Money.raw(BigInt(r.book_value)),
      inventoryValue: Money.raw(BigInt(r.inventory_value)),
    }))
    .sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0));
  const accounts: Register['accounts'] = [];
  for (const r of rows) {
    let a = accounts.at(-1);
    if (!a || a.account !== r.account) accounts.push((a = { account: r.account, bookValue: Money.zero, inventoryValue: Money.zero }));
    a.bookValue = (a.bookValue + r.bookValue) as MoneyT;
    a.inventoryValue = (a.inventoryValue + r.inventoryValue) as MoneyT;
  }
  return {
    year,
    rows,
    accounts,
    bookValue: sum(rows.map((r) => r.bookValue)) as MoneyT,
    inventoryValue: sum(rows.map((r) => r.inventoryValue)) as MoneyT,
  };
}

function registerTable(r: Register, lang: Language): ExportTable {
  const w = WORDS[lang];
  const row = (label: string, book: bigint, inventory: bigint): Cell[] => [label, '', '', '', '', moneyCell(money(book)), moneyCell(money(inventory)), moneyCell(money(inventory - book))];
  return {
    sheet: w.registerTitle.slice(0, 31),
    headers: [...w.registerColumns],
    rows: r.rows.map((x) => [
      x.account, x.warehouse, x.inventory, dateCell(x.stockDate), integerCell(x.lines),
      moneyCell(money(x.bookValue)), moneyCell(money(x.inventoryValue)), moneyCell(money(x.inventoryValue - x.bookValue)),
    ]),
    totals: [...r.accounts.map((a) => row(w.accountTotal(a.account), a.bookValue, a.inventoryValue)), row(w.total, r.bookValue, r.inventoryValue)],
  };
}

/** GET /api/reports/inventory-register?year&format */
export async function inventoryRegisterFile(ctx: Ctx, year: number, format: ExportFormat, csvStyle?: CsvStyle): Promise<ReportFile> {
  const r = await inventoryRegister(ctx, year);
  const lang = ctx.lang;
  const w = WORDS[lang];
  const table = registerTable(r, lang);
  let body: Buffer | string;
  if (format === 'csv') body = tableCsv(table, csvStyleOf(lang, csvStyle));
  else if (format === 'xlsx') body = await tableXlsx(table, lang);
  else {
    const f = (x: bigint) => formatDecimal(money(x), lang);
    const pick = (x: RegisterRow, column: number) => (column === 5 ? x.bookValue : column === 6 ? x.inventoryValue : x.inventoryValue - x.bookValue);
    body = await renderPdf({
      lang,
      title: w.registerTitle,
      facts: [[w.year, String(year)]],
      columns: w.registerColumns.map((header, i) => ({ header, width: [6, 6, 6, 6, 4, 8, 8, 8][i], align: i >= 4 ? 'right' : 'left' })),
      rows: table.rows.map((x) => x.map((cell) => cellText(cell, lang))),
      pageTotals: { label: w.pageTotal, columns: [5, 6, 7], sum: (from, to, column) => f(sum(r.rows.slice(from, to).map((x) => pick(x, column)))) },
      totals: [
        ...r.accounts.map((a): [string, string] => [w.accountTotal(a.account), `${f(a.inventoryValue)} (${w.registerColumns[5]} ${f(a.bookValue)})`]),
        [w.totalInventory, f(r.inventoryValue)],
        [w.totalBook, f(r.bookValue)],
      ],
      note: w.registerNote,
      signatures: [{ caption: w.drawnUp }, { caption: w.checked }],
      signaturesOnEveryPage: true,
    });
  }
  return { contentType: CONTENT_TYPES[format], filename: `inventory-register-${year}.${format}`, body };
}

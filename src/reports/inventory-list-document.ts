/**
 * The yearly inventory's inventory list (listă de inventariere, form
 * 14-3-12; SPEC §12) as PDF, CSV or XLSX: totals per page and overall, the
 * commission's and the storekeeper's signatures on every page.
 */
import type { Ctx } from '../core/context.ts';
import type { CsvStyle } from '../core/csv.ts';
import { Quantity, UnitCost } from '../core/decimal.ts';
import { fail } from '../core/errors.ts';
import type { Language } from '../core/i18n.ts';
import { formatDate, formatDecimal } from '../core/locale.ts';
import type { DifferenceQuery } from '../inventory/stock-differences.ts';
import { commissionOf, type CommissionView } from '../inventory/yearly.ts';
import { inventoryList, type InventoryList } from '../inventory/yearly-list.ts';
import type { ReportFile } from './count-sheet.ts';
import {
  cellText, CONTENT_TYPES, csvStyleOf, integerCell, moneyCell, quantityCell, tableCsv, unitCostCell, type Cell, type ExportFormat, type ExportTable,
} from './export-table.ts';
import { renderPdf, type PdfColumn } from './pdf.ts';
import { tableXlsx } from './xlsx.ts';
import { commissionFacts, money, signatures, sum, WORDS } from './yearly-documents.ts';

/** the money columns of the list (their totals per page and overall) */
const LIST_MONEY = [10, 11, 12, 13] as const;

function listCells(l: InventoryList): Cell[][] {
  return l.rows.map((r) => [
    integerCell(r.no), r.warehouse, r.description, r.dimensions ? `${r.item} / ${r.dimensions}` : r.item, r.uom,
    quantityCell(Quantity.format(r.book)), quantityCell(Quantity.format(r.counted)), quantityCell(Quantity.format(r.plus)), quantityCell(Quantity.format(r.minus)),
    unitCostCell(UnitCost.format(r.unitPrice)), moneyCell(money(r.bookValue)), moneyCell(money(r.inventoryValue)), moneyCell(money(r.valuePlus)), moneyCell(money(r.valueMinus)),
  ]);
}

function listTable(l: InventoryList, lang: Language): ExportTable {
  const w = WORDS[lang];
  const t = l.totals;
  const totalRow: Cell[] = w.listColumns.map((_, i) => (i === 0 ? w.total : ''));
  totalRow[10] = moneyCell(money(t.bookValue));
  totalRow[11] = moneyCell(money(t.inventoryValue));
  totalRow[12] = moneyCell(money(t.valuePlus));
  totalRow[13] = moneyCell(money(t.valueMinus));
  return { sheet: w.listTitle, headers: [...w.listColumns], rows: listCells(l), totals: [totalRow] };
}

async function listPdf(ctx: Ctx, l: InventoryList, c: CommissionView): Promise<Buffer> {
  const lang = ctx.lang;
  const w = WORDS[lang];
  const widths = [3, 6, 14, 8, 3, 7, 7, 6, 6, 7, 8, 8, 7, 7];
  const columns: PdfColumn[] = w.listColumns.map((header, i) => ({ header, width: widths[i], align: i === 0 || i >= 5 ? 'right' : 'left' }));
  const pageSum = (from: number, to: number, column: number) => {
    const pick = [(r: InventoryList['rows'][number]) => r.bookValue, (r: InventoryList['rows'][number]) => r.inventoryValue, (r: InventoryList['rows'][number]) => r.valuePlus, (r: InventoryList['rows'][number]) => r.valueMinus][column - 10];
    return formatDecimal(money(sum(l.rows.slice(from, to).map(pick))), lang);
  };
  const t = l.totals;
  return renderPdf({
    lang,
    landscape: true,
    title: `${w.listTitle} (${w.form})`,
    facts: [
      [w.inventory, `${l.view.inventory} (${w.inventoryDate} ${formatDate(l.view.inventoryDate, lang)})`],
      [w.stockDate, formatDate(l.view.stockDate, lang)],
      [l.warehouses.length === 1 ? w.warehouse : w.warehouses, l.warehouses.join(', ') || w.none],
      ...commissionFacts(c, lang),
    ],
    columns,
    rows: listCells(l).map((r) => r.map((cell) => cellText(cell, lang))),
    pageTotals: { label: w.pageTotal, columns: [...LIST_MONEY], sum: pageSum },
    totals: [
      [w.totalBook, formatDecimal(money(t.bookValue), lang)],
      [w.totalInventory, formatDecimal(money(t.inventoryValue), lang)],
      [w.totalPlus, formatDecimal(money(t.valuePlus), lang)],
      [w.totalMinus, formatDecimal(money(t.valueMinus), lang)],
      [w.lines, String(l.rows.length)],
    ],
    signatures: signatures(c, l.warehouses, lang),
    signaturesOnEveryPage: true,
  });
}

/** GET /api/inventories/{id}/inventory-list?warehouse&format (and the differences query) */
export async function inventoryListFile(ctx: Ctx, inventoryId: number, q: DifferenceQuery, warehouse: string | undefined, format: ExportFormat, csvStyle?: CsvStyle): Promise<ReportFile> {
  const l = await inventoryList(ctx, inventoryId, q, warehouse);
  if (warehouse && !l.view.rows.some((r) => r.warehouse === warehouse)) {
    fail('INV_ERR_WAREHOUSE_NOT_IN_INVENTORY', { warehouse, inventory: l.view.inventory });
  }
  const name = `inventory-list-${l.view.inventory.replace('/', '-')}${warehouse ? `-${warehouse}` : ''}`;
  let body: Buffer | string;
  if (format === 'csv') body = tableCsv(listTable(l, ctx.lang), csvStyleOf(ctx.lang, csvStyle));
  else if (format === 'xlsx') body = await tableXlsx(listTable(l, ctx.lang), ctx.lang);
  else body = await listPdf(ctx, l, await commissionOf(ctx.store.db, inventoryId));
  return { contentType: CONTENT_TYPES[format], filename: `${name}.${format}`, body };
}

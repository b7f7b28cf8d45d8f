/**
 * The count sheet of an inventory list (SPEC §8 "stock list"): what the
 * counter walks the warehouse with — warehouse, item, variant, lot, serial,
 * location, unit, book stock at the inventory date (omitted for blind
 * lists) and an empty Counted column, with signature lines for the counter
 * and the inventory commission. PDF or CSV, Romanian or English headings.
 */
import type { Ctx } from '../core/context.ts';
import { Quantity } from '../core/decimal.ts';
import type { Language } from '../core/i18n.ts';
import { listFor, requireRead } from '../inventory/common.ts';
import { stockRows } from '../ledger/stock.ts';
import { renderPdf, type PdfColumn } from './pdf.ts';
import type { CsvStyle } from '../core/csv.ts';
import { formatDate } from '../core/locale.ts';
import { cellText, CONTENT_TYPES, csvStyleOf, integerCell, quantityCell, tableCsv, type Cell, type ExportFormat, type ExportTable } from './export-table.ts';
import { tableXlsx } from './xlsx.ts';

export interface CountSheetRow {
  warehouse: string;
  item: string;
  description: string;
  variant: string;
  lot: string;
  serial: string;
  location: string;
  uom: string;
  /** absent on blind lists */
  book?: string;
}

export interface CountSheet {
  listId: number;
  inventory: string;
  inventoryDate: string;
  listType: string;
  blindCount: boolean;
  employee: string;
  employeeName: string;
  warehouse: string;
  warehouseDescription: string;
  rows: CountSheetRow[];
}

const WORDS = {
  ro: {
    title: 'Listă de inventariere',
    inventory: 'Inventarul nr.',
    date: 'Data inventarului',
    list: 'Lista',
    listType: 'Tipul listei',
    warehouse: 'Gestiunea',
    employee: 'Numărător',
    stockAt: 'Stoc scriptic la data',
    blind: 'numărare oarbă (fără stoc scriptic)',
    columns: ['Nr.', 'Gestiune', 'Articol', 'Descriere', 'Variantă', 'Lot', 'Serie', 'Locație', 'U.M.', 'Stoc scriptic', 'Cantitate numărată'],
    counter: 'Numărat de (nume, semnătură)',
    commission: 'Comisia de inventariere — președinte',
    member: 'Membru comisie',
  },
  en: {
    title: 'Inventory count sheet',
    inventory: 'Inventory no.',
    date: 'Inventory date',
    list: 'List',
    listType: 'List type',
    warehouse: 'Warehouse',
    employee: 'Counter',
    stockAt: 'Book stock as of',
    blind: 'blind count (no book stock)',
    columns: ['No.', 'Warehouse', 'Item', 'Description', 'Variant', 'Lot', 'Serial', 'Location', 'UoM', 'Book stock', 'Counted'],
    counter: 'Counted by (name, signature)',
    commission: 'Inventory commission — chair',
    member: 'Commission member',
  },
} as const satisfies Record<Language, unknown>;

/** The sheet's data: the list's warehouse stock at the inventory date, by location, item and dimensions. */
export async function countSheetData(ctx: Ctx, listId: number): Promise<CountSheet> {
  requireRead(ctx.actor);
  const db = ctx.store.db;
  const list = await listFor(ctx, db, listId);
  const [inv, type, employee, warehouse] = await Promise.all([
    db.selectFrom('inventories').select(['year', 'number', 'date']).where('id', '=', list.inventory_id).executeTakeFirstOrThrow(),
    db.selectFrom('list_types').select(['code', 'blind_count']).where('id', '=', list.list_type_id).executeTakeFirstOrThrow(),
    db.selectFrom('employees').select(['code', 'name']).where('id', '=', list.employee_id).executeTakeFirstOrThrow(),
    db.selectFrom('warehouses').select(['code', 'description']).where('id', '=', list.warehouse_id).executeTakeFirstOrThrow(),
  ]);
  const blind = type.blind_count === 1;
  const stock = await stockRows(db, { date: inv.date, warehouseId: list.warehouse_id, by: ['variant', 'lot', 'serial', 'location'] });
  const itemIds = [...new Set(stock.map((s) => s.item_id))];
  const items = new Map<number, { code: string; description: string; uom: string }>();
  for (let i = 0; i < itemIds.length; i += 500) {
    for (const r of await db.selectFrom('items').select(['id', 'code', 'description', 'uom']).where('id', 'in', itemIds.slice(i, i + 500)).execute()) items.set(r.id, r);
  }
  const rows: CountSheetRow[] = stock.map((s) => {
    const item = items.get(s.item_id)!;
    const row: CountSheetRow = {
      warehouse: warehouse.code,
      item: item.code,
      description: item.description,
      variant: s.variant ?? '',
      lot: s.lot ?? '',
      serial: s.serial ?? '',
      location: s.location ?? '',
      uom: item.uom,
    };
    if (!blind) row.book = Quantity.format(s.quantity);
    return row;
  });
  const key = (r: CountSheetRow) => [r.location, r.item, r.variant, r.lot, r.serial];
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
  return {
    listId,
    inventory: `${inv.year}/${inv.number}`,
    inventoryDate: inv.date,
    listType: type.code,
    blindCount: blind,
    employee: employee.code,
    employeeName: employee.name,
    warehouse: warehouse.code,
    warehouseDescription: warehouse.description,
    rows,
  };
}

function table(sheet: CountSheet, lang: Language): ExportTable {
  const w = WORDS[lang];
  const headers = sheet.blindCount ? w.columns.filter((_, i) => i !== 9) : [...w.columns];
  const rows = sheet.rows.map((r, i) => {
    const cells: Cell[] = [integerCell(i + 1), r.warehouse, r.item, r.description, r.variant, r.lot, r.serial, r.location, r.uom];
    if (!sheet.blindCount) cells.push(r.book === undefined ? '' : quantityCell(r.book));
    cells.push('');
    return cells;
  });
  return { sheet: w.title, headers, rows };
}

/** CSV in the style (SPEC §14: `ro` is `;`, decimal comma), headings in the language. */
export function countSheetCsv(sheet: CountSheet, lang: Language, style: CsvStyle = lang): string {
  return tableCsv(table(sheet, lang), style);
}

export function countSheetXlsx(sheet: CountSheet, lang: Language): Promise<Buffer> {
  return tableXlsx(table(sheet, lang), lang);
}

export function countSheetPdf(sheet: CountSheet, lang: Language): Promise<Buffer> {
  const w = WORDS[lang];
  const { headers, rows } = table(sheet, lang);
  const widths = [3, 6, 8, 16, 6, 7, 7, 6, 4, 8, 10];
  const all: PdfColumn[] = headers.map((header) => {
    const i = (w.columns as readonly string[]).indexOf(header);
    return { header, width: widths[i], align: i === 0 || i >= 9 ? 'right' : 'left' };
  });
  return renderPdf({
    lang,
    landscape: true,
    ruled: true,
    title: w.title,
    facts: [
      [w.inventory, `${sheet.inventory} (${w.date} ${formatDate(sheet.inventoryDate, lang)})`],
      [w.list, `${sheet.listId} — ${w.listType}: ${sheet.listType}${sheet.blindCount ? ` (${w.blind})` : ''}`],
      [w.warehouse, `${sheet.warehouse} — ${sheet.warehouseDescription}`],
      [w.employee, `${sheet.employee} — ${sheet.employeeName}`],
      ...(sheet.blindCount ? [] : ([[w.stockAt, formatDate(sheet.inventoryDate, lang)]] as [string, string][])),
    ],
    columns: all,
    rows: rows.map((r) => r.map((c) => cellText(c, lang))),
    signatures: [{ caption: w.counter, name: sheet.employeeName }, { caption: w.commission }, { caption: w.member }, { caption: w.member }],
  });
}

export interface ReportFile {
  contentType: string;
  filename: string;
  body: Buffer | string;
}

/** GET /api/lists/{id}/count-sheet?format=pdf|csv|xlsx&csvStyle=ro|en */
export async function countSheet(ctx: Ctx, listId: number, format: ExportFormat, csvStyle?: CsvStyle): Promise<ReportFile> {
  const sheet = await countSheetData(ctx, listId);
  const name = `count-sheet-${sheet.inventory.replace('/', '-')}-list-${listId}`;
  const body =
    format === 'csv' ? countSheetCsv(sheet, ctx.lang, csvStyleOf(ctx.lang, csvStyle)) : format === 'xlsx' ? await countSheetXlsx(sheet, ctx.lang) : await countSheetPdf(sheet, ctx.lang);
  return { contentType: CONTENT_TYPES[format], filename: `${name}.${format}`, body };
}

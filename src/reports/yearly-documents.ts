/**
 * The documents of the Romanian yearly inventory (SPEC §12), in Romanian or
 * English by the request's language:
 * - the inventory list (listă de inventariere, form 14-3-12) as PDF, CSV or
 *   XLSX: totals per page and overall, the commission's and the
 *   storekeeper's signatures on every page;
 * - the proces-verbal of the inventory results (PDF);
 * - the registrul-inventar of a year (PDF, CSV, XLSX): one row per stock
 *   account and warehouse (the warehouse's last posted inventory of the
 *   year, its list values as stored at posting), account subtotals after the
 *   table.
 */
import type { Ctx } from '../core/context.ts';
import type { CsvStyle } from '../core/csv.ts';
import { Money, Quantity, UnitCost, type Money as MoneyT } from '../core/decimal.ts';
import { fail } from '../core/errors.ts';
import type { Language } from '../core/i18n.ts';
import { formatDate, formatDecimal } from '../core/locale.ts';
import { requirePermission } from '../core/roles.ts';
import { inventoryLabel } from '../inventory/common.ts';
import type { DifferenceQuery } from '../inventory/stock-differences.ts';
import { commissionOf, declarationsOf, type CommissionView } from '../inventory/yearly.ts';
import { inventoryList, type InventoryList, type YearlyDifferenceRow } from '../inventory/yearly-list.ts';
import type { ReportFile } from './count-sheet.ts';
import {
  cellText, CONTENT_TYPES, csvStyleOf, dateCell, integerCell, moneyCell, quantityCell, tableCsv, unitCostCell, type Cell, type ExportFormat, type ExportTable,
} from './export-table.ts';
import { renderPdf, type PdfColumn } from './pdf.ts';
import { tableXlsx } from './xlsx.ts';

const WORDS = {
  ro: {
    listTitle: 'Listă de inventariere',
    form: 'Formular 14-3-12',
    unit: 'Unitatea',
    inventory: 'Inventarul nr.',
    inventoryDate: 'Data inventarului',
    stockDate: 'Stoc scriptic la data',
    warehouse: 'Gestiunea',
    warehouses: 'Gestiunile',
    decision: 'Decizia de inventariere nr.',
    decisionDate: 'din',
    president: 'Președinte comisie',
    member: 'Membru comisie',
    storekeeper: 'Gestionar',
    members: 'Membrii comisiei',
    listColumns: [
      'Nr. crt.', 'Gestiunea', 'Denumirea bunurilor inventariate', 'Codul', 'U.M.', 'Cantitate scriptică', 'Cantitate faptică',
      'Diferențe plus (cant.)', 'Diferențe minus (cant.)', 'Preț unitar', 'Valoarea contabilă', 'Valoarea de inventar',
      'Diferențe valoare plus', 'Diferențe valoare minus',
    ],
    pageTotal: 'Total pagină',
    total: 'Total general',
    totalBook: 'Total valoare contabilă',
    totalInventory: 'Total valoare de inventar',
    totalPlus: 'Total diferențe de valoare în plus',
    totalMinus: 'Total diferențe de valoare în minus',
    lines: 'Poziții',
    pvTitle: 'Proces-verbal privind rezultatele inventarierii',
    pvColumns: [
      'Nr. crt.', 'Gestiunea', 'Codul', 'Denumirea', 'U.M.', 'Diferență (cant.)', 'Preț unitar', 'Valoare',
      'Compensat (cant.)', 'Valoare compensată', 'Perisabilitate (cant.)', 'Valoare perisabilitate', 'Imputabil (cant.)', 'Valoare imputabilă',
    ],
    keeperOf: (wh: string) => `Gestiunea ${wh} — gestionar`,
    declarationOf: (wh: string) => `Declarația gestionarului, gestiunea ${wh}`,
    declaration: (d: { lastReceipt: string; lastIssue: string; thirdPartyGoods: string; knownDifferences: string }) =>
      `ultimul document de intrare: ${d.lastReceipt || '—'}; ultimul document de ieșire: ${d.lastIssue || '—'}; bunuri ale terților: ${d.thirdPartyGoods || '—'}; diferențe cunoscute: ${d.knownDifferences || '—'}`,
    noDeclaration: 'nedepusă',
    none: '—',
    surpluses: 'Plusuri constatate (valoare)',
    shortages: 'Lipsuri constatate (valoare)',
    surplusLines: 'Poziții cu plusuri',
    shortageLines: 'Poziții cu lipsuri',
    compensated: 'Compensări pentru risc de confuzie (diferență valorică)',
    compensatedShortage: 'din care compensate cu plusuri (valoare)',
    allowed: 'din care în limita perisabilităților (valoare)',
    imputable: 'din care imputabile (valoare)',
    restShortage: 'din care alte lipsuri (valoare)',
    compensationImputable: 'Diferență de valoare pozitivă din compensare, imputabilă (neînregistrată)',
    imputableTotal: 'Total de imputat',
    imputableTo: (who: string, wh: string) => `Imputabil gestionarului ${who}, gestiunea ${wh}`,
    status: 'Situația',
    statusPosted: (d: string) => `rezultate înregistrate la ${d}`,
    statusPreview: 'proiect (rezultatele nu sunt încă înregistrate)',
    treatment: 'Propuneri de regularizare:',
    treatSurplus: (v: string) => `Plusurile, în valoare de ${v} lei, se înregistrează în stoc la valoarea de inventar.`,
    treatCompensation: (v: string) => `Compensarea lipsurilor cu plusurile (risc de confuzie): diferența valorică de ${v} lei; când este pozitivă, se impută gestionarului, când este negativă nu se înregistrează.`,
    treatAllowed: (v: string) => `Lipsurile în limita perisabilităților, în valoare de ${v} lei, se înregistrează pe cheltuieli (contul 6588).`,
    treatImputable: (v: string) => `Lipsurile imputabile, în valoare de ${v} lei, se impută gestionarului (contul 4282).`,
    treatRest: (v: string) => `Restul lipsurilor, în valoare de ${v} lei, se scad din gestiune potrivit hotărârii conducerii.`,
    registerTitle: 'Registrul-inventar',
    year: 'Anul',
    registerColumns: ['Contul de stoc', 'Gestiunea', 'Inventarul', 'Data stocului', 'Poziții', 'Valoarea contabilă', 'Valoarea de inventar', 'Diferențe de valoare'],
    accountTotal: (a: string) => `Total cont ${a}`,
    drawnUp: 'Întocmit',
    checked: 'Verificat',
    registerNote: 'Valorile provin din listele de inventariere ale ultimului inventar înregistrat al fiecărei gestiuni în anul respectiv.',
  },
  en: {
    listTitle: 'Inventory list',
    form: 'Form 14-3-12',
    unit: 'Company',
    inventory: 'Inventory no.',
    inventoryDate: 'Inventory date',
    stockDate: 'Book stock as of',
    warehouse: 'Warehouse',
    warehouses: 'Warehouses',
    decision: 'Inventory decision no.',
    decisionDate: 'of',
    president: 'Commission president',
    member: 'Commission member',
    storekeeper: 'Storekeeper',
    members: 'Commission members',
    listColumns: [
      'No.', 'Warehouse', 'Description of the goods', 'Code', 'UoM', 'Book quantity', 'Counted quantity',
      'Surplus (qty)', 'Shortage (qty)', 'Unit price', 'Book value', 'Inventory value',
      'Value surplus', 'Value shortage',
    ],
    pageTotal: 'Page total',
    total: 'Grand total',
    totalBook: 'Total book value',
    totalInventory: 'Total inventory value',
    totalPlus: 'Total value surplus',
    totalMinus: 'Total value shortage',
    lines: 'Lines',
    pvTitle: 'Report on the inventory results (proces-verbal)',
    pvColumns: [
      'No.', 'Warehouse', 'Code', 'Description', 'UoM', 'Difference (qty)', 'Unit price', 'Value',
      'Compensated (qty)', 'Compensated value', 'Natural loss (qty)', 'Natural loss value', 'Imputable (qty)', 'Imputable value',
    ],
    keeperOf: (wh: string) => `Warehouse ${wh} — storekeeper`,
    declarationOf: (wh: string) => `Storekeeper's declaration, warehouse ${wh}`,
    declaration: (d: { lastReceipt: string; lastIssue: string; thirdPartyGoods: string; knownDifferences: string }) =>
      `last receipt document: ${d.lastReceipt || '—'}; last issue document: ${d.lastIssue || '—'}; third parties' goods: ${d.thirdPartyGoods || '—'}; known differences: ${d.knownDifferences || '—'}`,
    noDeclaration: 'not made',
    none: '—',
    surpluses: 'Surpluses found (value)',
    shortages: 'Shortages found (value)',
    surplusLines: 'Lines with surpluses',
    shortageLines: 'Lines with shortages',
    compensated: 'Compensation for risk of confusion (value difference)',
    compensatedShortage: 'of which compensated with surpluses (value)',
    allowed: 'of which within natural-loss allowances (value)',
    imputable: 'of which imputable (value)',
    restShortage: 'of which other shortages (value)',
    compensationImputable: 'Positive value difference of the compensation, imputable (not posted)',
    imputableTotal: 'Total to impute',
    imputableTo: (who: string, wh: string) => `Imputable to the storekeeper ${who}, warehouse ${wh}`,
    status: 'Status',
    statusPosted: (d: string) => `results posted on ${d}`,
    statusPreview: 'draft (the results are not posted yet)',
    treatment: 'Proposed treatment:',
    treatSurplus: (v: string) => `The surpluses, worth ${v} lei, are taken into stock at their inventory value.`,
    treatCompensation: (v: string) => `Shortages compensated with surpluses (risk of confusion): value difference ${v} lei; when positive it is imputed to the storekeeper, when negative it is not recorded.`,
    treatAllowed: (v: string) => `Shortages within the natural-loss allowances, worth ${v} lei, are recorded as expenses (account 6588).`,
    treatImputable: (v: string) => `Imputable shortages, worth ${v} lei, are imputed to the storekeeper (account 4282).`,
    treatRest: (v: string) => `The other shortages, worth ${v} lei, are written off as the management decides.`,
    registerTitle: 'Inventory register (registrul-inventar)',
    year: 'Year',
    registerColumns: ['Stock account', 'Warehouse', 'Inventory', 'Stock date', 'Lines', 'Book value', 'Inventory value', 'Value difference'],
    accountTotal: (a: string) => `Total account ${a}`,
    drawnUp: 'Drawn up by',
    checked: 'Checked by',
    registerNote: 'The values come from the inventory lists of each warehouse\'s last posted inventory of the year.',
  },
} as const;

const money = (v: bigint) => Money.format(v);
const sum = (values: bigint[]) => values.reduce((s, v) => s + v, 0n);

/** The commission's and the storekeepers' signature blocks (blank lines when no commission was saved). */
function signatures(c: CommissionView, warehouses: string[], lang: Language): { caption: string; name?: string }[] {
  const w = WORDS[lang];
  const named = (code: string) => (code ? `${c.names[code] ?? ''} (${code})` : undefined);
  const out: { caption: string; name?: string }[] = [{ caption: w.president, name: named(c.president) }];
  const members = c.members.length ? c.members : ['', ''];
  for (const m of members) out.push({ caption: w.member, name: named(m) });
  for (const wh of warehouses) {
    const keeper = c.storekeepers.find((k) => k.warehouse === wh)?.employee ?? '';
    out.push({ caption: `${w.storekeeper} ${wh}`, name: named(keeper) });
  }
  return out;
}

function commissionFacts(c: CommissionView, lang: Language): [string, string][] {
  const w = WORDS[lang];
  if (!c.defined) return [];
  const person = (code: string) => `${c.names[code] ?? ''} (${code})`;
  return [
    [w.decision, `${c.decisionNumber} ${w.decisionDate} ${formatDate(c.decisionDate, lang)}`],
    [w.president, person(c.president)],
    [w.members, c.members.map(person).join(', ') || w.none],
  ];
}

// ---------------------------------------------------------------- inventory list (form 14-3-12)

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

// ---------------------------------------------------------------- proces-verbal

/** A field Task B adds to the rows (or totals); zero while absent. */
const field = (v: string | undefined, kind: typeof Money | typeof Quantity = Money): bigint => (v === undefined || v === null || v === '' ? 0n : (kind.parse(v) ?? 0n));

/** GET /api/inventories/{id}/report?format=pdf (and the differences query) */
export async function procesVerbalFile(ctx: Ctx, inventoryId: number, q: DifferenceQuery): Promise<ReportFile> {
  const lang = ctx.lang;
  const w = WORDS[lang];
  const l = await inventoryList(ctx, inventoryId, q);
  const v = l.view;
  const db = ctx.store.db;
  const c = await commissionOf(db, inventoryId);
  const declarations = await declarationsOf(db, inventoryId);
  const rows = l.rows.filter((r) => r.plus !== 0n || r.minus !== 0n).map((r) => r.source as YearlyDifferenceRow);
  const cells: Cell[][] = rows.map((r, i) => [
    integerCell(i + 1), r.warehouse, r.item, r.description, r.uom, quantityCell(r.difference), unitCostCell(r.unitCost), moneyCell(r.value),
    quantityCell(r.compensated ?? '0'), moneyCell(r.compensatedValue ?? '0'), quantityCell(r.allowedLoss ?? '0'), moneyCell(r.allowedLossValue ?? '0'),
    quantityCell(r.imputable ?? '0'), moneyCell(r.imputableValue ?? '0'),
  ]);
  const moneyColumns = [7, 9, 11, 13];
  const columnValue = (r: YearlyDifferenceRow, column: number) =>
    field(column === 7 ? r.value : column === 9 ? r.compensatedValue : column === 11 ? r.allowedLossValue : r.imputableValue);
  const t = v.totals;
  const surplus = field(t.surplusValue);
  const shortage = field(t.shortageValue);
  const compensatedDifference = field(t.compensatedValueDifference);
  const shortageRows = rows.filter((r) => field(r.difference, Quantity) < 0n);
  // the shortage splits into compensated, allowed, imputable and the rest: the lines add up to the shortage exactly
  const compensatedShortage = sum(shortageRows.map((r) => field(r.compensatedValue)));
  const allowed = sum(shortageRows.map((r) => field(r.allowedLossValue)));
  const imputableShortage = sum(shortageRows.map((r) => field(r.imputableValue)));
  const rest = shortage - compensatedShortage - allowed - imputableShortage;
  // SPEC §12: the totals' imputable value also holds the positive value differences of the compensation (not posted)
  const imputable = t.imputableValue !== undefined ? field(t.imputableValue) : imputableShortage;
  const compensationImputable = imputable - imputableShortage;
  const f = (x: bigint) => formatDecimal(money(x), lang);
  const posted = v.postedAt !== undefined;
  const facts: [string, string][] = [
    [w.inventory, `${v.inventory} (${w.inventoryDate} ${formatDate(v.inventoryDate, lang)})`],
    [w.stockDate, formatDate(v.stockDate, lang)],
    [w.status, posted ? w.statusPosted(formatDate(v.postingDate ?? v.postedAt!.slice(0, 10), lang)) : w.statusPreview],
    ...commissionFacts(c, lang),
  ];
  for (const wh of l.warehouses) {
    const keeper = c.storekeepers.find((k) => k.warehouse === wh)?.employee;
    facts.push([w.keeperOf(wh), keeper ? `${c.names[keeper] ?? ''} (${keeper})` : w.none]);
    const d = declarations.get(wh);
    facts.push([w.declarationOf(wh), d ? w.declaration(d) : w.noDeclaration]);
  }
  const byKeeper = (t.imputableByStorekeeper ?? []).filter((k) => field(k.value) !== 0n);
  const keeperName = (k: { employee: string | null; name: string | null }) => (k.employee ? `${k.name ?? ''} (${k.employee})` : w.none);
  const paragraphs: string[] = [w.treatment];
  if (surplus > 0n) paragraphs.push(w.treatSurplus(f(surplus)));
  if (compensatedDifference !== 0n || compensatedShortage > 0n) paragraphs.push(w.treatCompensation(f(compensatedDifference)));
  if (allowed > 0n) paragraphs.push(w.treatAllowed(f(allowed)));
  if (imputable > 0n) paragraphs.push(w.treatImputable(f(imputable)));
  if (rest > 0n) paragraphs.push(w.treatRest(f(rest)));
  const widths = [3, 6, 6, 12, 3, 7, 7, 7, 7, 7, 7, 7, 7, 7];
  return {
    contentType: CONTENT_TYPES.pdf,
    filename: `inventory-report-${v.inventory.replace('/', '-')}.pdf`,
    body: await renderPdf({
      lang,
      landscape: true,
      title: w.pvTitle,
      facts,
      columns: w.pvColumns.map((header, i) => ({ header, width: widths[i], align: i === 0 || i >= 5 ? 'right' : 'left' })),
      rows: cells.map((r) => r.map((cell) => cellText(cell, lang))),
      pageTotals: { label: w.pageTotal, columns: moneyColumns, sum: (from, to, column) => f(sum(rows.slice(from, to).map((r) => columnValue(r, column)))) },
      totals: [
        [w.surpluses, f(surplus)],
        [w.surplusLines, String(rows.filter((r) => field(r.difference, Quantity) > 0n).length)],
        [w.shortages, f(shortage)],
        [w.shortageLines, String(rows.filter((r) => field(r.difference, Quantity) < 0n).length)],
        [w.compensatedShortage, f(compensatedShortage)],
        [w.allowed, f(allowed)],
        [w.imputable, f(imputableShortage)],
        [w.restShortage, f(rest)],
        [w.compensated, f(compensatedDifference)],
        [w.compensationImputable, f(compensationImputable)],
        [w.imputableTotal, f(imputable)],
        ...byKeeper.map((k): [string, string] => [w.imputableTo(keeperName(k), k.warehouse), f(field(k.value))]),
      ],
      paragraphs,
      signatures: signatures(c, l.warehouses, lang),
      signaturesOnEveryPage: true,
    }),
  };
}


// ---------------------------------------------------------------- registrul-inventar

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


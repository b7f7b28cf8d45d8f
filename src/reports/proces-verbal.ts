/**
 * The yearly inventory's proces-verbal of the inventory results (SPEC §12,
 * PDF): the difference lines split into compensated, allowed and imputable
 * parts, the storekeepers' declarations and the proposed treatment.
 */
import type { Ctx } from '../core/context.ts';
import { Money, Quantity } from '../core/decimal.ts';
import { formatDate, formatDecimal } from '../core/locale.ts';
import type { DifferenceQuery } from '../inventory/stock-differences.ts';
import { commissionOf, declarationsOf } from '../inventory/yearly.ts';
import { inventoryList, type YearlyDifferenceRow } from '../inventory/yearly-list.ts';
import type { ReportFile } from './count-sheet.ts';
import { cellText, CONTENT_TYPES, integerCell, moneyCell, quantityCell, unitCostCell, type Cell } from './export-table.ts';
import { renderPdf } from './pdf.ts';
import { commissionFacts, money, signatures, sum, WORDS } from './yearly-documents.ts';

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

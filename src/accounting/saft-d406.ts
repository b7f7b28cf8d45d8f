/**
 * SAF-T D406, the stock section ("Stocuri", the declaration ANAF asks for on
 * request; SPEC §13) for a period [from, to], written as XML while it is read:
 * never the period in memory, the output goes to a stream as it is built,
 * flushed with back-pressure. xmlbuilder2 makes the markup: its callback
 * builder streams the document's frame (header, small tables, sections), and
 * the rows repeated by the thousand (Product, PhysicalStockEntry,
 * StockMovement and its lines) are xmlbuilder2 row shapes compiled once and
 * filled with escaped text (xml-row-template.ts: the callback builder costs
 * ~40 µs an element, minutes for a month of a million lines). Not indented.
 * Here the request (period, audit); the document's frame in
 * saft-d406-document.ts, written through saft-d406-writer.ts, its sections in
 * saft-d406-master-files.ts, saft-d406-physical-stock.ts and
 * saft-d406-movements.ts, the rows and texts in saft-d406-rows.ts.
 *
 * The document (element names and order of the Romanian SAF-T schema,
 * Ro_SAFT_Schema v2.4.x; the subset used is `saft/d406-stock.xsd`):
 *   Header            — file version, the company, the period
 *                       (SelectionStartDate/EndDate), HeaderComment `C` (the
 *                       on-request stock declaration), TaxAccountingBasis `A`;
 *   MasterFiles       — UOMTable (the units), MovementTypeTable (the SAF-T
 *                       movement types of the templates), Products (every
 *                       item: code, description, NC code, unit), PhysicalStock
 *                       (per warehouse and item: opening stock at from − 1
 *                       and closing stock at `to`, quantity and value, the
 *                       unit price, the unit, the stock account);
 *                       the sections the stock declaration does not report
 *                       (Customers, Suppliers, Owners, Assets) are present
 *                       and empty;
 *   GeneralLedgerEntries — empty;
 *   SourceDocuments   — SalesInvoices, PurchaseInvoices, Payments empty;
 *                       MovementOfGoods: the totals, then one StockMovement
 *                       per record with one StockMovementLine per movement
 *                       line of the period; AssetTransactions empty.
 *
 * Figures. Values are the valued inventory's (reports' valued inventory with
 * method management-area, grouped by warehouse: each warehouse by the method
 * of its management area, average without one): the same pass
 * (valuation/inventory-pass.ts) runs at from − 1 and at `to`, so the closing
 * values add up to that report's total at `to`. Movement lines carry the
 * ledger's signed quantity (unloads negative) and amount (BookValue, signed
 * like it); TotalQuantityReceived = Σ positive quantities, TotalQuantityIssued
 * = Σ |negative quantities|. Quantities are written with 6 decimals and
 * amounts with 2, from the exact scaled integers (core/decimal.ts).
 *
 * Decisions where SPEC §13 is silent:
 *   - the opening records a closing posts are not goods movements: they are
 *     left out of MovementOfGoods and its totals (see period-movements.ts), so
 *     opening + the period's lines = closing in quantity;
 *   - PhysicalStock lists a (warehouse, item) whose opening or closing
 *     quantity or value is not zero; Products lists every item of the
 *     registry (the master file), by code;
 *   - the stock account goes to PhysicalStockEntry/ProductType (what kind of
 *     stock: 371 merchandise, 301 raw materials, …) and to each line's
 *     AccountID; an item whose stock account is unknown ('') has neither;
 *     StockAccountNo (a lot or series) is not used: stock is per warehouse
 *     and item;
 *   - NC code: the item's 8 digits, else `0` (ANAF: 0 where not applicable);
 *   - the unit is the item's unit code as kept in Inventar (no UN/ECE
 *     mapping); UOMToUOMBaseConversionFactor 1;
 *   - UnitPrice: the closing unit cost (the opening one when nothing is left)
 *     rounded half up to 2 decimals (a monetary type in the schema);
 *   - MovementType: the template's SAF-T movement type, else its code;
 *     MovementReference: warehouse/date/number of the record (its id, `#id`,
 *     when that would pass 35 characters); DocumentReference: the template
 *     code and the record's internal document, when it has one; loads carry
 *     ShipTo, unloads ShipFrom, with the warehouse;
 *   - the company of the Header comes from the server's environment
 *     (INVENTAR_COMPANY_CUI, _NAME, _STREET, _CITY, _CONTACT, _PHONE; see
 *     `companyFromEnv`): Inventar keeps no company master data;
 *   - an export is audited (entity `saft-d406`, action `export`) with its
 *     period and totals when it starts;
 *   - totals are read before the lines are written (the schema puts them
 *     first): a record posted into the period while an export runs may be in
 *     one and not the other. Export a period nobody posts into.
 */
import type { Writable } from 'node:stream';
import type { Ctx } from '../core/context.ts';
import { Problems, parseDate } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { periodTotals, type PeriodTotals } from './period-movements.ts';
import type { SaftCompany } from './saft-d406-company.ts';
import { writeDocument } from './saft-d406-document.ts';
import { saftQuantity } from './saft-d406-rows.ts';

export interface SaftD406Query {
  from?: string;
  to?: string;
}

export interface SaftD406Options {
  company?: SaftCompany;
  /** the file's creation date (default today) */
  created?: string;
  /** items per valuation batch of PhysicalStock (default 1,000) */
  batchSize?: number;
  /** movement lines per page read (default 5,000) */
  pageSize?: number;
}

/** What an export wrote, as decimal strings (quantities at 6 decimals, amounts at 2). */
export interface SaftD406Summary {
  from: string;
  to: string;
  products: number;
  physicalStockEntries: number;
  numberOfMovementLines: number;
  totalQuantityReceived: string;
  totalQuantityIssued: string;
  openingStockValue: string;
  closingStockValue: string;
  /** characters written */
  size: number;
}

export interface SaftD406Export {
  from: string;
  to: string;
  /** D406_<from>_<to>.xml */
  fileName: string;
  totals: PeriodTotals;
  /** writes the document to `out` (not ended); resolves when the last chunk was accepted; `options` override prepare's */
  write(out: Writable, options?: SaftD406Options): Promise<SaftD406Summary>;
}

/** The period, checked: both dates given, from ≤ to (400 otherwise, every problem at once). */
function parsePeriod(query: SaftD406Query): { from: string; to: string } {
  const problems = new Problems();
  const from = parseDate(query.from, '/from', problems);
  const to = parseDate(query.to, '/to', problems);
  if (query.from === undefined || query.from === '') problems.add({ path: '/from', code: 'INV_ERR_BLANK' });
  if (query.to === undefined || query.to === '') problems.add({ path: '/to', code: 'INV_ERR_BLANK' });
  if (from && to && from > to) problems.add({ path: '/to', code: 'INV_ERR_BAD_VALUE', params: { value: to, allowed: `≥ ${from}` } });
  problems.throwIfAny();
  return { from: from!, to: to! };
}

/**
 * Checks the request, reads the period's totals and audits the export; the
 * document is written by the returned `write` (so that a refused request is
 * answered before any byte of XML).
 */
export async function prepareSaftD406Stock(ctx: Ctx, query: SaftD406Query, options: SaftD406Options = {}): Promise<SaftD406Export> {
  requirePermission(ctx.actor, 'read');
  const { from, to } = parsePeriod(query);
  const db = ctx.store.db;
  const totals = await periodTotals(db, from, to);
  await audit(db, ctx.actor, 'saft-d406', `${from}/${to}`, 'export', null, {
    from,
    to,
    numberOfMovementLines: totals.lines,
    totalQuantityReceived: saftQuantity(totals.received),
    totalQuantityIssued: saftQuantity(totals.issued),
  });
  return {
    from,
    to,
    fileName: `D406_${from}_${to}.xml`,
    totals,
    write: (out, more = {}) => writeDocument(ctx, { from, to, totals }, out, { ...options, ...more }),
  };
}

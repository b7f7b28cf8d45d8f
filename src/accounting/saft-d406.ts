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
import { createCB } from 'xmlbuilder2';
import type { Ctx } from '../core/context.ts';
import { addDays, today } from '../core/dates.ts';
import { phases } from '../core/profile.ts';
import { formatScaled, Money, rescale, UNIT_COST_SCALE, MONEY_SCALE, QUANTITY_SCALE } from '../core/decimal.ts';
import { Problems, parseDate } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { closingBefore } from '../ledger/stock.ts';
import { valuePerWarehouse } from '../valuation/item-cost.ts';
import { costTemplates } from '../valuation/ledger-reader.ts';
import { storedClosingHistory } from '../valuation/closing/history-source.ts';
import { valuationPass, type PassItem, type PassLine, type PassOptions } from '../valuation/inventory-pass.ts';
import { PASS_ITEM_COLUMNS, passItemOf, passWarehouses } from '../valuation/pass-master-data.ts';
import { rowTemplate, type ElementShape } from './xml-row-template.ts';
import { periodTotals, readPeriodLines, type PeriodLine, type PeriodTotals } from './period-movements.ts';

/** The namespace of a D406 declaration. */
export const D406_NAMESPACE = 'mfp:anaf:dgti:d406:declaratie:v1';
/** The schema version written in Header/AuditFileVersion. */
export const D406_VERSION = '2.4.9';
const SOFTWARE_VERSION = '0.1.0';
/** D406 quantities carry 6 decimals (SAFquantityType as used here) */
export const SAFT_QUANTITY_SCALE = 6;

export interface SaftD406Query {
  from?: string;
  to?: string;
}

/** The company of the Header (Inventar keeps none: the server's environment gives it). */
export interface SaftCompany {
  /** CUI, without RO */
  registrationNumber: string;
  name: string;
  street: string;
  city: string;
  contactFirstName: string;
  contactLastName: string;
  telephone: string;
}

/** The company from INVENTAR_COMPANY_* variables; '-' stands for what is not set. */
export function companyFromEnv(env: NodeJS.ProcessEnv = process.env): SaftCompany {
  const v = (name: string, fallback = '-') => env[`INVENTAR_COMPANY_${name}`]?.trim() || fallback;
  const contact = v('CONTACT', 'Inventar').split(/\s+/);
  return {
    registrationNumber: v('CUI', '0'),
    name: v('NAME', 'Inventar'),
    street: v('STREET'),
    city: v('CITY'),
    contactFirstName: contact[0],
    contactLastName: contact.slice(1).join(' ') || contact[0],
    telephone: v('PHONE'),
  };
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

/** A quantity (scale 3) at 6 decimals. */
export const saftQuantity = (q: bigint): string => formatScaled(q * 10n ** BigInt(SAFT_QUANTITY_SCALE - QUANTITY_SCALE), SAFT_QUANTITY_SCALE);
/** An amount (scale 2). */
export const saftAmount = (m: bigint): string => Money.format(m);

// characters XML 1.0 cannot hold (input refuses control characters; this keeps the file well-formed anyway)
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** Text for an element of at most `max` characters (the schema's text types: 9, 18, 35, 70, 256). */
function text(value: string, max: number): string {
  const clean = value.replace(NOT_XML, '');
  const chars = [...clean];
  return chars.length > max ? chars.slice(0, max).join('') : clean;
}
const CODE = 9;
const SHORT = 18;
const MIDDLE1 = 35;
const MIDDLE2 = 70;
const LONG = 256;

const leafAt = (name: string, slot: number, optional = false): ElementShape => ({ name, slot, optional });

/** The repeated rows, their markup made once by xmlbuilder2 (see xml-row-template.ts). */
const PRODUCT = rowTemplate({
  name: 'Product',
  children: [
    leafAt('ProductCode', 0),
    leafAt('GoodsServicesID', 1),
    leafAt('Description', 2),
    leafAt('ProductCommodityCode', 3),
    leafAt('UOMBase', 4),
    leafAt('UOMStandard', 5),
    leafAt('UOMToUOMBaseConversionFactor', 6),
  ],
});
const PHYSICAL_STOCK_ENTRY = rowTemplate({
  name: 'PhysicalStockEntry',
  children: [
    leafAt('WarehouseID', 0),
    leafAt('ProductCode', 1),
    leafAt('ProductType', 2, true),
    leafAt('StockAccountCommodityCode', 3),
    leafAt('UOMPhysicalStock', 4),
    leafAt('UOMToUOMBaseConversionFactor', 5),
    leafAt('UnitPrice', 6),
    leafAt('OpeningStockQuantity', 7),
    leafAt('OpeningStockValue', 8),
    leafAt('ClosingStockQuantity', 9),
    leafAt('ClosingStockValue', 10),
  ],
});
/** a StockMovement without its lines (cut before its end tag; the lines follow, then STOCK_MOVEMENT_END) */
const STOCK_MOVEMENT_HEAD = rowTemplate({
  name: 'StockMovement',
  children: [
    leafAt('MovementReference', 0),
    leafAt('MovementDate', 1),
    leafAt('MovementType', 2),
    { name: 'DocumentReference', children: [leafAt('DocumentType', 3, true), leafAt('DocumentNumber', 4, true)] },
  ],
});
const STOCK_MOVEMENT_END = '</StockMovement>';
const STOCK_MOVEMENT_LINE = rowTemplate({
  name: 'StockMovementLine',
  children: [
    leafAt('LineNumber', 0),
    leafAt('AccountID', 1, true),
    { name: 'ShipTo', children: [leafAt('WarehouseID', 2, true)] },
    { name: 'ShipFrom', children: [leafAt('WarehouseID', 3, true)] },
    leafAt('ProductCode', 4),
    leafAt('Quantity', 5),
    leafAt('UnitOfMeasure', 6),
    leafAt('UOMToUOMPhysicalStockConversionFactor', 7),
    leafAt('BookValue', 8),
  ],
});

interface ItemInfo extends PassItem {
  stockAccount: string;
  ncCode: string;
}

interface TemplateInfo {
  code: string;
  description: string;
  movementType: string;
  load: boolean;
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

/** Buffers the builder's chunks and hands them to the stream, waiting when it is full. */
class Sink {
  private chunks: string[] = [];
  private pending = 0;
  size = 0;
  constructor(private readonly out: Writable) {}

  push = (chunk: string): void => {
    this.chunks.push(chunk);
    this.pending += chunk.length;
    this.size += chunk.length;
  };

  async flush(force = false): Promise<void> {
    if (this.pending === 0 || (!force && this.pending < 64 * 1024)) return;
    const data = this.chunks.join('');
    this.chunks = [];
    this.pending = 0;
    if (this.out.destroyed) throw new Error('SAF-T export: the output was closed');
    if (this.out.write(data)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        this.out.off('drain', onDrain);
        this.out.off('close', onClose);
        this.out.off('error', onError);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new Error('SAF-T export: the output was closed'));
      const onError = (e: Error) => done(e);
      this.out.on('drain', onDrain);
      this.out.on('close', onClose);
      this.out.on('error', onError);
    });
  }
}

async function writeDocument(ctx: Ctx, period: { from: string; to: string; totals: PeriodTotals }, out: Writable, options: SaftD406Options): Promise<SaftD406Summary> {
  const db = ctx.store.db;
  const { from, to, totals } = period;
  const company = options.company ?? companyFromEnv();
  const sink = new Sink(out);
  const phase = phases('saft-d406');
  // not indented: the rows are joined in as compiled markup (xml-row-template.ts), the frame around them is xmlbuilder2's
  const xml = createCB({ data: sink.push, prettyPrint: false });
  /** opens a section whose rows come from a row template (its open tag written now) */
  const section = (name: string) => xml.ele(name).txt('');
  /** <name>value</name> */
  const leaf = (name: string, value: string) => xml.ele(name).txt(value).up();
  /** <name/> (a section the stock declaration leaves empty) */
  const empty = (name: string) => xml.ele(name).up();

  // --- master data (small: held) ---
  const itemRows = await db
    .selectFrom('items')
    .select([...PASS_ITEM_COLUMNS, 'stock_account', 'nc_code'])
    .orderBy('code')
    .execute();
  const items: ItemInfo[] = itemRows.map((r) => ({ ...passItemOf(r), stockAccount: r.stock_account.trim(), ncCode: r.nc_code.trim() }));
  const itemById = new Map(items.map((i) => [i.id, i]));
  // as the valued inventory by management area: a warehouse without one is valued by average
  const warehouses = await passWarehouses(db, true);
  const warehouseOrder = new Map([...warehouses.keys()].map((id, i) => [id, i]));
  const templateRows = await db.selectFrom('templates').select(['id', 'code', 'description', 'type', 'saft_movement_type']).orderBy('id').execute();
  const templates = new Map<number, TemplateInfo>(
    templateRows.map((t) => [t.id, { code: t.code, description: t.description, movementType: t.saft_movement_type.trim() || t.code, load: t.type === 'load' }]),
  );
  const unitRows = await db.selectFrom('units').select(['code', 'description']).orderBy('code').execute();
  const units = new Map(unitRows.map((u) => [u.code, u.description]));
  for (const it of items) if (!units.has(it.uom)) units.set(it.uom, it.uom);

  phase('master data read');
  // --- Header ---
  xml.dec({ version: '1.0', encoding: 'UTF-8' });
  xml.ele('AuditFile', { xmlns: D406_NAMESPACE });
  xml.ele('Header');
  leaf('AuditFileVersion', D406_VERSION);
  leaf('AuditFileCountry', 'RO');
  leaf('AuditFileDateCreated', options.created ?? today());
  leaf('SoftwareCompanyName', 'Inventar');
  leaf('SoftwareID', 'Inventar');
  leaf('SoftwareVersion', SOFTWARE_VERSION);
  xml.ele('Company');
  leaf('RegistrationNumber', text(company.registrationNumber, MIDDLE1));
  leaf('Name', text(company.name, MIDDLE2));
  xml.ele('Address');
  leaf('StreetName', text(company.street, MIDDLE2));
  leaf('City', text(company.city, MIDDLE1));
  leaf('Country', 'RO');
  xml.up();
  xml.ele('Contact');
  xml.ele('ContactPerson');
  leaf('FirstName', text(company.contactFirstName, MIDDLE1));
  leaf('LastName', text(company.contactLastName, MIDDLE2));
  xml.up();
  leaf('Telephone', text(company.telephone, SHORT));
  xml.up();
  xml.up(); // Company
  leaf('DefaultCurrencyCode', 'RON');
  xml.ele('SelectionCriteria');
  leaf('SelectionStartDate', from);
  leaf('SelectionEndDate', to);
  xml.up();
  leaf('HeaderComment', 'C');
  leaf('SegmentIndex', '1');
  leaf('TotalSegmentsInsequence', '1');
  leaf('TaxAccountingBasis', 'A');
  xml.up(); // Header

  // --- MasterFiles ---
  xml.ele('MasterFiles');
  empty('Customers');
  empty('Suppliers');
  xml.ele('UOMTable');
  for (const [code, description] of [...units].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    xml.ele('UOMTableEntry');
    leaf('UnitOfMeasure', text(code, CODE));
    leaf('Description', text(description || code, LONG));
    xml.up();
  }
  xml.up();
  xml.ele('MovementTypeTable');
  const movementTypes = new Map<string, string>();
  for (const t of templates.values()) if (!movementTypes.has(t.movementType)) movementTypes.set(t.movementType, t.description || t.code);
  for (const [type, description] of [...movementTypes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    xml.ele('MovementTypeTableEntry');
    leaf('MovementType', text(type, CODE));
    leaf('Description', text(description, LONG));
    xml.up();
  }
  xml.up();

  section('Products');
  for (const it of items) {
    sink.push(PRODUCT([text(it.code, MIDDLE2), '01', text(it.description || it.code, LONG), text(it.ncCode || '0', MIDDLE1), text(it.uom, CODE), text(it.uom, CODE), '1']));
    await sink.flush();
  }
  xml.up();
  phase('products');

  // PhysicalStock: the valuation pass at from − 1 and at `to`, a batch of items at a time
  const openingDate = addDays(from, -1);
  const templatesForCost = await costTemplates(db);
  const passAt = async (date: string): Promise<Omit<PassOptions, 'items'>> => ({
    date,
    after: await closingBefore(db, date),
    perWarehouse: await valuePerWarehouse(db, date),
    method: 'management-area',
    groupBy: 'warehouse',
    detail: [],
    warehouses,
    templates: templatesForCost,
    closingSource: storedClosingHistory,
  });
  const openingPass = await passAt(openingDate);
  const closingPass = await passAt(to);
  let entries = 0;
  let openingValue = 0n;
  let closingValue = 0n;
  section('PhysicalStock');
  const batchSize = options.batchSize ?? 1_000;
  for (let i = 0; i < items.length; i += batchSize) {
    const batch = items.slice(i, i + batchSize);
    const byId = [...batch].sort((a, b) => a.id - b.id);
    const lines = new Map<number, { warehouseId: number; opening?: PassLine; closing?: PassLine }[]>();
    const keep = (which: 'opening' | 'closing') => (l: PassLine) => {
      let perItem = lines.get(l.item.id);
      if (!perItem) lines.set(l.item.id, (perItem = []));
      let e = perItem.find((x) => x.warehouseId === l.warehouseId);
      if (!e) perItem.push((e = { warehouseId: l.warehouseId! }));
      e[which] = l;
    };
    await valuationPass(ctx.store, { ...openingPass, items: byId }, keep('opening'));
    await valuationPass(ctx.store, { ...closingPass, items: byId }, keep('closing'));
    for (const it of batch) {
      const perItem = lines.get(it.id);
      if (!perItem) continue;
      perItem.sort((a, b) => warehouseOrder.get(a.warehouseId)! - warehouseOrder.get(b.warehouseId)!);
      for (const e of perItem) {
        const oq = e.opening?.quantity ?? 0n;
        const ov = e.opening?.value ?? 0n;
        const cq = e.closing?.quantity ?? 0n;
        const cv = e.closing?.value ?? 0n;
        if (oq === 0n && ov === 0n && cq === 0n && cv === 0n) continue;
        const unitCost = cq !== 0n ? e.closing!.unitCost : oq !== 0n ? e.opening!.unitCost : 0n;
        sink.push(
          PHYSICAL_STOCK_ENTRY([
            text(warehouses.get(e.warehouseId)?.code ?? '', MIDDLE1),
            text(it.code, MIDDLE2),
            it.stockAccount ? text(it.stockAccount, SHORT) : undefined,
            text(it.ncCode || '0', MIDDLE1),
            text(it.uom, CODE),
            '1',
            saftAmount(rescale(unitCost, UNIT_COST_SCALE, MONEY_SCALE)),
            saftQuantity(oq),
            saftAmount(ov),
            saftQuantity(cq),
            saftAmount(cv),
          ]),
        );
        entries++;
        openingValue += ov;
        closingValue += cv;
      }
    }
    await sink.flush();
  }
  xml.up(); // PhysicalStock
  phase('physical stock');
  empty('Owners');
  empty('Assets');
  xml.up(); // MasterFiles

  empty('GeneralLedgerEntries');

  // --- SourceDocuments ---
  xml.ele('SourceDocuments');
  empty('SalesInvoices');
  empty('PurchaseInvoices');
  empty('Payments');
  xml.ele('MovementOfGoods');
  leaf('NumberOfMovementLines', String(totals.lines));
  leaf('TotalQuantityReceived', saftQuantity(totals.received));
  leaf('TotalQuantityIssued', saftQuantity(totals.issued));
  let written = 0;
  let openRecord: number | undefined;
  const closeRecord = () => {
    if (openRecord !== undefined) sink.push(STOCK_MOVEMENT_END);
    openRecord = undefined;
  };
  const productCodes = new Map<number, string>();
  const productCode = (it: ItemInfo) => productCodes.get(it.id) ?? productCodes.set(it.id, text(it.code, MIDDLE2)).get(it.id)!;
  for (const w of warehouses.values()) {
    const warehouseId = text(w.code, MIDDLE1);
    await readPeriodLines(
      db,
      w.id,
      { from, to },
      async (page: PeriodLine[]) => {
        for (const l of page) {
          const t = templates.get(l.templateId);
          const it = itemById.get(l.itemId);
          if (!t || !it) throw new Error(`movement line of record ${l.recordId}: unknown template or item`);
          if (openRecord !== l.recordId) {
            closeRecord();
            openRecord = l.recordId;
            const reference = `${w.code}/${l.date}/${l.number}`;
            const document = l.internalDocument.trim() !== '';
            sink.push(
              STOCK_MOVEMENT_HEAD([
                text([...reference].length <= MIDDLE1 ? reference : `#${l.recordId}`, MIDDLE1),
                l.date,
                text(t.movementType, CODE),
                document ? text(t.code, SHORT) : undefined,
                document ? text(l.internalDocument, MIDDLE1) : undefined,
              ]).slice(0, -STOCK_MOVEMENT_END.length),
            );
          }
          const issue = l.quantity < 0n || (l.quantity === 0n && !t.load);
          sink.push(
            STOCK_MOVEMENT_LINE([
              String(l.lineNo),
              it.stockAccount ? text(it.stockAccount, MIDDLE2) : undefined,
              issue ? undefined : warehouseId,
              issue ? warehouseId : undefined,
              productCode(it),
              saftQuantity(l.quantity),
              text(it.uom, CODE),
              '1',
              saftAmount(l.amount),
            ]),
          );
          written++;
        }
        await sink.flush();
      },
      options.pageSize,
    );
    closeRecord();
  }
  xml.up(); // MovementOfGoods
  phase('movement lines');
  empty('AssetTransactions');
  xml.up(); // SourceDocuments
  xml.up(); // AuditFile
  xml.end();
  await sink.flush(true);
  if (written !== totals.lines) {
    // a record was posted, changed or deleted in the period while the export ran (see the header note)
    process.emitWarning(`SAF-T D406 ${from}..${to}: ${written} movement lines written, ${totals.lines} counted first`);
  }
  return {
    from,
    to,
    products: items.length,
    physicalStockEntries: entries,
    numberOfMovementLines: written,
    totalQuantityReceived: saftQuantity(totals.received),
    totalQuantityIssued: saftQuantity(totals.issued),
    openingStockValue: saftAmount(openingValue),
    closingStockValue: saftAmount(closingValue),
    size: sink.size,
  };
}

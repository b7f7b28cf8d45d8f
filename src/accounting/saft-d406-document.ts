/**
 * SAF-T D406: the document, written while it is read (the frame here, the
 * sections in saft-d406-master-files.ts, saft-d406-physical-stock.ts and
 * saft-d406-movements.ts); see saft-d406.ts for the document and its figures.
 */
import type { Writable } from 'node:stream';
import type { Ctx } from '../core/context.ts';
import { today } from '../core/dates.ts';
import { phases } from '../core/profile.ts';
import type { PeriodTotals } from './period-movements.ts';
import { companyFromEnv } from './saft-d406-company.ts';
import { readMasterData, writeMasterTables } from './saft-d406-master-files.ts';
import { writeMovementOfGoods } from './saft-d406-movements.ts';
import { writePhysicalStock } from './saft-d406-physical-stock.ts';
import { MIDDLE1, MIDDLE2, saftAmount, saftQuantity, SHORT, text } from './saft-d406-rows.ts';
import { documentWriter } from './saft-d406-writer.ts';
import type { SaftD406Options, SaftD406Summary } from './saft-d406.ts';

/** The namespace of a D406 declaration. */
export const D406_NAMESPACE = 'mfp:anaf:dgti:d406:declaratie:v1';
/** The schema version written in Header/AuditFileVersion. */
export const D406_VERSION = '2.4.9';
const SOFTWARE_VERSION = '0.1.0';

export async function writeDocument(ctx: Ctx, period: { from: string; to: string; totals: PeriodTotals }, out: Writable, options: SaftD406Options): Promise<SaftD406Summary> {
  const db = ctx.store.db;
  const { from, to, totals } = period;
  const company = options.company ?? companyFromEnv();
  const phase = phases('saft-d406');
  const w = documentWriter(out);
  const { xml, sink, leaf, empty } = w;

  // --- master data (small: held) ---
  const master = await readMasterData(db);
  const { items } = master;

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
  await writeMasterTables(w, master);
  phase('products');

  // PhysicalStock: the valuation pass at from − 1 and at `to`, a batch of items at a time
  const { entries, openingValue, closingValue } = await writePhysicalStock(ctx, w, master, { from, to }, options.batchSize);
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
  const written = await writeMovementOfGoods(db, w, master, { from, to, totals }, options.pageSize);
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

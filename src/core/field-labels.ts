/**
 * The field-label catalogue (SPEC §14: validation messages name the field in
 * the user's language): every field of every route's body, query and path,
 * by its JSON name, as a person calls it in Romanian and English. Shared by
 * the server (schema problems, `core/field-messages.ts`) and the web app
 * (field problems that no form field shows). No Node-only imports.
 *
 * `g` is the Romanian grammatical agreement of the label ("Data este
 * obligatorie", "Codul este obligatoriu", "Liniile sunt obligatorii"):
 * `f` feminine, `pl` plural, masculine/neuter when absent.
 */
import type { Language } from './i18n.ts';

export interface FieldLabel {
  ro: string;
  en: string;
  g?: 'f' | 'pl';
}

const f = (ro: string, en: string): FieldLabel => ({ ro, en, g: 'f' });
const m = (ro: string, en: string): FieldLabel => ({ ro, en });
const pl = (ro: string, en: string): FieldLabel => ({ ro, en, g: 'pl' });

/** By field name: the label wherever the field appears (a resource may name it more precisely, below). */
export const FIELD_LABELS: Record<string, FieldLabel> = {
  account: m('Clientul/furnizorul', 'The account (customer/supplier)'),
  active: m('Câmpul „activ”', 'The active flag'),
  allowNegativeStock: f('Permisiunea de stoc negativ', 'The negative stock permission'),
  altQuantity: f('Cantitatea în unitatea alternativă', 'The quantity in the alternative unit'),
  altUom: f('Unitatea de măsură alternativă', 'The alternative unit of measure'),
  alternativeUnits: pl('Unitățile de măsură alternative', 'The alternative units of measure'),
  amount: f('Valoarea', 'The amount'),
  approval: f('Aprobarea diferențelor', 'The approval of differences'),
  approver: m('Dreptul de aprobare', 'The approver flag'),
  averageCost: m('Costul mediu', 'The average cost'),
  barcode: m('Codul de bare', 'The barcode'),
  barcodes: pl('Codurile de bare', 'The barcodes'),
  blindCount: f('Numărarea „oarbă”', 'The blind count flag'),
  by: pl('Dimensiunile de grupare', 'The grouping dimensions'),
  checkAccount: f('Verificarea clientului/furnizorului', 'The account check'),
  checkJobOrder: f('Verificarea comenzii', 'The job order check'),
  checkLocation: f('Verificarea locației', 'The location check'),
  class: f('Clasa ABC', 'The ABC class'),
  classes: pl('Clasele ABC', 'The ABC classes'),
  closeByAccount: f('Închiderea pe client/furnizor', 'Closing by account'),
  closeByJobOrder: f('Închiderea pe comandă', 'Closing by job order'),
  closeByLocation: f('Închiderea pe locație', 'Closing by location'),
  closeByLot: f('Închiderea pe lot', 'Closing by lot'),
  closeByVariant: f('Închiderea pe variantă', 'Closing by variant'),
  closed: m('Câmpul „închis”', 'The closed flag'),
  closedAt: m('Momentul închiderii', 'The closing time'),
  closedBy: m('Cel care a închis', 'Closed by'),
  closingDate: f('Data închiderii', 'The closing date'),
  closingId: f('Închiderea', 'The closing'),
  code: m('Codul', 'The code'),
  collapse: pl('Dimensiunile comasate', 'The collapsed dimensions'),
  confirm: f('Confirmarea', 'The confirmation'),
  considerZeroMovements: f('Luarea în calcul a mișcărilor cu valoare zero', 'Considering zero movements'),
  countsPerYear: m('Numărul de numărări pe an', 'The counts per year'),
  creditAccount: m('Contul creditor', 'The credit account'),
  createdAt: m('Momentul creării', 'The creation time'),
  createdBy: m('Autorul', 'Created by'),
  csvStyle: m('Stilul CSV', 'The CSV style'),
  currentLocation: f('Locația curentă', 'The current location'),
  date: f('Data', 'The date'),
  debitAccount: m('Contul debitor', 'The debit account'),
  decimals: m('Numărul de zecimale', 'The number of decimals'),
  decision: f('Decizia', 'The decision'),
  defaultLocation: f('Locația implicită', 'The default location'),
  description: f('Descrierea', 'The description'),
  detail: pl('Dimensiunile de detaliu', 'The detail dimensions'),
  employee: m('Angajatul', 'The employee'),
  employeeName: m('Numele angajatului', "The employee's name"),
  entity: f('Entitatea', 'The entity'),
  expiry: f('Data expirării', 'The expiry date'),
  factor: m('Factorul de conversie', 'The conversion factor'),
  fiscalCategory: f('Categoria fiscală', 'The fiscal category'),
  fiscalInterest: m('Interesul fiscal', 'The fiscal interest flag'),
  format: m('Formatul', 'The format'),
  freeze: f('Blocarea gestiunii', 'The warehouse freeze'),
  from: f('Data de început', 'The start date'),
  groupBy: f('Gruparea', 'The grouping'),
  historicize: f('Istoricizarea', 'The historicize option'),
  historyDate: f('Data istoricului', 'The history date'),
  id: m('Identificatorul', 'The id'),
  internalDocument: m('Documentul intern', 'The internal document'),
  internalDocumentDate: f('Data documentului intern', 'The internal document date'),
  inventory: m('Inventarul', 'The inventory'),
  inventoryDate: f('Data inventarului', 'The inventory date'),
  inventoryId: m('Inventarul', 'The inventory'),
  item: m('Articolul', 'The item'),
  itemFrom: m('Articolul de început', 'The first item'),
  itemTo: m('Articolul de sfârșit', 'The last item'),
  itemType: m('Tipul articolului', 'The item type'),
  jobOrder: f('Comanda', 'The job order'),
  key: f('Cheia', 'The key'),
  language: f('Limba', 'The language'),
  lastClosingDate: f('Data ultimei închideri', 'The last closing date'),
  lastCost: m('Ultimul cost', 'The last cost'),
  limit: f('Limita', 'The limit'),
  lineNo: m('Numărul liniei', 'The line number'),
  lines: pl('Liniile', 'The lines'),
  listType: m('Tipul de listă', 'The list type'),
  lists: pl('Listele', 'The lists'),
  loadTemplate: m('Șablonul de intrare', 'The load template'),
  location: f('Locația', 'The location'),
  locationFrom: f('Locația de început', 'The first location'),
  locationTo: f('Locația de sfârșit', 'The last location'),
  lot: m('Lotul', 'The lot'),
  lotManaged: f('Gestiunea pe loturi', 'The lot management flag'),
  lotManagement: f('Gestiunea pe loturi', 'The lot management'),
  maintainLocation: f('Păstrarea locației', 'The keep location flag'),
  managementArea: f('Zona de gestiune', 'The management area'),
  mandatoryAccount: m('Clientul/furnizorul obligatoriu', 'The mandatory account flag'),
  mandatoryDocument: m('Documentul obligatoriu', 'The mandatory document flag'),
  merchandiseCategory: f('Categoria de marfă', 'The merchandise category'),
  method: f('Metoda de cost', 'The cost method'),
  mine: m('Filtrul „ale mele”', 'The mine filter'),
  mirrorOf: f('Înregistrarea oglindită', 'The mirrored record'),
  mode: m('Modul', 'The mode'),
  name: m('Numele', 'The name'),
  negativeStock: m('Stocul negativ', 'The negative stock rule'),
  notes: pl('Observațiile', 'The notes'),
  ncCode: m('Codul NC (nomenclatura combinată)', 'The CN code (combined nomenclature)'),
  number: m('Numărul', 'The number'),
  oddments: pl('Resturile', 'The oddments flag'),
  offset: m('Decalajul', 'The offset'),
  offsetRecordId: f('Înregistrarea de contrapartidă', 'The offset record'),
  offsetTemplate: m('Șablonul de contrapartidă', 'The offset template'),
  offsetWarehouse: f('Gestiunea de contrapartidă', 'The offset warehouse'),
  open: m('Filtrul „deschise”', 'The open filter'),
  operator: m('Operatorul', 'The operator'),
  operatorName: m('Numele operatorului', "The operator's name"),
  origin: f('Originea', 'The origin'),
  parent: f('Locația părinte', 'The parent location'),
  password: f('Parola', 'The password'),
  periodEnd: m('Sfârșitul perioadei', 'The period end'),
  periodStart: m('Începutul perioadei', 'The period start'),
  physicalInventory: m('Inventarul faptic', 'The physical inventory flag'),
  postedAt: m('Momentul înregistrării', 'The posting time'),
  postingDate: f('Data înregistrării', 'The posting date'),
  processingDate: f('Data procesării', 'The processing date'),
  proposedCost: m('Costul propus', 'The proposed cost'),
  q: m('Textul căutat', 'The search text'),
  quantity: f('Cantitatea', 'The quantity'),
  quantityTolerancePct: f('Toleranța de cantitate (%)', 'The quantity tolerance (%)'),
  reason: m('Motivul', 'The reason'),
  recount: f('Renumărarea', 'The recount'),
  recountRound: f('Runda de renumărare', 'The recount round'),
  record: f('Înregistrarea', 'The record'),
  referenceDocument: m('Documentul de referință', 'The reference document'),
  reversedAt: m('Momentul anulării', 'The reversal time'),
  reversedBy: m('Cel care a anulat', 'Reversed by'),
  role: m('Rolul', 'The role'),
  saftMovementType: m('Tipul de mișcare SAF-T', 'The SAF-T movement type'),
  salePrice: m('Prețul de vânzare', 'The sale price'),
  scanId: m('Identificatorul scanării', 'The scan id'),
  serial: f('Seria', 'The serial'),
  serialManaged: f('Gestiunea pe serii', 'The serial management flag'),
  serials: pl('Seriile', 'The serials'),
  sort: f('Ordinea', 'The sort order'),
  standardCost: m('Costul standard', 'The standard cost'),
  stock: m('Stocul', 'The stock filter'),
  stockAccount: m('Contul de stoc', 'The stock account'),
  stockDate: f('Data stocului', 'The stock date'),
  template: m('Șablonul', 'The template'),
  to: f('Data de sfârșit', 'The end date'),
  type: m('Tipul', 'The type'),
  unitCost: m('Costul unitar', 'The unit cost'),
  unloadTemplate: m('Șablonul de ieșire', 'The unload template'),
  uom: f('Unitatea de măsură', 'The unit of measure'),
  updateAverageCost: f('Actualizarea costului mediu', 'Updating the average cost'),
  updateItemCost: f('Actualizarea costului articolului', 'Updating the item cost'),
  updateLastCost: f('Actualizarea ultimului cost', 'Updating the last cost'),
  updateSalePrice: f('Actualizarea prețului de vânzare', 'Updating the sale price'),
  updatedAt: m('Momentul modificării', 'The update time'),
  updatedBy: m('Autorul modificării', 'Updated by'),
  user: m('Utilizatorul', 'The user'),
  username: m('Numele de utilizator', 'The user name'),
  validUntil: f('Data de valabilitate', 'The valid-until date'),
  valuePerWarehouse: f('Valoarea pe gestiune', 'The value per warehouse'),
  valueTolerance: f('Toleranța de valoare', 'The value tolerance'),
  variant: f('Varianta', 'The variant'),
  variants: pl('Variantele', 'The variants'),
  warehouse: f('Gestiunea', 'The warehouse'),
  warehouses: pl('Gestiunile', 'The warehouses'),
  wh: f('Gestiunea', 'The warehouse'),
  year: m('Anul', 'The year'),
  zeroScope: f('Aria de aducere la zero', 'The zero scope'),
  zeroUncounted: f('Aducerea la zero a nenumăratelor', 'Zeroing the uncounted'),
  // Romanian yearly inventory (SPEC §12)
  decisionNumber: m('Numărul deciziei de inventariere', 'The inventory decision number'),
  decisionDate: f('Data deciziei de inventariere', 'The inventory decision date'),
  president: m('Președintele comisiei', 'The commission president'),
  members: pl('Membrii comisiei', 'The commission members'),
  storekeepers: pl('Gestionarii', 'The storekeepers'),
  lastReceipt: m('Ultimul document de intrare', 'The last receipt document'),
  lastIssue: m('Ultimul document de ieșire', 'The last issue document'),
  thirdPartyGoods: pl('Bunurile terților aflate în gestiune', 'The third parties\' goods held'),
  knownDifferences: pl('Diferențele cunoscute', 'The known differences'),
  defined: m('Câmpul „completat”', 'The defined flag'),
  names: pl('Numele angajaților', 'The employee names'),
  pct: m('Procentul', 'The percentage'),
  items: pl('Articolele', 'The items'),
  itemGroup: f('Grupa de articole', 'The item group'),
  imputableTemplate: m('Șablonul pentru lipsuri imputabile', 'The imputable shortage template'),
  compensationUnloadTemplate: m('Șablonul de ieșire pentru compensare', 'The compensation unload template'),
  compensationLoadTemplate: m('Șablonul de intrare pentru compensare', 'The compensation load template'),
  allowanceTemplate: m('Șablonul pentru perisabilități', 'The natural-loss allowance template'),
};

/**
 * Labels a resource names more precisely ("Data inventarului" on an
 * inventory), by the route's first path segment after /api/.
 */
export const RESOURCE_FIELD_LABELS: Record<string, Record<string, FieldLabel>> = {
  inventories: {
    date: f('Data inventarului', 'The inventory date'),
    notes: pl('Observațiile inventarului', 'The inventory notes'),
    number: m('Numărul inventarului', 'The inventory number'),
  },
  records: {
    date: f('Data înregistrării', 'The record date'),
    number: m('Numărul înregistrării', 'The record number'),
  },
  employees: { code: m('Marca angajatului', 'The employee code') },
  items: { code: m('Codul articolului', 'The item code') },
  warehouses: { code: m('Codul gestiunii', 'The warehouse code') },
  units: { code: m('Simbolul unității', 'The unit symbol') },
  stock: { date: f('Data stocului', 'The stock date') },
  reports: { date: f('Data raportului', 'The report date') },
  closings: { from: f('Data de început', 'The start date'), to: f('Data de sfârșit', 'The end date') },
};

/** The resource of a route pattern or a URL: its first segment after /api/ ("inventories"). */
export function resourceOf(route: string | undefined): string | undefined {
  return route ? /^\/api\/([^/?]+)/.exec(route)?.[1] : undefined;
}

/** The label of a field name, the route's resource's own first; undefined when the catalogue does not know it. */
export function fieldLabel(name: string, route?: string): FieldLabel | undefined {
  const resource = resourceOf(route);
  return (resource ? RESOURCE_FIELD_LABELS[resource]?.[name] : undefined) ?? (Object.hasOwn(FIELD_LABELS, name) ? FIELD_LABELS[name] : undefined);
}

/** The field a JSON pointer names: its last segment that is not an array index ("/lines/0/lot" → "lot"). */
export function fieldNameOf(pointer: string): string | undefined {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .filter((s) => s !== '' && !/^\d+$/.test(s))
    .pop();
}

const ROW: Record<Language, { line: string; row: string }> = {
  ro: { line: 'Linia {n}', row: '{label}, poziția {n}' },
  en: { line: 'Line {n}', row: '{label}, entry {n}' },
};

/**
 * Where in a body a pointer is, as a person reads it: "Linia 2" for
 * `/lines/1/quantity`, "Variantele, poziția 1" for `/variants/0/code`; '' at the top level.
 */
export function positionOf(pointer: string, lang: Language, route?: string): string {
  const segments = pointer.split('/').slice(1);
  const parts: string[] = [];
  for (let i = 1; i < segments.length - 1; i++) {
    if (!/^\d+$/.test(segments[i])) continue;
    const n = String(Number(segments[i]) + 1);
    const parent = segments[i - 1];
    if (parent === 'lines' || parent === 'rows') parts.push(ROW[lang].line.replace('{n}', n));
    else parts.push(ROW[lang].row.replace('{label}', fieldLabel(parent, route)?.[lang] ?? parent).replace('{n}', n));
  }
  return parts.join(', ');
}

/**
 * A field named for a person: "Linia 2, Cantitatea" / "Line 2, the quantity",
 * or its label alone at the top level; the raw name when no label is known.
 */
export function fieldTitle(pointer: string, lang: Language, route?: string): string {
  const name = fieldNameOf(pointer);
  if (!name) return '';
  const label = fieldLabel(name, route)?.[lang] ?? name;
  const where = positionOf(pointer, lang, route);
  if (!where) return label;
  return `${where}: ${lang === 'en' ? label.replace(/^The /, 'the ') : label}`;
}

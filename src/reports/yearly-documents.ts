/**
 * The documents of the Romanian yearly inventory (SPEC §12), in Romanian or
 * English by the request's language, and what they share (their words, the
 * commission's facts and the signature blocks):
 * - the inventory list (listă de inventariere, form 14-3-12) as PDF, CSV or
 *   XLSX: totals per page and overall, the commission's and the
 *   storekeeper's signatures on every page (`inventory-list-document.ts`);
 * - the proces-verbal of the inventory results (PDF, `proces-verbal.ts`);
 * - the registrul-inventar of a year (PDF, CSV, XLSX): one row per stock
 *   account and warehouse (the warehouse's last posted inventory of the
 *   year, its list values as stored at posting), account subtotals after the
 *   table (`registrul-inventar.ts`).
 */
import { Money } from '../core/decimal.ts';
import type { Language } from '../core/i18n.ts';
import { formatDate } from '../core/locale.ts';
import type { CommissionView } from '../inventory/yearly.ts';

export const WORDS = {
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

export const money = (v: bigint) => Money.format(v);
export const sum = (values: bigint[]) => values.reduce((s, v) => s + v, 0n);

/** The commission's and the storekeepers' signature blocks (blank lines when no commission was saved). */
export function signatures(c: CommissionView, warehouses: string[], lang: Language): { caption: string; name?: string }[] {
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

export function commissionFacts(c: CommissionView, lang: Language): [string, string][] {
  const w = WORDS[lang];
  if (!c.defined) return [];
  const person = (code: string) => `${c.names[code] ?? ''} (${code})`;
  return [
    [w.decision, `${c.decisionNumber} ${w.decisionDate} ${formatDate(c.decisionDate, lang)}`],
    [w.president, person(c.president)],
    [w.members, c.members.map(person).join(', ') || w.none],
  ];
}

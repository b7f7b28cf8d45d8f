/**
 * The demo company: a central depot and a shop, ~50 items (food in lots,
 * T-shirts in sizes), the usual templates, employees and users, and a year
 * of purchases, transfers and sales up to today. Deterministic (seeded), and
 * loaded through the same services as real data, so every rule holds.
 */
import { SYSTEM_ACTOR, type Ctx } from '../core/context.ts';
import { UnitCost } from '../core/decimal.ts';
import { addDays, today, yearOf } from '../core/dates.ts';
import { seededRandom } from '../core/random.ts';
import type { Store } from '../db/connection.ts';
import { importRecords } from '../ledger/import.ts';
import type { LineInput, RecordInput } from '../ledger/plan.ts';
import { createEmployee } from '../masterdata/employees.ts';
import { createItem } from '../masterdata/item-writes.ts';
import { createListType } from '../masterdata/list-types.ts';
import { createManagementArea } from '../masterdata/management-areas.ts';
import { putStockDifferenceParams } from '../masterdata/stock-difference-params.ts';
import { createTemplate, type TemplateInput } from '../masterdata/templates.ts';
import { createUser } from '../masterdata/users.ts';
import { createLocation, createWarehouse } from '../masterdata/warehouses.ts';
import { putYearParams } from '../masterdata/year-params.ts';

export interface DemoSummary {
  items: number;
  records: number;
  lines: number;
  users: { username: string; password: string; role: string }[];
}

/** An EAN-13 with the Romanian GS1 prefix 594 and a correct check digit. */
export function ean13(n: number): string {
  const body = `594${String(n).padStart(9, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
}

interface DemoItem {
  code: string;
  description: string;
  uom: string;
  category: string;
  /** purchase cost in bani (1/100 lei) */
  cost: number;
  lot?: boolean;
  sizes?: string[];
  location: string;
}

const GROUPS: [string, string, string, boolean, [string, string, number][]][] = [
  // category, location, uom, lot-managed, items [code, description, cost in bani]
  ['Alimentare', 'R01-A', 'buc', true, [
    ['LAP01', 'Lapte integral 3,5% 1 l', 689], ['LAP02', 'Lapte bătut 1 l', 745], ['IAU01', 'Iaurt grecesc 150 g', 389],
    ['IAU02', 'Iaurt de băut cu căpșuni', 512], ['BRZ01', 'Brânză telemea de vacă', 2890], ['BRZ02', 'Cașcaval Dalia 400 g', 2450],
    ['UNT01', 'Unt 82% 200 g', 1190], ['SMT01', 'Smântână 20% 400 g', 899], ['OUA10', 'Ouă mărimea M (10 buc.)', 1350],
    ['SNC01', 'Șuncă presată feliată', 1575], ['SLN01', 'Salam de Sibiu 250 g', 2199], ['PAI01', 'Pâine albă feliată', 549],
    ['CRN01', 'Cârnăciori oltenești', 1890], ['ZAC01', 'Zacuscă de vinete 300 g', 1099], ['MIE01', 'Miere de salcâm 500 g', 3200],
  ]],
  ['Băuturi', 'R01-B', 'buc', false, [
    ['APA01', 'Apă plată 2 l', 299], ['APA02', 'Apă minerală carbogazoasă 1,5 l', 329], ['SUC01', 'Suc de portocale 1 l', 899],
    ['SUC02', 'Suc de mere natural 1 l', 799], ['CAF01', 'Cafea boabe 1 kg', 6990], ['CAF02', 'Cafea măcinată 250 g', 1890],
    ['CEA01', 'Ceai de mentă 20 plicuri', 549], ['BER01', 'Bere blondă 0,5 l', 459], ['VIN01', 'Vin Fetească Neagră 0,75 l', 3450],
    ['VIN02', 'Vin Tămâioasă Românească 0,75 l', 3890],
  ]],
  ['Papetărie', 'R02-A', 'buc', false, [
    ['HAR01', 'Hârtie copiator A4 500 coli', 2390], ['PIX01', 'Pix albastru', 150], ['CAI01', 'Caiet dictando 80 file', 650],
    ['CAI02', 'Caiet matematică 48 file', 420], ['DOS01', 'Dosar plic transparent', 120], ['CAP01', 'Capsator metalic', 2750],
    ['MAR01', 'Marker permanent negru', 599], ['AGE01', 'Agendă datată 2026', 3990], ['PLI01', 'Plic C4 alb', 45], ['LIP01', 'Lipici solid 20 g', 399],
  ]],
  ['Casă și curățenie', 'R02-B', 'buc', false, [
    ['DET01', 'Detergent lichid 3 l', 4590], ['DET02', 'Detergent vase 1 l', 899], ['BUR01', 'Bureți de bucătărie (5 buc.)', 499],
    ['SAC01', 'Saci menaj 60 l (20 buc.)', 799], ['BEC01', 'Bec LED E27 10 W', 1290], ['PRE01', 'Prelungitor 3 prize 1,5 m', 3490],
    ['BAT01', 'Baterii alcaline AA (4 buc.)', 1990], ['SAP01', 'Săpun lichid 500 ml', 699],
  ]],
];

const SIZED: [string, string, number][] = [
  ['TRI01', 'Tricou bumbac alb', 2490], ['TRI02', 'Tricou polo bleumarin', 4990], ['HAN01', 'Hanorac gri cu glugă', 8990],
  ['SOS01', 'Șosete bumbac (3 perechi)', 1990], ['SEP01', 'Șapcă cu logo', 2990], ['BLU01', 'Bluză de lucru reflectorizantă', 5990],
  ['PAN01', 'Pantaloni de lucru', 7990],
];
const SIZES = ['S', 'M', 'L', 'XL'];

export function demoItems(): DemoItem[] {
  const items: DemoItem[] = [];
  for (const [category, location, uom, lot, list] of GROUPS) {
    for (const [code, description, cost] of list) items.push({ code, description, uom, category, cost, lot, location });
  }
  for (const [code, description, cost] of SIZED) {
    items.push({ code, description, uom: 'buc', category: 'Textile', cost, sizes: SIZES, location: 'R02-B' });
  }
  return items;
}

const DEMO_USERS = [
  { username: 'sef', password: 'demo-sef-2026', role: 'supervisor', employee: 'E001' },
  { username: 'ana', password: 'demo-ana-2026', role: 'counter', employee: 'E002' },
  { username: 'mihai', password: 'demo-mihai-2026', role: 'counter', employee: 'E003' },
  { username: 'contabil', password: 'demo-cont-2026', role: 'viewer', employee: null },
];

/** The demo's item types (their stock accounts by default, SPEC §9): goods 371, coffee beans roasted in house 301, own-label clothing 345, cleaning supplies 3028. */
function itemTypeOf(it: DemoItem): string {
  if (it.code === 'CAF01') return 'materii prime';
  if (it.category === 'Textile') return 'produse finite';
  if (it.category === 'Casă și curățenie') return 'materiale consumabile';
  return 'marfă';
}

/** Combined nomenclature codes (8 digits, SAF-T D406) by item code prefix. */
const NC_CODES: Record<string, string> = {
  APA: '22011011', SUC: '20091200', CAF: '09012100', CEA: '09024000', BER: '22030001', VIN: '22042110',
  HAR: '48025620', PIX: '96081010', CAI: '48202000', DOS: '39261000', CAP: '84729080', MAR: '96082000', AGE: '48201010', PLI: '48171000', LIP: '35069100',
  DET: '34022090', BUR: '39249000', SAC: '39232100', BEC: '85395200', PRE: '85444290', BAT: '85061018', SAP: '34013000',
  TRI: '61091000', HAN: '61102099', SOS: '61159500', SEP: '65050090', BLU: '62114390', PAN: '62034235',
};
const ncCodeOf = (it: DemoItem): string | undefined => NC_CODES[it.code.slice(0, 3)];

async function masterData(ctx: Ctx, items: DemoItem[], years: number[]): Promise<void> {
  await createManagementArea(ctx, { code: 'CMP', description: 'Mărfuri — cost mediu ponderat', method: 'average' });
  await createManagementArea(ctx, { code: 'FIFO', description: 'Magazin — FIFO', method: 'fifo' });
  await createWarehouse(ctx, { code: 'DEP', description: 'Depozit central Cluj', managementArea: 'CMP' });
  await createWarehouse(ctx, { code: 'MAG', description: 'Magazin Centru', managementArea: 'FIFO' });
  for (const loc of ['R01', 'R02']) {
    await createLocation(ctx, 'DEP', { code: loc, description: `Raftul ${loc}` });
    for (const side of ['A', 'B']) await createLocation(ctx, 'DEP', { code: `${loc}-${side}`, description: `Raftul ${loc}, partea ${side}`, parent: loc });
  }
  await createLocation(ctx, 'MAG', { code: 'SALA', description: 'Sala de vânzare' });
  await createLocation(ctx, 'MAG', { code: 'DEPOZIT', description: 'Depozitul magazinului' });
  for (const [code, name] of [
    ['E001', 'Andrei Popescu'],
    ['E002', 'Ana Mureșan'],
    ['E003', 'Mihai Ștefănescu'],
    ['E004', 'Ioana Țurcanu'],
  ]) {
    await createEmployee(ctx, { code, name });
  }
  for (const u of DEMO_USERS) await createUser(ctx, u);
  await createListType(ctx, { code: 'STD', description: 'Listă standard' });
  await createListType(ctx, { code: 'ORB', description: 'Numărare oarbă (fără stoc scriptic)', blindCount: true });
  await createListType(ctx, { code: 'LOC', description: 'Pe locații (păstrează locația)', maintainLocation: true });

  let n = 1;
  for (const it of items) {
    const cost = UnitCost.format(BigInt(it.cost) * 1000n);
    await createItem(ctx, {
      code: it.code,
      description: it.description,
      uom: it.uom,
      itemType: itemTypeOf(it),
      ncCode: ncCodeOf(it),
      fiscalCategory: it.category === 'Alimentare' ? 'TVA9' : 'TVA19',
      merchandiseCategory: it.category,
      fiscalInterest: true,
      lotManaged: !!it.lot,
      barcodes: it.sizes ? [] : [ean13(n++)],
      variants: it.sizes?.map((s) => ({ code: s, description: `Mărimea ${s}`, barcodes: [ean13(n++)] })),
      standardCost: cost,
      averageCost: cost,
      lastCost: cost,
      salePrice: UnitCost.format((BigInt(it.cost) * 1000n * 13n) / 10n),
    });
  }

  const common = { fiscalInterest: true, lotManagement: true };
  const templates: [string, TemplateInput][] = [];
  for (const wh of ['DEP', 'MAG']) {
    templates.push(
      // the Romanian chart (SPEC §9): STOCK is each item's stock account (371, 301, 345, 3028); SAF-T D406 movement types
      [wh, { code: 'ACH', description: 'Achiziție de la furnizor (NIR)', type: 'load', proposedCost: 'last', updateAverageCost: true, updateLastCost: true, updateItemCost: true, mandatoryAccount: true, ...common, debitAccount: 'STOCK', creditAccount: '401', saftMovementType: '10' }],
      [wh, { code: 'VAN', description: 'Vânzare către client', type: 'unload', proposedCost: 'average', ...common, debitAccount: '607', creditAccount: 'STOCK', saftMovementType: '30' }],
      [wh, { code: 'PLS', description: 'Plus la inventar', type: 'load', proposedCost: 'average', physicalInventory: true, ...common, debitAccount: 'STOCK', creditAccount: '607', saftMovementType: '70' }],
      [wh, { code: 'MIN', description: 'Minus la inventar', type: 'unload', proposedCost: 'average', physicalInventory: true, ...common, debitAccount: '607', creditAccount: 'STOCK', saftMovementType: '80' }],
      [wh, { code: 'PER', description: 'Perisabilități (lipsă în limite normale)', type: 'unload', proposedCost: 'average', physicalInventory: true, ...common, debitAccount: '6588', creditAccount: 'STOCK', saftMovementType: '80' }],
      [wh, { code: 'IMP', description: 'Lipsă imputabilă gestionarului', type: 'unload', proposedCost: 'average', physicalInventory: true, ...common, debitAccount: '4282', creditAccount: 'STOCK', saftMovementType: '80' }],
      // SPEC §12: compensated surpluses and shortages of confusion groups, a dedicated pair on the inventory accounts
      [wh, { code: 'CPL', description: 'Plus compensat (risc de confuzie)', type: 'load', proposedCost: 'average', physicalInventory: true, ...common, debitAccount: 'STOCK', creditAccount: '607', saftMovementType: '70' }],
      [wh, { code: 'CMN', description: 'Minus compensat (risc de confuzie)', type: 'unload', proposedCost: 'average', physicalInventory: true, ...common, debitAccount: '607', creditAccount: 'STOCK', saftMovementType: '80' }],
      [wh, { code: 'RES', description: 'Resturi (sold inițial)', type: 'load', proposedCost: 'average', oddments: true, ...common }],
    );
  }
  // a transfer keeps the goods on the same stock account: no entry; SAF-T still names the movement
  templates.push(['MAG', { code: 'TRI', description: 'Transfer primit din depozit', type: 'load', proposedCost: 'average', defaultLocation: 'SALA', ...common, saftMovementType: '50' }]);
  templates.push(['DEP', { code: 'TRF', description: 'Transfer către magazin', type: 'unload', proposedCost: 'average', offsetWarehouse: 'MAG', offsetTemplate: 'TRI', ...common, saftMovementType: '50' }]);
  for (const [wh, t] of templates) await createTemplate(ctx, wh, t);
  for (const wh of ['DEP', 'MAG']) {
    await putStockDifferenceParams(ctx, wh, {
      loadTemplate: 'PLS',
      unloadTemplate: 'MIN',
      compensationLoadTemplate: 'CPL',
      compensationUnloadTemplate: 'CMN',
      allowanceTemplate: 'PER',
      imputableTemplate: 'IMP',
    });
  }
  for (const year of years) {
    await putYearParams(ctx, year, {
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      warehouses: [
        { warehouse: 'DEP', closeByLocation: true, closeByLot: true, closeByVariant: true },
        { warehouse: 'MAG', closeByLocation: true, closeByLot: true, closeByVariant: true },
      ],
    });
  }
}

type StockMap = Map<string, bigint>;

/** A year of movements that never takes any key below zero. */
export function demoMovements(items: DemoItem[], end: string, seed = 2026): RecordInput[] {
  const rnd = seededRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const units = (from: number, to: number) => BigInt(from + Math.floor(rnd() * (to - from + 1)));
  const stock: StockMap = new Map(); // `${wh}|${item}|${variant}|${location}|${lot}` → whole units
  const key = (...p: string[]) => p.join('|');
  const records: RecordInput[] = [];
  const start = addDays(end, -364);
  let nir = 1;
  for (let date = start; date <= end; date = addDays(date, 1)) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0) continue;
    if (weekday === 1) {
      // Monday: purchases into the depot from two suppliers
      for (const supplier of ['F001', 'F002']) {
        const lines: LineInput[] = [];
        for (const it of items.filter(() => rnd() < 0.22)) {
          const variants = it.sizes ?? [''];
          for (const v of variants) {
            const qty = units(24, 120);
            const lot = it.lot ? `L${date.replaceAll('-', '').slice(2)}` : '';
            // ±8% around the list cost, in bani
            const cost = BigInt(Math.round(it.cost * (0.92 + rnd() * 0.16)));
            lines.push({ item: it.code, variant: v || undefined, quantity: String(qty), unitCost: UnitCost.format(cost * 1000n), location: it.location, lot: lot || undefined });
            stock.set(key('DEP', it.code, v, it.location, lot), (stock.get(key('DEP', it.code, v, it.location, lot)) ?? 0n) + qty);
          }
        }
        if (lines.length) records.push({ warehouse: 'DEP', template: 'ACH', date, internalDocument: `NIR ${nir++}`, internalDocumentDate: date, account: supplier, lines });
      }
    }
    if (weekday === 3) {
      // Wednesday: the shop is restocked from the depot, oldest lots first
      const lines: LineInput[] = [];
      for (const [k, qty] of [...stock.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const [wh, item, variant, location, lot] = k.split('|');
        if (wh !== 'DEP' || qty <= 0n || rnd() < 0.5) continue;
        const moved = (qty * units(30, 60)) / 100n;
        if (moved <= 0n) continue;
        lines.push({ item, variant: variant || undefined, quantity: String(moved), location, lot: lot || undefined });
        stock.set(k, qty - moved);
        stock.set(key('MAG', item, variant, 'SALA', lot), (stock.get(key('MAG', item, variant, 'SALA', lot)) ?? 0n) + moved);
      }
      if (lines.length) records.push({ warehouse: 'DEP', template: 'TRF', date, internalDocument: `AVZ ${date}`, lines });
    }
    // every working day: sales in the shop, and now and then from the depot
    const shop = [...stock.entries()].filter(([k, q]) => k.startsWith('MAG|') && q > 0n);
    const lines: LineInput[] = [];
    for (let i = 0; i < 6 && shop.length; i++) {
      const [k] = pick(shop);
      const [, item, variant, location, lot] = k.split('|');
      const have = stock.get(k)!;
      const sold = have < 8n ? have : units(1, 8);
      if (sold <= 0n || lines.some((l) => `${l.item}|${l.variant ?? ''}|${l.lot ?? ''}` === `${item}|${variant}|${lot}`)) continue;
      lines.push({ item, variant: variant || undefined, quantity: String(sold), location, lot: lot || undefined });
      stock.set(k, have - sold);
    }
    if (lines.length) records.push({ warehouse: 'MAG', template: 'VAN', date, internalDocument: `BON ${date}`, lines });
  }
  return records;
}

/** Loads the demo into an empty database; undefined when it already holds data. */
export async function loadDemo(store: Store): Promise<DemoSummary | undefined> {
  const any = await store.db.selectFrom('warehouses').select('id').limit(1).executeTakeFirst();
  if (any) return undefined;
  const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'ro' };
  const end = today();
  const items = demoItems();
  const years = [...new Set([yearOf(addDays(end, -364)), yearOf(end)])];
  await masterData(ctx, items, years);
  const result = await importRecords(ctx, demoMovements(items, end));
  return { items: items.length, records: result.records, lines: result.lines, users: DEMO_USERS.map(({ username, password, role }) => ({ username, password, role })) };
}

/**
 * A synthetic stock ledger for benchmarks: master data written in bulk, then
 * records generated in ledger order (dates ascending over one year) and
 * imported through the bulk path (`importRecordStream`) in one transaction.
 *
 * The generator keeps a running stock per (warehouse, item) and per lot, so an
 * unload never takes anything below zero: every batch passes the posting rules
 * unchanged. Everything is derived from `seed`, so two runs build the same
 * ledger. Quantities and costs are generated as decimal strings (never floats).
 *
 * Per warehouse: CAR (load, update average/last cost flags, lots) and VAN
 * (unload, proposes the average cost, lots). Every line carries its unit cost,
 * as an import from another system does, so proposed costs (which read the
 * item's ledger) are not part of what is measured.
 *
 * Expects a fresh, migrated store (the codes W1…, I000001…, CAR/VAN and the
 * year's parameters must not exist yet).
 */
import { seededRandom } from '../src/core/random.ts';
import type { Store } from '../src/db/connection.ts';
import { SYSTEM_ACTOR, type Ctx } from '../src/core/context.ts';
import { addDays } from '../src/core/dates.ts';
import { importRecords, importRecordStream, type ImportChunk } from '../src/ledger/import.ts';
import type { LineInput, RecordInput } from '../src/ledger/plan.ts';

export interface LedgerOptions {
  /** movement lines to post (default 1,000,000) */
  lines?: number;
  /** items in the registry (default 50,000); every 10th is lot-managed */
  items?: number;
  /** warehouses (default 5), each with LOCATIONS locations */
  warehouses?: number;
  seed?: number;
  /** the generated year (default 2026): its period is open */
  year?: number;
  /** lines per record (default 10) */
  linesPerRecord?: number;
  /** lines per part of the bulk import, and per daily import (default 100,000) */
  batchLines?: number;
  /** separate imports of `batchLines` lines after the bulk load (default 0) */
  dailyBatches?: number;
  /** called after each part of the bulk import; `importNs` excludes generation time */
  onBatch?: (b: BatchReport) => void;
  /** awaited after the bulk load, before the daily imports (time not counted in either) */
  afterBulk?: () => Promise<void>;
}

export interface BatchReport {
  batch: number;
  records: number;
  lines: number;
  importNs: bigint;
  /** lines imported so far */
  total: number;
}

export interface LedgerData {
  itemIds: number[];
  warehouseIds: number[];
  /** every date of the generated year, ascending */
  dates: string[];
  itemCodes: string[];
  warehouseCodes: string[];
  records: number;
  /** lines of the bulk load (the daily imports are in `daily`) */
  lines: number;
  /** time spent inside the bulk import only (generation excluded) */
  importNs: bigint;
  /** this process's CPU time (user + system, all threads, µs) inside the bulk import, generation excluded */
  importCpuUs?: number;
  /** the imports after the bulk load, one call each */
  daily?: BatchReport[];
  /** time spent writing master data */
  masterDataNs: bigint;
}

export const LOCATIONS = 4;
export const LOT_EVERY = 10;

export const itemCode = (i: number) => `I${String(i + 1).padStart(6, '0')}`;
export const warehouseCode = (w: number) => `W${w + 1}`;
export const locationCode = (l: number) => `L${String(l + 1).padStart(2, '0')}`;
const isLotItem = (i: number) => i % LOT_EVERY === LOT_EVERY - 1;
/** a unit cost with 2 decimals, per item, as a decimal string */
const baseCost = (i: number) => `${(i % 997) + 1}.${String(i % 100).padStart(2, '0')}`;

async function chunked<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Warehouses, locations, items, templates and the open year, in one transaction. */
export async function createMasterData(
  store: Store,
  opts: { items: number; warehouses: number; year: number },
): Promise<{ itemIds: number[]; warehouseIds: number[] }> {
  return store.db.transaction().execute(async (trx) => {
    await chunked(
      Array.from({ length: opts.warehouses }, (_, w) => ({ code: warehouseCode(w), description: `Bench warehouse ${w + 1}` })),
      1000,
      (c) => trx.insertInto('warehouses').values(c).execute(),
    );
    const whs = await trx.selectFrom('warehouses').select(['id', 'code']).orderBy('id').execute();
    const warehouseIds = Array.from({ length: opts.warehouses }, (_, w) => whs.find((r) => r.code === warehouseCode(w))!.id);
    await trx
      .insertInto('locations')
      .values(warehouseIds.flatMap((id) => Array.from({ length: LOCATIONS }, (_, l) => ({ warehouse_id: id, code: locationCode(l), description: `Raft ${l + 1}` }))))
      .execute();
    const items = Array.from({ length: opts.items }, (_, i) => ({
      code: itemCode(i),
      description: `Bench item ${i + 1}`,
      stock_account: '371',
      uom: 'buc',
      lot_managed: isLotItem(i) ? 1 : 0,
      standard_cost: BigInt(baseCost(i).replace('.', '')) * 1000n, // scale 5
    }));
    // 6 columns × 2,000 rows stays well under PostgreSQL's 65,535 parameters
    await chunked(items, 2000, (c) => trx.insertInto('items').values(c).execute());
    const ids = await trx.selectFrom('items').select(['id', 'code']).where('code', 'like', 'I%').execute();
    const idOf = new Map(ids.map((r) => [r.code, r.id]));
    const itemIds = items.map((it) => idOf.get(it.code)!);
    for (const id of warehouseIds) {
      await trx
        .insertInto('templates')
        .values([
          // same columns in both rows: SQLite has no DEFAULT in a multi-row insert
          // with accounts (SPEC §9): every posting writes its journal entry, as in a configured company
          { warehouse_id: id, code: 'CAR', description: 'Recepție', type: 'load', proposed_cost: 'none', update_average_cost: 1, update_last_cost: 1, lot_management: 1, debit_account: 'STOCK', credit_account: '401' },
          { warehouse_id: id, code: 'VAN', description: 'Vânzare', type: 'unload', proposed_cost: 'average', update_average_cost: 0, update_last_cost: 0, lot_management: 1, debit_account: '607', credit_account: 'STOCK' },
        ])
        .execute();
    }
    await trx
      .insertInto('year_params')
      .values({ year: opts.year, period_start: `${opts.year}-01-01`, period_end: `${opts.year}-12-31` })
      .execute();
    await trx
      .insertInto('year_warehouse_params')
      .values(warehouseIds.map((id) => ({ year: opts.year, warehouse_id: id })))
      .execute();
    return { itemIds, warehouseIds };
  });
}

export function yearDates(year: number): string[] {
  const dates: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) dates.push(d);
  return dates;
}

interface LotStock {
  lot: string;
  qty: number;
}

/**
 * Record inputs in ledger order, `batchLines` lines at a time. Stock is kept in
 * whole units (JS numbers are fine for counting units in a generator; the
 * quantities handed to the ledger are decimal strings).
 */
export function* recordBatches(opts: {
  lines: number;
  items: number;
  warehouses: number;
  seed: number;
  dates: string[];
  linesPerRecord: number;
  batchLines: number;
}): Generator<RecordInput[]> {
  const rnd = seededRandom(opts.seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const nW = opts.warehouses;
  // stock per (warehouse, item) in units; lot items also per lot, oldest first
  const stock = new Int32Array(nW * opts.items);
  const lots = new Map<number, LotStock[]>();
  // per warehouse: items with stock > 0 (swap-remove list + position index)
  const stocked = Array.from({ length: nW }, () => ({ list: [] as number[], pos: new Int32Array(opts.items).fill(-1) }));
  const setStock = (w: number, i: number, q: number) => {
    const k = w * opts.items + i;
    const s = stocked[w];
    if (q > 0 && s.pos[i] < 0) {
      s.pos[i] = s.list.push(i) - 1;
    } else if (q <= 0 && s.pos[i] >= 0) {
      const last = s.list.pop()!;
      if (last !== i) {
        s.list[s.pos[i]] = last;
        s.pos[last] = s.pos[i];
      }
      s.pos[i] = -1;
    }
    stock[k] = q;
  };

  const totalRecords = Math.ceil(opts.lines / opts.linesPerRecord);
  let made = 0;
  let batch: RecordInput[] = [];
  let batchLines = 0;
  for (let r = 0; r < totalRecords; r++) {
    const date = opts.dates[Math.floor((r * opts.dates.length) / totalRecords)];
    const month = date.slice(5, 7);
    const n = Math.min(opts.linesPerRecord, opts.lines - made);
    const w = int(nW);
    const s = stocked[w];
    // unloads need stock: about half the records, once the warehouse holds enough items
    const unload = rnd() < 0.5 && s.list.length >= n * 4;
    const lines: LineInput[] = [];
    if (unload) {
      for (let j = 0; j < n; j++) {
        const i = s.list[int(s.list.length)];
        const k = w * opts.items + i;
        const take = 1 + int(Math.min(stock[k], 20));
        const line: LineInput = { item: itemCode(i), quantity: String(take), unitCost: baseCost(i), location: locationCode(i % LOCATIONS) };
        if (isLotItem(i)) {
          // take from the oldest lot that has stock, at most what it holds
          const ls = lots.get(k)!;
          const first = ls[0];
          const q = Math.min(take, first.qty);
          line.quantity = String(q);
          line.lot = first.lot;
          first.qty -= q;
          if (first.qty === 0) ls.shift();
          setStock(w, i, stock[k] - q);
        } else {
          setStock(w, i, stock[k] - take);
        }
        lines.push(line);
      }
    } else {
      for (let j = 0; j < n; j++) {
        const i = int(opts.items);
        const k = w * opts.items + i;
        const q = 1 + int(100);
        // the cost moves a little around the item's base cost
        const line: LineInput = { item: itemCode(i), quantity: String(q), unitCost: `${baseCost(i)}${int(10)}`, location: locationCode(i % LOCATIONS) };
        if (isLotItem(i)) {
          const lot = `LOT${month}`;
          line.lot = lot;
          const ls = lots.get(k) ?? lots.set(k, []).get(k)!;
          const last = ls[ls.length - 1];
          if (last?.lot === lot) last.qty += q;
          else ls.push({ lot, qty: q });
        }
        setStock(w, i, stock[k] + q);
        lines.push(line);
      }
    }
    batch.push({ warehouse: warehouseCode(w), template: unload ? 'VAN' : 'CAR', date, internalDocument: `B${r + 1}`, lines });
    made += n;
    batchLines += n;
    if (batchLines >= opts.batchLines) {
      yield batch;
      batch = [];
      batchLines = 0;
    }
  }
  if (batch.length) yield batch;
}

/**
 * Builds the whole ledger: master data, then `lines` lines through one
 * streamed bulk import (`importRecordStream`: one transaction, all or
 * nothing), then `dailyBatches` more batches of `batchLines`, each its own
 * `importRecords` call into the ledger already built (a day's import).
 */
export async function generateLedger(store: Store, options: LedgerOptions = {}): Promise<LedgerData> {
  const lines = options.lines ?? 1_000_000;
  const items = options.items ?? 50_000;
  const warehouses = options.warehouses ?? 5;
  const seed = options.seed ?? 1;
  const year = options.year ?? 2026;
  // a ledger smaller than one batch is one part, and its daily imports that size too
  const batchLines = Math.min(options.batchLines ?? 100_000, lines);
  const dailyBatches = options.dailyBatches ?? 0;
  const t0 = process.hrtime.bigint();
  const { itemIds, warehouseIds } = await createMasterData(store, { items, warehouses, year });
  const masterDataNs = process.hrtime.bigint() - t0;
  const dates = yearDates(year);
  const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
  const batches = recordBatches({ lines: lines + dailyBatches * batchLines, items, warehouses, seed, dates, linesPerRecord: options.linesPerRecord ?? 10, batchLines });
  const lineCount = (b: RecordInput[]) => b.reduce((n, r) => n + r.lines.length, 0);

  // the bulk load: generation time (inside the generator's next()) is measured and left out
  let generationNs = 0n;
  let generationCpuUs = 0;
  const cpuUs = (u: NodeJS.CpuUsage) => u.user + u.system;
  let streamed = 0;
  function* parts(): Generator<ImportChunk> {
    while (streamed < lines) {
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      const next = batches.next();
      generationNs += process.hrtime.bigint() - t;
      generationCpuUs += cpuUs(process.cpuUsage(c));
      if (next.done) return;
      streamed += lineCount(next.value);
      yield { inputs: next.value };
    }
  }
  const start = process.hrtime.bigint();
  const startCpu = process.cpuUsage();
  let last = { at: start, generationNs: 0n, records: 0, lines: 0, part: 0 };
  const bulk = await importRecordStream(ctx, parts(), {
    onPart: (done) => {
      const at = process.hrtime.bigint();
      const importNs = at - last.at - (generationNs - last.generationNs);
      options.onBatch?.({ batch: last.part + 1, records: done.records - last.records, lines: done.lines - last.lines, importNs, total: done.lines });
      last = { at, generationNs, records: done.records, lines: done.lines, part: last.part + 1 };
    },
  });
  const importNs = process.hrtime.bigint() - start - generationNs;
  const importCpuUs = cpuUs(process.cpuUsage(startCpu)) - generationCpuUs;

  await options.afterBulk?.();
  const daily: BatchReport[] = [];
  for (let n = 1; n <= dailyBatches; n++) {
    const next = batches.next();
    if (next.done) break;
    const t = process.hrtime.bigint();
    const result = await importRecords(ctx, next.value);
    daily.push({ batch: n, records: result.records, lines: result.lines, importNs: process.hrtime.bigint() - t, total: bulk.lines + daily.reduce((s, d) => s + d.lines, result.lines) });
  }
  return {
    itemIds,
    warehouseIds,
    dates,
    itemCodes: Array.from({ length: items }, (_, i) => itemCode(i)),
    warehouseCodes: Array.from({ length: warehouses }, (_, w) => warehouseCode(w)),
    records: bulk.records + daily.reduce((s, d) => s + d.records, 0),
    lines: bulk.lines,
    importNs,
    importCpuUs,
    masterDataNs,
    daily,
  };
}

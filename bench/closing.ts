/**
 * `npm run bench -- closing [--lines N] [--items N] [--warehouses N] [--batch N]
 *   [--queries N] [--seed N] [--date YYYY-MM-DD] [--method M] [--db <sqlite file | postgres URL>] [--keep] [--no-check]
 *   [--from <sqlite file>]`
 *
 * `--keep` keeps the SQLite file (closed); `--from` runs on a copy of a file
 * kept earlier (not closed yet), in a fresh process: the peak RSS is then the
 * closing's own and the 10-minute build is not repeated.
 *
 * Builds a synthetic ledger (bench/_ledger-data.ts: 2025, default 10M lines
 * over 20,000 items × 5 warehouses = up to 100,000 closing keys), then:
 *   1. point stock queries (stockOf item + warehouse at a date after the
 *      closing date), timed: the "before" figures;
 *   2. the closing checks (one pass, no costs), timed;
 *   3. the closing at --date (default 2025-10-31), timed, with the peak RSS
 *      of the closing alone (VmHWM, reset before it through clear_refs);
 *   4. the same stock queries again: the "after" figures, with the number of
 *      movements each query reads before and after.
 * Target on SQLite (issue #5): closing ≤ 60 s at 10M lines / 100,000 keys;
 * after it, query cost proportional to the movements after the closing.
 */
import fs from 'node:fs';
import { SYSTEM_ACTOR, type Ctx } from '../src/core/context.ts';
import { Quantity, UnitCost, valueOf } from '../src/core/decimal.ts';
import { addDays, nowTimestamp } from '../src/core/dates.ts';
import type { Store } from '../src/db/connection.ts';
import { checkpointFully } from '../src/db/checkpointer.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { closingBefore, stockOf } from '../src/ledger/stock.ts';
import { checkClosing, runClosing } from '../src/valuation/closing/index.ts';

/** the ledger holds stock by location and closes by no dimension: it is summed away on request (SPEC §7), as the bench has always measured */
const COLLAPSE = ['variant', 'location', 'lot'];
import { createMasterData, generateLedger, itemCode, recordBatches, warehouseCode, yearDates, type LedgerData } from './_ledger-data.ts';
import { seededRandom } from '../src/core/random.ts';
import { describeTimes, fmt, memory, mib, ms, openBenchStore, parseArgs, resetPeak, seconds } from './_util.ts';

interface Args {
  lines: number;
  items: number;
  warehouses: number;
  batch: number;
  queries: number;
  seed: number;
  date: string;
  method?: string;
  db?: string;
  from?: string;
  keep: boolean;
  check: boolean;
}

export interface FastLedgerOptions {
  lines: number;
  items: number;
  warehouses: number;
  year: number;
  seed?: number;
  linesPerRecord?: number;
  /** lines per transaction */
  batchLines?: number;
  onBatch?: (total: number) => void;
}

/**
 * The synthetic ledger of bench/_ledger-data.ts (same master data, same
 * records: `recordBatches` keeps stock non-negative), written straight into
 * the tables with prepared statements on SQLite: the posting engine's checks
 * are skipped, which is what makes 10M lines take a minute or two instead of
 * many. Amounts and numbers are those the engine would write. Falls back to
 * the engine (`generateLedger`) on PostgreSQL.
 */
export async function buildLedger(store: Store, o: FastLedgerOptions): Promise<LedgerData> {
  if (!store.sqlite) {
    return generateLedger(store, { lines: o.lines, items: o.items, warehouses: o.warehouses, year: o.year, seed: o.seed, batchLines: o.batchLines, onBatch: (b) => o.onBatch?.(b.total) });
  }
  const t0 = process.hrtime.bigint();
  const { itemIds, warehouseIds } = await createMasterData(store, { items: o.items, warehouses: o.warehouses, year: o.year });
  const masterDataNs = process.hrtime.bigint() - t0;
  const db = store.sqlite;
  const templates = db.prepare(`select id, warehouse_id, code from templates`).all() as { id: bigint; warehouse_id: bigint; code: string }[];
  const templateOf = new Map(templates.map((t) => [`${t.warehouse_id}|${t.code}`, Number(t.id)]));
  const itemId = new Map(Array.from({ length: o.items }, (_, i) => [itemCode(i), itemIds[i]]));
  const warehouseId = new Map(Array.from({ length: o.warehouses }, (_, w) => [warehouseCode(w), warehouseIds[w]]));
  const record = db.prepare(
    `insert into records (warehouse_id, template_id, date, number, internal_document, origin, created_by, created_at) values (?, ?, ?, ?, ?, 'import', 'bench', ?)`,
  );
  const movement = db.prepare(
    `insert into movements (record_id, line_no, date, record_number, warehouse_id, template_id, item_id, location, lot, quantity, unit_cost, amount) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const numbers = new Map<string, number>();
  const at = nowTimestamp();
  const dates = yearDates(o.year);
  let records = 0;
  let total = 0;
  const t1 = process.hrtime.bigint();
  for (const batch of recordBatches({
    lines: o.lines,
    items: o.items,
    warehouses: o.warehouses,
    seed: o.seed ?? 1,
    dates,
    linesPerRecord: o.linesPerRecord ?? 10,
    batchLines: o.batchLines ?? 200_000,
  })) {
    db.transaction(() => {
      for (const r of batch) {
        const wh = warehouseId.get(r.warehouse)!;
        const tpl = templateOf.get(`${wh}|${r.template}`)!;
        const key = `${wh}|${r.date}`;
        const number = (numbers.get(key) ?? 0) + 1;
        numbers.set(key, number);
        const id = record.run(wh, tpl, r.date, number, r.internalDocument ?? '', at).lastInsertRowid;
        const sign = r.template === 'VAN' ? -1n : 1n;
        r.lines.forEach((l, i) => {
          const q = Quantity.parse(l.quantity)!;
          const c = UnitCost.parse(l.unitCost ?? '0')!;
          movement.run(id, i + 1, r.date, number, wh, tpl, itemId.get(l.item)!, l.location ?? '', l.lot ?? '', sign * q, c, sign * valueOf(q, c));
        });
        records++;
        total += r.lines.length;
      }
    })();
    o.onBatch?.(total);
  }
  return {
    itemIds,
    warehouseIds,
    dates,
    itemCodes: [...itemId.keys()],
    warehouseCodes: [...warehouseId.keys()],
    records,
    lines: total,
    importNs: process.hrtime.bigint() - t1,
    masterDataNs,
  };
}

/** What the queries need from a ledger built earlier (--from). */
async function existingLedger(store: Store, year: number): Promise<LedgerData> {
  const items = await store.db.selectFrom('items').select(['id', 'code']).orderBy('id').execute();
  const warehouses = await store.db.selectFrom('warehouses').select(['id', 'code']).orderBy('id').execute();
  const count = async (t: 'records' | 'movements') => Number((await store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    itemIds: items.map((i) => i.id),
    warehouseIds: warehouses.map((w) => w.id),
    dates: yearDates(year),
    itemCodes: items.map((i) => i.code),
    warehouseCodes: warehouses.map((w) => w.code),
    records: await count('records'),
    lines: await count('movements'),
    importNs: 0n,
    masterDataNs: 0n,
  };
}

/** One oddments template per warehouse (the generator makes only CAR and VAN). */
export async function addOddmentsTemplates(store: Store): Promise<void> {
  const warehouses = await store.db.selectFrom('warehouses').select('id').execute();
  for (const w of warehouses) {
    await store.db
      .insertInto('templates')
      .values({ warehouse_id: w.id, code: 'RES', description: 'Resturi', type: 'load', proposed_cost: 'average', oddments: 1 })
      .execute();
  }
}

interface QuerySet {
  keys: { itemId: number; warehouseId: number; date: string }[];
}

async function timeQueries(store: Store, set: QuerySet): Promise<{ times: number[]; total: bigint }> {
  for (const k of set.keys.slice(0, 50)) await stockOf(store.db, k, k.date);
  const times: number[] = [];
  let total = 0n;
  for (const k of set.keys) {
    const t = process.hrtime.bigint();
    total += await stockOf(store.db, k, k.date);
    times.push(ms(process.hrtime.bigint() - t));
  }
  times.sort((x, y) => x - y);
  return { times, total };
}

/** Movements one point query reads on average: its item and warehouse, after the closing before its date, up to its date. */
async function movementsRead(store: Store, set: QuerySet, sample = 200): Promise<number> {
  let n = 0;
  const keys = set.keys.slice(0, sample);
  for (const k of keys) {
    const after = await closingBefore(store.db, k.date);
    const r = await store.db
      .selectFrom('movements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('item_id', '=', k.itemId)
      .where('warehouse_id', '=', k.warehouseId)
      .where('date', '>', after)
      .where('date', '<=', k.date)
      .executeTakeFirstOrThrow();
    n += Number(r.n);
  }
  return n / keys.length;
}

export async function run(argv: string[]): Promise<void> {
  const a = parseArgs<Args>(argv, { lines: 10_000_000, items: 20_000, warehouses: 5, batch: 200_000, queries: 2000, seed: 1, date: '2025-10-31', keep: false, check: true }, ['method', 'db', 'from']);
  const { store, where, cleanup } = await openBenchStore('closing', a);
  const year = Number(a.date.slice(0, 4));
  try {
    console.log(
      a.from
        ? `closing benchmark: the ledger of ${a.from}, closing at ${a.date}`
        : `closing benchmark: ${fmt(a.lines)} lines, ${fmt(a.items)} items × ${a.warehouses} warehouses, closing at ${a.date}`,
    );
    console.log(`database: ${store.dialect} ${where}`);
    await migrateToLatest(store);
    const t0 = process.hrtime.bigint();
    let lastPrint = Date.now();
    const data = a.from ? await existingLedger(store, year) : await buildLedger(store, {
      lines: a.lines,
      items: a.items,
      warehouses: a.warehouses,
      seed: a.seed,
      year,
      batchLines: a.batch,
      onBatch: (total) => {
        if (Date.now() - lastPrint > 15_000) {
          lastPrint = Date.now();
          console.log(`  … ${fmt(total)} lines`);
        }
      },
    });
    if (!a.from) await addOddmentsTemplates(store);
    if (store.sqlite) await checkpointFully(store.sqlite);
    if (a.keep && !a.from) {
      // keep a copy that was never closed, for later runs with --from
      if (store.sqlite) {
        const pristine = `${where}.pristine`;
        fs.copyFileSync(where, pristine); // checkpointed just above: the file holds everything
        console.log(`ledger kept unclosed in ${pristine}`);
      }
    }
    console.log(
      a.from
        ? `ledger: ${fmt(data.lines)} lines in ${fmt(data.records)} records, copied from ${a.from}`
        : `ledger: ${fmt(data.lines)} lines in ${fmt(data.records)} records, built in ${seconds(ms(process.hrtime.bigint() - t0), 0)}` +
            (store.sqlite ? ' (written directly with prepared statements, posting checks skipped)' : ' (through the posting engine)'),
    );

    // point queries after the closing date, the same ones before and after the closing
    const rnd = seededRandom(a.seed ^ 0xc105e);
    const later = data.dates.filter((d) => d > a.date);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const set: QuerySet = { keys: Array.from({ length: a.queries }, () => ({ itemId: pick(data.itemIds), warehouseId: pick(data.warehouseIds), date: pick(later) })) };
    const before = await timeQueries(store, set);
    const readBefore = await movementsRead(store, set);

    const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
    if (a.check) {
      const tc = process.hrtime.bigint();
      const check = await checkClosing(ctx, { closingDate: a.date, collapse: COLLAPSE });
      console.log(`checks: ${check.errors.length} errors, ${check.warnings.length} warnings in ${seconds(ms(process.hrtime.bigint() - tc), 1)}`);
      for (const e of check.errors.slice(0, 5)) console.log(`  ${e.code} ${e.message}`);
    }

    const reset = resetPeak();
    const mem0 = memory();
    const tClose = process.hrtime.bigint();
    const result = await runClosing(ctx, { closingDate: a.date, method: a.method, collapse: COLLAPSE });
    const closeMs = ms(process.hrtime.bigint() - tClose);
    const mem1 = memory();
    console.log(
      `closing: ${fmt(result.stats.rowsRead)} movements read, ${fmt(result.stats.openingLines)} closing keys (opening lines) in ${result.openingRecordIds.length} opening records, ` +
        `${fmt(result.stats.historyRows)} history rows, ${fmt(result.stats.yearRows)} year rows`,
    );
    console.log(`closing time: ${seconds(closeMs, 1)} (${fmt(result.stats.rowsRead / (closeMs / 1000))} movements/s), method ${result.method}`);
    console.log(
      `peak RSS during the closing: ${mib(mem1.peak)}${reset ? '' : ' (process peak: clear_refs unavailable)'} (RSS before ${mib(mem0.rss)}, after ${mib(mem1.rss)})`,
    );

    const after = await timeQueries(store, set);
    const readAfter = await movementsRead(store, set);
    if (after.total !== before.total) throw new Error('stock after the closing differs from before');
    console.log(`point stock queries at a date after ${a.date} (${fmt(a.queries)}, same keys and dates, same results):`);
    console.log(`  before the closing: ${describeTimes(before.times)}; movements read per query ≈ ${readBefore.toFixed(1)}`);
    console.log(`  after the closing:  ${describeTimes(after.times)}; movements read per query ≈ ${readAfter.toFixed(1)} (opening line included)`);
    const movements = await store.db.selectFrom('movements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(`data: ${fmt(Number(movements.n))} movement lines after the closing; opening date ${addDays(a.date, 1)}`);
  } finally {
    await cleanup();
  }
}

/**
 * `npm run bench -- inventory [--lines N] [--ledger N] [--items N] [--warehouses N]
 *   [--seed N] [--db <sqlite file | postgres URL>] [--keep] [--generate-only] [--reuse]`
 *
 * An inventory of N count lines (default 100,000) against a ledger of M
 * movement lines (default 10,000,000) on SQLite, or on PostgreSQL in a new
 * schema of the `--db` URL (`--reuse` and `--generate-only`: SQLite files only). Prints the time of the
 * stock-difference preview and of the posting (records written through the
 * posting engine, inventory closed), and the peak memory (VmHWM, reset after
 * data generation). Target on SQLite: preview + post ≤ 10 s.
 *
 * The ledger is generated straight into the tables with prepared statements
 * in big transactions (its time is printed separately and not counted):
 * records of 10 lines over the first half of the year in date order, loads
 * and unloads on every warehouse, every 10th item lot-managed, four
 * locations per warehouse, never a negative key. The counts are imported
 * through the handheld-terminal import (timed separately): N keys of
 * warehouse W1, each counted with a difference (every line posts). Count
 * control is on for W1 (tolerances of the warehouse and of class A, so the
 * preview classes the items by outgoing value); approval off.
 */
import { seededRandom } from '../src/core/random.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPostgresUrl, openStore, type Store } from '../src/db/connection.ts';
import { ensureYearPartition } from '../src/db/movement-partitions.ts';
import { checkpointFully } from '../src/db/checkpointer.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { SYSTEM_ACTOR, type Ctx } from '../src/core/context.ts';
import { addDays } from '../src/core/dates.ts';
import { createInventory } from '../src/inventory/inventories.ts';
import { createList } from '../src/inventory/inventory-lists.ts';
import { importCounts } from '../src/inventory/count-import.ts';
import { postDifferences } from '../src/inventory/stock-differences-posting.ts';
import { previewDifferences } from '../src/inventory/stock-differences-preview.ts';
import { putCountControl } from '../src/inventory/count-control.ts';
import { fmt, memory, mib, openBenchStore, parseArgs, removeSqliteFiles, resetPeak, seconds } from './_util.ts';

interface Args {
  lines: number;
  ledger: number;
  items: number;
  warehouses: number;
  seed: number;
  db?: string;
  keep: boolean;
  /** --reuse: the --db file holds a ledger generated before; its inventories are removed and the counts made again */
  reuse: boolean;
  /** --generate-only: stop after generating the ledger (with --db and --keep, to --reuse it) */
  generateOnly: boolean;
}

const LOCATIONS = ['L01', 'L02', 'L03', 'L04'];
const LOTS = ['A', 'B', 'C'];
const YEAR = 2026;
const LEDGER_DAYS = 180;
/** the inventory, stock and posting date: after every generated movement */
const STOCK_DATE = `${YEAR}-07-15`;

interface Generated {
  /** stock per key of warehouse W1 at the end: "item|location|lot" → quantity (whole units) */
  w1: Map<string, number>;
  itemCodes: string[];
  lotItem: (i: number) => boolean;
}

/**
 * Where the generated ledger goes, a batch at a time: SQLite through prepared
 * statements in one transaction per batch; PostgreSQL one INSERT … SELECT
 * FROM unnest per table and batch (one array per column).
 */
interface LedgerSink {
  write(records: unknown[][], movements: unknown[][]): Promise<void>;
  /** after the last batch: the records' id sequence past the ids given, planner statistics */
  finish(): Promise<void>;
}

const RECORD_COLUMNS = ['id', 'warehouse_id', 'template_id', 'date', 'number', 'created_at'] as const;
const MOVEMENT_COLUMNS = ['record_id', 'line_no', 'date', 'record_number', 'warehouse_id', 'template_id', 'item_id', 'location', 'lot', 'quantity', 'unit_cost', 'amount'] as const;

function sqliteSink(store: Store): LedgerSink {
  const db = store.sqlite!;
  const record = db.prepare(
    `insert into records (${RECORD_COLUMNS.join(', ')}, internal_document, internal_document_date, reference_document, account, job_order, notes, origin, created_by)
     values (?, ?, ?, ?, ?, ?, '', null, '', '', '', '', 'import', 'bench')`,
  );
  const movement = db.prepare(
    `insert into movements (${MOVEMENT_COLUMNS.join(', ')}, variant, serial, job_order, account, alt_uom, alt_quantity, notes)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '', '', '', 0, '')`,
  );
  const batch = db.transaction((records: unknown[][], movements: unknown[][]) => {
    for (const r of records) record.run(...r);
    for (const m of movements) movement.run(...m);
  });
  return { write: async (records, movements) => batch(records, movements), finish: async () => checkpointFully(db) };
}

function postgresSink(store: Store): LedgerSink {
  const pool = store.pool!;
  const types = { id: 'bigint', warehouse_id: 'int', template_id: 'int', date: 'text', number: 'int', created_at: 'text', record_id: 'bigint', line_no: 'int', record_number: 'int', item_id: 'int', location: 'text', lot: 'text', quantity: 'bigint', unit_cost: 'bigint', amount: 'bigint' } as const;
  // columns without a value here take their defaults; a record's origin and author have none
  const insert = (table: string, columns: readonly (keyof typeof types)[], rows: unknown[][], constants = '') =>
    pool.query(
      `insert into ${table} (${columns.join(', ')}${constants ? ', origin, created_by' : ''}) select *${constants} from unnest(${columns.map((c, i) => `$${i + 1}::${types[c]}[]`).join(', ')})`,
      columns.map((_, i) => rows.map((r) => (typeof r[i] === 'bigint' ? String(r[i]) : r[i]))),
    );
  return {
    async write(records, movements) {
      if (records.length) await insert('records', RECORD_COLUMNS, records, `, 'import', 'bench'`);
      for (let i = 0; i < movements.length; i += 50_000) await insert('movements', MOVEMENT_COLUMNS, movements.slice(i, i + 50_000));
    },
    async finish() {
      await pool.query(`select setval(pg_get_serial_sequence('records', 'id'), (select max(id) from records))`);
      await pool.query('analyze');
    },
  };
}

/** Master data and the ledger, straight into the tables (one writer, big batches). */
async function generate(store: Store, a: Args): Promise<Generated> {
  const db = store.db;
  const rand = seededRandom(a.seed);
  const now = new Date().toISOString();
  const lotItem = (i: number) => i % 10 === 9;
  const itemCodes = Array.from({ length: a.items }, (_, i) => `I${String(i + 1).padStart(6, '0')}`);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('employees').values({ code: 'BENCH', name: 'Bench Counter', active: 1 }).execute();
    await trx.insertInto('list_types').values({ code: 'STD', description: 'Standard' }).execute();
    await trx.insertInto('year_params').values({ year: YEAR, period_start: `${YEAR}-01-01`, period_end: `${YEAR}-12-31` }).execute();
    // with accounts (SPEC §9): posting the differences writes their journal entries
    const tpl = async (warehouse_id: number, code: string, description: string, type: 'load' | 'unload', proposed_cost: 'none' | 'average', updates: number, physical_inventory: number) =>
      (
        await trx
          .insertInto('templates')
          .values({
            warehouse_id, code, description, type, proposed_cost, update_average_cost: updates, update_last_cost: updates, physical_inventory, lot_management: 1,
            debit_account: type === 'load' ? 'STOCK' : '607', credit_account: type === 'load' ? '607' : 'STOCK',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    for (let w = 1; w <= a.warehouses; w++) {
      const id = (await trx.insertInto('warehouses').values({ code: `W${w}`, description: `Bench warehouse ${w}` }).returning('id').executeTakeFirstOrThrow()).id;
      await trx.insertInto('locations').values(LOCATIONS.map((l) => ({ warehouse_id: id, code: l, description: `Raft ${l}` }))).execute();
      await tpl(id, 'CAR', 'Recepție', 'load', 'none', 1, 0); // template ids: 4(w-1)+1..4
      await tpl(id, 'VAN', 'Vânzare', 'unload', 'average', 0, 0);
      const plu = await tpl(id, 'PLU', 'Plus inventar', 'load', 'average', 0, 1);
      const min = await tpl(id, 'MIN', 'Minus inventar', 'unload', 'average', 0, 1);
      await trx.insertInto('stock_difference_params').values({ warehouse_id: id, load_template_id: plu, unload_template_id: min }).execute();
      await trx.insertInto('year_warehouse_params').values({ year: YEAR, warehouse_id: id }).execute();
    }
    for (let from = 0; from < itemCodes.length; from += 2_000) {
      await trx
        .insertInto('items')
        .values(
          itemCodes.slice(from, from + 2_000).map((code, k) => {
            const i = from + k;
            const cost = BigInt(((i % 997) + 1) * 100_000);
            return { code, description: `Bench item ${i + 1}`, uom: 'buc', lot_managed: lotItem(i) ? 1 : 0, standard_cost: cost, average_cost: cost, stock_account: '371' };
          }),
        )
        .execute();
    }
  });
  await ensureYearPartition(db, YEAR);

  const sink = store.sqlite ? sqliteSink(store) : postgresSink(store);
  const stock = Array.from({ length: a.warehouses }, () => new Map<string, number>());
  const records = Math.ceil(a.ledger / 10);
  const perDay = Math.ceil(records / LEDGER_DAYS);
  const numbers = new Map<string, number>();
  let written = 0;
  let date = `${YEAR}-01-01`;
  const chunk = 20_000;
  for (let from = 0; from < records; from += chunk) {
    const recordRows: unknown[][] = [];
    const movementRows: unknown[][] = [];
    for (let r = from; r < Math.min(records, from + chunk) && written < a.ledger; r++) {
      if (r > 0 && r % perDay === 0) date = addDays(date, 1);
      const w = Math.floor(rand() * a.warehouses);
      // loads until the warehouse has stock to sell, then 55 % loads
      const load = stock[w].size < 1000 || rand() < 0.55;
      const templateId = 4 * w + (load ? 1 : 2);
      const key = `${w}|${date}`;
      const number = (numbers.get(key) ?? 0) + 1;
      numbers.set(key, number);
      const recordId = r + 1;
      recordRows.push([recordId, w + 1, templateId, date, number, now]);
      const lines = Math.min(10, a.ledger - written);
      for (let l = 1; l <= lines; l++) {
        const i = Math.floor(rand() * a.items);
        const location = LOCATIONS[Math.floor(rand() * LOCATIONS.length)];
        const lot = lotItem(i) ? LOTS[Math.floor(rand() * LOTS.length)] : '';
        const k = `${i}|${location}|${lot}`;
        const have = stock[w].get(k) ?? 0;
        let q = 1 + Math.floor(rand() * 20);
        let cost = BigInt(((i % 997) + 1) * 100_000 + Math.floor(rand() * 50_000));
        if (!load) {
          q = Math.min(q, have);
          cost = BigInt(((i % 997) + 1) * 100_000);
        }
        const signed = load ? q : -q;
        if (q > 0) stock[w].set(k, have + signed);
        // an unload of a key without stock becomes a load (the ledger never goes negative)
        const quantity = BigInt(q > 0 ? signed : 1) * 1000n;
        if (q === 0) stock[w].set(k, have + 1);
        const tpl = q > 0 ? templateId : 4 * w + 1;
        const amount = (quantity * cost) / 1_000_000n;
        movementRows.push([recordId, l, date, number, w + 1, tpl, i + 1, location, lot, quantity, cost, amount]);
        written++;
      }
    }
    await sink.write(recordRows, movementRows);
  }
  await sink.finish();
  return { w1: stock[0], itemCodes, lotItem };
}

/** A ledger generated before (--reuse): forget its inventories and read W1's stock per key back. */
function reuse(store: Store, a: Args): Generated {
  const db = store.sqlite!;
  db.transaction(() => {
    db.prepare("delete from movements where record_id in (select id from records where origin = 'inventory')").run();
    db.prepare("delete from records where origin = 'inventory'").run();
    const yearly = ['inventory_list_totals', 'inventory_declarations', 'inventory_storekeepers', 'inventory_commission_members', 'inventory_commissions'];
    for (const t of ['inventory_scans', 'inventory_decisions', 'inventory_accuracy', ...yearly, 'inventory_lines', 'inventory_lists', 'inventories']) db.prepare(`delete from ${t}`).run();
    db.prepare("delete from audit_log where entity in ('inventory', 'list', 'inventoryLine', 'record')").run();
  })();
  const items = db.prepare("select count(*) from items where code like 'I%'").pluck().get() as bigint;
  a.items = Number(items);
  a.ledger = Number(db.prepare('select count(*) from movements').pluck().get() as bigint);
  a.warehouses = Number(db.prepare('select count(*) from warehouses').pluck().get() as bigint);
  const w1 = new Map<string, number>();
  for (const [item, location, lot, q] of db
    .prepare('select item_id, location, lot, sum(quantity) from movements where warehouse_id = 1 group by item_id, location, lot')
    .raw(true)
    .iterate() as Iterable<[bigint, string, string, bigint]>) {
    w1.set(`${Number(item) - 1}|${location}|${lot}`, Number(q / 1000n));
  }
  return { w1, itemCodes: Array.from({ length: a.items }, (_, i) => `I${String(i + 1).padStart(6, '0')}`), lotItem: (i) => i % 10 === 9 };
}

export async function run(argv: string[]): Promise<void> {
  const a = parseArgs<Args>(argv, { lines: 100_000, ledger: 10_000_000, items: 50_000, warehouses: 5, seed: 7, keep: false, reuse: false, generateOnly: false }, ['db']);
  const postgres = a.db !== undefined && isPostgresUrl(a.db);
  if (postgres && (a.reuse || a.generateOnly)) throw new Error('--reuse and --generate-only take a SQLite --db');
  let store: Store;
  let where: string;
  let size: () => Promise<string>;
  let cleanup: () => Promise<void>;
  if (postgres) {
    const bench = await openBenchStore('inventory', { db: a.db, keep: a.keep });
    ({ store, where, size, cleanup } = bench);
  } else {
    const dir = a.db ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-bench-inventory-'));
    const file = a.db ?? path.join(dir!, 'bench.db');
    if (!a.reuse) removeSqliteFiles(file);
    store = openStore(file);
    where = `SQLite ${file}`;
    size = async () => mib(fs.statSync(file).size);
    cleanup = async () => {
      await store.close();
      if (!a.keep && dir) fs.rmSync(dir, { recursive: true, force: true });
      else console.log(`  database kept: ${file}`);
    };
  }
  await migrateToLatest(store);

  let t = performance.now();
  let g: Generated;
  const title = `inventory bench: ${fmt(a.lines)} count lines against a ledger of ${fmt(a.ledger)} lines (${fmt(a.items)} items, ${a.warehouses} warehouses), ${where}`;
  if (a.reuse) {
    g = reuse(store, a);
    console.log(`${title} (reused)`);
  } else {
    console.log(title);
    g = await generate(store, a);
    console.log(`  ledger generated in ${seconds(performance.now() - t)} (not counted); database ${await size()}`);
    if (a.generateOnly) {
      await store.close();
      return;
    }
  }

  const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
  const inv = await createInventory(ctx, { date: STOCK_DATE, operator: 'BENCH', description: 'Bench inventory' });
  const list = await createList(ctx, inv.id, { listType: 'STD', employee: 'BENCH', warehouse: 'W1' });
  // N keys of W1: its stocked keys first (random order), then keys without stock; every count differs from the book
  const rand = seededRandom(a.seed + 1);
  const stocked = [...g.w1.entries()].filter(([, q]) => q > 0).map(([k]) => k);
  for (let i = stocked.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [stocked[i], stocked[j]] = [stocked[j], stocked[i]];
  }
  const keys = stocked.slice(0, a.lines);
  for (let i = 0; keys.length < a.lines && i < a.items; i++) {
    for (const location of LOCATIONS) {
      const k = `${i}|${location}|${g.lotItem(i) ? 'Z' : ''}`;
      if (keys.length < a.lines && !g.w1.has(k)) keys.push(k);
    }
  }
  let surplusKeys = 0;
  const rows = keys.map((k) => {
    const [i, location, lot] = k.split('|');
    const book = g.w1.get(k) ?? 0;
    let delta = Math.floor(rand() * (book + 6)) - book; // in [−book, 5]
    if (delta === 0) delta = 1;
    if (delta > 0) surplusKeys++;
    return { item: g.itemCodes[Number(i)], location, lot, quantity: String(book + delta) };
  });
  t = performance.now();
  const imported = await importCounts(ctx, rows.map((r) => ({ ...r, list: String(list.id) })) as unknown as Record<string, string>[], list.id);
  console.log(`  ${fmt(imported.inserted)} count lines imported (CSV import path) in ${seconds(performance.now() - t)} (not counted)`);

  // count control on (SPEC §11): tolerances of the warehouse and of class A, so the preview classes W1's items
  // (outgoing value over 12 months) and flags every row; approval stays off, so every difference posts
  await putCountControl(ctx, 'W1', { quantityTolerancePct: '5.00', valueTolerance: '100.00', recount: false, approval: false, classes: [{ class: 'A', quantityTolerancePct: '2.00', countsPerYear: 12 }] });

  const reset = resetPeak();
  const baseline = memory().peak;
  const sampler = { peak: 0 };
  const timer = setInterval(() => (sampler.peak = Math.max(sampler.peak, process.memoryUsage().rss)), 25);
  // CPU time (user + system) next to wall time: on a busy machine the wall time includes waiting for a core
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  t = performance.now();
  let c = cpu();
  const preview = await previewDifferences(ctx, inv.id, {});
  const previewMs = performance.now() - t;
  const previewCpu = cpu() - c;
  t = performance.now();
  c = cpu();
  const posted = await postDifferences(ctx, inv.id, { postingDate: STOCK_DATE });
  const postMs = performance.now() - t;
  const postCpu = cpu() - c;
  clearInterval(timer);
  const peak = Math.max(memory().peak, sampler.peak);
  const postedLines = posted.records.reduce((n, r) => n + r.lines.length, 0);

  const load = os.loadavg()[0].toFixed(2);
  console.log(`  preview: ${seconds(previewMs)} wall, ${seconds(previewCpu)} CPU  (${fmt(preview.rows.length)} keys, ${fmt(preview.totals.differingKeys)} differing: ${fmt(surplusKeys)} surpluses; surplus ${preview.totals.surplusValue}, shortage ${preview.totals.shortageValue}; ${fmt(preview.rows.filter((r) => r.overTolerance).length)} over tolerance (5 %, 100.00; class A 2 %))`);
  console.log(`  post:    ${seconds(postMs)} wall, ${seconds(postCpu)} CPU  (${posted.records.length} records, ${fmt(postedLines)} lines, inventory closed)`);
  console.log(`  preview + post: ${seconds(previewMs + postMs)} wall, ${seconds(previewCpu + postCpu)} CPU  (target ≤ 10 s; ${os.cpus().length} CPUs, load average ${load})`);
  console.log(`  peak memory (VmHWM${reset ? ', reset after data generation' : ''}): ${mib(peak)}  (before preview ${mib(baseline)})`);
  if (preview.totals.surplusValue !== posted.totals.surplusValue || preview.totals.shortageValue !== posted.totals.shortageValue) {
    throw new Error('the posting does not match the preview');
  }
  await cleanup();
}

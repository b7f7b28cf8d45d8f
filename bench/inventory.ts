/**
 * `npm run bench -- inventory [--lines N] [--ledger N] [--items N] [--warehouses N]
 *   [--seed N] [--db <sqlite file>] [--keep] [--generate-only] [--reuse]`
 *
 * An inventory of N count lines (default 100,000) against a ledger of M
 * movement lines (default 10,000,000) on SQLite. Prints the time of the
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
import { openStore, type Store } from '../src/db/connection.ts';
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
import { fmt, memory, mib, parseArgs, removeSqliteFiles, resetPeak, seconds } from './_util.ts';

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

/** Master data and the ledger, straight into the tables (one writer, big transactions). */
function generate(store: Store, a: Args): Generated {
  const db = store.sqlite!;
  const rand = seededRandom(a.seed);
  const now = new Date().toISOString();
  const lotItem = (i: number) => i % 10 === 9;
  const itemCodes = Array.from({ length: a.items }, (_, i) => `I${String(i + 1).padStart(6, '0')}`);
  db.transaction(() => {
    db.prepare("insert into employees (code, name, active) values ('BENCH', 'Bench Counter', 1)").run();
    db.prepare("insert into list_types (code, description) values ('STD', 'Standard')").run();
    const wh = db.prepare('insert into warehouses (code, description) values (?, ?)');
    const loc = db.prepare('insert into locations (warehouse_id, code, description) values (?, ?, ?)');
    const tpl = db.prepare(
      // with accounts (SPEC §9): posting the differences writes their journal entries
      `insert into templates (warehouse_id, code, description, type, proposed_cost, update_average_cost, update_last_cost, physical_inventory, lot_management, debit_account, credit_account)
       values (?, ?, ?, ?, ?, ?, ?, ?, 1, case when ? = 'load' then 'STOCK' else '607' end, case when ? = 'load' then '607' else 'STOCK' end)`,
    );
    const params = db.prepare('insert into stock_difference_params (warehouse_id, load_template_id, unload_template_id) values (?, ?, ?)');
    db.prepare('insert into year_params (year, period_start, period_end) values (?, ?, ?)').run(YEAR, `${YEAR}-01-01`, `${YEAR}-12-31`);
    const ywp = db.prepare('insert into year_warehouse_params (year, warehouse_id) values (?, ?)');
    for (let w = 1; w <= a.warehouses; w++) {
      const id = Number(wh.run(`W${w}`, `Bench warehouse ${w}`).lastInsertRowid);
      for (const l of LOCATIONS) loc.run(id, l, `Raft ${l}`);
      tpl.run(id, 'CAR', 'Recepție', 'load', 'none', 1, 1, 0, 'load', 'load'); // template ids: 4(w-1)+1..4
      tpl.run(id, 'VAN', 'Vânzare', 'unload', 'average', 0, 0, 0, 'unload', 'unload');
      const plu = Number(tpl.run(id, 'PLU', 'Plus inventar', 'load', 'average', 0, 0, 1, 'load', 'load').lastInsertRowid);
      const min = Number(tpl.run(id, 'MIN', 'Minus inventar', 'unload', 'average', 0, 0, 1, 'unload', 'unload').lastInsertRowid);
      params.run(id, plu, min);
      ywp.run(YEAR, id);
    }
    const item = db.prepare("insert into items (code, description, uom, lot_managed, standard_cost, average_cost, stock_account) values (?, ?, ?, ?, ?, ?, '371')");
    itemCodes.forEach((code, i) => item.run(code, `Bench item ${i + 1}`, 'buc', lotItem(i) ? 1 : 0, BigInt(((i % 997) + 1) * 100_000), BigInt(((i % 997) + 1) * 100_000)));
  })();

  const record = db.prepare(
    `insert into records (warehouse_id, template_id, date, number, internal_document, internal_document_date, reference_document, account, job_order, notes, origin, created_by, created_at)
     values (?, ?, ?, ?, '', null, '', '', '', '', 'import', 'bench', ?)`,
  );
  const movement = db.prepare(
    `insert into movements (record_id, line_no, date, record_number, warehouse_id, template_id, item_id, variant, location, lot, serial, job_order, account, quantity, alt_uom, alt_quantity, unit_cost, amount, notes)
     values (?, ?, ?, ?, ?, ?, ?, '', ?, ?, '', '', '', ?, '', 0, ?, ?, '')`,
  );
  const stock = Array.from({ length: a.warehouses }, () => new Map<string, number>());
  const records = Math.ceil(a.ledger / 10);
  const perDay = Math.ceil(records / LEDGER_DAYS);
  const numbers = new Map<string, number>();
  let written = 0;
  let date = `${YEAR}-01-01`;
  const batch = db.transaction((from: number, to: number) => {
    for (let r = from; r < to && written < a.ledger; r++) {
      if (r > 0 && r % perDay === 0) date = addDays(date, 1);
      const w = Math.floor(rand() * a.warehouses);
      // loads until the warehouse has stock to sell, then 55 % loads
      const load = stock[w].size < 1000 || rand() < 0.55;
      const templateId = 4 * w + (load ? 1 : 2);
      const key = `${w}|${date}`;
      const number = (numbers.get(key) ?? 0) + 1;
      numbers.set(key, number);
      const recordId = Number(record.run(w + 1, templateId, date, number, now).lastInsertRowid);
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
        movement.run(recordId, l, date, number, w + 1, tpl, i + 1, location, lot, quantity, cost, amount);
        written++;
      }
    }
  });
  const chunk = 20_000;
  for (let r = 0; r < records; r += chunk) batch(r, Math.min(records, r + chunk));
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
  const dir = a.db ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-bench-inventory-'));
  const file = a.db ?? path.join(dir!, 'bench.db');
  if (!a.reuse) removeSqliteFiles(file);
  const store = openStore(file);
  await migrateToLatest(store);

  let t = performance.now();
  let g: Generated;
  if (a.reuse) {
    g = reuse(store, a);
    console.log(`inventory bench: ${fmt(a.lines)} count lines against a ledger of ${fmt(a.ledger)} lines (${fmt(a.items)} items, ${a.warehouses} warehouses), SQLite ${file} (reused)`);
  } else {
    console.log(`inventory bench: ${fmt(a.lines)} count lines against a ledger of ${fmt(a.ledger)} lines (${fmt(a.items)} items, ${a.warehouses} warehouses), SQLite ${file}`);
    g = generate(store, a);
    await checkpointFully(store.sqlite!);
    console.log(`  ledger generated in ${seconds(performance.now() - t)} (not counted); database ${mib(fs.statSync(file).size)}`);
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
  await store.close();
  if (!a.keep && dir) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`  database kept: ${file}`);
}

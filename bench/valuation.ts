/**
 * Valuation benchmark: `npm run bench -- valuation [--items N] [--lines N] [--methods a,b] [--db <file | postgres URL>] [--fresh] [--per-warehouse] [--generate-only]`
 *
 * Generates (once, reused while the parameters match) a synthetic ledger —
 * 100,000 items and 10,000,000 movement lines by default, over one year in
 * 4 warehouses, 10 lines per record — then runs the valued quantity
 * inventory (grouped by item, JSON rows built) once per cost method and
 * prints wall time, process CPU time (user + system: the figure to trust on a
 * busy machine) and peak RSS of each run. Peak RSS is the kernel's VmHWM,
 * reset before each method (/proc/self/clear_refs), with sampling as a
 * fallback. The `history` method values from a snapshot saved just before by
 * a historicize run (timed on its own line).
 *
 * In the same run and on the same database it times the raw SQL pass over
 * the same movements, `select item_id, sum(quantity), sum(quantity * unit_cost)
 * from movements group by item_id` (the covering index movements_valuation_ix
 * holds those columns), before and after the methods, and prints each
 * method's ratio to the faster of the two (issue 20: ≤ 3× for every stream
 * method).
 *
 * SQLite (a file; by default one named after the sizes in the temporary
 * directory): the ledger is written straight into the tables with prepared
 * statements. PostgreSQL (`--db postgres://…`): the ledger is built through
 * the bulk import (bench/_ledger-data.ts generateLedger: 4 warehouses, 10
 * lines per record, loads and unloads that never go negative) in the schema
 * bench_valuation_<items>_<lines>, kept and reused like the SQLite file, then
 * VACUUM ANALYZE (so the covering index is read index-only).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isPostgresUrl, openStore, type Store } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { SYSTEM_ACTOR, type Ctx } from '../src/core/context.ts';
import { COST_METHODS, STREAM_COST_METHODS, type CostMethod } from '../src/valuation/index.ts';
import { valuedInventory } from '../src/valuation/valued-inventory.ts';
import { generateLedger } from './_ledger-data.ts';
import { admin, fmt, memory, mib, parseArgs, removeSqliteFiles, resetPeak, seconds } from './_util.ts';

interface Args {
  items: number;
  lines: number;
  methods: CostMethod[];
  db: string;
  fresh: boolean;
  perWarehouse: boolean;
  generateOnly: boolean;
}

function parseOptions(argv: string[]): Args {
  const o = parseArgs(argv, { items: 100_000, lines: 10_000_000, methods: COST_METHODS.join(','), db: '', fresh: false, perWarehouse: false, generateOnly: false });
  // without --db, a file named after the sizes: kept and reused by the next run with the same ones
  return { ...o, methods: o.methods.split(',') as CostMethod[], db: o.db || path.join(os.tmpdir(), `inventar-bench-valuation-${o.items}-${o.lines}.db`) };
}

/** xorshift32: a reproducible ledger */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const WAREHOUSES = 4;
const LINES_PER_RECORD = 10;
const YEAR = 2025;

function dateOfDay(day: number): string {
  const d = new Date(Date.UTC(YEAR, 0, 1 + day));
  return d.toISOString().slice(0, 10);
}

async function generate(store: Store, a: Args): Promise<void> {
  const sqlite = store.sqlite!;
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('synchronous = OFF');
  const methods = ['fifo', 'average', 'moving-average', 'lot-cost'];
  const area = sqlite.prepare('insert into management_areas (code, description, method) values (?, ?, ?)');
  const wh = sqlite.prepare('insert into warehouses (code, description, management_area_id) values (?, ?, ?)');
  const tpl = sqlite.prepare(
    `insert into templates (warehouse_id, code, description, type, update_average_cost, update_last_cost, fiscal_interest, oddments)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // template ids per warehouse: [load with costs, load without cost flags, non-fiscal load, unload]
  const templates: number[][] = [];
  sqlite.transaction(() => {
    for (let w = 1; w <= WAREHOUSES; w++) {
      const areaId = Number(area.run(`Z${w}`, `Zona ${w}`, methods[(w - 1) % methods.length]).lastInsertRowid);
      const id = Number(wh.run(`W${w}`, `Gestiunea ${w}`, areaId).lastInsertRowid);
      templates.push([
        Number(tpl.run(id, 'CAR', 'Încărcare achiziție', 'load', 1, 1, 1, 0).lastInsertRowid),
        Number(tpl.run(id, 'TRI', 'Încărcare transfer', 'load', 0, 0, 1, 0).lastInsertRowid),
        Number(tpl.run(id, 'NFI', 'Încărcare nefiscală', 'load', 0, 0, 0, 0).lastInsertRowid),
        Number(tpl.run(id, 'VAN', 'Descărcare vânzare', 'unload', 0, 0, 1, 0).lastInsertRowid),
      ]);
      tpl.run(id, 'RES', 'Resturi', 'load', 0, 0, 1, 1);
    }
    sqlite.prepare('insert into year_params (year, period_start, period_end, allow_negative_stock, value_per_warehouse) values (?, ?, ?, 1, ?)').run(
      YEAR,
      `${YEAR}-01-01`,
      `${YEAR}-12-31`,
      a.perWarehouse ? 1 : 0,
    );
  })();

  const item = sqlite.prepare(
    `insert into items (code, description, uom, item_type, fiscal_category, merchandise_category, fiscal_interest, lot_managed, standard_cost, average_cost, last_cost)
     values (?, ?, 'buc', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const next = rng(20250101);
  sqlite.transaction(() => {
    for (let i = 1; i <= a.items; i++) {
      const cost = BigInt(100_000 + (next() % 9_900_000));
      item.run(
        `ART${String(i).padStart(7, '0')}`,
        `Articol de test ${i} — ăâîșț`,
        i % 3 === 0 ? 'MP' : 'PF',
        `CF${i % 5}`,
        `CM${i % 20}`,
        i % 20 === 0 ? 0 : 1,
        i % 10 === 0 ? 1 : 0,
        cost,
        cost,
        cost,
      );
    }
  })();

  // load without indexes, then build them once: the migrations' own definitions, whatever they are
  const indexes = sqlite.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'movements' and sql is not null").all() as { name: string; sql: string }[];
  for (const ix of indexes) sqlite.exec(`drop index ${ix.name}`);
  const record = sqlite.prepare(
    `insert into records (id, warehouse_id, template_id, date, number, origin, created_by, created_at) values (?, ?, ?, ?, ?, 'import', 'bench', ?)`,
  );
  const movement = sqlite.prepare(
    `insert into movements (record_id, line_no, date, record_number, warehouse_id, template_id, item_id, lot, quantity, unit_cost, amount)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const records = Math.ceil(a.lines / LINES_PER_RECORD);
  const perDay = Math.ceil(records / 365);
  const numbers = new Map<string, number>();
  const now = new Date().toISOString();
  let written = 0;
  const chunk = 20_000;
  for (let r0 = 0; r0 < records; r0 += chunk) {
    sqlite.transaction(() => {
      for (let r = r0; r < Math.min(records, r0 + chunk); r++) {
        const day = Math.min(364, Math.floor(r / perDay));
        const date = dateOfDay(day);
        const w = (r % WAREHOUSES) + 1;
        const roll = next() % 100;
        // 45% purchases, 10% transfers in, 5% non-fiscal loads, 40% unloads
        const kind = roll < 45 ? 0 : roll < 55 ? 1 : roll < 60 ? 2 : 3;
        const templateId = templates[w - 1][kind];
        const key = `${w}|${date}`;
        const number = (numbers.get(key) ?? 0) + 1;
        numbers.set(key, number);
        const recordId = r + 1;
        record.run(recordId, w, templateId, date, number, now);
        const lines = Math.min(LINES_PER_RECORD, a.lines - written);
        for (let l = 1; l <= lines; l++) {
          const itemId = (next() % a.items) + 1;
          const lot = itemId % 10 === 0 ? `L${next() % 3}` : '';
          const qty = BigInt(1 + (next() % 100)) * 1000n;
          const signed = kind === 3 ? -qty / 2n : qty;
          const cost = kind === 3 || kind === 2 ? 0n : BigInt(100_000 + (next() % 9_900_000));
          const amount = ((qty * cost) / 1000n + 500n) / 1000n; // |q| × c, half up at 2 decimals (all positive here)
          movement.run(recordId, l, date, number, w, templateId, itemId, lot, signed, cost, kind === 3 ? -amount : amount);
        }
        written += lines;
      }
    })();
    if ((r0 / chunk) % 25 === 0) process.stdout.write(`\r  ${fmt(written)} lines`);
  }
  process.stdout.write(`\r  ${fmt(written)} lines, indexing (${indexes.map((i) => i.name).join(', ')})…\n`);
  for (const ix of indexes) sqlite.exec(ix.sql);
  sqlite.exec('create table bench_meta (items integer, lines integer, per_warehouse integer)');
  sqlite.prepare('insert into bench_meta values (?, ?, ?)').run(a.items, a.lines, a.perWarehouse ? 1 : 0);
  sqlite.exec('analyze');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
}

async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; peakMb: number; result: T }> {
  (globalThis as { gc?: () => void }).gc?.();
  const canReset = resetPeak();
  let sampled = process.memoryUsage().rss;
  const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 25);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  clearInterval(timer);
  sampled = Math.max(sampled, process.memoryUsage().rss);
  // the kernel's peak only counts when it was reset before the work; it is 0 where there is none
  const peak = canReset ? Math.max(memory().peak, sampled) : sampled;
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, peakMb: peak / 2 ** 20, result };
}

/** The valuation date of the generated ledger: SQLite's own generator writes 2025, generateLedger 2026. */
const PG_YEAR = 2026;

/** A store holding the generated ledger for `a`: reused when its bench_meta matches, else generated. */
async function ledgerStore(a: Args): Promise<{ store: Store; year: number; where: string }> {
  if (isPostgresUrl(a.db)) return postgresLedger(a);
  if (a.fresh && fs.existsSync(a.db)) removeSqliteFiles(a.db);
  let store = openStore(a.db);
  await migrateToLatest(store);
  const meta = store.sqlite!.prepare("select name from sqlite_master where name = 'bench_meta'").get();
  const matches =
    meta && (store.sqlite!.prepare('select items, lines, per_warehouse from bench_meta').raw(true).get() as bigint[]).join(',') === [a.items, a.lines, a.perWarehouse ? 1 : 0].join(',');
  console.log(`valuation bench: ${fmt(a.items)} items, ${fmt(a.lines)} movement lines, SQLite ${a.db}`);
  if (!matches) {
    await store.close();
    removeSqliteFiles(a.db);
    store = openStore(a.db);
    await migrateToLatest(store);
    const t0 = performance.now();
    await generate(store, a);
    // the database's pages wherever they are (the file, or the WAL the background checkpoint has not copied yet)
    const bytes = Number(store.sqlite!.pragma('page_count', { simple: true })) * Number(store.sqlite!.pragma('page_size', { simple: true }));
    console.log(`generated in ${seconds(performance.now() - t0, 1)} (${mib(bytes)})`);
  } else {
    console.log('reusing the generated ledger (--fresh to regenerate)');
  }
  return { store, year: YEAR, where: a.db };
}

/** PostgreSQL: the ledger in schema bench_valuation_<items>_<lines>[_pw], built through the bulk import. */
async function postgresLedger(a: Args): Promise<{ store: Store; year: number; where: string }> {
  const schema = `bench_valuation_${a.items}_${a.lines}${a.perWarehouse ? '_pw' : ''}`;
  const where = `${a.db.replace(/\/\/[^@]*@/, '//…@')} schema ${schema}`;
  console.log(`valuation bench: ${fmt(a.items)} items, ${fmt(a.lines)} movement lines, PostgreSQL ${where}`);
  if (a.fresh) await admin(a.db, `drop schema if exists ${schema} cascade`);
  await admin(a.db, `create schema if not exists ${schema}`);
  let store = openStore(a.db, { schema });
  const { rows } = await store.pool!.query(`select 1 from information_schema.tables where table_schema = $1 and table_name = 'bench_meta'`, [schema]);
  if (rows.length) {
    console.log('reusing the generated ledger (--fresh to regenerate)');
    await migrateToLatest(store);
    return { store, year: PG_YEAR, where };
  }
  await store.close();
  await admin(a.db, `drop schema ${schema} cascade`);
  await admin(a.db, `create schema ${schema}`);
  store = openStore(a.db, { schema });
  await migrateToLatest(store);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const data = await generateLedger(store, {
    lines: a.lines,
    items: a.items,
    warehouses: WAREHOUSES,
    year: PG_YEAR,
    linesPerRecord: LINES_PER_RECORD,
    onBatch: (b) => process.stdout.write(`\r  ${fmt(b.total)} lines`),
  });
  const cpu = process.cpuUsage(c0);
  if (a.perWarehouse) await store.db.updateTable('year_params').set({ value_per_warehouse: 1 }).where('year', '=', PG_YEAR).execute();
  const t1 = performance.now();
  await store.pool!.query('vacuum analyze');
  await store.pool!.query('create table bench_meta (items integer, lines integer, per_warehouse integer)');
  await store.pool!.query('insert into bench_meta values ($1, $2, $3)', [a.items, a.lines, a.perWarehouse ? 1 : 0]);
  const size = await store.pool!.query(`select sum(pg_total_relation_size(c.oid))::bigint as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r','m')`, [schema]);
  console.log(
    `\rgenerated ${fmt(data.lines)} lines through the bulk import in ${seconds(performance.now() - t0, 1)} (import ${seconds(Number(data.importNs) / 1e6, 1)}, ` +
      `this process's CPU ${seconds((cpu.user + cpu.system) / 1000, 1)}; vacuum analyze ${seconds(performance.now() - t1, 1)}; ${mib(Number(size.rows[0].n))})`,
  );
  return { store, year: PG_YEAR, where };
}

/**
 * The raw SQL pass over the same movements, grouped by item: what a plain
 * client of the database does to read them, no per-row objects (SQLite: raw
 * rows of the prepared statement; PostgreSQL: array rows of one query).
 */
async function rawPass(store: Store): Promise<{ rows: unknown[]; totals: { value: string } }> {
  const text = 'select item_id, sum(quantity), sum(quantity * unit_cost) from movements group by item_id';
  let rows: unknown[][];
  if (store.sqlite) rows = store.sqlite.prepare(text).raw(true).all() as unknown[][];
  else rows = (await store.pool!.query({ text, rowMode: 'array' })).rows as unknown[][];
  // the sum of quantity × unit cost over all items (scale 3 + 5), as a check that both read everything
  let value = 0n;
  for (const r of rows) value += BigInt(r[2] as bigint | string);
  return { rows, totals: { value: `Σ q×c ${value}` } };
}

export async function run(argv: string[]): Promise<void> {
  const a = parseOptions(argv);
  const { store, year } = await ledgerStore(a);
  if (a.generateOnly) {
    await store.close();
    return;
  }
  await store.db.deleteFrom('warehouse_history').execute();
  await store.db.deleteFrom('warehouse_history_runs').execute();
  const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
  const date = `${year}-12-31`;
  console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`);
  console.log(`${'method'.padEnd(24)} ${'wall s'.padStart(8)} ${'cpu s'.padStart(8)} ${'peak RSS MiB'.padStart(13)} ${'rows'.padStart(8)}  total value`);
  type Measured = Awaited<ReturnType<typeof measure<{ rows: unknown[]; totals: { value: string } }>>>;
  const line = (name: string, m: Measured) =>
    console.log(
      `${name.padEnd(24)} ${(m.ms / 1000).toFixed(2).padStart(8)} ${(m.cpuMs / 1000).toFixed(2).padStart(8)} ${m.peakMb.toFixed(0).padStart(13)} ${String(m.result.rows.length).padStart(8)}  ${m.result.totals.value}`,
    );
  const raw: Measured[] = [];
  const times: { method: string; m: Measured }[] = [];
  raw.push(await measure(() => rawPass(store)));
  line('raw SQL pass (first)', raw[0]);
  for (const method of a.methods) {
    if (method === 'history') {
      line('historicize (average)', await measure(() => valuedInventory(ctx, { date, method: 'average', historicize: true })));
    }
    const m = await measure(() => valuedInventory(ctx, { date, method }));
    line(method, m);
    times.push({ method, m });
  }
  raw.push(await measure(() => rawPass(store)));
  line('raw SQL pass (last)', raw[1]);

  // the ratio table: each method against the faster raw pass, wall time (and on SQLite this process's CPU time, where the whole pass runs)
  const base = raw[0].ms <= raw[1].ms ? raw[0] : raw[1];
  const stream = new Set<string>(STREAM_COST_METHODS);
  console.log(`\nratio to the raw SQL pass (${store.dialect}, ${fmt(a.lines)} lines, ${fmt(a.items)} items; raw pass ${(base.ms / 1000).toFixed(2)} s wall, ${(base.cpuMs / 1000).toFixed(2)} s CPU; goal ≤ 3× for stream methods)`);
  console.log(`${'method'.padEnd(24)} ${'wall s'.padStart(8)} ${'× raw'.padStart(7)} ${store.sqlite ? `${'cpu s'.padStart(8)} ${'× raw'.padStart(7)}` : ''}  `);
  for (const { method, m } of times) {
    const ratio = m.ms / base.ms;
    const cpu = store.sqlite ? ` ${(m.cpuMs / 1000).toFixed(2).padStart(8)} ${(m.cpuMs / base.cpuMs).toFixed(1).padStart(6)}×` : '';
    const verdict = stream.has(method) ? (ratio <= 3 ? 'within 3×' : 'over 3×') : '(not a stream method)';
    console.log(`${method.padEnd(24)} ${(m.ms / 1000).toFixed(2).padStart(8)} ${ratio.toFixed(1).padStart(6)}×${cpu}  ${verdict}`);
  }
  await store.close();
}

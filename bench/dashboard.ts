/**
 * `npm run bench -- dashboard [--lines N] [--items N] [--warehouses N] [--db <sqlite file | postgres URL>] [--keep]`
 *
 * The home dashboard's reads on a synthetic ledger (bench/_ledger-data.ts,
 * 2026, default 1,000,000 lines over 10,000 items × 5 warehouses), no closing:
 *   1. GET /api/dashboard's figures (no open inventory: the closing, period and accuracy reads);
 *   2. the stock value by warehouse at 12 month ends, cold (12 valuations by
 *      management area) and warm (from the valuation cache);
 *   3. the value by the 12 cost methods at the last date, cold and warm;
 *   4. after a record dated the last day: the month ends again (only the
 *      last point is valued again).
 * A request never values: "cold" is the request (it queues the valuations
 * and answers pending), "background" the queue's work until it settles.
 * Prints wall time, process CPU time and the data size.
 */
import { SYSTEM_ACTOR, type Ctx } from '../src/core/context.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createRecord } from '../src/ledger/records.ts';
import { dashboard } from '../src/reports/dashboard.ts';
import { stockValueByMonth } from '../src/reports/month-end-values.ts';
import { costMethodComparison } from '../src/reports/cost-method-comparison.ts';
import { valuationCacheStats, valuationsSettled } from '../src/reports/valuation-cache.ts';
import { generateLedger } from './_ledger-data.ts';
import { fmt, openBenchStore, parseArgs, seconds } from './_util.ts';

export async function run(argv: string[]): Promise<void> {
  const o = parseArgs(argv, { lines: 1_000_000, items: 10_000, warehouses: 5, db: '', keep: false }, ['db']);
  const bench = await openBenchStore('dashboard', { db: o.db || undefined, keep: o.keep });
  try {
    const store = bench.store;
    await migrateToLatest(store);
    const built = Date.now();
    const ledger = await generateLedger(store, { lines: o.lines, items: o.items, warehouses: o.warehouses, year: 2026 });
    console.log(`dashboard bench on ${store.dialect} (${bench.where}): ${fmt(ledger.lines)} lines, ${fmt(ledger.records)} records, ${fmt(o.items)} items, ${o.warehouses} warehouses, ${await bench.size()}; built in ${seconds(Date.now() - built, 0)}`);
    const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
    const day = ledger.dates.at(-1)!;
    const timed = async (label: string, work: () => Promise<unknown>) => {
      const computed = valuationCacheStats.computed;
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      await work();
      const wall = performance.now() - t0;
      const used = process.cpuUsage(cpu);
      console.log(`  ${label.padEnd(46)} ${seconds(wall).padStart(9)} wall ${seconds((used.user + used.system) / 1000).padStart(9)} CPU  valuations run: ${valuationCacheStats.computed - computed}`);
    };
    await timed('dashboard figures', () => dashboard(ctx));
    const settle = () => valuationsSettled(store);
    await timed(`stock value at 12 month ends to ${day}, cold request`, () => stockValueByMonth(ctx, day));
    await timed('  its background valuations', settle);
    await timed('stock value at 12 month ends, warm', () => stockValueByMonth(ctx, day));
    await timed(`12 cost methods at ${day}, cold request`, () => costMethodComparison(ctx, { date: day }));
    await timed('  its background valuations', settle);
    await timed('12 cost methods, warm', () => costMethodComparison(ctx, { date: day }));
    const warehouse = ledger.warehouseCodes[0];
    const template = (await store.db.selectFrom('templates').innerJoin('warehouses as w', 'w.id', 'templates.warehouse_id').select('templates.code').where('w.code', '=', warehouse).where('templates.type', '=', 'load').executeTakeFirstOrThrow()).code;
    await createRecord(ctx, { warehouse, template, date: day, lines: [{ item: ledger.itemCodes[0], quantity: '1', unitCost: '1', location: 'L01' }] });
    await timed(`stock value after a record dated ${day}, request`, () => stockValueByMonth(ctx, day));
    await timed('  its background valuation', settle);
  } finally {
    await bench.cleanup();
  }
}

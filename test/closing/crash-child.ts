/**
 * The closing as a separate process, for the crash test:
 *   node --import tsx test/closing/crash-child.ts <sqlite file | postgres URL> <closing date>
 * Prints "started <id>" once the closings row is written (inside the
 * transaction), "progress <items> <movements>" after each batch of items and
 * "done <id>" after the commit. The page cache is kept tiny so the
 * transaction's pages spill into the WAL long before the commit: a kill then
 * leaves uncommitted frames on disk, which recovery must ignore (SQLite).
 */
import { SYSTEM_ACTOR } from '../../src/core/context.ts';
import { openStore } from '../../src/db/connection.ts';
import { runClosing } from '../../src/valuation/closing/index.ts';

const [url, closingDate] = process.argv.slice(2);
const store = openStore(url);
store.sqlite?.pragma('cache_size = 200');
const result = await runClosing(
  { store, actor: SYSTEM_ACTOR, lang: 'en' },
  { closingDate, collapse: ['variant', 'location', 'lot'] }, // the ledger holds stock by location and lot; this test is about atomicity
  {
    batchSize: 100,
    onStarted: (id) => console.log(`started ${id}`),
    onProgress: (items, rows) => console.log(`progress ${items} ${rows}`),
  },
);
console.log(`done ${result.id}`);
await store.close();

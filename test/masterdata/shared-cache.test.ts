/**
 * The store's shared master data (issue 20, masterdata/shared-cache.ts): a
 * request after the first reads no static master data again, and whatever
 * changes those rows — a service, a plain SQL statement, another connection
 * — is seen by the very next request; a change rolled back leaves nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { InventarError } from '../../src/core/errors.ts';
import { openStore, type Store } from '../../src/db/connection.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { countLine } from '../../src/inventory/counting.ts';
import { createInventory } from '../../src/inventory/inventories.ts';
import { createList } from '../../src/inventory/inventory-lists.ts';
import { assertOpenPeriod } from '../../src/ledger/period.ts';
import { createRecord } from '../../src/ledger/records.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { loggingContext, type Statement } from '../helpers/query-plans.ts';
import { dialects, openTestStore, PG_URL, type TestStore } from '../helpers/store.ts';
import { seedInventoryFixture } from '../inventory/support.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The tables whose rows a request keeps (what the triggers of migration 0023 watch, items aside). */
const STATIC = ['warehouses', 'templates', 'item_variants', 'item_units', 'units', 'locations', 'year_params', 'closings', 'list_types', 'item_barcodes'];

/** The static tables statements read from (a join of a record's or a list's rows to their codes aside), and items read by code or id for their rules. */
function staticReads(statements: Statement[]): string[] {
  const out: string[] = [];
  for (const q of statements) {
    if (!/^\s*select/i.test(q.sql)) continue;
    for (const m of q.sql.matchAll(/from "(\w+)"/g)) if (STATIC.includes(m[1])) out.push(m[1]);
    if (/from "items" where "(code|id)" =/.test(q.sql) && /"lot_managed"/.test(q.sql)) out.push('items');
  }
  return out;
}

const load = (extra: object = {}, line: object = {}) => ({
  warehouse: 'MAIN',
  template: 'CAR',
  date: '2026-03-01',
  lines: [{ item: 'A', quantity: '1', unitCost: '2', location: 'A1', ...line }],
  ...extra,
});

async function refusedWith(code: string, work: () => Promise<unknown>): Promise<void> {
  const error = await work().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InventarError);
  const e = error as InventarError;
  expect([e.code, ...e.problems.map((p) => p.code)]).toContain(code);
}

for (const dialect of dialects) {
  describe(`shared master data [${dialect}]`, () => {
    let store: TestStore;
    let other: Store;
    let ctx: Ctx;
    let logged: Statement[];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-shared-'));

    beforeAll(async () => {
      store = await openTestStore(dialect, { file: path.join(dir, 'db.sqlite') });
      // a second connection to the same database: another process, another server
      other = dialect === 'sqlite' ? openStore(path.join(dir, 'db.sqlite')) : openStore(PG_URL, { schema: store.schema });
      await seedFixture(store);
      await seedInventoryFixture(store);
      await store.db.insertInto('employees').values({ code: 'E1', name: 'Ion Popescu' }).execute();
      ({ ctx, logged } = loggingContext(store, SYSTEM_ACTOR));
    });
    afterAll(async () => {
      await other.close();
      await store.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('a posting after the first reads no warehouse, template, item rules, unit, location, period or closing again', async () => {
      await createRecord(ctx, load());
      logged.length = 0;
      await createRecord(ctx, load());
      expect(logged.length).toBeGreaterThan(0);
      expect(staticReads(logged), logged.map((q) => q.sql).join('\n')).toEqual([]);
      // the one statement that stands for them all
      expect(logged.filter((q) => /from "master_data_version"/.test(q.sql))).toHaveLength(2);
    });

    it('a scan after the first reads no list type, warehouse, item rules or closing again', async () => {
      // a closing before the inventory date: the book stock of a new line reads after it
      await store.db.insertInto('closings').values({ closing_date: '2025-12-31', method: 'average', created_by: 'test', created_at: '2026-01-01T00:00:00Z' }).execute();
      const inv = await createInventory(ctx, { date: '2026-08-31', operator: 'E1' });
      const list = await createList(ctx, inv.id, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' });
      await countLine(ctx, list.id, { item: 'A', quantity: '1', location: 'A1' });
      logged.length = 0;
      // the same item at another location: a new line, nothing static to read
      const second = await countLine(ctx, list.id, { item: 'A', quantity: '2', location: 'B1' });
      expect(second.status).toBe(201);
      expect(second.line.bookQuantity).toBe('0.000');
      expect(staticReads(logged)).toEqual([]);
    });

    it('sees at once what plain SQL changed: an item created after a miss, a location, a template flag, the period', async () => {
      await refusedWith('INV_ERR_NOT_FOUND', () => createRecord(ctx, load({}, { item: 'NEW' })));
      await store.db.insertInto('items').values({ code: 'NEW', description: 'Articol nou', uom: 'buc' }).execute();
      expect((await createRecord(ctx, load({}, { item: 'NEW' }))).lines[0].item).toBe('NEW');

      await refusedWith('INV_ERR_UNKNOWN_LOCATION', () => createRecord(ctx, load({}, { location: 'C9' })));
      const main = await store.db.selectFrom('warehouses').select('id').where('code', '=', 'MAIN').executeTakeFirstOrThrow();
      await store.db.insertInto('locations').values({ warehouse_id: main.id, code: 'C9', description: 'C9' }).execute();
      expect((await createRecord(ctx, load({}, { location: 'C9' }))).lines[0].location).toBe('C9');

      await store.db.updateTable('templates').set({ mandatory_document: 1 }).where('code', '=', 'CAR').where('warehouse_id', '=', main.id).execute();
      await refusedWith('INV_ERR_DOCUMENT_REQUIRED', () => createRecord(ctx, load()));
      await store.db.updateTable('templates').set({ mandatory_document: 0 }).where('code', '=', 'CAR').execute();

      await store.db.updateTable('year_params').set({ period_start: '2026-04-01' }).where('year', '=', 2026).execute();
      await refusedWith('INV_ERR_PERIOD_CLOSED', () => createRecord(ctx, load()));
      await store.db.updateTable('year_params').set({ period_start: '2026-01-01' }).where('year', '=', 2026).execute();
      await createRecord(ctx, load());
    });

    it("sees at once another connection's change", async () => {
      await createRecord(ctx, load());
      await other.db.updateTable('year_params').set({ period_end: '2026-02-28' }).where('year', '=', 2026).execute();
      await refusedWith('INV_ERR_PERIOD_CLOSED', () => createRecord(ctx, load()));
      await other.db.updateTable('year_params').set({ period_end: '2026-12-31' }).where('year', '=', 2026).execute();
      await createRecord(ctx, load());
    });

    it('forgets what a rolled-back change showed', async () => {
      await createRecord(ctx, load());
      // inside a transaction that narrows the period, a posting sees the narrower period; then it all rolls back
      await refusedWith('INV_ERR_PERIOD_CLOSED', () =>
        inTransaction(ctx.store, async (trx) => {
          await trx.updateTable('year_params').set({ period_end: '2026-02-28' }).where('year', '=', 2026).execute();
          await assertOpenPeriod(trx, ['2026-03-01'], ctx.store);
        }),
      );
      await createRecord(ctx, load());
    });
  });
}

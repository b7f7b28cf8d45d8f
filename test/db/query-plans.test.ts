/**
 * The query-plan guard (issue 20): on a ledger of 200,000 movement lines
 * (20,000 records), 20,000 counted lines of an older inventory and 50,000
 * audit rows, with the planner's statistics gathered, every per-request path
 * runs with the statement log on: post, read, edit and delete a record (with
 * an offset mirror), a scan by barcode and by code, a quantity change and a
 * removal, read a list and its lines (and the reader's own), its progress, the stock of one key, the differences
 * preview of a small inventory, the audit trail filters, the home dashboard
 * (its figures, and its charts' valuations once cached). Each statement is
 * explained and none may read movements, records, inventory_lines or
 * audit_log whole (a full index scan counts as whole).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, deleteRecord, updateRecord } from '../../src/ledger/records.ts';
import { getRecord, listRecords } from '../../src/ledger/record-views.ts';
import { queryStock } from '../../src/ledger/stock.ts';
import { createInventory, updateInventory } from '../../src/inventory/inventories.ts';
import { createList, getList } from '../../src/inventory/inventory-lists.ts';
import { countLine, deleteLine, listLines, updateLine } from '../../src/inventory/counting.ts';
import { postDifferences } from '../../src/inventory/stock-differences-posting.ts';
import { previewDifferences } from '../../src/inventory/stock-differences-preview.ts';
import { postedDifferences } from '../../src/inventory/yearly-posted.ts';
import { createConfusionGroup } from '../../src/masterdata/confusion-groups.ts';
import { putLossAllowances } from '../../src/masterdata/loss-allowances.ts';
import { listProgress, progressSettled } from '../../src/inventory/list-progress.ts';
import { listAudit } from '../../src/reports/audit-trail.ts';
import { accountBalances, listJournal } from '../../src/ledger/journal.ts';
import { prepareSaftD406Stock } from '../../src/accounting/saft-d406.ts';
import { Writable } from 'node:stream';
import { applyRevaluation, previewRevaluation } from '../../src/accounting/revaluation.ts';
import { dashboard } from '../../src/reports/dashboard.ts';
import { stockValueByMonth } from '../../src/reports/month-end-values.ts';
import { costMethodComparison } from '../../src/reports/cost-method-comparison.ts';
import { holdValuations, valuationsSettled } from '../../src/reports/valuation-cache.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { fullScans, loggingContext, type Statement } from '../helpers/query-plans.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';
import { GTIN_A, seedInventoryFixture } from '../inventory/support.ts';

const WATCHED = ['movements', 'records', 'inventory_lines', 'audit_log', 'journal_lines'] as const;
const RECORDS = 20_000;
const LINES_PER_RECORD = 10;
const BULK_ITEMS = 1_000;

/** The bulk data, written by the database itself (no rows through JavaScript). */
async function populate(store: TestStore): Promise<void> {
  const db = store.db;
  const pg = !store.sqlite;
  const series = (n: number, alias = 'n') =>
    sql.raw(pg ? `generate_series(1, ${n}) as ${alias}(i)` : `(with recursive s(i) as (select 1 union all select i + 1 from s where i < ${n}) select i from s) as ${alias}`);
  const day = (expr: string) => sql.raw(pg ? `to_char(date '2026-01-01' + (${expr}), 'YYYY-MM-DD')` : `date('2026-01-01', '+' || (${expr}) || ' days')`);
  await sql`insert into items (code, description, uom, fiscal_interest, stock_account) select 'Z' || (10000 + i), 'Bulk item ' || i, 'buc', 1, '371' from ${series(BULK_ITEMS)}`.execute(db);
  const first = await db.selectFrom('items').select((eb) => eb.fn.min('id').as('id')).where('code', 'like', 'Z%').executeTakeFirstOrThrow();
  const main = await db.selectFrom('warehouses').select('id').where('code', '=', 'MAIN').executeTakeFirstOrThrow();
  const car = await db.selectFrom('templates').select('id').where('warehouse_id', '=', main.id).where('code', '=', 'CAR').executeTakeFirstOrThrow();
  await sql`insert into records (warehouse_id, template_id, date, number, origin, created_by, created_at)
    select ${main.id}, ${car.id}, ${day('i % 180')}, 100000 + i, 'import', 'bulk', '2026-01-01T00:00:00Z' from ${series(RECORDS)}`.execute(db);
  await sql`insert into movements (record_id, line_no, date, record_number, warehouse_id, template_id, item_id, location, quantity, unit_cost, amount)
    select r.id, k.i, r.date, r.number, r.warehouse_id, r.template_id, ${first.id} + ((r.number * ${sql.lit(LINES_PER_RECORD)} + k.i) % ${sql.lit(BULK_ITEMS)}), 'A1', 1000, 150000, 150
    from records r cross join ${series(LINES_PER_RECORD, 'k')} where r.created_by = 'bulk'`.execute(db);
  await sql`insert into audit_log (at, username, entity, entity_key, action, before_json, after_json)
    select ${pg ? sql.raw(`to_char(timestamp '2026-01-01' + i * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`) : sql.raw(`strftime('%Y-%m-%dT%H:%M:%SZ', '2026-01-01', '+' || i || ' minutes')`)},
      'bulk', 'record', cast(i as text), 'create', null, '{}' from ${series(50_000)}`.execute(db);
  // an older, posted inventory with 20,000 counted lines (20 locations of each bulk item)
  const employee = await db.insertInto('employees').values({ code: 'E9', name: 'Old counter' }).returning('id').executeTakeFirstOrThrow();
  const std = await db.selectFrom('list_types').select('id').where('code', '=', 'STD').executeTakeFirstOrThrow();
  const inv = await db
    .insertInto('inventories')
    .values({ year: 2026, number: 900, date: '2026-03-31', operator_id: employee.id, closed: 1, posted_at: '2026-03-31T12:00:00Z', created_by: 'bulk', created_at: '2026-03-31T00:00:00Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // 20 lists of 1,000 lines each (one per location), as a real count spreads its lines
  await sql`insert into inventory_lists (inventory_id, list_type_id, employee_id, warehouse_id, created_by, created_at)
    select ${inv.id}, ${std.id}, ${employee.id}, ${main.id}, 'bulk', '2026-03-31T00:00:00Z' from ${series(20)}`.execute(db);
  const lists = await db.selectFrom('inventory_lists').select((eb) => eb.fn.min('id').as('id')).where('inventory_id', '=', inv.id).executeTakeFirstOrThrow();
  await sql`insert into inventory_lines (list_id, item_id, location, uom, book_quantity, counted_quantity, inserted_at, inserted_by)
    select ${lists.id} + ((i - 1) / ${sql.lit(BULK_ITEMS)}), ${first.id} + ((i - 1) % ${sql.lit(BULK_ITEMS)}), 'L' || ((i - 1) / ${sql.lit(BULK_ITEMS)}), 'buc', 1000, 1000, '2026-03-31T10:00:00Z', 'bulk' from ${series(20_000)}`.execute(db);
  // the journal of the bulk records (SPEC §9): one line each, purchases 371 / 401 and sales 607 / 371
  await sql`insert into journal_lines (record_id, date, debit_account, credit_account, amount)
    select id, date, case when number % 2 = 0 then '371' else '607' end, case when number % 2 = 0 then '401' else '371' end, 1500
    from records where created_by = 'bulk'`.execute(db);
  // posting, editing and deleting records of these templates writes and removes their entries
  await db.updateTable('templates').set({ debit_account: 'STOCK', credit_account: '401' }).where('code', '=', 'CAR').execute();
  await db.updateTable('templates').set({ debit_account: '371.9', credit_account: 'STOCK' }).where('code', '=', 'TRF').execute();
  await db.updateTable('templates').set({ debit_account: 'STOCK', credit_account: '371.9' }).where('code', '=', 'TRI').execute();
  if (store.sqlite) store.sqlite.exec('analyze');
  else await store.pool!.query('analyze');
}

describe.each(dialects)('query-plan guard on a 200,000-line ledger [%s]', (dialect) => {
  let store: TestStore;
  let ctx: ReturnType<typeof loggingContext>['ctx'];
  let logged: Statement[];

  beforeAll(async () => {
    store = await openTestStore(dialect);
    await seedFixture(store);
    await seedInventoryFixture(store);
    await populate(store);
    ({ ctx, logged } = loggingContext(store));
  }, 120_000);
  afterAll(async () => store.dispose());

  /** runs the path with a fresh log, then explains what it ran */
  async function scansOf(path: () => Promise<unknown>): Promise<string[]> {
    logged.length = 0;
    await path();
    expect(logged.length).toBeGreaterThan(0);
    return fullScans(store, [...logged], WATCHED);
  }

  it('holds the ledger it claims', async () => {
    const n = await store.db.selectFrom('movements').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(RECORDS * LINES_PER_RECORD);
  });

  it('post, read, edit and delete a record with an offset mirror', async () => {
    expect(
      await scansOf(async () => {
        const posted = await createRecord(ctx, { warehouse: 'MAIN', template: 'TRF', date: '2026-08-02', lines: [{ item: 'Z10001', quantity: '1', location: 'A1' }] });
        await getRecord(ctx, posted.id);
        await getRecord(ctx, posted.offsetRecordId!);
        await updateRecord(ctx, posted.id, { warehouse: 'MAIN', template: 'TRF', date: '2026-08-02', lines: [{ item: 'Z10001', quantity: '2', location: 'A1' }] });
        await deleteRecord(ctx, posted.id);
        await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-08-03', lines: [{ item: 'A', quantity: '5', unitCost: '4', location: 'A1' }] });
      }),
    ).toEqual([]);
    // the mirror lookup is among what ran
    expect(logged.some((q) => /mirror_of"? (in|=)/i.test(q.sql))).toBe(true);
  });

  it('the freeze check while a frozen inventory of the warehouse has not begun counting', async () => {
    await store.db.insertInto('employees').values({ code: 'E2', name: 'Maria Ionescu' }).execute();
    const inv = await createInventory(ctx, { date: '2026-08-31', operator: 'E2', freeze: true });
    await createList(ctx, inv.id, { listType: 'STD', employee: 'E2', warehouse: 'MAIN' });
    expect(
      await scansOf(async () => {
        await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-08-04', lines: [{ item: 'A', quantity: '1', unitCost: '4', location: 'A1' }] });
      }),
    ).toEqual([]);
    // the probe for a counted line of the frozen inventory's lists ran (and found none: the record passed)
    expect(logged.some((q) => /from "inventory_lines"/.test(q.sql) && /"counted" =/.test(q.sql))).toBe(true);
    await updateInventory(ctx, inv.id, { closed: true });
  });

  it('the re-valuation: its plan, audit and line writes (the walk itself reads item ranges, as the valuation does)', async () => {
    await createRecord(ctx, { warehouse: 'MAIN', template: 'VAN', date: '2026-08-05', lines: [{ item: 'Z10003', quantity: '1', unitCost: '99', location: 'A1' }] });
    expect(
      await scansOf(async () => {
        await previewRevaluation(ctx, { from: '2026-08-05', to: '2026-08-05', method: 'fifo' });
        const applied = await applyRevaluation(ctx, { from: '2026-08-05', to: '2026-08-05', method: 'fifo', confirm: true });
        expect(applied.totals.lines).toBe(1);
      }),
    ).toEqual([]);
  });

  it('a page of records of one item and warehouse', async () => {
    expect(await scansOf(() => listRecords(ctx, { warehouse: 'MAIN', item: 'Z10002', limit: 50 }))).toEqual([]);
  });

  it('a page of records of one item sorted by value (the grids, issue 15 point 5): summed per record through the record index', async () => {
    expect(await scansOf(() => listRecords(ctx, { warehouse: 'MAIN', item: 'Z10002', sort: '-value', limit: 50, offset: 50 }))).toEqual([]);
    expect(await scansOf(() => listRecords(ctx, { from: '2026-03-01', to: '2026-03-02', sort: 'value', limit: 50 }))).toEqual([]);
  });

  it('scan by barcode and by code, change and remove a line, read the list and its lines', async () => {
    await store.db.insertInto('employees').values({ code: 'E1', name: 'Ion Popescu' }).execute();
    const inv = await createInventory(ctx, { date: '2026-08-31', operator: 'E1' });
    const list = await createList(ctx, inv.id, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' });
    expect(
      await scansOf(async () => {
        await countLine(ctx, list.id, { barcode: GTIN_A, quantity: '3', location: 'A1' });
        const line = await countLine(ctx, list.id, { item: 'Z10003', quantity: '7', location: 'A1', scanId: 'guard-1' });
        await countLine(ctx, list.id, { item: 'Z10003', quantity: '7', location: 'A1', scanId: 'guard-1' });
        await countLine(ctx, list.id, { item: 'Z10003', quantity: '1', location: 'A1', mode: 'add' });
        await updateLine(ctx, line.line.id, { quantity: '9' });
        const extra = await countLine(ctx, list.id, { item: 'Z10004', quantity: '1', location: 'A1' });
        await deleteLine(ctx, extra.line.id);
        await getList(ctx, list.id);
        await listLines(ctx, list.id, { limit: 50 });
        await listLines(ctx, list.id, { limit: 50, mine: true });
      }),
    ).toEqual([]);
    // the list's progress: its book figure is computed off the request (once), the request reads the list's lines
    await listProgress(ctx, list.id);
    await progressSettled(ctx.store);
    expect((await listProgress(ctx, list.id)).pending).toBe(false);
    expect(await scansOf(async () => void (await listProgress(ctx, list.id)))).toEqual([]);
  });

  it('the stock of one key, and the differences preview of a small inventory', async () => {
    const inv = await createInventory(ctx, { date: '2026-08-31', operator: 'E1' });
    const list = await createList(ctx, inv.id, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' });
    await countLine(ctx, list.id, { item: 'Z10005', quantity: '4', location: 'A1' });
    expect(
      await scansOf(async () => {
        await queryStock(ctx, { warehouse: 'MAIN', item: 'Z10005', date: '2026-08-31', by: ['location'] });
        const preview = await previewDifferences(ctx, inv.id);
        expect(preview.rows).toHaveLength(1);
      }),
    ).toEqual([]);
  });

  it('the differences preview with a confusion group and a loss allowance: the issued quantity is an indexed range read (SPEC §12)', async () => {
    await createConfusionGroup(ctx, { year: 2026, code: 'QPG', items: ['Z10006', 'Z10007'] });
    await putLossAllowances(ctx, { items: [{ item: 'Z10006', pct: '0.5' }] });
    await createRecord(ctx, { warehouse: 'MAIN', template: 'VAN', date: '2026-08-06', lines: [{ item: 'Z10006', quantity: '10', unitCost: '1.5', location: 'A1' }] });
    const inv = await createInventory(ctx, { date: '2026-08-31', operator: 'E1' });
    const list = await createList(ctx, inv.id, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' });
    await countLine(ctx, list.id, { item: 'Z10006', quantity: '100', location: 'A1' });
    await countLine(ctx, list.id, { item: 'Z10007', quantity: '250', location: 'A1' });
    expect(
      await scansOf(async () => {
        const preview = await previewDifferences(ctx, inv.id);
        expect(preview.groups).toHaveLength(1);
      }),
    ).toEqual([]);
    // the issued quantity was read
    expect(logged.some((q) => /from "movements"/.test(q.sql) && /"origin" not in/.test(q.sql))).toBe(true);
    await updateInventory(ctx, inv.id, { closed: true });
  });

  it('the journal by record, by date range, by account; the balances of the stock reconciliation', async () => {
    const posted = await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-08-05', lines: [{ item: 'Z10006', quantity: '2', unitCost: '3', location: 'A1' }] });
    expect(
      await scansOf(async () => {
        const one = await listJournal(ctx, { record: posted.id });
        expect(one.items.map((l) => [l.debitAccount, l.creditAccount, l.amount])).toEqual([['371', '401', '6.00']]);
        const days = await listJournal(ctx, { from: '2026-03-01', to: '2026-03-02', limit: 50 });
        expect(days.total).toBeGreaterThan(0);
        await listJournal(ctx, { account: '607', from: '2026-03-01', to: '2026-03-31', limit: 50 });
        await listJournal(ctx, { account: '401', from: '2026-01-01', to: '2026-01-31', limit: 50 });
        await accountBalances(store.db, ['371', '301'], '2026-02-28', '2026-06-30');
        await accountBalances(store.db, ['371'], '', '2026-06-30');
      }),
    ).toEqual([]);
  });

  it('the SAF-T D406 stock export of a month: totals and every line of the period, no table read whole', async () => {
    let bytes = 0;
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((bytes += chunk.length), done()) });
    expect(
      await scansOf(async () => {
        const exp = await prepareSaftD406Stock(ctx, { from: '2026-02-01', to: '2026-02-28' });
        // pages of 500 lines: the keyset continuation runs too
        const summary = await exp.write(sink, { pageSize: 500 });
        expect(summary.numberOfMovementLines).toBeGreaterThan(1_000);
        expect(summary.numberOfMovementLines).toBe(exp.totals.lines);
      }),
    ).toEqual([]);
    expect(bytes).toBeGreaterThan(0);
    // the continuation of a page was among what ran
    expect(logged.some((q) => /\(r\.date, r\.number\) >=/.test(q.sql))).toBe(true);
  });

  it('the home dashboard: open inventories, their lists and differences, accuracy; the charts once their valuations are cached', async () => {
    expect(
      await scansOf(async () => {
        const d = await dashboard(ctx);
        expect(d.openInventories.length).toBeGreaterThan(0);
      }),
    ).toEqual([]);
    // a cold load only queues the valuations (held here, so only the request's own statements are explained): no watched table read whole
    const release = holdValuations(ctx.store);
    expect(
      await scansOf(async () => {
        expect((await stockValueByMonth(ctx, '2026-08-31')).pending).toBe(true);
        expect((await costMethodComparison(ctx, { date: '2026-08-31' })).pending).toBe(true);
      }),
    ).toEqual([]);
    // the background values the month ends and the methods (a valuation reads the movements after the last closing, by item);
    // every later load with nothing written reads only the audit trail's end
    release();
    await valuationsSettled(ctx.store);
    expect((await stockValueByMonth(ctx, '2026-08-31')).pending).toBe(false);
    expect(
      await scansOf(async () => {
        await stockValueByMonth(ctx, '2026-08-31');
        await costMethodComparison(ctx, { date: '2026-08-31' });
      }),
    ).toEqual([]);
    // a record dated after them written since: the cache reads the audit entries after its mark (a primary key range) and keeps its figures
    await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-09-01', lines: [{ item: 'A', quantity: '1', unitCost: '4', location: 'A1' }] });
    expect(await scansOf(() => stockValueByMonth(ctx, '2026-08-31'))).toEqual([]);
    expect(logged.some((q) => /from "audit_log" where "id" > /.test(q.sql))).toBe(true);
  });

  it('the audit trail by user, by date range, by entity and key', async () => {
    expect(
      await scansOf(async () => {
        await listAudit(ctx, { user: 'system', limit: 50 });
        await listAudit(ctx, { from: '2026-01-10', to: '2026-01-11', limit: 50 });
        await listAudit(ctx, { entity: 'record', key: '17', limit: 50 });
      }),
    ).toEqual([]);
  });

  it('the posted results of an inventory (the yearly documents after posting): its records by inventory, their movements by record (issue 18)', async () => {
    const inv = await createInventory(ctx, { date: '2026-09-30', operator: 'E1' });
    const list = await createList(ctx, inv.id, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' });
    await countLine(ctx, list.id, { item: 'Z10009', quantity: '3', location: 'A1' });
    await postDifferences(ctx, inv.id, { postingDate: '2026-09-30' });
    expect(
      await scansOf(async () => {
        const posted = await postedDifferences(ctx, inv.id);
        expect(posted.rows.map((r) => [r.item, r.counted, r.postedDifference])).toEqual([['Z10009', '3.000', posted.rows[0].difference]]);
        expect(posted.rows[0].difference).not.toBe('0.000');
      }),
    ).toEqual([]);
    expect(logged.some((q) => /from "movements" where "record_id" in/.test(q.sql))).toBe(true);
  });
});

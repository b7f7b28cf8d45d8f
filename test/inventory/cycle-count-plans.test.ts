/**
 * Cycle counting reads the ledger through indexes (no full scan of
 * movements, inventory_lines, inventory_lists or audit_log on a request
 * path): the classes, the due keys and the list of them run with a
 * statement log, and each statement is explained (SQLite EXPLAIN QUERY PLAN;
 * PostgreSQL EXPLAIN with sequential scans off, so a tiny table still shows
 * whether an index can serve it). The outgoing sum reads the partial index
 * movements_outgoing_ix (migration 0015).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/core/context.ts';
import { createRecord } from '../../src/ledger/records.ts';
import { createInventory } from '../../src/inventory/inventories.ts';
import { queryClasses, queryDue } from '../../src/inventory/cycle-count.ts';
import { createDueList } from '../../src/inventory/cycle-count-list.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { fullScans, loggingContext, planSteps, type Statement } from '../helpers/query-plans.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';
import { seedInventoryFixture } from './support.ts';

const WATCHED = ['movements', 'inventory_lines', 'inventory_lists', 'audit_log'];

describe.each(dialects)('cycle counting query plans [%s]', (dialect) => {
  let store: TestStore;
  let ctx: Ctx;
  let logged: Statement[];

  beforeAll(async () => {
    store = await openTestStore(dialect);
    await seedFixture(store);
    await seedInventoryFixture(store);
    await store.db.insertInto('employees').values({ code: 'E1', name: 'Ion Popescu' }).execute();
    ({ ctx, logged } = loggingContext(store));
    await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-02-01', lines: [{ item: 'A', quantity: '20', unitCost: '4', location: 'A1' }, { item: 'B', quantity: '5', unitCost: '2' }] });
    await createRecord(ctx, { warehouse: 'MAIN', template: 'VAN', date: '2026-03-01', lines: [{ item: 'A', quantity: '2', unitCost: '4', location: 'A1' }] });
  });
  afterAll(async () => store.dispose());

  it('classes, due keys and a list of them: no full scan; the outgoing sum reads movements_outgoing_ix', async () => {
    logged.length = 0;
    const classes = await queryClasses(ctx, { warehouse: 'MAIN', date: '2026-12-31' });
    expect(classes.items.map((i) => `${i.item}:${i.class}:${i.outgoingValue}`)).toEqual(['A:A:8.00', 'B:C:0.00']);
    const due = await queryDue(ctx, { warehouse: 'MAIN', date: '2026-12-31' });
    expect(due.items.map((k) => `${k.item}@${k.location}`)).toEqual(['B@', 'A@A1']);
    const inv = await createInventory(ctx, { date: '2026-12-31', operator: 'E1' });
    const list = await createDueList(ctx, { warehouse: 'MAIN', inventory: inv.id, employee: 'E1', listType: 'STD' });
    expect(list.keys).toHaveLength(2);

    const outgoing = logged.filter((q) => /quantity < 0/.test(q.sql));
    expect(outgoing.length).toBeGreaterThan(0);
    // PostgreSQL without statistics costs any index of a 3-row table alike (it took movements_stock_ix); with them it takes the partial index
    if (!store.sqlite) await store.pool!.query('analyze movements');
    for (const q of outgoing) expect((await planSteps(store, q)).join(' | ')).toMatch(/movements_outgoing_ix/);
    expect(logged.some((q) => /inventory_lines/.test(q.sql) && /max/i.test(q.sql))).toBe(true);
    expect(await fullScans(store, [...logged], WATCHED)).toEqual([]);
  });
});

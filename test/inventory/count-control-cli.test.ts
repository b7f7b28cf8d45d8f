/** The count control CLI commands run the same services: set tolerances, recount, decide, post, accuracy. */
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { InventarError } from '../../src/core/errors.ts';
import { inventoryCommands } from '../../src/cli/inventory.ts';
import { createRecord } from '../../src/ledger/records.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { seedInventoryFixture } from './support.ts';

describe.each(dialects)('count control CLI [%s]', (dialect) => {
  let store: TestStore;
  let ctx: Ctx;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
    await seedFixture(store);
    await seedInventoryFixture(store);
    await store.db.insertInto('employees').values([{ code: 'E1', name: 'Ion Popescu' }, { code: 'E2', name: 'Maria Ionescu' }]).execute();
    // book: A 10 @ 10.00
    await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-03-01', lines: [{ item: 'A', quantity: '10', unitCost: '10' }] });
  });
  afterAll(async () => store.dispose());

  async function run(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    inventoryCommands(program, async () => ctx);
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      await program.parseAsync(['node', 'inventar', ...args]);
    } finally {
      log.mockRestore();
    }
    return out.join('\n');
  }

  it('sets count control, recounts, decides, posts and reports the accuracy', async () => {
    const set = JSON.parse(await run('count-control', 'set', 'MAIN', '--pct', '5', '--value', '1', '--recount', '--approval', '--class', 'A:2::24'));
    expect(set).toMatchObject({ quantityTolerancePct: '5.00', valueTolerance: '1.00', recount: true, approval: true });
    expect(set.classes[0]).toEqual({ class: 'A', quantityTolerancePct: '2.00', valueTolerance: null, countsPerYear: 24 });
    expect(JSON.parse(await run('count-control', 'get', 'SHOP'))).toMatchObject({ recount: false, approval: false, quantityTolerancePct: '0.00' });
    await run('count-control', 'add-reason', 'MAIN', 'DMG', 'Deteriorat');
    expect(await run('count-control', 'reason-codes', 'MAIN')).toContain('DMG');

    const inv = JSON.parse(await run('inventory', 'create', '--date', '2026-03-10', '--operator', 'E1', '--list', 'STD:E1:MAIN', '--json'));
    await run('inventory', 'count', String(inv.lists[0].id), '--item', 'A', '--quantity', '7');
    // A: 7 of 10, diff −3, 30 % and 30.00 → over
    await expect(run('inventory', 'recount', String(inv.id), '--employee', 'E1')).rejects.toMatchObject({ code: 'INV_ERR_RECOUNT_SAME_EMPLOYEE' });
    const recount = JSON.parse(await run('inventory', 'recount', String(inv.id), '--employee', 'E2', '--json'));
    expect(recount).toMatchObject({ recountRound: 1, employee: 'E2', blindCount: true, keys: [{ item: 'A' }] });
    await run('inventory', 'count', String(recount.id), '--item', 'A', '--quantity', '8');
    // recounted 8: diff −2, value −20.00, still over; posting waits for a decision
    const refused = await run('inventory', 'post', String(inv.id), '--posting-date', '2026-03-10').catch((e) => e);
    expect(refused).toBeInstanceOf(InventarError);
    expect(refused.code).toBe('INV_ERR_UNDECIDED_DIFFERENCES');
    const decided = JSON.parse(await run('inventory', 'decide', String(inv.id), '--warehouse', 'MAIN', '--item', 'A', '--reason', 'DMG', '--decision', 'approve', '--json'));
    expect(decided.lines[0]).toMatchObject({ item: 'A', decision: 'approve', reason: 'DMG', countRound: 1 });
    const posted = JSON.parse(await run('inventory', 'post', String(inv.id), '--posting-date', '2026-03-10', '--json'));
    expect(posted.records[0].lines.map((l: any) => [l.item, l.quantity, l.amount])).toEqual([['A', '-2.000', '-20.00']]);
    // 1 key, with a difference: 0/1; book 10 × 10.00 = 100.00, difference 20.00: 1 − 0.2 = 0.8000
    const accuracy = JSON.parse(await run('report', 'count-accuracy', '--inventory', String(inv.id)));
    expect(accuracy).toMatchObject({ keys: 1, keysWithoutDifference: 0, countAccuracy: '0.0000', bookValue: '100.00', differenceValue: '20.00', valueAccuracy: '0.8000' });
  });
});

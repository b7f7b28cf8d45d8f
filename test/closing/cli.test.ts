/** `inventar closing check|run|list|rows|restore` over the same services (in process, on each database). */
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { closingCommands } from '../../src/cli/closing.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { createRecord } from '../../src/ledger/records.ts';

describe.each(dialects)('closing CLI [%s]', (dialect) => {
  let store: TestStore;
  let ctx: Ctx;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    await seedFixture(store);
    ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
    await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-02-01', lines: [{ item: 'A', quantity: '4', unitCost: '2.5' }] });
  });
  afterAll(async () => store.dispose());

  async function run(...args: string[]): Promise<{ out: string; err: string; code: number | undefined }> {
    const program = new Command().exitOverride();
    closingCommands(program, async () => ctx);
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    const before = process.exitCode;
    process.exitCode = undefined;
    try {
      await program.parseAsync(['node', 'inventar', ...args]);
      return { out: out.join('\n'), err: err.join('\n'), code: process.exitCode as number | undefined };
    } finally {
      process.exitCode = before;
      log.mockRestore();
      error.mockRestore();
    }
  }

  it('checks, refuses with the errors and exit code 2, closes, lists, shows rows and restores', async () => {
    const check = await run('closing', 'check', '--date', '2026-02-28', '--json');
    expect(JSON.parse(check.out)).toMatchObject({ closingDate: '2026-02-28', errors: [] });
    expect(check.code).toBeUndefined();

    const future = await run('closing', 'run', '--date', '2026-12-31');
    expect(future.code).toBe(2);
    expect(future.err).toContain('INV_ERR_CLOSING_IN_FUTURE');

    const closed = await run('closing', 'run', '--date', '2026-02-28', '--method', 'fifo', '--json');
    const result = JSON.parse(closed.out);
    expect(result).toMatchObject({ closingDate: '2026-02-28', method: 'fifo', stats: { openingLines: 1 } });

    const list = await run('closing', 'list');
    expect(list.out).toContain('2026-02-28');
    const rows = await run('closing', 'rows', String(result.id), '--json');
    expect(JSON.parse(rows.out).items[0]).toMatchObject({ item: 'A', quantity: '4.000', value: '10.00' });

    const again = await run('closing', 'check', '--date', '2026-02-28');
    expect(again.code).toBe(1);
    expect(again.out).toContain('INV_ERR_CLOSING_NOT_AFTER_LAST');

    const restored = await run('closing', 'restore');
    expect(restored.out).toContain('restored');
    expect((await store.db.selectFrom('closings').selectAll().execute()).length).toBe(0);
  });
});

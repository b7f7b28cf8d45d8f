/** `inventar revaluation preview|apply` over the same services (in process, on each database). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { InventarError } from '../../src/core/errors.ts';
import { revaluationCommands } from '../../src/cli/revaluation.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { createRecord } from '../../src/ledger/records.ts';

describe.each(dialects)('revaluation CLI [%s]', (dialect) => {
  let store: TestStore;
  let ctx: Ctx;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-reval-cli-'));

  beforeAll(async () => {
    store = await openTestStore(dialect);
    await seedFixture(store);
    ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
    await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-02-01', lines: [{ item: 'A', quantity: '10', unitCost: '10' }] });
    await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-02-02', lines: [{ item: 'A', quantity: '10', unitCost: '12' }] });
    // fifo: 10@10 + 5@12 = 160.00 → 10.66667 (stored 11.00, 165.00)
    await createRecord(ctx, { warehouse: 'MAIN', template: 'VAN', date: '2026-02-03', lines: [{ item: 'A', quantity: '15', unitCost: '11' }] });
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await store.dispose();
  });

  async function run(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    revaluationCommands(program, async () => ctx);
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    try {
      await program.parseAsync(['node', 'inventar', ...args]);
      return out.join('\n');
    } finally {
      log.mockRestore();
    }
  }

  const RANGE = ['--from', '2026-02-01', '--to', '2026-02-28', '--method', 'fifo'];

  it('previews (screen, JSON, CSV of all), refuses to apply without --yes off a terminal, applies with it', async () => {
    const text = await run('revaluation', 'preview', ...RANGE);
    expect(text).toContain('10.66667');
    expect(text).toContain('1 lines (1 unloads, 0 transfer loads), amounts -165.00 → -160.00, difference 5.00');
    const json = JSON.parse(await run('revaluation', 'preview', ...RANGE, '--json'));
    expect(json.changes).toMatchObject([{ item: 'A', oldUnitCost: '11.00000', newUnitCost: '10.66667', oldAmount: '-165.00', newAmount: '-160.00' }]);
    const file = path.join(dir, 'all.csv');
    await run('revaluation', 'preview', ...RANGE, '--csv', file, '--limit', '0');
    const rows = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('10.66667');

    await expect(run('revaluation', 'apply', ...RANGE)).rejects.toSatisfy((e: unknown) => e instanceof InventarError && e.code === 'INV_ERR_CONFIRMATION_REQUIRED');
    const line = () => store.db.selectFrom('movements').select(['unit_cost', 'amount']).where('quantity', '<', 0n).executeTakeFirstOrThrow();
    expect(await line()).toMatchObject({ unit_cost: 1100000n, amount: -16500n });
    const applied = JSON.parse(await run('revaluation', 'apply', ...RANGE, '--yes', '--json'));
    expect(applied.totals).toMatchObject({ lines: 1, difference: '5.00' });
    expect(await line()).toMatchObject({ unit_cost: 1066667n, amount: -16000n });
    expect(await run('revaluation', 'preview', ...RANGE)).toContain('0 lines');
  });
});

/** The `inventory` CLI commands run the same services: create, count, differences, post. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { InventarError } from '../../src/core/errors.ts';
import { inventoryCommands } from '../../src/cli/inventory.ts';
import { createRecord } from '../../src/ledger/records.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { pdfText, seedInventoryFixture } from './support.ts';

describe.each(dialects)('inventory CLI [%s]', (dialect) => {
  let store: TestStore;
  let ctx: Ctx;
  let dir: string;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    ctx = { store, actor: SYSTEM_ACTOR, lang: 'ro' };
    await seedFixture(store);
    await seedInventoryFixture(store);
    await store.db.insertInto('employees').values({ code: 'E1', name: 'Ion Popescu' }).execute();
    await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-03-01', lines: [{ item: 'A', quantity: '10', unitCost: '10' }] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-cli-'));
  });
  afterAll(async () => {
    await store.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    inventoryCommands(program, async () => ctx);
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      await program.parseAsync(['node', 'inventar', 'inventory', ...args]);
    } finally {
      log.mockRestore();
    }
    return out.join('\n');
  }

  it('creates an inventory with a list, counts, previews, posts; a second post is refused', async () => {
    const created = JSON.parse(await run('create', '--date', '2026-03-10', '--operator', 'E1', '--list', 'STD:E1:MAIN', '--json'));
    expect(created).toMatchObject({ year: 2026, number: 1 });
    const list = created.lists[0].id;
    const counted = JSON.parse(await run('count', String(list), '--item', 'A', '--quantity', '7', '--scan-id', 'cli-1', '--json'));
    expect(counted).toMatchObject({ status: 201, line: { item: 'A', countedQuantity: '7.000', bookQuantity: '10.000' } });
    const csv = path.join(dir, 'counts.csv');
    fs.writeFileSync(csv, 'barcode,quantity\n(01)05901234123457(37)2,\n');
    expect(await run('count', String(list), '--csv', csv)).toContain('1 rows: 0 new lines, 1 changed, 0 already applied');
    expect(await run('list')).toMatch(/2026\/1\s+2026-03-10\s+E1\s+false/);

    const preview = JSON.parse(await run('differences', String(created.id), '--json'));
    expect(preview.rows.map((r: any) => [r.item, r.counted, r.book, r.difference, r.template, r.unitCost, r.value])).toEqual([['A', '9.000', '10.000', '-1.000', 'MIN', '10.00000', '-10.00']]);
    const pdf = path.join(dir, 'diff.pdf');
    await run('differences', String(created.id), '--format', 'pdf', '--out', pdf);
    expect(await pdfText(fs.readFileSync(pdf))).toContain('Raport diferențe de inventar');
    const sheet = path.join(dir, 'sheet.csv');
    await run('count-sheet', String(list), '--format', 'csv', '--out', sheet);
    expect(fs.readFileSync(sheet, 'utf8')).toContain('Cantitate numărată');
    // the CSV style follows the language, --csv-style overrides it; xlsx is a workbook (a zip)
    expect(fs.readFileSync(sheet, 'utf8').split('\r\n')[0]).toContain(';');
    await run('count-sheet', String(list), '--format', 'csv', '--csv-style', 'en', '--out', sheet);
    expect(fs.readFileSync(sheet, 'utf8').split('\r\n')[0]).toContain(',Gestiune,');
    const xlsx = path.join(dir, 'sheet.xlsx');
    await run('count-sheet', String(list), '--format', 'xlsx', '--out', xlsx);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');

    const posted = await run('post', String(created.id), '--posting-date', '2026-03-10');
    expect(posted).toContain('posted at 2026-03-10');
    expect(posted).toMatch(/MAIN\s+MIN\s+2026-03-10/);
    await expect(run('post', String(created.id), '--posting-date', '2026-03-10')).rejects.toSatisfy((e: unknown) => e instanceof InventarError && e.code === 'INV_ERR_INVENTORY_POSTED');
  });

  it('reverses the posted inventory (the shortage of 1 @ 10.00 comes back) and creates a frozen inventory', async () => {
    const reversed = JSON.parse(await run('reverse', '1', '--date', '2026-03-10', '--json'));
    expect(reversed).toMatchObject({ inventory: '2026/1', date: '2026-03-10' });
    expect(reversed.records.map((r: any) => [r.template, r.origin, r.lines.map((l: any) => [l.item, l.quantity, l.unitCost, l.amount])])).toEqual([
      ['PLU', 'reversal', [['A', '1.000', '10.00000', '10.00']]],
    ]);
    const stock = await store.db.selectFrom('movements').select((eb) => eb.fn.sum<bigint>('quantity').as('q')).where('item_id', '=', eb => eb.selectFrom('items').select('id').where('code', '=', 'A')).executeTakeFirstOrThrow();
    expect(BigInt(stock.q)).toBe(10_000n);
    await expect(run('reverse', '1', '--date', '2026-03-10')).rejects.toSatisfy((e: unknown) => e instanceof InventarError && e.code === 'INV_ERR_INVENTORY_NOT_POSTED');
    expect(await run('post', '1', '--posting-date', '2026-03-11')).toMatch(/MAIN\s+MIN\s+2026-03-11/);
    expect(await run('reverse', '1', '--date', '2026-03-11')).toMatch(/reversed at 2026-03-11[^\n]*\n[^\n]*\n?.*MAIN\s+PLU\s+2026-03-11/s);
    const frozen = JSON.parse(await run('create', '--date', '2026-03-12', '--operator', 'E1', '--freeze', '--json'));
    expect(frozen).toMatchObject({ number: 2, freeze: true });
  });
});

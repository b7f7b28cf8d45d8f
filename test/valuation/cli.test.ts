/** `inventar report valued-inventory` and `inventar warehouse-history` (the commands, on a test store). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/context.ts';
import { createRecord } from '../../src/ledger/records.ts';
import { registerValuationCommands } from '../../src/cli/valuation.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';
import { seedFixture } from '../helpers/fixtures.ts';

describe.each(dialects)('CLI: report valued-inventory, warehouse-history [%s]', (dialect) => {
  let store: TestStore;
  const ctx = () => ({ store, actor: SYSTEM_ACTOR, lang: 'ro' as const });

  beforeAll(async () => {
    store = await openTestStore(dialect);
    await seedFixture(store);
    await createRecord(ctx(), { warehouse: 'MAIN', template: 'CAR', date: '2026-01-10', lines: [{ item: 'A', quantity: '10', unitCost: '10' }] });
    await createRecord(ctx(), { warehouse: 'MAIN', template: 'CAR', date: '2026-01-11', lines: [{ item: 'A', quantity: '10', unitCost: '12' }] });
    await createRecord(ctx(), { warehouse: 'MAIN', template: 'VAN', date: '2026-01-12', lines: [{ item: 'A', quantity: '5' }] });
    await createRecord(ctx(), { warehouse: 'MAIN', template: 'CAR', date: '2026-01-13', lines: [{ item: 'A', quantity: '5', unitCost: '15' }] });
  });
  afterAll(async () => store.dispose());

  /** runs the command line, returns what it printed */
  async function cli(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    // another module may have created the `report` group already: it is reused
    program.command('report').description('reports');
    registerValuationCommands(program, async () => ctx());
    let out = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      out += `${a.join(' ')}\n`;
    });
    try {
      await program.parseAsync(args, { from: 'user' });
    } finally {
      write.mockRestore();
      log.mockRestore();
    }
    return out;
  }

  it('prints CSV with Romanian headers and the total line', async () => {
    const out = await cli('report', 'valued-inventory', '--date', '2026-12-31', '--method', 'fifo', '--format', 'csv');
    // the Romanian CSV style (SPEC §14): BOM, `;`, decimal comma
    expect(out.split('\r\n')).toEqual(['\ufeffArticol;Descriere;UM;Cantitate;Cost unitar;Valoare', 'A;Articol A;buc;20,000;12,25000;245,00', 'Total;;;20,000;;245,00', '']);
    const en = await cli('report', 'valued-inventory', '--date', '2026-12-31', '--method', 'fifo', '--format', 'csv', '--csv-style', 'en');
    expect(en.split('\r\n')).toEqual(['\ufeffArticol,Descriere,UM,Cantitate,Cost unitar,Valoare', 'A,Articol A,buc,20.000,12.25000,245.00', 'Total,,,20.000,,245.00', '']);
  });

  it('prints a table, JSON, writes a PDF, historicizes, lists the history', async () => {
    const table = await cli('report', 'valued-inventory', '--date', '2026-12-31', '--group-by', 'warehouse');
    expect(table).toMatch(/MAIN\s+A\s+Articol A\s+buc\s+20\.000\s+11\.80000\s+236\.00/);
    expect(table).toContain('total: quantity 20.000, value 236.00');
    const json = JSON.parse(await cli('report', 'valued-inventory', '--date', '2026-12-31', '--method', 'last', '--format', 'json'));
    expect(json.totals).toEqual({ quantity: '20.000', value: '300.00' });
    const file = path.join(os.tmpdir(), `valued-inventory-${process.pid}.pdf`);
    await cli('report', 'valued-inventory', '--date', '2026-12-31', '--format', 'pdf', '--out', file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    fs.rmSync(file);
    const saved = await cli('report', 'valued-inventory', '--date', '2026-06-30', '--method', 'moving-average', '--historicize');
    expect(saved).toMatch(/saved as history run \d+/);
    const history = JSON.parse(await cli('warehouse-history', '--date', '2026-07-01', '--json'));
    expect(history.items).toEqual([expect.objectContaining({ item: 'A', quantity: '20.000', unitCost: '12.00000', value: '240.00', method: 'moving-average' })]);
  });
});

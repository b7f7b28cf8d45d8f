/**
 * `inventar saft d406-stock` as a real process on each database, on the demo
 * company: the last 30 days written to a file that validates against the
 * repository's schema, the summary on standard error, a reversed period
 * refused with a code and exit status 2.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/core/dates.ts';
import { dialects, testDatabaseUrl } from '../helpers/store.ts';

const run = promisify(execFile);
const XSD = path.resolve('src/accounting/saft/d406-stock.xsd');

describe.each(dialects)('inventar saft d406-stock [%s]', (dialect) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-saft-cli-'));
  const target = testDatabaseUrl(dialect, path.join(dir, 'cli.db'));

  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', target.url, '--lang', 'en', ...args]);
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }

  beforeAll(async () => {
    expect((await cli('demo')).stdout).toContain('"items":50');
  }, 120_000);
  afterAll(async () => {
    await target.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the last 30 days of the demo company to --out, valid against the schema', async () => {
    const out = path.join(dir, 'd406.xml');
    const to = today();
    const from = addDays(to, -29);
    const r = await cli('saft', 'd406-stock', '--from', from, '--to', to, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const xml = fs.readFileSync(out, 'utf8');
    const lines = Number(/<NumberOfMovementLines>(\d+)<\/NumberOfMovementLines>/.exec(xml)![1]);
    expect(lines).toBeGreaterThan(0);
    expect(xml.match(/<StockMovementLine>/g)).toHaveLength(lines);
    expect(r.stderr).toContain(`${lines} movement lines`);
    const lint = await run('xmllint', ['--noout', '--schema', XSD, out]);
    expect(lint.stderr).toContain('validates');
  }, 120_000);

  it('refuses a reversed period with a coded message and exit status 2', async () => {
    const r = await cli('saft', 'd406-stock', '--from', '2026-03-01', '--to', '2026-02-01', '--out', path.join(dir, 'x.xml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('INV_ERR_VALIDATION');
    expect(fs.existsSync(path.join(dir, 'x.xml'))).toBe(false);
  }, 120_000);
});

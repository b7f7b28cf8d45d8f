/**
 * The CLI is thin over the services tested elsewhere on both databases; here
 * it runs as a real process on each database (a SQLite file; PostgreSQL in a
 * fresh schema named by the URL's `?schema=`): commands, --json, errors, exit codes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { postgresTarget } from '../../src/db/connection.ts';
import { PG_URL, dialects, testDatabaseUrl } from '../helpers/store.ts';

const run = promisify(execFile);

describe.each(dialects)('inventar CLI [%s]', (dialect) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-cli-'));
  const target = testDatabaseUrl(dialect, path.join(dir, 'cli.db'));
  const db = target.url;

  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, ...args]);
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }

  // each command is a process of its own (tsx start-up included): minutes on a loaded machine
  beforeAll(async () => {
    expect((await cli('migrate')).stdout).toMatch(/applied|up to date/);
    expect((await cli('demo')).stdout).toContain('"items":50');
  }, 120_000);
  afterAll(async () => {
    await target.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the store where --db names it (PostgreSQL: the schema of ?schema=)', async () => {
    if (dialect === 'sqlite') {
      expect(fs.statSync(db).size).toBeGreaterThan(0);
      return;
    }
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      const { rows } = await c.query<{ table_name: string }>(
        `select table_name from information_schema.tables where table_schema = $1 and table_name in ('records', 'movements', 'items') order by table_name`,
        [target.schema],
      );
      expect(rows.map((r) => r.table_name)).toEqual(['items', 'movements', 'records']);
    } finally {
      await c.end();
    }
  });

  it('prints stock as a table and as JSON', async () => {
    const table = await cli('stock', '--warehouse', 'DEP', '--item', 'CAF01');
    expect(table.stdout).toMatch(/warehouse\s+item\s+quantity/);
    const json = JSON.parse((await cli('stock', '--warehouse', 'MAG', '--by', 'lot', '--json')).stdout);
    expect(json.rows.length).toBeGreaterThan(10);
    expect(json.rows[0].quantity).toMatch(/^\d+\.\d{3}$/);
  }, 180_000);

  it('imports records from CSV all or nothing, and lists them', async () => {
    const good = path.join(dir, 'good.csv');
    const year = new Date().getFullYear();
    fs.writeFileSync(good, `warehouse,template,date,account,item,quantity,unitCost\nDEP,ACH,${year}-01-05,F009,PIX01,10,1.25\n`);
    expect((await cli('import', 'records', good)).stdout).toContain('imported 1 records, 1 lines');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, `warehouse,template,date,account,item,quantity,unitCost\nDEP,ACH,${year}-01-05,F009,PIX01,10,1.25\nDEP,ACH,${year}-01-05,F009,NOPE,1,1\n`);
    const r = await cli('--lang', 'en', 'import', 'records', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('INV_ERR_NOT_FOUND');
    expect(r.stderr).toContain('/rows/3/item');
    const listed = JSON.parse((await cli('records', '--warehouse', 'DEP', '--from', `${year}-01-05`, '--to', `${year}-01-05`, '--json')).stdout);
    expect(listed.items.filter((x: any) => x.account === 'F009')).toHaveLength(1);
  }, 180_000);

  it('manages master data with the API bodies, and explains refusals in Romanian', async () => {
    expect((await cli('employees', 'create', '{"code":"E9","name":"Ion Ștefan"}')).code).toBe(0);
    expect((await cli('employees', 'list')).stdout).toContain('Ion Ștefan');
    const dup = await cli('employees', 'create', '{"code":"E9","name":"X"}');
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('Angajatul „E9” există deja');
    const tpl = JSON.parse((await cli('templates', 'show', 'TRF', '--warehouse', 'DEP')).stdout);
    expect(tpl).toMatchObject({ code: 'TRF', type: 'unload', offsetWarehouse: 'MAG', offsetTemplate: 'TRI' });
  }, 180_000);
});

describe('the PostgreSQL schema of a --db URL', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('comes from ?schema= (taken off the URL), else INVENTAR_PG_SCHEMA, else none', () => {
    vi.stubEnv('INVENTAR_PG_SCHEMA', '');
    expect(postgresTarget('postgres://u@h:5432/db?schema=shop_1&application_name=x')).toEqual({ url: 'postgres://u@h:5432/db?application_name=x', schema: 'shop_1' });
    expect(postgresTarget('postgres://u@h/db')).toEqual({ url: 'postgres://u@h/db', schema: undefined });
    vi.stubEnv('INVENTAR_PG_SCHEMA', 'from_env');
    expect(postgresTarget('postgres://u@h/db')).toEqual({ url: 'postgres://u@h/db', schema: 'from_env' });
    expect(postgresTarget('postgres://u@h/db?schema=from_url').schema).toBe('from_url');
    expect(postgresTarget('postgres://u@h/db?schema=from_url', 'given').schema).toBe('given');
  });

  it('refuses a name that would need quoting (or inject into search_path)', () => {
    expect(() => postgresTarget('postgres://u@h/db?schema=Shop')).toThrow(/schema "Shop"/);
    expect(() => postgresTarget('postgres://u@h/db?schema=a,public')).toThrow(/schema "a,public"/);
    expect(() => postgresTarget('postgres://u@h/db?schema=1a')).toThrow(/lower-case letters/);
  });
});

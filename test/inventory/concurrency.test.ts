/**
 * Concurrent counting and posting on both databases:
 *  - 8 clients as separate processes (their own connections: real row locks
 *    on PostgreSQL, real file locks on SQLite), and
 *  - 8 clients through one HTTP app (PostgreSQL: a pool of connections;
 *    SQLite: requests interleaving on the one connection),
 * each mixing adds, replaces and retried scan ids, end with exactly the
 * expected totals; of two simultaneous posts exactly one succeeds.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { createRecord } from '../../src/ledger/records.ts';
import { createInventory } from '../../src/inventory/inventories.ts';
import { createList } from '../../src/inventory/inventory-lists.ts';
import { dialects, openTestStore, PG_URL, type TestStore } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { seedInventoryFixture } from './support.ts';
import { scansOf, type ClientConfig } from './concurrent-client.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLIENT = path.join(here, 'concurrent-client.ts');
const ROOT = path.resolve(here, '../..');
const CLIENTS = 8;
const OPS = 20;

function runClient(cfg: ClientConfig): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CLIENT, JSON.stringify(cfg)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`client ${cfg.client} exited ${code}: ${err}`))));
  });
}

/** The counted quantity each client's own key ends with: its last replace, plus the adds after it. */
function ownFinal(ops: number): string {
  const lastReplace = Math.floor((ops - 1) / 4) * 4;
  return `${lastReplace + (ops - 1 - lastReplace)}.000`;
}

async function setup(store: TestStore | TestApi['store'], withEmployee: boolean): Promise<{ inventoryId: number; listId: number; ctx: Ctx }> {
  await seedFixture(store);
  await seedInventoryFixture(store);
  const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
  if (withEmployee) await store.db.insertInto('employees').values({ code: 'E1', name: 'Ion Popescu' }).execute();
  await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-03-01', lines: [{ item: 'A', quantity: '100', unitCost: '3' }, { item: 'B', quantity: '100', unitCost: '2' }] });
  const inv = await createInventory(ctx, { date: '2026-03-10', operator: 'E1' });
  const list = await createList(ctx, inv.id, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' });
  return { inventoryId: inv.id, listId: list.id, ctx };
}

async function expectTotals(store: TestStore | TestApi['store'], listId: number): Promise<void> {
  const lines = await store.db
    .selectFrom('inventory_lines as l')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .select(['i.code', 'l.job_order', 'l.counted_quantity'])
    .where('l.list_id', '=', listId)
    .orderBy('i.code')
    .orderBy('l.job_order')
    .execute();
  expect(lines.map((l) => [l.code, l.job_order, String(l.counted_quantity)])).toEqual([
    ...Array.from({ length: CLIENTS }, (_, c) => ['A', `C${c}`, String(BigInt(ownFinal(OPS).replace('.', '')))]),
    ['B', '', String(BigInt(CLIENTS * OPS) * 1000n)],
  ]);
  const scans = await store.db.selectFrom('inventory_scans').select((eb) => eb.fn.countAll<number>().as('n')).where('list_id', '=', listId).executeTakeFirstOrThrow();
  expect(Number(scans.n)).toBe(CLIENTS * OPS + CLIENTS * Math.ceil(OPS / 4));
}

async function postedRecords(store: TestStore | TestApi['store'], inventoryId: number) {
  const records = await store.db.selectFrom('records').select(['id', 'template_id']).where('inventory_id', '=', inventoryId).execute();
  const movements = await store.db
    .selectFrom('movements')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<bigint>('quantity').as('quantity')])
    .where('record_id', 'in', records.length ? records.map((r) => r.id) : [-1])
    .executeTakeFirstOrThrow();
  return { records: records.length, lines: Number(movements.n), quantity: BigInt(movements.quantity ?? 0) };
}

// surplus of B (counted 160, book 100) and of every client's own key (19 each, book 0): one load record
const EXPECTED_POST = { records: 1, lines: 1 + CLIENTS, quantity: (BigInt(CLIENTS * OPS - 100) + BigInt(CLIENTS) * BigInt(ownFinal(OPS).replace('.', '')) / 1000n) * 1000n };

for (const dialect of dialects) {
  describe(`concurrent counting and posting, separate processes [${dialect}]`, () => {
    let store: TestStore;
    let dir: string | undefined;
    let ids: { inventoryId: number; listId: number };
    let url: string;

    beforeAll(async () => {
      if (dialect === 'sqlite') {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-conc-'));
        url = path.join(dir, 'test.db');
        store = await openTestStore('sqlite', { file: url });
      } else {
        store = await openTestStore('postgres');
        url = PG_URL;
      }
      ids = await setup(store, true);
    });
    afterAll(async () => {
      await store.dispose();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    const config = (action: 'scan' | 'post', client: number, startAt: number): ClientConfig => ({
      url,
      schema: store.schema,
      action,
      client,
      clients: CLIENTS,
      ops: OPS,
      listId: ids.listId,
      inventoryId: ids.inventoryId,
      postingDate: '2026-03-10',
      startAt,
    });

    it(`${CLIENTS} clients scanning one list at once end with exactly the expected totals`, async () => {
      const startAt = Date.now() + 4000;
      const answers = await Promise.all(Array.from({ length: CLIENTS }, (_, c) => runClient(config('scan', c, startAt))));
      for (const a of answers) {
        // every scan was answered: created, changed or replayed; none refused
        expect(Object.keys(a).every((k) => /^20[01]( replay)?$/.test(k)), JSON.stringify(a)).toBe(true);
        expect(Object.values(a).reduce((s, n) => s + n, 0)).toBe(3 * OPS);
      }
      const replays = answers.reduce((s, a) => s + (a['200 replay'] ?? 0) + (a['201 replay'] ?? 0), 0);
      expect(replays).toBe(CLIENTS * OPS); // each shared scan id applied once, answered twice
      await expectTotals(store, ids.listId);
    }, 120_000);

    it('two simultaneous posts of the same inventory: exactly one succeeds', async () => {
      const startAt = Date.now() + 4000;
      const answers = await Promise.all([0, 1].map((c) => runClient(config('post', c, startAt))));
      const merged = answers.flatMap((a) => Object.keys(a)).sort();
      expect(merged).toEqual(['INV_ERR_INVENTORY_POSTED', 'posted 1']);
      expect(await postedRecords(store, ids.inventoryId)).toEqual(EXPECTED_POST);
    }, 120_000);
  });

  describe(`concurrent counting and posting through one HTTP app [${dialect}]`, () => {
    let api: TestApi;
    let ids: { inventoryId: number; listId: number };

    beforeAll(async () => {
      api = await openTestApi(dialect);
      ids = await setup(api.store, false);
    });
    afterAll(async () => api.close());

    it(`${CLIENTS} clients scanning one list at once end with exactly the expected totals`, async () => {
      const statuses = await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          const seen: number[] = [];
          for (const scan of scansOf(c, CLIENTS, OPS)) {
            // a counter's scan of their own list; the retry of the neighbour's scan id races with the original
            const r = await api.call('POST', `/api/lists/${ids.listId}/lines`, scan, { as: 'counter' });
            seen.push(r.status);
          }
          return seen;
        }),
      );
      expect(statuses.flat().every((s) => s === 200 || s === 201)).toBe(true);
      await expectTotals(api.store, ids.listId);
    }, 120_000);

    it('two simultaneous posts of the same inventory: exactly one succeeds', async () => {
      const [a, b] = await Promise.all(
        [0, 1].map(() => api.call('POST', `/api/inventories/${ids.inventoryId}/differences`, { postingDate: '2026-03-10' }, { as: 'supervisor' })),
      );
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect([a.body.code, b.body.code]).toContain('INV_ERR_INVENTORY_POSTED');
      expect(await postedRecords(api.store, ids.inventoryId)).toEqual(EXPECTED_POST);
    }, 60_000);
  });
}

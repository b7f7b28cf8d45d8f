/**
 * SQLite file stores checkpoint in a worker thread, not in the commits of
 * the store's connection: the WAL still reaches the database file, and
 * closing the store leaves no WAL behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-checkpoint-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('background checkpoints [sqlite file]', () => {
  it('commits without checkpointing; the worker copies the WAL into the database file; closing removes the WAL', async () => {
    const file = path.join(dir, 'inventar.db');
    const store = openStore(file);
    expect(store.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(0n);
    const size = () => fs.statSync(file).size;
    const empty = size();
    await migrateToLatest(store);
    await store.db.insertInto('warehouses').values({ code: 'W1', description: 'Depozit' }).execute();
    // only a checkpoint writes pages into the database file itself
    await vi.waitFor(() => expect(size()).toBeGreaterThan(empty), { timeout: 10_000, interval: 50 });
    await store.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const again = openStore(file);
    expect(await again.db.selectFrom('warehouses').select('code').execute()).toEqual([{ code: 'W1' }]);
    await again.close();
  });

  it('keeps no worker for an in-memory store', async () => {
    const store = openStore(':memory:');
    // nothing to checkpoint: SQLite's own setting stays
    expect(store.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000n);
    await store.close();
  });
});

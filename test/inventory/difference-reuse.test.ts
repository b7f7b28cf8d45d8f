/**
 * Issue 20: the posting reuses the preview's differences only when nothing
 * changed in between (src/inventory/difference-cache.ts, the change stamp of
 * src/db/change-stamp.ts). Any change between the preview and the posting —
 * a record, a count, a closing, master data costs, a write by another
 * connection — must make the posting compute again: the figures asserted
 * are the ones of the changed ledger, computed by hand.
 *
 * Every scenario: MAIN holds A 10 @ 5.00 (record of 2026-02-01); inventory of
 * 2026-03-10 counts A = 12: surplus 2 on PLU (proposed cost average).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, seedInventoryFixture } from './support.ts';
import { differenceCacheStats } from '../../src/inventory/difference-cache.ts';
import { openTestStore } from '../helpers/store.ts';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { createEmployee } from '../../src/masterdata/employees.ts';
import { createRecord } from '../../src/ledger/records.ts';
import { createInventory } from '../../src/inventory/inventories.ts';
import { createList } from '../../src/inventory/inventory-lists.ts';
import { countLine } from '../../src/inventory/counting.ts';
import { postDifferences } from '../../src/inventory/stock-differences-posting.ts';
import { previewDifferences } from '../../src/inventory/stock-differences-preview.ts';

for (const dialect of dialects) {
  describe(`posting reuses the preview only when nothing changed [${dialect}]`, () => {
    let api: TestApi;
    let inv: any;
    let line: any;
    afterEach(async () => api?.close());

    async function setup() {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      await record('2026-02-01', '5');
      inv = (await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1' }, { as: 'supervisor' })).body;
      const l = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' });
      expectStatus(l, 201);
      const c = await api.call('POST', `/api/lists/${l.body.id}/lines`, { item: 'A', quantity: '12' }, { as: 'supervisor' });
      expectStatus(c, 201);
      line = c.body;
    }
    async function record(date: string, unitCost: string, quantity = '10') {
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date, lines: [{ item: 'A', quantity, unitCost }] }), 201);
    }
    const preview = async () => {
      const r = await api.call('GET', `/api/inventories/${inv.id}/differences?processingDate=2026-03-10`, undefined, { as: 'supervisor' });
      expectStatus(r, 200);
      return r.body;
    };
    /** posts and tells whether the preview was reused */
    const post = async () => {
      const before = { ...differenceCacheStats };
      const r = await api.call('POST', `/api/inventories/${inv.id}/differences`, { processingDate: '2026-03-10', postingDate: '2026-03-10' }, { as: 'supervisor' });
      expectStatus(r, 201);
      const reused = differenceCacheStats.reused - before.reused;
      expect(reused + differenceCacheStats.recomputed - before.recomputed).toBe(1);
      return { body: r.body, reused: reused === 1 };
    };
    const lines = (body: any) => body.records.flatMap((r: any) => r.lines.map((m: any) => `${r.template} ${m.item} ${m.quantity} @ ${m.unitCost}`));

    it('reuses the preview when nothing changed (SQLite), and posts its figures', async () => {
      await setup();
      expect((await preview()).totals).toMatchObject({ surplusValue: '10.00', shortageValue: '0.00' });
      const { body, reused } = await post();
      expect(reused).toBe(dialect === 'sqlite'); // PostgreSQL has no change stamp: always computes again
      expect(body.totals).toMatchObject({ surplusValue: '10.00', shortageValue: '0.00' });
      expect(lines(body)).toEqual(['PLU A 2.000 @ 5.00000']);
    });

    it('computes again after a record posted in between', async () => {
      await setup();
      await preview();
      await record('2026-03-01', '8'); // book 20, average (50 + 80) / 20 = 6.5: shortage 8 × 6.50
      const { body, reused } = await post();
      expect(reused).toBe(false);
      expect(body.totals).toMatchObject({ surplusValue: '0.00', shortageValue: '52.00' });
      expect(lines(body)).toEqual(['MIN A -8.000 @ 6.50000']);
    });

    it('computes again after a count changed in between', async () => {
      await setup();
      await preview();
      expectStatus(await api.call('PUT', `/api/lines/${line.id}`, { quantity: '15' }, { as: 'supervisor' }), 200); // surplus 5 × 5.00
      const { body, reused } = await post();
      expect(reused).toBe(false);
      expect(body.totals).toMatchObject({ surplusValue: '25.00', shortageValue: '0.00' });
    });

    it('computes again after master data costs changed in between', async () => {
      await setup();
      const db = api.store.db;
      const plu = db.selectFrom('templates').select('id').where('code', '=', 'PLU');
      await db.updateTable('templates').set({ proposed_cost: 'standard' }).where('id', 'in', plu).execute();
      expect((await preview()).totals.surplusValue).toBe('19.00'); // 2 × standard 9.50
      await db.updateTable('items').set({ standard_cost: 1_200_000n }).where('code', '=', 'A').execute(); // 12.00000
      const { body, reused } = await post();
      expect(reused).toBe(false);
      expect(body.totals.surplusValue).toBe('24.00');
      expect(lines(body)).toEqual(['PLU A 2.000 @ 12.00000']);
    });

    it('computes again after a closing in between', async () => {
      await setup();
      await preview();
      const closed = await api.call('POST', '/api/closings', { closingDate: '2026-02-28' });
      expectStatus(closed, 201);
      const { body, reused } = await post();
      expect(reused).toBe(false);
      // the opening records carry A 10 @ 5.00: the same figures, computed again from them
      expect(body.totals).toMatchObject({ surplusValue: '10.00', shortageValue: '0.00' });
    });

    it('computes again when the query differs from the preview', async () => {
      await setup();
      // the preview asked for uncounted keys as counted 0; the posting does not
      const r = await api.call('GET', `/api/inventories/${inv.id}/differences?processingDate=2026-03-10&zeroUncounted=true`, undefined, { as: 'supervisor' });
      expectStatus(r, 200);
      expect(r.body.totals.surplusValue).toBe('10.00');
      const { body, reused } = await post();
      expect(reused).toBe(false);
      expect(body.totals.surplusValue).toBe('10.00');
    });

  });
}

describe('posting reuses the preview only when nothing changed: another connection [sqlite file]', () => {
  it('computes again after another connection wrote to the database file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-reuse-'));
    const file = path.join(dir, 'reuse.db');
    const store = await openTestStore('sqlite', { file });
    try {
      const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
      await seedFixture(store);
      await seedInventoryFixture(store);
      await createEmployee(ctx, { code: 'E1', name: 'Ion Popescu' });
      await createRecord(ctx, { warehouse: 'MAIN', template: 'CAR', date: '2026-02-01', lines: [{ item: 'A', quantity: '10', unitCost: '5' }] } as never);
      const inv = await createInventory(ctx, { date: '2026-03-10', operator: 'E1' } as never);
      const list = await createList(ctx, inv.id, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' } as never);
      await countLine(ctx, list.id, { item: 'A', quantity: '12' } as never);
      expect((await previewDifferences(ctx, inv.id, {})).totals.surplusValue).toBe('10.00');
      // another connection (a worker-thread import, another process) commits a record: book 20, average 6.50, shortage 8
      const other = new SqliteDatabase(file);
      other.defaultSafeIntegers(true);
      const rec = other.prepare('select * from records order by id limit 1').get() as Record<string, unknown>;
      const mov = other.prepare('select * from movements where record_id = ?').get(rec.id) as Record<string, unknown>;
      other.transaction(() => {
        const id = other
          .prepare('insert into records (warehouse_id, template_id, date, number, origin, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)')
          .run(rec.warehouse_id, rec.template_id, '2026-03-01', 1, rec.origin, 'other', rec.created_at).lastInsertRowid;
        other
          .prepare('insert into movements (record_id, line_no, date, record_number, warehouse_id, template_id, item_id, quantity, unit_cost, amount) values (?, 1, ?, 1, ?, ?, ?, ?, ?, ?)')
          .run(id, '2026-03-01', mov.warehouse_id, mov.template_id, mov.item_id, 10_000n, 800_000n, 8_000n);
      })();
      other.close();
      const before = { ...differenceCacheStats };
      const posted = await postDifferences(ctx, inv.id, { postingDate: '2026-03-10' });
      expect(differenceCacheStats.recomputed - before.recomputed).toBe(1);
      expect(differenceCacheStats.reused - before.reused).toBe(0);
      expect(posted.totals).toMatchObject({ surplusValue: '0.00', shortageValue: '52.00' });
    } finally {
      await store.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

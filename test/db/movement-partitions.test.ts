/**
 * PostgreSQL keeps `movements` partitioned by year (db/movement-partitions.ts,
 * issue 20 point 6): a year's parameters make its partition, postings land in
 * it, rows of a year that were in the default partition move into it, and a
 * read after a closing date leaves the closed years out. SQLite has one
 * table: the same requests behave the same.
 */
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureYearPartition } from '../../src/db/movement-partitions.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { dialects, dropSchema, freshSchemaName, PG_URL } from '../helpers/store.ts';
import { openStore } from '../../src/db/connection.ts';
import { migrations, migrateToLatest } from '../../src/db/migrate.ts';

for (const dialect of dialects) {
  describe(`movements by period [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
    });
    afterAll(async () => api.close());

    /** the partition each of the item's movements is in (PostgreSQL), by date */
    const partitions = async (item: string) => {
      const { rows } = await sql<{ date: string; part: string }>`
        select m.date, m.tableoid::regclass::text as part from movements m join items i on i.id = m.item_id
        where i.code = ${item} order by m.date`.execute(api.store.db);
      return rows.map((r) => [r.date, r.part.replace(/^.*\./, '')]);
    };
    const post = async (date: string) => {
      const r = await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date, lines: [{ item: 'A', quantity: '2', unitCost: '3', location: 'A1' }] });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as number;
    };

    it('a year of parameters gets its partition; postings land in it; the year\'s earlier rows move into it', async () => {
      const id = await post('2026-03-01'); // 2026's parameters came in by SQL (fixture): its rows are in the default partition
      if (dialect === 'postgres') expect(await partitions('A')).toEqual([['2026-03-01', 'movements_other']]);
      const put = await api.call('PUT', '/api/year-params/2026', { periodStart: '2026-01-01', periodEnd: '2026-12-31', warehouses: [{ warehouse: 'MAIN' }, { warehouse: 'SHOP' }] });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      await post('2026-03-02');
      const y2027 = await api.call('PUT', '/api/year-params/2027', { periodStart: '2027-01-01', periodEnd: '2027-12-31', warehouses: [{ warehouse: 'MAIN' }] });
      expect(y2027.status, JSON.stringify(y2027.body)).toBe(200);
      await post('2027-01-05');
      await post('2026-12-31'); // a year's last day (the closing date) heads the next year's partition
      if (dialect === 'postgres') {
        expect(await partitions('A')).toEqual([
          ['2026-03-01', 'movements_y2026'],
          ['2026-03-02', 'movements_y2026'],
          ['2026-12-31', 'movements_y2027'],
          ['2027-01-05', 'movements_y2027'],
        ]);
      }
      // the record reads back whole, wherever its lines are
      const r = await api.call('GET', `/api/records/${id}`);
      expect(r.body.lines.map((l: { quantity: string }) => l.quantity)).toEqual(['2.000']);
      const stock = await api.call('GET', '/api/stock?warehouse=MAIN&item=A&date=2027-12-31');
      expect(stock.status, JSON.stringify(stock.body)).toBe(200);
      expect(JSON.stringify(stock.body)).toContain('8.000');
    });

    it('making a partition twice changes nothing; a read after a closing date leaves the closed year out', async () => {
      const count = async () => Number((await api.store.db.selectFrom('movements').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      await ensureYearPartition(api.store.db, 2026);
      expect(await count()).toBe(before);
      if (dialect !== 'postgres') return;
      const plan = await sql<{ 'QUERY PLAN': string }>`explain select sum(quantity) from movements where item_id = 1 and date > '2026-12-31'`.execute(api.store.db);
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toContain('movements_y2027');
      expect(text).not.toContain('movements_y2026');
    });
  });
}

describe.runIf(dialects.includes('postgres'))('the migration partitions a ledger that has rows [postgres]', () => {
  it('moves every row into its year, keeps ids, foreign keys and indexes', async () => {
    const schema = freshSchemaName('part');
    const store = openStore(PG_URL, { schema });
    try {
      await sql`create schema ${sql.id(schema)}`.execute(store.db);
      const all = { ...migrations };
      delete (all as Record<string, unknown>)['0022_movement_partitions'];
      const before = new Migrator({ db: store.db, provider: { getMigrations: async () => all }, allowUnorderedMigrations: true, migrationTableSchema: schema });
      expect((await before.migrateToLatest()).error).toBeUndefined();
      await seedFixture(store);
      const ids = await store.db.selectFrom('items').select(['id', 'code']).execute();
      const item = ids.find((i) => i.code === 'A')!.id;
      const wh = (await store.db.selectFrom('warehouses').select('id').where('code', '=', 'MAIN').executeTakeFirstOrThrow()).id;
      const tpl = (await store.db.selectFrom('templates').select('id').where('code', '=', 'CAR').where('warehouse_id', '=', wh).executeTakeFirstOrThrow()).id;
      const dates = ['2025-06-01', '2025-12-31', '2026-02-01', '2031-01-01'];
      for (const [n, date] of dates.entries()) {
        const rec = await store.db
          .insertInto('records')
          .values({ warehouse_id: wh, template_id: tpl, date, number: n + 1, origin: 'manual', created_by: 't', created_at: 't' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await store.db
          .insertInto('movements')
          .values({ record_id: rec.id, line_no: 1, date, record_number: n + 1, warehouse_id: wh, template_id: tpl, item_id: item, quantity: 1000n as never, unit_cost: 1000n as never, amount: 100n as never })
          .execute();
      }
      const rows = () => sql<{ id: string; date: string; part: string }>`select id::text, date, tableoid::regclass::text as part from movements order by date`.execute(store.db).then((r) => r.rows.map((x) => [x.id, x.date, x.part.replace(/^.*\./, '')]));
      const plain = await rows();
      expect(await migrateToLatest(store)).toEqual(['0022_movement_partitions']);
      // 2026 from the year parameters; 2025 and 2031 from the data; the ids stay
      expect(await rows()).toEqual([
        [plain[0][0], '2025-06-01', 'movements_y2025'],
        [plain[1][0], '2025-12-31', 'movements_y2026'],
        [plain[2][0], '2026-02-01', 'movements_y2026'],
        [plain[3][0], '2031-01-01', 'movements_y2031'],
      ]);
      const indexes = await sql<{ n: string }>`select count(*)::text as n from pg_indexes where schemaname = ${schema} and tablename = 'movements'`.execute(store.db);
      expect(Number(indexes.rows[0].n)).toBeGreaterThanOrEqual(4);
      // the id sequence carries on; a record's deletion still takes its lines
      const first = await store.db.selectFrom('records').select('id').orderBy('id').executeTakeFirstOrThrow();
      const next = await store.db
        .insertInto('movements')
        .values({ record_id: first.id, line_no: 2, date: '2025-06-01', record_number: 1, warehouse_id: wh, template_id: tpl, item_id: item, quantity: 1000n as never, unit_cost: 1000n as never, amount: 100n as never })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(BigInt(next.id)).toBeGreaterThan(BigInt(plain[3][0]));
      await store.db.deleteFrom('records').where('date', '=', '2025-06-01').execute();
      expect((await rows()).map((r) => r[1])).toEqual(['2025-12-31', '2026-02-01', '2031-01-01']);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});

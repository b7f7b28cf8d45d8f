/**
 * The streamed bulk import (importRecordStream), on every test dialect: parts
 * written in one transaction give exactly what posting the same records one
 * by one gives; a problem in any part, or negative stock only visible once a
 * later part is in, writes nothing; on SQLite the ledger indexes set aside
 * during a large load are back afterwards, whether it succeeded or not.
 */
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../src/core/context.ts';
import { csvRowStream } from '../../src/core/csv.ts';
import { InventarError } from '../../src/core/errors.ts';
import { csvImportParts, importRecordStream, type ImportChunk } from '../../src/ledger/import.ts';
import type { RecordInput } from '../../src/ledger/plan.ts';
import { createRecord } from '../../src/ledger/records.ts';
import { ANALYZE_FROM } from '../../src/db/ledger-writes.ts';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';
import { ledgerCounts, seedFixture } from '../helpers/fixtures.ts';

const rec = (warehouse: string, template: string, date: string, lines: RecordInput['lines']): RecordInput => ({ warehouse, template, date, lines });

/** Three parts in ledger order; part 2 asks the ledger for proposed costs (average), part 3 for the last cost. */
const PARTS: RecordInput[][] = [
  [
    rec('MAIN', 'CAR', '2026-03-02', [
      { item: 'A', quantity: '10', unitCost: '2' },
      { item: 'LOT', quantity: '5', unitCost: '3', lot: 'L1', location: 'A1' },
    ]),
    rec('MAIN', 'UPD', '2026-03-02', [{ item: 'B', quantity: '4', unitCost: '5' }]),
    rec('MAIN', 'CAR', '2026-03-02', [{ item: 'A', quantity: '5', unitCost: '3.5' }]),
  ],
  [
    rec('MAIN', 'VAN', '2026-03-03', [{ item: 'A', quantity: '4' }]),
    rec('MAIN', 'TRF', '2026-03-03', [{ item: 'LOT', quantity: '2', lot: 'L1' }]),
    rec('MAIN', 'UPD', '2026-03-04', [{ item: 'B', quantity: '6', unitCost: '7' }]),
  ],
  [rec('MAIN', 'VLA', '2026-03-06', [{ item: 'A', quantity: '1' }]), rec('SHOP', 'VAN', '2026-03-07', [{ item: 'LOT', quantity: '1', lot: 'L1' }])],
];

const manyLines = (item: string, n: number, quantity: string): RecordInput['lines'] => Array.from({ length: n }, () => ({ item, quantity, unitCost: '1' }));

const parts = (records: RecordInput[][]): ImportChunk[] => records.map((inputs) => ({ inputs }));

async function refusal(p: Promise<unknown>): Promise<InventarError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InventarError);
  return e as InventarError;
}

async function* rowsOf(csv: Record<string, string>[]): AsyncGenerator<Record<string, string>> {
  yield* csv;
}

async function collect(parts: AsyncIterable<ImportChunk>): Promise<ImportChunk[]> {
  const out: ImportChunk[] = [];
  for await (const p of parts) out.push(p);
  return out;
}

describe('CSV rows streamed into import parts', () => {
  const row = (record: string, date: string, item: string) => ({ record, warehouse: 'MAIN', template: 'CAR', date, item, quantity: '1', unitCost: '1' });

  it('cuts parts only between records, and keeps each line\'s CSV line number', async () => {
    // no record column: consecutive rows with the same header form a record
    const rows = ['01', '01', '02', '02', '03', '03'].map((d, i) => ({ ...row('', `2026-03-${d}`, `I${i}`), record: '' }));
    const parts = await collect(csvImportParts(rowsOf(rows), 3));
    expect(parts.map((p) => p.inputs.map((r) => r.date))).toEqual([['2026-03-01', '2026-03-02'], ['2026-03-03']]);
    expect(parts.map((p) => p.rowOf)).toEqual([[[2, 3], [4, 5]], [[6, 7]]]);
  });

  it('reads every line column, alternative unit included', async () => {
    const csv = [{ ...row('', '2026-03-01', 'A'), quantity: '', altUom: 'box', altQuantity: '2', lot: 'L1', location: 'A1', variant: 'RED', lineNotes: 'n' }];
    const [part] = await collect(csvImportParts(rowsOf(csv)));
    expect(part.inputs[0].lines[0]).toEqual({ item: 'A', quantity: '', unitCost: '1', altUom: 'box', altQuantity: '2', lot: 'L1', location: 'A1', variant: 'RED', notes: 'n' });
  });

  it('refuses a malformed or empty CSV stream with INV_ERR_BAD_CSV', async () => {
    const read = (text: string) => collect(csvImportParts(csvRowStream(Readable.from([text]))));
    const malformed = await refusal(read('record,warehouse,item\n1,MAIN,"A\n'));
    expect(malformed.code).toBe('INV_ERR_BAD_CSV');
    expect(malformed.status).toBe(400);
    expect((await refusal(read('record,warehouse,item\n'))).code).toBe('INV_ERR_BAD_CSV');
  });

  it('refuses a record whose rows come back after its part was handed over', async () => {
    const rows = [row('1', '2026-03-01', 'A'), row('1', '2026-03-01', 'B'), row('2', '2026-03-02', 'A'), row('1', '2026-03-01', 'C')];
    const e = await refusal(collect(csvImportParts(rowsOf(rows), 2)));
    expect(e.code).toBe('INV_ERR_RECORD_ROWS_APART');
    expect(e.problems[0].path).toBe('/rows/5/record');
    // within one part, a record's rows may be anywhere
    const [part] = await collect(csvImportParts(rowsOf(rows)));
    expect(part.inputs.map((r) => r.lines.map((l) => l.item))).toEqual([['A', 'B', 'C'], ['A']]);
  });
});

for (const dialect of dialects) {
  describe(`streamed bulk import [${dialect}]`, () => {
    let store: TestStore;
    let ctx: Ctx;

    beforeAll(async () => {
      store = await openTestStore(dialect);
      await seedFixture(store);
      // B is weighed (kg, 3 decimals: SPEC §14); fractions of it are valid quantities
      await store.db.updateTable('items').set({ uom: 'kg' }).where('code', '=', 'B').execute();
      ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
    });
    afterAll(async () => store.dispose());

    /** the ledger and the registry costs a posting leaves, in ledger order */
    async function snapshot(s: TestStore) {
      const movements = await s.db
        .selectFrom('movements as m')
        .innerJoin('records as r', 'r.id', 'm.record_id')
        .select(['m.warehouse_id', 'm.date', 'm.record_number', 'm.line_no', 'm.item_id', 'm.location', 'm.lot', 'm.quantity', 'm.unit_cost', 'm.amount', 'r.mirror_of'])
        .orderBy('m.warehouse_id')
        .orderBy('m.date')
        .orderBy('m.record_number')
        .orderBy('m.line_no')
        .execute();
      const items = await s.db.selectFrom('items').select(['code', 'average_cost', 'last_cost']).orderBy('code').execute();
      return { movements: movements.map((m) => ({ ...m, mirror_of: m.mirror_of !== null })), items };
    }

    it('writes parts exactly as the same records posted one by one, proposed costs and mirrors included', async () => {
      const oneByOne = await openTestStore(dialect);
      try {
        await seedFixture(oneByOne);
        for (const r of PARTS.flat()) await createRecord({ store: oneByOne, actor: SYSTEM_ACTOR, lang: 'en' }, r);
        // deferIndexesFrom 1: on SQLite the indexes go at part 1 and come back for part 2's ledger reads
        const progress: { records: number; lines: number }[] = [];
        const result = await importRecordStream(ctx, parts(PARTS), { deferIndexesFrom: 1, onPart: (d) => progress.push(d) });
        expect(result).toMatchObject({ records: 9, lines: 10 }); // 8 records + the transfer's mirror
        expect(progress).toEqual([
          { records: 3, lines: 4 },
          { records: 7, lines: 8 },
          { records: 9, lines: 10 },
        ]);
        const got = await snapshot(store);
        expect(got).toEqual(await snapshot(oneByOne));
        // the sale proposed the average of both loads of part 1: (10 × 2 + 5 × 3.5) / 15 = 2.5
        expect(got.movements.find((m) => m.quantity === -4000n)).toMatchObject({ unit_cost: 250000n, amount: -1000n });
      } finally {
        await oneByOne.dispose();
      }
    });

    it('refuses negative stock that only a later part reveals, and writes nothing', async () => {
      const before = await ledgerCounts(store);
      const indexes = await indexNames(store);
      const e = await refusal(
        importRecordStream(
          ctx,
          // part 1 outnumbers the ledger's lines, so on SQLite the indexes are set aside when it fails
          parts([[rec('SHOP', 'CAR', '2026-04-01', manyLines('B', 30, '0.1'))], [rec('SHOP', 'VAN', '2026-04-02', [{ item: 'B', quantity: '5', unitCost: '1' }])]]),
          { deferIndexesFrom: 1 },
        ),
      );
      expect(e.code).toBe('INV_ERR_NEGATIVE_STOCK');
      expect(e.status).toBe(422);
      expect(await ledgerCounts(store)).toEqual(before);
      expect(await indexNames(store)).toEqual(indexes);
    });

    it('lists the problems of every part with their record paths, and writes nothing', async () => {
      const before = await ledgerCounts(store);
      const e = await refusal(
        importRecordStream(
          ctx,
          parts([
            [rec('MAIN', 'CAR', '2026-04-01', [{ item: 'A', quantity: '1.0001', unitCost: '1' }]), rec('MAIN', 'CAR', '2026-04-01', [{ item: 'A', quantity: '1', unitCost: '1' }])],
            [rec('MAIN', 'CAR', '2026-04-02', [{ item: 'A', quantity: '1', unitCost: '1' }])],
            [rec('MAIN', 'CAR', '2026-04-03', [{ item: 'NOPE', quantity: '1', unitCost: '1' }])],
          ]),
        ),
      );
      expect(e.code).toBe('INV_ERR_VALIDATION');
      expect(e.problems.map((p) => p.path)).toEqual(['/records/0/lines/0/quantity', '/records/3/lines/0/item']);
      expect(await ledgerCounts(store)).toEqual(before);
    });

    if (dialect === 'sqlite') {
      it('sets the ledger indexes aside past the threshold and builds them again, unique ones kept', async () => {
        const indexes = await indexNames(store);
        const settings = sortSettings(store);
        expect(indexes).toEqual(expect.arrayContaining(['movements_stock_key_ix', 'movements_valuation_ix', 'records_date_ix', 'records_number_uq']));
        const seen: string[][] = [];
        const lines = Number((await ledgerCounts(store)).movements) + 1;
        async function* observed(): AsyncGenerator<ImportChunk> {
          // more lines than the ledger holds: past the threshold, setting the indexes aside pays
          yield { inputs: [rec('SHOP', 'CAR', '2026-05-04', manyLines('A', lines, '1'))] };
          seen.push(await indexNames(store)); // inside the import's transaction
          yield { inputs: [rec('SHOP', 'CAR', '2026-05-05', [{ item: 'A', quantity: '1', unitCost: '1' }])] };
        }
        await importRecordStream(ctx, observed(), { deferIndexesFrom: 1 });
        // under the default threshold (100,000 lines) every index stays
        await importRecordStream(ctx, observed());
        expect(seen[0]).not.toContain('movements_stock_key_ix');
        expect(seen[0]).not.toContain('records_date_ix');
        expect(seen[0]).toContain('records_number_uq');
        expect(seen[1]).toEqual(indexes);
        expect(await indexNames(store)).toEqual(indexes);
        // the build's own sort settings (threads, a small cache) are undone
        expect(sortSettings(store)).toEqual(settings);
      });

      it('turns foreign key checks off for the import only, and on again whether it was written or refused', async () => {
        const sqlite = store.sqlite!;
        const during: bigint[] = [];
        async function* watched(quantity: string): AsyncGenerator<ImportChunk> {
          during.push(sqlite.pragma('foreign_keys', { simple: true }) as bigint);
          yield { inputs: [rec('SHOP', 'CAR', '2026-05-09', [{ item: 'A', quantity, unitCost: '1' }])] };
        }
        await importRecordStream(ctx, watched('1'));
        expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1n);
        await refusal(importRecordStream(ctx, watched('0')));
        expect(during).toEqual([0n, 0n]);
        expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1n);
        // and enforced again: a movement of no record is refused by the database itself
        expect(() => sqlite.prepare("insert into movements (record_id, line_no, date, record_number, warehouse_id, template_id, item_id) values (999999, 1, '2026-05-09', 1, 1, 1, 1)").run()).toThrow(/FOREIGN KEY/);
      });

      it('weighs the load against the ledger as it was before the import, not with the parts already written', async () => {
        const indexes = await indexNames(store);
        const before = Number((await ledgerCounts(store)).movements);
        const seen: string[][] = [];
        async function* growingLoad(): AsyncGenerator<ImportChunk> {
          // below the threshold alone; with part 2 the load passes it and outnumbers the ledger it came into
          yield { inputs: [rec('SHOP', 'CAR', '2026-05-06', manyLines('A', before + 1, '1'))] };
          seen.push(await indexNames(store));
          yield { inputs: [rec('SHOP', 'CAR', '2026-05-07', manyLines('A', before, '1'))] };
          seen.push(await indexNames(store));
          yield { inputs: [rec('SHOP', 'CAR', '2026-05-08', [{ item: 'A', quantity: '1', unitCost: '1' }])] };
        }
        await importRecordStream(ctx, growingLoad(), { deferIndexesFrom: 2 * before + 1 });
        expect(seen[0]).toEqual(indexes);
        expect(seen[1]).not.toContain('movements_stock_key_ix');
        expect(await indexNames(store)).toEqual(indexes);
      });
    }
  });

  describe(`planner statistics after a bulk import [${dialect}]`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await openTestStore(dialect);
      await seedFixture(store);
    });
    afterAll(async () => store.dispose());

    it('a load of a tenth of the ledger or more renews the planner statistics on PostgreSQL', async () => {
      const lines = Array.from({ length: 10 }, (_, r) => rec('SHOP', 'CAR', '2026-05-20', manyLines(r % 2 ? 'A' : 'B', ANALYZE_FROM / 10, '1')));
      await importRecordStream({ store, actor: SYSTEM_ACTOR, lang: 'en' }, [{ inputs: lines }]);
      if (dialect === 'sqlite') return; // nothing to renew: SQLite's planner keeps no statistics of its own
      const analysed = await sql<{ relname: string }>`
        select relname from pg_stat_user_tables where schemaname = current_schema() and last_analyze is not null`.execute(store.db);
      // the ledger tables, and the movements partition the lines went to (db/movement-partitions.ts)
      expect(analysed.rows.map((r) => r.relname)).toEqual(expect.arrayContaining(['records', 'journal_lines']));
      expect(analysed.rows.some((r) => r.relname.startsWith('movements_'))).toBe(true);
      // the planner now knows how many lines a record has (1,000 here; unanalysed it guesses a share of the table's pages)
      const record = await store.db.selectFrom('records').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      const plan = await sql<{ 'QUERY PLAN': string }>`explain select * from movements where record_id = ${record.id}`.execute(store.db);
      const estimated = Math.max(...plan.rows.map((r) => Number(/rows=(\d+)/.exec(r['QUERY PLAN'])?.[1] ?? 0)));
      expect(estimated).toBeGreaterThanOrEqual(ANALYZE_FROM / 20);
      expect(estimated).toBeLessThanOrEqual(ANALYZE_FROM / 5);
    });
  });
}

/** SQLite's sort threads and page cache size, which an index rebuild changes for its own time. */
function sortSettings(store: TestStore): unknown[] {
  return [store.sqlite!.pragma('threads', { simple: true }), store.sqlite!.pragma('cache_size', { simple: true })];
}

/** The indexes of the ledger tables (SQLite). */
async function indexNames(store: TestStore): Promise<string[]> {
  if (store.dialect !== 'sqlite') return [];
  return (store.sqlite!.prepare("select name from sqlite_master where type = 'index' and tbl_name in ('movements', 'records') order by name").pluck().all() as string[]);
}

/**
 * Audit completeness (issue 11, point 11), on both dialects: a record import
 * (HTTP and the CLI's file path) writes one audit row per record it wrote, a
 * transfer's mirror included, and no summary row; a refused import writes
 * none. A transfer posted, edited or deleted by hand audits its mirror too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecordsCsvFile } from '../../src/ledger/import.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';

const HEADER = 'record,warehouse,template,date,item,quantity,unitCost,location\n';

for (const dialect of dialects) {
  describe(`audit of imports and transfers [${dialect}]`, () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
    });
    afterAll(async () => api.close());

    const auditRows = () => api.store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const recordTrail = (id: number) =>
      api.store.db.selectFrom('audit_log').selectAll().where('entity', '=', 'record').where('entity_key', '=', String(id)).orderBy('id').execute();
    const mirrorOf = async (id: number) =>
      (await api.store.db.selectFrom('records').select('id').where('mirror_of', '=', id).executeTakeFirstOrThrow()).id;

    it('an HTTP import audits each record it wrote, the transfer mirror included, and nothing else', async () => {
      const before = (await auditRows()).length;
      const csv =
        HEADER +
        '1,MAIN,CAR,2026-04-01,A,10,2,\n1,MAIN,CAR,2026-04-01,B,5,1,\n' +
        '2,MAIN,TRF,2026-04-02,A,3,,A1\n' +
        '3,SHOP,CAR,2026-04-03,B,7,4,\n';
      const r = await api.call('POST', '/api/import/records', csv);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      const ids: number[] = r.body.recordIds;
      const mirror = await mirrorOf(ids[1]);
      // the mirror is among the written records
      expect(ids).toContain(mirror);
      expect(ids).toHaveLength(4);
      const added = (await auditRows()).slice(before);
      expect(added).toHaveLength(4);
      expect(added.map((a) => [a.entity, a.entity_key, a.action, a.username, a.before_json]).sort()).toEqual(
        ids.map((id) => ['record', String(id), 'create', 'admin', 'null']).sort(),
      );
      expect(added.every((a) => a.at === added[0].at)).toBe(true);
      const after = Object.fromEntries(added.map((a) => [Number(a.entity_key), JSON.parse(a.after_json!)]));
      expect(after[ids[0]]).toEqual({ id: ids[0], warehouse: 'MAIN', template: 'CAR', date: '2026-04-01', number: expect.any(Number), origin: 'import', lines: 2 });
      expect(after[ids[1]]).toMatchObject({ id: ids[1], warehouse: 'MAIN', template: 'TRF', origin: 'import', lines: 1 });
      expect(after[mirror]).toMatchObject({ id: mirror, warehouse: 'SHOP', template: 'TRI', origin: 'offset', mirrorOf: ids[1], lines: 1 });
      const shop = ids.find((id) => after[id].warehouse === 'SHOP' && after[id].template === 'CAR')!;
      expect(after[shop]).toMatchObject({ date: '2026-04-03', lines: 1 });
      // the numbers are the records' own
      for (const id of ids) {
        const rec = await api.store.db.selectFrom('records').select('number').where('id', '=', id).executeTakeFirstOrThrow();
        expect(after[id].number).toBe(rec.number);
      }
      expect(added.some((a) => a.entity_key === 'import')).toBe(false);
    });

    it('a refused import writes no audit row', async () => {
      const before = (await auditRows()).length;
      const r = await api.call('POST', '/api/import/records', `${HEADER}1,MAIN,CAR,2026-04-05,A,1,1,\n2,MAIN,VAN,2026-04-05,A,100000,,\n`);
      expect(r.status).toBe(422);
      expect(await auditRows()).toHaveLength(before);
    });

    it('the CLI import of a file audits every record, over several bulk statements', async () => {
      // 250 records: two full multi-row statements on SQLite and 50 single rows
      const file = path.join(os.tmpdir(), `inventar-import-audit-${process.pid}-${dialect}.csv`);
      const rows = Array.from({ length: 250 }, (_, i) => `${i + 1},SHOP,CAR,2026-05-0${1 + (i % 9)},A,1,1,\n`);
      fs.writeFileSync(file, HEADER + rows.join(''));
      try {
        const before = (await auditRows()).length;
        const result = await importRecordsCsvFile({ ...api.ctx, actor: { username: 'supervisor', role: 'supervisor', employeeId: null } }, file);
        expect(result.records).toBe(250);
        const added = (await auditRows()).slice(before);
        expect(added.map((a) => Number(a.entity_key)).sort((x, y) => x - y)).toEqual([...result.recordIds].sort((x, y) => x - y));
        expect(new Set(added.map((a) => `${a.entity}|${a.action}|${a.username}`))).toEqual(new Set(['record|create|supervisor']));
        for (const a of added) expect(JSON.parse(a.after_json!)).toMatchObject({ id: Number(a.entity_key), warehouse: 'SHOP', template: 'CAR', origin: 'import', lines: 1 });
      } finally {
        fs.rmSync(file, { force: true });
      }
    });

    it('a transfer posted, edited and deleted by hand audits its mirror with rows of its own', async () => {
      const t = await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'TRF', date: '2026-06-01', lines: [{ item: 'A', quantity: '2', location: 'A1' }] });
      expect(t.status, JSON.stringify(t.body)).toBe(201);
      const mirror = t.body.offsetRecordId as number;
      const created = await recordTrail(mirror);
      expect(created.map((a) => a.action)).toEqual(['create']);
      expect(JSON.parse(created[0].after_json!)).toMatchObject({ id: mirror, warehouse: 'SHOP', template: 'TRI', origin: 'offset', mirrorOf: t.body.id });
      expect((await recordTrail(t.body.id)).map((a) => a.action)).toEqual(['create']);

      const edited = await api.call('PUT', `/api/records/${t.body.id}`, { warehouse: 'MAIN', template: 'TRF', date: '2026-06-01', lines: [{ item: 'A', quantity: '1', location: 'A1' }] });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      const newMirror = edited.body.offsetRecordId as number;
      expect(newMirror).not.toBe(mirror);
      const oldTrail = await recordTrail(mirror);
      expect(oldTrail.map((a) => a.action)).toEqual(['create', 'delete']);
      expect(JSON.parse(oldTrail[1].before_json!)).toMatchObject({ id: mirror, lines: [expect.objectContaining({ quantity: '2.000' })] });
      const newTrail = await recordTrail(newMirror);
      expect(newTrail.map((a) => a.action)).toEqual(['create']);
      expect(JSON.parse(newTrail[0].after_json!)).toMatchObject({ id: newMirror, mirrorOf: t.body.id, lines: [expect.objectContaining({ quantity: '1.000' })] });

      expect((await api.call('DELETE', `/api/records/${t.body.id}`)).status).toBe(204);
      expect((await recordTrail(t.body.id)).map((a) => a.action)).toEqual(['create', 'update', 'delete']);
      expect((await recordTrail(newMirror)).map((a) => a.action)).toEqual(['create', 'delete']);
    });
  });
}

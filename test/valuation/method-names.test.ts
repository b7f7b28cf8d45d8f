/**
 * Cost method names are the SPEC §6 identifiers everywhere (issue 12 point 1),
 * on both dialects: the valued inventory, management areas, closings and the
 * warehouse history take them, accept the previous release's camelCase names
 * as aliases and always answer the SPEC name; the OpenAPI document lists
 * them; a stored name that is not known is an error, never a silent
 * average; migration 0007 rewrites stored camelCase names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrate.ts';
import { COST_METHOD_IDS, COST_METHOD_TABLE, normalizeCostMethod } from '../../src/valuation/cost-methods.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';

const SPEC_NAMES = [
  'average',
  'moving-average',
  'last',
  'fifo',
  'lifo-yearly',
  'fifo-yearly',
  'standard',
  'registry-average',
  'registry-last',
  'management-area',
  'lot-cost',
  'history',
];

describe('the cost method table', () => {
  it('is SPEC §6, in its order, frozen, with an accumulator for every stream method', () => {
    expect(COST_METHOD_IDS).toEqual(SPEC_NAMES);
    expect(Object.isFrozen(COST_METHOD_TABLE)).toBe(true);
    for (const m of COST_METHOD_TABLE) {
      expect(Object.isFrozen(m)).toBe(true);
      expect(typeof m.accumulator === 'function', m.id).toBe(m.id !== 'management-area' && m.id !== 'history');
      expect(m.label.ro && m.label.en, m.id).toBeTruthy();
    }
    expect(normalizeCostMethod('movingAverage')).toBe('moving-average');
    expect(normalizeCostMethod('lotCost')).toBe('lot-cost');
    expect(normalizeCostMethod('moving-average')).toBe('moving-average');
    expect(normalizeCostMethod('moving_average')).toBeUndefined();
  });
});

describe.each(dialects)('cost method names (%s)', (dialect) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await openTestApi(dialect);
    await seedFixture(api.store);
    const post = async (template: string, date: string, line: object) => {
      const r = await api.call('POST', '/api/records', { warehouse: 'MAIN', template, date, lines: [line] });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    };
    // worked example A
    await post('CAR', '2026-01-10', { item: 'A', quantity: '10', unitCost: '10' });
    await post('CAR', '2026-01-11', { item: 'A', quantity: '10', unitCost: '12' });
    await post('VAN', '2026-01-12', { item: 'A', quantity: '5' });
    await post('CAR', '2026-01-13', { item: 'A', quantity: '5', unitCost: '15' });
  });
  afterAll(async () => api?.close());

  const report = (query: string) => api.call('GET', `/api/reports/valued-inventory?date=2026-12-31&itemFrom=A&itemTo=A&${query}`);

  it('GET valued-inventory?method=moving-average is a 200 answered with the SPEC name', async () => {
    const r = await report('method=moving-average');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.method).toBe('moving-average');
    expect(r.body.rows).toEqual([expect.objectContaining({ item: 'A', quantity: '20.000', unitCost: '12.00000', value: '240.00' })]);
  });

  it('the camelCase alias is accepted and answered with the SPEC name', async () => {
    const spec = await report('method=moving-average');
    const alias = await report('method=movingAverage');
    expect(alias.status, JSON.stringify(alias.body)).toBe(200);
    expect(alias.body.method).toBe('moving-average');
    expect(alias.body.rows).toEqual(spec.body.rows);
    const lifo = await report('method=lifoYearly');
    expect(lifo.status).toBe(200);
    expect(lifo.body.method).toBe('lifo-yearly');
  });

  it('an unknown method is a 400 at /method', async () => {
    const r = await report('method=moving_average');
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toContain('/method');
  });

  it('the alias works for the CSV output too', async () => {
    const r = await api.call('GET', '/api/reports/valued-inventory?date=2026-12-31&itemFrom=A&itemTo=A&method=movingAverage&format=csv');
    expect(r.status).toBe(200);
    expect(r.text).toContain('240.00');
  });

  it('the OpenAPI document lists the SPEC names (aliases only as deprecated)', async () => {
    const doc = (await api.call('GET', '/api/openapi.json')).body;
    const param = doc.paths['/api/reports/valued-inventory'].get.parameters.find((p: { name: string }) => p.name === 'method');
    const schema = param.schema;
    expect(schema.anyOf[0].enum).toEqual(SPEC_NAMES);
    expect(schema.anyOf[1]).toMatchObject({ deprecated: true });
    expect(schema.anyOf[1].enum).toContain('movingAverage');
    const closing = doc.paths['/api/closings'].post.requestBody.content['application/json'].schema.properties.method;
    expect(closing.anyOf[0].enum).toEqual(SPEC_NAMES.filter((m) => m !== 'history'));
    const area = doc.paths['/api/management-areas'].post.requestBody.content['application/json'].schema.properties.method;
    expect(area.anyOf[0].enum).toEqual(SPEC_NAMES.filter((m) => m !== 'history' && m !== 'management-area'));
  });

  it('management areas: SPEC names in and out, the alias stored as the SPEC name', async () => {
    const created = await api.call('POST', '/api/management-areas', { code: 'LOTS', description: 'Pe loturi', method: 'lotCost' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.method).toBe('lot-cost');
    const stored = await api.store.db.selectFrom('management_areas').select('method').where('code', '=', 'LOTS').executeTakeFirstOrThrow();
    expect(stored.method).toBe('lot-cost');
    const spec = await api.call('POST', '/api/management-areas', { code: 'MAV', description: 'Mediu mobil', method: 'moving-average' });
    expect(spec.status).toBe(201);
    expect(spec.body.method).toBe('moving-average');
    const bad = await api.call('POST', '/api/management-areas', { code: 'BAD', description: 'x', method: 'history' });
    expect(bad.status).toBe(400);
  });

  it('valuing by management area: the area’s method; a stored unknown method is an error, never average', async () => {
    await api.call('PUT', '/api/warehouses/MAIN', { description: 'Gestiunea MAIN', managementArea: 'MAV' });
    const ok = await report('method=management-area&groupBy=warehouse');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.method).toBe('management-area');
    expect(ok.body.rows).toEqual([expect.objectContaining({ warehouse: 'MAIN', item: 'A', value: '240.00' })]);

    await api.store.db.updateTable('management_areas').set({ method: 'mediu' }).where('code', '=', 'MAV').execute();
    const bad = await report('method=management-area');
    expect(bad.status).toBe(409);
    expect(bad.body.code).toBe('INV_ERR_STORED_COST_METHOD');
    expect(bad.body.detail ?? bad.body.title).toContain('mediu');
    // other methods do not read the area's method
    expect((await report('method=average')).status).toBe(200);
    // the closing by management area refuses it too
    const closing = await api.call('POST', '/api/closings/check', { closingDate: '2026-06-30', method: 'management-area' });
    expect(closing.status).toBe(409);
    expect(closing.body.code).toBe('INV_ERR_STORED_COST_METHOD');
    await api.store.db.updateTable('management_areas').set({ method: 'moving-average' }).where('code', '=', 'MAV').execute();
  });

  it('closings: the alias is accepted, the closing answers and stores the SPEC name', async () => {
    const check = await api.call('POST', '/api/closings/check', { closingDate: '2026-06-30', method: 'movingAverage' });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    const closed = await api.call('POST', '/api/closings', { closingDate: '2026-06-30', method: 'movingAverage' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    expect(closed.body.method).toBe('moving-average');
    expect(closed.body.openingRecords[0].lines[0]).toMatchObject({ item: 'A', quantity: '20.000', unitCost: '12.00000' });
    const list = await api.call('GET', '/api/closings');
    expect(list.body.items[0].method).toBe('moving-average');
    const stored = await api.store.db.selectFrom('closings').select('method').executeTakeFirstOrThrow();
    expect(stored.method).toBe('moving-average');
    expect((await api.call('DELETE', '/api/closings/last')).status).toBe(200);
  });

  it('warehouse history: saved and answered with the SPEC name', async () => {
    const saved = await api.call('GET', '/api/reports/valued-inventory?date=2026-12-31&itemFrom=A&itemTo=A&method=fifoYearly&historicize=true');
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const history = await api.call('GET', '/api/warehouse-history?item=A');
    expect(history.body.items.map((r: { method: string }) => r.method)).toEqual(['fifo-yearly']);
  });

  it('migration 0007 rewrites stored camelCase names (areas, closings, warehouse history)', async () => {
    const db = api.store.db;
    const area = await db.insertInto('management_areas').values({ code: 'OLD', description: 'vechi', method: 'registryLast' }).returning('id').executeTakeFirstOrThrow();
    const closing = await db
      .insertInto('closings')
      .values({ closing_date: '2020-12-31', method: 'lotCost', previous_closing_date: null, created_by: 'admin', created_at: '2021-01-01T00:00:00Z', per_warehouse: 0, undo_json: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const template = await db
      .insertInto('closings')
      .values({ closing_date: '2019-12-31', method: 'template', previous_closing_date: null, created_by: 'admin', created_at: '2020-01-01T00:00:00Z', per_warehouse: 0, undo_json: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const run = await db
      .insertInto('warehouse_history_runs')
      .values({ snapshot_date: '2020-12-31', method: 'managementArea', group_by: 'item', filters: '{}', created_by: 'admin', created_at: '2021-01-01T00:00:00Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = await db.selectFrom('items').select('id').where('code', '=', 'B').executeTakeFirstOrThrow();
    await db
      .insertInto('warehouse_history')
      .values({ run_id: run.id, snapshot_date: '2020-12-31', warehouse_id: null, item_id: item.id, management_area_id: null, fiscal_category: '', quantity: 0n, last_cost: 0n, average_cost: 0n, method: 'movingAverage', unit_cost: 0n, value: 0n })
      .execute();

    await migrations['0007_cost_method_ids'].up(db);

    expect((await db.selectFrom('management_areas').select('method').where('id', '=', area.id).executeTakeFirstOrThrow()).method).toBe('registry-last');
    expect((await db.selectFrom('closings').select('method').where('id', '=', closing.id).executeTakeFirstOrThrow()).method).toBe('lot-cost');
    expect((await db.selectFrom('closings').select('method').where('id', '=', template.id).executeTakeFirstOrThrow()).method).toBe('template');
    expect((await db.selectFrom('warehouse_history_runs').select('method').where('id', '=', run.id).executeTakeFirstOrThrow()).method).toBe('management-area');
    expect((await db.selectFrom('warehouse_history').select('method').where('run_id', '=', run.id).executeTakeFirstOrThrow()).method).toBe('moving-average');
    // names already in SPEC form are left as they are
    expect((await db.selectFrom('management_areas').select('method').where('code', '=', 'LOTS').executeTakeFirstOrThrow()).method).toBe('lot-cost');
    await db.deleteFrom('warehouse_history').where('run_id', '=', run.id).execute();
    await db.deleteFrom('warehouse_history_runs').where('id', '=', run.id).execute();
    await db.deleteFrom('closings').where('id', 'in', [closing.id, template.id]).execute();
    await db.deleteFrom('management_areas').where('id', '=', area.id).execute();
  });
});

/** Small helpers shared by the master-data tests. */
import { expect } from 'vitest';
import type { TestApi, Response } from '../helpers/api.ts';
import type { Database } from '../../src/db/schema.ts';

/** Row counts of these tables and of the audit trail. */
export async function rowCounts(api: TestApi, tables: (keyof Database)[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [...tables, 'audit_log'] as (keyof Database)[]) {
    const row = await api.store.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}

/** Runs a request that must be refused, and checks it wrote nothing (tables and audit trail alike). */
export async function refused(api: TestApi, tables: (keyof Database)[], request: () => Promise<Response>): Promise<Response> {
  const before = await rowCounts(api, tables);
  const r = await request();
  expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
  expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(await rowCounts(api, tables)).toEqual(before);
  return r;
}

/** Asserts status and INV_ERR code of a problem answer. */
export function expectProblem(r: Response, status: number, code: string): void {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.code).toBe(code);
}

/** Audit entries of one entity key, oldest first. */
export async function auditTrail(api: TestApi, entity: string, key: string) {
  return api.store.db.selectFrom('audit_log').selectAll().where('entity', '=', entity).where('entity_key', '=', key).orderBy('id').execute();
}

/**
 * Posts a bare record (and optionally one movement) straight into the ledger
 * tables: enough to make a template or item "used" before the ledger exists.
 */
export async function insertRecord(api: TestApi, warehouse: string, template: string, item?: { code: string; variant?: string }): Promise<void> {
  const db = api.store.db;
  const wh = await db.selectFrom('warehouses').select('id').where('code', '=', warehouse).executeTakeFirstOrThrow();
  const t = await db.selectFrom('templates').select('id').where('warehouse_id', '=', wh.id).where('code', '=', template).executeTakeFirstOrThrow();
  const count = await db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const number = Number(count.n) + 1;
  const record = await db
    .insertInto('records')
    .values({
      warehouse_id: wh.id,
      template_id: t.id,
      date: '2024-01-10',
      number,
      internal_document: '',
      internal_document_date: null,
      reference_document: '',
      account: '',
      job_order: '',
      notes: '',
      origin: 'manual',
      mirror_of: null,
      inventory_id: null,
      closing_id: null,
      created_by: 'test',
      created_at: '2024-01-10T00:00:00Z',
      updated_by: null,
      updated_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!item) return;
  const it = await db.selectFrom('items').select('id').where('code', '=', item.code).executeTakeFirstOrThrow();
  await db
    .insertInto('movements')
    .values({
      record_id: record.id,
      line_no: 1,
      date: '2024-01-10',
      record_number: number,
      warehouse_id: wh.id,
      template_id: t.id,
      item_id: it.id,
      variant: item.variant ?? '',
      location: '',
      lot: '',
      serial: '',
      job_order: '',
      account: '',
      quantity: 1000n,
      alt_uom: '',
      alt_quantity: 0n,
      unit_cost: 100000n,
      amount: 100n,
      notes: '',
    })
    .execute();
}

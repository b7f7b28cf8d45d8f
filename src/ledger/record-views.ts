/** Warehouse records as the API shows them (SPEC §3): one record, a page of records, the views the services audit. */
import type { Ctx } from '../core/context.ts';
import { Money, Quantity, UnitCost } from '../core/decimal.ts';
import { fail } from '../core/errors.ts';
import { requirePermission } from '../core/roles.ts';
import type { Db } from '../db/db.ts';
import type { Database, RecordOrigin } from '../db/schema.ts';
import { sql, type Selectable } from 'kysely';
import { parseSort } from '../core/sort.ts';

export interface RecordLineView {
  lineNo: number;
  item: string;
  variant: string;
  location: string;
  lot: string;
  serial: string;
  jobOrder: string;
  account: string;
  quantity: string;
  unitCost: string;
  amount: string;
  altUom: string;
  altQuantity: string;
  notes: string;
}

export interface RecordView {
  id: number;
  warehouse: string;
  template: string;
  date: string;
  number: number;
  internalDocument: string;
  internalDocumentDate: string | null;
  referenceDocument: string;
  account: string;
  jobOrder: string;
  notes: string;
  origin: RecordOrigin;
  inventoryId: number | null;
  closingId: number | null;
  createdBy: string;
  createdAt: string;
  lines: RecordLineView[];
  offsetRecordId?: number;
  mirrorOf?: number;
}

type HeaderRow = Selectable<Database['records']> & { warehouse: string; template: string };

function recordHeaders(db: Db) {
  return db
    .selectFrom('records as r')
    .innerJoin('warehouses as w', 'w.id', 'r.warehouse_id')
    .innerJoin('templates as t', 't.id', 'r.template_id')
    .selectAll('r')
    .select(['w.code as warehouse', 't.code as template']);
}

/** A record's header as the API shows it. */
export function headerView(h: Selectable<Database['records']>, warehouse: string, template: string): Omit<RecordView, 'lines'> {
  return {
    id: h.id,
    warehouse,
    template,
    date: h.date,
    number: h.number,
    internalDocument: h.internal_document,
    internalDocumentDate: h.internal_document_date,
    referenceDocument: h.reference_document,
    account: h.account,
    jobOrder: h.job_order,
    notes: h.notes,
    origin: h.origin,
    inventoryId: h.inventory_id,
    closingId: h.closing_id,
    createdBy: h.created_by,
    createdAt: h.created_at,
  };
}

/** A line with scaled values, as the API shows it (decimal strings). */
export function lineView(
  l: Omit<RecordLineView, 'quantity' | 'unitCost' | 'amount' | 'altQuantity'> & { quantity: bigint; unitCost: bigint; amount: bigint; altQuantity: bigint },
): RecordLineView {
  return {
    ...l,
    quantity: Quantity.format(l.quantity),
    unitCost: UnitCost.format(l.unitCost),
    amount: Money.format(l.amount),
    altQuantity: Quantity.format(l.altQuantity),
  };
}

/** Reads records with their lines, in the order of `ids`. */
export async function recordViews(db: Db, ids: number[]): Promise<RecordView[]> {
  if (ids.length === 0) return [];
  const headers = (await recordHeaders(db).where('r.id', 'in', ids).execute()) as HeaderRow[];
  const lines = await db
    .selectFrom('movements as m')
    .innerJoin('items as i', 'i.id', 'm.item_id')
    .selectAll('m')
    .select('i.code as item')
    .where('m.record_id', 'in', ids)
    .orderBy('m.record_id')
    .orderBy('m.line_no')
    .execute();
  const mirrors = await db.selectFrom('records').select(['id', 'mirror_of']).where('mirror_of', 'in', ids).execute();
  const byRecord = new Map<number, RecordLineView[]>();
  for (const l of lines) {
    const list = byRecord.get(l.record_id) ?? byRecord.set(l.record_id, []).get(l.record_id)!;
    list.push(
      lineView({
        lineNo: l.line_no,
        item: l.item,
        variant: l.variant,
        location: l.location,
        lot: l.lot,
        serial: l.serial,
        jobOrder: l.job_order,
        account: l.account,
        quantity: l.quantity,
        unitCost: l.unit_cost,
        amount: l.amount,
        altUom: l.alt_uom,
        altQuantity: l.alt_quantity,
        notes: l.notes,
      }),
    );
  }
  const byId = new Map(headers.map((h) => [h.id, h]));
  return ids
    .filter((id) => byId.has(id))
    .map((id) => {
      const h = byId.get(id)!;
      const view: RecordView = { ...headerView(h, h.warehouse, h.template), lines: byRecord.get(id) ?? [] };
      const mirror = mirrors.find((m) => m.mirror_of === id);
      if (mirror) view.offsetRecordId = mirror.id;
      if (h.mirror_of !== null) view.mirrorOf = h.mirror_of;
      return view;
    });
}

export async function getRecord(ctx: Ctx, id: number): Promise<RecordView> {
  requirePermission(ctx.actor, 'read');
  const [view] = await recordViews(ctx.store.db, [id]);
  if (!view) fail('INV_ERR_NOT_FOUND', { entity: 'record', key: id });
  return view;
}

export interface RecordFilter {
  warehouse?: string;
  template?: string;
  from?: string;
  to?: string;
  item?: string;
  origin?: string;
  inventoryId?: number;
  limit?: number;
  offset?: number;
  /** `field` or `-field` (descending), one of RECORD_SORTS; default `-date` */
  sort?: string;
}

/** What GET /api/records sorts by (the whitelist): `value` is the sum of the record's line amounts. */
export const RECORD_SORTS = ['id', 'date', 'number', 'warehouse', 'template', 'origin', 'value'] as const;
export type RecordSort = (typeof RECORD_SORTS)[number];

/**
 * GET /api/records: a page in the chosen order, global over every page. The
 * order ends with the record id in the same direction, so a descending sort is
 * the ascending one reversed and paging never repeats or skips a record.
 * `value` is summed per record from its movements (movements_record_ix); the
 * work is bounded by the records the filters select.
 */
export async function listRecords(ctx: Ctx, f: RecordFilter): Promise<{ items: RecordView[]; total: number }> {
  requirePermission(ctx.actor, 'read');
  const db = ctx.store.db;
  let q = db.selectFrom('records as r').innerJoin('warehouses as w', 'w.id', 'r.warehouse_id').innerJoin('templates as t', 't.id', 'r.template_id');
  if (f.warehouse) q = q.where('w.code', '=', f.warehouse);
  if (f.template) q = q.where('t.code', '=', f.template);
  if (f.from) q = q.where('r.date', '>=', f.from);
  if (f.to) q = q.where('r.date', '<=', f.to);
  if (f.origin) q = q.where('r.origin', '=', f.origin as RecordOrigin);
  if (f.inventoryId !== undefined) q = q.where('r.inventory_id', '=', f.inventoryId);
  if (f.item) {
    const item = f.item;
    // the records come from the item's movements (an index on item), never from a pass over the records
    q = q.where('r.id', 'in', (eb) =>
      eb
        .selectFrom('movements as m')
        .innerJoin('items as i', 'i.id', 'm.item_id')
        .select('m.record_id')
        .where('i.code', '=', item),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const order = parseSort<RecordSort>(f.sort, RECORD_SORTS, { field: 'date', direction: 'desc' });
  const dir = order.direction;
  let sorted = q.select('r.id');
  switch (order.field) {
    case 'id':
      break;
    case 'date':
      sorted = sorted.orderBy('r.date', dir);
      break;
    case 'number':
      sorted = sorted.orderBy('r.number', dir);
      break;
    case 'warehouse':
      sorted = sorted.orderBy('w.code', dir);
      break;
    case 'template':
      sorted = sorted.orderBy('t.code', dir);
      break;
    case 'origin':
      sorted = sorted.orderBy('r.origin', dir);
      break;
    case 'value':
      sorted = sorted.orderBy(
        (eb) => eb.fn.coalesce(eb.selectFrom('movements as mv').select((e) => e.fn.sum<string>('mv.amount').as('v')).whereRef('mv.record_id', '=', 'r.id'), sql.lit(0)),
        dir,
      );
      break;
  }
  const ids = await sorted
    .orderBy('r.id', dir)
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
  return { items: await recordViews(db, ids.map((r) => r.id)), total: Number(total.n) };
}

/** Warehouse records (SPEC §3): the services behind /api/records and the CLI. */
import type { Ctx } from '../core/context.ts';
import { inTransaction } from '../db/transaction.ts';
import { Money, Quantity, UnitCost } from '../core/decimal.ts';
import { fail, InventarError } from '../core/errors.ts';
import { Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { Database, RecordOrigin, TemplateRow, WarehouseRow } from '../db/schema.ts';
import type { Db } from '../db/db.ts';
import { assertNoNegativeStock, type AffectedKey } from './negative-stock.ts';
import { assertOpenPeriod } from './period.ts';
import { assertNotFrozen } from './freeze.ts';
import { checkRecordTexts, planRecord, RESOLVED_ITEM_COLUMNS, type PlannedRecord, type RecordInput, type Resolved, type ResolvedItem } from './plan.ts';
import { writeRecords } from './posting.ts';
import { deleteJournalEntries } from './journal.ts';
import { DEFAULT_DECIMALS, unitDecimals } from '../masterdata/units.ts';
import { stockKeyOfRow } from './keys.ts';
import { sql, type Selectable } from 'kysely';
import { parseSort } from '../core/sort.ts';

const NO_VARIANTS: ReadonlySet<string> = new Set();
const NO_UNITS: ReadonlyMap<string, bigint> = new Map();

/**
 * An item as the posting rules see it, built field by field: one object shape
 * for every item. A spread of the database row would carry the row's own
 * shape, which varies with the driver's values; property reads on 50,000 such
 * objects were ten times slower, once per imported line.
 */
function resolvedItem(
  row: Pick<ResolvedItem, (typeof RESOLVED_ITEM_COLUMNS)[number]>,
  variants: ReadonlySet<string>,
  units: ReadonlyMap<string, bigint>,
  decimals: number,
): ResolvedItem {
  return { id: row.id, code: row.code, uom: row.uom, lot_managed: row.lot_managed, serial_managed: row.serial_managed, decimals, variants, units };
}

/**
 * Looks up the master data records refer to, once per code. `preload` reads
 * whole tables for bulk imports; otherwise each code is read when first met.
 */
export class MasterDataResolver {
  private readonly warehouses = new Map<string, WarehouseRow | null>();
  private readonly templates = new Map<string, TemplateRow | null>();
  private readonly items = new Map<string, ResolvedItem | null>();
  private readonly locations = new Map<number, Set<string>>();
  private preloaded = false;
  /** unit of measure → decimals (SPEC §14), read once */
  private unitDecimals: Map<string, number> | undefined;

  constructor(private readonly db: Db) {}

  private async decimalsOf(uom: string): Promise<number> {
    this.unitDecimals ??= await unitDecimals(this.db);
    return this.unitDecimals.get(uom) ?? DEFAULT_DECIMALS;
  }

  async preload(): Promise<void> {
    this.unitDecimals = await unitDecimals(this.db);
    const [whs, tpls, items, variants, units, locs] = await Promise.all([
      this.db.selectFrom('warehouses').selectAll().execute(),
      this.db.selectFrom('templates').selectAll().execute(),
      this.db.selectFrom('items').select(RESOLVED_ITEM_COLUMNS).execute(),
      this.db.selectFrom('item_variants').select(['item_id', 'code']).execute(),
      this.db.selectFrom('item_units').select(['item_id', 'uom', 'factor']).execute(),
      this.db.selectFrom('locations').select(['warehouse_id', 'code']).execute(),
    ]);
    const byId = new Map(whs.map((w) => [w.id, w]));
    for (const w of whs) this.warehouses.set(w.code, w);
    for (const t of tpls) this.templates.set(`${byId.get(t.warehouse_id)!.code}|${t.code}`, t);
    const vars = new Map<number, Set<string>>();
    for (const v of variants) (vars.get(v.item_id) ?? vars.set(v.item_id, new Set()).get(v.item_id)!).add(v.code);
    const factors = new Map<number, Map<string, bigint>>();
    for (const u of units) (factors.get(u.item_id) ?? factors.set(u.item_id, new Map()).get(u.item_id)!).set(u.uom, u.factor);
    for (const i of items) {
      this.items.set(i.code, resolvedItem(i, vars.get(i.id) ?? NO_VARIANTS, factors.get(i.id) ?? NO_UNITS, this.unitDecimals.get(i.uom) ?? DEFAULT_DECIMALS));
    }
    for (const l of locs) (this.locations.get(l.warehouse_id) ?? this.locations.set(l.warehouse_id, new Set()).get(l.warehouse_id)!).add(l.code);
    this.preloaded = true;
  }

  async warehouse(code: string): Promise<WarehouseRow | undefined> {
    if (!this.warehouses.has(code) && !this.preloaded) {
      this.warehouses.set(code, (await this.db.selectFrom('warehouses').selectAll().where('code', '=', code).executeTakeFirst()) ?? null);
    }
    return this.warehouses.get(code) ?? undefined;
  }

  async template(warehouse: WarehouseRow, code: string): Promise<TemplateRow | undefined> {
    const key = `${warehouse.code}|${code}`;
    if (!this.templates.has(key) && !this.preloaded) {
      const row = await this.db.selectFrom('templates').selectAll().where('warehouse_id', '=', warehouse.id).where('code', '=', code).executeTakeFirst();
      this.templates.set(key, row ?? null);
    }
    return this.templates.get(key) ?? undefined;
  }

  async item(code: string): Promise<ResolvedItem | undefined> {
    if (!this.items.has(code) && !this.preloaded) {
      const row = await this.db.selectFrom('items').select(RESOLVED_ITEM_COLUMNS).where('code', '=', code).executeTakeFirst();
      const variants = row ? await this.db.selectFrom('item_variants').select('code').where('item_id', '=', row.id).execute() : [];
      const units = row ? await this.db.selectFrom('item_units').select(['uom', 'factor']).where('item_id', '=', row.id).execute() : [];
      const decimals = row ? await this.decimalsOf(row.uom) : DEFAULT_DECIMALS;
      this.items.set(code, row ? resolvedItem(row, new Set(variants.map((v) => v.code)), new Map(units.map((u) => [u.uom, u.factor])), decimals) : null);
    }
    return this.items.get(code) ?? undefined;
  }

  async locationsOf(warehouseId: number): Promise<Set<string>> {
    let set = this.locations.get(warehouseId);
    if (!set) {
      set = this.preloaded
        ? new Set()
        : new Set((await this.db.selectFrom('locations').select('code').where('warehouse_id', '=', warehouseId).execute()).map((l) => l.code));
      this.locations.set(warehouseId, set);
    }
    return set;
  }

  /**
   * A record's references from the preloaded tables (bulk imports: plain map
   * look-ups, no await per record); undefined when not preloaded or when the
   * warehouse or template is unknown, which `resolve` then reports.
   */
  resolvePreloaded(input: RecordInput): Resolved | undefined {
    if (!this.preloaded) return undefined;
    const warehouse = this.warehouses.get(input.warehouse);
    const template = warehouse && this.templates.get(`${warehouse.code}|${input.template}`);
    if (!warehouse || !template) return undefined;
    // the registry map itself serves: preloaded, it holds no misses
    return { warehouse, template, items: this.items as ReadonlyMap<string, ResolvedItem>, locations: this.locations.get(warehouse.id) ?? new Set() };
  }

  /**
   * Resolves a record's references; unknown warehouse or template codes are
   * problems at the record's path (a template of another warehouse: 422).
   */
  async resolve(input: RecordInput, problems: Problems, path = ''): Promise<Resolved | undefined> {
    const warehouse = await this.warehouse(input.warehouse);
    if (!warehouse) {
      problems.add({ path: `${path}/warehouse`, code: 'INV_ERR_NOT_FOUND', params: { entity: 'warehouse', key: input.warehouse } });
      return undefined;
    }
    const template = await this.template(warehouse, input.template);
    if (!template) {
      const elsewhere = await this.db.selectFrom('templates').select('id').where('code', '=', input.template).executeTakeFirst();
      problems.add(
        elsewhere
          ? { path: `${path}/template`, code: 'INV_ERR_TEMPLATE_WAREHOUSE', params: { template: input.template, warehouse: warehouse.code } }
          : { path: `${path}/template`, code: 'INV_ERR_NOT_FOUND', params: { entity: 'template', key: input.template } },
      );
      return undefined;
    }
    const items = new Map<string, ResolvedItem>();
    for (const line of input.lines ?? []) {
      const item = await this.item(line.item);
      if (item) items.set(line.item, item);
    }
    return { warehouse, template, items, locations: await this.locationsOf(warehouse.id) };
  }
}

/** Plans records from input, collecting every problem; throws when there is any. */
export async function planRecords(
  db: Db,
  inputs: RecordInput[],
  origin: RecordOrigin,
  options: { resolver?: MasterDataResolver; pathOf?: (i: number) => string } = {},
): Promise<PlannedRecord[]> {
  const resolver = options.resolver ?? new MasterDataResolver(db);
  const problems = new Problems();
  const planned: PlannedRecord[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const path = options.pathOf?.(i) ?? '';
    // texts first (JSON, CSV and CLI alike): a record with an over-long or control-character text is not looked up
    const before = problems.list.length;
    checkRecordTexts(inputs[i], path, problems);
    if (problems.list.length > before) continue;
    // preloaded master data resolves without a round trip per record
    const resolved = resolver.resolvePreloaded(inputs[i]) ?? (await resolver.resolve(inputs[i], problems, path));
    if (!resolved) continue;
    planned.push(planRecord(inputs[i], resolved, problems, path, origin));
  }
  problems.throwIfAny();
  return planned;
}

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

/** POST /api/records: one record (and its mirror) in one transaction. */
/**
 * A negative-stock refusal of one record, pointed at the lines of the item
 * that went negative (`/lines/N/quantity`), so a form shows it on the field
 * it concerns; any other error unchanged.
 */
function onLines(input: RecordInput, error: unknown): unknown {
  if (!(error instanceof InventarError) || error.code !== 'INV_ERR_NEGATIVE_STOCK' || error.problems.length > 0) return error;
  const item = String(error.params.item);
  const problems = (input.lines ?? []).flatMap((line, n) => (line.item === item ? [{ path: `/lines/${n}/quantity`, code: error.code, params: error.params }] : []));
  return problems.length > 0 ? new InventarError(error.code, error.params, problems) : error;
}

export async function createRecord(ctx: Ctx, input: RecordInput): Promise<RecordView> {
  try {
    return await createRecordAsIs(ctx, input);
  } catch (e) {
    throw onLines(input, e);
  }
}

async function createRecordAsIs(ctx: Ctx, input: RecordInput): Promise<RecordView> {
  requirePermission(ctx.actor, 'post');
  const id = await inTransaction(ctx.store, async (trx) => {
    const planned = await planRecords(trx, [input], 'manual');
    const written = await writeRecords(trx, ctx.store, ctx.actor, planned);
    // a transfer's mirror is a record of its own: it gets its own audit row
    for (const view of await recordViews(trx, written.map((w) => w.id))) await audit(trx, ctx.actor, 'record', view.id, 'create', null, view);
    return written[0].id;
  });
  return (await recordViews(ctx.store.db, [id]))[0];
}

/** The record and its mirror, for edits and deletes; generated records are refused. */
async function editable(db: Db, id: number) {
  const header = await db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();
  if (!header) fail('INV_ERR_NOT_FOUND', { entity: 'record', key: id });
  if (header.origin !== 'manual' && header.origin !== 'import') fail('INV_ERR_RECORD_NOT_EDITABLE', { id, origin: header.origin });
  const family = await db.selectFrom('records').select(['id', 'date', 'warehouse_id']).where((eb) => eb.or([eb('id', '=', id), eb('mirror_of', '=', id)])).execute();
  await assertOpenPeriod(db, family.map((r) => r.date));
  // changing or deleting a record moves the stock of its warehouses (and its mirror's) as much as posting it
  await assertNotFrozen(db, family.map((r) => r.warehouse_id));
  // removing loads can take later stock negative: check every key that loses a load
  const loads = await db
    .selectFrom('movements')
    .selectAll()
    .where('record_id', 'in', family.map((r) => r.id))
    .where('quantity', '>', 0n)
    .execute();
  const removed: AffectedKey[] = loads.map((m) => ({
    ...stockKeyOfRow(m),
    from: m.date,
  }));
  return { header, familyIds: family.map((r) => r.id), removed };
}

export async function updateRecord(ctx: Ctx, id: number, input: RecordInput): Promise<RecordView> {
  try {
    return await updateRecordAsIs(ctx, id, input);
  } catch (e) {
    throw onLines(input, e);
  }
}

async function updateRecordAsIs(ctx: Ctx, id: number, input: RecordInput): Promise<RecordView> {
  requirePermission(ctx.actor, 'post');
  await inTransaction(ctx.store, async (trx) => {
    const { header, familyIds, removed } = await editable(trx, id);
    const [before, ...mirrorsBefore] = await recordViews(trx, familyIds.sort((a, b) => (a === id ? -1 : b === id ? 1 : a - b)));
    const [plan] = await planRecords(trx, [input], header.origin);
    // the record keeps its id, and its number while it stays on the same day and warehouse
    const sameDay = plan.date === header.date && plan.warehouseId === header.warehouse_id;
    const planned = [{ ...plan, id, number: sameDay ? header.number : undefined }];
    await deleteJournalEntries(trx, familyIds);
    await trx.deleteFrom('movements').where('record_id', 'in', familyIds).execute();
    await trx.deleteFrom('records').where('mirror_of', '=', id).execute();
    await trx.deleteFrom('records').where('id', '=', id).execute();
    const written = await writeRecords(trx, ctx.store, ctx.actor, planned, { alsoCheck: removed });
    // an edit keeps who created the record and when (the audit trail says who changed it)
    await trx.updateTable('records').set({ created_by: header.created_by, created_at: header.created_at }).where('id', '=', id).execute();
    const [after, ...mirrorsAfter] = await recordViews(trx, written.map((w) => w.id));
    await audit(trx, ctx.actor, 'record', id, 'update', before, after);
    // the mirror is written again with a new id: the old one is audited as deleted, the new one as created
    for (const m of mirrorsBefore) await audit(trx, ctx.actor, 'record', m.id, 'delete', m, null);
    for (const m of mirrorsAfter) await audit(trx, ctx.actor, 'record', m.id, 'create', null, m);
  });
  return (await recordViews(ctx.store.db, [id]))[0];
}

export async function deleteRecord(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'post');
  await inTransaction(ctx.store, async (trx) => {
    const { familyIds, removed } = await editable(trx, id);
    const [before, ...mirrors] = await recordViews(trx, familyIds.sort((a, b) => (a === id ? -1 : b === id ? 1 : a - b)));
    await deleteJournalEntries(trx, familyIds);
    await trx.deleteFrom('movements').where('record_id', 'in', familyIds).execute();
    await trx.deleteFrom('records').where('mirror_of', '=', id).execute();
    await trx.deleteFrom('records').where('id', '=', id).execute();
    await assertNoNegativeStock(trx, removed);
    await audit(trx, ctx.actor, 'record', id, 'delete', before, null);
    for (const m of mirrors) await audit(trx, ctx.actor, 'record', m.id, 'delete', m, null);
  });
}

/** Warehouse records (SPEC §3): the record service behind /api/records and the CLI (plan, create, edit, delete). */
import type { Ctx } from '../core/context.ts';
import { inTransaction } from '../db/transaction.ts';
import { fail, InventarError } from '../core/errors.ts';
import { Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { RecordOrigin } from '../db/schema.ts';
import type { Db } from '../db/db.ts';
import { MasterDataResolver } from '../masterdata/lookup.ts';
import { sharedMasterData } from '../masterdata/shared-cache.ts';
import { assertNoNegativeStock, type AffectedKey } from './negative-stock.ts';
import { assertOpenPeriod } from './period.ts';
import { assertNotFrozen } from './freeze.ts';
import { checkRecordTexts, planRecord, type PlannedRecord, type RecordInput } from './plan.ts';
import { writeRecords } from './posting.ts';
import { deleteJournalEntries } from './journal.ts';
import { stockKeyOfRow } from './keys.ts';
import { recordViews, type RecordView } from './record-views.ts';

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
  // the answer is the view the audit row was made of (read once, in the transaction)
  return inTransaction(ctx.store, async (trx) => {
    const resolver = new MasterDataResolver(trx, await sharedMasterData(ctx.store, trx));
    const planned = await planRecords(trx, [input], 'manual', { resolver });
    const written = await writeRecords(trx, ctx.store, ctx.actor, planned);
    const views = await recordViews(trx, written.map((w) => w.id));
    // a transfer's mirror is a record of its own: it gets its own audit row
    for (const view of views) await audit(trx, ctx.actor, 'record', view.id, 'create', null, view);
    return views.find((v) => v.id === written[0].id)!;
  });
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
  return inTransaction(ctx.store, async (trx) => {
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
    return after;
  });
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

/**
 * Reversal of a posted inventory (SPEC §11, issue 16 point 4), behind
 * POST /api/inventories/{id}/reverse and `inventar inventory reverse`.
 *
 * In one transaction: every record the inventory's last posting wrote is
 * cancelled by an opposite record (origin 'reversal', same warehouse,
 * referencing the inventory), the inventory is reopened (not closed, not
 * posted, reversed_at/by set), and all of it is audited.
 *
 * The opposite record uses the warehouse's other stock-difference template
 * (a shortage record is cancelled by the surplus template and vice versa)
 * with the very keys, quantities and unit costs of the original: every
 * line's amount is the same, so book stock and the records' value go back
 * exactly, and the record passes the rules every record passes (planRecord:
 * quantities entered positive, the template's type gives the sign; the
 * period; the warehouse's negative-stock rule). The accountant sees an
 * "inventory surplus" and its "storno" as two documents of the same
 * inventory, both numbered and dated, the reversal naming the record it
 * cancels in its reference document.
 *
 * Dating: not before the posted records. Dated like the posting, the
 * reversal gives back the book stock at the inventory's stock date too, so a
 * new posting with the same stock date finds the same differences; dated
 * later, the book at that stock date still holds the posted records (book
 * stock is the ledger at a date, SPEC §3).
 *
 * Which records: the inventory's records of origin 'inventory' written after
 * its last reversal (record ids grow; a reopened inventory posted again
 * writes new ones). They must be the ones its last posting wrote (the
 * audit row of that posting lists them) with as many lines as were written;
 * otherwise the reversal is refused (409 INV_ERR_REVERSAL_RECORDS_CHANGED):
 * something outside the inventory changed them, and a person must look.
 */
import type { Ctx } from '../core/context.ts';
import { abs, Money, Quantity, UnitCost } from '../core/decimal.ts';
import { nowTimestamp } from '../core/dates.ts';
import { fail } from '../core/errors.ts';
import { parseDate, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { RecordRow, TemplateRow } from '../db/schema.ts';
import { assertOpenPeriod } from '../ledger/period.ts';
import { planRecord, type PlannedRecord, type RecordInput } from '../ledger/plan.ts';
import { writeRecords } from '../ledger/posting.ts';
import { recordViews, type RecordView } from '../ledger/record-views.ts';
import { MasterDataResolver } from '../masterdata/lookup.ts';
import type { Db } from '../db/db.ts';
import { assertStockDifferenceTemplate, stockDifferenceTemplatesOf } from '../masterdata/stock-difference-params.ts';
import { inTransaction, inventoryLabel, lockInventory, type InventoryRow } from './common.ts';
import type { Language } from '../core/i18n.ts';
import { reversalNote } from './record-notes.ts';

export interface ReverseInput {
  /** the reversal records' date: in the open period, not before the posted records */
  date: string;
}

export interface ReverseResult {
  inventoryId: number;
  inventory: string;
  date: string;
  reversedAt: string;
  /** ids of the records cancelled */
  reversed: number[];
  /** the reversal records, as GET /api/records/{id} shows them */
  records: RecordView[];
}

type Original = RecordRow & { warehouse: string; template: string; templateType: 'load' | 'unload' };

/** The records of the inventory's last posting: origin 'inventory', written after its last reversal. */
async function postedRecords(db: Db, inventoryId: number): Promise<Original[]> {
  const rows = await db
    .selectFrom('records as r')
    .innerJoin('warehouses as w', 'w.id', 'r.warehouse_id')
    .innerJoin('templates as t', 't.id', 'r.template_id')
    .selectAll('r')
    .select(['w.code as warehouse', 't.code as template', 't.type as templateType'])
    .where('r.inventory_id', '=', inventoryId)
    .where('r.origin', 'in', ['inventory', 'reversal'])
    .orderBy('r.id')
    .execute();
  const lastReversal = rows.reduce((at, r, i) => (r.origin === 'reversal' ? i : at), -1);
  return rows.slice(lastReversal + 1).filter((r) => r.origin === 'inventory') as Original[];
}

/** Refuses (409) when the records are not the ones the last posting wrote, or lost or gained lines since. */
async function assertUnchanged(db: Db, inv: InventoryRow, originals: Original[]): Promise<void> {
  const label = inventoryLabel(inv);
  const changed = (detail: string): never => fail('INV_ERR_REVERSAL_RECORDS_CHANGED', { inventory: label, detail });
  const post = await db
    .selectFrom('audit_log')
    .select('after_json')
    .where('entity', '=', 'inventory')
    .where('entity_key', '=', String(inv.id))
    .where('action', '=', 'post')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const listed: number[] = post?.after_json ? ((JSON.parse(post.after_json) as { records?: number[] }).records ?? []) : [];
  const ids = originals.map((r) => Number(r.id));
  // the posting also lists the mirrors an offset template wrote (origin 'offset'): they must exist, and follow their records
  const existing = listed.length ? await db.selectFrom('records').select(['id', 'origin']).where('id', 'in', listed).execute() : [];
  const missing = listed.filter((id) => !existing.some((r) => Number(r.id) === id));
  if (missing.length) changed(`#${missing.join(', #')}`);
  const ownListed = existing.filter((r) => r.origin === 'inventory').map((r) => Number(r.id));
  const extra = [...ids.filter((id) => !ownListed.includes(id)), ...ownListed.filter((id) => !ids.includes(id))];
  if (extra.length) changed(`#${extra.join(', #')}`);
  if (ids.length === 0) return;
  const counts = await db
    .selectFrom('movements')
    .select(['record_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('record_id', 'in', ids)
    .groupBy('record_id')
    .execute();
  const linesOf = new Map(counts.map((c) => [Number(c.record_id), Number(c.n)]));
  const created = await db
    .selectFrom('audit_log')
    .select(['entity_key', 'after_json'])
    .where('entity', '=', 'record')
    .where('entity_key', 'in', ids.map(String))
    .where('action', '=', 'create')
    .execute();
  for (const c of created) {
    const lines = (JSON.parse(c.after_json ?? '{}') as { lines?: unknown }).lines;
    const expected = typeof lines === 'number' ? lines : Array.isArray(lines) ? lines.length : undefined;
    if (expected !== undefined && expected !== (linesOf.get(Number(c.entity_key)) ?? 0)) changed(`#${c.entity_key}`);
  }
}

/** The opposite record of each original, planned by the record rules (planRecord). */
async function reversalPlans(db: Db, inv: InventoryRow, originals: Original[], date: string, lang: Language): Promise<PlannedRecord[]> {
  if (originals.length === 0) return [];
  const movements = await db
    .selectFrom('movements as m')
    .innerJoin('items as i', 'i.id', 'm.item_id')
    .selectAll('m')
    .select('i.code as item')
    .where('m.record_id', 'in', originals.map((r) => r.id))
    .orderBy('m.record_id')
    .orderBy('m.line_no')
    .execute();
  const templatesOf = new Map<number, { load: TemplateRow; unload: TemplateRow }>();
  const resolver = new MasterDataResolver(db);
  const problems = new Problems();
  const out: PlannedRecord[] = [];
  for (const [i, r] of originals.entries()) {
    if (!templatesOf.has(r.warehouse_id)) {
      const params = await stockDifferenceTemplatesOf(db, r.warehouse_id);
      if (!params) fail('INV_ERR_NO_STOCK_DIFF_PARAMS', { warehouse: r.warehouse });
      templatesOf.set(r.warehouse_id, params);
    }
    const params = templatesOf.get(r.warehouse_id)!;
    const template = r.templateType === 'load' ? params.unload : params.load;
    const path = `/records/${i}`;
    assertStockDifferenceTemplate(template, `${path}/template`);
    const lines = movements.filter((m) => Number(m.record_id) === r.id);
    const input: RecordInput = {
      warehouse: r.warehouse,
      template: template.code,
      date,
      internalDocument: r.internal_document,
      internalDocumentDate: r.internal_document_date ?? undefined,
      referenceDocument: `${r.template} ${r.date} ${r.number}`,
      notes: reversalNote(r, lang),
      // one line per movement (a serial's movement is one unit), the same key, quantity and unit cost
      lines: lines.map((m) => ({
        item: m.item,
        variant: m.variant,
        quantity: Quantity.format(abs(m.quantity)),
        unitCost: UnitCost.format(m.unit_cost),
        amount: m.quantity === 0n ? Money.format(abs(m.amount)) : undefined,
        location: m.location,
        lot: m.lot,
        serials: m.serial ? [m.serial] : undefined,
        jobOrder: m.job_order,
        account: m.account,
        notes: m.notes,
      })),
    };
    const resolved = await resolver.resolve(input, problems, path);
    if (!resolved) continue;
    const planned = planRecord(input, resolved, problems, path, 'reversal');
    planned.inventoryId = inv.id;
    // the very key of the original: no template default location
    for (const m of planned.lines) {
      m.location = lines[m.inputLine].location;
      m.serial = lines[m.inputLine].serial;
    }
    out.push(planned);
  }
  problems.throwIfAny();
  return out;
}

/** POST /api/inventories/{id}/reverse: cancels the posted records and reopens the inventory, in one transaction. */
export async function reverseInventory(ctx: Ctx, inventoryId: number, input: ReverseInput): Promise<ReverseResult> {
  requirePermission(ctx.actor, 'inventory');
  const problems = new Problems();
  if (!input.date) problems.add({ path: '/date', code: 'INV_ERR_VALIDATION' });
  parseDate(input.date, '/date', problems);
  problems.throwIfAny();
  const done = await inTransaction(ctx.store, async (trx) => {
    // PostgreSQL: the row lock orders this after (or before) a posting of the same inventory
    const inv = await lockInventory(trx, ctx.store, inventoryId, 'update');
    const label = inventoryLabel(inv);
    if (!inv.posted_at) fail('INV_ERR_INVENTORY_NOT_POSTED', { inventory: label });
    const originals = await postedRecords(trx, inv.id);
    await assertUnchanged(trx, inv, originals);
    const posted = originals.reduce((d, r) => (r.date > d ? r.date : d), '');
    if (posted && input.date < posted) fail('INV_ERR_REVERSAL_DATE', { inventory: label, date: input.date, posted });
    // the posted records must still lie in the open period (no closing covers them), and so must the reversal
    await assertOpenPeriod(trx, [...originals.map((r) => r.date), input.date]);
    const planned = await reversalPlans(trx, inv, originals, input.date, ctx.lang);
    const written = planned.length ? await writeRecords(trx, ctx.store, ctx.actor, planned) : [];
    const at = nowTimestamp();
    await trx
      .updateTable('inventories')
      .set({ closed: 0, closed_at: null, closed_by: null, posted_at: null, reversed_at: at, reversed_by: ctx.actor.username })
      .where('id', '=', inv.id)
      .execute();
    const ids = written.map((w) => w.id);
    const views = await recordViews(trx, ids);
    for (const v of views) await audit(trx, ctx.actor, 'record', v.id, 'create', null, v);
    await audit(
      trx,
      ctx.actor,
      'inventory',
      inv.id,
      'reverse',
      { closed: inv.closed === 1, postedAt: inv.posted_at, records: originals.map((r) => r.id) },
      { closed: false, postedAt: null, reversedAt: at, date: input.date, records: ids },
    );
    return { inv, at, reversed: originals.map((r) => r.id), views };
  });
  return {
    inventoryId: done.inv.id,
    inventory: inventoryLabel(done.inv),
    date: input.date,
    reversedAt: done.at,
    reversed: done.reversed,
    records: done.views,
  };
}

/**
 * Running a warehouse closing (SPEC §7). The plan is loaded by plan.ts, the
 * checks are check.ts, restoring the last closing is restore.ts.
 *
 * The closing runs in ONE transaction:
 *   1. lock (PostgreSQL: the closing lock, then every warehouse's posting
 *      lock in id order, so postings wait; SQLite has one writer) and check
 *      the dates and parameters inside the lock, so of two concurrent
 *      closings exactly one passes;
 *   2. insert the `closings` row;
 *   3. one ordered pass over the movements after the previous closing up to
 *      C (pass.ts): checks of the stock, the closing history rows (written
 *      batch by batch), the opening lines;
 *   4. any check error: throw (422 INV_ERR_CLOSING_CHECKS), the transaction
 *      rolls back and nothing is left;
 *   5. next year's parameters when missing, the opening records (one per
 *      warehouse, dated C + 1, the oddments template, origin 'closing'),
 *      the last closing date of C's year, the audit entry.
 * A crash anywhere before the commit leaves the database untouched (the
 * transaction is never half applied; test/closing/crash.test.ts).
 */
import type { Ctx } from '../../core/context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ensureYearPartition } from '../../db/movement-partitions.ts';
import { Quantity } from '../../core/decimal.ts';
import { addDays, nowTimestamp } from '../../core/dates.ts';
import { requirePermission } from '../../core/roles.ts';
import { audit } from '../../db/audit.ts';
import { lockLedger } from '../../db/locks.ts';
import { writeClosingHistory } from '../../db/closing-history-writes.ts';
import type { TemplateRow } from '../../db/schema.ts';
import type { PlannedMovement, PlannedRecord } from '../../ledger/plan.ts';
import { writeRecords } from '../../ledger/posting.ts';
import type { Db } from '../../db/db.ts';
import { yearParamsFor, type YearParams } from '../../masterdata/year-params.ts';
import type { ClosingIssue } from './checks.ts';
import { closingPass, COLLAPSIBLE_DIMENSIONS, type CollapsibleDimension, type OpeningLine } from './pass.ts';
import { loadPlan, parseInput, passOptions, type ClosingInput, type PlanWarehouse } from './plan.ts';
import { checksFailed, passIssues, renderAll, dateIssues, runChecks } from './check.ts';
import { view, type Undo } from './undo.ts';

export interface RunHooks {
  /** after the closings row is written, inside the transaction */
  onStarted?: (closingId: number) => void;
  /** after each batch of items of the pass */
  onProgress?: (itemsDone: number, rowsRead: number) => void;
  batchSize?: number;
}

export interface ClosingRunResult {
  id: number;
  closingDate: string;
  method: string;
  /** the dimensions summed away on request */
  collapse: CollapsibleDimension[];
  previousClosingDate: string | null;
  perWarehouse: boolean;
  openingRecordIds: number[];
  warnings: ClosingIssue[];
  stats: { rowsRead: number; openingLines: number; historyRows: number; yearRows: number };
}

/** Next year's parameters, copied from the closing's year, when missing; returns what was created. */
async function ensureNextYear(db: Db, params: YearParams, closingDate: string): Promise<Undo['createdYear']> {
  const year = params.year + 1;
  const exists = await db.selectFrom('year_params').select('year').where('year', '=', year).executeTakeFirst();
  if (exists) return undefined;
  await db
    .insertInto('year_params')
    .values({
      year,
      last_closing_date: closingDate,
      period_start: `${year}-01-01`,
      period_end: `${year}-12-31`,
      allow_negative_stock: params.allowNegativeStock ? 1 : 0,
      value_per_warehouse: params.valuePerWarehouse ? 1 : 0,
    })
    .execute();
  if (params.warehouses.length) {
    await db
      .insertInto('year_warehouse_params')
      .values(
        params.warehouses.map((w) => ({
          year,
          warehouse_id: w.warehouseId,
          negative_stock: w.negativeStock ? 1 : 0,
          check_location: w.checkLocation ? 1 : 0,
          check_job_order: w.checkJobOrder ? 1 : 0,
          check_account: w.checkAccount ? 1 : 0,
          close_by_variant: w.closeByVariant ? 1 : 0,
          close_by_location: w.closeByLocation ? 1 : 0,
          close_by_lot: w.closeByLot ? 1 : 0,
          close_by_job_order: w.closeByJobOrder ? 1 : 0,
          close_by_account: w.closeByAccount ? 1 : 0,
        })),
      )
      .execute();
  }
  return { year, params: view((await yearParamsFor(db, year))!) };
}

/** The opening record of a warehouse: oddments template without offset or registry updates (a closing moves nothing else). */
function openingRecord(w: PlanWarehouse, closingId: number, closingDate: string, lines: readonly OpeningLine[]): PlannedRecord {
  const template: TemplateRow = { ...w.oddments!, offset_warehouse_id: null, offset_template_id: null, update_item_cost: 0 };
  const movements: PlannedMovement[] = lines.map((l, i) => ({
    itemId: l.itemId,
    variant: l.variant,
    location: l.location,
    lot: l.lot,
    serial: l.serial,
    jobOrder: l.jobOrder,
    account: l.account,
    quantity: l.quantity,
    altUom: '',
    altQuantity: Quantity.zero,
    unitCost: l.unitCost,
    enteredAmount: undefined,
    notes: '',
    inputLine: i,
  }));
  return {
    // number 0: the opening record comes first on its day, before any record already posted on C + 1
    // (ledger order is date, number: moving average and fifo must see the opening stock before them)
    number: 0,
    warehouseId: w.id,
    templateId: template.id,
    template,
    date: addDays(closingDate, 1),
    internalDocument: '',
    internalDocumentDate: null,
    referenceDocument: `closing ${closingId}`,
    account: '',
    jobOrder: '',
    notes: `closing ${closingDate}`,
    origin: 'closing',
    inventoryId: null,
    closingId,
    lines: movements,
  };
}

/** POST /api/closings: the closing at a date, in one transaction. */
export async function runClosing(ctx: Ctx, input: ClosingInput, hooks: RunHooks = {}): Promise<ClosingRunResult> {
  requirePermission(ctx.actor, 'close');
  const parsed = parseInput(input);
  const { closingDate, method } = parsed;
  const collapse = COLLAPSIBLE_DIMENSIONS.filter((d) => parsed.collapse.has(d));
  const store = ctx.store;
  const result = await inTransaction(store, async (trx) => {
    await lockLedger(store, trx);
    const plan = await loadPlan(trx, parsed);
    const early = dateIssues(plan);
    if (early.length) {
      const { errors, warnings } = await runChecks(store, trx, plan, ctx.lang);
      throw checksFailed(closingDate, errors, warnings, ctx.lang);
    }
    const params = plan.params!;
    const createdAt = nowTimestamp();
    const methodName = method ?? 'template';
    const inserted = await trx
      .insertInto('closings')
      .values({
        closing_date: closingDate,
        method: methodName,
        previous_closing_date: plan.after || null,
        created_by: ctx.actor.username,
        created_at: createdAt,
        per_warehouse: plan.perWarehouse ? 1 : 0,
        undo_json: '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = inserted.id;
    hooks.onStarted?.(id);
    const pass = await closingPass({
      ...passOptions(store, trx, plan, 'close'),
      batchSize: hooks.batchSize,
      onBatch: (rows, years) => writeClosingHistory(store, trx, { id, date: closingDate }, rows, years),
      onProgress: hooks.onProgress,
    });
    const { errors, warnings } = await passIssues(trx, plan, pass, ctx.lang);
    if (errors.length) throw checksFailed(closingDate, errors, warnings, ctx.lang);

    const undo: Undo = { yearParams: { year: params.year, lastClosingDate: params.lastClosingDate } };
    const created = await ensureNextYear(trx, params, closingDate);
    if (created) undo.createdYear = created;
    const planned = [...plan.warehouses.values()]
      .filter((w) => (pass.opening.get(w.id)?.length ?? 0) > 0)
      .map((w) => openingRecord(w, id, closingDate, pass.opening.get(w.id)!));
    const written = planned.length ? await writeRecords(trx, store, ctx.actor, planned, { skipPeriodCheck: true }) : [];
    const openingLines = planned.reduce((n, r) => n + r.lines.length, 0);
    pass.opening.clear();
    await trx.updateTable('year_params').set({ last_closing_date: closingDate }).where('year', '=', params.year).execute();
    await trx.updateTable('closings').set({ undo_json: JSON.stringify(undo) }).where('id', '=', id).execute();
    const summary = {
      closingDate,
      method: methodName,
      collapse,
      previousClosingDate: plan.after || null,
      perWarehouse: plan.perWarehouse,
      openingRecords: written.map((w) => w.id),
      openingLines,
      historyRows: pass.historyRows,
    };
    await audit(trx, ctx.actor, 'closing', id, 'create', null, summary);
    return {
      id,
      closingDate,
      method: methodName,
      collapse,
      previousClosingDate: plan.after || null,
      perWarehouse: plan.perWarehouse,
      openingRecordIds: written.map((w) => w.id),
      warnings: renderAll(warnings, ctx.lang),
      stats: { rowsRead: pass.rowsRead, openingLines, historyRows: pass.historyRows, yearRows: pass.yearRows },
    };
  });
  // PostgreSQL: the open year's partition of the movements, after the closing's commit (its DDL waits for no reader of the closing)
  await ensureYearPartition(store.db, Number(closingDate.slice(0, 4)) + 1);
  return result;
}

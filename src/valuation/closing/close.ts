/**
 * Warehouse closing (SPEC §7): checks, the closing itself, and restoring the
 * most recent closing.
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
 *
 * Restore undoes the most recent closing in one transaction: its opening
 * records (movements first), history rows, the last closing date it set, the
 * next year's parameters it created (when still as created and unused), and
 * the `closings` row; the audit trail keeps both the closing and the restore.
 */
import type { Ctx } from '../../core/context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { Quantity } from '../../core/decimal.ts';
import { addDays, nowTimestamp, today, yearOf } from '../../core/dates.ts';
import { fail, InventarError, type FieldProblem } from '../../core/errors.ts';
import { dimensionNames, type Language } from '../../core/i18n.ts';
import { parseDate, Problems } from '../../core/input.ts';
import { requirePermission } from '../../core/roles.ts';
import { audit } from '../../db/audit.ts';
import type { Store } from '../../db/connection.ts';
import { lockLedger } from '../../db/locks.ts';
import { writeClosingHistory } from '../../db/closing-history-writes.ts';
import type { TemplateRow } from '../../db/schema.ts';
import { closingBefore } from '../../ledger/stock.ts';
import { lastClosingDate } from '../../ledger/period.ts';
import type { PlannedMovement, PlannedRecord } from '../../ledger/plan.ts';
import { writeRecords } from '../../ledger/posting.ts';
import { deleteJournalEntries } from '../../ledger/journal.ts';
import type { Db } from '../../masterdata/lookup.ts';
import { yearParamsFor, type YearParams, type YearParamsView } from '../../masterdata/year-params.ts';
import { AREA_METHOD_IDS, CLOSING_METHOD_IDS, parseCostMethod, storedCostMethod, type ClosingMethod, type StreamCostMethod } from '../index.ts';
import { costTemplates, type CostTemplate } from '../ledger-reader.ts';
import { registryOf } from '../item-cost.ts';
import { countMissingSerials, droppedIssues, lineIssues, negativeIssues, openInventoryWarnings, render, type ClosingIssue, type RawIssue } from './checks.ts';
import { closingPass, COLLAPSIBLE_DIMENSIONS, type CollapsibleDimension, type OpeningLine, type OpeningMethod, type PassItem, type PassResult, type PassWarehouse } from './pass.ts';

/** The cost methods an opening record may be valued with (history is a report of saved rows, not a method of the ledger). */
export const CLOSING_METHODS = CLOSING_METHOD_IDS;
export type { ClosingMethod };

export interface ClosingInput {
  /** default today */
  closingDate?: string;
  /** default: each warehouse's oddments template proposed cost, else average (SPEC §6 name; the legacy camelCase alias is accepted) */
  method?: string;
  /** dimensions to sum away explicitly where a warehouse does not close by them (SPEC §7); without, stock held by them is a check error */
  collapse?: readonly string[];
}

export interface CheckView {
  closingDate: string;
  previousClosingDate: string | null;
  errors: ClosingIssue[];
  warnings: ClosingIssue[];
}

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

export interface RestoreResult {
  id: number;
  closingDate: string;
  /** the last closing date after the restore */
  lastClosingDate: string | null;
  deletedRecords: number;
  deletedLines: number;
  deletedHistoryRows: number;
}

/** What a restore puts back (closings.undo_json). */
interface Undo {
  /** the last closing date of C's year before the closing (null: none) */
  yearParams?: { year: number; lastClosingDate: string | null };
  /** next year's parameters created by the closing, as created */
  createdYear?: { year: number; params: YearParamsView };
}

interface ParsedInput {
  closingDate: string;
  method: ClosingMethod | undefined;
  collapse: Set<CollapsibleDimension>;
}

function parseInput(input: ClosingInput): ParsedInput {
  const problems = new Problems();
  const collapse = new Set<CollapsibleDimension>();
  const asked = input.collapse ?? [];
  if (!Array.isArray(asked)) problems.add({ path: '/collapse', code: 'INV_ERR_BAD_VALUE', params: { value: String(asked), allowed: COLLAPSIBLE_DIMENSIONS.join(', ') } });
  else {
    asked.forEach((d, i) => {
      if ((COLLAPSIBLE_DIMENSIONS as readonly string[]).includes(d)) collapse.add(d as CollapsibleDimension);
      else problems.add({ path: `/collapse/${i}`, code: 'INV_ERR_BAD_VALUE', params: { value: String(d), allowed: COLLAPSIBLE_DIMENSIONS.join(', ') } });
    });
  }
  const closingDate = parseDate(input.closingDate, '/closingDate', problems) ?? today();
  const method = input.method === undefined || input.method === '' ? undefined : parseCostMethod(input.method, CLOSING_METHOD_IDS, '/method', problems);
  problems.throwIfAny();
  return { closingDate, method, collapse };
}

interface PlanWarehouse extends PassWarehouse {
  oddments: TemplateRow | undefined;
  checks: { location: boolean; jobOrder: boolean; account: boolean };
}

/** Everything the closing needs before reading the ledger. */
interface Plan {
  closingDate: string;
  /** previous closing (stock and costs continue from it); '' when none */
  after: string;
  /** the last closing date guard (closings and year parameters) */
  lastClosing: string;
  method: ClosingMethod | undefined;
  /** dimensions summed away on request */
  collapse: Set<CollapsibleDimension>;
  params: YearParams | undefined;
  perWarehouse: boolean;
  warehouses: Map<number, PlanWarehouse>;
  items: PassItem[];
  templates: Map<number, CostTemplate>;
}

function proposedMethod(t: TemplateRow | undefined): OpeningMethod {
  switch (t?.proposed_cost) {
    case 'last':
      return 'last';
    case 'standard':
      return 'standard';
    case 'salePrice':
      return 'salePrice';
    default:
      return 'average';
  }
}

async function loadPlan(db: Db, { closingDate, method, collapse }: ParsedInput): Promise<Plan> {
  const [after, lastClosing, params, nextParams, warehouses, areas, oddments, items, templates] = await Promise.all([
    closingBefore(db, closingDate),
    lastClosingDate(db),
    yearParamsFor(db, yearOf(closingDate)),
    yearParamsFor(db, yearOf(addDays(closingDate, 1))),
    db.selectFrom('warehouses').select(['id', 'code', 'management_area_id']).orderBy('code').execute(),
    db.selectFrom('management_areas').select(['id', 'code', 'method']).execute(),
    db.selectFrom('templates').selectAll().where('oddments', '=', 1).where('type', '=', 'load').orderBy('id').execute(),
    db
      .selectFrom('items')
      .select(['id', 'code', 'fiscal_interest', 'lot_managed', 'serial_managed', 'standard_cost', 'average_cost', 'last_cost', 'sale_price'])
      .orderBy('id')
      .execute(),
    costTemplates(db),
  ]);
  // a stored method that is not known is an error, never a silent average
  const areaMethod = new Map<number, StreamCostMethod>(
    method === 'management-area' ? areas.map((a) => [a.id, storedCostMethod(a.method, AREA_METHOD_IDS, { entity: 'managementArea', key: a.code })]) : [],
  );
  const plan: Plan = {
    closingDate,
    after,
    lastClosing,
    method,
    collapse,
    params,
    // costs are kept as the year after the closing values them
    perWarehouse: (nextParams ?? params)?.valuePerWarehouse ?? false,
    warehouses: new Map(),
    items: items.map((i) => ({
      id: i.id,
      code: i.code,
      fiscal: i.fiscal_interest === 1,
      lotManaged: i.lot_managed === 1,
      serialManaged: i.serial_managed === 1,
      registry: registryOf(i),
    })),
    templates,
  };
  for (const w of warehouses) {
    const p = params?.warehouses.find((x) => x.warehouseId === w.id);
    const odd = oddments.find((t) => t.warehouse_id === w.id);
    let m: OpeningMethod;
    if (method === undefined) m = proposedMethod(odd);
    // a warehouse without a management area is valued by average (as in the valued inventory)
    else if (method === 'management-area') m = (w.management_area_id !== null ? areaMethod.get(w.management_area_id) : undefined) ?? 'average';
    else m = method;
    plan.warehouses.set(w.id, {
      id: w.id,
      code: w.code,
      keep: {
        variant: p?.closeByVariant ?? false,
        location: p?.closeByLocation ?? false,
        lot: p?.closeByLot ?? false,
        jobOrder: p?.closeByJobOrder ?? false,
        account: p?.closeByAccount ?? false,
      },
      method: m,
      oddments: odd,
      checks: { location: p?.checkLocation ?? false, jobOrder: p?.checkJobOrder ?? false, account: p?.checkAccount ?? false },
    });
  }
  return plan;
}

/** Errors known before reading the ledger. */
function dateIssues(plan: Plan): RawIssue[] {
  const out: RawIssue[] = [];
  const C = plan.closingDate;
  if (plan.lastClosing && C <= plan.lastClosing) {
    out.push({ code: 'INV_ERR_CLOSING_NOT_AFTER_LAST', path: '/closingDate', params: { date: C, lastClosing: plan.lastClosing } });
  }
  const now = today();
  if (C > now) out.push({ code: 'INV_ERR_CLOSING_IN_FUTURE', path: '/closingDate', params: { date: C, today: now } });
  if (!plan.params) out.push({ code: 'INV_ERR_NO_YEAR_PARAMS', path: '/closingDate', params: { year: yearOf(C) } });
  return out;
}

/** Errors and warnings found by the pass (some listed by a targeted query). */
async function passIssues(db: Db, plan: Plan, pass: PassResult, lang: Language): Promise<{ errors: RawIssue[]; warnings: RawIssue[] }> {
  const C = plan.closingDate;
  const codes = {
    warehouse: new Map([...plan.warehouses.values()].map((w) => [w.id, w.code])),
    item: new Map(plan.items.map((i) => [i.id, i.code])),
  };
  const errors: RawIssue[] = [...negativeIssues(pass, C, codes, lang), ...droppedIssues(pass, codes)];
  errors.push(...(await lineIssues(db, 'lot', pass.missingLot, plan.after, C)));
  const serialItems = plan.items.filter((i) => i.serialManaged).map((i) => i.id);
  const missingSerial = serialItems.length ? await countMissingSerials(db, serialItems, plan.after, C) : 0;
  errors.push(...(await lineIssues(db, 'serial', missingSerial, plan.after, C)));
  const warnings: RawIssue[] = [];
  for (const w of plan.warehouses.values()) {
    if (!pass.stockWarehouses.has(w.id)) continue;
    if (!w.oddments) errors.push({ code: 'INV_ERR_CLOSING_NO_ODDMENTS', path: `/warehouses/${w.code}`, warehouse: w.code, params: { warehouse: w.code, date: C } });
    if (pass.lotsSummed.has(w.id)) warnings.push({ code: 'INV_WARN_CLOSING_LOTS_SUMMED', path: `/warehouses/${w.code}`, warehouse: w.code, params: { warehouse: w.code } });
    for (const [dim, checks, keeps] of [
      ['location', w.checks.location, w.keep.location],
      ['jobOrder', w.checks.jobOrder, w.keep.jobOrder],
      ['account', w.checks.account, w.keep.account],
    ] as const) {
      if (checks && !keeps) {
        warnings.push({ code: 'INV_WARN_CLOSING_CHECK_DIMENSION', path: `/warehouses/${w.code}`, warehouse: w.code, params: { warehouse: w.code, dimension: dim } });
      }
    }
  }
  warnings.push(...(await openInventoryWarnings(db, C)));
  warnings.push(...(await lineIssues(db, 'noCost', pass.loadsWithoutCost, plan.after, C)));
  return { errors, warnings };
}

/** Renders issues; dimension names in warnings follow the language. */
function renderAll(issues: RawIssue[], lang: Language): ClosingIssue[] {
  return issues.map((i) => {
    if (i.code === 'INV_WARN_CLOSING_CHECK_DIMENSION' || i.code === 'INV_ERR_CLOSING_DIMENSION_DROPPED') {
      const dim = String(i.params.dimension);
      return render({ ...i, params: { ...i.params, dimension: dimensionNames[dim]?.[lang] ?? dim } }, lang);
    }
    return render(i, lang);
  });
}

function passOptions(store: Store, db: Db, plan: Plan, mode: 'check' | 'close') {
  return {
    store,
    db,
    mode,
    closingDate: plan.closingDate,
    after: plan.after,
    perWarehouse: plan.perWarehouse,
    items: plan.items,
    warehouses: plan.warehouses,
    templates: plan.templates,
    collapse: plan.collapse,
  };
}

async function runChecks(store: Store, db: Db, plan: Plan, lang: Language): Promise<{ errors: RawIssue[]; warnings: RawIssue[] }> {
  const errors = dateIssues(plan);
  const warnings: RawIssue[] = [];
  if (plan.params) {
    const pass = await closingPass(passOptions(store, db, plan, 'check'));
    const found = await passIssues(db, plan, pass, lang);
    errors.push(...found.errors);
    warnings.push(...found.warnings);
  }
  return { errors, warnings };
}

/** The refusal of a closing: 422 with every check error in `errors`; the full check answer in params.checks. */
function checksFailed(date: string, errors: RawIssue[], warnings: RawIssue[], lang: Language): InventarError {
  const problems: FieldProblem[] = errors.map((e) => ({ path: e.path, code: e.code, params: e.params }));
  return new InventarError('INV_ERR_CLOSING_CHECKS', { date, count: errors.length, checks: { errors: renderAll(errors, lang), warnings: renderAll(warnings, lang) } }, problems);
}

/** POST /api/closings/check */
export async function checkClosing(ctx: Ctx, input: ClosingInput): Promise<CheckView> {
  requirePermission(ctx.actor, 'close');
  const parsed = parseInput(input);
  const { closingDate } = parsed;
  const db = ctx.store.db;
  const plan = await loadPlan(db, parsed);
  const { errors, warnings } = await runChecks(ctx.store, db, plan, ctx.lang);
  return { closingDate, previousClosingDate: plan.after || null, errors: renderAll(errors, ctx.lang), warnings: renderAll(warnings, ctx.lang) };
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

function view(p: YearParams): YearParamsView {
  return { ...p, warehouses: p.warehouses.map(({ warehouseId: _id, ...w }) => w) };
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
  return inTransaction(store, async (trx) => {
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
}

const CHUNK = 500;

/** DELETE /api/closings/last: undoes the most recent closing only. */
export async function restoreLastClosing(ctx: Ctx): Promise<RestoreResult> {
  requirePermission(ctx.actor, 'close');
  const store = ctx.store;
  return inTransaction(store, async (trx) => {
    await lockLedger(store, trx);
    const closing = await trx.selectFrom('closings').selectAll().orderBy('closing_date', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!closing) fail('INV_ERR_NOT_FOUND', { entity: 'closing', key: 'last' });
    const undo = (closing.undo_json ? JSON.parse(closing.undo_json) : {}) as Undo;
    const records = await trx.selectFrom('records').select('id').where('closing_id', '=', closing.id).orderBy('id').execute();
    const ids = records.map((r) => r.id);
    let deletedLines = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      // closing records carry no entries; their mirrors' would go with them
      await deleteJournalEntries(trx, chunk);
      const r = await trx.deleteFrom('movements').where('record_id', 'in', chunk).executeTakeFirst();
      deletedLines += Number(r.numDeletedRows);
      await trx.deleteFrom('records').where('mirror_of', 'in', chunk).execute();
      await trx.deleteFrom('records').where('id', 'in', chunk).execute();
    }
    const history = await trx.deleteFrom('closing_history').where('closing_id', '=', closing.id).executeTakeFirst();
    await trx.deleteFrom('closing_years').where('closing_id', '=', closing.id).execute();
    if (undo.yearParams) {
      await trx
        .updateTable('year_params')
        .set({ last_closing_date: undo.yearParams.lastClosingDate })
        .where('year', '=', undo.yearParams.year)
        .where('last_closing_date', '=', closing.closing_date)
        .execute();
    }
    if (undo.createdYear) {
      const year = undo.createdYear.year;
      const now = await yearParamsFor(trx, year);
      const used = await trx
        .selectFrom('records')
        .select('id')
        .where('date', '>=', `${year}-01-01`)
        .where('date', '<=', `${year}-12-31`)
        .limit(1)
        .executeTakeFirst();
      // as created and unused: the closing's own; otherwise someone has taken them over and they stay,
      // with the last closing date the closing gave them put back to the previous closing
      if (now && !used && JSON.stringify(view(now)) === JSON.stringify(undo.createdYear.params)) {
        await trx.deleteFrom('year_warehouse_params').where('year', '=', year).execute();
        await trx.deleteFrom('year_params').where('year', '=', year).execute();
      } else {
        await trx
          .updateTable('year_params')
          .set({ last_closing_date: closing.previous_closing_date })
          .where('year', '=', year)
          .where('last_closing_date', '=', closing.closing_date)
          .execute();
      }
    }
    await trx.deleteFrom('closings').where('id', '=', closing.id).execute();
    const last = await lastClosingDate(trx);
    const result: RestoreResult = {
      id: closing.id,
      closingDate: closing.closing_date,
      lastClosingDate: last || null,
      deletedRecords: ids.length,
      deletedLines,
      deletedHistoryRows: Number(history.numDeletedRows),
    };
    await audit(trx, ctx.actor, 'closing', closing.id, 'restore', { ...closing, undo_json: undo }, result);
    return result;
  });
}

/**
 * The closing checks (SPEC §7): errors known before reading the ledger (the
 * dates, the year parameters), then what the closing pass finds (negative
 * keys, stock a closing would drop, lines without lot or serial, warehouses
 * without an oddments template, loads without cost, open inventories). The
 * issue lists themselves are built in checks.ts.
 */
import type { Ctx } from '../../core/context.ts';
import { today, yearOf } from '../../core/dates.ts';
import { InventarError, type FieldProblem } from '../../core/errors.ts';
import { dimensionNames, type Language } from '../../core/i18n.ts';
import { requirePermission } from '../../core/roles.ts';
import type { Store } from '../../db/connection.ts';
import type { Db } from '../../db/db.ts';
import { countMissingSerials, droppedIssues, lineIssues, negativeIssues, openInventoryWarnings, render, type ClosingIssue, type RawIssue } from './checks.ts';
import { closingPass, type PassResult } from './pass.ts';
import { loadPlan, parseInput, passOptions, type ClosingInput, type Plan } from './plan.ts';

export interface CheckView {
  closingDate: string;
  previousClosingDate: string | null;
  errors: ClosingIssue[];
  warnings: ClosingIssue[];
}

/** Errors known before reading the ledger. */
export function dateIssues(plan: Plan): RawIssue[] {
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
export async function passIssues(db: Db, plan: Plan, pass: PassResult, lang: Language): Promise<{ errors: RawIssue[]; warnings: RawIssue[] }> {
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
export function renderAll(issues: RawIssue[], lang: Language): ClosingIssue[] {
  return issues.map((i) => {
    if (i.code === 'INV_WARN_CLOSING_CHECK_DIMENSION' || i.code === 'INV_ERR_CLOSING_DIMENSION_DROPPED') {
      const dim = String(i.params.dimension);
      return render({ ...i, params: { ...i.params, dimension: dimensionNames[dim]?.[lang] ?? dim } }, lang);
    }
    return render(i, lang);
  });
}

export async function runChecks(store: Store, db: Db, plan: Plan, lang: Language): Promise<{ errors: RawIssue[]; warnings: RawIssue[] }> {
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
export function checksFailed(date: string, errors: RawIssue[], warnings: RawIssue[], lang: Language): InventarError {
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

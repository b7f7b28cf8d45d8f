/**
 * A re-valuation's request and plan (SPEC §9): the checked input, what the
 * walk needs besides the ledger (templates, items, the cost scope), the
 * changes it finds and their totals. The walk is `revaluation-walk.ts`, the
 * preview and apply services `revaluation.ts`.
 */
import {
  Money,
  type Money as MoneyT,
  type Quantity as QuantityT,
  type UnitCost as UnitCostT,
} from '../core/decimal.ts';
import { parseDate, Problems } from '../core/input.ts';
import { assertOpenPeriod } from '../ledger/period.ts';
import { closingBefore } from '../ledger/stock.ts';
import { warehouseOf } from '../masterdata/lookup.ts';
import type { Db } from '../db/db.ts';
import { parseCostMethod, type RegistryCosts } from '../valuation/index.ts';
import { registryOf, valuePerWarehouse } from '../valuation/item-cost.ts';
import { costTemplates, transferTemplateIds, type CostTemplate } from '../valuation/ledger-reader.ts';
import { REVALUATION_METHODS, type RevaluationMethod } from './revaluation-view.ts';

/** The methods a re-valuation may use (SPEC §9): the perpetual ones, where an unload has a cost of its own. */

/** Changes a preview answers with by default, and at most (totals are always complete). */
export const PREVIEW_LIMIT = 1000;
export const PREVIEW_LIMIT_MAX = 10_000;

export interface RevaluationInput {
  from?: string;
  to?: string;
  method?: string;
  warehouse?: string;
  confirm?: boolean;
}

/** One line whose cost changes. Amounts and quantity signed, as stored (unloads negative). */
export interface RevaluationChange {
  movementId: number;
  recordId: number;
  lineNo: number;
  date: string;
  item: string;
  warehouse: string;
  quantity: QuantityT;
  oldUnitCost: UnitCostT;
  newUnitCost: UnitCostT;
  oldAmount: MoneyT;
  newAmount: MoneyT;
  /** the load side of a transfer, following its unload */
  transferLoad: boolean;
}

export interface RevaluationTotals {
  /** lines changed */
  lines: number;
  unloadLines: number;
  transferLoadLines: number;
  /** Σ signed amounts of the changed lines before and after; difference = new − old (the change of the stock value) */
  oldAmount: MoneyT;
  newAmount: MoneyT;
  difference: MoneyT;
}


/** A checked request: everything the walk needs besides the ledger. */
export interface RevaluationPlan {
  from: string;
  to: string;
  method: RevaluationMethod;
  warehouse: { id: number; code: string } | undefined;
  /** C: the last closing before `to` ('' when none) */
  after: string;
  perWarehouse: boolean;
  items: readonly WalkItem[];
  templates: ReadonlyMap<number, CostTemplate>;
  warehouseCodes: ReadonlyMap<number, string>;
  /** templates whose records have a mirror or are one (offset templates and their targets) */
  transferTemplateIds: readonly number[];
}

export interface WalkItem {
  id: number;
  code: string;
  registry: RegistryCosts;
}

// --- the request ---------------------------------------------------------

function parseInput(input: RevaluationInput): { from: string; to: string; method: RevaluationMethod; warehouse?: string } {
  const problems = new Problems();
  const from = parseDate(input.from, '/from', problems);
  const to = parseDate(input.to, '/to', problems);
  if (input.from === undefined || input.from === '') problems.add({ path: '/from', code: 'INV_ERR_BLANK' });
  if (input.to === undefined || input.to === '') problems.add({ path: '/to', code: 'INV_ERR_BLANK' });
  const method = input.method === undefined || input.method === '' ? undefined : parseCostMethod(input.method, REVALUATION_METHODS, '/method', problems);
  if (input.method === undefined || input.method === '') problems.add({ path: '/method', code: 'INV_ERR_BLANK' });
  if (from && to && from > to) problems.add({ path: '/to', code: 'INV_ERR_DATE_RANGE', params: { from, to } });
  problems.throwIfAny();
  return { from: from!, to: to!, method: method!, warehouse: input.warehouse || undefined };
}

/** Checks the request against the ledger's state (open period, after the last closing) and loads what the walk needs. */
export async function planRevaluation(db: Db, input: RevaluationInput): Promise<RevaluationPlan> {
  const { from, to, method, warehouse: code } = parseInput(input);
  const warehouse = code ? await warehouseOf(db, code) : undefined;
  // both ends inside their year's open period and after the last closing (409 INV_ERR_PERIOD_CLOSED)
  await assertOpenPeriod(db, [from, to]);
  const itemRows = await db
    .selectFrom('items')
    .select(['id', 'code', 'standard_cost', 'average_cost', 'last_cost', 'sale_price'])
    .where('fiscal_interest', '=', 1)
    .orderBy('id')
    .execute();
  const templates = await costTemplates(db);
  const whs = await db.selectFrom('warehouses').select(['id', 'code']).execute();
  return {
    from,
    to,
    method,
    warehouse: warehouse ? { id: warehouse.id, code: warehouse.code } : undefined,
    after: await closingBefore(db, to),
    perWarehouse: await valuePerWarehouse(db, to),
    items: itemRows.map((r) => ({ id: r.id, code: r.code, registry: registryOf(r) })),
    templates,
    warehouseCodes: new Map(whs.map((w) => [w.id, w.code])),
    transferTemplateIds: await transferTemplateIds(db),
  };
}

// --- totals ----------------------------------------------------------------

export function emptyTotals(): RevaluationTotals {
  return { lines: 0, unloadLines: 0, transferLoadLines: 0, oldAmount: Money.zero, newAmount: Money.zero, difference: Money.zero };
}

export function addToTotals(t: RevaluationTotals, changes: readonly RevaluationChange[]): void {
  for (const c of changes) {
    t.lines++;
    if (c.transferLoad) t.transferLoadLines++;
    else t.unloadLines++;
    t.oldAmount = (t.oldAmount + c.oldAmount) as MoneyT;
    t.newAmount = (t.newAmount + c.newAmount) as MoneyT;
  }
  t.difference = (t.newAmount - t.oldAmount) as MoneyT;
}


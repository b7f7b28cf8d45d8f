/**
 * A closing's input and plan (SPEC §7): the request parsed, and everything
 * the closing needs before reading the ledger (dates, year parameters, the
 * warehouses with their closing dimensions and opening method, the items and
 * templates), shared by the checks (check.ts) and the closing (close.ts).
 */
import { addDays, today, yearOf } from '../../core/dates.ts';
import { parseDate, Problems } from '../../core/input.ts';
import type { Store } from '../../db/connection.ts';
import type { TemplateRow } from '../../db/schema.ts';
import { closingBefore } from '../../ledger/stock.ts';
import { lastClosingDate } from '../../ledger/period.ts';
import type { Db } from '../../db/db.ts';
import { yearParamsFor, type YearParams } from '../../masterdata/year-params.ts';
import { AREA_METHOD_IDS, CLOSING_METHOD_IDS, parseCostMethod, storedCostMethod, type ClosingMethod, type StreamCostMethod } from '../index.ts';
import { costTemplates, type CostTemplate } from '../ledger-reader.ts';
import { registryOf } from '../item-cost.ts';
import { proposedCostSource } from '../proposed-cost.ts';
import { COLLAPSIBLE_DIMENSIONS, type CollapsibleDimension, type OpeningMethod, type PassItem, type PassWarehouse } from './pass.ts';

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

export interface ParsedInput {
  closingDate: string;
  method: ClosingMethod | undefined;
  collapse: Set<CollapsibleDimension>;
}

export function parseInput(input: ClosingInput): ParsedInput {
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

export interface PlanWarehouse extends PassWarehouse {
  oddments: TemplateRow | undefined;
  checks: { location: boolean; jobOrder: boolean; account: boolean };
}

/** Everything the closing needs before reading the ledger. */
export interface Plan {
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

/** The opening method of an oddments template's proposed cost (valuation/proposed-cost.ts); none (or no template): average, an opening line needs a cost. */
function proposedMethod(t: TemplateRow | undefined): OpeningMethod {
  const source = proposedCostSource(t?.proposed_cost ?? 'none');
  if (source.kind === 'ledger') return source.method;
  if (source.kind === 'registry') return source.cost;
  return 'average';
}

export async function loadPlan(db: Db, { closingDate, method, collapse }: ParsedInput): Promise<Plan> {
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

export function passOptions(store: Store, db: Db, plan: Plan, mode: 'check' | 'close') {
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

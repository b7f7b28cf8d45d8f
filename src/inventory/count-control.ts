/**
 * Count control of a warehouse (SPEC §11, API.md "Count control"): its
 * tolerances (per warehouse, optionally per ABC class), whether recounts and
 * approvals are on, how often each class is counted, and its reason codes.
 * Read: `read`; write: `inventory` (the supervisors who run inventories set
 * their tolerances and reason codes, as the admin may).
 */
import type { Ctx } from '../core/context.ts';
import { Money, type Money as MoneyT } from '../core/decimal.ts';
import { nowTimestamp } from '../core/dates.ts';
import { parseMoney, Problems } from '../core/input.ts';
import { fail } from '../core/errors.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { adminWrite, checkDistinct } from '../masterdata/crud.ts';
import { warehouseOf } from '../masterdata/lookup.ts';
import type { Db } from '../db/db.ts';
import { NO_TOLERANCE, type Tolerance } from './tolerance.ts';

export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];
export const DEFAULT_COUNTS_PER_YEAR: Record<AbcClass, number> = { A: 12, B: 4, C: 1 };

/** Percentages travel with 2 decimals, like money ("5.00" = 500n). */
const Pct = Money;

export interface ClassControlView {
  class: AbcClass;
  /** null: the warehouse's */
  quantityTolerancePct: string | null;
  valueTolerance: string | null;
  countsPerYear: number;
}

export interface CountControlView {
  warehouse: string;
  quantityTolerancePct: string;
  valueTolerance: string;
  recount: boolean;
  approval: boolean;
  classes: ClassControlView[];
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface CountControlInput {
  quantityTolerancePct: string;
  valueTolerance: string;
  recount: boolean;
  approval: boolean;
  classes?: { class: string; quantityTolerancePct?: string | null; valueTolerance?: string | null; countsPerYear: number }[];
}

/** The count control of a warehouse as the services use it. */
export interface Control {
  tolerance: Tolerance;
  recount: boolean;
  approval: boolean;
  /** class tolerances (only the parts set for the class) */
  classes: Map<string, Partial<Tolerance>>;
}

export const NO_CONTROL: Control = { tolerance: NO_TOLERANCE, recount: false, approval: false, classes: new Map() };

/** The count control of each warehouse (unconfigured: zero tolerances, recount and approval off). */
export async function controlsOf(db: Db, warehouseIds: number[]): Promise<Map<number, Control>> {
  const out = new Map<number, Control>();
  if (warehouseIds.length === 0) return out;
  for (const r of await db.selectFrom('count_control').selectAll().where('warehouse_id', 'in', warehouseIds).execute()) {
    out.set(r.warehouse_id, {
      tolerance: { quantityPct: BigInt(r.quantity_tolerance_pct), value: BigInt(r.value_tolerance) },
      recount: r.recount === 1,
      approval: r.approval === 1,
      classes: new Map(),
    });
  }
  for (const c of await db.selectFrom('count_control_classes').selectAll().where('warehouse_id', 'in', warehouseIds).execute()) {
    const control = out.get(c.warehouse_id);
    if (!control) continue;
    const t: Partial<Tolerance> = {};
    if (c.quantity_tolerance_pct !== null) t.quantityPct = BigInt(c.quantity_tolerance_pct);
    if (c.value_tolerance !== null) t.value = BigInt(c.value_tolerance);
    control.classes.set(c.class, t);
  }
  for (const id of warehouseIds) if (!out.has(id)) out.set(id, NO_CONTROL);
  return out;
}

/** The tolerance of an item of a class (its class's parts where set, else the warehouse's). */
export function toleranceFor(control: Control, itemClass: string | undefined): Tolerance {
  const c = itemClass === undefined ? undefined : control.classes.get(itemClass);
  if (!c) return control.tolerance;
  return { quantityPct: c.quantityPct ?? control.tolerance.quantityPct, value: c.value ?? control.tolerance.value };
}

async function viewOf(db: Db, warehouse: { id: number; code: string }): Promise<CountControlView> {
  const row = await db.selectFrom('count_control').selectAll().where('warehouse_id', '=', warehouse.id).executeTakeFirst();
  const classes = new Map((await db.selectFrom('count_control_classes').selectAll().where('warehouse_id', '=', warehouse.id).execute()).map((c) => [c.class, c]));
  return {
    warehouse: warehouse.code,
    quantityTolerancePct: Pct.format((row?.quantity_tolerance_pct ?? 0n) as MoneyT),
    valueTolerance: Money.format((row?.value_tolerance ?? 0n) as MoneyT),
    recount: row?.recount === 1,
    approval: row?.approval === 1,
    classes: ABC_CLASSES.map((k) => {
      const c = classes.get(k);
      return {
        class: k,
        quantityTolerancePct: c?.quantity_tolerance_pct == null ? null : Pct.format(c.quantity_tolerance_pct as MoneyT),
        valueTolerance: c?.value_tolerance == null ? null : Money.format(c.value_tolerance as MoneyT),
        countsPerYear: c?.counts_per_year ?? DEFAULT_COUNTS_PER_YEAR[k],
      };
    }),
    updatedBy: row?.updated_by || null,
    updatedAt: row?.updated_at || null,
  };
}

/** GET /api/count-control/{warehouse} */
export async function getCountControl(ctx: Ctx, warehouse: string): Promise<CountControlView> {
  requirePermission(ctx.actor, 'read');
  return viewOf(ctx.store.db, await warehouseOf(ctx.store.db, warehouse));
}

function nonNegative(v: bigint | undefined, path: string, problems: Problems): void {
  if (v !== undefined && v < 0n) problems.add({ path, code: 'INV_ERR_BAD_VALUE', params: { value: Money.format(v as MoneyT), allowed: '≥ 0' } });
}

/** PUT /api/count-control/{warehouse}: sets the tolerances and switches; `classes` given replace the class rows named. */
export async function putCountControl(ctx: Ctx, warehouse: string, input: CountControlInput): Promise<CountControlView> {
  requirePermission(ctx.actor, 'inventory');
  const problems = new Problems();
  const pct = parseMoney(input.quantityTolerancePct, '/quantityTolerancePct', problems);
  const value = parseMoney(input.valueTolerance, '/valueTolerance', problems);
  if (input.quantityTolerancePct === undefined) problems.add({ path: '/quantityTolerancePct', code: 'INV_ERR_VALIDATION' });
  if (input.valueTolerance === undefined) problems.add({ path: '/valueTolerance', code: 'INV_ERR_VALIDATION' });
  nonNegative(pct, '/quantityTolerancePct', problems);
  nonNegative(value, '/valueTolerance', problems);
  const classes = (input.classes ?? []).map((c, i) => {
    const path = `/classes/${i}`;
    if (!(ABC_CLASSES as readonly string[]).includes(c.class)) problems.add({ path: `${path}/class`, code: 'INV_ERR_BAD_VALUE', params: { value: c.class, allowed: ABC_CLASSES.join(', ') } });
    const cPct = c.quantityTolerancePct == null ? undefined : parseMoney(c.quantityTolerancePct, `${path}/quantityTolerancePct`, problems);
    const cValue = c.valueTolerance == null ? undefined : parseMoney(c.valueTolerance, `${path}/valueTolerance`, problems);
    nonNegative(cPct, `${path}/quantityTolerancePct`, problems);
    nonNegative(cValue, `${path}/valueTolerance`, problems);
    if (!Number.isInteger(c.countsPerYear) || c.countsPerYear < 1 || c.countsPerYear > 365) {
      problems.add({ path: `${path}/countsPerYear`, code: 'INV_ERR_BAD_VALUE', params: { value: c.countsPerYear, allowed: '1–365' } });
    }
    return { class: c.class, pct: cPct ?? null, value: cValue ?? null, countsPerYear: c.countsPerYear };
  });
  checkDistinct(classes.map((c, i) => ({ value: c.class, path: `/classes/${i}/class` })), problems);
  problems.throwIfAny();
  return adminWrite(ctx, { entity: 'countControl', key: warehouse }, async (trx) => {
    const wh = await warehouseOf(trx, warehouse);
    const before = await viewOf(trx, wh);
    const values = {
      quantity_tolerance_pct: pct!,
      value_tolerance: value!,
      recount: input.recount ? 1 : 0,
      approval: input.approval ? 1 : 0,
      updated_by: ctx.actor.username,
      updated_at: nowTimestamp(),
    };
    const exists = await trx.selectFrom('count_control').select('warehouse_id').where('warehouse_id', '=', wh.id).executeTakeFirst();
    if (exists) await trx.updateTable('count_control').set(values).where('warehouse_id', '=', wh.id).execute();
    else await trx.insertInto('count_control').values({ warehouse_id: wh.id, ...values }).execute();
    for (const c of classes) {
      await trx.deleteFrom('count_control_classes').where('warehouse_id', '=', wh.id).where('class', '=', c.class).execute();
      await trx
        .insertInto('count_control_classes')
        .values({ warehouse_id: wh.id, class: c.class, quantity_tolerance_pct: c.pct, value_tolerance: c.value, counts_per_year: c.countsPerYear })
        .execute();
    }
    const after = await viewOf(trx, wh);
    await audit(trx, ctx.actor, 'countControl', wh.code, exists ? 'update' : 'create', before, after);
    return after;
  }, 'inventory');
}

export interface ReasonCodeView {
  code: string;
  description: string;
}

/** GET /api/reason-codes/{warehouse} */
export async function listReasonCodes(ctx: Ctx, warehouse: string): Promise<{ items: ReasonCodeView[]; total: number }> {
  requirePermission(ctx.actor, 'read');
  const wh = await warehouseOf(ctx.store.db, warehouse);
  const rows = await ctx.store.db.selectFrom('reason_codes').select(['code', 'description']).where('warehouse_id', '=', wh.id).orderBy('code').execute();
  return { items: rows, total: rows.length };
}

/** POST /api/reason-codes/{warehouse}: 409 INV_ERR_DUPLICATE when the code exists in the warehouse. */
export async function createReasonCode(ctx: Ctx, warehouse: string, input: ReasonCodeView): Promise<ReasonCodeView & { warehouse: string }> {
  return adminWrite(ctx, { entity: 'reasonCode', key: input.code }, async (trx) => {
    const wh = await warehouseOf(trx, warehouse);
    const exists = await trx.selectFrom('reason_codes').select('id').where('warehouse_id', '=', wh.id).where('code', '=', input.code).executeTakeFirst();
    if (exists) fail('INV_ERR_DUPLICATE', { entity: 'reasonCode', key: input.code });
    await trx.insertInto('reason_codes').values({ warehouse_id: wh.id, code: input.code, description: input.description ?? '' }).execute();
    const view = { warehouse: wh.code, code: input.code, description: input.description ?? '' };
    await audit(trx, ctx.actor, 'reasonCode', `${wh.code}/${input.code}`, 'create', null, view);
    return view;
  }, 'inventory');
}

/**
 * Warehouse initial parameters per year (SPEC §2): the open period, the last
 * closing date, negative-stock, stock-check and closing options.
 */
import type { Ctx } from '../core/context.ts';
import { fail } from '../core/errors.ts';
import { flag, parseDate, Problems } from '../core/input.ts';
import { yearOf } from '../core/dates.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { ensureYearPartition } from '../db/movement-partitions.ts';
import type { YearWarehouseParamsTable } from '../db/schema.ts';
import { adminWrite, checkDistinct, found } from './crud.ts';
import { warehouseOf } from './lookup.ts';
import type { Db } from '../db/db.ts';

/** Per-warehouse options: API name → column. */
const WAREHOUSE_FLAGS = {
  negativeStock: 'negative_stock',
  checkLocation: 'check_location',
  checkJobOrder: 'check_job_order',
  checkAccount: 'check_account',
  closeByVariant: 'close_by_variant',
  closeByLocation: 'close_by_location',
  closeByLot: 'close_by_lot',
  closeByJobOrder: 'close_by_job_order',
  closeByAccount: 'close_by_account',
} as const satisfies Record<string, keyof YearWarehouseParamsTable>;
type WarehouseFlag = keyof typeof WAREHOUSE_FLAGS;
export const WAREHOUSE_FLAG_NAMES = Object.keys(WAREHOUSE_FLAGS) as WarehouseFlag[];

export type YearWarehouseInput = { warehouse: string } & { [F in WarehouseFlag]?: boolean };

export interface YearParamsInput {
  lastClosingDate?: string | null;
  periodStart: string;
  periodEnd: string;
  allowNegativeStock?: boolean;
  valuePerWarehouse?: boolean;
  warehouses?: YearWarehouseInput[];
}

export type YearWarehouseParams = { warehouse: string } & { [F in WarehouseFlag]: boolean };

export interface YearParamsView {
  year: number;
  lastClosingDate: string | null;
  periodStart: string;
  periodEnd: string;
  allowNegativeStock: boolean;
  valuePerWarehouse: boolean;
  /** in warehouse code order; a warehouse not listed has every option off */
  warehouses: YearWarehouseParams[];
}

/** The parameters of a year as the ledger and closings use them: warehouse rows also by id. */
export interface YearParams extends YearParamsView {
  warehouses: (YearWarehouseParams & { warehouseId: number })[];
}

/** The options of one warehouse in a year: every option off when it has no row. */
export function warehouseParamsOf(params: YearParams, warehouseId: number): YearWarehouseParams & { warehouseId: number } {
  const row = params.warehouses.find((w) => w.warehouseId === warehouseId);
  if (row) return row;
  const off = Object.fromEntries(WAREHOUSE_FLAG_NAMES.map((name) => [name, false])) as { [F in WarehouseFlag]: boolean };
  return { warehouse: '', warehouseId, ...off };
}

/** The parameters of `year`, or undefined when none were set. */
export async function yearParamsFor(db: Db, year: number): Promise<YearParams | undefined> {
  const head = await db.selectFrom('year_params').selectAll().where('year', '=', year).executeTakeFirst();
  if (!head) return undefined;
  const rows = await db
    .selectFrom('year_warehouse_params as p')
    .innerJoin('warehouses as w', 'w.id', 'p.warehouse_id')
    .selectAll('p')
    .select('w.code as warehouse')
    .where('p.year', '=', year)
    .orderBy('w.code')
    .execute();
  return {
    year: head.year,
    lastClosingDate: head.last_closing_date,
    periodStart: head.period_start,
    periodEnd: head.period_end,
    allowNegativeStock: head.allow_negative_stock === 1,
    valuePerWarehouse: head.value_per_warehouse === 1,
    warehouses: rows.map((r) => ({
      warehouse: r.warehouse,
      warehouseId: r.warehouse_id,
      ...(Object.fromEntries(WAREHOUSE_FLAG_NAMES.map((name) => [name, r[WAREHOUSE_FLAGS[name]] === 1])) as { [F in WarehouseFlag]: boolean }),
    })),
  };
}

function view(params: YearParams): YearParamsView {
  return { ...params, warehouses: params.warehouses.map(({ warehouseId: _id, ...w }) => w) };
}

export async function getYearParams(ctx: Ctx, year: number): Promise<YearParamsView> {
  requirePermission(ctx.actor, 'read');
  return view(found(await yearParamsFor(ctx.store.db, year), 'yearParams', year));
}

/** 400 for malformed dates and repeated warehouses; 422 when the period is not inside the year or ends before it starts. */
function checkInput(year: number, input: YearParamsInput): void {
  const problems = new Problems();
  const start = parseDate(input.periodStart, '/periodStart', problems);
  const end = parseDate(input.periodEnd, '/periodEnd', problems);
  parseDate(input.lastClosingDate ?? undefined, '/lastClosingDate', problems);
  checkDistinct(
    (input.warehouses ?? []).map((w, i) => ({ value: w.warehouse, path: `/warehouses/${i}/warehouse` })),
    problems,
  );
  problems.throwIfAny();
  if (yearOf(start!) !== year || yearOf(end!) !== year || start! > end!) fail('INV_ERR_PERIOD_INVALID', { year });
}

/** Creates or replaces the parameters of a year, its warehouse rows included. */
export async function putYearParams(ctx: Ctx, year: number, input: YearParamsInput): Promise<YearParamsView> {
  requirePermission(ctx.actor, 'masterData');
  checkInput(year, input);
  return adminWrite(ctx, { entity: 'yearParams', key: String(year) }, async (trx) => {
    const before = await yearParamsFor(trx, year);
    const warehouses = [];
    for (const w of input.warehouses ?? []) {
      const wh = await warehouseOf(trx, w.warehouse);
      const flags = Object.fromEntries(WAREHOUSE_FLAG_NAMES.map((name) => [WAREHOUSE_FLAGS[name], flag(w[name])]));
      warehouses.push({ ...(flags as { [F in WarehouseFlag as (typeof WAREHOUSE_FLAGS)[F]]: number }), year, warehouse_id: wh.id });
    }
    const head = {
      last_closing_date: input.lastClosingDate || null,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      allow_negative_stock: flag(input.allowNegativeStock),
      value_per_warehouse: flag(input.valuePerWarehouse),
    };
    if (before) await trx.updateTable('year_params').set(head).where('year', '=', year).execute();
    else await trx.insertInto('year_params').values({ year, ...head }).execute();
    await ensureYearPartition(trx, year);
    await trx.deleteFrom('year_warehouse_params').where('year', '=', year).execute();
    if (warehouses.length > 0) await trx.insertInto('year_warehouse_params').values(warehouses).execute();
    const after = view((await yearParamsFor(trx, year))!);
    await audit(trx, ctx.actor, 'yearParams', year, before ? 'update' : 'create', before ? view(before) : null, after);
    return after;
  });
}

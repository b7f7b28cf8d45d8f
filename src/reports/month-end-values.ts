/**
 * Stock value by warehouse over the last 12 months, for the dashboard
 * (issue 15 point 6): GET /api/dashboard/stock-value.
 *
 * The points are the month ends of the 11 months before the current one and
 * today (the current month so far; when today is a month end, that month end).
 * A point's value per warehouse is
 *   - when a closing was made at that date: what the books carried over, the
 *     amounts of that closing's opening records (SPEC §7: one per warehouse,
 *     valued by the closing's method), read by the records' closing index;
 *   - otherwise the valued inventory at that date, grouped by warehouse, by
 *     `management-area` (each warehouse by its management area's method,
 *     average for one without; SPEC §6), kept in the valuation cache
 *     (valuation-cache.ts): a past month end is valued once, and again only
 *     when a record dated on or before it, or costs, closings or parameters
 *     change.
 * A request never values: a month end whose valuation is not cached yet is
 * left out of `months` and queued in the background (valuation-cache.ts),
 * and the answer says `pending: true`; the web asks again until it is false.
 * Values are sums of the valued inventory's rounded rows (its totals rule).
 */
import type { Ctx } from '../core/context.ts';
import { Money } from '../core/decimal.ts';
import { addDays, today } from '../core/dates.ts';
import { SYSTEM_ACTOR } from '../core/context.ts';
import { requirePermission } from '../core/roles.ts';
import { backgroundRun, cachedOrStarted } from './valuation-cache.ts';
import { valuedInventory } from '../valuation/valued-inventory.ts';
import type { MonthEndValue, StockValueView } from './dashboard-view.ts';

export const MONTH_END_METHOD = 'management-area';
export const MONTHS = 12;

export type { MonthEndValue, StockValueView } from './dashboard-view.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of the month of `date`. */
export function monthEnd(date: string): string {
  const [y, m] = date.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
  return addDays(next, -1);
}

/** The points of the chart, oldest first: the month ends of the `months - 1` months before `day`'s, then `day`. */
export function monthEndDates(day: string, months = MONTHS): string[] {
  const out = [day];
  let end = addDays(`${day.slice(0, 7)}-01`, -1);
  while (out.length < months) {
    out.unshift(end);
    end = addDays(`${end.slice(0, 7)}-01`, -1);
  }
  return out;
}

/** Value per warehouse code of the valued inventory at `date` (computed in the background; the caller caches). */
async function valuedByWarehouse(ctx: Ctx, date: string): Promise<Map<string, bigint>> {
  const report = await valuedInventory(ctx, { date, method: MONTH_END_METHOD, groupBy: 'warehouse' }, backgroundRun);
  const out = new Map<string, bigint>();
  for (const r of report.rows) out.set(r.warehouse!, (out.get(r.warehouse!) ?? 0n) + Money.parse(r.value)!);
  return out;
}

/** The opening records' amounts of the closing made at `date`, per warehouse code; undefined when there is no closing at that date. */
async function closedAt(ctx: Ctx, date: string): Promise<Map<string, bigint> | undefined> {
  const db = ctx.store.db;
  const closing = await db.selectFrom('closings').select('id').where('closing_date', '=', date).executeTakeFirst();
  if (!closing) return undefined;
  const rows = await db
    .selectFrom('records as r')
    .innerJoin('movements as m', 'm.record_id', 'r.id')
    .innerJoin('warehouses as w', 'w.id', 'r.warehouse_id')
    .select('w.code')
    .select((eb) => eb.fn.sum<bigint>('m.amount').as('value'))
    .where('r.closing_id', '=', closing.id)
    .groupBy('w.code')
    .execute();
  return new Map(rows.map((r) => [r.code, BigInt(r.value ?? 0)]));
}

export async function stockValueByMonth(ctx: Ctx, day: string = today()): Promise<StockValueView> {
  requirePermission(ctx.actor, 'read');
  const points: { date: string; source: MonthEndValue['source']; values: Map<string, bigint> }[] = [];
  // the background's valuations are the same whoever asked first
  const background: Ctx = { store: ctx.store, actor: SYSTEM_ACTOR, lang: ctx.lang };
  let pending = false;
  for (const date of monthEndDates(day)) {
    const closed = await closedAt(ctx, date);
    if (closed) {
      points.push({ date, source: 'closing', values: closed });
      continue;
    }
    const values = await cachedOrStarted(ctx.store, date, `by-warehouse`, () => valuedByWarehouse(background, date));
    if (values) points.push({ date, source: 'valuation', values });
    else pending = true;
  }
  const all = await ctx.store.db.selectFrom('warehouses').select(['code', 'description']).orderBy('code').execute();
  const shown = all.filter((w) => points.some((p) => (p.values.get(w.code) ?? 0n) !== 0n));
  return {
    method: MONTH_END_METHOD,
    warehouses: shown.map((w) => ({ code: w.code, description: w.description })),
    months: points.map((p) => ({
      date: p.date,
      source: p.source,
      values: shown.map((w) => ({ warehouse: w.code, value: Money.format((p.values.get(w.code) ?? 0n) as Money) })),
      total: Money.format([...p.values.values()].reduce((a, b) => a + b, 0n) as Money),
    })),
    pending,
  };
}

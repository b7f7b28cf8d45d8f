/**
 * The stock's value by every cost method of SPEC §6 at one date, side by
 * side (the mission's "all methods side by side"), for the dashboard:
 * GET /api/dashboard/cost-methods.
 *
 * Each method's value is the valued inventory's total at the date (grouped
 * by item, no filters: the sum of its rounded rows), so it equals what
 * GET /api/reports/valued-inventory?date&method answers. `history` is the
 * warehouse history at its latest snapshot on or before the date (the
 * registry average where an item has none). Every figure is kept in the
 * valuation cache (valuation-cache.ts) under its date and method. A request
 * never values: a method not cached yet is left out of `methods` and queued
 * in the background, and the answer says `pending: true`.
 */
import { SYSTEM_ACTOR, type Ctx } from '../core/context.ts';
import { today } from '../core/dates.ts';
import { Problems, parseDate } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { COST_METHODS } from '../valuation/index.ts';
import { backgroundRun, cachedOrStarted } from './valuation-cache.ts';
import { valuedInventory } from '../valuation/valued-inventory.ts';
import type { CostMethodComparison } from './dashboard-view.ts';

export type { CostMethodComparison } from './dashboard-view.ts';

export async function costMethodComparison(ctx: Ctx, query: { date?: string } = {}): Promise<CostMethodComparison> {
  requirePermission(ctx.actor, 'read');
  const problems = new Problems();
  const date = parseDate(query.date, '/date', problems) ?? today();
  problems.throwIfAny();
  const methods: CostMethodComparison['methods'] = [];
  const background: Ctx = { store: ctx.store, actor: SYSTEM_ACTOR, lang: ctx.lang };
  let pending = false;
  // queued one after the other: a valuation at a time holds one item's streams in memory
  for (const method of COST_METHODS) {
    const totals = await cachedOrStarted(ctx.store, date, `method:${method}`, async () => (await valuedInventory(background, { date, method }, backgroundRun)).totals);
    if (totals) methods.push({ method, ...totals });
    else pending = true;
  }
  return { date, methods, pending };
}

/**
 * Warming the dashboard's valuations at server start (after migrations): the
 * charts' figures for today (the stock value at the 12 month ends, every cost
 * method) are queued in the background (valuation-cache.ts: one valuation at
 * a time, a turn of the event loop between batches of items), so the first
 * home page finds them computed or under way. Nothing is valued here.
 *
 * After a change drops figures nothing is warmed by itself: the next
 * dashboard request queues what it needs. (Re-valuing on every posting would
 * keep a ledger-size valuation running all day on a busy ledger.)
 */
import { SYSTEM_ACTOR, type Ctx } from '../core/context.ts';
import { today } from '../core/dates.ts';
import type { Store } from '../db/connection.ts';
import { costMethodComparison } from './cost-method-comparison.ts';
import { stockValueByMonth } from './month-end-values.ts';

/** Queues the figures the dashboard's charts ask for on `day` (default today); returns once queued. */
export async function warmDashboard(store: Store, day: string = today()): Promise<void> {
  const ctx: Ctx = { store, actor: SYSTEM_ACTOR, lang: 'en' };
  await stockValueByMonth(ctx, day);
  await costMethodComparison(ctx, { date: day });
}

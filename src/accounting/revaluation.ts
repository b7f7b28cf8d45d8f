/**
 * Re-valuation ("creare valorizare", SPEC §9): for a date range [from, to]
 * inside the open period and after the last closing, recompute the unit cost
 * of every unload line by fifo or moving-average (SPEC §6) and give the lines
 * whose cost differs the new unit cost and amount.
 *
 * The walk. One ordered read of the movements after the last closing C up to
 * `to`, item by item (ledger-reader.ts `readLedgerRaw`: the valuation's
 * streaming read, in index order, never the ledger in memory), each cost
 * scope (the item, or item + warehouse with value-per-warehouse) fed to the
 * method's own accumulator (`openValuation`), which starts from the closing
 * history like the valuation and closing passes do. No cost algorithm lives
 * here: after an unload is pushed, the accumulator tells the exact value it
 * took out of stock (`ValuationStream.issued`):
 *   - fifo: Σ consumed layer qty × layer cost (plus what it owed at the
 *     negative layer's cost);
 *   - moving-average: its quantity × the running rate.
 * The unload line then gets (SPEC §6 "Rounding")
 *   unit cost = round(issued / |qty|, 5)   (moving-average: the rate itself)
 *   amount    = −round(issued, 2)          (stored signed, as every unload)
 * so that fifo's amount is the value of the layers it took, not |qty| × a
 * rounded unit cost. Only counted unloads (fiscal item on a fiscal template,
 * SPEC §6) dated in [from, to] are re-valued; with `warehouse`, only that
 * warehouse's unloads (the walk still reads every warehouse of the item
 * when costs are kept per item).
 *
 * Transfers (offset templates, SPEC §3): the load side of a transfer takes
 * its unload's new unit cost and the same amount with the other sign, so the
 * transfer moves value unchanged. The pair is a record and its mirror
 * (`records.mirror_of`), same line number. The load may come before its
 * unload in ledger order (another warehouse's record number). Costs kept per
 * item: the read hands it on right after its unload (ledger-reader.ts
 * `transfersInOrder`, as the valuation and the closing read it), so its new
 * cost is known when it is fed. Costs kept per warehouse (the two lines are in
 * different scopes and keep their places): it is fed at its stored cost and,
 * if the unload's new cost differs, the item is walked again with the known
 * costs until nothing moves (at most MAX_RUNS walks; an item that does not
 * settle is an error, never a silent result).
 *
 * Unloads before `from` keep their cost and the walk passes over them (they
 * do not change fifo layers or the moving rate by their cost). Nothing is
 * written by the walk; `applyRevaluation` hands the changes in chunks
 * (WRITE_CHUNK) to the line writer of db/revaluation-writes.ts (SQLite: a
 * temporary table, then one set-based UPDATE at the end, the indexes carrying
 * the rewritten columns rebuilt instead of updated for a large apply;
 * PostgreSQL: written behind the walk), in one transaction, rewrites the
 * journal entries of the records touched and writes one audit entry. An item
 * once settled is never read again, so writing behind the walk is safe.
 */
import type { Ctx } from '../core/context.ts';
import {
  Money,
  Quantity,
  UnitCost,
} from '../core/decimal.ts';
import { fail } from '../core/errors.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { lockLedger } from '../db/locks.ts';
import { inTransaction } from '../db/transaction.ts';
import { revaluationLineWriter } from '../db/revaluation-writes.ts';
import { rewriteJournalEntries } from '../ledger/journal.ts';
import { REVALUATION_METHODS, type ChangeView, type RevaluationMethod, type RevaluationStats, type RevaluationView, type TotalsView } from './revaluation-view.ts';
export { REVALUATION_METHODS, type ChangeView, type RevaluationMethod, type RevaluationStats, type RevaluationView, type TotalsView };
import { revaluationWalk, type WalkOptions } from './revaluation-walk.ts';
import { addToTotals, emptyTotals, planRevaluation, PREVIEW_LIMIT, PREVIEW_LIMIT_MAX, type RevaluationChange, type RevaluationInput, type RevaluationPlan, type RevaluationTotals } from './revaluation-plan.ts';
export { MAX_RUNS, revaluationWalk, type WalkOptions } from './revaluation-walk.ts';
export * from './revaluation-plan.ts';

// --- the services ------------------------------------------------------------


export const changeView = (c: RevaluationChange): ChangeView => ({
  recordId: c.recordId,
  lineNo: c.lineNo,
  date: c.date,
  item: c.item,
  warehouse: c.warehouse,
  quantity: Quantity.format(c.quantity),
  oldUnitCost: UnitCost.format(c.oldUnitCost),
  newUnitCost: UnitCost.format(c.newUnitCost),
  oldAmount: Money.format(c.oldAmount),
  newAmount: Money.format(c.newAmount),
  transferLoad: c.transferLoad,
});

export const totalsView = (t: RevaluationTotals): TotalsView => ({
  lines: t.lines,
  unloadLines: t.unloadLines,
  transferLoadLines: t.transferLoadLines,
  oldAmount: Money.format(t.oldAmount),
  newAmount: Money.format(t.newAmount),
  difference: Money.format(t.difference),
});

export interface PreviewOptions extends WalkOptions {
  /** changes to answer with (default PREVIEW_LIMIT, at most PREVIEW_LIMIT_MAX); totals are always complete */
  limit?: number;
  /** also hands every change over, one item batch at a time (a CSV of all of them) */
  onChanges?: (changes: RevaluationChange[]) => Promise<void>;
  /** a plan made beforehand (`planRevaluation`), e.g. to answer input errors before a stream starts */
  plan?: RevaluationPlan;
  /** apply: changes handed to the line writer together (db/revaluation-writes.ts) */
  writeChunk?: number;
  /** apply on SQLite: changes beyond which the indexes carrying unit cost / amount are rebuilt rather than updated (default BULK_LINES) */
  bulkLines?: number;
}

/** Changes apply writes at once by default (about 200 bytes each while they wait). */
export const WRITE_CHUNK = 100_000;

function viewOf(plan: RevaluationPlan, changes: RevaluationChange[], truncated: boolean, totals: RevaluationTotals, stats: RevaluationStats): RevaluationView {
  return {
    from: plan.from,
    to: plan.to,
    method: plan.method,
    warehouse: plan.warehouse?.code ?? null,
    closingDate: plan.after || null,
    changes: changes.map(changeView),
    truncated,
    totals: totalsView(totals),
    stats,
  };
}

/** POST /api/revaluations/preview: what applying would change; writes nothing. */
export async function previewRevaluation(ctx: Ctx, input: RevaluationInput, options: PreviewOptions = {}): Promise<RevaluationView> {
  requirePermission(ctx.actor, 'close');
  const db = ctx.store.db;
  const plan = options.plan ?? (await planRevaluation(db, input));
  const limit = Math.max(0, Math.min(options.limit ?? PREVIEW_LIMIT, PREVIEW_LIMIT_MAX));
  const first: RevaluationChange[] = [];
  const totals = emptyTotals();
  const stats = await revaluationWalk(
    ctx.store,
    db,
    plan,
    async (changes) => {
      for (const c of changes) {
        if (first.length >= limit) break;
        first.push(c);
      }
      addToTotals(totals, changes);
      await options.onChanges?.(changes);
    },
    options,
  );
  return viewOf(plan, first, totals.lines > first.length, totals, stats);
}

/** Growing list of record ids (8 bytes each, not a Set of millions of objects); sorted and unique at the end. */
class RecordIds {
  private buf = new Float64Array(1024);
  private n = 0;
  add(id: number): void {
    if (this.n === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = id;
  }
  unique(): number[] {
    const sorted = this.buf.subarray(0, this.n).sort();
    const out: number[] = [];
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]);
    return out;
  }
}

const JOURNAL_CHUNK = 5000;

/**
 * POST /api/revaluations: applies the re-valuation in one transaction — the
 * walk, the changed lines written batch by batch, the journal entries of the
 * records touched rewritten, one audit entry (range, method, warehouse,
 * totals). 400 INV_ERR_CONFIRMATION_REQUIRED without `confirm: true`.
 */
export async function applyRevaluation(ctx: Ctx, input: RevaluationInput, options: PreviewOptions = {}): Promise<RevaluationView> {
  requirePermission(ctx.actor, 'close');
  if (input.confirm !== true) fail('INV_ERR_CONFIRMATION_REQUIRED', {});
  const store = ctx.store;
  const limit = Math.max(0, Math.min(options.limit ?? PREVIEW_LIMIT, PREVIEW_LIMIT_MAX));
  return inTransaction(store, async (trx) => {
    // PostgreSQL: the walk reads through the pool, outside the transaction, so the ledger is held still until it ends
    await lockLedger(store, trx);
    const plan = await planRevaluation(trx, input);
    const first: RevaluationChange[] = [];
    const totals = emptyTotals();
    const records = new RecordIds();
    const writeChunk = options.writeChunk ?? WRITE_CHUNK;
    const writer = await revaluationLineWriter(store, trx, { bulkLines: options.bulkLines });
    let pending: RevaluationChange[] = [];
    const stats = await revaluationWalk(
      store,
      trx,
      plan,
      async (changes) => {
        for (const c of changes) {
          records.add(c.recordId);
          if (first.length < limit) first.push(c);
          pending.push(c);
        }
        addToTotals(totals, changes);
        await options.onChanges?.(changes);
        if (pending.length >= writeChunk) {
          await writer.add(pending);
          pending = [];
        }
      },
      options,
    );
    await writer.add(pending);
    pending = [];
    await writer.finish();
    const ids = records.unique();
    for (let i = 0; i < ids.length; i += JOURNAL_CHUNK) await rewriteJournalEntries(trx, ids.slice(i, i + JOURNAL_CHUNK));
    const view = viewOf(plan, first, totals.lines > first.length, totals, stats);
    await audit(trx, ctx.actor, 'revaluation', `${plan.from}..${plan.to}`, 'apply', null, {
      from: plan.from,
      to: plan.to,
      method: plan.method,
      warehouse: view.warehouse,
      closingDate: view.closingDate,
      records: ids.length,
      totals: view.totals,
    });
    return view;
  });
}

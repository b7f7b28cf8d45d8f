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
 * unload in ledger order (another warehouse's record number); it is then fed
 * at its stored cost and, if the unload's new cost differs, the item is
 * walked again with the known costs until nothing moves (at most MAX_RUNS
 * walks; an item that does not settle is an error, never a silent result).
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
  roundExactToMoney,
  UnitCost,
  unitCostOf,
  type Money as MoneyT,
  type Quantity as QuantityT,
  type UnitCost as UnitCostT,
} from '../core/decimal.ts';
import { fail } from '../core/errors.ts';
import { parseDate, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { Store } from '../db/connection.ts';
import { lockLedger } from '../db/locks.ts';
import { inTransaction } from '../db/transaction.ts';
import { revaluationLineWriter } from '../db/revaluation-writes.ts';
import { rewriteJournalEntries } from '../ledger/journal.ts';
import { assertOpenPeriod } from '../ledger/period.ts';
import { closingBefore } from '../ledger/stock.ts';
import { warehouseOf } from '../masterdata/lookup.ts';
import type { Db } from '../db/db.ts';
import { loadClosingHistory, NO_CLOSING_HISTORY, type ClosingHistoryBatch, type ClosingHistorySource } from '../valuation/closing-history.ts';
import { storedClosingHistory } from '../valuation/closing/history-source.ts';
import { openValuation, parseCostMethod, type RegistryCosts, type ValuationStream } from '../valuation/index.ts';
import { registryOf, valuePerWarehouse } from '../valuation/item-cost.ts';
import { costMovementOf, costTemplates, R_DATE, R_QUANTITY, R_TEMPLATE, rawDimsAt, readLedgerRaw, scaledOf, type CostTemplate, type RawLedgerRow } from '../valuation/ledger-reader.ts';
import { REVALUATION_METHODS, type ChangeView, type RevaluationMethod, type RevaluationStats, type RevaluationView, type TotalsView } from './revaluation-view.ts';
export { REVALUATION_METHODS, type ChangeView, type RevaluationMethod, type RevaluationStats, type RevaluationView, type TotalsView };

/** The methods a re-valuation may use (SPEC §9): the perpetual ones, where an unload has a cost of its own. */

/** How many times one item may be walked before its transfers settle. */
export const MAX_RUNS = 8;
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
  const offsets = await db.selectFrom('templates').select(['id', 'offset_template_id']).where('offset_template_id', 'is not', null).execute();
  const transfer = new Set<number>();
  for (const t of offsets) {
    transfer.add(t.id);
    transfer.add(t.offset_template_id!);
  }
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
    transferTemplateIds: [...transfer].sort((a, b) => a - b),
  };
}

// --- the walk --------------------------------------------------------------

export interface WalkOptions {
  /** items per batch (closing history and ledger reads, and the writes of apply) */
  batchSize?: number;
  closingSource?: ClosingHistorySource;
}

/** The extra columns the walk reads after the trimmed cost columns. */
function extraColumns(transferTemplateIds: readonly number[]): string[] {
  const partner =
    transferTemplateIds.length === 0
      ? 'null'
      : `case when template_id in (${transferTemplateIds.map((id) => Number(id)).join(', ')}) then coalesce(` +
        '(select r.mirror_of from records r where r.id = movements.record_id), ' +
        '(select min(r.id) from records r where r.mirror_of = movements.record_id)) end';
  return ['id', 'record_id', 'line_no', 'unit_cost', 'amount', partner];
}

interface TransferLoad {
  key: string;
  change: RevaluationChange;
  fed: UnitCostT;
  /** moving-average: the amount counted in its scope's book value, and the book */
  booked?: { amount: MoneyT; book: ScopeBook };
}

/**
 * moving-average: a cost scope's book value (Σ signed amounts of its counted
 * lines as they will be after the re-valuation) and its last re-valued unload
 * that is not a transfer, which absorbs the rounding residual (see `absorbResiduals`).
 */
interface ScopeBook {
  value: bigint;
  last: { change: RevaluationChange; listed: boolean } | undefined;
}

interface ItemWalk {
  item: WalkItem;
  /** transfer load (record:line) → the cost and amount its unload gave it */
  known: Map<string, { unitCost: UnitCostT; amount: MoneyT }>;
  streams: Map<number, ValuationStream>;
  /** moving-average only: per cost scope */
  books: Map<number, ScopeBook>;
  changes: RevaluationChange[];
  loads: TransferLoad[];
}

const ITEM_SCOPE = 0;

/**
 * Walks the plan's items and hands the changes over one item batch at a time
 * (`onChanges`, awaited: apply writes them, a CSV export streams them).
 * Changes of an item come in ledger order of its unloads, its transfer
 * loads after them; items walked again come after the rest of their batch.
 */
export async function revaluationWalk(
  store: Store,
  db: Db,
  plan: RevaluationPlan,
  onChanges: (changes: RevaluationChange[]) => Promise<void>,
  options: WalkOptions = {},
): Promise<RevaluationStats> {
  const batchSize = options.batchSize ?? 500;
  const source = options.closingSource ?? storedClosingHistory;
  const { from, method } = plan;
  const filterWarehouse = plan.warehouse?.id;
  const templateById: (CostTemplate | undefined)[] = [];
  for (const t of plan.templates.values()) templateById[t.id] = t;
  const extra = extraColumns(plan.transferTemplateIds);
  const at = rawDimsAt(false);
  const X_ID = at;
  const X_RECORD = at + 1;
  const X_LINE = at + 2;
  const X_COST = at + 3;
  const X_AMOUNT = at + 4;
  const X_PARTNER = at + 5;
  const stats: RevaluationStats = { rowsRead: 0, items: 0, itemsRewalked: 0 };

  let closing: ClosingHistoryBatch = NO_CLOSING_HISTORY;
  let walk: ItemWalk | undefined;

  const streamOf = (w: ItemWalk, warehouseId: number): ValuationStream => {
    const key = plan.perWarehouse ? warehouseId : ITEM_SCOPE;
    let s = w.streams.get(key);
    if (!s) {
      const scope = plan.perWarehouse ? { itemId: w.item.id, warehouseId } : { itemId: w.item.id };
      s = openValuation(method, { date: plan.to, registry: w.item.registry, closing: closing.closingState(scope), years: [] });
      w.streams.set(key, s);
    }
    return s;
  };

  const keepBooks = method === 'moving-average' && (filterWarehouse === undefined || plan.perWarehouse);
  const bookOf = (w: ItemWalk, warehouseId: number): ScopeBook => {
    const key = plan.perWarehouse ? warehouseId : ITEM_SCOPE;
    let b = w.books.get(key);
    if (!b) w.books.set(key, (b = { value: 0n, last: undefined }));
    return b;
  };

  const onRow = (w: ItemWalk, r: RawLedgerRow) => {
    const template = templateById[Number(r[R_TEMPLATE])];
    if (!template) throw new Error(`movement on unknown template ${String(r[R_TEMPLATE])}`);
    const warehouseId = template.warehouseId;
    const date = r[R_DATE] as string;
    const quantity = r[R_QUANTITY] as bigint;
    const storedCost = scaledOf(r[X_COST]) as UnitCostT;
    const storedAmount = scaledOf(r[X_AMOUNT]) as MoneyT;
    const partner = r[X_PARTNER] === null || r[X_PARTNER] === undefined ? 0 : Number(r[X_PARTNER]);
    const inRange = date >= from;
    let cost = storedCost;
    let load: TransferLoad | undefined;
    if (quantity > 0n && partner !== 0 && inRange) {
      const key = `${Number(r[X_RECORD])}:${Number(r[X_LINE])}`;
      const known = w.known.get(key);
      if (known) cost = known.unitCost;
      load = { key, fed: cost, change: changeOf(w, r, warehouseId, date, quantity, storedCost, storedAmount, true) };
      w.loads.push(load);
    }
    const stream = streamOf(w, warehouseId);
    stream.push(costMovementOf(template, { code: w.item.code, fiscal: true }, plan.warehouseCodes.get(warehouseId) ?? '', date, quantity, cost, storedAmount, ''));
    // the scope's book value counts the lines the valuation counts (fiscal templates), each at its amount after the re-valuation
    const book = keepBooks && template.fiscal ? bookOf(w, warehouseId) : undefined;
    if (quantity >= 0n || !inRange || (filterWarehouse !== undefined && warehouseId !== filterWarehouse)) {
      if (!book) return;
      const amount = load ? (w.known.get(load.key)?.amount ?? storedAmount) : storedAmount;
      if (load) load.booked = { amount, book };
      book.value += amount;
      return;
    }
    const issued = stream.issued();
    if (issued === undefined) return; // not counted (non-fiscal template)
    const newUnitCost = unitCostOf(issued, -quantity);
    const newAmount = -roundExactToMoney(issued) as MoneyT;
    if (partner !== 0) w.known.set(`${partner}:${Number(r[X_LINE])}`, { unitCost: newUnitCost, amount: -newAmount as MoneyT });
    const changed = newUnitCost !== storedCost || newAmount !== storedAmount;
    if (changed || (book && partner === 0)) {
      const c = changeOf(w, r, warehouseId, date, quantity, storedCost, storedAmount, false);
      c.newUnitCost = newUnitCost;
      c.newAmount = newAmount;
      if (changed) w.changes.push(c);
      if (book && partner === 0) book.last = { change: c, listed: changed };
    }
    if (book) book.value += newAmount;
  };

  /**
   * moving-average (lead's decision on issue 17 point 3): the stock account's
   * journal moves by the lines' amounts — loads at their amounts, each unload
   * at round(qty × rate, 2) — while the valued inventory is round(Q × rate, 2)
   * (SPEC §6), so a cent or so of rounding can stay between them at the
   * range's end. The LAST re-valued unload of each cost scope that is not a
   * transfer takes it up, like a price-difference posting: its amount becomes
   * its computed amount + (book value of the scope − round(Q_end × rate_end, 2)),
   * its unit cost stays the rate. Then the reconciliation at `to` is 0.00 for
   * every scope (as long as every counted line's template posts to the stock
   * account). A scope without such an unload in the range keeps its residual.
   * With a warehouse filter and costs kept per item, the re-valuation covers
   * only part of the scope: nothing is absorbed (the other warehouses' unloads,
   * not re-valued, would hand their whole difference to this warehouse).
   */
  const absorbResiduals = (w: ItemWalk, out: RevaluationChange[]) => {
    for (const [key, book] of w.books) {
      const stream = w.streams.get(key);
      if (!book.last || !stream) continue;
      const residual = book.value - stream.result().value;
      if (residual === 0n) continue;
      const { change: c, listed } = book.last;
      c.newAmount = (c.newAmount - residual) as MoneyT;
      const changed = c.newUnitCost !== c.oldUnitCost || c.newAmount !== c.oldAmount;
      if (changed && !listed) out.push(c);
      else if (!changed && listed) out.splice(out.indexOf(c), 1);
    }
  };

  const changeOf = (w: ItemWalk, r: RawLedgerRow, warehouseId: number, date: string, quantity: bigint, cost: UnitCostT, amount: MoneyT, transferLoad: boolean): RevaluationChange => ({
    movementId: Number(r[X_ID]),
    recordId: Number(r[X_RECORD]),
    lineNo: Number(r[X_LINE]),
    date,
    item: w.item.code,
    warehouse: plan.warehouseCodes.get(warehouseId) ?? '',
    quantity: quantity as QuantityT,
    oldUnitCost: cost,
    newUnitCost: cost,
    oldAmount: amount,
    newAmount: amount,
    transferLoad,
  });

  /** Ends an item's walk: its changes when its transfers are settled, else undefined (walk it again). */
  const settle = (w: ItemWalk): RevaluationChange[] | undefined => {
    let settled = true;
    const out = w.changes;
    for (const l of w.loads) {
      const known = w.known.get(l.key);
      if (!known) continue; // its unload is not re-valued: the load keeps its cost
      if (known.unitCost !== l.fed) settled = false;
      // a load read before its unload was booked at its stored amount: book the amount it gets
      if (l.booked) l.booked.book.value += known.amount - l.booked.amount;
      const c = l.change;
      if (known.unitCost !== c.oldUnitCost || known.amount !== c.oldAmount) {
        c.newUnitCost = known.unitCost;
        c.newAmount = known.amount;
        out.push(c);
      }
    }
    if (!settled) return undefined;
    if (keepBooks) absorbResiduals(w, out);
    return out;
  };

  const start = (item: WalkItem, known = new Map<string, { unitCost: UnitCostT; amount: MoneyT }>()): ItemWalk => ({
    item,
    known,
    streams: new Map(),
    books: new Map(),
    changes: [],
    loads: [],
  });

  for (let i = 0; i < plan.items.length; i += batchSize) {
    const batch = plan.items.slice(i, i + batchSize);
    const byId = new Map(batch.map((b) => [b.id, b]));
    closing = await loadClosingHistory(db, { closingDate: plan.after, itemIds: batch.map((b) => b.id), perWarehouse: plan.perWarehouse }, source);
    const out: RevaluationChange[] = [];
    let again = new Map<number, ItemWalk>();
    const finish = (w: ItemWalk, run: number) => {
      const changes = settle(w);
      if (changes) {
        for (const c of changes) out.push(c);
        return;
      }
      if (run >= MAX_RUNS) fail('INV_ERR_REVALUATION_UNSETTLED', { item: w.item.code, runs: MAX_RUNS });
      again.set(w.item.id, w);
    };
    const read = async (ids: number[], walks: (id: number) => ItemWalk, run: number) => {
      walk = undefined;
      await readLedgerRaw(store, { after: plan.after, date: plan.to, itemIds: ids, extra }, (itemId, rows) => {
        if (walk?.item.id !== itemId) {
          if (walk) finish(walk, run);
          walk = walks(itemId);
          stats.items += run === 1 ? 1 : 0;
        }
        stats.rowsRead += rows.length;
        for (const row of rows) onRow(walk, row);
      });
      if (walk) finish(walk, run);
      walk = undefined;
    };
    await read(
      batch.map((b) => b.id),
      (id) => start(byId.get(id)!),
      1,
    );
    for (let run = 2; again.size > 0; run++) {
      const pending = again;
      again = new Map();
      stats.itemsRewalked += pending.size;
      await read(
        [...pending.keys()].sort((a, b) => a - b),
        (id) => start(pending.get(id)!.item, pending.get(id)!.known),
        run,
      );
    }
    if (out.length) await onChanges(out);
  }
  return stats;
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

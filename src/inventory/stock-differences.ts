/**
 * Stock differences (SPEC §5): the preview (grid and report) and the posting
 * of the adjustment records, behind /api/inventories/{id}/differences and
 * the CLI. The preview reads the counts and the book stock of the counted
 * warehouses in bulk and joins them in memory (differences.ts); posting
 * computes the same inside its transaction and writes through the posting
 * engine.
 */
import type { Actor, Ctx } from '../core/context.ts';
import { Money, Quantity, UnitCost, valueOf, type Money as MoneyT, type Quantity as QuantityT, type UnitCost as UnitCostT } from '../core/decimal.ts';
import { nowTimestamp } from '../core/dates.ts';
import { fail } from '../core/errors.ts';
import { parseDate, Problems } from '../core/input.ts';
import { allowed, requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { Store } from '../db/connection.ts';
import type { TemplateRow } from '../db/schema.ts';
import { movementAmount, planRecord, type PlannedRecord, type RecordInput } from '../ledger/plan.ts';
import { MasterDataResolver } from '../masterdata/lookup.ts';
import { writeRecords, type WrittenRecord } from '../ledger/posting.ts';
import { assertOpenPeriod } from '../ledger/period.ts';
import { headerView, lineView, recordViews, type RecordView } from '../ledger/record-views.ts';
import type { Db } from '../db/db.ts';
import { assertStockDifferenceTemplate, stockDifferenceTemplatesOf, type StockDifferenceTemplates, type YearlyTemplateField } from '../masterdata/stock-difference-params.ts';
import { compensate, type CompensationResult, type RowSplit } from './compensation.ts';
import { confusionGroupsOf } from '../masterdata/confusion-groups.ts';
import { allowancePctOf } from '../masterdata/loss-allowances.ts';
import { bookStock, proposedCosts, type CostRequest } from './book.ts';
import { assertOpen, inTransaction, inventoryLabel, lockInventory, type InventoryRow } from './common.ts';
import { computeDifferences, priceDifferences, type BookStock, type DifferenceTotals } from './stock-differences-compute.ts';
import { countedLines } from './counted-lines.ts';
import { effectiveCounts } from './recount-rounds.ts';
import { assertDecided, controlRows, type ClassOf, type ControlledRow } from './difference-control.ts';
import type { Control } from './count-control.ts';
import { storeAccuracy } from './accuracy-figures.ts';
import { keysToCheck } from './posted-stock-proof.ts';
import { phases } from '../core/profile.ts';
import { changeStamp } from '../db/change-stamp.ts';
import { rememberDifferences, takeDifferences } from './difference-cache.ts';
import type { Language } from '../core/i18n.ts';
import type { DifferencesView, ImputableByStorekeeper } from './stock-differences-view.ts';
import { differenceNote } from './record-notes.ts';
import { storeListTotals } from './yearly-list.ts';
import { commissionOf, type CommissionView } from './yearly.ts';

export interface DifferenceQuery {
  /** default: the inventory's date */
  processingDate?: string;
  /** "calculate as of date": the stock date; default the processing date */
  stockDate?: string;
  /** treat keys with book stock that no line counted as counted 0 */
  zeroUncounted?: boolean;
  /** where uncounted keys are looked for: the counted warehouses (default) or their counted locations */
  zeroScope?: 'warehouse' | 'location';
}

export interface PostInput extends DifferenceQuery {
  postingDate: string;
}

/** the preview's shapes live in the import-free stock-differences-view.ts (shared with the web app) */
export type { CompensationGroupView, DifferenceRowView, DifferencesView, ImputableByStorekeeper, KeyCountView } from './stock-differences-view.ts';

export interface PostResult {
  inventoryId: number;
  inventory: string;
  stockDate: string;
  postingDate: string;
  totals: DifferencesView['totals'];
  records: RecordView[];
}

/** Who reads differences: not a counter (they would show book stock of blind lists). */
export function requireDifferenceReader(actor: Actor): void {
  if (!allowed(actor, 'read') || actor.role === 'counter') fail('INV_ERR_FORBIDDEN');
}

function checkQuery(q: DifferenceQuery, problems: Problems, path = ''): void {
  parseDate(q.processingDate, `${path}/processingDate`, problems);
  parseDate(q.stockDate, `${path}/stockDate`, problems);
  if (q.zeroScope !== undefined && q.zeroScope !== 'warehouse' && q.zeroScope !== 'location') {
    problems.add({ path: `${path}/zeroScope`, code: 'INV_ERR_BAD_VALUE', params: { value: q.zeroScope, allowed: 'warehouse, location' } });
  }
}

export interface Computed {
  processingDate: string;
  stockDate: string;
  rows: ControlledRow[];
  /** count control of each warehouse of the rows */
  controls: Map<number, Control>;
  totals: DifferenceTotals;
  templates: Map<number, TemplateRow>;
  items: Map<number, { code: string; description: string; uom: string }>;
  warehouses: Map<number, string>;
  /** the book stock read (every non-zero key of the counted warehouses at the stock date) */
  book: BookStock;
  /** the stock difference parameters of each warehouse with differences */
  params: Map<number, StockDifferenceTemplates>;
  /** SPEC §12: compensation and allowances, row splits parallel to `rows`; undefined when no group or allowance concerns the rows */
  yearly?: Yearly;
}

/** SPEC §12 on the rows: the pure result and each row's confusion group */
export type Yearly = CompensationResult & { groupOfRow: (string | null)[] };

async function itemsOf(db: Db, ids: number[]): Promise<Map<number, { code: string; description: string; uom: string }>> {
  const out = new Map<number, { code: string; description: string; uom: string }>();
  const unique = [...new Set(ids)];
  if (unique.length > 5000) {
    const wanted = new Set(unique);
    for (const i of await db.selectFrom('items').select(['id', 'code', 'description', 'uom']).execute()) if (wanted.has(i.id)) out.set(i.id, i);
    return out;
  }
  for (let i = 0; i < unique.length; i += 500) {
    for (const r of await db.selectFrom('items').select(['id', 'code', 'description', 'uom']).where('id', 'in', unique.slice(i, i + 500)).execute()) out.set(r.id, r);
  }
  return out;
}

/**
 * SPEC §5 steps 1–5 and 7 for one inventory, inside the caller's transaction,
 * with the count control of SPEC §11 (recount rounds, tolerances, decisions).
 */
export async function compute(db: Db, store: Store, inv: InventoryRow, q: DifferenceQuery, classOf?: ClassOf): Promise<Computed> {
  const phase = phases('differences');
  const processingDate = q.processingDate ?? inv.date;
  const stockDate = q.stockDate ?? processingDate;
  const counts = effectiveCounts(await countedLines(db, store, inv.id));
  const lines = counts.lines;
  phase(`counted lines (${lines.length})`);
  const warehouseIds = [...new Set(lines.map((l) => l.warehouseId))].sort((a, b) => a - b);
  const book = await bookStock(db, store, { warehouseIds, date: stockDate });
  phase(`book stock (${book.size} keys)`);
  const diffs = computeDifferences(lines, book, { zeroUncounted: q.zeroUncounted, zeroScope: q.zeroScope });
  phase('join');

  const warehouses = new Map(
    warehouseIds.length ? (await db.selectFrom('warehouses').select(['id', 'code']).where('id', 'in', warehouseIds).execute()).map((w) => [w.id, w.code]) : [],
  );
  const paramsOf = new Map<number, StockDifferenceTemplates>();
  for (const wh of new Set(diffs.filter((d) => d.difference !== 0n).map((d) => d.warehouseId))) {
    const params = await stockDifferenceTemplatesOf(db, wh);
    if (!params) fail('INV_ERR_NO_STOCK_DIFF_PARAMS', { warehouse: warehouses.get(wh) });
    paramsOf.set(wh, params);
  }
  const templateFor = (wh: number, difference: bigint) => (difference > 0n ? paramsOf.get(wh)!.load : paramsOf.get(wh)!.unload);
  const requests: CostRequest[] = diffs
    .filter((d) => d.difference !== 0n)
    .map((d) => ({ itemId: d.itemId, warehouseId: d.warehouseId, how: templateFor(d.warehouseId, d.difference).proposed_cost }));
  const costOf = await proposedCosts(db, store, requests, stockDate);
  phase(`proposed costs (${requests.length} keys)`);
  const priced = priceDifferences(diffs, (d) => {
    const t = templateFor(d.warehouseId, d.difference);
    return { templateId: t.id, unitCost: costOf({ itemId: d.itemId, warehouseId: d.warehouseId, how: t.proposed_cost }) };
  });
  const totals = priced.totals;
  phase('values');
  const { rows, controls } = await controlRows(db, inv.id, priced.rows, counts, stockDate, classOf);
  phase('count control');
  const templates = new Map<number, TemplateRow>();
  for (const p of paramsOf.values()) for (const t of Object.values(p)) if (t) templates.set(t.id, t);
  const items = await itemsOf(db, rows.map((r) => r.itemId));
  // report order: warehouse, item, then the other dimensions (joined by U+0000, which sorts first: tuple order)
  const keyed = rows.map((r) => ({
    r,
    k: [warehouses.get(r.warehouseId)!, items.get(r.itemId)!.code, r.variant, r.lot, r.serial, r.location, r.jobOrder, r.account].join('\u0000'),
  }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  phase('codes and order');
  const sorted = keyed.map((x) => x.r);
  const yearly = await yearlyRules(db, inv, stockDate, sorted, items);
  phase('compensation and allowances');
  return { processingDate, stockDate, rows: sorted, controls, totals, templates, items, warehouses, book, params: paramsOf, yearly };
}

/**
 * SPEC §12: compensation within the confusion groups of the stock date's
 * year, then natural-loss allowances on the issued quantity since the
 * warehouse's previous posted inventory (else 1 January). Reads only the
 * groups and percentages of the differing items and, for the items with a
 * shortage and a percentage, their unloads in the period (indexed by
 * warehouse, item and date). Undefined when no group or percentage concerns
 * the differences: then nothing changes (SPEC §5).
 */
async function yearlyRules(
  db: Db,
  inv: InventoryRow,
  stockDate: string,
  rows: ControlledRow[],
  items: Map<number, { code: string }>,
): Promise<Yearly | undefined> {
  const differing = rows.filter((r) => r.difference !== 0n);
  if (differing.length === 0) return undefined;
  const itemIds = [...new Set(differing.map((r) => r.itemId))];
  const groupOf = await confusionGroupsOf(db, Number(stockDate.slice(0, 4)), itemIds);
  const pctOf = await allowancePctOf(db, [...new Set(differing.filter((r) => r.difference < 0n).map((r) => r.itemId))]);
  if (groupOf.size === 0 && pctOf.size === 0) return undefined;
  const idOf = new Map([...items].map(([id, i]) => [i.code, id]));
  const issued = new Map<string, bigint>();
  const byWarehouse = new Map<number, Set<number>>();
  for (const r of differing) if (r.difference < 0n && pctOf.has(r.itemId)) (byWarehouse.get(r.warehouseId) ?? byWarehouse.set(r.warehouseId, new Set()).get(r.warehouseId)!).add(r.itemId);
  for (const [wh, ids] of byWarehouse) {
    for (const [itemId, q] of await issuedSince(db, inv.id, wh, [...ids], stockDate)) issued.set(`${wh}/${itemId}`, q);
  }
  const compRows = rows.map((r) => ({
    warehouseId: r.warehouseId,
    item: items.get(r.itemId)!.code,
    group: groupOf.get(r.itemId) ?? null,
    difference: r.difference,
    unitCost: r.pricing?.unitCost ?? 0n,
  }));
  const result = compensate({
    rows: compRows,
    pctOf: (item) => pctOf.get(idOf.get(item)!),
    issuedOf: (wh, item) => issued.get(`${wh}/${idOf.get(item)}`) ?? 0n,
  });
  return { ...result, groupOfRow: compRows.map((r) => r.group) };
}

/**
 * Σ |unload quantity| per item of one warehouse from the stock date of its
 * previous posted inventory (exclusive; else 1 January of the stock date's
 * year, inclusive) to the stock date (inclusive); records of inventories and
 * their reversals, and closing records, are not issues.
 */
export async function issuedSince(db: Db, inventoryId: number, warehouseId: number, itemIds: number[], stockDate: string): Promise<Map<number, bigint>> {
  const previous = await db
    .selectFrom('inventory_lists as l')
    .innerJoin('inventories as i', 'i.id', 'l.inventory_id')
    .select((eb) => eb.fn.max<string>(eb.fn.coalesce('i.stock_date', 'i.date')).as('d'))
    .where('l.warehouse_id', '=', warehouseId)
    .where('i.id', '<>', inventoryId)
    .where('i.posted_at', 'is not', null)
    .where((eb) => eb(eb.fn.coalesce('i.stock_date', 'i.date'), '<', stockDate))
    .executeTakeFirst();
  const after = previous?.d ?? null;
  const out = new Map<number, bigint>();
  for (let i = 0; i < itemIds.length; i += 500) {
    let q = db
      .selectFrom('movements as m')
      .innerJoin('records as r', 'r.id', 'm.record_id')
      .select(['m.item_id', (eb) => eb.fn.sum<bigint>('m.quantity').as('q')])
      .where('m.warehouse_id', '=', warehouseId)
      .where('m.item_id', 'in', itemIds.slice(i, i + 500))
      .where('m.date', '<=', stockDate)
      .where('m.quantity', '<', 0n)
      .where('r.origin', 'not in', ['inventory', 'reversal', 'closing']);
    q = after ? q.where('m.date', '>', after) : q.where('m.date', '>=', `${stockDate.slice(0, 4)}-01-01`);
    for (const r of await q.groupBy('m.item_id').execute()) out.set(r.item_id, -BigInt(String(r.q)));
  }
  return out;
}

export function view(inv: InventoryRow, q: DifferenceQuery, c: Computed): DifferencesView {
  return {
    inventoryId: inv.id,
    inventory: inventoryLabel(inv),
    inventoryDate: inv.date,
    processingDate: c.processingDate,
    stockDate: c.stockDate,
    zeroUncounted: q.zeroUncounted === true,
    zeroScope: q.zeroScope ?? 'warehouse',
    rows: c.rows.map((r, i) => {
      const item = c.items.get(r.itemId)!;
      const t = r.pricing ? c.templates.get(r.pricing.templateId)! : undefined;
      return {
        warehouse: c.warehouses.get(r.warehouseId)!,
        item: item.code,
        description: item.description,
        uom: item.uom,
        variant: r.variant,
        lot: r.lot,
        serial: r.serial,
        location: r.location,
        jobOrder: r.jobOrder,
        account: r.account,
        counted: Quantity.format(r.counted),
        book: Quantity.format(r.book),
        difference: Quantity.format(r.difference),
        template: t?.code ?? null,
        templateType: t?.type ?? null,
        unitCost: r.pricing ? UnitCost.format(r.pricing.unitCost) : null,
        value: Money.format(r.value),
        movedDuringCount: r.movedDuringCount,
        uncounted: r.uncounted,
        overTolerance: r.overTolerance,
        counts: r.counts.map((n) => ({ listId: n.listId, employee: n.employee, round: n.round, quantity: Quantity.format(n.quantity as QuantityT), at: n.at })),
        countRound: r.round,
        ...(r.reason ? { reason: r.reason } : {}),
        ...(r.decision ? { decision: r.decision, decidedBy: r.decidedBy! } : {}),
        ...splitView(c.yearly?.rows[i]),
        confusionGroup: c.yearly ? confusionGroupOf(c, i) : null,
        ...postedPartView(r.difference, r.pricing?.unitCost, c.yearly?.rows[i]),
      };
    }),
    totals: totalsView(c),
    ...(c.yearly
      ? {
          groups: c.yearly.groups.map((g) => ({
            warehouse: c.warehouses.get(g.warehouseId)!,
            group: g.group,
            surplus: Quantity.format(g.surplus),
            shortage: Quantity.format(g.shortage),
            compensated: Quantity.format(g.compensated),
            valueDifference: Money.format(g.valueDifference),
            imputable: Money.format(g.imputable),
          })),
        }
      : {}),
  };
}

const ZERO_SPLIT: RowSplit = { compensated: 0n as QuantityT, compensatedValue: Money.zero, allowedLoss: 0n as QuantityT, allowedLossValue: Money.zero, imputable: 0n as QuantityT, imputableValue: Money.zero };

function splitView(s: RowSplit = ZERO_SPLIT) {
  return {
    compensated: Quantity.format(s.compensated),
    compensatedValue: Money.format(s.compensatedValue),
    allowedLoss: Quantity.format(s.allowedLoss),
    allowedLossValue: Money.format(s.allowedLossValue),
    imputable: Quantity.format(s.imputable),
    imputableValue: Money.format(s.imputableValue),
  };
}

/** the part of a difference posted with the plain load/unload templates: the difference less the compensated, allowed and imputable parts */
export function postedPartView(difference: bigint, unitCost: bigint | undefined, s: RowSplit = ZERO_SPLIT): { postedDifference: string; postedDifferenceValue: string } {
  const parts = s.compensated + s.allowedLoss + s.imputable;
  const q = difference < 0n ? difference + parts : difference - parts;
  const v = unitCost === undefined ? 0n : valueOf((q < 0n ? -q : q) as QuantityT, unitCost as UnitCostT);
  return { postedDifference: Quantity.format(q as QuantityT), postedDifferenceValue: Money.format((q < 0n ? -v : v) as MoneyT) };
}

/** SPEC §12, issue 18 point 3: the imputable value per warehouse with its storekeeper of the commission (employee null when none) */
export function imputableByStorekeeper(byWarehouse: { warehouse: string; value: string }[], c: Pick<CommissionView, 'storekeepers' | 'names'>): ImputableByStorekeeper[] {
  return byWarehouse.map((w) => {
    const employee = c.storekeepers.find((k) => k.warehouse === w.warehouse)?.employee ?? null;
    return { employee, name: employee ? (c.names[employee] ?? null) : null, warehouse: w.warehouse, value: w.value };
  });
}

function confusionGroupOf(c: Computed, i: number): string | null {
  return c.yearly?.groupOfRow[i] ?? null;
}

function totalsView(c: Computed): DifferencesView['totals'] {
  return {
    surplusValue: Money.format(c.totals.surplusValue),
    shortageValue: Money.format(c.totals.shortageValue),
    netValue: Money.format(c.totals.netValue),
    rows: c.rows.length,
    differingKeys: c.totals.differingKeys,
    movedDuringCount: c.rows.filter((r) => r.movedDuringCount).length,
    ...(c.yearly
      ? {
          compensatedValueDifference: Money.format(c.yearly.totals.compensatedValueDifference),
          allowedLossValue: Money.format(c.yearly.totals.allowedLossValue),
          imputableValue: Money.format(c.yearly.totals.imputableValue),
          imputableByWarehouse: c.yearly.warehouses
            .map((w) => ({ warehouse: c.warehouses.get(w.warehouseId)!, value: Money.format(w.imputableValue) }))
            .sort((a, b) => (a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0)),
        }
      : {}),
  };
}

/** GET /api/inventories/{id}/differences: the preview; nothing is written. */
export async function previewDifferences(ctx: Ctx, inventoryId: number, q: DifferenceQuery = {}, classOf?: ClassOf): Promise<DifferencesView> {
  requireDifferenceReader(ctx.actor);
  const problems = new Problems();
  checkQuery(q, problems);
  problems.throwIfAny();
  return inTransaction(
    ctx.store,
    async (trx) => {
      // first statement of the transaction: the stamp of the snapshot compute reads (difference-cache.ts)
      const stamp = changeStamp(ctx.store);
      const inv = await lockInventory(trx, ctx.store, inventoryId, 'none');
      assertOpen(inv);
      const c = await compute(trx, ctx.store, inv, q, classOf);
      // (a caller's own classes are not the default ones: such a result is not offered to the posting)
      if (!classOf) rememberDifferences(ctx.store, inv, q, stamp, c);
      const out = view(inv, q, c);
      if (out.totals.imputableByWarehouse) out.totals.imputableByStorekeeper = imputableByStorekeeper(out.totals.imputableByWarehouse, await commissionOf(trx, inv.id));
      return out;
    },
    'read',
  );
}

/**
 * One load record (surpluses) and/or one unload record (shortages) per
 * warehouse, at the posting date, referencing the inventory; unit costs are
 * the templates' proposed costs at the stock date, set here so the posting
 * engine keeps them.
 *
 * The records pass the same rules as every other record (planRecord, SPEC
 * §3): the template belongs to the warehouse, a lot where the item and the
 * template manage lots, one serial per unit, the unit's decimals, mandatory
 * document (the inventory is the document: "INV 2026/1") and account.
 * Anything refused is a 422 naming the record and line; nothing is written.
 * A template that requires an account is refused up front: a difference has
 * no customer or supplier (assertStockDifferenceTemplate).
 */
export async function plannedRecords(db: Db, inv: InventoryRow, c: Computed, postingDate: string, lang: Language = 'en'): Promise<PlannedRecord[]> {
  const groups = new Map<number, { template: TemplateRow; warehouseId: number; rank: number; rows: { row: ControlledRow; quantity: bigint }[] }>();
  const add = (r: ControlledRow, template: TemplateRow, rank: number, quantity: bigint) => {
    if (quantity === 0n) return;
    let group = groups.get(template.id);
    if (!group) groups.set(template.id, (group = { template, warehouseId: r.warehouseId, rank, rows: [] }));
    group.rows.push({ row: r, quantity });
  };
  // SPEC §12: a part of a row compensated, allowed or imputable goes with its own template (which must be set)
  const yearlyTemplate = (r: ControlledRow, field: YearlyTemplateField): TemplateRow => {
    const t = c.params.get(r.warehouseId)?.[field];
    if (!t) fail('INV_ERR_STOCK_DIFF_PARAM_MISSING', { warehouse: c.warehouses.get(r.warehouseId), parameter: field });
    return t;
  };
  for (const [i, r] of c.rows.entries()) {
    if (!r.pricing) continue;
    const split = c.yearly?.rows[i];
    const total = r.difference < 0n ? -r.difference : r.difference;
    const surplus = r.difference > 0n;
    if (split) {
      if (split.compensated > 0n) add(r, yearlyTemplate(r, surplus ? 'compensationLoadTemplate' : 'compensationUnloadTemplate'), surplus ? 1 : 3, split.compensated);
      if (split.allowedLoss > 0n) add(r, yearlyTemplate(r, 'allowanceTemplate'), 4, split.allowedLoss);
      if (split.imputable > 0n) add(r, yearlyTemplate(r, 'imputableTemplate'), 5, split.imputable);
    }
    const rest = total - (split ? split.compensated + split.allowedLoss + split.imputable : 0n);
    add(r, c.templates.get(r.pricing.templateId)!, surplus ? 0 : 2, rest);
  }
  // warehouses in code order; the load before the unload, then compensation, allowance and imputable records
  const code = (g: { warehouseId: number }) => c.warehouses.get(g.warehouseId)!;
  const ordered = [...groups.values()].sort((a, b) => (code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : a.rank - b.rank));
  for (const g of ordered) assertStockDifferenceTemplate(g.template, `/records/${ordered.indexOf(g)}/template`);
  if (ordered.length === 0) return [];

  const resolver = new MasterDataResolver(db);
  // a large inventory reads the registry once instead of item by item
  if (c.rows.length > 200) await resolver.preload();
  const problems = new Problems();
  const out: PlannedRecord[] = [];
  const document = `INV ${inventoryLabel(inv)}`;
  for (const [i, g] of ordered.entries()) {
    const input: RecordInput = {
      warehouse: code(g),
      template: g.template.code,
      date: postingDate,
      internalDocument: document,
      internalDocumentDate: inv.date,
      referenceDocument: document,
      notes: differenceNote(c.stockDate, lang),
      lines: g.rows.map(({ row: r, quantity }) => ({
        item: c.items.get(r.itemId)!.code,
        variant: r.variant,
        // entered positive: the template's type gives the sign (a load adds the surplus, an unload takes the shortage)
        quantity: Quantity.format(quantity as QuantityT),
        unitCost: UnitCost.format(r.pricing!.unitCost),
        location: r.location,
        lot: r.lot,
        serials: r.serial ? [r.serial] : undefined,
        jobOrder: r.jobOrder,
        account: r.account,
      })),
    };
    const path = `/records/${i}`;
    const resolved = resolver.resolvePreloaded(input) ?? (await resolver.resolve(input, problems, path));
    if (!resolved) continue;
    const planned = planRecord(input, resolved, problems, path, 'inventory');
    planned.inventoryId = inv.id;
    // the difference is of this very key: a key without location stays without one (no template default location)
    for (const m of planned.lines) {
      m.location = g.rows[m.inputLine].row.location;
      m.serial = g.rows[m.inputLine].row.serial;
    }
    out.push(planned);
  }
  problems.throwIfAny();
  return out;
}

/**
 * POST /api/inventories/{id}/differences: posts the adjustment records and
 * closes the inventory, in one transaction. The first statement closes the
 * inventory only if it is still open: of two simultaneous posts exactly one
 * gets the row (PostgreSQL's row lock makes the second wait and then find it
 * closed; SQLite has one writer), and the other gets 409 with nothing written.
 */
export async function postDifferences(ctx: Ctx, inventoryId: number, input: PostInput, classOf?: ClassOf): Promise<PostResult> {
  requirePermission(ctx.actor, 'inventory');
  const problems = new Problems();
  checkQuery(input, problems);
  if (!input.postingDate) problems.add({ path: '/postingDate', code: 'INV_ERR_VALIDATION' });
  parseDate(input.postingDate, '/postingDate', problems);
  problems.throwIfAny();
  const phase = phases('post');
  const result = await inTransaction(ctx.store, async (trx) => {
    phase('begin');
    // under the write lock, before anything is written: equal to the preview's stamp only if nothing changed since
    const stamp = changeStamp(ctx.store);
    const at = nowTimestamp();
    const closed = await trx
      .updateTable('inventories')
      .set({ closed: 1, closed_at: at, closed_by: ctx.actor.username, posted_at: at })
      .where('id', '=', inventoryId)
      .where('closed', '=', 0)
      // a reversed inventory is open and unposted again (reversal.ts): it may be posted once more
      .where('posted_at', 'is', null)
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) !== 1) {
      assertOpen(await lockInventory(trx, ctx.store, inventoryId, 'none'));
      fail('INV_ERR_INVENTORY_CLOSED', { inventory: inventoryId });
    }
    const inv = await lockInventory(trx, ctx.store, inventoryId, 'none');
    phase('inventory closed');
    const c = (classOf ? undefined : takeDifferences<Computed>(ctx.store, inv, input, stamp)) ?? (await compute(trx, ctx.store, inv, input, classOf));
    // SPEC §12: the next inventory's allowance period starts after this stock date
    await trx.updateTable('inventories').set({ stock_date: c.stockDate }).where('id', '=', inv.id).execute();
    phase('differences');
    assertDecided(inventoryLabel(inv), c);
    await storeAccuracy(trx, ctx.store, inv.id, c);
    // SPEC §12: the inventory list's values per stock account, for the registrul-inventar
    await storeListTotals(trx, ctx.store, inv.id, c);
    phase('accuracy');
    const planned = await plannedRecords(trx, inv, c, input.postingDate, ctx.lang);
    phase('records planned');
    // nothing to post still posts at a date: the same open-period rule as records (year parameters, not closed)
    if (planned.length === 0) await assertOpenPeriod(trx, [input.postingDate]);
    // the negative stock of keys provably at their counted quantity from the posting date on is not read again
    const proof = { book: c.book, warehouseIds: [...c.warehouses.keys()], stockDate: c.stockDate, records: planned };
    const written = planned.length ? await writeRecords(trx, ctx.store, ctx.actor, planned, { negativeStockKeys: (lowered) => keysToCheck(trx, ctx.store, proof, lowered) }) : [];
    phase(`writeRecords (${planned.reduce((n, r) => n + r.lines.length, 0)} lines)`);
    const ids = written.map((w) => w.id);
    const totals = totalsView(c);
    for (const w of written) {
      await audit(trx, ctx.actor, 'record', w.id, 'create', null, {
        id: w.id,
        warehouse: c.warehouses.get(w.planned.warehouseId) ?? w.planned.warehouseId,
        template: w.planned.template.code,
        date: w.planned.date,
        number: w.number,
        origin: w.planned.origin,
        inventoryId: inv.id,
        lines: w.planned.lines.length,
      });
    }
    await audit(
      trx,
      ctx.actor,
      'inventory',
      inv.id,
      'post',
      { closed: false },
      { closed: true, postedAt: at, stockDate: c.stockDate, postingDate: input.postingDate, records: ids, totals },
    );
    phase('audit');
    const views = await postedViews(trx, written, c);
    phase('record views');
    return { inv, stockDate: c.stockDate, totals, ids, views };
  });
  phase('commit');
  const out = {
    inventoryId: result.inv.id,
    inventory: inventoryLabel(result.inv),
    stockDate: result.stockDate,
    postingDate: input.postingDate,
    totals: result.totals,
    records: result.views ?? (await recordViews(ctx.store.db, result.ids)),
  };
  phase('record views (read back)');
  return out;
}

/**
 * The posted records as GET /api/records/{id} shows them, built from what
 * was just written (headers read back, lines from the plan: the same values
 * the posting engine stored) instead of reading 100,000 lines again.
 * Undefined when a template posted mirror records: then they are read back.
 */
async function postedViews(db: Db, written: WrittenRecord[], c: Computed): Promise<RecordView[] | undefined> {
  if (written.length === 0) return [];
  if (written.some((w) => w.mirrorOf !== null)) return undefined;
  const headers = await db.selectFrom('records').selectAll().where('id', 'in', written.map((w) => w.id)).execute();
  const byId = new Map(headers.map((h) => [h.id, h]));
  return written.map((w) => {
    const h = byId.get(w.id)!;
    const t = w.planned.template;
    return {
      ...headerView(h, c.warehouses.get(h.warehouse_id)!, t.code),
      lines: w.planned.lines.map((m, i) =>
        lineView({
          lineNo: i + 1,
          item: c.items.get(m.itemId)!.code,
          variant: m.variant,
          location: m.location,
          lot: m.lot,
          serial: m.serial,
          jobOrder: m.jobOrder,
          account: m.account,
          quantity: m.quantity,
          unitCost: m.unitCost!,
          amount: movementAmount(m, m.unitCost!, t.type),
          altUom: m.altUom,
          altQuantity: m.altQuantity,
          notes: m.notes,
        }),
      ),
    };
  });
}

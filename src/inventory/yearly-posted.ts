/**
 * The POSTED results of an inventory (SPEC §12, issue 18): the differences
 * as they were posted, rebuilt from what the posting wrote, never from
 * today's ledger — a record back-dated later does not change a signed
 * inventory list or proces-verbal.
 *
 * - counted per key: the inventory's counted lines, as compute reads them;
 * - posted quantity per key and part: the movements of the inventory's own
 *   records of its last posting (records.inventory_id, origin 'inventory',
 *   after the last reversal; movements by record, both indexed), each part
 *   known by its record's template matched against the warehouse's stock
 *   difference parameters (compensation load/unload, allowance, imputable;
 *   anything else: the plain surplus/shortage part);
 * - book = counted − posted difference; unit cost = the posted line's;
 * - totals, groups and the positive compensation value differences recomputed
 *   from these; the view is the preview's (stock-differences-preview.ts `view`).
 *
 * Limits: a template serving two roles (e.g. the same template as shortage
 * and as imputable template) cannot tell the parts apart — the yearly role is
 * taken; parameters changed after the posting classify by the new ones;
 * confusion groups and allowance percentages are read as they are now.
 */
import type { Ctx } from '../core/context.ts';
import { Money, type Money as MoneyT, type Quantity as QuantityT, type UnitCost as UnitCostT, valueOf } from '../core/decimal.ts';
import { stockKeyString } from '../ledger/keys.ts';
import type { TemplateRow } from '../db/schema.ts';
import type { Store } from '../db/connection.ts';
import type { Db } from '../db/db.ts';
import { stockDifferenceTemplatesOf, type StockDifferenceTemplates } from '../masterdata/stock-difference-params.ts';
import { confusionGroupsOf } from '../masterdata/confusion-groups.ts';
import { allowancePctOf } from '../masterdata/loss-allowances.ts';
import { inTransaction, lockInventory, type InventoryRow } from './common.ts';
import { countedLines } from './counted-lines.ts';
import { effectiveCounts } from './recount-rounds.ts';
import { computeDifferences, priceDifferences, type BookStock } from './stock-differences-compute.ts';
import { controlRows } from './difference-control.ts';
import type { GroupSummary, RowSplit, WarehouseSummary } from './compensation.ts';
import { imputableByStorekeeper, view } from './stock-differences-preview.ts';
import { requireDifferenceReader, type Computed, type DifferencesView } from './stock-differences.ts';
import { commissionOf } from './yearly.ts';

type Part = 'normal' | 'compensated' | 'allowed' | 'imputable';

export type PostedDifferencesView = DifferencesView & {
  /** when the results were posted (the inventory's posted_at) */
  postedAt: string;
  /** the posting date of its records */
  postingDate: string | null;
};

const absq = (v: bigint) => (v < 0n ? -v : v);

/** The part a record's template posts, from the warehouse's stock difference parameters. */
function partOf(params: StockDifferenceTemplates | undefined, templateId: number): Part {
  if (!params) return 'normal';
  if (params.compensationLoadTemplate?.id === templateId || params.compensationUnloadTemplate?.id === templateId) return 'compensated';
  if (params.allowanceTemplate?.id === templateId) return 'allowed';
  if (params.imputableTemplate?.id === templateId) return 'imputable';
  return 'normal';
}

/** The records of the inventory's last posting: origin 'inventory', written after its last reversal (as reversal.ts reads them). */
export async function lastPostingRecords(db: Db, inventoryId: number): Promise<{ id: number; date: string }[]> {
  const rows = await db
    .selectFrom('records')
    .select(['id', 'origin', 'date'])
    .where('inventory_id', '=', inventoryId)
    .where('origin', 'in', ['inventory', 'reversal'])
    .orderBy('id')
    .execute();
  const lastReversal = rows.reduce((at, r, i) => (r.origin === 'reversal' ? i : at), -1);
  return rows.slice(lastReversal + 1).filter((r) => r.origin === 'inventory').map((r) => ({ id: Number(r.id), date: r.date }));
}

interface PostedKey {
  parts: Record<Part, bigint>;
  unitCost: bigint;
  /** the plain part's template, else the first part's */
  templateId: number;
}

/** The posted results of a posted inventory, inside the caller's transaction. */
export async function postedComputed(db: Db, store: Store, inv: InventoryRow): Promise<{ c: Computed; postingDate: string | null }> {
  const stored = await db.selectFrom('inventories').select(['stock_date']).where('id', '=', inv.id).executeTakeFirstOrThrow();
  const stockDate = stored.stock_date ?? inv.date;
  const counts = effectiveCounts(await countedLines(db, store, inv.id));
  const records = await lastPostingRecords(db, inv.id);
  const postingDate = records.reduce<string | null>((d, r) => (d === null || r.date > d ? r.date : d), null);

  // the posted movements per key and part
  const posted = new Map<string, PostedKey>();
  const paramsOf = new Map<number, StockDifferenceTemplates | undefined>();
  const ids = records.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const movements = await db
      .selectFrom('movements')
      .select(['warehouse_id', 'template_id', 'item_id', 'variant', 'lot', 'serial', 'location', 'job_order', 'account', 'quantity', 'unit_cost'])
      .where('record_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const m of movements) {
      if (!paramsOf.has(m.warehouse_id)) paramsOf.set(m.warehouse_id, await stockDifferenceTemplatesOf(db, m.warehouse_id));
      const part = partOf(paramsOf.get(m.warehouse_id), m.template_id);
      const k = stockKeyString({
        warehouseId: m.warehouse_id, itemId: m.item_id, variant: m.variant, lot: m.lot, serial: m.serial, location: m.location, jobOrder: m.job_order, account: m.account,
      });
      let p = posted.get(k);
      if (!p) posted.set(k, (p = { parts: { normal: 0n, compensated: 0n, allowed: 0n, imputable: 0n }, unitCost: BigInt(String(m.unit_cost)), templateId: m.template_id }));
      p.parts[part] += BigInt(String(m.quantity));
      if (part === 'normal') p.templateId = m.template_id;
    }
  }
  const postedOf = (k: string) => posted.get(k);
  const differenceOf = (p: PostedKey) => p.parts.normal + p.parts.compensated + p.parts.allowed + p.parts.imputable;

  // book = counted − posted difference; a key posted but not counted was zeroed (counted 0)
  const countedOf = new Map<string, bigint>();
  for (const l of counts.lines) {
    const k = stockKeyString(l);
    countedOf.set(k, (countedOf.get(k) ?? 0n) + l.counted);
  }
  const book: BookStock = new Map();
  for (const [k, q] of countedOf) {
    const b = q - (posted.has(k) ? differenceOf(posted.get(k)!) : 0n);
    if (b !== 0n) book.set(k, b);
  }
  for (const [k, p] of posted) if (!countedOf.has(k)) book.set(k, -differenceOf(p));
  // zeroUncounted brings in exactly the posted-only keys (the book above holds no other uncounted key)
  const diffs = computeDifferences(counts.lines, book, { zeroUncounted: true });
  const priced = priceDifferences(diffs, (d) => {
    const p = postedOf(stockKeyString(d));
    // (book was built as counted − posted: a difference comes from posted movements)
    if (!p) throw new Error('posted results: a difference without posted movements');
    return { templateId: p.templateId, unitCost: p.unitCost as UnitCostT };
  });
  const { rows, controls } = await controlRows(db, inv.id, priced.rows, counts, stockDate);

  const warehouseIds = [...new Set(rows.map((r) => r.warehouseId))];
  const warehouses = new Map(
    warehouseIds.length ? (await db.selectFrom('warehouses').select(['id', 'code']).where('id', 'in', warehouseIds).execute()).map((w) => [w.id, w.code]) : [],
  );
  const items = new Map<number, { code: string; description: string; uom: string }>();
  const itemIds = [...new Set(rows.map((r) => r.itemId))];
  for (let i = 0; i < itemIds.length; i += 500) {
    for (const r of await db.selectFrom('items').select(['id', 'code', 'description', 'uom']).where('id', 'in', itemIds.slice(i, i + 500)).execute()) items.set(r.id, r);
  }
  const templateIds = [...new Set([...posted.values()].map((p) => p.templateId))];
  const templates = new Map<number, TemplateRow>(
    templateIds.length ? (await db.selectFrom('templates').selectAll().where('id', 'in', templateIds).execute()).map((t) => [t.id, t as TemplateRow]) : [],
  );
  // report order as compute's: warehouse, item, then the other dimensions
  const keyed = rows.map((r) => ({
    r,
    k: [warehouses.get(r.warehouseId)!, items.get(r.itemId)!.code, r.variant, r.lot, r.serial, r.location, r.jobOrder, r.account].join('\u0000'),
  }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const sorted = keyed.map((x) => x.r);

  // SPEC §12 parts per row, groups and warehouse sums from the posted parts
  const splits: RowSplit[] = sorted.map((r) => {
    const p = postedOf(stockKeyString(r));
    const cost = (p?.unitCost ?? 0n) as UnitCostT;
    const q = (part: Part) => absq(p?.parts[part] ?? 0n) as QuantityT;
    return {
      compensated: q('compensated'),
      compensatedValue: valueOf(q('compensated'), cost),
      allowedLoss: q('allowed'),
      allowedLossValue: valueOf(q('allowed'), cost),
      imputable: q('imputable'),
      imputableValue: valueOf(q('imputable'), cost),
    };
  });
  const differing = sorted.filter((r) => r.difference !== 0n);
  const year = Number(stockDate.slice(0, 4));
  const groupOf = differing.length ? await confusionGroupsOf(db, year, [...new Set(differing.map((r) => r.itemId))]) : new Map<number, string>();
  const pctOf = differing.length ? await allowancePctOf(db, [...new Set(differing.filter((r) => r.difference < 0n).map((r) => r.itemId))]) : new Map<number, bigint>();
  const anyPart = splits.some((s) => s.compensated + s.allowedLoss + s.imputable > 0n);
  let yearly: Computed['yearly'];
  if (groupOf.size > 0 || pctOf.size > 0 || anyPart) {
    const groups = new Map<string, GroupSummary>();
    const whs = new Map<number, WarehouseSummary>();
    const groupOfRow = sorted.map((r) => groupOf.get(r.itemId) ?? null);
    let compensatedValueDifference = 0n;
    for (const [i, r] of sorted.entries()) {
      if (r.difference === 0n) continue;
      const s = splits[i];
      const w = whs.get(r.warehouseId) ?? whs.set(r.warehouseId, {
        warehouseId: r.warehouseId, remainingSurplusValue: Money.zero, remainingShortageValue: Money.zero, allowancesApplied: false, allowedLossValue: Money.zero, imputableValue: Money.zero,
      }).get(r.warehouseId)!;
      w.allowedLossValue = (w.allowedLossValue + s.allowedLossValue) as MoneyT;
      w.imputableValue = (w.imputableValue + s.imputableValue) as MoneyT;
      if (s.allowedLoss > 0n) w.allowancesApplied = true;
      const g = groupOfRow[i];
      if (g === null) continue;
      const gk = `${r.warehouseId}\u0000${g}`;
      const sum = groups.get(gk) ?? groups.set(gk, {
        warehouseId: r.warehouseId, group: g, surplus: 0n as QuantityT, shortage: 0n as QuantityT, compensated: 0n as QuantityT, valueDifference: Money.zero, imputable: Money.zero,
      }).get(gk)!;
      if (r.difference > 0n) {
        sum.surplus = (sum.surplus + r.difference) as QuantityT;
        sum.valueDifference = (sum.valueDifference - s.compensatedValue) as MoneyT;
      } else {
        sum.shortage = (sum.shortage - r.difference) as QuantityT;
        sum.valueDifference = (sum.valueDifference + s.compensatedValue) as MoneyT;
      }
    }
    for (const g of groups.values()) {
      g.compensated = (g.surplus < g.shortage ? g.surplus : g.shortage) as QuantityT;
      g.imputable = (g.valueDifference > 0n ? g.valueDifference : 0n) as MoneyT;
      compensatedValueDifference += g.valueDifference;
      // the positive value difference is imputable to the storekeeper (SPEC §12), as compensate() counts it
      const w = whs.get(g.warehouseId)!;
      w.imputableValue = (w.imputableValue + g.imputable) as MoneyT;
    }
    const warehouseList = [...whs.values()];
    yearly = {
      rows: splits,
      groups: [...groups.values()],
      warehouses: warehouseList,
      totals: {
        compensatedValueDifference: compensatedValueDifference as MoneyT,
        allowedLossValue: warehouseList.reduce((t, w) => t + w.allowedLossValue, 0n) as MoneyT,
        imputableValue: warehouseList.reduce((t, w) => t + w.imputableValue, 0n) as MoneyT,
      },
      groupOfRow,
    };
  }
  const params = new Map<number, StockDifferenceTemplates>();
  for (const [wh, p] of paramsOf) if (p) params.set(wh, p);
  const c: Computed = { processingDate: stockDate, stockDate, rows: sorted, controls, totals: priced.totals, templates, items, warehouses, book, params, yearly };
  return { c, postingDate };
}

/** The posted results of an inventory as the differences preview shows them (the documents after posting). */
export async function postedDifferences(ctx: Ctx, inventoryId: number): Promise<PostedDifferencesView> {
  requireDifferenceReader(ctx.actor);
  return inTransaction(
    ctx.store,
    async (trx) => {
      const inv = await lockInventory(trx, ctx.store, inventoryId, 'none');
      if (!inv.posted_at) throw new Error(`inventory ${inv.id} is not posted`);
      const { c, postingDate } = await postedComputed(trx, ctx.store, inv);
      const out = view(inv, { zeroUncounted: c.rows.some((r) => r.uncounted) }, c);
      if (out.totals.imputableByWarehouse) out.totals.imputableByStorekeeper = imputableByStorekeeper(out.totals.imputableByWarehouse, await commissionOf(trx, inv.id));
      return { ...out, postedAt: inv.posted_at!, postingDate };
    },
    'read',
  );
}

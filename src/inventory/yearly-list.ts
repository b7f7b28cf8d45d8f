/**
 * The inventory list of the Romanian yearly inventory (SPEC §12, form
 * 14-3-12): every key of the differences preview with its unit price, book
 * value (round(book × price, 2)), inventory value (round(counted × price, 2))
 * and value difference (the preview's value, as it is posted).
 *
 * The unit price of a key with a difference is the one it is posted at; of a
 * key without difference, the proposed cost of the warehouse's shortage
 * (unload) template at the stock date (average cost without stock difference
 * parameters) — the same rule as the accuracy figures (accuracy-figures.ts).
 *
 * When the differences are posted, the list's values per warehouse and stock
 * account are stored (`inventory_list_totals`), for the registrul-inventar.
 */
import type { Ctx } from '../core/context.ts';
import { effectiveStockAccount } from '../core/accounts.ts';
import { Money, Quantity, UnitCost, valueOf, type Money as MoneyT, type Quantity as QuantityT, type UnitCost as UnitCostT } from '../core/decimal.ts';
import type { Store } from '../db/connection.ts';
import type { Db } from '../db/db.ts';
import { stockDifferenceTemplatesOf } from '../masterdata/stock-difference-params.ts';
import { proposedCosts, type CostRequest } from './book.ts';
import type { ProposedCost } from '../valuation/proposed-cost.ts';
import { postedDifferences, type PostedDifferencesView } from './yearly-posted.ts';
import { previewDifferences } from './stock-differences-preview.ts';
import type { Computed, DifferenceQuery, DifferenceRowView, DifferencesView } from './stock-differences.ts';

/** A row of the differences preview (with the yearly inventory's parts, SPEC §12). */
export type YearlyDifferenceRow = DifferenceRowView;

/** The preview, or for a posted inventory the results as posted (yearly-posted.ts, with `postedAt` and `postingDate`). */
export type YearlyDifferencesView = DifferencesView & Partial<Pick<PostedDifferencesView, 'postedAt' | 'postingDate'>>;

export interface InventoryListRow {
  /** nr. crt. */
  no: number;
  warehouse: string;
  item: string;
  description: string;
  uom: string;
  /** the other dimensions of the key, joined ("RED / L1"); '' when none */
  dimensions: string;
  book: QuantityT;
  counted: QuantityT;
  plus: QuantityT;
  minus: QuantityT;
  unitPrice: UnitCostT;
  bookValue: MoneyT;
  inventoryValue: MoneyT;
  valuePlus: MoneyT;
  valueMinus: MoneyT;
  source: YearlyDifferenceRow;
}

export interface InventoryListTotals {
  bookValue: MoneyT;
  inventoryValue: MoneyT;
  valuePlus: MoneyT;
  valueMinus: MoneyT;
}

export interface InventoryList {
  view: YearlyDifferencesView;
  /** the warehouses of the list (one when asked for one) */
  warehouses: string[];
  rows: InventoryListRow[];
  totals: InventoryListTotals;
}

/** The unit prices of keys without a difference: the unload template's proposed cost per warehouse. */
async function missingPrices(db: Db, store: Store, keys: { itemId: number; warehouseId: number }[], stockDate: string): Promise<(itemId: number, warehouseId: number) => UnitCostT> {
  const howOf = new Map<number, ProposedCost>();
  for (const wh of new Set(keys.map((k) => k.warehouseId))) howOf.set(wh, (await stockDifferenceTemplatesOf(db, wh))?.unload.proposed_cost ?? 'average');
  const requests: CostRequest[] = keys.map((k) => ({ ...k, how: howOf.get(k.warehouseId)! }));
  const costOf = requests.length ? await proposedCosts(db, store, requests, stockDate) : () => UnitCost.zero;
  return (itemId, warehouseId) => costOf({ itemId, warehouseId, how: howOf.get(warehouseId)! });
}

export function sumList(rows: InventoryListRow[]): InventoryListTotals {
  const t = { bookValue: 0n, inventoryValue: 0n, valuePlus: 0n, valueMinus: 0n };
  for (const r of rows) {
    t.bookValue += r.bookValue;
    t.inventoryValue += r.inventoryValue;
    t.valuePlus += r.valuePlus;
    t.valueMinus += r.valueMinus;
  }
  return t as InventoryListTotals;
}

async function idsByCode(db: Db, table: 'items' | 'warehouses', codes: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 500) {
    for (const r of await db.selectFrom(table).select(['id', 'code']).where('code', 'in', unique.slice(i, i + 500)).execute()) out.set(r.code, r.id);
  }
  return out;
}

/**
 * The list of an inventory, of one warehouse or all: of an open inventory
 * from its differences preview (the same query); of a posted one from its
 * posted results (yearly-posted.ts; the query is then not used).
 */
export async function inventoryList(ctx: Ctx, inventoryId: number, q: DifferenceQuery, warehouse?: string): Promise<InventoryList> {
  const inv = await ctx.store.db.selectFrom('inventories').select(['posted_at']).where('id', '=', inventoryId).executeTakeFirst();
  const view: YearlyDifferencesView = inv?.posted_at ? await postedDifferences(ctx, inventoryId) : await previewDifferences(ctx, inventoryId, q);
  const rows = warehouse ? view.rows.filter((r) => r.warehouse === warehouse) : view.rows;
  const unpriced = rows.filter((r) => r.unitCost === null);
  let priceOf: (r: YearlyDifferenceRow) => UnitCostT = (r) => UnitCost.parse(r.unitCost!)!;
  if (unpriced.length) {
    const db = ctx.store.db;
    const items = await idsByCode(db, 'items', unpriced.map((r) => r.item));
    const warehouses = await idsByCode(db, 'warehouses', unpriced.map((r) => r.warehouse));
    const missing = await missingPrices(db, ctx.store, unpriced.map((r) => ({ itemId: items.get(r.item)!, warehouseId: warehouses.get(r.warehouse)! })), view.stockDate);
    priceOf = (r) => (r.unitCost !== null ? UnitCost.parse(r.unitCost)! : missing(items.get(r.item)!, warehouses.get(r.warehouse)!));
  }
  const out: InventoryListRow[] = rows.map((r, i) => {
    const book = Quantity.parse(r.book)!;
    const counted = Quantity.parse(r.counted)!;
    const difference = Quantity.parse(r.difference)!;
    const value = Money.parse(r.value)!;
    const unitPrice = priceOf(r);
    return {
      no: i + 1,
      warehouse: r.warehouse,
      item: r.item,
      description: r.description,
      uom: r.uom,
      dimensions: [r.variant, r.lot, r.serial, r.location, r.jobOrder, r.account].filter((d) => d).join(' / '),
      book,
      counted,
      plus: (difference > 0n ? difference : 0n) as QuantityT,
      minus: (difference < 0n ? -difference : 0n) as QuantityT,
      unitPrice,
      bookValue: valueOf(book, unitPrice),
      inventoryValue: valueOf(counted, unitPrice),
      valuePlus: (value > 0n ? value : 0n) as MoneyT,
      valueMinus: (value < 0n ? -value : 0n) as MoneyT,
      source: r,
    };
  });
  return { view, warehouses: warehouse ? [warehouse] : [...new Set(view.rows.map((r) => r.warehouse))], rows: out, totals: sumList(out) };
}

/**
 * Stores the list's values of a posting per warehouse and stock account
 * (replacing those of an earlier posting of the same inventory), inside the
 * posting's transaction.
 */
export async function storeListTotals(db: Db, store: Store, inventoryId: number, c: Pick<Computed, 'rows' | 'stockDate'>): Promise<void> {
  const unpriced = c.rows.filter((r) => !r.pricing);
  const missing = await missingPrices(db, store, unpriced.map((r) => ({ itemId: r.itemId, warehouseId: r.warehouseId })), c.stockDate);
  const accountOf = new Map<number, string>();
  const itemIds = [...new Set(c.rows.map((r) => r.itemId))];
  for (let i = 0; i < itemIds.length; i += 500) {
    for (const it of await db.selectFrom('items').select(['id', 'stock_account', 'item_type']).where('id', 'in', itemIds.slice(i, i + 500)).execute()) {
      accountOf.set(it.id, effectiveStockAccount(it.stock_account, it.item_type));
    }
  }
  const sums = new Map<string, { warehouseId: number; account: string; lines: number; book: bigint; inventory: bigint }>();
  for (const r of c.rows) {
    const price = r.pricing?.unitCost ?? missing(r.itemId, r.warehouseId);
    const account = accountOf.get(r.itemId)!;
    const k = `${r.warehouseId}|${account}`;
    const s = sums.get(k) ?? sums.set(k, { warehouseId: r.warehouseId, account, lines: 0, book: 0n, inventory: 0n }).get(k)!;
    s.lines++;
    s.book += valueOf(r.book as QuantityT, price);
    s.inventory += valueOf(r.counted as QuantityT, price);
  }
  await db.deleteFrom('inventory_list_totals').where('inventory_id', '=', inventoryId).execute();
  if (!sums.size) return;
  await db
    .insertInto('inventory_list_totals')
    .values(
      [...sums.values()].map((s) => ({
        inventory_id: inventoryId,
        warehouse_id: s.warehouseId,
        stock_account: s.account,
        stock_date: c.stockDate,
        lines: s.lines,
        book_value: s.book,
        inventory_value: s.inventory,
      })),
    )
    .execute();
}

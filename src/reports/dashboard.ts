/**
 * The home dashboard's figures (issue 15 point 6, issue 16 point 6):
 * GET /api/dashboard. The charts' valuations have their own routes
 * (month-end-values.ts, cost-method-comparison.ts), so this one stays as
 * cheap as a differences preview of the open inventories.
 *
 *   - open inventories (the 10 latest by date): per list the keys counted
 *     and the keys expected, and the differences so far (SPEC §5 preview at
 *     the inventory's date, no zeroing of uncounted keys: what
 *     GET /api/inventories/{id}/differences answers) with their surplus,
 *     shortage and net value; an inventory whose preview is refused (e.g. a
 *     warehouse without stock difference parameters) carries the problem
 *     instead of values;
 *   - the differences so far over those inventories: the sums of their
 *     totals, and the ten rows of largest |value| (ties: inventory, then the
 *     preview's order);
 *   - the last closing and the open period of today's year (SPEC §7, year
 *     parameters);
 *   - count accuracy over time (SPEC §11): per posted inventory, the figures
 *     stored at its posting (inventory_accuracy), summed over its
 *     warehouses, for the 24 latest posted inventories, oldest first.
 *
 * Keys expected by a list: a pre-filled list (a recount or cycle-count list,
 * SPEC §11) expects its own lines; any other list the keys with non-zero
 * book stock of its warehouse at the inventory's date (several lists on one
 * warehouse each expect all of them). Counted: the list's lines with a
 * count.
 *
 * The answer is kept until the audit trail moves (every change is audited,
 * SPEC §10) or the day changes, for at most a minute.
 */
import type { Ctx } from '../core/context.ts';
import { Money, Quantity } from '../core/decimal.ts';
import { today, yearOf } from '../core/dates.ts';
import { formatMessage, InventarError } from '../core/errors.ts';
import type { ErrorCode } from '../core/errors.ts';
import { requirePermission } from '../core/roles.ts';
import { bookStock } from '../inventory/book.ts';
import { inTransaction, inventoryLabel, type InventoryRow } from '../inventory/common.ts';
import { accuracyView, addFigures, NO_FIGURES } from '../inventory/accuracy.ts';
import { compute, type Computed } from '../inventory/stock-differences.ts';
import { yearParamsFor } from '../masterdata/year-params.ts';
import type { Db } from '../db/db.ts';
import type { AccuracyPoint, DashboardInventory, DashboardView, LargestDifference } from './dashboard-view.ts';

export const OPEN_INVENTORIES = 10;
export const LARGEST_DIFFERENCES = 10;
export const ACCURACY_POINTS = 24;
const KEEP_MS = 60_000;

export type { DashboardList, DashboardInventory, LargestDifference, AccuracyPoint, DashboardView } from './dashboard-view.ts';

const SEP = '\u0001';
const warehouseOfKey = (key: string) => Number(key.slice(0, key.indexOf(SEP)));

interface Kept {
  mark: number;
  day: string;
  lang: string;
  at: number;
  value: Promise<DashboardView>;
}
const kept = new WeakMap<object, Kept>();

async function lastAuditId(db: Db): Promise<number> {
  const r = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return r?.id == null ? 0 : Number(r.id);
}

export async function dashboard(ctx: Ctx): Promise<DashboardView> {
  requirePermission(ctx.actor, 'read');
  const day = today();
  const mark = await lastAuditId(ctx.store.db);
  const k = kept.get(ctx.store.db);
  if (k && k.mark === mark && k.day === day && k.lang === ctx.lang && Date.now() - k.at < KEEP_MS) return k.value;
  const value = build(ctx, day);
  const entry: Kept = { mark, day, lang: ctx.lang, at: Date.now(), value };
  kept.set(ctx.store.db, entry);
  value.catch(() => {
    if (kept.get(ctx.store.db) === entry) kept.delete(ctx.store.db);
  });
  return value;
}

async function build(ctx: Ctx, day: string): Promise<DashboardView> {
  return inTransaction(
    ctx.store,
    async (trx) => {
      const open = (await trx
        .selectFrom('inventories')
        .selectAll()
        .where('closed', '=', 0)
        .orderBy('date', 'desc')
        .orderBy('id', 'desc')
        .limit(OPEN_INVENTORIES)
        .execute()) as InventoryRow[];
      const total = await trx.selectFrom('inventories').select((eb) => eb.fn.countAll<number>().as('n')).where('closed', '=', 0).executeTakeFirstOrThrow();
      const inventories: DashboardInventory[] = [];
      const largest: LargestDifference[] = [];
      let surplus = 0n;
      let shortage = 0n;
      for (const inv of open) {
        const { view, rows } = await inventoryFigures(ctx, trx, inv);
        inventories.push(view);
        largest.push(...rows);
        if (view.differences) {
          surplus += Money.parse(view.differences.surplusValue)!;
          shortage += Money.parse(view.differences.shortageValue)!;
        }
      }
      const magnitude = (v: string) => {
        const m = Money.parse(v)!;
        return m < 0n ? -m : m;
      };
      // stable: equal magnitudes keep the inventories' and the previews' order
      largest.sort((a, b) => {
        const d = magnitude(b.value) - magnitude(a.value);
        return d > 0n ? 1 : d < 0n ? -1 : 0;
      });
      const closing = await trx.selectFrom('closings').select(['id', 'closing_date', 'method', 'created_at']).orderBy('closing_date', 'desc').limit(1).executeTakeFirst();
      const params = await yearParamsFor(trx, yearOf(day));
      return {
        date: day,
        openInventories: inventories,
        openInventoriesTotal: Number(total.n),
        differences: { surplusValue: Money.format(surplus), shortageValue: Money.format(shortage), netValue: Money.format(surplus - shortage) },
        largestDifferences: largest.slice(0, LARGEST_DIFFERENCES),
        lastClosing: closing ? { id: closing.id, closingDate: closing.closing_date, method: closing.method, createdAt: closing.created_at } : null,
        period: params ? { year: params.year, periodStart: params.periodStart, periodEnd: params.periodEnd, lastClosingDate: params.lastClosingDate } : null,
        accuracy: await accuracyOverTime(trx),
      };
    },
    'read',
  );
}

async function inventoryFigures(ctx: Ctx, trx: Db, inv: InventoryRow): Promise<{ view: DashboardInventory; rows: LargestDifference[] }> {
  const label = inventoryLabel(inv);
  const lists = await trx
    .selectFrom('inventory_lists as l')
    .innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
    .innerJoin('employees as e', 'e.id', 'l.employee_id')
    .innerJoin('list_types as t', 't.id', 'l.list_type_id')
    .select(['l.id', 'l.warehouse_id', 'l.recount_round', 'w.code as warehouse', 'e.code as employee', 'e.name as employeeName', 't.code as listType'])
    .where('l.inventory_id', '=', inv.id)
    .orderBy('l.id')
    .execute();
  const lineCounts = new Map<number, { lines: number; counted: number }>();
  if (lists.length) {
    const rows = await trx
      .selectFrom('inventory_lines')
      .select('list_id')
      .select((eb) => [eb.fn.countAll<number>().as('lines'), eb.fn.sum<number>('counted').as('counted')])
      .where(
        'list_id',
        'in',
        lists.map((l) => l.id),
      )
      .groupBy('list_id')
      .execute();
    for (const r of rows) lineCounts.set(r.list_id, { lines: Number(r.lines), counted: Number(r.counted ?? 0) });
  }
  const view: DashboardInventory = { id: inv.id, inventory: label, date: inv.date, description: inv.description, lists: [] };
  let computed: Computed | undefined;
  try {
    computed = await compute(trx, ctx.store, inv, {});
  } catch (e) {
    if (!(e instanceof InventarError)) throw e;
    view.problem = { code: e.code, message: formatMessage(e.code as ErrorCode, e.params, ctx.lang) };
  }
  // book keys per warehouse: the preview's book stock, read here for the warehouses it did not read
  const bookKeys = new Map<number, number>();
  const count = (book: Map<string, bigint>) => {
    for (const key of book.keys()) {
      const wh = warehouseOfKey(key);
      bookKeys.set(wh, (bookKeys.get(wh) ?? 0) + 1);
    }
  };
  const read = new Set<number>();
  if (computed) {
    count(computed.book);
    for (const r of computed.rows) read.add(r.warehouseId);
  }
  const unread = [...new Set(lists.map((l) => l.warehouse_id))].filter((w) => !read.has(w)).sort((a, b) => a - b);
  if (unread.length) count(await bookStock(trx, ctx.store, { warehouseIds: unread, date: inv.date }));
  for (const l of lists) {
    const c = lineCounts.get(l.id) ?? { lines: 0, counted: 0 };
    const prefilled = l.recount_round === 1 || c.lines > c.counted;
    view.lists.push({
      id: l.id,
      warehouse: l.warehouse,
      employee: l.employee,
      employeeName: l.employeeName,
      listType: l.listType,
      recount: l.recount_round === 1,
      counted: c.counted,
      expected: prefilled ? c.lines : (bookKeys.get(l.warehouse_id) ?? 0),
    });
  }
  const rows: LargestDifference[] = [];
  if (computed) {
    const t = computed.totals;
    view.differences = {
      surplusValue: Money.format(t.surplusValue),
      shortageValue: Money.format(t.shortageValue),
      netValue: Money.format(t.netValue),
      differingKeys: t.differingKeys,
      overTolerance: computed.rows.filter((r) => r.overTolerance).length,
    };
    for (const r of computed.rows) {
      if (r.value === 0n) continue;
      const item = computed.items.get(r.itemId)!;
      rows.push({
        inventoryId: inv.id,
        inventory: label,
        warehouse: computed.warehouses.get(r.warehouseId)!,
        item: item.code,
        description: item.description,
        uom: item.uom,
        variant: r.variant,
        lot: r.lot,
        location: r.location,
        counted: fmtQuantity(r.counted),
        book: fmtQuantity(r.book),
        difference: fmtQuantity(r.difference),
        value: Money.format(r.value),
      });
    }
    // only the largest of each inventory can make the ten
    rows.sort((a, b) => {
      const x = Money.parse(a.value)!;
      const y = Money.parse(b.value)!;
      const d = (y < 0n ? -y : y) - (x < 0n ? -x : x);
      return d > 0n ? 1 : d < 0n ? -1 : 0;
    });
    rows.splice(LARGEST_DIFFERENCES);
  }
  return { view, rows };
}

const fmtQuantity = (q: bigint) => Quantity.format(q);

async function accuracyOverTime(trx: Db): Promise<AccuracyPoint[]> {
  const posted = await trx
    .selectFrom('inventories')
    .select(['id', 'year', 'number', 'date'])
    .where('posted_at', 'is not', null)
    .where('closed', '=', 1)
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(ACCURACY_POINTS)
    .execute();
  if (posted.length === 0) return [];
  const figures = await trx
    .selectFrom('inventory_accuracy')
    .selectAll()
    .where(
      'inventory_id',
      'in',
      posted.map((p) => p.id),
    )
    .execute();
  const points: AccuracyPoint[] = [];
  for (const inv of [...posted].reverse()) {
    const mine = figures.filter((f) => f.inventory_id === inv.id);
    if (mine.length === 0) continue;
    let total = NO_FIGURES;
    for (const f of mine) {
      total = addFigures(total, { keys: f.keys, keysWithoutDifference: f.keys_without_difference, bookValue: BigInt(f.book_value), differenceValue: BigInt(f.difference_value) });
    }
    points.push({ inventoryId: inv.id, inventory: inventoryLabel(inv), date: inv.date, ...accuracyView(total) });
  }
  return points;
}

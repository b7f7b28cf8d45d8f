/**
 * Reading the ledger for valuation: the one place that turns movement rows
 * into the `CostMovement`s the cost methods see, and the ordered, streaming
 * read of many items' movements.
 *
 * Order (SPEC §3): item, then posting date, record number, record id, line
 * number — the index movements_item_ix. Items are read in batches of item ids
 * (ascending); within a batch rows arrive one at a time, read by
 * db/ledger-reads.ts (SQLite: prepared statements, raw rows; PostgreSQL:
 * keyset pages), so at most one page is held, however many movements an item has.
 */
import type { Money, Quantity, UnitCost } from '../core/decimal.ts';
import type { Store } from '../db/connection.ts';
import { readLedgerItemPages, readLedgerRows, type LedgerRange } from '../db/ledger-reads.ts';
import type { TemplateRow } from '../db/schema.ts';
import type { Db } from '../db/db.ts';
import { DIMENSION_COLUMN, type Dimension } from '../ledger/keys.ts';
import type { CostMovement } from './movement.ts';

/** The template flags that matter to costs. */
export interface CostTemplate {
  id: number;
  warehouseId: number;
  code: string;
  fiscal: boolean;
  updateAverageCost: boolean;
  updateLastCost: boolean;
  considerZero: boolean;
  /** the oddments template: its lines are the opening records of closings */
  opening: boolean;
}

/** The template columns behind a CostTemplate. */
const COST_TEMPLATE_COLUMNS = ['id', 'warehouse_id', 'code', 'fiscal_interest', 'update_average_cost', 'update_last_cost', 'consider_zero_movements', 'oddments'] as const;

/** A template row's cost flags. */
export function costTemplateOf(t: Pick<TemplateRow, (typeof COST_TEMPLATE_COLUMNS)[number]>): CostTemplate {
  return {
    id: t.id,
    warehouseId: t.warehouse_id,
    code: t.code,
    fiscal: t.fiscal_interest === 1,
    updateAverageCost: t.update_average_cost === 1,
    updateLastCost: t.update_last_cost === 1,
    considerZero: t.consider_zero_movements === 1,
    opening: t.oddments === 1,
  };
}

export async function costTemplates(db: Db): Promise<Map<number, CostTemplate>> {
  const rows = await db.selectFrom('templates').select(COST_TEMPLATE_COLUMNS).execute();
  return new Map(rows.map((t) => [t.id, costTemplateOf(t)]));
}

/** The movement columns a cost method reads. */
export interface CostRowFields {
  date: string;
  quantity: bigint;
  unitCost: bigint;
  amount: bigint;
  lot: string;
}

/**
 * The one conversion from a ledger row to a cost movement (the streaming
 * reads and `costMovements` all go through it): fiscal = item AND template
 * fiscal interest; cost flags from the template; opening = a line of the
 * oddments template (a closing's opening record).
 */
export function toCostMovement(
  row: CostRowFields,
  template: CostTemplate,
  item: { code: string; fiscal: boolean },
  warehouseCode: string,
): CostMovement {
  return costMovementOf(template, item, warehouseCode, row.date, row.quantity, row.unitCost, row.amount, row.lot);
}

/** `toCostMovement` with the row's fields given one by one (the raw read's hot path: no object but the movement). */
export function costMovementOf(
  template: CostTemplate,
  item: { code: string; fiscal: boolean },
  warehouseCode: string,
  date: string,
  quantity: bigint,
  unitCost: bigint,
  amount: bigint,
  lot: string,
): CostMovement {
  return {
    date,
    warehouse: warehouseCode,
    item: item.code,
    lot,
    quantity: quantity as Quantity,
    unitCost: unitCost as UnitCost,
    amount: amount as Money,
    fiscal: item.fiscal && template.fiscal,
    updateAverageCost: template.updateAverageCost,
    updateLastCost: template.updateLastCost,
    considerZero: template.considerZero,
    opening: template.opening,
  };
}

/** One movement as `readLedger` hands it over (every column a cost, a check or a key may need). */
export interface LedgerRow extends CostRowFields {
  itemId: number;
  warehouseId: number;
  templateId: number;
  /** the requested dimensions, in the order asked */
  dims: string[];
}

/**
 * One movement as `readLedgerRaw` hands it over: a raw row, read with the
 * `R_*` positions (no object per row on the hot path). The raw read leaves
 * out what no cost method reads — the unit cost of unloads (null) and the
 * amount of lines with a quantity (null) — and the item (given with each
 * page) and the warehouse, which is the template's (SPEC §3: a record's
 * template belongs to its warehouse).
 */
export type RawLedgerRow = unknown[];
export const R_TEMPLATE = 0;
export const R_DATE = 1;
export const R_QUANTITY = 2;
/** null for unloads */
export const R_UNIT_COST = 3;
/** null unless the quantity is zero */
export const R_AMOUNT = 4;
/** the lot, only when lots were asked (`lots: true`) */
export const R_LOT = 5;
/** where the requested dimensions start (in the order asked): after the lot when there is one */
export const rawDimsAt = (lots: boolean): number => (lots ? 6 : 5);

/** The batch and date range (db/ledger-reads.ts `LedgerRange`) and what to read of each row. */
export interface LedgerReadOptions extends LedgerRange {
  /** readLedgerRaw: read the lot of each row (readLedger always does) */
  lots?: boolean;
  /** dimension values to carry on each row */
  dims?: readonly Dimension[];
  /**
   * readLedgerRaw: more select expressions over `movements`, after the dims
   * (code-made SQL, never user input): what a caller writing lines back needs,
   * e.g. the re-valuation's id, stored cost and amount, transfer partner.
   */
  extra?: readonly string[];
  /**
   * readLedgerRaw: the templates of transfers (`transferTemplateIds`): with
   * them, a transfer's load is fed right after its unload (see
   * `transfersInOrder`), and each row carries its pair's key as one more
   * column after the extra ones. For costs kept per item only.
   */
  transfers?: readonly number[];
}

const FULL = ['item_id', 'template_id', 'date', 'quantity', 'unit_cost', 'amount', 'lot', 'warehouse_id'];
const FULL_DIMS = FULL.length;

function trimmed(lots: boolean): string[] {
  const cols = ['template_id', 'date', 'quantity', 'case when quantity > 0 then unit_cost end', 'case when quantity = 0 then amount end'];
  return lots ? [...cols, 'lot'] : cols;
}

/**
 * Calls `onRow` for every movement of the batch's items in ledger order,
 * as a `LedgerRow` object with every column. `onRow` is synchronous; on
 * SQLite nothing may write on the connection meanwhile (reads are allowed).
 */
export async function readLedger(store: Store, options: LedgerReadOptions, onRow: (row: LedgerRow) => void): Promise<void> {
  const ids = options.itemIds;
  if (ids.length === 0) return;
  const dims = options.dims ?? [];
  const cols = [...FULL, ...dims.map((d) => DIMENSION_COLUMN[d])];
  const emit = (r: unknown[]) => {
    const d: string[] = [];
    for (let i = 0; i < dims.length; i++) d.push(r[FULL_DIMS + i] as string);
    onRow({
      itemId: Number(r[0]),
      templateId: Number(r[1]),
      date: r[2] as string,
      quantity: scaledOf(r[3]),
      unitCost: scaledOf(r[4]),
      amount: scaledOf(r[5]),
      lot: r[6] as string,
      warehouseId: Number(r[7]),
      dims: d,
    });
  };
  await readLedgerRows(store, options, cols, emit);
}

/**
 * The valuation hot path: the batch's movements in ledger order as trimmed
 * raw rows (see `RawLedgerRow`), handed over item by item in pages:
 * `onRows(itemId, rows)` is called one or more times per item that has
 * movements, items ascending. On SQLite each item is one indexed range read
 * of at most `pageSize` rows per call (memory stays bounded even for an item
 * with millions of movements); on PostgreSQL keyset pages over the batch.
 */
export async function readLedgerRaw(store: Store, options: LedgerReadOptions, onRows: (itemId: number, rows: RawLedgerRow[]) => void): Promise<void> {
  const ids = options.itemIds;
  if (ids.length === 0) return;
  const dims = options.dims ?? [];
  const cols = [...trimmed(options.lots ?? false), ...dims.map((d) => DIMENSION_COLUMN[d]), ...(options.extra ?? [])];
  const transfers = options.transfers ?? [];
  if (transfers.length === 0) return readLedgerItemPages(store, options, cols, onRows);
  const inOrder = transfersInOrder(cols.length, onRows);
  await readLedgerItemPages(store, options, [...cols, pairKeyColumn(transfers)], inOrder.onRows);
  inOrder.end();
}

/** The templates of transfers: those with an offset template (a record of theirs has a mirror) and those offset targets (their records may be mirrors). */
export async function transferTemplateIds(db: Db): Promise<number[]> {
  const offsets = await db.selectFrom('templates').select(['id', 'offset_template_id']).where('offset_template_id', 'is not', null).execute();
  const ids = new Set<number>();
  for (const t of offsets) {
    ids.add(t.id);
    ids.add(t.offset_template_id!);
  }
  return [...ids].sort((a, b) => a - b);
}

/** A transfer line's pair key: its transfer's record id (the mirror's `mirror_of`, or its own id) and its line number; null for other lines. */
function pairKeyColumn(transfers: readonly number[]): string {
  return (
    `case when template_id in (${transfers.map((id) => Number(id)).join(', ')}) then ` +
    "coalesce((select r.mirror_of from records r where r.id = movements.record_id), record_id) || ':' || line_no end"
  );
}

/**
 * Costs kept per item: a transfer moves stock between two warehouses of the
 * same cost scope and must leave its value unchanged — its load enters at
 * the cost its unload left at. SPEC §3 orders by date, then record number,
 * and record numbers are per warehouse, so the mirror's load (SHOP's record 1)
 * can come before its unload (MAIN's record 2) on the same day, and a moving
 * average would take the load in at a cost not yet known and move the rate.
 * Here a transfer's load that comes before its unload waits and is handed on
 * right after it; every other row keeps its place. A load whose unload is not
 * read (never: both lines have the same date and item) is handed on at its
 * item's end.
 */
export function transfersInOrder(
  keyAt: number,
  onRows: (itemId: number, rows: RawLedgerRow[]) => void,
): { onRows: (itemId: number, rows: RawLedgerRow[]) => void; end(): void } {
  let current = -1;
  let held = new Map<string, RawLedgerRow>();
  let unloaded = new Set<string>();
  const flush = () => {
    if (held.size > 0) onRows(current, [...held.values()]);
    held = new Map();
    unloaded = new Set();
  };
  return {
    onRows(itemId, rows) {
      if (itemId !== current) {
        flush();
        current = itemId;
      }
      const out: RawLedgerRow[] = [];
      for (const row of rows) {
        const key = row[keyAt] as string | null;
        if (key !== null && key !== undefined) {
          const quantity = row[R_QUANTITY] as bigint;
          if (quantity > 0n && !unloaded.has(key)) {
            held.set(key, row);
            continue;
          }
          if (quantity < 0n) {
            unloaded.add(key);
            out.push(row);
            const load = held.get(key);
            if (load) {
              held.delete(key);
              out.push(load);
            }
            continue;
          }
        }
        out.push(row);
      }
      if (out.length > 0) onRows(itemId, out);
    },
    end: flush,
  };
}

/** A scaled integer column of a raw row: SQLite safe integers and pg int8 are bigint already; null is 0. */
export function scaledOf(v: unknown): bigint {
  return typeof v === 'bigint' ? v : v === null || v === undefined ? 0n : BigInt(v as string | number);
}

/** One item's valuing as the read loop feeds it: its rows page by page, in ledger order, then its end. */
export interface ItemFold {
  push(rows: readonly RawLedgerRow[]): void;
  end(): void;
}

export interface ItemStreamOptions<I extends { id: number }> {
  /** the items, ascending by id */
  items: readonly I[];
  /** items per batch (one ledger read per batch) */
  batchSize: number;
  /** the range and columns of every batch's read */
  read: Omit<LedgerReadOptions, 'itemIds'>;
  /** before a batch's read: what its items' folds start from (a closing history, …); answers how to start an item */
  batch(items: readonly I[]): Promise<(item: I) => ItemFold>;
  /** after a batch's read: the ids of its items that had movements */
  afterBatch?(items: readonly I[], seen: ReadonlySet<number>, start: (item: I) => ItemFold): Promise<void>;
}

/**
 * The one read loop of the valuation and closing passes: the items' movements
 * in ledger order, batch by batch, each item's rows fed to the fold its batch
 * starts for it (`readLedgerRaw`: one item at a time, pages of rows). The
 * valuing itself is the folds' (pure, no I/O).
 */
export async function streamItems<I extends { id: number }>(store: Store, o: ItemStreamOptions<I>): Promise<void> {
  for (let i = 0; i < o.items.length; i += o.batchSize) {
    const batch = o.items.slice(i, i + o.batchSize);
    const byId = new Map(batch.map((b) => [b.id, b]));
    const seen = new Set<number>();
    const start = await o.batch(batch);
    let fold: ItemFold | undefined;
    let current = -1;
    await readLedgerRaw(store, { ...o.read, itemIds: batch.map((b) => b.id) }, (itemId, rows) => {
      if (current !== itemId) {
        fold?.end();
        const item = byId.get(itemId);
        if (!item) throw new Error(`movement of unknown item ${itemId}`);
        fold = start(item);
        current = itemId;
        seen.add(itemId);
      }
      fold!.push(rows);
    });
    fold?.end();
    await o.afterBatch?.(batch, seen, start);
  }
}

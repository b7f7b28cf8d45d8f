/**
 * The closing checks (SPEC §7.1): errors block the closing, warnings do not.
 * Every issue carries a stable code, a message in the caller's language, a
 * path naming what it is about, and the offending key, record line or
 * inventory.
 *
 * Errors: closing date not after the last closing or in the future; no
 * parameters for the closing's year; negative book stock of a closing key at
 * the closing date; lines of lot- (serial-) managed items without lot
 * (serial); a warehouse with stock and no oddments template; stock held by
 * a location, lot or variant that its warehouse does not close by and the
 * request does not list in `collapse` (one error per warehouse and
 * dimension, naming the keys).
 * Warnings: open inventories with counts on or before the closing date;
 * fiscal loads without cost; a warehouse holding lot/serial stock that does
 * not close by lot; a warehouse that checks stock by a dimension it does not
 * close by (its stock by that dimension restarts from the opening lines).
 */
import { Quantity } from '../../core/decimal.ts';
import { formatMessage, type ErrorCode } from '../../core/errors.ts';
import { dimensionNames, type Language } from '../../core/i18n.ts';
import type { Db } from '../../db/db.ts';
import type { KeyDims, NegativeKey, PassResult } from './pass.ts';

/** How many keys of a dropped dimension the message itself names. */
const KEYS_IN_MESSAGE = 10;

/**
 * Stock held by a dimension that its warehouse does not close by and the
 * request does not collapse (SPEC §7): one error per warehouse and
 * dimension, naming the keys ("item @ value").
 */
export function droppedIssues(result: PassResult, codes: { warehouse: Map<number, string>; item: Map<number, string> }): RawIssue[] {
  return result.dropped.map((d) => {
    const warehouse = codes.warehouse.get(d.warehouseId) ?? String(d.warehouseId);
    const keys = d.keys.slice(0, LIST_CAP).map((k) => `${codes.item.get(k.itemId) ?? k.itemId} @ ${k.value}`);
    const shown = keys.slice(0, KEYS_IN_MESSAGE).join(', ') + (d.count > KEYS_IN_MESSAGE ? ', …' : '');
    return {
      code: 'INV_ERR_CLOSING_DIMENSION_DROPPED',
      path: `/warehouses/${warehouse}/${d.dimension}`,
      warehouse,
      dimension: d.dimension,
      keys,
      count: d.count,
      params: { warehouse, dimension: d.dimension, count: d.count, keys: shown, collapse: `"${d.dimension}"` },
    };
  });
}

/** How many issues of one kind are listed; the rest are counted in one "… and N more". */
export const LIST_CAP = 100;

/**
 * One check finding, flat (the web UI and the problem+json `errors` read the
 * same shape): what it is about, the closing key's dimensions that are set,
 * the record line or the inventory.
 */
export interface ClosingIssue extends Partial<KeyDims> {
  code: ErrorCode;
  message: string;
  /** /closingDate, /stock/{warehouse}/{item}, /records/{id}/lines/{lineNo}, /warehouses/{code}, /inventories/{id} */
  path: string;
  warehouse?: string;
  item?: string;
  /** the negative stock of the key */
  quantity?: string;
  recordId?: number;
  recordDate?: string;
  recordNumber?: number;
  lineNo?: number;
  inventoryId?: number;
  inventoryYear?: number;
  inventoryNumber?: number;
  inventoryDate?: string;
  /** "… and N more"; the number of keys a dropped dimension holds */
  count?: number;
  /** a dimension that holds stock the closing would drop: variant, location or lot */
  dimension?: string;
  /** its keys: item and value, e.g. "A @ A1" (at most LIST_CAP) */
  keys?: string[];
}

/** An issue before rendering: its message is made from `params` in the caller's language. */
export interface RawIssue extends Omit<ClosingIssue, 'message'> {
  params: Record<string, unknown>;
}

export function render(issue: RawIssue, lang: Language): ClosingIssue {
  const { params, ...rest } = issue;
  return { ...rest, message: formatMessage(issue.code, params, lang) };
}

const DIM_NAMES: (keyof KeyDims)[] = ['variant', 'location', 'lot', 'serial', 'jobOrder', 'account'];

/** " (location A1, lot L1)" in the caller's language; '' when the key has no dimension set. */
export function keyText(key: Partial<KeyDims>, lang: Language): string {
  const parts = DIM_NAMES.filter((d) => key[d]).map((d) => `${dimensionNames[d][lang]} ${key[d]}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export function more(code: 'INV_ERR_CLOSING_MORE' | 'INV_WARN_CLOSING_MORE', count: number, path: string): RawIssue {
  return { code, path, params: { count }, count };
}

/** Negative closing keys as issues (capped by the pass). */
export function negativeIssues(
  result: PassResult,
  date: string,
  codes: { warehouse: Map<number, string>; item: Map<number, string> },
  lang: Language,
): RawIssue[] {
  const out: RawIssue[] = [];
  const shown = result.negatives.slice(0, LIST_CAP);
  for (const n of shown) out.push(negativeIssue(n, date, codes.warehouse.get(n.warehouseId)!, codes.item.get(n.itemId)!, lang));
  if (result.negativeCount > shown.length) out.push(more('INV_ERR_CLOSING_MORE', result.negativeCount - shown.length, '/stock'));
  return out;
}

function negativeIssue(n: NegativeKey, date: string, warehouse: string, item: string, lang: Language): RawIssue {
  const key: Partial<KeyDims> = {};
  for (const d of DIM_NAMES) if (n[d]) key[d] = n[d];
  const stock = Quantity.format(n.quantity);
  return {
    code: 'INV_ERR_CLOSING_NEGATIVE_STOCK',
    path: `/stock/${warehouse}/${item}`,
    warehouse,
    item,
    ...key,
    quantity: stock,
    params: { item, warehouse, key: keyText(key, lang), stock, date },
  };
}

type LineKind = 'lot' | 'serial' | 'noCost';

/**
 * The first LIST_CAP movement lines of a kind in (after, date], excluding
 * opening lines (oddments template), in ledger order.
 */
export async function offendingLines(db: Db, kind: LineKind, after: string, date: string) {
  let q = db
    .selectFrom('movements as m')
    .innerJoin('items as i', 'i.id', 'm.item_id')
    .innerJoin('templates as t', 't.id', 'm.template_id')
    .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
    .select(['m.record_id', 'm.record_number', 'm.date', 'm.line_no', 'i.code as item', 'w.code as warehouse'])
    .where('m.date', '>', after)
    .where('m.date', '<=', date)
    .where('t.oddments', '=', 0);
  if (kind === 'lot') q = q.where('i.lot_managed', '=', 1).where('m.lot', '=', '').where('m.quantity', '<>', 0n);
  else if (kind === 'serial') q = q.where('i.serial_managed', '=', 1).where('m.serial', '=', '').where('m.quantity', '<>', 0n);
  else q = q.where('m.quantity', '>', 0n).where('m.unit_cost', '=', 0n).where('i.fiscal_interest', '=', 1).where('t.fiscal_interest', '=', 1);
  return q.orderBy('m.date').orderBy('m.record_number').orderBy('m.record_id').orderBy('m.line_no').limit(LIST_CAP).execute();
}

export async function lineIssues(
  db: Db,
  kind: LineKind,
  count: number,
  after: string,
  date: string,
): Promise<RawIssue[]> {
  if (count === 0) return [];
  const code: ErrorCode = kind === 'lot' ? 'INV_ERR_CLOSING_LOT_MISSING' : kind === 'serial' ? 'INV_ERR_CLOSING_SERIAL_MISSING' : 'INV_WARN_LOAD_WITHOUT_COST';
  const rows = await offendingLines(db, kind, after, date);
  const out: RawIssue[] = rows.map((r) => {
    const recordId = Number(r.record_id);
    return {
      code,
      path: `/records/${recordId}/lines/${r.line_no}`,
      warehouse: r.warehouse,
      item: r.item,
      recordId,
      recordDate: r.date,
      recordNumber: r.record_number,
      lineNo: r.line_no,
      params: { item: r.item, line: r.line_no, record: recordId, warehouse: r.warehouse, recordDate: r.date, number: r.record_number },
    };
  });
  if (count > rows.length) out.push(more(kind === 'noCost' ? 'INV_WARN_CLOSING_MORE' : 'INV_ERR_CLOSING_MORE', count - rows.length, '/records'));
  return out;
}

/** Open (not closed) inventories dated on or before the closing date that hold counted lines. */
export async function openInventoryWarnings(db: Db, date: string): Promise<RawIssue[]> {
  const rows = await db
    .selectFrom('inventories as i')
    .select(['i.id', 'i.year', 'i.number', 'i.date'])
    .where('i.closed', '=', 0)
    .where('i.date', '<=', date)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('inventory_lists as l')
          .innerJoin('inventory_lines as n', 'n.list_id', 'l.id')
          .select('n.id')
          .whereRef('l.inventory_id', '=', 'i.id'),
      ),
    )
    .orderBy('i.date')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({
    code: 'INV_WARN_OPEN_INVENTORY' as const,
    path: `/inventories/${r.id}`,
    inventoryId: r.id,
    inventoryYear: r.year,
    inventoryNumber: r.number,
    inventoryDate: r.date,
    params: { inventory: r.number, year: r.year, date: r.date },
  }));
}

/**
 * Lines of serial-managed items without serial in (after, date], opening
 * lines excluded: counted by the database over those items only (the pass
 * does not read serials unless a warehouse closes by lot).
 */
export async function countMissingSerials(db: Db, serialItemIds: readonly number[], after: string, date: string): Promise<number> {
  let n = 0;
  for (let i = 0; i < serialItemIds.length; i += 500) {
    const r = await db
      .selectFrom('movements as m')
      .innerJoin('templates as t', 't.id', 'm.template_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('m.item_id', 'in', serialItemIds.slice(i, i + 500))
      .where('m.date', '>', after)
      .where('m.date', '<=', date)
      .where('m.serial', '=', '')
      .where('m.quantity', '<>', 0n)
      .where('t.oddments', '=', 0)
      .executeTakeFirstOrThrow();
    n += Number(r.n);
  }
  return n;
}

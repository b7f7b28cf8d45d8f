/**
 * "An unload may not take book stock below zero at its date or at any later
 * date" (SPEC §3). Checked after the movements are written, inside the same
 * transaction, so the ledger read already holds them; a violation rolls back.
 */
import { sql } from 'kysely';
import { chunks } from '../core/arrays.ts';
import { fail } from '../core/errors.ts';
import { Quantity } from '../core/decimal.ts';
import { yearOf } from '../core/dates.ts';
import type { Db } from '../db/db.ts';
import type { DimensionColumn, StockKey } from './keys.ts';
import { lastClosingDate } from './period.ts';

export interface NegativePolicy {
  /** negative stock allowed (globally or for the warehouse): only lots and serials are checked */
  allowNegative: boolean;
  checkLocation: boolean;
  checkJobOrder: boolean;
  checkAccount: boolean;
}

/** A key whose stock may have dropped, from the earliest date it changed. */
export interface AffectedKey extends StockKey {
  from: string;
}

/**
 * The levels at which a movement's stock is checked: the warehouse's level
 * (item + variant, plus location / job order / account when enabled) unless
 * negative stock is allowed, and always its lot and its serial.
 */
export function checkLevels(k: StockKey, policy: NegativePolicy): string[] {
  const levels: string[] = [];
  if (!policy.allowNegative) levels.push(levelId('w', k, policy));
  if (k.lot) levels.push(levelId('l', k, policy));
  if (k.serial) levels.push(levelId('s', k, policy));
  return levels;
}

type LevelKind = 'w' | 'l' | 's';

/** The identity of a checked level: the key's columns the level keeps, '*' for those it sums over. */
function levelId(kind: LevelKind, k: Pick<StockKey, 'warehouseId' | 'itemId'> & Partial<StockKey>, policy: NegativePolicy): string {
  // concatenated, not joined: called for every key of a warehouse by inventory postings (inventory/posted-stock-proof.ts)
  const S = '\u0001';
  if (kind === 'l') return 'l' + S + k.warehouseId + S + k.itemId + S + (k.variant ?? '') + S + (k.lot ?? '');
  if (kind === 's') return 's' + S + k.warehouseId + S + k.itemId + S + (k.serial ?? '');
  const dim = (on: boolean, v: string | undefined) => (on ? (v ?? '') : '*');
  return 'w' + S + k.warehouseId + S + k.itemId + S + (k.variant ?? '') + S + dim(policy.checkLocation, k.location) + S + dim(policy.checkJobOrder, k.jobOrder) + S + dim(policy.checkAccount, k.account);
}

/** The movements columns a level kind groups by, after warehouse and item. */
function levelColumns(kind: LevelKind, policy: NegativePolicy): DimensionColumn[] {
  if (kind === 'l') return ['variant', 'lot'];
  if (kind === 's') return ['serial'];
  const cols: DimensionColumn[] = ['variant'];
  if (policy.checkLocation) cols.push('location');
  if (policy.checkJobOrder) cols.push('job_order');
  if (policy.checkAccount) cols.push('account');
  return cols;
}

export interface Violation {
  key: StockKey;
  level: LevelKind;
  date: string;
  stock: bigint;
}

export async function policyFor(db: Db, warehouseId: number, year: number): Promise<NegativePolicy> {
  const [global, wh] = await Promise.all([
    db.selectFrom('year_params').select('allow_negative_stock').where('year', '=', year).executeTakeFirst(),
    db.selectFrom('year_warehouse_params').selectAll().where('year', '=', year).where('warehouse_id', '=', warehouseId).executeTakeFirst(),
  ]);
  return {
    allowNegative: global?.allow_negative_stock === 1 || wh?.negative_stock === 1,
    checkLocation: wh?.check_location === 1,
    checkJobOrder: wh?.check_job_order === 1,
    checkAccount: wh?.check_account === 1,
  };
}

const CHUNK = 500;

/**
 * When a group has more than one chunk of items and they are at least this
 * share of the registry, one pass over the warehouse's movements is cheaper
 * than looking its items up a chunk at a time (a bulk load lowers most of a
 * warehouse's items).
 */
const WHOLE_WAREHOUSE_SHARE = 0.25;

type NegativeRow = { item_id: number; variant?: string; location?: string; lot?: string; serial?: string; job_order?: string; account?: string; day: string; stock: bigint };

/**
 * The points where a level of the given kind is below zero in one warehouse,
 * on or after `cutoff`, for the given items (all of the warehouse's when
 * `items` is undefined). The database sums everything: the running stock is
 * a window sum in ledger date order (the default frame takes in the whole
 * day, so each row carries its level's stock at the end of its date), and
 * only negative points come back, so the work in JS is independent of the
 * ledger's size. The stock index delivers rows by item and date: only the
 * level's own columns are sorted, within each item.
 */
async function negativePoints(
  db: Db,
  warehouseId: number,
  kind: LevelKind,
  policy: NegativePolicy,
  items: number[] | undefined,
  cutoff: string,
  after: string,
): Promise<NegativeRow[]> {
  const part = sql.join(['item_id', ...levelColumns(kind, policy)].map((c) => sql.ref(c)));
  const only = kind === 'l' ? sql`and lot <> ''` : kind === 's' ? sql`and serial <> ''` : sql``;
  const some = items ? sql`and item_id in (${sql.join(items)})` : sql``;
  const { rows } = await sql<NegativeRow>`
    select ${part}, date as day, stock from (
      select ${part}, date, sum(quantity) over (partition by ${part} order by date) as stock
      from movements
      where warehouse_id = ${warehouseId} ${some} and date > ${after} ${only}
    ) r
    where stock < 0 and date >= ${cutoff}
    order by date`.execute(db);
  return rows;
}

/**
 * Refuses (422) the first negative stock found at a checked level of an
 * affected key, on or after the date it changed. Reads the affected items'
 * movements after the last closing (the opening records carry the rest).
 */
export async function assertNoNegativeStock(db: Db, affected: readonly AffectedKey[]): Promise<void> {
  if (affected.length === 0) return;
  const policies = new Map<number, NegativePolicy>();
  const year = yearOf(affected.reduce((a, k) => (k.from < a ? k.from : a), affected[0].from));
  for (const wh of new Set(affected.map((k) => k.warehouseId))) policies.set(wh, await policyFor(db, wh, year));
  const policyOf = (wh: number) => policies.get(wh)!;

  // per warehouse and level kind: the items to read, each from its earliest change
  const groups = new Map<string, { warehouseId: number; kind: LevelKind; from: Map<number, string> }>();
  const note = (k: AffectedKey, kind: LevelKind) => {
    const g = `${k.warehouseId}|${kind}`;
    const group = groups.get(g) ?? groups.set(g, { warehouseId: k.warehouseId, kind, from: new Map() }).get(g)!;
    const f = group.from.get(k.itemId);
    if (f === undefined || k.from < f) group.from.set(k.itemId, k.from);
  };
  for (const k of affected) {
    if (!policyOf(k.warehouseId).allowNegative) note(k, 'w');
    if (k.lot) note(k, 'l');
    if (k.serial) note(k, 's');
  }
  if (groups.size === 0) return;
  // when a checked level started to matter (its earliest change); built only once a negative point comes back
  let starts: Map<string, string> | undefined;
  const startOf = (kind: LevelKind, key: StockKey, policy: NegativePolicy): string | undefined => {
    if (!starts) {
      starts = new Map();
      for (const k of affected) {
        for (const level of checkLevels(k, policyOf(k.warehouseId))) {
          const s = starts.get(level);
          if (s === undefined || k.from < s) starts.set(level, k.from);
        }
      }
    }
    return starts.get(levelId(kind, key, policy));
  };
  const after = await lastClosingDate(db);
  // counted only for a large group: a single posting does not pay for it
  let registry: number | undefined;
  for (const { warehouseId, kind, from } of groups.values()) {
    const policy = policyOf(warehouseId);
    const items = [...from.keys()].sort((a, b) => a - b);
    const whole = items.length > CHUNK && items.length >= (registry ??= await itemCount(db)) * WHOLE_WAREHOUSE_SHARE;
    for (const chunk of whole ? [items] : chunks(items, CHUNK)) {
      const cutoff = chunk.reduce((c, id) => (from.get(id)! < c ? from.get(id)! : c), from.get(chunk[0])!);
      for (const r of await negativePoints(db, warehouseId, kind, policy, whole ? undefined : chunk, cutoff, after)) {
        const key: StockKey = {
          warehouseId,
          itemId: r.item_id,
          variant: r.variant ?? '',
          location: r.location ?? '',
          lot: r.lot ?? '',
          serial: r.serial ?? '',
          jobOrder: r.job_order ?? '',
          account: r.account ?? '',
        };
        const start = startOf(kind, key, policy);
        if (start !== undefined && r.day >= start) await refuse(db, { key, level: kind, date: r.day, stock: r.stock });
      }
    }
  }
}

async function itemCount(db: Db): Promise<number> {
  const row = await db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function refuse(db: Db, v: Violation): Promise<never> {
  const [item, wh] = await Promise.all([
    db.selectFrom('items').select('code').where('id', '=', v.key.itemId).executeTakeFirstOrThrow(),
    db.selectFrom('warehouses').select('code').where('id', '=', v.key.warehouseId).executeTakeFirstOrThrow(),
  ]);
  const detail = v.level === 'l' ? ` (lot ${v.key.lot})` : v.level === 's' ? ` (serial ${v.key.serial})` : '';
  return fail('INV_ERR_NEGATIVE_STOCK', { item: item.code, warehouse: wh.code, key: detail, stock: Quantity.format(v.stock), date: v.date });
}

/**
 * "An unload may not take book stock below zero at its date or at any later
 * date" (SPEC §3). Checked after the movements are written, inside the same
 * transaction, so the ledger read already holds them; a violation rolls back.
 */
import { fail } from '../core/errors.ts';
import { Quantity } from '../core/decimal.ts';
import { yearOf } from '../core/dates.ts';
import type { Db } from '../masterdata/lookup.ts';
import type { StockKey } from './keys.ts';
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
  if (!policy.allowNegative) {
    levels.push(
      ['w', k.warehouseId, k.itemId, k.variant, policy.checkLocation ? k.location : '*', policy.checkJobOrder ? k.jobOrder : '*', policy.checkAccount ? k.account : '*'].join('\u0001'),
    );
  }
  if (k.lot) levels.push(['l', k.warehouseId, k.itemId, k.variant, k.lot].join('\u0001'));
  if (k.serial) levels.push(['s', k.warehouseId, k.itemId, k.serial].join('\u0001'));
  return levels;
}

export interface Violation {
  key: StockKey;
  level: 'w' | 'l' | 's';
  date: string;
  stock: bigint;
}

/**
 * Pure: given every movement (aggregated per key and date) of the affected
 * items after the last closing, finds the first date on or after each checked
 * level's start where its running stock is below zero.
 */
export function findNegative(
  rows: Iterable<StockKey & { date: string; quantity: bigint }>,
  starts: ReadonlyMap<string, string>,
  policyOf: (warehouseId: number) => NegativePolicy,
): Violation | undefined {
  const perLevel = new Map<string, { key: StockKey; byDate: Map<string, bigint> }>();
  for (const r of rows) {
    for (const level of checkLevels(r, policyOf(r.warehouseId))) {
      if (!starts.has(level)) continue;
      let entry = perLevel.get(level);
      if (!entry) perLevel.set(level, (entry = { key: r, byDate: new Map() }));
      entry.byDate.set(r.date, (entry.byDate.get(r.date) ?? 0n) + r.quantity);
    }
  }
  for (const [level, { key, byDate }] of perLevel) {
    const from = starts.get(level)!;
    let running = 0n;
    for (const date of [...byDate.keys()].sort()) {
      running += byDate.get(date)!;
      if (date >= from && running < 0n) return { key, level: level[0] as Violation['level'], date, stock: running };
    }
  }
  return undefined;
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

/** Reads the affected items' movements and refuses (422) the first negative stock found. */
export async function assertNoNegativeStock(db: Db, affected: readonly AffectedKey[]): Promise<void> {
  if (affected.length === 0) return;
  const policies = new Map<number, NegativePolicy>();
  const year = yearOf(affected.reduce((a, k) => (k.from < a ? k.from : a), affected[0].from));
  for (const wh of new Set(affected.map((k) => k.warehouseId))) policies.set(wh, await policyFor(db, wh, year));
  const policyOf = (wh: number) => policies.get(wh) ?? { allowNegative: true, checkLocation: false, checkJobOrder: false, checkAccount: false };

  const starts = new Map<string, string>();
  for (const k of affected) {
    for (const level of checkLevels(k, policyOf(k.warehouseId))) {
      const s = starts.get(level);
      if (!s || k.from < s) starts.set(level, k.from);
    }
  }
  if (starts.size === 0) return;
  const after = await lastClosingDate(db);
  const items = [...new Set(affected.map((k) => k.itemId))];
  const warehouses = [...policies.keys()];
  for (let i = 0; i < items.length; i += CHUNK) {
    const rows = await db
      .selectFrom('movements')
      .select(['warehouse_id', 'item_id', 'variant', 'location', 'lot', 'serial', 'job_order', 'account', 'date'])
      .select((eb) => eb.fn.sum<bigint>('quantity').as('quantity'))
      .where('item_id', 'in', items.slice(i, i + CHUNK))
      .where('warehouse_id', 'in', warehouses)
      .where('date', '>', after)
      .groupBy(['warehouse_id', 'item_id', 'variant', 'location', 'lot', 'serial', 'job_order', 'account', 'date'])
      .execute();
    const violation = findNegative(
      rows.map((r) => ({
        warehouseId: r.warehouse_id,
        itemId: r.item_id,
        variant: r.variant,
        location: r.location,
        lot: r.lot,
        serial: r.serial,
        jobOrder: r.job_order,
        account: r.account,
        date: r.date,
        quantity: r.quantity,
      })),
      starts,
      policyOf,
    );
    if (violation) await refuse(db, violation);
  }
}

async function refuse(db: Db, v: Violation): Promise<never> {
  const [item, wh] = await Promise.all([
    db.selectFrom('items').select('code').where('id', '=', v.key.itemId).executeTakeFirstOrThrow(),
    db.selectFrom('warehouses').select('code').where('id', '=', v.key.warehouseId).executeTakeFirstOrThrow(),
  ]);
  const detail = v.level === 'l' ? ` (lot ${v.key.lot})` : v.level === 's' ? ` (serial ${v.key.serial})` : '';
  return fail('INV_ERR_NEGATIVE_STOCK', { item: item.code, warehouse: wh.code, key: detail, stock: Quantity.format(v.stock), date: v.date });
}

/**
 * Units of measure (SPEC §14): code, description and how many decimals a
 * quantity in the unit may have (`buc` 0, `kg` 3). Items reference their
 * unit; counts and record lines with more decimals than the unit allows are
 * refused (422 INV_ERR_UOM_DECIMALS).
 */
import { Quantity } from '../core/decimal.ts';
import type { Problems } from '../core/input.ts';
import { codeEntityService } from './crud.ts';
import type { Db } from '../db/db.ts';

export interface UnitInput {
  code: string;
  description?: string;
  decimals: number;
}

export interface UnitView {
  code: string;
  description: string;
  decimals: number;
}

/** A quantity's decimals when its unit is not registered: the ledger's own scale (no extra limit). */
export const DEFAULT_DECIMALS = Quantity.scale;

/** Whether a quantity (scaled by Quantity.scale) has at most `decimals` decimals. */
export function fitsDecimals(quantity: bigint, decimals: number): boolean {
  if (decimals >= Quantity.scale) return true;
  return quantity % 10n ** BigInt(Quantity.scale - Math.max(0, decimals)) === 0n;
}

/** Adds INV_ERR_UOM_DECIMALS at `path` when the quantity has more decimals than its unit allows. */
export function checkUnitDecimals(
  quantity: bigint,
  unit: { item: string; uom: string; decimals: number },
  path: string,
  problems: Problems,
): boolean {
  if (fitsDecimals(quantity, unit.decimals)) return true;
  problems.add({ path, code: 'INV_ERR_UOM_DECIMALS', params: { item: unit.item, uom: unit.uom, decimals: unit.decimals, value: Quantity.format(quantity) } });
  return false;
}

/** Every unit's decimals, by code. */
export async function unitDecimals(db: Db): Promise<Map<string, number>> {
  return new Map((await db.selectFrom('units').select(['code', 'decimals']).execute()).map((u) => [u.code, Number(u.decimals)]));
}

/** One unit's decimals (DEFAULT_DECIMALS when the unit is not registered). */
export async function decimalsOf(db: Db, uom: string): Promise<number> {
  const row = await db.selectFrom('units').select('decimals').where('code', '=', uom).executeTakeFirst();
  return row ? Number(row.decimals) : DEFAULT_DECIMALS;
}

const service = codeEntityService<UnitView, UnitInput>({
  entity: 'unit',
  async read(db, code) {
    let q = db.selectFrom('units').select(['code', 'description', 'decimals']).orderBy('code');
    if (code !== undefined) q = q.where('code', '=', code);
    return (await q.execute()).map((r) => ({ code: r.code, description: r.description, decimals: Number(r.decimals) }));
  },
  validate(input, problems) {
    if (!Number.isInteger(input.decimals) || input.decimals < 0 || input.decimals > Quantity.scale) {
      problems.add({ path: '/decimals', code: 'INV_ERR_BAD_VALUE', params: { value: input.decimals, allowed: `0 … ${Quantity.scale}` } });
    }
  },
  async insert(trx, input) {
    await trx.insertInto('units').values({ code: input.code, description: input.description ?? '', decimals: input.decimals }).execute();
  },
  async update(trx, code, input) {
    await trx.updateTable('units').set({ description: input.description ?? '', decimals: input.decimals }).where('code', '=', code).execute();
  },
});

export const listUnits = service.list;
export const getUnit = service.get;
export const createUnit = service.create;
export const updateUnit = service.update;

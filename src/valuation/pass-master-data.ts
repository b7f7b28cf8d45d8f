/**
 * The items and warehouses as the valuation pass (`inventory-pass.ts`) reads
 * them, shared by its callers (the valued inventory, the SAF-T D406 export).
 */
import type { Db } from '../db/db.ts';
import { AREA_METHOD_IDS, storedCostMethod } from './index.ts';
import { registryOf } from './item-cost.ts';
import type { PassItem, PassWarehouse } from './item-valuation.ts';

/** The item columns `passItemOf` reads. */
export const PASS_ITEM_COLUMNS = [
  'id',
  'code',
  'description',
  'uom',
  'item_type',
  'fiscal_category',
  'merchandise_category',
  'fiscal_interest',
  'standard_cost',
  'average_cost',
  'last_cost',
  'sale_price',
] as const;

/** An item row (the `PASS_ITEM_COLUMNS`) as the pass takes it. */
export function passItemOf(r: {
  id: number;
  code: string;
  description: string;
  uom: string;
  item_type: string;
  fiscal_category: string;
  merchandise_category: string;
  fiscal_interest: number;
  standard_cost: bigint;
  average_cost: bigint;
  last_cost: bigint;
  sale_price: bigint;
}): PassItem {
  return {
    id: r.id,
    code: r.code,
    description: r.description,
    uom: r.uom,
    itemType: r.item_type,
    fiscalCategory: r.fiscal_category,
    merchandiseCategory: r.merchandise_category,
    fiscal: r.fiscal_interest === 1,
    registry: registryOf(r),
  };
}

/**
 * Every warehouse by id, in code order. With `byArea` each takes its
 * management area's method (a stored method that is not known is an error);
 * a warehouse without a management area, or every one without `byArea`, is
 * valued by average.
 */
export async function passWarehouses(db: Db, byArea: boolean): Promise<Map<number, PassWarehouse>> {
  const rows = await db
    .selectFrom('warehouses as w')
    .leftJoin('management_areas as a', 'a.id', 'w.management_area_id')
    .select(['w.id', 'w.code', 'w.description', 'w.management_area_id', 'a.code as area', 'a.method'])
    .orderBy('w.code')
    .execute();
  return new Map(
    rows.map((w) => [
      w.id,
      {
        id: w.id,
        code: w.code,
        description: w.description,
        managementAreaId: w.management_area_id,
        areaMethod: byArea && w.method !== null && w.area !== null ? storedCostMethod(w.method, AREA_METHOD_IDS, { entity: 'managementArea', key: w.area }) : 'average',
      },
    ]),
  );
}

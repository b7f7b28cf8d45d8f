/**
 * The output of every cost method and the two ways of building it (SPEC §6
 * "Rounding"): unit-cost methods value round(Q × unit cost, 2); layered
 * methods value round(Σ layer quantity × layer cost, 2) and show
 * round(exact value / Q, 5).
 */
import {
  exactValue,
  roundExactToMoney,
  unitCostOf,
  valueOf,
  type ExactValue,
  type Money,
  type Quantity,
  type UnitCost,
} from '../core/decimal.ts';
import type { FifoLayer } from './movement.ts';

/** A layer of the yearly methods (LIFO / FIFO a scatti annuali). */
export interface YearLayer {
  year: number;
  quantity: Quantity;
  unitCost: UnitCost;
}

/** One lot of the lot-cost method. */
export interface LotCost {
  lot: string;
  quantity: Quantity;
  unitCost: UnitCost;
  value: Money;
}

export interface CostResult {
  quantity: Quantity;
  unitCost: UnitCost;
  value: Money;
  /** fifo: the remaining layers, oldest first (what a closing stores) */
  layers?: FifoLayer[];
  /** fifo: cost of the last layer consumed so far (a closing may store it) */
  lastConsumedCost?: UnitCost;
  /** lifoYearly / fifoYearly: the layers, newest year first */
  yearLayers?: YearLayer[];
  /** lotCost: one row per lot */
  lots?: LotCost[];
}

/** Result of a method that yields a unit cost. */
export function unitCostResult(quantity: Quantity, unitCost: UnitCost): CostResult {
  return { quantity, unitCost, value: valueOf(quantity, unitCost) };
}

/** Σ quantity and Σ quantity × unit cost (exact) of some layers. */
export function sumLayers(layers: readonly { quantity: Quantity; unitCost: UnitCost }[]): {
  quantity: Quantity;
  exact: ExactValue;
} {
  let quantity = 0n;
  let exact = 0n;
  for (const l of layers) {
    quantity += l.quantity;
    exact += exactValue(l.quantity, l.unitCost);
  }
  return { quantity: quantity as Quantity, exact: exact as ExactValue };
}

/** Result of a layered method: value and unit cost from the exact layer sum. */
export function layeredResult(quantity: Quantity, exact: ExactValue): CostResult {
  return { quantity, unitCost: unitCostOf(exact, quantity), value: roundExactToMoney(exact) };
}

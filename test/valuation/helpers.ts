import { Money, Quantity, UnitCost, valueOf, type ExactValue } from '../../src/core/decimal.ts';
import type {
  ClosingState,
  CostContext,
  CostMovement,
  RegistryCosts,
  ValuationInput,
  YearHistory,
} from '../../src/valuation/movement.ts';
import { valueStream, type StreamCostMethod } from '../../src/valuation/index.ts';

function must<T>(v: T | undefined, text: string): T {
  if (v === undefined) throw new Error(`bad decimal ${text}`);
  return v;
}

export const q = (s: string): Quantity => must(Quantity.parse(s), s);
export const c = (s: string): UnitCost => must(UnitCost.parse(s), s);
export const money = (s: string): Money => must(Money.parse(s), s);

/** A fiscal movement on a template updating both costs; amount = |qty| × cost. */
export function mv(
  date: string,
  quantity: string,
  unitCost = '0',
  opts: Partial<CostMovement> = {},
): CostMovement {
  const qty = q(quantity);
  const cost = c(unitCost);
  return {
    date,
    warehouse: 'W1',
    item: 'A',
    lot: '',
    quantity: qty,
    unitCost: cost,
    amount: valueOf((qty < 0n ? -qty : qty) as Quantity, cost),
    fiscal: true,
    updateAverageCost: true,
    updateLastCost: true,
    considerZero: false,
    opening: false,
    ...opts,
  };
}

/** A zero-quantity value line of a consider-zero template. */
export function valueLine(date: string, amount: string, opts: Partial<CostMovement> = {}): CostMovement {
  return mv(date, '0', '0', { considerZero: true, amount: money(amount), ...opts });
}

export const REGISTRY: RegistryCosts = {
  standardCost: c('7'),
  averageCost: c('8'),
  lastCost: c('9'),
  salePrice: c('20'),
};

export function ctx(over: Partial<CostContext> = {}): CostContext {
  return { date: '2024-12-31', registry: REGISTRY, ...over };
}

export function input(movements: CostMovement[], over: Partial<CostContext> = {}): ValuationInput {
  return { ...ctx(over), movements };
}

export function closingState(over: Partial<ClosingState> = {}): ClosingState {
  return {
    closingDate: '2023-12-31',
    quantity: q('0'),
    averageCost: c('5'),
    movingAverageRate: c('6'),
    lastCost: c('4'),
    fifoLayers: [],
    ...over,
  };
}

/** Worked example A of SPEC §6. */
export const EXAMPLE_A: CostMovement[] = [
  mv('2024-01-10', '10', '10.00'),
  mv('2024-01-11', '10', '12.00'),
  mv('2024-01-12', '-5', '0'),
  mv('2024-01-13', '5', '15.00'),
];

/** formats a result for readable assertions */
export function show(r: { quantity: bigint; unitCost: bigint; value: bigint }): [string, string, string] {
  return [Quantity.format(r.quantity), UnitCost.format(r.unitCost), Money.format(r.value)];
}

/** A closed year: b, a, and the purchases that gave a. */
export function history(year: number, b: string, a: string, purchased = '0'): YearHistory {
  const pq = q(purchased);
  return {
    year,
    closingQuantity: q(b),
    purchasedQuantity: pq,
    purchasedValue: (pq * c(a)) as ExactValue,
    averagePurchaseCost: c(a),
  };
}

/**
 * Simulates a closing at `closingDate` after `prefix`: the ClosingState the
 * methods leave, and the opening record line dated `openingDate` (valued at
 * `openingCost`, which no method may depend on).
 */
export function closeAt(
  prefix: CostMovement[],
  closingDate: string,
  openingDate: string,
  openingCost = '123.45678',
): { closing: ClosingState; opening: CostMovement[] } {
  const base = ctx({ date: closingDate });
  const run = (m: StreamCostMethod) => valueStream(m, { ...base, movements: prefix });
  const fifoResult = run('fifo');
  const closing: ClosingState = {
    closingDate,
    quantity: fifoResult.quantity,
    averageCost: run('average').unitCost,
    movingAverageRate: run('moving-average').unitCost,
    lastCost: run('last').unitCost,
    fifoLayers: fifoResult.layers ?? [],
    fifoLastConsumedCost: fifoResult.lastConsumedCost,
  };
  const opening =
    closing.quantity === 0n
      ? []
      : [
          mv(openingDate, Quantity.format(closing.quantity), openingCost, {
            opening: true,
            updateAverageCost: false,
            updateLastCost: false,
          }),
        ];
  return { closing, opening };
}

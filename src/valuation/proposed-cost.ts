/**
 * What a template's proposed cost means (SPEC §2): the one interpretation of
 * `templates.proposed_cost`, pure. The callers keep their reads:
 *   - the posting fills missing unit costs (ledger/posting.ts `fillProposedCosts`);
 *   - inventories price differences in bulk (inventory/book.ts `proposedCosts`);
 *   - a closing values its opening lines by the oddments template's proposed
 *     cost when no method is asked (closing/plan.ts).
 *
 *   none       → no cost (0)
 *   standard   → the item registry's standard cost
 *   salePrice  → the item registry's sale price
 *   last       → the `last` cost method over the ledger at the date
 *   average    → the `average` cost method over the ledger at the date
 */
import type { UnitCost } from '../core/decimal.ts';
import type { ProposedCost } from '../masterdata/templates.ts';
import type { RegistryCosts } from './movement.ts';

export type { ProposedCost } from '../masterdata/templates.ts';

/** The cost source a proposed cost means. */
export type ProposedCostSource =
  | { readonly kind: 'none' }
  | { readonly kind: 'registry'; readonly cost: 'standard' | 'salePrice' }
  | { readonly kind: 'ledger'; readonly method: 'last' | 'average' };

const AVERAGE: ProposedCostSource = Object.freeze({ kind: 'ledger', method: 'average' });
const SOURCES: { readonly [P in ProposedCost]: ProposedCostSource } = Object.freeze({
  none: Object.freeze({ kind: 'none' }),
  standard: Object.freeze({ kind: 'registry', cost: 'standard' }),
  salePrice: Object.freeze({ kind: 'registry', cost: 'salePrice' }),
  last: Object.freeze({ kind: 'ledger', method: 'last' }),
  average: AVERAGE,
});

/** The cost source of a template's proposed cost (a stored value outside the list: average, as the posting always took it). */
export function proposedCostSource(how: ProposedCost): ProposedCostSource {
  return Object.hasOwn(SOURCES, how) ? SOURCES[how] : AVERAGE;
}

/** Whether a proposed cost is read from the ledger (a cost method at the date). */
export function readsLedger(how: ProposedCost): boolean {
  return proposedCostSource(how).kind === 'ledger';
}

/** The registry cost a registry source means. */
export function registryCostOf(registry: RegistryCosts, cost: 'standard' | 'salePrice'): UnitCost {
  return cost === 'standard' ? registry.standardCost : registry.salePrice;
}

/**
 * The one table of cost methods (SPEC §6): identifier, labels, legacy alias
 * (cost-method-names.ts, shared with the web app) and, for the methods
 * computed from the ledger stream, the accumulator. Valuation (index.ts),
 * the closing pass, management areas, the reports and the CLI read it; no
 * other method → accumulator map exists.
 *
 * Edges: `parseCostMethod` for input (identifier or legacy alias, answers the
 * identifier), `storedCostMethod` for a method read back from the database
 * (an unknown name is INV_ERR_STORED_COST_METHOD, never a silent default).
 */
import { fail } from '../core/errors.ts';
import type { Problems } from '../core/input.ts';
import type { CostAccumulator } from './accumulator.ts';
import { average } from './average.ts';
import {
  COST_METHOD_NAMES,
  normalizeCostMethod,
  type CostMethod,
  type CostMethodName,
  type StreamCostMethod,
} from './cost-method-names.ts';
import { fifo } from './fifo.ts';
import { last } from './last.ts';
import { lotCost } from './lot-cost.ts';
import { movingAverage } from './moving-average.ts';
import { registryAverage, registryLast, standard } from './registry.ts';
import { fifoYearly, lifoYearly } from './yearly.ts';

export * from './cost-method-names.ts';

const ACCUMULATORS: { readonly [M in StreamCostMethod]: () => CostAccumulator<any> } = {
  average: () => average,
  'moving-average': () => movingAverage,
  last: () => last,
  fifo: () => fifo,
  'lifo-yearly': () => lifoYearly,
  'fifo-yearly': () => fifoYearly,
  standard: () => standard,
  'registry-average': () => registryAverage,
  'registry-last': () => registryLast,
  'lot-cost': () => lotCost,
};

export interface CostMethodEntry extends CostMethodName<CostMethod> {
  /** stream methods: the accumulator computing it over one scope's ordered movements */
  readonly accumulator?: () => CostAccumulator<any>;
}

/** The table, in SPEC §6 order. */
export const COST_METHOD_TABLE: readonly CostMethodEntry[] = Object.freeze(
  COST_METHOD_NAMES.map((n) =>
    Object.freeze(n.stream ? { ...n, accumulator: ACCUMULATORS[n.id as StreamCostMethod] } : { ...n }),
  ),
);

const ENTRY = new Map(COST_METHOD_TABLE.map((e) => [e.id, e]));

export function costMethodEntry(id: CostMethod): CostMethodEntry {
  return ENTRY.get(id)!;
}

/** The accumulator of a stream method. */
export function accumulatorOf(id: StreamCostMethod): CostAccumulator<any> {
  const make = ENTRY.get(id)?.accumulator;
  if (!make) throw new RangeError(`cost method ${String(id)} is resolved by the caller`);
  return make();
}

/**
 * An input method name (identifier or legacy alias) among `allowed`: the SPEC
 * identifier; a problem at `path` (400 INV_ERR_BAD_VALUE listing the
 * identifiers) otherwise.
 */
export function parseCostMethod<M extends CostMethod>(
  value: string,
  allowed: readonly M[],
  path: string,
  problems: Problems,
): M | undefined {
  const id = normalizeCostMethod(value);
  if (id !== undefined && (allowed as readonly string[]).includes(id)) return id as M;
  problems.add({ path, code: 'INV_ERR_BAD_VALUE', params: { value, allowed: allowed.join(', ') } });
  return undefined;
}

/**
 * A method read back from the database (management areas, closings, the
 * warehouse history): its identifier (legacy aliases of a database not yet
 * migrated too); an unknown name is an error naming where it is stored.
 */
export function storedCostMethod<M extends CostMethod>(
  value: string,
  allowed: readonly M[],
  where: { entity: string; key: string | number },
): M {
  const id = normalizeCostMethod(value);
  if (id !== undefined && (allowed as readonly string[]).includes(id)) return id as M;
  fail('INV_ERR_STORED_COST_METHOD', { value, entity: where.entity, key: String(where.key), allowed: allowed.join(', ') });
}

/**
 * The JSON schema of a `method` field or query parameter: the SPEC identifiers,
 * or (deprecated) the previous release's camelCase aliases of those.
 */
export function costMethodSchema(allowed: readonly CostMethod[], description?: string) {
  const aliases = COST_METHOD_NAMES.filter((n) => n.alias !== null && (allowed as readonly string[]).includes(n.id)).map((n) => n.alias as string);
  return {
    type: 'string',
    ...(description ? { description } : {}),
    anyOf: [
      { enum: [...allowed] },
      ...(aliases.length ? [{ enum: aliases, deprecated: true, description: 'the previous release\'s camelCase names, accepted for one release; answers use the SPEC names' }] : []),
    ],
  } as const;
}

/**
 * The cost methods of SPEC §6 as plain data: identifier, Romanian and English
 * label, the camelCase name of the previous release, and what the method may
 * be used for. No imports, no node APIs: the web app imports this module too
 * (src/web/types.ts, src/web/messages.ts), so its lists and labels are these.
 *
 * The accumulators are attached in cost-methods.ts (the one table valuation,
 * closing, management areas and the CLI use).
 *
 *   stream   computed from one item's ordered movements (everything but
 *            management-area and history)
 *   layered  valued as round(Σ layer qty × cost, 2) (SPEC §6 "Rounding")
 *   area     a management area may name it (the stream methods)
 *   closing  an opening record may be valued with it (stream + management-area)
 *
 * Aliases: the camelCase names (`movingAverage`, …) are accepted on input
 * for one release (normalised at the edge: HTTP, CLI, stored rows of older
 * databases); every answer uses the SPEC identifier.
 */

export interface CostMethodName<Id extends string = string> {
  readonly id: Id;
  /** the previous release's camelCase name, accepted on input; null when it was already the SPEC name */
  readonly alias: string | null;
  readonly label: { readonly ro: string; readonly en: string };
  readonly stream: boolean;
  readonly layered: boolean;
  readonly area: boolean;
  readonly closing: boolean;
}

const m = <Id extends string>(
  id: Id,
  alias: string | null,
  ro: string,
  en: string,
  kind: { stream?: boolean; layered?: boolean; area?: boolean; closing?: boolean } = { stream: true, area: true, closing: true },
): CostMethodName<Id> =>
  Object.freeze({
    id,
    alias,
    label: Object.freeze({ ro, en }),
    stream: kind.stream ?? false,
    layered: kind.layered ?? false,
    area: kind.area ?? false,
    closing: kind.closing ?? false,
  });

const LAYERED = { stream: true, layered: true, area: true, closing: true };

/** SPEC §6 order. */
export const COST_METHOD_NAMES = Object.freeze([
  m('average', null, 'Cost mediu ponderat (CMP)', 'Weighted average cost'),
  m('moving-average', 'movingAverage', 'Cost mediu ponderat mobil', 'Moving average cost'),
  m('last', null, 'Ultimul cost', 'Last cost'),
  m('fifo', null, 'FIFO', 'FIFO', LAYERED),
  m('lifo-yearly', 'lifoYearly', 'LIFO pe straturi anuale', 'Yearly LIFO layers', LAYERED),
  m('fifo-yearly', 'fifoYearly', 'FIFO pe straturi anuale', 'Yearly FIFO layers', LAYERED),
  m('standard', null, 'Cost standard', 'Standard cost'),
  m('registry-average', 'registryAverage', 'Cost mediu din registrul articolelor', 'Registry average cost'),
  m('registry-last', 'registryLast', 'Ultimul cost din registrul articolelor', 'Registry last cost'),
  m('management-area', 'managementArea', 'După zona de gestiune', 'By management area', { closing: true }),
  m('lot-cost', 'lotCost', 'Cost pe lot', 'Lot cost'),
  m('history', null, 'Arhivă gestiune', 'Warehouse history', {}),
] as const);

export type CostMethod = (typeof COST_METHOD_NAMES)[number]['id'];
/** The methods computed from the ledger stream (not management-area / history). */
export type StreamCostMethod = Exclude<CostMethod, 'management-area' | 'history'>;
/** What an opening record may be valued with. */
export type ClosingMethod = StreamCostMethod | 'management-area';

const ids = <T extends string>(pick: (n: CostMethodName) => boolean): readonly T[] =>
  Object.freeze(COST_METHOD_NAMES.filter(pick).map((n) => n.id as T));

export const COST_METHOD_IDS: readonly CostMethod[] = ids<CostMethod>(() => true);
export const STREAM_METHOD_IDS: readonly StreamCostMethod[] = ids<StreamCostMethod>((n) => n.stream);
export const AREA_METHOD_IDS: readonly StreamCostMethod[] = ids<StreamCostMethod>((n) => n.area);
export const CLOSING_METHOD_IDS: readonly ClosingMethod[] = ids<ClosingMethod>((n) => n.closing);
export const LAYERED_METHOD_IDS: readonly StreamCostMethod[] = ids<StreamCostMethod>((n) => n.layered);

const BY_NAME: ReadonlyMap<string, CostMethodName<CostMethod>> = new Map(
  COST_METHOD_NAMES.flatMap((n) => (n.alias ? [[n.id, n] as const, [n.alias, n] as const] : [[n.id, n] as const])),
);

/** The SPEC identifier of a name (the identifier itself or its legacy camelCase alias); undefined when unknown. */
export function normalizeCostMethod(name: string): CostMethod | undefined {
  return BY_NAME.get(name)?.id;
}

export function isCostMethod(name: string): name is CostMethod {
  return BY_NAME.get(name)?.id === name;
}

export function isStreamMethod(name: string): name is StreamCostMethod {
  return isCostMethod(name) && BY_NAME.get(name)!.stream;
}

/** The label of a method in a language; an unknown name is shown as it is. */
export function costMethodLabel(name: string, lang: 'ro' | 'en'): string {
  return BY_NAME.get(name)?.label[lang] ?? name;
}

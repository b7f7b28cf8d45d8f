/** The dimensions a closing may sum away where a warehouse does not close by them (API.md `collapse`, SPEC §7). */
export type CollapsibleDimension = 'variant' | 'location' | 'lot';
export const COLLAPSIBLE_DIMENSIONS: readonly CollapsibleDimension[] = Object.freeze(['variant', 'location', 'lot'] as const);

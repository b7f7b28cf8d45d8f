/**
 * The sort order of a list route (issue 15 point 5, API.md "Conventions"):
 * `?sort=field` ascending, `?sort=-field` descending, one field, taken from
 * the route's whitelist (the route schema refuses any other with a 400).
 */
export interface SortOrder<F extends string> {
  field: F;
  direction: 'asc' | 'desc';
}

/** The accepted values of `sort` for these fields: each field and its `-` form. */
export function sortValues(fields: readonly string[]): string[] {
  return fields.flatMap((f) => [f, `-${f}`]);
}

/** `sort` as given (already checked against the whitelist), or the default when absent. */
export function parseSort<F extends string>(sort: string | undefined, fields: readonly F[], fallback: SortOrder<F>): SortOrder<F> {
  if (!sort) return fallback;
  const desc = sort.startsWith('-');
  const field = (desc ? sort.slice(1) : sort) as F;
  if (!fields.includes(field)) return fallback;
  return { field, direction: desc ? 'desc' : 'asc' };
}

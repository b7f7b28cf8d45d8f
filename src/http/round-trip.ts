/**
 * GET → PUT round trips (issue 12 point 7): what a GET returns, the PUT of
 * the same resource takes back unchanged. A GET answer carries fields the
 * client does not set (ids, numbers, names looked up, who and when); a PUT
 * schema declares them `readOnly` so they validate, the fields naming the
 * resource (its id, year, warehouse…) must equal the URL's (400 otherwise),
 * and the rest are dropped before the service sees the body.
 */
import { fail } from '../core/errors.ts';

/** A property a GET returns and a PUT takes back without acting on it. */
export const readOnly = <T extends object>(schema: T = {} as T) => ({ ...schema, readOnly: true }) as const;

/** Schema properties for fields a PUT takes back: any value, marked readOnly in the OpenAPI document. */
export function readOnlyProperties(names: readonly string[]): Record<string, { readOnly: true }> {
  return Object.fromEntries(names.map((n) => [n, { readOnly: true as const }]));
}

/**
 * The body without its read-only fields. `identity` fields may be repeated
 * (as GET shows them) but must equal the resource's: a PUT never renames or
 * moves what its URL names.
 */
export function takeBack<T extends object>(body: T, identity: Record<string, unknown>, readOnlyNames: readonly string[] = []): T {
  const problems = [];
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const [key, expected] of Object.entries(identity)) {
    if (key in out && out[key] !== expected) {
      problems.push({ path: `/${key}`, code: 'INV_ERR_BAD_VALUE' as const, params: { value: out[key], allowed: expected } });
    }
    delete out[key];
  }
  if (problems.length) fail('INV_ERR_VALIDATION', {}, problems);
  for (const name of readOnlyNames) delete out[name];
  return out as T;
}

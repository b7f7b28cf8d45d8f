/**
 * JSON-schema pieces shared by the routes. Decimals travel as strings (API.md).
 *
 * Hostile input stops here (issue 11): ids, years, counts and dates are
 * checked by the formats below (registered on the app's Ajv by
 * `registerFormats`), so no out-of-range number reaches a 32-bit column or a
 * LIMIT; control characters are refused for every string by the app's
 * preValidation hook (core/input.ts `findControlChars`).
 */
import type { Ajv } from 'ajv';
import { isIsoDate, isYearText } from '../core/dates.ts';
import { TEXT_LIMITS } from '../core/input.ts';
import type { DifferenceQuery } from '../inventory/stock-differences.ts';

/** the largest id of a 32-bit serial column (PostgreSQL `integer`) */
export const MAX_ID = 2147483647;
/** the largest id of a 64-bit serial column used as a JS number (records) */
export const MAX_BIG_ID = Number.MAX_SAFE_INTEGER;
/** the largest limit or offset of a list */
export const MAX_COUNT = 2147483647;

const digitsUpTo = (max: number) => (v: string) => /^[0-9]{1,16}$/.test(v) && Number(v) <= max;
const FORMATS: Record<string, (v: string) => boolean> = {
  /** a real calendar date YYYY-MM-DD in the years 1900..2999 (core/dates.ts) */
  date: isIsoDate,
  /** a positive id of a 32-bit column */
  id: (v) => digitsUpTo(MAX_ID)(v) && Number(v) >= 1,
  /** a positive id of a 64-bit column, exact as a JS number */
  'big-id': (v) => digitsUpTo(MAX_BIG_ID)(v) && Number(v) >= 1,
  /** a limit or an offset */
  count: digitsUpTo(MAX_COUNT),
  /** a year in 1900..2999 */
  year: isYearText,
};

/** Adds the formats above to the app's Ajv (Fastify `ajv.onCreate`), after ajv-formats so `date` is ours. */
export function registerFormats(ajv: Ajv): void {
  for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate });
}

export const decimal = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$', maxLength: 40, description: 'decimal string' } as const;
export const date = { type: 'string', format: 'date', description: 'YYYY-MM-DD, a real date in 1900–2999' } as const;
/** a code: not blank, no control characters (checked for every string by the app) */
export const code = { type: 'string', minLength: 1, maxLength: TEXT_LIMITS.code, pattern: '\\S' } as const;
export const text = { type: 'string', maxLength: TEXT_LIMITS.text } as const;
export const bool = { type: 'boolean' } as const;
export const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const;
/** an id in a path or query: a positive integer of a 32-bit column */
export const id = { type: 'string', format: 'id', description: 'a positive integer ≤ 2147483647' } as const;
/** an id of a 64-bit column (records) */
export const bigId = { type: 'string', format: 'big-id', description: 'a positive integer ≤ 9007199254740991' } as const;
export const year = { type: 'string', format: 'year', description: 'a year in 1900–2999' } as const;
export const idParam = { type: 'object', required: ['id'], properties: { id } } as const;
export const bigIdParam = { type: 'object', required: ['id'], properties: { id: bigId } } as const;
export const pagination = {
  limit: { type: 'string', format: 'count', description: 'a whole number ≤ 2147483647' },
  offset: { type: 'string', format: 'count', description: 'a whole number ≤ 2147483647' },
} as const;

export interface Page<T> {
  items: T[];
  total: number;
}

/** Applies ?limit&offset to a list already in memory (small master-data tables). */
export function page<T>(all: T[], query: { limit?: string; offset?: string }): Page<T> {
  const offset = Number(query.offset ?? 0);
  const limit = query.limit === undefined ? all.length : Number(query.limit);
  return { items: all.slice(offset, offset + limit), total: all.length };
}

/** `?sort=field` or `?sort=-field` (descending), one of the route's whitelisted fields (core/sort.ts) */
export const sortOf = (fields: readonly string[]) =>
  ({ type: 'string', enum: fields.flatMap((f) => [f, `-${f}`]), description: `one of ${fields.join(', ')}; a leading - sorts descending` }) as const;

/** a yes/no in a query string: "true" / "1" or "false" / "0" */
export const boolString = { type: 'string', enum: ['true', 'false', '1', '0'] } as const;
export const truthy = (v: string | undefined) => v === 'true' || v === '1';

/** the differences query (SPEC §5) in a query string: the preview, its report and the yearly documents drawn from it */
export const differenceQuery = {
  processingDate: date,
  stockDate: date,
  zeroUncounted: boolString,
  zeroScope: { type: 'string', enum: ['warehouse', 'location'] },
} as const;

export interface DifferenceQuerystring {
  processingDate?: string;
  stockDate?: string;
  zeroUncounted?: string;
  zeroScope?: 'warehouse' | 'location';
}

export const toDifferenceQuery = (q: DifferenceQuerystring): DifferenceQuery => ({
  processingDate: q.processingDate,
  stockDate: q.stockDate,
  zeroUncounted: truthy(q.zeroUncounted),
  zeroScope: q.zeroScope,
});

/** JSON-schema pieces shared by the routes. Decimals travel as strings (API.md). */
export const decimal = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$', description: 'decimal string' } as const;
export const date = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' } as const;
export const code = { type: 'string', minLength: 1, maxLength: 40 } as const;
export const text = { type: 'string', maxLength: 2000 } as const;
export const bool = { type: 'boolean' } as const;
export const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const;
export const pagination = {
  limit: { type: 'string', pattern: '^[0-9]+$' },
  offset: { type: 'string', pattern: '^[0-9]+$' },
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

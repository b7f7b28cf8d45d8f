import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { SCALED_COLUMNS } from './schema.ts';

/**
 * Normalises integers read from either driver: scaled-decimal columns (by
 * name, see SCALED_COLUMNS) become bigint, whatever the driver gave (SQLite
 * safe integers, PostgreSQL int8/numeric); all other bigints become numbers
 * (ids, flags, counts), which are always far below 2^53.
 */
export class NumericPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) normaliseRow(row);
    return args.result;
  }
}

export function normaliseRow(row: Record<string, unknown>): void {
  for (const key in row) {
    const v = row[key];
    if (SCALED_COLUMNS.has(key)) {
      if (typeof v === 'number' || typeof v === 'string') row[key] = BigInt(v);
    } else if (typeof v === 'bigint') {
      row[key] = Number(v);
    }
  }
}

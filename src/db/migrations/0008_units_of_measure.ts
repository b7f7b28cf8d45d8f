import { sql, type Kysely } from 'kysely';
import { col } from './helpers.ts';

/**
 * Units of measure (SPEC §14, issue 12 point 4): each unit says how many
 * decimals a quantity in it may carry (`buc` 0, `kg` 3); items reference
 * their unit by code. Every unit the registry already uses is registered,
 * with 3 decimals (the ledger's scale) unless it is one of the standard
 * units below, so no stored quantity becomes invalid by itself.
 *
 * Also (point 4): a scan remembers the request it answered, so a scan id
 * reused with another body is told apart from a retry.
 */
export const STANDARD_UNITS: [code: string, description: string, decimals: number][] = [
  ['buc', 'bucată', 0],
  ['per', 'pereche', 0],
  ['set', 'set', 0],
  ['kg', 'kilogram', 3],
  ['g', 'gram', 3],
  ['t', 'tonă', 3],
  ['l', 'litru', 3],
  ['ml', 'mililitru', 3],
  ['m', 'metru', 3],
  ['m2', 'metru pătrat', 3],
  ['m3', 'metru cub', 3],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('description', 'text', col.text)
    .addColumn('decimals', 'integer', (c) => c.notNull().defaultTo(3))
    .execute();
  await db.insertInto('units').values(STANDARD_UNITS.map(([code, description, decimals]) => ({ code, description, decimals }))).execute();
  await sql`insert into units (code, description, decimals)
    select distinct uom, '', 3 from items where uom <> '' and uom not in (select code from units)`.execute(db);
  await sql`insert into units (code, description, decimals)
    select distinct uom, '', 3 from item_units where uom <> '' and uom not in (select code from units)`.execute(db);
  await db.schema.alterTable('inventory_scans').addColumn('request_json', 'text', col.text).execute();
}

import { SqliteAdapter, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

export function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

type Col = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/** Column shapes shared by every table (see schema.ts for why). */
export const col = {
  required: ((c) => c.notNull()) as Col,
  text: ((c) => c.notNull().defaultTo('')) as Col,
  flag: ((c) => c.notNull().defaultTo(0)) as Col,
  flagOn: ((c) => c.notNull().defaultTo(1)) as Col,
  scaled: ((c) => c.notNull().defaultTo(0)) as Col,
};

/** Creates a table with an integer surrogate key `id` on either dialect. */
export async function createTable(
  db: Kysely<any>,
  name: string,
  build: (t: CreateTableBuilder<string, 'id'>) => CreateTableBuilder<string, any>,
  options: { bigId?: boolean } = {},
): Promise<void> {
  const t = db.schema
    .createTable(name)
    .addColumn('id', isSqlite(db) ? 'integer' : options.bigId ? 'bigserial' : 'serial', (c) =>
      isSqlite(db) ? c.primaryKey().autoIncrement() : c.primaryKey(),
    );
  await build(t).execute();
}

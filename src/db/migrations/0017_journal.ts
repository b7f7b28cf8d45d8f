import type { Kysely } from 'kysely';
import { defaultStockAccount } from '../../core/accounts.ts';
import { col, createTable } from './helpers.ts';

/**
 * The journal (SPEC §9, issue 17): one entry per posted record, one line per
 * (debit account, credit account) pair. The entry is the set of lines of its
 * record (`record_id`); a line repeats the record's date so that reads by
 * date range and by account read an index range, never the table:
 * - journal_lines_record_ix: an entry (rewrite, delete, `?record=`);
 * - journal_lines_date_ix: the journal in date order (`?from&to`);
 * - journal_lines_debit_ix / journal_lines_credit_ix: one account's lines up
 *   to a date, covering the amount (balances, stock reconciliation).
 * Deleting a record deletes its entry (cascade).
 *
 * Items get their effective stock account: the item type's default (SPEC §9)
 * where none is stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(
    db,
    'journal_lines',
    (t) =>
      t
        .addColumn('record_id', 'bigint', (c) => c.notNull().references('records.id').onDelete('cascade'))
        .addColumn('date', 'text', col.required)
        .addColumn('debit_account', 'varchar(20)', col.required)
        .addColumn('credit_account', 'varchar(20)', col.required)
        .addColumn('amount', 'bigint', col.required),
    { bigId: true },
  );
  await db.schema.createIndex('journal_lines_record_ix').on('journal_lines').columns(['record_id']).execute();
  await db.schema.createIndex('journal_lines_date_ix').on('journal_lines').columns(['date', 'record_id', 'id']).execute();
  await db.schema.createIndex('journal_lines_debit_ix').on('journal_lines').columns(['debit_account', 'date', 'amount']).execute();
  await db.schema.createIndex('journal_lines_credit_ix').on('journal_lines').columns(['credit_account', 'date', 'amount']).execute();

  const types = await db.selectFrom('items').select('item_type').distinct().where('stock_account', '=', '').execute();
  for (const { item_type } of types as { item_type: string }[]) {
    await db.updateTable('items').set({ stock_account: defaultStockAccount(item_type) }).where('stock_account', '=', '').where('item_type', '=', item_type).execute();
  }
}

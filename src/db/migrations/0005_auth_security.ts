import type { Kysely } from 'kysely';

/**
 * Sign-in that resists guessing (issue 11 point 3): failed sign-ins per user
 * name, known or not (so a lockout tells nothing about which names exist),
 * and the lock they earn. A successful sign-in deletes the row. Tokens of a
 * user are looked up by user for logout and revocation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failed_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
  await db.schema.createIndex('login_failures_last_ix').on('login_failures').column('last_failed_at').execute();
  await db.schema.createIndex('auth_tokens_user_ix').on('auth_tokens').column('user_id').execute();
}

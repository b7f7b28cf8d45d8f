/** The database as every service sees it: Kysely over the store's schema (either dialect). */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

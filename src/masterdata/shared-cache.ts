/**
 * Static master data shared by a store's requests (issue 20 point 2): a
 * one-line posting read its warehouse, template, item, the item's variants
 * and units, the unit decimals, the warehouse's locations, the last closing
 * and the year's open period; a scan its list type, warehouse, item and the
 * closing before its inventory date. Ten and eight statements a request for
 * rows that change a few times a year.
 *
 * Now a request reads the master data's version (one row, given a new value
 * by triggers in the transaction of any change to those tables: migration
 * 0023) and, while it is the version the store's cache was filled at, uses
 * the cache. Read inside the request's transaction, the version is the one of
 * the rows that transaction sees: the rows read after it are that version's or
 * newer (PostgreSQL read committed), never older, and a newer one shows as a
 * new version on the next read. A cache is replaced, never changed back: a
 * request still holding the previous one fills only that one. Any process
 * writing the database (the CLI, another server, an import thread) changes
 * the version as well: nothing is trusted across writers.
 */
import { storeHandle, type Store } from '../db/connection.ts';
import type { Db } from '../db/db.ts';
import { ResolverMaps } from './lookup.ts';

/** Items (by code and by id) a shared cache keeps before it starts again. */
export const SHARED_ITEM_LIMIT = 100_000;

export interface OpenPeriods {
  /** the latest of the closings register and the year parameters; '' none */
  lastClosing: string;
  /** every year with parameters: its open period */
  years: ReadonlyMap<number, { period_start: string; period_end: string }>;
}

export class SharedMasterData extends ResolverMaps {
  /** list type id → its flags */
  readonly listTypes = new Map<number, { blind: boolean; maintainLocation: boolean }>();
  /** the closings register's dates, ascending */
  closingDates: readonly string[] | undefined;
  periods: OpenPeriods | undefined;

  constructor(readonly version: string) {
    super(SHARED_ITEM_LIMIT, true);
  }
}

/** The cache per database handle (a store's copies in contexts share it). */
const caches = new WeakMap<object, SharedMasterData>();

/** The store's shared master data as of the version `db` (the request's transaction) reads now. */
export async function sharedMasterData(store: Store, db: Db): Promise<SharedMasterData> {
  const handle = storeHandle(store);
  const row = await db.selectFrom('master_data_version').select('version').where('id', '=', 1).executeTakeFirst();
  const version = String(row?.version ?? '');
  if (!handle) return new SharedMasterData(version);
  let cache = caches.get(handle);
  if (!cache || cache.version !== version) caches.set(handle, (cache = new SharedMasterData(version)));
  return cache;
}

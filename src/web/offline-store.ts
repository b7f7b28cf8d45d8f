/**
 * What the counting phone keeps in IndexedDB (issue 14 point 3): each user's
 * scan queue (one record per user, written on every change, before anything
 * is sent) and the answers the counting screens read (the user's lists, a
 * list, its lines, its warehouse's locations, item look-ups), so a list once
 * opened opens again with no connection. Never localStorage: a queue there
 * dies with a full quota and blocks the page while it is written.
 *
 * Every call rejects when IndexedDB is missing or refuses (private mode,
 * quota): the callers keep their data in memory and tell the user.
 */
import { api, NetworkError, withQuery, type Query } from './api.ts';

const DB_NAME = 'inventar';
const VERSION = 1;
const SCANS = 'scans';
const CACHE = 'cache';

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  if (!opening) {
    opening = new Promise<IDBDatabase>((resolve, reject) => {
      if (typeof indexedDB === 'undefined') {
        reject(new Error('IndexedDB is not available'));
        return;
      }
      const req = indexedDB.open(DB_NAME, VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(SCANS)) db.createObjectStore(SCANS);
        if (!db.objectStoreNames.contains(CACHE)) db.createObjectStore(CACHE);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB refused'));
      req.onblocked = () => reject(new Error('IndexedDB blocked by another tab'));
    });
    // a failed open may succeed later (another tab let go): try again next time
    opening.catch(() => (opening = undefined));
  }
  return opening;
}

async function run<T>(store: string, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T> | undefined): Promise<T | undefined> {
  const db = await open();
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = work(tx.objectStore(store));
    // resolved when the transaction is committed (durable), not when the request succeeds
    tx.oncomplete = () => resolve(req?.result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

/** The stored value under `key` in the scans store (undefined when none). */
export const readScans = (key: string): Promise<unknown> => run(SCANS, 'readonly', (s) => s.get(key));
export const writeScans = (key: string, value: unknown): Promise<unknown> => run(SCANS, 'readwrite', (s) => s.put(value, key));

export const readCached = (key: string): Promise<unknown> => run(CACHE, 'readonly', (s) => s.get(key));
export const writeCached = (key: string, value: unknown): Promise<unknown> => run(CACHE, 'readwrite', (s) => s.put(value, key));

/** Asks the browser not to evict the queue under storage pressure (best effort). */
export function askPersistence(): void {
  try {
    void navigator.storage?.persist?.().catch(() => undefined);
  } catch {
    /* not offered */
  }
}

/**
 * A GET for the counting screens that works offline: the answer is kept per
 * user; when the request gets no answer at all (NetworkError), the kept one is
 * returned instead. Any answer of the server (an error too) is passed on.
 */
export async function cachedGet<T>(owner: string, path: string, query?: Query): Promise<T> {
  const url = withQuery(path, query);
  const key = `${owner}|${url}`;
  try {
    const data = await api.get<T>(url);
    await writeCached(key, data).catch(() => undefined);
    return data;
  } catch (e) {
    if (!(e instanceof NetworkError)) throw e;
    const kept = await readCached(key).catch(() => undefined);
    if (kept === undefined) throw e;
    return kept as T;
  }
}

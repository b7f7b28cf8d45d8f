/** The scan queue of each user in the app: sent through the API, kept in IndexedDB, woken by the browser's events. */
import { request } from './api.ts';
import { askPersistence, readScans, writeScans } from './offline-store.ts';
import { ScanQueue, type QueueStorage, type Sender } from './scanQueue.ts';
import type { CountLine } from './types.ts';

export const defaultSender: Sender = (listId, body) => request<CountLine>('POST', `/api/lists/${listId}/lines`, body);

export const indexedDbStorage = (key: string): QueueStorage => ({
  load: (which) => readScans(which === 'main' ? key : `${key}.spare`),
  save: (record, which) => writeScans(which === 'main' ? key : `${key}.spare`, record),
});

const queues = new Map<string, ScanQueue>();

/** One queue per user, shared by every screen of the page. */
export function queueFor(username: string): ScanQueue {
  let q = queues.get(username);
  if (!q) {
    const key = `inventar.scans.${username}`;
    let legacy: Storage | undefined;
    try {
      legacy = window.localStorage;
    } catch {
      legacy = undefined; // storage disabled: nothing of an older version to move
    }
    q = new ScanQueue(key, defaultSender, indexedDbStorage(key), legacy);
    queues.set(username, q);
    void q.ready.then(askPersistence);
    const wake = () => q!.retryNow();
    window.addEventListener('online', wake);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && wake());
  }
  return q;
}

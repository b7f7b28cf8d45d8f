/**
 * Offline-safe counting. Every scan is first written to a persistent queue
 * (IndexedDB, one record per user, see offline-store.ts) with a client-made
 * scanId, then sent in order
 * and retried with backoff until the server answers. The server applies a
 * scanId once, so a request that reached it but whose answer was lost is
 * harmless to resend: a dropped connection neither loses nor doubles a count.
 *
 * Outcomes of a send:
 * - 2xx: acknowledged; the entry keeps the returned line (shown as done).
 * - no answer, 5xx, 408, 429: retried later (backoff 1 s → 30 s, at once
 *   when the browser comes back online); later entries wait behind it, so
 *   scans reach the server in the order they were made.
 * - 409 INV_ERR_DUPLICATE_COUNT: the key was counted before; the entry waits
 *   for the counter's choice. The choice (add / replace) is sent as a NEW
 *   entry with a NEW scanId: the first scanId got its answer (409, nothing
 *   applied), and the resolved action is a different request that must be
 *   idempotent on its own. Cancel drops it.
 * - 401: sending pauses until the user signs in again (the queue is kept).
 * - other 4xx: rejected (unknown code, closed list...): shown with the
 *   server's message, nothing applied.
 */
import type { CountLine } from './types.ts';
// no DOM or API module here (the class is tested under Node): the sender, the storage
// and the browser's events are given by scanQueues.ts

export interface ScanBody {
  item?: string;
  barcode?: string;
  variant?: string;
  lot?: string;
  serial?: string;
  location?: string;
  /** absent: the server takes the GS1 count of the code, else 1 */
  quantity?: string;
  mode?: 'add' | 'replace';
  scanId?: string;
}

export type ScanState = 'pending' | 'conflict' | 'rejected' | 'done';

export interface QueuedScan {
  scanId: string;
  listId: number;
  body: ScanBody;
  /** what was scanned or typed, for the screen */
  label: string;
  createdAt: number;
  state: ScanState;
  attempts: number;
  nextAttemptAt: number;
  error?: { status: number; code: string; detail: string };
  /** the line already counted (409) */
  current?: CountLine;
  /** the line after the server applied the scan */
  result?: CountLine;
  /** when the server's answer arrived (ms) */
  ackedAt?: number;
}

export type Sender = (listId: number, body: ScanBody) => Promise<CountLine>;

const KEEP_DONE = 40;
const MAX_BACKOFF = 30_000;


function newId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // older browsers on plain http: still random enough for an idempotency key
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A server's answer as the API module throws it (ApiError); anything else is no answer at all. */
interface Answer {
  status: number;
  code: string;
  detail: string;
  errors: { message: string }[];
  body: Record<string, unknown>;
}

const isAnswer = (e: unknown): e is Answer => typeof (e as Partial<Answer> | null)?.status === 'number' && typeof (e as Partial<Answer>).code === 'string';

function retryable(e: unknown): boolean {
  if (!isAnswer(e)) return true; // no answer at all
  return e.status >= 500 || e.status === 408 || e.status === 429;
}

/**
 * Where a queue is kept: IndexedDB in the app, memory in tests. `spare` is a
 * second record, written instead of the main one while the main one could not
 * be read (so it is never overwritten by what is in memory), read back and
 * merged on the next start.
 */
export interface QueueStorage {
  load(which: 'main' | 'spare'): Promise<unknown>;
  save(record: StoredQueue | undefined, which: 'main' | 'spare'): Promise<unknown>;
}

export interface StoredQueue {
  version: 1;
  entries: QueuedScan[];
  /** records that could not be read back: kept as they were, never dropped */
  unreadable?: unknown[];
}

/** Why the phone's copy of the queue is not safe: the screen says so. */
export type StorageProblem = 'save' | 'load' | 'unreadable';

/** Where an older version of the app kept the queue (localStorage). */
export interface LegacyStore {
  getItem(key: string): string | null;
  removeItem(key: string): void;
}

const isEntry = (e: unknown): e is QueuedScan => {
  const x = e as Partial<QueuedScan> | null;
  return !!x && typeof x === 'object' && typeof x.scanId === 'string' && typeof x.listId === 'number' && !!x.body && typeof x.body === 'object' && typeof x.state === 'string';
};

export class ScanQueue {
  private entries: QueuedScan[] = [];
  private unreadable: unknown[] = [];
  private listeners = new Set<() => void>();
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private paused = false;
  /** false after a send got no answer, true after any answer */
  online = true;
  /** set while the phone's copy is not safe (the entries stay in memory meanwhile) */
  problem: StorageProblem | undefined;
  private loaded = false;
  /** true when the main record could not be read: saves go to the spare record */
  private spare = false;
  /** resolves once the stored queue is read (and merged with what was scanned meanwhile) */
  readonly ready: Promise<void>;
  private saving: Promise<unknown> = Promise.resolve();
  private readonly storageKey: string;
  private readonly sender: Sender;
  private readonly storage: QueueStorage;
  private snapshot: QueuedScan[] = [];

  private readonly legacyStore: LegacyStore | undefined;

  constructor(storageKey: string, sender: Sender, storage: QueueStorage, legacy?: LegacyStore) {
    this.storageKey = storageKey;
    this.sender = sender;
    this.storage = storage;
    this.legacyStore = legacy;
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    const stored: QueuedScan[] = [];
    let legacy = false;
    let spareRead = false;
    for (const which of ['main', 'spare'] as const) {
      try {
        const record = (await this.storage.load(which)) as StoredQueue | unknown[] | undefined;
        const list: unknown[] = record === undefined || record === null ? [] : Array.isArray(record) ? record : Array.isArray((record as StoredQueue).entries) ? (record as StoredQueue).entries : [record];
        if (record && !Array.isArray(record) && Array.isArray((record as StoredQueue).unreadable)) this.unreadable.push(...(record as StoredQueue).unreadable!);
        for (const e of list) if (!isEntry(e)) this.unreadable.push(e);
        else if (!stored.some((x) => x.scanId === e.scanId)) stored.push(e);
        if (which === 'spare') spareRead = list.length > 0;
      } catch {
        // the main record unread: never overwritten, what is scanned now goes to the spare one
        if (which === 'main') this.spare = true;
        this.problem = 'load';
      }
    }
    // a queue of an older version of the app, kept in localStorage: moved over, removed once saved
    try {
      const raw = this.legacyStore ? this.legacyStore.getItem(this.storageKey) : null;
      if (raw !== null) {
        legacy = true;
        const old: unknown = JSON.parse(raw);
        for (const e of Array.isArray(old) ? old : [old]) if (isEntry(e) && !stored.some((s) => s.scanId === e.scanId)) stored.push(e);
        else if (!isEntry(e)) this.unreadable.push(e);
      }
    } catch {
      // unreadable: left where it is, and said
      legacy = false;
      this.problem = 'unreadable';
    }
    if (this.unreadable.length && !this.problem) this.problem = 'unreadable';
    // a send interrupted by a reload is simply due again (same scanId)
    for (const e of stored) if (e.state === 'pending') e.nextAttemptAt = 0;
    const meanwhile = new Set(this.entries.map((e) => e.scanId));
    this.entries = [...stored.filter((e) => !meanwhile.has(e.scanId)), ...this.entries];
    this.loaded = true;
    await this.changed();
    const safe = this.problem !== 'save' && this.problem !== 'load';
    if (legacy && safe) this.legacyStore?.removeItem(this.storageKey);
    // the spare record is in the main one now
    if (spareRead && safe && !this.spare) await this.storage.save(undefined, 'spare').catch(() => undefined);
    void this.pump();
  }

  /** every entry, oldest first (stable between changes, for useSyncExternalStore) */
  all = (): QueuedScan[] => this.snapshot;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  pendingCount(listId?: number): number {
    return this.entries.filter((e) => e.state === 'pending' && (listId === undefined || e.listId === listId)).length;
  }

  /** Publishes the change and writes the queue to the phone; resolves once written (or refused: then `problem` says so). */
  private changed(): Promise<void> {
    const done = this.entries.filter((e) => e.state === 'done');
    if (done.length > KEEP_DONE) {
      const drop = new Set(done.slice(0, done.length - KEEP_DONE).map((e) => e.scanId));
      this.entries = this.entries.filter((e) => !drop.has(e.scanId));
    }
    this.snapshot = [...this.entries];
    for (const fn of this.listeners) fn();
    if (!this.loaded) return Promise.resolve();
    const record: StoredQueue = { version: 1, entries: this.snapshot, ...(this.unreadable.length ? { unreadable: this.unreadable } : {}) };
    // writes one after the other: the last change is the last written
    const write = this.saving.then(() => this.storage.save(record, this.spare ? 'spare' : 'main'));
    this.saving = write.then(
      () => {
        if (this.problem === 'save') this.setProblem(this.unreadable.length ? 'unreadable' : undefined);
      },
      () => this.setProblem('save'),
    );
    return this.saving as Promise<void>;
  }

  private setProblem(p: StorageProblem | undefined): void {
    if (this.problem === p) return;
    this.problem = p;
    this.snapshot = [...this.entries];
    for (const fn of this.listeners) fn();
  }

  /** Saves the scan (before anything is sent) and starts sending. */
  enqueue(listId: number, body: Omit<ScanBody, 'scanId'>, label: string): QueuedScan {
    const scanId = newId();
    const entry: QueuedScan = { scanId, listId, body: { ...body, scanId }, label, createdAt: Date.now(), state: 'pending', attempts: 0, nextAttemptAt: 0 };
    this.entries.push(entry);
    // written to the phone first, then sent (a failed write still sends: the server is the safer copy)
    void this.changed().then(() => this.pump());
    return entry;
  }

  /** The counter's answer to a repeated key: add or replace (a new entry, new scanId), or cancel. */
  resolve(scanId: string, choice: 'add' | 'replace' | 'cancel'): QueuedScan | undefined {
    const index = this.entries.findIndex((e) => e.scanId === scanId && e.state === 'conflict');
    if (index < 0) return undefined;
    const old = this.entries[index];
    if (choice === 'cancel') {
      this.entries.splice(index, 1);
      void this.changed();
      return undefined;
    }
    const id = newId();
    const entry: QueuedScan = {
      ...old,
      scanId: id,
      body: { ...old.body, mode: choice, scanId: id },
      state: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
      // the line as it was before: what an `add` without a quantity counted is told by the difference
      current: old.current,
      error: undefined,
      createdAt: Date.now(),
    };
    this.entries.splice(index, 1, entry);
    void this.changed();
    void this.pump();
    return entry;
  }

  dismiss(scanId: string): void {
    this.entries = this.entries.filter((e) => !(e.scanId === scanId && e.state !== 'pending'));
    void this.changed();
  }

  /** Try now (the browser came online, the user signed in again, the user asked). */
  retryNow(): void {
    this.paused = false;
    for (const e of this.entries) if (e.state === 'pending') e.nextAttemptAt = 0;
    void this.pump();
  }

  stop(): void {
    this.paused = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), Math.max(0, at - Date.now()));
  }

  /** Sends due entries one at a time, in order. */
  async pump(): Promise<void> {
    if (this.running || this.paused || !this.loaded) return;
    this.running = true;
    try {
      for (;;) {
        const next = this.entries.find((e) => e.state === 'pending');
        if (!next) return;
        if (next.nextAttemptAt > Date.now()) {
          this.schedule(next.nextAttemptAt);
          return;
        }
        try {
          const line = await this.sender(next.listId, next.body);
          next.state = 'done';
          next.result = line;
          next.ackedAt = Date.now();
          next.error = undefined;
          this.online = true;
        } catch (e) {
          if (retryable(e)) {
            next.attempts += 1;
            const backoff = Math.min(MAX_BACKOFF, 1000 * 2 ** Math.min(next.attempts - 1, 5));
            next.nextAttemptAt = Date.now() + backoff * (0.8 + Math.random() * 0.4);
            this.online = false;
            void this.changed();
            this.schedule(next.nextAttemptAt);
            return;
          }
          this.online = true;
          const err = e as Answer;
          if (err.status === 401) {
            this.paused = true;
            void this.changed();
            return;
          }
          if (err.status === 409 && err.code === 'INV_ERR_DUPLICATE_COUNT') {
            next.state = 'conflict';
            next.current = err.body.current as CountLine | undefined;
          } else next.state = 'rejected';
          // the field problems say what is wrong with the code ("wrong check digit"), the detail only that something is
          const detail = err.errors.length ? err.errors.map((x) => x.message).join('; ') : err.detail;
          next.error = { status: err.status, code: err.code, detail };
        }
        void this.changed();
      }
    } finally {
      this.running = false;
    }
  }
}

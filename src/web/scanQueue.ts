/**
 * Offline-safe counting. Every scan is first written to a persistent queue
 * (localStorage, per user) with a client-made scanId, then sent in order
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
import { ApiError, request } from './api.ts';
import type { CountLine } from './types.ts';

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

export const defaultSender: Sender = (listId, body) => request<CountLine>('POST', `/api/lists/${listId}/lines`, body);

function newId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // older browsers on plain http: still random enough for an idempotency key
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function retryable(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true; // no answer at all
  return e.status >= 500 || e.status === 408 || e.status === 429;
}

export class ScanQueue {
  private entries: QueuedScan[] = [];
  private listeners = new Set<() => void>();
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private paused = false;
  /** false after a send got no answer, true after any answer */
  online = true;
  private readonly storageKey: string;
  private readonly sender: Sender;
  private snapshot: QueuedScan[] = [];

  constructor(storageKey: string, sender: Sender = defaultSender) {
    this.storageKey = storageKey;
    this.sender = sender;
    try {
      const raw = localStorage.getItem(storageKey);
      this.entries = raw ? (JSON.parse(raw) as QueuedScan[]) : [];
    } catch {
      this.entries = [];
    }
    // a send interrupted by a reload is simply due again (same scanId)
    for (const e of this.entries) if (e.state === 'pending') e.nextAttemptAt = 0;
    this.snapshot = [...this.entries];
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

  private changed(): void {
    const done = this.entries.filter((e) => e.state === 'done');
    if (done.length > KEEP_DONE) {
      const drop = new Set(done.slice(0, done.length - KEEP_DONE).map((e) => e.scanId));
      this.entries = this.entries.filter((e) => !drop.has(e.scanId));
    }
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(this.entries));
    } catch {
      /* storage full: the entries stay in memory */
    }
    this.snapshot = [...this.entries];
    for (const fn of this.listeners) fn();
  }

  /** Saves the scan (before anything is sent) and starts sending. */
  enqueue(listId: number, body: Omit<ScanBody, 'scanId'>, label: string): QueuedScan {
    const scanId = newId();
    const entry: QueuedScan = { scanId, listId, body: { ...body, scanId }, label, createdAt: Date.now(), state: 'pending', attempts: 0, nextAttemptAt: 0 };
    this.entries.push(entry);
    this.changed();
    void this.pump();
    return entry;
  }

  /** The counter's answer to a repeated key: add or replace (a new entry, new scanId), or cancel. */
  resolve(scanId: string, choice: 'add' | 'replace' | 'cancel'): QueuedScan | undefined {
    const index = this.entries.findIndex((e) => e.scanId === scanId && e.state === 'conflict');
    if (index < 0) return undefined;
    const old = this.entries[index];
    if (choice === 'cancel') {
      this.entries.splice(index, 1);
      this.changed();
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
    this.changed();
    void this.pump();
    return entry;
  }

  dismiss(scanId: string): void {
    this.entries = this.entries.filter((e) => !(e.scanId === scanId && e.state !== 'pending'));
    this.changed();
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
    if (this.running || this.paused) return;
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
            this.changed();
            this.schedule(next.nextAttemptAt);
            return;
          }
          this.online = true;
          const err = e as ApiError;
          if (err.status === 401) {
            this.paused = true;
            this.changed();
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
        this.changed();
      }
    } finally {
      this.running = false;
    }
  }
}

const queues = new Map<string, ScanQueue>();

/** One queue per user, shared by every screen of the page. */
export function queueFor(username: string): ScanQueue {
  let q = queues.get(username);
  if (!q) {
    q = new ScanQueue(`inventar.scans.${username}`);
    queues.set(username, q);
    const wake = () => q!.retryNow();
    window.addEventListener('online', wake);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && wake());
  }
  return q;
}

/**
 * A cache of valuations for the dashboard (issue 15 point 6): a valuation
 * reads every movement after the last closing, too much to run a dozen of on
 * every home page load.
 *
 * A cached figure stays valid while nothing that a valuation reads has
 * changed. Every change is audited (SPEC §10), so the audit trail says what
 * changed: the cache remembers the last audit id it has looked at (its mark);
 * on each use it reads the current last id (the primary key's end: one index
 * probe) and, when it moved, looks only at the entries written since
 * (a primary key range) for those whose entity can change a value: anything
 * but counting, inventories and lists, decisions, count control, employees,
 * users and list types. A record entry (created, edited, deleted: its before
 * and after carry the record's date) drops the figures valued at or after
 * the earliest date it names; any other such entry (an item's costs, a
 * closing, a template, parameters, a history snapshot...) drops them all. The
 * mark moves on. So counting keeps every figure, and today's sales keep the
 * figures of past month ends.
 *
 * Caveat (PostgreSQL): ids come from a sequence, and a transaction may commit
 * an id below one already seen; such an entry would be passed over. Entries
 * older than MAX_AGE_MS are computed again anyway, which bounds it.
 *
 * Per store (its query builder), in memory, at most MAX_ENTRIES figures: a
 * restart starts empty.
 *
 * A request never values (the house rule: per-request work must not grow with
 * the ledger): `cachedOrStarted` answers a figure only when it is already
 * computed; otherwise it queues the computation and answers undefined (the
 * dashboard routes then answer `pending: true`). The queue runs in the
 * background, one valuation at a time per store (so one per store and key as
 * well: a key asked for again while queued or running shares it), each after a
 * turn of the event loop and with a pause between its batches of items
 * (`backgroundRun`), so scans and postings are served between them. A queued
 * figure whose entry a change dropped is not computed. A failed computation
 * is logged (`onValuationError`; default console.error) and forgotten, so the
 * next request queues it again; nothing is ever left unhandled.
 * `valuationsSettled` is the promise tests await for the queue to be empty.
 */
import type { Store } from '../db/connection.ts';

/** Audited entities that never change a valuation (SPEC §6 reads records, items, closings, parameters, templates, areas, history). */
export const VALUE_NEUTRAL_ENTITIES = ['inventoryLine', 'list', 'inventory', 'inventoryDecision', 'countControl', 'reasonCode', 'employee', 'user', 'listType'] as const;

export const MAX_AGE_MS = 15 * 60_000;
/** figures kept per store at most (any date may be asked for): the oldest go first */
export const MAX_ENTRIES = 1000;

interface Entry {
  /** the valuation date: a record dated after it does not change the figure */
  date: string;
  /** when the figure's computation started */
  at: number;
  /** the figure, once computed */
  done?: { value: unknown };
  /** queued or being computed */
  running: boolean;
}

interface State {
  mark: number;
  entries: Map<string, Entry>;
}

const states = new WeakMap<object, State>();

/** How often a figure was taken from the cache / computed (tests and the bench). */
export const valuationCacheStats = { hits: 0, computed: 0, cleared: 0, failed: 0 };

async function lastAuditId(store: Store): Promise<number> {
  const r = await store.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return r?.id == null ? 0 : Number(r.id);
}

/** The `date` of an audited record (before or after); null when the side is empty (a create's before, a delete's after). */
const dateIn = (json: string | null): string | null | undefined => {
  if (json === null) return null;
  try {
    const parsed = JSON.parse(json) as { date?: unknown } | null;
    if (parsed === null) return null;
    return typeof parsed.date === 'string' ? parsed.date : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The earliest valuation date the audit entries in (since, last] may change:
 * a record's earliest date, '' for any other value-changing entry (all
 * dates), undefined when none changes a value.
 */
async function earliestChange(store: Store, since: number, last: number): Promise<string | undefined> {
  let from: string | undefined;
  const rows = await store.db
    .selectFrom('audit_log')
    .select(['entity', 'before_json', 'after_json'])
    .where('id', '>', since)
    .where('id', '<=', last)
    .where('entity', 'not in', [...VALUE_NEUTRAL_ENTITIES])
    .execute();
  for (const r of rows) {
    if (r.entity !== 'record') return '';
    for (const json of [r.before_json, r.after_json]) {
      const d = dateIn(json);
      if (d === null) continue;
      if (d === undefined) return '';
      if (from === undefined || d < from) from = d;
    }
  }
  return from;
}

/** Brings the store's cache up to the audit trail; returns it. */
async function current(store: Store): Promise<State> {
  const last = await lastAuditId(store);
  let state = states.get(store.db);
  if (!state) {
    state = { mark: last, entries: new Map() };
    states.set(store.db, state);
    return state;
  }
  if (last !== state.mark) {
    // a backup restored in place may even go back: then everything is new
    const since = last > state.mark ? state.mark : 0;
    const from = last < state.mark ? '' : await earliestChange(store, since, last);
    if (from !== undefined) {
      for (const [key, e] of state.entries) if (e.date >= from) state.entries.delete(key);
      valuationCacheStats.cleared++;
    }
    state.mark = last;
  }
  return state;
}

/** The background queue of a store: its last job (never rejects). */
const queues = new WeakMap<object, { tail: Promise<void> }>();
const errorLogs = new WeakMap<object, (error: unknown, what: string) => void>();
const holds = new WeakMap<object, Promise<void>>();

/** Where a store's failed background valuations are logged (the server: its pino logger). */
export function onValuationError(store: Store, log: (error: unknown, what: string) => void): void {
  errorLogs.set(store.db, log);
}

const logError = (store: Store, error: unknown, what: string) => {
  valuationCacheStats.failed++;
  try {
    (errorLogs.get(store.db) ?? ((e: unknown, w: string) => console.error(`background valuation ${w} failed`, e)))(error, what);
  } catch {
    // a logger that throws must not make the queue's promise reject
  }
};

/** A turn of the event loop: I/O callbacks (requests, scans) run before the queue goes on. */
export const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What the background gives a valuation: small batches of items with a turn of the event loop between them. */
export const backgroundRun = { batchSize: 100, pause: yieldTurn } as const;

function enqueue(store: Store, job: () => Promise<void>, what: string): void {
  let q = queues.get(store.db);
  if (!q) queues.set(store.db, (q = { tail: Promise.resolve() }));
  q.tail = q.tail
    .then(yieldTurn)
    .then(() => holds.get(store.db))
    .then(job)
    .catch((e: unknown) => logError(store, e, what));
}

/** Resolves when the store's background queue is empty (tests, the bench): jobs queued meanwhile are waited for too. */
export async function valuationsSettled(store: Store): Promise<void> {
  for (;;) {
    const q = queues.get(store.db);
    if (!q) return;
    const tail = q.tail;
    await tail;
    if (q.tail === tail) return;
  }
}

/** Holds the store's background queue until the returned function is called (tests: what a request does before anything is valued). */
export function holdValuations(store: Store): () => void {
  let release!: () => void;
  holds.set(store.db, new Promise<void>((resolve) => (release = resolve)));
  return () => {
    holds.delete(store.db);
    release();
  };
}

/**
 * The figure of `key` valued at `date` when it is computed (and still valid);
 * otherwise undefined, and its computation is queued in the background unless
 * it already is. Never computes in the caller's time. A figure older than
 * MAX_AGE_MS is still answered while it is computed again.
 */
export async function cachedOrStarted<T>(store: Store, date: string, key: string, compute: () => Promise<T>): Promise<T | undefined> {
  const state = await current(store);
  const now = Date.now();
  key = `${date}|${key}`;
  const queue = (entry: Entry) => {
    entry.running = true;
    enqueue(
      store,
      async () => {
        // dropped by a change (or pushed out) while it waited: not worth computing
        if (state.entries.get(key) !== entry) return;
        const started = Date.now();
        try {
          entry.done = { value: await compute() };
          entry.at = started;
        } catch (e) {
          if (state.entries.get(key) === entry && !entry.done) state.entries.delete(key);
          throw e;
        } finally {
          entry.running = false;
        }
      },
      key,
    );
  };
  const hit = state.entries.get(key);
  if (hit) {
    if (!hit.done) return undefined;
    valuationCacheStats.hits++;
    if (now - hit.at >= MAX_AGE_MS && !hit.running) {
      valuationCacheStats.computed++;
      queue(hit);
    }
    return hit.done.value as T;
  }
  valuationCacheStats.computed++;
  const entry: Entry = { date, at: now, running: false };
  state.entries.set(key, entry);
  for (const oldest of state.entries.keys()) {
    if (state.entries.size <= MAX_ENTRIES) break;
    state.entries.delete(oldest);
  }
  queue(entry);
  return undefined;
}

/** Forgets every cached figure of a store (tests). */
export function clearValuationCache(store: Store): void {
  states.delete(store.db);
}

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
 * restart starts empty; requests for the same key while it is being computed
 * share the computation.
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
  value: Promise<unknown>;
  at: number;
}

interface State {
  mark: number;
  entries: Map<string, Entry>;
}

const states = new WeakMap<object, State>();

/** How often a figure was taken from the cache / computed (tests and the bench). */
export const valuationCacheStats = { hits: 0, computed: 0, cleared: 0 };

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

/** The cached figure of `key` valued at `date`, or `compute()` (kept for the next call). A failed computation is not kept. */
export async function cachedValuation<T>(store: Store, date: string, key: string, compute: () => Promise<T>): Promise<T> {
  const state = await current(store);
  const now = Date.now();
  key = `${date}|${key}`;
  const hit = state.entries.get(key);
  if (hit && now - hit.at < MAX_AGE_MS) {
    valuationCacheStats.hits++;
    return hit.value as Promise<T>;
  }
  valuationCacheStats.computed++;
  const value = compute();
  const entry: Entry = { date, value, at: now };
  state.entries.delete(key);
  state.entries.set(key, entry);
  for (const oldest of state.entries.keys()) {
    if (state.entries.size <= MAX_ENTRIES) break;
    state.entries.delete(oldest);
  }
  value.catch(() => {
    if (state.entries.get(key) === entry) state.entries.delete(key);
  });
  return value;
}

/** Forgets every cached figure of a store (tests). */
export function clearValuationCache(store: Store): void {
  states.delete(store.db);
}

/**
 * SQLite has one writer per file. While another thread (a worker's import)
 * holds the write lock for a long transaction, a write on this process's
 * connection would wait in SQLite's busy handler, synchronously, blocking
 * the event loop and then failing. The gate makes such writes wait
 * asynchronously instead: a long write from another thread runs under
 * `hold`, and writes of this thread `wait` for it first (reads never wait:
 * WAL lets them read the last committed state meanwhile).
 */
import type { Store } from './connection.ts';

export class WriteGate {
  private held: Promise<void> | undefined;

  /** Resolves once no long write of another thread is under way. */
  async wait(): Promise<void> {
    while (this.held) await this.held;
  }

  /** Whether a long write holds the gate now. */
  get busy(): boolean {
    return this.held !== undefined;
  }

  /**
   * Runs `work` with the gate closed, after any earlier holder (one long
   * write at a time). `settle` runs once the gate is closed, before `work`:
   * the caller lets this thread's own transaction in progress finish there.
   */
  async hold<T>(work: () => Promise<T>, settle?: () => Promise<void>): Promise<T> {
    await this.wait();
    let release!: () => void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    try {
      await settle?.();
      return await work();
    } finally {
      this.held = undefined;
      release();
    }
  }
}

const gates = new WeakMap<object, WriteGate>();

/** The gate of a SQLite store's connection (one per connection); undefined on PostgreSQL. */
export function writeGateOf(store: Store): WriteGate | undefined {
  if (!store.sqlite) return undefined;
  let gate = gates.get(store.sqlite);
  if (!gate) gates.set(store.sqlite, (gate = new WriteGate()));
  return gate;
}

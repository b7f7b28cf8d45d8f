/**
 * WAL checkpoints off the writer's path (SQLite file databases).
 *
 * By default SQLite checkpoints inside the COMMIT that takes the WAL past
 * 1,000 pages: the committing action copies the whole WAL into the database
 * file before it returns (about a second after a million-line import, and a
 * pause in every request that happens to cross the mark). Here the store's
 * connection does not checkpoint; a worker thread with a connection of its
 * own runs a PASSIVE checkpoint every CHECKPOINT_EVERY_MS. A passive
 * checkpoint copies only committed frames, never waits for readers or the
 * writer and never blocks them, so it runs on another core while the
 * application goes on. Closing the store stops the worker first, so the
 * store's connection is the last one and SQLite checkpoints and removes the
 * WAL as it closes.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

const CHECKPOINT_EVERY_MS = 200;

/** The worker (CommonJS, evaluated): checkpoint on a timer until told to stop. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy (another checkpoint) or a transient error: the next tick tries again
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class Checkpointer {
  private worker?: Worker;
  private exited?: Promise<void>;
  private readonly timer: NodeJS.Timeout;

  /**
   * `onFailure`: the worker could not run (the caller checkpoints on its own again). The worker
   * starts at the first tick: a store closed before (a short CLI command) never pays for a thread.
   */
  constructor(
    private readonly file: string,
    private readonly onFailure: (error: Error) => void,
  ) {
    this.timer = setTimeout(() => this.start(), CHECKPOINT_EVERY_MS);
    this.timer.unref();
  }

  private start(): void {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: this.file, everyMs: CHECKPOINT_EVERY_MS } });
    worker.on('error', this.onFailure);
    // the worker never keeps the process alive
    worker.unref();
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    this.worker = worker;
  }

  /** Stops the worker and closes its connection. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.worker) return;
    // referenced again while it winds down: a process waiting only for this must not end first
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}

/**
 * Copies the whole WAL into the database file and empties it, waiting while
 * another checkpoint (the worker's) holds the way: afterwards the file alone
 * holds the database (a copy of it is complete).
 */
export async function checkpointFully(sqlite: SqliteDatabase.Database): Promise<void> {
  for (;;) {
    const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: bigint | number }[];
    if (Number(result.busy) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

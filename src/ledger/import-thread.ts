/**
 * Record imports over HTTP, off the event loop (issue 11): on a SQLite file
 * a large import runs in a worker thread with its own connection, so the
 * server keeps answering while it plans and writes; WAL lets every other
 * request read the last committed ledger meanwhile. Writes of this process
 * wait for it (asynchronously, see WriteGate) as they waited behind the
 * import before. In memory (tests) a second thread cannot open the same
 * database, on PostgreSQL the import is I/O on a pooled connection, and a
 * small file is done in less time than the thread's first start takes (it
 * loads the posting engine once; later imports reuse it): those run here.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Ctx } from '../core/context.ts';
import { InventarError, type ErrorCode, type FieldProblem } from '../core/errors.ts';
import { requirePermission } from '../core/roles.ts';
import { writeGateOf } from '../db/write-gate.ts';
import { importRecordsCsv, type ImportResult } from './import.ts';
import type { WorkerJob } from './import-worker.ts';

/** CSV bodies from this size on (bytes: some 15,000 to 30,000 lines) are imported in a worker thread. */
export const WORKER_FROM_BYTES = 1024 * 1024;

export type WorkerReply =
  | { ok: ImportResult }
  | { inventar: { code: ErrorCode; params: Record<string, unknown>; problems: FieldProblem[] } }
  | { error: { message: string; stack?: string } };

/**
 * The worker starts as a small CommonJS script that registers tsx (the
 * project runs its TypeScript through tsx's loader, which a new thread does
 * not inherit: see bin/inventar.js) and then loads import-worker.ts.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => {
  tsx.register();
  return import(workerData.entry);
});
`;

const tsxApi = () => pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;

/** Imports records from CSV text: in a worker thread on a SQLite file when large, here otherwise. */
export async function importRecordsCsvOffThread(ctx: Ctx, text: string, options: { workerFromBytes?: number } = {}): Promise<ImportResult> {
  requirePermission(ctx.actor, 'post');
  const gate = writeGateOf(ctx.store);
  const file = ctx.store.file;
  if (!gate || !file || Buffer.byteLength(text) < (options.workerFromBytes ?? WORKER_FROM_BYTES)) return importRecordsCsv(ctx, text);
  return gate.hold(
    () => inWorker(ctx, file, text),
    // a transaction of this thread already under way finishes first (the worker would wait for its lock)
    () => ctx.store.db.connection().execute(async () => {}),
  );
}

interface Pending {
  resolve: (result: ImportResult) => void;
  reject: (error: Error) => void;
}

/** The import thread, started with the first job and kept (it holds no connection between jobs, and never keeps the process alive when idle). */
let thread: { worker: Worker; jobs: Map<number, Pending> } | undefined;
let nextJob = 1;

function importThread(): { worker: Worker; jobs: Map<number, Pending> } {
  if (thread) return thread;
  const worker = new Worker(BOOT, { eval: true, workerData: { tsx: tsxApi(), entry: new URL('./import-worker.ts', import.meta.url).href } });
  const jobs = new Map<number, Pending>();
  const self = { worker, jobs };
  worker.on('message', (m: { ready: true } | { job: number; reply: WorkerReply }) => {
    if (!('job' in m)) return;
    const pending = jobs.get(m.job);
    jobs.delete(m.job);
    if (jobs.size === 0) worker.unref();
    if (!pending) return;
    const reply = m.reply;
    if ('ok' in reply) return pending.resolve(reply.ok);
    if ('inventar' in reply) return pending.reject(new InventarError(reply.inventar.code, reply.inventar.params, reply.inventar.problems));
    const error = new Error(reply.error.message);
    error.stack = reply.error.stack;
    pending.reject(error);
  });
  const failAll = (error: Error) => {
    if (thread === self) thread = undefined;
    for (const p of jobs.values()) p.reject(error);
    jobs.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the import worker stopped (exit code ${code})`)));
  worker.unref();
  thread = self;
  return self;
}

function inWorker(ctx: Ctx, file: string, text: string): Promise<ImportResult> {
  const { worker, jobs } = importThread();
  const job = nextJob++;
  return new Promise((resolve, reject) => {
    jobs.set(job, { resolve, reject });
    // a job under way keeps the process alive
    worker.ref();
    const message: WorkerJob = { job, file, actor: ctx.actor, lang: ctx.lang, text };
    worker.postMessage(message);
  });
}

/**
 * Record imports over HTTP, off the event loop (issue 11): on a SQLite file
 * a large import runs in a worker thread with its own connection, so the
 * server keeps answering while it plans and writes; WAL lets every other
 * request read the last committed ledger meanwhile. Writes of this process
 * wait for it (asynchronously, see WriteGate) as they waited behind the
 * import before. In memory (tests) a second thread cannot open the same
 * database, on PostgreSQL the import is I/O on a pooled connection, and a
 * small file is quicker done than a thread started: those run here.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Ctx } from '../core/context.ts';
import { InventarError, type ErrorCode, type FieldProblem } from '../core/errors.ts';
import { requirePermission } from '../core/roles.ts';
import { writeGateOf } from '../db/write-gate.ts';
import { importRecordsCsv, type ImportResult } from './import.ts';

/** CSV bodies from this size on (bytes, about 30,000 lines) are imported in a worker thread. */
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

function inWorker(ctx: Ctx, file: string, text: string): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { tsx: tsxApi(), entry: new URL('./import-worker.ts', import.meta.url).href, file, actor: ctx.actor, lang: ctx.lang, text },
    });
    let reply: WorkerReply | undefined;
    worker.once('message', (m: WorkerReply) => (reply = m));
    worker.once('error', reject);
    // settled once the worker is gone: its connection is closed by then
    worker.once('exit', (code) => {
      if (!reply) return reject(new Error(`the import worker stopped (exit code ${code}) without an answer`));
      if ('ok' in reply) return resolve(reply.ok);
      if ('inventar' in reply) return reject(new InventarError(reply.inventar.code, reply.inventar.params, reply.inventar.problems));
      const error = new Error(reply.error.message);
      error.stack = reply.error.stack;
      reject(error);
    });
  });
}

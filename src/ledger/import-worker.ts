/**
 * The worker thread of off-thread record imports (see import-thread.ts): one
 * thread, started with the first large import and kept for the next ones
 * (starting it loads the whole posting engine); each job opens its own
 * connection to the SQLite file, runs the import exactly as the main thread
 * would, closes the connection and posts back the result or the error.
 */
import { parentPort } from 'node:worker_threads';
import type { Actor } from '../core/context.ts';
import type { Language } from '../core/i18n.ts';
import { InventarError } from '../core/errors.ts';
import { openStore } from '../db/connection.ts';
import { importRecordsCsv } from './import.ts';
import type { WorkerReply } from './import-thread.ts';

export interface WorkerJob {
  job: number;
  file: string;
  actor: Actor;
  lang: Language;
  text: string;
}

async function run(input: WorkerJob): Promise<WorkerReply> {
  // the main store checkpoints the file; this connection only writes
  const store = openStore(input.file, { checkpoints: false });
  try {
    return { ok: await importRecordsCsv({ store, actor: input.actor, lang: input.lang }, input.text) };
  } catch (e) {
    return e instanceof InventarError
      ? { inventar: { code: e.code, params: e.params, problems: e.problems } }
      : { error: { message: (e as Error).message ?? String(e), stack: (e as Error).stack } };
  } finally {
    await store.close();
  }
}

parentPort!.on('message', (input: WorkerJob) => {
  void run(input).then((reply) => parentPort!.postMessage({ job: input.job, reply }));
});
parentPort!.postMessage({ ready: true });

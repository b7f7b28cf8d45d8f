/**
 * The worker thread of an off-thread record import (see import-thread.ts):
 * its own connection to the SQLite file, the import run exactly as in the
 * main thread, then the result or the error posted back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Actor } from '../core/context.ts';
import type { Language } from '../core/i18n.ts';
import { InventarError } from '../core/errors.ts';
import { openStore } from '../db/connection.ts';
import { importRecordsCsv } from './import.ts';
import type { WorkerReply } from './import-thread.ts';

interface WorkerInput {
  file: string;
  actor: Actor;
  lang: Language;
  text: string;
}

const input = workerData as WorkerInput;
// the main store checkpoints the file; this connection only writes
const store = openStore(input.file, { checkpoints: false });
let reply: WorkerReply;
try {
  reply = { ok: await importRecordsCsv({ store, actor: input.actor, lang: input.lang }, input.text) };
} catch (e) {
  reply =
    e instanceof InventarError
      ? { inventar: { code: e.code, params: e.params, problems: e.problems } }
      : { error: { message: (e as Error).message ?? String(e), stack: (e as Error).stack } };
} finally {
  await store.close();
}
parentPort!.postMessage(reply!);

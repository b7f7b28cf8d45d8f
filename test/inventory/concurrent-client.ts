/**
 * One client of the concurrency tests, run as its own process (its own
 * database connection): `node --import tsx concurrent-client.ts '<json>'`.
 * Waits for a common start time, runs its scans or its post through the
 * services and prints a JSON summary of the answers.
 */
import { openStore } from '../../src/db/connection.ts';
import type { Actor, Ctx } from '../../src/core/context.ts';
import { InventarError } from '../../src/core/errors.ts';
import { countLine } from '../../src/inventory/counting.ts';
import type { CountInput } from '../../src/inventory/scan-resolution.ts';
import { postDifferences } from '../../src/inventory/stock-differences-posting.ts';

export interface ClientConfig {
  url: string;
  schema?: string;
  action: 'scan' | 'post';
  client: number;
  clients: number;
  ops: number;
  listId: number;
  inventoryId: number;
  postingDate: string;
  /** Date.now() at which to start */
  startAt: number;
}

/** The scans of client c: shared adds with its own scan ids, retries of its neighbour's, and its own key replaced and added to. */
export function scansOf(c: number, clients: number, ops: number): CountInput[] {
  const out: CountInput[] = [];
  for (let i = 0; i < ops; i++) {
    out.push({ item: 'B', quantity: '1', mode: 'add', scanId: `c${c}-s${i}` });
    out.push({ item: 'B', quantity: '1', mode: 'add', scanId: `c${(c + 1) % clients}-s${i}` });
    out.push(i % 4 === 0 ? { item: 'A', jobOrder: `C${c}`, quantity: String(i), mode: 'replace', scanId: `c${c}-r${i}` } : { item: 'A', jobOrder: `C${c}`, quantity: '1', mode: 'add' });
  }
  return out;
}

async function main(): Promise<void> {
  const cfg = JSON.parse(process.argv[2]) as ClientConfig;
  const store = openStore(cfg.url, cfg.schema ? { schema: cfg.schema } : {});
  const actor: Actor = { username: `client${cfg.client}`, role: 'supervisor', employeeId: null };
  const ctx: Ctx = { store, actor, lang: 'en' };
  await store.db.selectFrom('inventories').select('id').limit(1).execute();
  await new Promise((r) => setTimeout(r, Math.max(0, cfg.startAt - Date.now())));
  const answers: Record<string, number> = {};
  const note = (key: string) => (answers[key] = (answers[key] ?? 0) + 1);
  try {
    if (cfg.action === 'scan') {
      for (const scan of scansOf(cfg.client, cfg.clients, cfg.ops)) {
        try {
          const r = await countLine(ctx, cfg.listId, scan);
          note(r.replayed ? `${r.status} replay` : String(r.status));
        } catch (e) {
          if (!(e instanceof InventarError)) throw e;
          note(e.code);
        }
      }
    } else {
      try {
        const r = await postDifferences(ctx, cfg.inventoryId, { postingDate: cfg.postingDate });
        note(`posted ${r.records.length}`);
      } catch (e) {
        if (!(e instanceof InventarError)) throw e;
        note(e.code);
      }
    }
  } finally {
    await store.close();
  }
  process.stdout.write(JSON.stringify(answers));
}

if (process.argv[2]) await main();

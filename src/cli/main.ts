/**
 * The `inventar` command. Thin: every command opens the store, calls the same
 * services as the HTTP API (acting as the system user) and prints.
 */
import { Command } from 'commander';
import type { Store } from '../db/connection.ts';
import { SYSTEM_ACTOR, type Ctx } from '../core/context.ts';
import { InventarError, formatMessage } from '../core/errors.ts';
import { languageFrom } from '../core/i18n.ts';
import { printJson, printRows } from './output.ts';
import { masterDataCommands } from './masterdata.ts';
import { registerValuationCommands } from './valuation.ts';
import { registerAccountingCommands } from './accounting.ts';
import { closingCommands } from './closing.ts';
import { revaluationCommands } from './revaluation.ts';
import { inventoryCommands } from './inventory.ts';
import { cycleCountCommands } from './cycle-count.ts';
import { auditCommand } from './audit.ts';
import { saftCommands } from './saft.ts';
import { opsCommands } from '../ops/commands.ts';

// Start-up time: only commander and the command tables load at start; the database driver, the
// services, Fastify and pdfkit are imported inside the commands that use them (`inventar --help`
// loads none of them).

const program = new Command();
program
  .name('inventar')
  .description('Inventar — physical inventory and warehouse valuation')
  .option('--db <url>', 'SQLite file path or postgres:// URL (env INVENTAR_DB, default ./data/inventar.db)', process.env.INVENTAR_DB)
  .option('--lang <ro|en>', 'language of messages', process.env.LANG?.startsWith('en') ? 'en' : 'ro');

let opened: Store | undefined;

/** Opens the store named by --db (not migrated). */
async function openDb(): Promise<Store> {
  const { openStore, DEFAULT_DB } = await import('../db/connection.ts');
  return openStore(program.opts<{ db?: string }>().db ?? DEFAULT_DB);
}

/** Opens (and migrates) the store named by --db, once per command. */
async function openCtx(): Promise<Ctx> {
  const { lang } = program.opts<{ lang: string }>();
  opened ??= await openDb();
  const { migrateToLatest } = await import('../db/migrate.ts');
  await migrateToLatest(opened);
  return { store: opened, actor: SYSTEM_ACTOR, lang: languageFrom(lang) };
}

program
  .command('serve')
  .description('start the HTTP server (PORT, default 3000) on every interface, so phones reach it (HOST or --host narrows it, e.g. 127.0.0.1); INVENTAR_DEMO=1 loads demo data into an empty database; HTTPS with INVENTAR_TLS=self-signed or INVENTAR_TLS_CERT + INVENTAR_TLS_KEY (then INVENTAR_HTTP_REDIRECT_PORT, default PORT+1, redirects plain HTTP)')
  .option('--port <port>', 'port (PORT)', process.env.PORT ?? '3000')
  .option('--host <host>', 'address to listen on (HOST); 0.0.0.0 = all interfaces', process.env.HOST || '0.0.0.0')
  .action(async (o: { port: string; host: string }) => {
    const ctx = await openCtx();
    const { serve } = await import('./serve.ts');
    const { DEFAULT_DB } = await import('../db/connection.ts');
    const db = program.opts<{ db?: string }>().db ?? DEFAULT_DB;
    await serve(ctx.store, { port: Number(o.port), host: o.host, demo: process.env.INVENTAR_DEMO === '1', db });
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    opened = await openDb();
    const { migrateToLatest } = await import('../db/migrate.ts');
    const applied = await migrateToLatest(opened);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'up to date');
  });

program
  .command('demo')
  .description('load the demo company into an empty database')
  .action(async () => {
    const ctx = await openCtx();
    const { loadDemo } = await import('../demo/demo.ts');
    const summary = await loadDemo(ctx.store);
    console.log(summary ? JSON.stringify(summary) : 'the database already has data: demo not loaded');
  });

program
  .command('stock')
  .description('book stock at a date')
  .option('--date <date>', 'YYYY-MM-DD (default today)')
  .option('--warehouse <code>')
  .option('--item <code>')
  .option('--by <dims>', 'variant,location,lot,serial,jobOrder,account')
  .option('--json', 'print JSON')
  .action(async (o: { date?: string; warehouse?: string; item?: string; by?: string; json?: boolean }) => {
    const [{ queryStock }, { parseDimensions }] = await Promise.all([import('../ledger/stock.ts'), import('../ledger/keys.ts')]);
    const result = await queryStock(await openCtx(), { ...o, by: parseDimensions(o.by) });
    if (o.json) printJson(result);
    else printRows(result.rows as unknown as Record<string, unknown>[], false);
  });

program
  .command('records')
  .description('list warehouse records')
  .option('--warehouse <code>')
  .option('--template <code>')
  .option('--from <date>')
  .option('--to <date>')
  .option('--item <code>')
  .option('--limit <n>', 'how many', '50')
  .option('--json', 'print JSON')
  .action(async (o: { warehouse?: string; template?: string; from?: string; to?: string; item?: string; limit: string; json?: boolean }) => {
    const { listRecords } = await import('../ledger/record-views.ts');
    const page = await listRecords(await openCtx(), { ...o, limit: Number(o.limit) });
    if (o.json) printJson(page);
    else
      printRows(
        page.items.map((r) => ({ id: r.id, date: r.date, warehouse: r.warehouse, number: r.number, template: r.template, origin: r.origin, lines: r.lines.length })),
        false,
      );
  });

const importCmd = program.command('import').description('bulk imports (all or nothing)');
importCmd
  .command('records <file>')
  .description('import records from a CSV file (columns: record, warehouse, template, date, item, quantity, unitCost, ...)')
  .option('--json', 'print JSON')
  .action(async (file: string, o: { json?: boolean }) => {
    // streamed: a file of millions of lines is read, planned and written a part at a time, in one transaction
    const progress = process.stderr.isTTY ? (d: { lines: number }) => process.stderr.write(`\r${d.lines} lines written (not committed yet)…`) : undefined;
    const { importRecordsCsvFile } = await import('../ledger/import.ts');
    const result = await importRecordsCsvFile(await openCtx(), file, { onPart: progress });
    if (progress) process.stderr.write('\n');
    if (o.json) printJson(result);
    else console.log(`imported ${result.records} records, ${result.lines} lines`);
  });

masterDataCommands(program, openCtx);
registerValuationCommands(program, openCtx);
registerAccountingCommands(program, openCtx);
inventoryCommands(program, openCtx);
cycleCountCommands(program, openCtx);
closingCommands(program, openCtx);
revaluationCommands(program, openCtx);
auditCommand(program, openCtx);
saftCommands(program, openCtx);
opsCommands(program, () => program.opts<{ db?: string }>().db);

try {
  await program.parseAsync();
} catch (e) {
  if (e instanceof InventarError) {
    const lang = languageFrom(program.opts<{ lang: string }>().lang);
    console.error(`${e.code}: ${formatMessage(e.code, e.params, lang)}`);
    process.exitCode = 2;
    for (const p of e.problems) console.error(`  ${p.path}: ${formatMessage(p.code, p.params ?? {}, lang)}`);
  } else {
    throw e;
  }
} finally {
  if (opened && program.args[0] !== 'serve') await opened.close();
}

/**
 * CLI: `inventar journal [options]` and `inventar report stock-reconciliation [options]` (SPEC §9).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Ctx } from '../core/context.ts';
import { printRows } from './output.ts';
import { lazy } from './lazy.ts';

const { listJournal } = lazy(() => import('../ledger/journal.ts'));
const { stockReconciliation } = lazy(() => import('../accounting/stock-reconciliation.ts'));
const { journalCsv, reconciliationCsv, reconciliationPdf, reconciliationXlsx, valuedStockByWarehouseMethod } = lazy(() => import('../reports/accounting-output.ts'));

function write(data: string | Buffer, out: string | undefined): void {
  if (out) fs.writeFileSync(out, data);
  else process.stdout.write(data);
}

const styleOf = (s: string | undefined, lang: 'ro' | 'en') => (s === 'ro' || s === 'en' ? s : lang);

export function registerAccountingCommands(program: Command, openCtx: () => Promise<Ctx>): void {
  program
    .command('journal')
    .description('journal entry lines (SPEC §9) with totals per account')
    .option('--from <date>', 'from this date YYYY-MM-DD')
    .option('--to <date>', 'up to this date YYYY-MM-DD')
    .option('--account <account>', 'lines with this account on either side')
    .option('--record <id>', 'the entry of one record')
    .option('--limit <n>', 'how many lines', '1000')
    .option('--offset <n>', 'skip this many', '0')
    .option('--format <format>', 'table | json | csv', 'table')
    .option('--csv-style <ro|en>', 'CSV style (default: the language)')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (o: { from?: string; to?: string; account?: string; record?: string; limit: string; offset: string; format: string; csvStyle?: string; out?: string }) => {
      const ctx = await openCtx();
      const page = await listJournal(ctx, {
        from: o.from,
        to: o.to,
        account: o.account,
        record: o.record === undefined ? undefined : Number(o.record),
        limit: Number(o.limit),
        offset: Number(o.offset),
      });
      if (o.format === 'json') return write(`${JSON.stringify(page, null, 2)}\n`, o.out);
      if (o.format === 'csv') return write(await journalCsv(page, ctx.lang, styleOf(o.csvStyle, ctx.lang)), o.out);
      printRows(page.items as unknown as Record<string, unknown>[], false);
      console.log(`${page.total} lines; totals per account:`);
      printRows(page.totals as unknown as Record<string, unknown>[], false);
    });

  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('reports (PDF, CSV, JSON)');
  report
    .command('stock-reconciliation')
    .description('per stock account: journal balance, valued inventory, difference at a date (SPEC §9)')
    .option('--date <date>', 'YYYY-MM-DD (default today)')
    .option('--format <format>', 'table | json | csv | pdf | xlsx', 'table')
    .option('--csv-style <ro|en>', 'CSV style (default: the language)')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (o: { date?: string; format: string; csvStyle?: string; out?: string }) => {
      const ctx = await openCtx();
      const r = await stockReconciliation(ctx, { date: o.date }, valuedStockByWarehouseMethod);
      if (o.format === 'json') write(`${JSON.stringify(r, null, 2)}\n`, o.out);
      else if (o.format === 'csv') write(await reconciliationCsv(r, ctx.lang, styleOf(o.csvStyle, ctx.lang)), o.out);
      else if (o.format === 'pdf') write(await reconciliationPdf(r, ctx.lang), o.out ?? `stock-reconciliation-${r.date}.pdf`);
      else if (o.format === 'xlsx') write(await reconciliationXlsx(r, ctx.lang), o.out ?? `stock-reconciliation-${r.date}.xlsx`);
      else {
        printRows(r.rows as unknown as Record<string, unknown>[], false);
        console.log(`total: journal ${r.totals.journalBalance}, inventory ${r.totals.inventoryValue}, difference ${r.totals.difference}`);
      }
    });
}

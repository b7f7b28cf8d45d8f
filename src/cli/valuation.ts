/**
 * CLI: `inventar report valued-inventory [options]` and `inventar warehouse-history [options]`.
 *
 * Wire-up in main.ts (one line, after the other commands):
 *   registerValuationCommands(program, openCtx);
 * The `report` group is shared: an existing `report` command is reused.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Ctx } from '../core/context.ts';
import type { ValuedInventoryQuery } from '../valuation/valued-inventory.ts';
import { COST_METHOD_IDS } from '../valuation/cost-method-names.ts';
import { printJson, printRows } from './output.ts';
import { lazy } from './lazy.ts';

const { valuedInventory, warehouseHistory } = lazy(() => import('../valuation/valued-inventory.ts'));
const { valuedInventoryCsv, valuedInventoryPdf, valuedInventoryXlsx } = lazy(() => import('../reports/valued-inventory-output.ts'));

interface ValuedInventoryOptions extends ValuedInventoryQuery {
  format?: 'json' | 'csv' | 'pdf' | 'xlsx' | 'table';
  csvStyle?: string;
  out?: string;
  historicize?: boolean;
}

/** Writes text or bytes to --out, or to stdout. */
function write(data: string | Buffer, out: string | undefined): void {
  if (out) fs.writeFileSync(out, data);
  else process.stdout.write(data);
}

export function registerValuationCommands(program: Command, openCtx: () => Promise<Ctx>): void {
  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('reports (PDF, CSV, JSON)');
  report
    .command('valued-inventory')
    .description('valued quantity inventory at a date (SPEC §8)')
    .option('--date <date>', 'valuation date YYYY-MM-DD (default today)')
    .option('--method <method>', `cost method (SPEC §6): ${COST_METHOD_IDS.join(', ')}; default history with --history-date, else average`)
    .option('--group-by <by>', 'item | warehouse', 'item')
    .option('--detail <dims>', 'variant,location,lot,serial,jobOrder,account')
    .option('--warehouse <code>')
    .option('--template <code>')
    .option('--item-from <code>')
    .option('--item-to <code>')
    .option('--item-type <type>')
    .option('--fiscal-category <category>')
    .option('--merchandise-category <category>')
    .option('--stock <signs>', 'positive,zero,negative (default positive,negative)')
    .option('--sort <by>', 'item | description | merchandiseCategory', 'item')
    .option('--history-date <date>', 'method history: the latest snapshot on or before this date')
    .option('--historicize', 'save the rows in the warehouse history')
    .option('--format <format>', 'table | json | csv | pdf | xlsx', 'table')
    .option('--csv-style <ro|en>', 'CSV style (default: the language): ro = `;` and decimal comma, en = `,` and dot')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (o: ValuedInventoryOptions) => {
      const ctx = await openCtx();
      const { format, out, csvStyle, ...query } = o;
      const result = await valuedInventory(ctx, query);
      if (format === 'csv') write(await valuedInventoryCsv(result, ctx.lang, csvStyle === 'ro' || csvStyle === 'en' ? csvStyle : ctx.lang), out);
      else if (format === 'pdf') write(await valuedInventoryPdf(result, ctx.lang), out ?? `valued-inventory-${result.date}.pdf`);
      else if (format === 'xlsx') write(await valuedInventoryXlsx(result, ctx.lang), out ?? `valued-inventory-${result.date}.xlsx`);
      else if (format === 'json') write(`${JSON.stringify(result, null, 2)}\n`, out);
      else {
        printRows(result.rows as unknown as Record<string, unknown>[], false);
        console.log(`total: quantity ${result.totals.quantity}, value ${result.totals.value}` + (result.historyRunId ? ` (saved as history run ${result.historyRunId})` : ''));
      }
    });

  program
    .command('warehouse-history')
    .description('rows saved by the valued inventory with --historicize')
    .option('--date <date>', 'as of this date: the latest row per item and warehouse')
    .option('--item <code>')
    .option('--warehouse <code>')
    .option('--limit <n>', 'how many', '1000')
    .option('--json', 'print JSON')
    .action(async (o: { date?: string; item?: string; warehouse?: string; limit: string; json?: boolean }) => {
      const page = await warehouseHistory(await openCtx(), { ...o, limit: Number(o.limit) });
      if (o.json) printJson(page);
      else printRows(page.items as unknown as Record<string, unknown>[], false);
    });
}

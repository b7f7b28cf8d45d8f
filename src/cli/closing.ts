/**
 * `inventar closing check|run|restore|list|rows`: the warehouse closing from
 * the command line, over the same services as the HTTP API. A refused
 * closing is an InventarError (printed by main with exit code 2); `check`
 * with errors sets exit code 1.
 */
import type { Command } from 'commander';
import type { Ctx } from '../core/context.ts';
import { formatMessage, InventarError } from '../core/errors.ts';
import type { ClosingIssue } from '../valuation/closing/index.ts';
import { CLOSING_METHOD_IDS } from '../valuation/cost-method-names.ts';
import { COLLAPSIBLE_DIMENSIONS } from '../valuation/closing/collapse.ts';
import { printJson, printRows } from './output.ts';
import { lazy } from './lazy.ts';

const { checkClosing, closingRows, listClosings, restoreLastClosing, runClosing } = lazy(() => import('../valuation/closing/index.ts'));

const COLLAPSE_HELP = `comma list of ${COLLAPSIBLE_DIMENSIONS.join(', ')}: sum that dimension away where a warehouse does not close by it (without, stock held by it is a check error)`;

const listOf = (text: string | undefined): string[] | undefined =>
  text === undefined ? undefined : text.split(',').map((s) => s.trim()).filter(Boolean);

function printIssues(title: string, issues: ClosingIssue[]): void {
  if (issues.length === 0) return;
  console.log(`${title} (${issues.length}):`);
  for (const i of issues) console.log(`  ${i.code}  ${i.message}`);
}

export function closingCommands(program: Command, open: () => Promise<Ctx>): void {
  const closing = program.command('closing').description('warehouse closing (valorizare gestiune): checks, close, restore, history');

  closing
    .command('check')
    .description('run every closing check at a date: errors block the closing, warnings do not')
    .option('--date <date>', 'closing date YYYY-MM-DD (default today)')
    .option('--method <method>', `cost method of the opening records (SPEC §6): ${CLOSING_METHOD_IDS.join(', ')}`)
    .option('--collapse <dims>', COLLAPSE_HELP)
    .option('--json', 'print JSON')
    .action(async (o: { date?: string; method?: string; collapse?: string; json?: boolean }) => {
      const result = await checkClosing(await open(), { closingDate: o.date, method: o.method, collapse: listOf(o.collapse) });
      if (o.json) printJson(result);
      else {
        console.log(`closing date ${result.closingDate}, previous closing ${result.previousClosingDate ?? '—'}`);
        printIssues('errors', result.errors);
        printIssues('warnings', result.warnings);
        if (!result.errors.length && !result.warnings.length) console.log('no errors, no warnings');
      }
      if (result.errors.length) process.exitCode = 1;
    });

  closing
    .command('run')
    .description('close the warehouses at a date: opening records dated the next day, closing history, last closing date')
    .option('--date <date>', 'closing date YYYY-MM-DD (default today)')
    .option('--method <method>', `cost method of the opening records (SPEC §6): ${CLOSING_METHOD_IDS.join(', ')}; default: each oddments template's proposed cost, else average`)
    .option('--collapse <dims>', COLLAPSE_HELP)
    .option('--json', 'print JSON')
    .action(async (o: { date?: string; method?: string; collapse?: string; json?: boolean }) => {
      const ctx = await open();
      try {
        const started = Date.now();
        const r = await runClosing(ctx, { closingDate: o.date, method: o.method, collapse: listOf(o.collapse) });
        if (o.json) printJson(r);
        else {
          console.log(
            `closing ${r.id} at ${r.closingDate} (${r.method}): ${r.openingRecordIds.length} opening records, ${r.stats.openingLines} lines, ` +
              `${r.stats.historyRows} history rows, ${r.stats.rowsRead} movements read in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
          printIssues('warnings', r.warnings);
        }
      } catch (e) {
        if (e instanceof InventarError && e.code === 'INV_ERR_CLOSING_CHECKS') {
          const checks = e.params.checks as { errors: ClosingIssue[]; warnings: ClosingIssue[] };
          if (o.json) {
            printJson({ code: e.code, message: formatMessage(e.code, e.params, ctx.lang), ...checks });
            process.exitCode = 2;
            return;
          }
          console.error(`${e.code}: ${formatMessage(e.code, e.params, ctx.lang)}`);
          for (const i of checks.errors) console.error(`  ${i.code}  ${i.message}`);
          printIssues('warnings', checks.warnings);
          process.exitCode = 2;
          return;
        }
        throw e;
      }
    });

  closing
    .command('restore')
    .description('restore (undo) the most recent closing')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const r = await restoreLastClosing(await open());
      if (o.json) printJson(r);
      else console.log(`closing ${r.id} at ${r.closingDate} restored: ${r.deletedRecords} opening records removed; last closing now ${r.lastClosingDate ?? '—'}`);
    });

  closing
    .command('list')
    .description('the closings, newest first')
    .option('--item <code>')
    .option('--warehouse <code>')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (o: { item?: string; warehouse?: string; limit: string; json?: boolean }) => {
      const page = await listClosings(await open(), { item: o.item, warehouse: o.warehouse, limit: Number(o.limit) });
      if (o.json) printJson(page);
      else
        printRows(
          page.items.map((c) => ({ id: c.id, closingDate: c.closingDate, method: c.method, previous: c.previousClosingDate ?? '', rows: c.historyRows, by: c.createdBy, at: c.createdAt })),
          false,
        );
    });

  closing
    .command('rows <id>')
    .description('the closing history rows of a closing')
    .option('--item <code>')
    .option('--warehouse <code>')
    .option('--limit <n>', 'how many', '1000')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { item?: string; warehouse?: string; limit: string; json?: boolean }) => {
      const page = await closingRows(await open(), Number(id), { item: o.item, warehouse: o.warehouse, limit: Number(o.limit) });
      if (o.json) printJson(page);
      else
        printRows(
          page.items.map((r) => ({
            item: r.item,
            warehouse: r.warehouse ?? '',
            quantity: r.quantity,
            averageCost: r.averageCost,
            movingAverageRate: r.movingAverageRate,
            lastCost: r.lastCost,
            purchasedQuantity: r.purchasedQuantity,
            purchasedValue: r.purchasedValue,
            fifoLayers: r.fifoLayers.length,
            value: r.value,
          })),
          false,
        );
    });
}

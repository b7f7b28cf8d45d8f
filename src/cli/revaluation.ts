/**
 * `inventar revaluation preview|apply --from --to --method [--warehouse] [--yes]`:
 * the re-valuation (SPEC §9) over the same services as the HTTP API.
 * `preview --csv <file>` writes every change to a file (the screen shows the
 * first `--limit`). `apply` asks for confirmation on a terminal unless
 * `--yes`; without a terminal and without `--yes` it is refused
 * (INV_ERR_CONFIRMATION_REQUIRED, exit code 2) and nothing is written.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import readline from 'node:readline/promises';
import type { Command } from 'commander';
import type { Ctx } from '../core/context.ts';
import type { RevaluationChange, RevaluationView } from '../accounting/revaluation.ts';
import { revaluationCsvHeader, revaluationCsvRows } from '../reports/revaluation-output.ts';
import { printJson, printRows } from './output.ts';
import { lazy } from './lazy.ts';

const service = lazy(() => import('../accounting/revaluation.ts'));

interface Options {
  from: string;
  to: string;
  method: string;
  warehouse?: string;
  limit?: string;
  csv?: string;
  yes?: boolean;
  json?: boolean;
}

function print(v: RevaluationView, o: Options): void {
  if (o.json) {
    printJson(v);
    return;
  }
  printRows(
    v.changes.map((c) => ({ record: c.recordId, line: c.lineNo, date: c.date, warehouse: c.warehouse, item: c.item, quantity: c.quantity, oldUnitCost: c.oldUnitCost, newUnitCost: c.newUnitCost, oldAmount: c.oldAmount, newAmount: c.newAmount, transfer: c.transferLoad ? 'load' : '' })),
    false,
  );
  const t = v.totals;
  if (v.truncated) console.log(`… the first ${v.changes.length} of ${t.lines} changes`);
  console.log(
    `${v.method} ${v.from} … ${v.to}${v.warehouse ? ` warehouse ${v.warehouse}` : ''} (from closing ${v.closingDate ?? '—'}): ` +
      `${t.lines} lines (${t.unloadLines} unloads, ${t.transferLoadLines} transfer loads), amounts ${t.oldAmount} → ${t.newAmount}, difference ${t.difference}; ` +
      `${v.stats.rowsRead} movements read`,
  );
}

const common = (c: Command) =>
  c
    .requiredOption('--from <date>', 'first posting date whose unloads are re-valued (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last posting date (YYYY-MM-DD)')
    .requiredOption('--method <method>', 'fifo or moving-average')
    .option('--warehouse <code>', "only this warehouse's unloads")
    .option('--limit <n>', 'changes to show (default 1000, at most 10000); totals count all')
    .option('--json', 'print JSON');

export function revaluationCommands(program: Command, open: () => Promise<Ctx>): void {
  const cmd = program.command('revaluation').description('re-valuation of unload costs by fifo or moving-average (SPEC §9): preview, then apply');

  common(cmd.command('preview').description('what a re-valuation would change; writes nothing'))
    .option('--csv <file>', 'also write every change to this CSV file')
    .action(async (o: Options) => {
      const ctx = await open();
      const input = { from: o.from, to: o.to, method: o.method, warehouse: o.warehouse };
      const limit = o.limit === undefined ? undefined : Number(o.limit);
      if (!o.csv) {
        print(await service.previewRevaluation(ctx, input, { limit }), o);
        return;
      }
      const plan = await service.planRevaluation(ctx.store.db, input);
      const out = fs.createWriteStream(o.csv);
      out.write(revaluationCsvHeader(ctx.lang, ctx.lang));
      const view = await service.previewRevaluation(ctx, input, {
        plan,
        limit,
        onChanges: async (changes: RevaluationChange[]) => {
          if (!out.write(revaluationCsvRows(changes, ctx.lang, ctx.lang))) await once(out, 'drain');
        },
      });
      out.end();
      await once(out, 'finish');
      print(view, o);
      if (!o.json) console.log(`every change written to ${o.csv}`);
    });

  common(cmd.command('apply').description('apply a re-valuation in one transaction (audited)'))
    .option('--yes', 'confirm without asking')
    .action(async (o: Options) => {
      const ctx = await open();
      const input = { from: o.from, to: o.to, method: o.method, warehouse: o.warehouse };
      const limit = o.limit === undefined ? undefined : Number(o.limit);
      let confirm = o.yes === true;
      if (!confirm && process.stdin.isTTY) {
        const preview = await service.previewRevaluation(ctx, input, { limit: 0 });
        const t = preview.totals;
        const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
        const answer = await rl.question(`${t.lines} lines would change (difference ${t.difference}). Apply? [y/N] `);
        rl.close();
        confirm = /^(y|yes|d|da)$/i.test(answer.trim());
        if (!confirm) {
          console.log('nothing written');
          return;
        }
      }
      print(await service.applyRevaluation(ctx, { ...input, confirm }, { limit }), o);
    });
}

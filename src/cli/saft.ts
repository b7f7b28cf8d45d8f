/**
 * CLI: `inventar saft d406-stock --from <date> --to <date> [--out file]` — the SAF-T D406
 * stock section (SPEC §13) written as it is read, to a file or to standard output.
 */
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import type { Ctx } from '../core/context.ts';

export function saftCommands(program: Command, openCtx: () => Promise<Ctx>): void {
  const saft = program.command('saft').description('SAF-T (D406) exports');
  saft
    .command('d406-stock')
    .description('the D406 stock section for a period: products, physical stock at both ends, every movement line (XML)')
    .requiredOption('--from <date>', 'first day of the period, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day of the period, YYYY-MM-DD')
    .option('--out <file>', 'write to a file (default: standard output)')
    .action(async (o: { from: string; to: string; out?: string }) => {
      const { prepareSaftD406Stock } = await import('../accounting/saft-d406.ts');
      const exp = await prepareSaftD406Stock(await openCtx(), { from: o.from, to: o.to });
      if (!o.out) {
        await exp.write(process.stdout);
        return;
      }
      const out = fs.createWriteStream(o.out);
      try {
        const summary = await exp.write(out);
        out.end();
        await finished(out);
        console.error(
          `${o.out}: ${summary.numberOfMovementLines} movement lines (received ${summary.totalQuantityReceived}, issued ${summary.totalQuantityIssued}), ` +
            `${summary.physicalStockEntries} physical stock entries, closing value ${summary.closingStockValue}`,
        );
      } catch (e) {
        out.destroy();
        throw e;
      }
    });
}

/**
 * Count control from the command line (SPEC §11), over the same services as
 * the HTTP API:
 *   inventar inventory recount <id> --employee E [--list-type T] [--warehouse W]
 *   inventar inventory decide <id> --warehouse W --item I [--variant …] --reason R --decision approve|recount
 *   inventar count-control get|set <warehouse> …, reason-codes <warehouse>, add-reason <warehouse> <code> [description]
 *   inventar report count-accuracy --inventory N | --from D --to D [--warehouse W]
 */
import type { Command } from 'commander';
import type { Ctx } from '../core/context.ts';
import type { CountControlInput } from '../inventory/count-control.ts';
import type { Decision } from '../inventory/difference-control.ts';
import { printJson, printRows } from './output.ts';
import { lazy } from './lazy.ts';

const { getCountControl, putCountControl, listReasonCodes, createReasonCode } = lazy(() => import('../inventory/count-control.ts'));
const { createRecount } = lazy(() => import('../inventory/recount.ts'));
const { putDecisions } = lazy(() => import('../inventory/decisions.ts'));
const { countAccuracy } = lazy(() => import('../inventory/accuracy-report.ts'));

const id = (value: string): number => {
  if (!/^\d{1,15}$/.test(value)) throw new Error(`not an id: ${value}`);
  return Number(value);
};

/** --class A:pct:value:countsPerYear (pct or value empty: the warehouse's) */
function classOption(spec: string): NonNullable<CountControlInput['classes']>[number] {
  const [cls, pct, value, perYear] = spec.split(':');
  if (!cls || perYear === undefined || !/^\d{1,3}$/.test(perYear)) throw new Error(`--class CLASS:PCT:VALUE:COUNTS_PER_YEAR, not ${spec}`);
  return { class: cls, quantityTolerancePct: pct || null, valueTolerance: value || null, countsPerYear: Number(perYear) };
}

export function countControlCommands(program: Command, inventory: Command, open: () => Promise<Ctx>): void {
  inventory
    .command('recount')
    .description('a blind recount list of the keys over tolerance, for another employee (four eyes)')
    .argument('<id>', 'inventory id')
    .requiredOption('--employee <code>', 'who recounts: not one who counted the keys')
    .option('--list-type <code>', 'a blind list type (default: the first blind one, else RECOUNT)')
    .option('--warehouse <code>', 'when keys over tolerance lie in several warehouses')
    .option('--json', 'print JSON')
    .action(async (inventoryId: string, o: { employee: string; listType?: string; warehouse?: string; json?: boolean }) => {
      const list = await createRecount(await open(), id(inventoryId), { employee: o.employee, listType: o.listType, warehouse: o.warehouse });
      if (o.json) return printJson(list);
      console.log(`recount list ${list.id} (round ${list.recountRound}) for ${list.employee} on ${list.warehouse}, ${list.keys.length} keys`);
      printRows(list.keys.map((k) => ({ ...k })), false);
    });

  inventory
    .command('decide')
    .description("an approver's decision on a difference line over tolerance")
    .argument('<id>', 'inventory id')
    .requiredOption('--warehouse <code>')
    .requiredOption('--item <code>')
    .option('--variant <code>')
    .option('--lot <lot>')
    .option('--serial <serial>')
    .option('--location <code>')
    .option('--job-order <code>')
    .option('--account <code>')
    .requiredOption('--reason <code>', 'a reason code of the warehouse')
    .requiredOption('--decision <approve|recount>')
    .option('--json', 'print JSON')
    .action(async (inventoryId: string, o: { warehouse: string; item: string; variant?: string; lot?: string; serial?: string; location?: string; jobOrder?: string; account?: string; reason: string; decision: Decision; json?: boolean }) => {
      const { json, ...line } = o;
      const result = await putDecisions(await open(), id(inventoryId), { lines: [line] });
      if (json) return printJson(result);
      printRows(result.lines.map((l) => ({ warehouse: l.warehouse, item: l.item, variant: l.variant, lot: l.lot, location: l.location, reason: l.reason, decision: l.decision, by: l.decidedBy })), false);
    });

  const control = program.command('count-control').description('tolerances, recount and approval switches, reason codes of a warehouse');
  control
    .command('get')
    .argument('<warehouse>')
    .action(async (warehouse: string) => printJson(await getCountControl(await open(), warehouse)));
  control
    .command('set')
    .argument('<warehouse>')
    .requiredOption('--pct <percent>', 'quantity tolerance, percent of book stock ("5.00")')
    .requiredOption('--value <amount>', 'value tolerance')
    .option('--recount', 'recount lists on')
    .option('--approval', 'approval of the lines over tolerance on')
    .option('--class <class:pct:value:countsPerYear...>', 'per ABC class (empty pct/value: the warehouse tolerance)')
    .action(async (warehouse: string, o: { pct: string; value: string; recount?: boolean; approval?: boolean; class?: string[] }) => {
      const input: CountControlInput = { quantityTolerancePct: o.pct, valueTolerance: o.value, recount: o.recount === true, approval: o.approval === true };
      if (o.class) input.classes = o.class.map(classOption);
      printJson(await putCountControl(await open(), warehouse, input));
    });
  control
    .command('reason-codes')
    .argument('<warehouse>')
    .option('--json', 'print JSON')
    .action(async (warehouse: string, o: { json?: boolean }) => printRows((await listReasonCodes(await open(), warehouse)).items.map((r) => ({ ...r })), o.json === true));
  control
    .command('add-reason')
    .argument('<warehouse>')
    .argument('<code>')
    .argument('[description]')
    .action(async (warehouse: string, code: string, description: string | undefined) => printJson(await createReasonCode(await open(), warehouse, { code, description: description ?? '' })));

  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('reports (PDF, CSV, JSON)');
  report
    .command('count-accuracy')
    .description('count and value accuracy of an inventory, or of the posted inventories of a period')
    .option('--inventory <id>')
    .option('--from <date>')
    .option('--to <date>')
    .option('--warehouse <code>')
    .action(async (o: { inventory?: string; from?: string; to?: string; warehouse?: string }) =>
      printJson(await countAccuracy(await open(), { inventory: o.inventory === undefined ? undefined : id(o.inventory), from: o.from, to: o.to, warehouse: o.warehouse })),
    );
}

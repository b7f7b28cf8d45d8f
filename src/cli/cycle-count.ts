/**
 * `inventar cycle-count …` (SPEC §11): ABC classes, keys due for count and a
 * list of them, over the same services as /api/cycle-count.
 */
import type { Command } from 'commander';
import type { Ctx } from '../core/context.ts';
import type { AbcClass } from '../inventory/abc-classes.ts';
import { printJson, printRows } from './output.ts';
import { lazy } from './lazy.ts';

const { queryClasses, queryDue } = lazy(() => import('../inventory/cycle-count.ts'));
const { createDueList } = lazy(() => import('../inventory/cycle-count-list.ts'));

interface Filter {
  warehouse?: string;
  date?: string;
  class?: AbcClass;
  locationFrom?: string;
  locationTo?: string;
  json?: boolean;
}

const id = (value: string): number => {
  if (!/^\d{1,9}$/.test(value)) throw new Error(`not an id: ${value}`);
  return Number(value);
};

export function cycleCountCommands(program: Command, open: () => Promise<Ctx>): void {
  const cc = program.command('cycle-count').description('cycle counting: ABC classes, keys due for count, lists of them');

  cc.command('classes')
    .description('ABC classes by outgoing value over the 365 days ending at the date')
    .option('--warehouse <code>', 'one warehouse (default all)')
    .option('--date <date>', 'YYYY-MM-DD (default today)')
    .option('--class <A|B|C>')
    .option('--json', 'print JSON')
    .action(async (o: Filter) => {
      const { json, ...q } = o;
      const result = await queryClasses(await open(), q);
      if (json) printJson(result);
      else printRows(result.items as unknown as Record<string, unknown>[], false);
    });

  cc.command('due')
    .description('stock keys due for count at the date')
    .option('--warehouse <code>', 'one warehouse (default all)')
    .option('--date <date>', 'YYYY-MM-DD (default today)')
    .option('--class <A|B|C>')
    .option('--location-from <code>')
    .option('--location-to <code>')
    .option('--json', 'print JSON')
    .action(async (o: Filter) => {
      const { json, ...q } = o;
      const result = await queryDue(await open(), q);
      if (json) printJson(result);
      else printRows(result.items as unknown as Record<string, unknown>[], false);
    });

  cc.command('create')
    .description('create a list of the due keys on an open inventory (lines not counted yet)')
    .requiredOption('--warehouse <code>')
    .requiredOption('--inventory <id>', 'inventory id')
    .requiredOption('--employee <code>')
    .requiredOption('--list-type <code>')
    .option('--date <date>', 'YYYY-MM-DD (default the inventory date)')
    .option('--class <A|B|C>')
    .option('--location-from <code>')
    .option('--location-to <code>')
    .option('--json', 'print JSON')
    .action(async (o: Filter & { warehouse: string; inventory: string; employee: string; listType: string }) => {
      const { json, inventory, ...rest } = o;
      const list = await createDueList(await open(), { ...rest, inventory: id(inventory) });
      if (json) printJson(list);
      else {
        console.log(`list ${list.id} on inventory ${list.inventory}: ${list.keys.length} keys due`);
        printRows(list.keys as unknown as Record<string, unknown>[], false);
      }
    });
}

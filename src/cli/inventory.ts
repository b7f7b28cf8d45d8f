/**
 * `inventar inventory …`: physical inventories from the command line, over
 * the same services as the HTTP API. Errors (InventarError) propagate to the
 * main program, which prints them in the chosen language.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Ctx } from '../core/context.ts';
import type { CountMode } from '../inventory/scan-resolution.ts';
import type { DifferenceQuery } from '../inventory/stock-differences.ts';
import { printJson, printRows } from './output.ts';
import { lazy } from './lazy.ts';
import { countControlCommands } from './count-control.ts';

const { createInventory, getInventory, listInventories } = lazy(() => import('../inventory/inventories.ts'));
const { createList } = lazy(() => import('../inventory/inventory-lists.ts'));
const { countLine } = lazy(() => import('../inventory/counting.ts'));
const { importCountsCsv } = lazy(() => import('../inventory/count-import.ts'));
const { postDifferences } = lazy(() => import('../inventory/stock-differences-posting.ts'));
const { previewDifferences } = lazy(() => import('../inventory/stock-differences-preview.ts'));
const { reverseInventory } = lazy(() => import('../inventory/reversal.ts'));
const { countSheet } = lazy(() => import('../reports/count-sheet.ts'));
const { differenceCsv, differencePdf } = lazy(() => import('../reports/stock-differences-output.ts'));

interface DifferenceOptions {
  processingDate?: string;
  stockDate?: string;
  zeroUncounted?: boolean;
  zeroScope?: 'warehouse' | 'location';
}

const differenceQuery = (o: DifferenceOptions): DifferenceQuery => ({
  processingDate: o.processingDate,
  stockDate: o.stockDate,
  zeroUncounted: o.zeroUncounted === true,
  zeroScope: o.zeroScope,
});

const id = (value: string): number => {
  if (!/^\d{1,15}$/.test(value)) throw new Error(`not an id: ${value}`);
  return Number(value);
};

function write(out: string | undefined, body: Buffer | string): void {
  if (out) fs.writeFileSync(out, body);
  else process.stdout.write(body);
}

export function inventoryCommands(program: Command, open: () => Promise<Ctx>): void {
  const inventory = program.command('inventory').description('physical inventories: lists, counts, stock differences');

  inventory
    .command('create')
    .description('create an inventory (numbered per year); --list TYPE:EMPLOYEE:WAREHOUSE adds lists')
    .requiredOption('--date <date>', 'YYYY-MM-DD')
    .requiredOption('--operator <employee>', 'employee code')
    .option('--description <text>')
    .option('--notes <text>')
    .option('--list <type:employee:warehouse...>', 'lists to add')
    .option('--freeze', 'refuse records moving stock of the counted warehouses while the count runs')
    .option('--json', 'print JSON')
    .action(async (o: { date: string; operator: string; description?: string; notes?: string; list?: string[]; freeze?: boolean; json?: boolean }) => {
      const ctx = await open();
      const inv = await createInventory(ctx, { date: o.date, operator: o.operator, description: o.description, notes: o.notes, freeze: o.freeze === true });
      for (const spec of o.list ?? []) {
        const [listType, employee, warehouse] = spec.split(':');
        await createList(ctx, inv.id, { listType, employee, warehouse });
      }
      const view = await getInventory(ctx, inv.id);
      if (o.json) printJson(view);
      else {
        console.log(`inventory ${view.year}/${view.number} (id ${view.id}) on ${view.date}`);
        printRows(
          (view.lists ?? []).map((l) => ({ list: l.id, type: l.listType, employee: l.employee, warehouse: l.warehouse })),
          false,
        );
      }
    });

  inventory
    .command('list')
    .description('list inventories, or the lists of one inventory')
    .argument('[id]', 'inventory id: show its lists')
    .option('--year <year>')
    .option('--open', 'only open inventories')
    .option('--json', 'print JSON')
    .action(async (inventoryId: string | undefined, o: { year?: string; open?: boolean; json?: boolean }) => {
      const ctx = await open();
      if (inventoryId) {
        const view = await getInventory(ctx, id(inventoryId));
        if (o.json) printJson(view);
        else
          printRows(
            (view.lists ?? []).map((l) => ({ list: l.id, type: l.listType, employee: l.employee, warehouse: l.warehouse, closingDate: l.closingDate, lines: l.lines })),
            false,
          );
        return;
      }
      const page = await listInventories(ctx, { year: o.year ? Number(o.year) : undefined, closed: o.open ? false : undefined, limit: 1000 });
      if (o.json) printJson(page);
      else
        printRows(
          page.items.map((i) => ({ id: i.id, number: `${i.year}/${i.number}`, date: i.date, operator: i.operator, closed: i.closed, posted: i.postedAt ?? '', description: i.description })),
          false,
        );
    });

  inventory
    .command('count')
    .description('count on a list: an item code, a barcode or GS1 string, or a CSV file from a handheld terminal')
    .argument('<list>', 'list id')
    .option('--item <code>')
    .option('--barcode <code>', 'item barcode or GS1 element string')
    .option('--quantity <q>', 'decimal (default: the GS1 count, else 1)')
    .option('--variant <code>')
    .option('--lot <lot>')
    .option('--serial <serial>')
    .option('--location <code>')
    .option('--mode <add|replace>', 'when the key was counted already')
    .option('--scan-id <id>', 'idempotency key')
    .option('--csv <file>', 'import counts (columns: item|barcode, variant, lot, serial, location, quantity, mode, scanId)')
    .option('--json', 'print JSON')
    .action(
      async (
        list: string,
        o: { item?: string; barcode?: string; quantity?: string; variant?: string; lot?: string; serial?: string; location?: string; mode?: CountMode; scanId?: string; csv?: string; json?: boolean },
      ) => {
        const ctx = await open();
        if (o.csv) {
          const result = await importCountsCsv(ctx, id(list), fs.readFileSync(o.csv, 'utf8'));
          if (o.json) printJson(result);
          else console.log(`${result.rows} rows: ${result.inserted} new lines, ${result.updated} changed, ${result.replayed} already applied`);
          return;
        }
        const { csv: _csv, json, ...input } = o;
        const r = await countLine(ctx, id(list), input);
        if (json) printJson({ status: r.status, replayed: r.replayed, line: r.line });
        else printRows([{ line: r.line.id, item: r.line.item, variant: r.line.variant, lot: r.line.lot, location: r.line.location, counted: r.line.countedQuantity, book: r.line.bookQuantity ?? '' }], false);
      },
    );

  const withDifferenceOptions = (c: Command) =>
    c
      .option('--processing-date <date>', 'default: the inventory date')
      .option('--stock-date <date>', 'calculate as of this date (default: the processing date)')
      .option('--zero-uncounted', 'treat keys with book stock that nobody counted as counted 0')
      .option('--zero-scope <warehouse|location>', 'where uncounted keys are looked for');

  withDifferenceOptions(inventory.command('differences').description('preview the stock differences (json, csv or pdf)').argument('<id>', 'inventory id'))
    .option('--format <json|csv|pdf>', 'output', 'json')
    .option('--out <file>', 'write to a file (csv, pdf)')
    .option('--json', 'print JSON')
    .action(async (inventoryId: string, o: DifferenceOptions & { format: string; out?: string; json?: boolean }) => {
      const ctx = await open();
      const view = await previewDifferences(ctx, id(inventoryId), differenceQuery(o));
      if (o.format === 'csv') return write(o.out, await differenceCsv(view, ctx.lang));
      if (o.format === 'pdf') return write(o.out, await differencePdf(view, ctx.lang));
      if (o.json || o.format === 'json') return printJson(view);
    });

  withDifferenceOptions(inventory.command('post').description('post the stock differences and close the inventory').argument('<id>', 'inventory id'))
    .requiredOption('--posting-date <date>', 'date of the adjustment records')
    .option('--json', 'print JSON')
    .action(async (inventoryId: string, o: DifferenceOptions & { postingDate: string; json?: boolean }) => {
      const ctx = await open();
      const result = await postDifferences(ctx, id(inventoryId), { ...differenceQuery(o), postingDate: o.postingDate });
      if (o.json) printJson(result);
      else {
        console.log(`inventory ${result.inventory} posted at ${result.postingDate} (stock date ${result.stockDate}); surplus ${result.totals.surplusValue}, shortage ${result.totals.shortageValue}`);
        printRows(
          result.records.map((r) => ({ record: r.id, warehouse: r.warehouse, template: r.template, date: r.date, number: r.number, lines: r.lines.length })),
          false,
        );
      }
    });

  inventory
    .command('reverse')
    .description('reverse the posted stock differences (opposite records, origin reversal) and reopen the inventory')
    .argument('<id>', 'inventory id')
    .requiredOption('--date <date>', 'date of the reversal records (YYYY-MM-DD)')
    .option('--json', 'print JSON')
    .action(async (inventoryId: string, o: { date: string; json?: boolean }) => {
      const ctx = await open();
      const result = await reverseInventory(ctx, id(inventoryId), { date: o.date });
      if (o.json) printJson(result);
      else {
        console.log(`inventory ${result.inventory} reversed at ${result.date}: records ${result.reversed.join(', ') || '—'} cancelled; the inventory is open again`);
        printRows(
          result.records.map((r) => ({ record: r.id, warehouse: r.warehouse, template: r.template, date: r.date, number: r.number, lines: r.lines.length })),
          false,
        );
      }
    });

  inventory
    .command('count-sheet')
    .description('the count sheet of a list (pdf, csv or xlsx)')
    .argument('<list>', 'list id')
    .option('--format <pdf|csv|xlsx>', 'output', 'pdf')
    .option('--csv-style <ro|en>', 'CSV style (default: the language): ro = `;` and decimal comma, en = `,` and dot')
    .option('--out <file>', 'write to a file')
    .action(async (list: string, o: { format: string; csvStyle?: string; out?: string }) => {
      const ctx = await open();
      const format = o.format === 'csv' || o.format === 'xlsx' ? o.format : 'pdf';
      const file = await countSheet(ctx, id(list), format, o.csvStyle === 'ro' || o.csvStyle === 'en' ? o.csvStyle : undefined);
      write(o.out, file.body);
    });

  countControlCommands(program, inventory, open);
}

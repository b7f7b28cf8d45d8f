/** `inventar audit`: the audit trail, newest first, with the filters of GET /api/audit. */
import type { Command } from 'commander';
import type { Ctx } from '../core/context.ts';
import { listAudit } from '../reports/audit-trail.ts';
import { printJson, printRows } from './output.ts';

interface AuditOptions {
  entity?: string;
  key?: string;
  user?: string;
  from?: string;
  to?: string;
  limit: string;
  offset: string;
  json?: boolean;
}

const integer = (v: string) => (/^[0-9]{1,12}$/.test(v) ? Number(v) : Number.NaN);
const short = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
};

export function auditCommand(program: Command, openCtx: () => Promise<Ctx>): void {
  program
    .command('audit')
    .description('the audit trail, newest first: who changed what and when (admin)')
    .option('--entity <entity>', 'e.g. item, record, user')
    .option('--key <key>', "the entity's code or id")
    .option('--user <username>', 'who made the change')
    .option('--from <date>', 'YYYY-MM-DD, inclusive')
    .option('--to <date>', 'YYYY-MM-DD, inclusive')
    .option('--limit <n>', 'how many (1…1000)', '100')
    .option('--offset <n>', 'skip the newest n', '0')
    .option('--json', 'print JSON ({items, total}, with before and after)')
    .action(async (o: AuditOptions) => {
      const page = await listAudit(await openCtx(), { entity: o.entity, key: o.key, user: o.user, from: o.from, to: o.to, limit: integer(o.limit), offset: integer(o.offset) });
      if (o.json) return printJson(page);
      printRows(
        page.items.map((e) => ({ at: e.at, user: e.user, action: e.action, entity: e.entity, key: e.key, before: short(e.before), after: short(e.after) })),
        false,
      );
      console.log(`${page.items.length} of ${page.total}`);
    });
}

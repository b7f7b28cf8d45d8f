/** `inventar backup <file>` and `inventar restore <file>` (SQLite; PostgreSQL: pg_dump / pg_restore). */
import type { Command } from 'commander';
import { printJson } from '../cli/output.ts';

const summaryLine = (s: { counts: Record<string, number>; pendingMigrations: string[] }) =>
  Object.entries(s.counts)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ') + (s.pendingMigrations.length ? `; migrations to apply at the next start: ${s.pendingMigrations.join(', ')}` : '');

/** `database()`: the --db option (undefined: the default database). */
export function opsCommands(program: Command, database: () => string | undefined): void {
  const db = async () => database() ?? (await import('../db/connection.ts')).DEFAULT_DB;

  program
    .command('backup <file>')
    .description('consistent copy of the SQLite database, also while the server runs (PostgreSQL: pg_dump)')
    .option('--force', 'replace the file when it exists')
    .option('--json', 'print JSON')
    .action(async (file: string, o: { force?: boolean; json?: boolean }) => {
      const { backupSqlite } = await import('./backup.ts');
      const r = await backupSqlite(await db(), file, { force: o.force });
      if (o.json) printJson(r);
      else console.log(`backup ${r.file} as of ${r.at} (${r.bytes} bytes): ${summaryLine(r)}`);
    });

  program
    .command('restore <file>')
    .description('check a backup (integrity, migrations, contents) and put it in place of the SQLite database; stop the server first (PostgreSQL: pg_restore)')
    .option('--check', 'only check the backup and print what it holds')
    .option('--json', 'print JSON')
    .action(async (file: string, o: { check?: boolean; json?: boolean }) => {
      const { checkCopy, refusePostgres, restoreSqlite } = await import('./backup.ts');
      const target = await db();
      if (o.check) {
        refusePostgres(target);
        const s = checkCopy(file);
        if (o.json) printJson(s);
        else console.log(`${file}: integrity ok; ${summaryLine(s)}`);
        return;
      }
      const r = await restoreSqlite(file, target);
      if (o.json) printJson(r);
      else {
        console.log(`restored ${r.database} from ${r.from}: ${summaryLine(r)}`);
        if (r.previous) console.log(`the database it replaced is kept as ${r.previous}`);
      }
    });
}

/**
 * What the benchmarks share: their option parsing, number formats, the
 * kernel's memory figures and a fresh database to run on.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { isPostgresUrl, openStore, type Store } from '../src/db/connection.ts';

/**
 * `--name value` options and `--flag`s over `defaults`: an option is a flag,
 * a number (`1_000_000` allowed) or a string as its default is, and a string
 * when listed in `strings` (the options without a default). `--kebab-case`
 * sets `camelCase`; `--no-flag` turns off a flag that is on by default.
 */
export function parseArgs<T extends object>(argv: string[], defaults: T, strings: (keyof T & string)[] = []): T {
  const a = { ...defaults } as Record<string, unknown>;
  const key = (option: string) => option.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  for (let i = 0; i < argv.length; i++) {
    const option = argv[i].replace(/^--/, '');
    const name = key(option);
    if (typeof a[name] === 'boolean') {
      a[name] = true;
      continue;
    }
    const negated = key(option.replace(/^no-/, ''));
    if (negated !== name && typeof a[negated] === 'boolean') {
      a[negated] = false;
      continue;
    }
    const kind = (strings as string[]).includes(name) ? 'string' : typeof a[name];
    if (kind !== 'number' && kind !== 'string') throw new Error(`unknown option --${option}`);
    const value = argv[++i];
    if (value === undefined) throw new Error(`--${option} needs a value`);
    a[name] = kind === 'number' ? Number(value.replace(/_/g, '')) : value;
  }
  return a as T;
}

/** nanoseconds (process.hrtime.bigint() differences) → milliseconds */
export const ms = (ns: bigint | number) => Number(ns) / 1e6;
export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
export const seconds = (millis: number, digits = 2) => `${(millis / 1000).toFixed(digits)} s`;
export const mib = (bytes: number, digits = 0) => `${(bytes / 2 ** 20).toFixed(digits)} MiB`;

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Median, p99 and max of query times in ms, sorted ascending. */
export const describeTimes = (sorted: number[]) =>
  `median ${percentile(sorted, 50).toFixed(3)} ms, p99 ${percentile(sorted, 99).toFixed(3)} ms, max ${sorted[sorted.length - 1].toFixed(3)} ms`;

/** This process's peak (VmHWM) and current (VmRSS) resident memory in bytes, as the kernel counts them; 0 where there is no /proc (not Linux). */
export function memory(): { peak: number; rss: number } {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const bytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { peak: bytes('VmHWM'), rss: bytes('VmRSS') };
  } catch {
    return { peak: 0, rss: 0 };
  }
}

/**
 * CPU time (user + system, ms) of this process's main thread alone, as the
 * kernel counts it (/proc/self/task/<pid>/stat, in clock ticks of 10 ms);
 * undefined where there is no /proc. process.cpuUsage() counts every thread.
 */
export function mainThreadCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after the command: state is field 3, utime 14 and stime 15
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Resets the peak (VmHWM) to the current RSS, so that it measures what follows (Linux ≥ 4.0); false when not possible. */
export function resetPeak(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Deletes a SQLite database with its WAL and shared-memory files. */
export function removeSqliteFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

/** One statement on its own connection (a Kysely store over a pool it never used would keep the pool open). */
export async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface BenchStore {
  store: Store;
  /** the file, or the server (password hidden) and schema */
  where: string;
  /** the database's size in MiB with one decimal (SQLite: its pages, checkpointed or still in the WAL) */
  size: () => Promise<string>;
  /** closes the store and, unless kept, drops what it made */
  cleanup: () => Promise<void>;
}

/**
 * A fresh database for benchmark `name`: `db` is a PostgreSQL URL (a new
 * schema in it) or a SQLite file that must not exist yet; without it, a file
 * in a new temporary directory. `from` is a SQLite file to start from (copied);
 * `keep` keeps the schema or directory.
 */
export async function openBenchStore(name: string, o: { db?: string; from?: string; keep: boolean }): Promise<BenchStore> {
  if (o.db && isPostgresUrl(o.db)) {
    const url = o.db;
    const schema = `bench_${name}_${crypto.randomBytes(4).toString('hex')}`;
    await admin(url, `create schema ${schema}`);
    const store = openStore(url, { schema });
    return {
      store,
      where: `${url.replace(/\/\/[^@]*@/, '//…@')} schema ${schema}`,
      size: async () => {
        const { rows } = await store.pool!.query(`select sum(pg_total_relation_size(c.oid))::bigint as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r','m')`, [schema]);
        return mib(Number(rows[0].n), 1);
      },
      cleanup: async () => {
        await store.close();
        if (!o.keep) await admin(url, `drop schema ${schema} cascade`);
      },
    };
  }
  const dir = o.db ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), `inventar-bench-${name}-`));
  const file = o.db ?? path.join(dir!, 'ledger.db');
  if (fs.existsSync(file)) throw new Error(`${file} exists: the benchmark needs a fresh database`);
  if (o.from) fs.copyFileSync(o.from, file);
  const store = openStore(file);
  return {
    store,
    where: file,
    // the database's own pages, wherever they are now (file or WAL, which the background checkpoint empties)
    size: async () => mib(Number(store.sqlite!.pragma('page_count', { simple: true })) * Number(store.sqlite!.pragma('page_size', { simple: true })), 1),
    cleanup: async () => {
      await store.close();
      if (dir && !o.keep) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

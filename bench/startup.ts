/**
 * `npm run bench -- startup [--runs N] [--root <checkout>] [--no-tsx]`
 *
 * How long an `inventar` process takes from start to exit (issue #19, goal ≤ 0.5 s), for
 * `inventar --help` and `inventar stock` (on a SQLite file holding the demo company, migrated
 * beforehand):
 *   - dist: `node bin/inventar.js …`, the compiled CLI (`npm run build` first; the freshness check
 *     of bin/inventar.js included);
 *   - tsx: `node --import tsx src/cli/main.ts …`, the sources transpiled at each start, as the
 *     `inventar` bin ran before the build. `--root` runs this one in another checkout (with its
 *     own node_modules or a link to these), e.g. the commit before the build, to get the old
 *     figures with the old code.
 * Each command runs N times (default 10), interleaved; the figures are the median wall time and
 * the median CPU time (user + system, from the children's times the kernel keeps for this
 * process): on a machine shared with other work the wall time waits for the CPU, the CPU time
 * does not.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ms, parseArgs } from './_util.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  runs: number;
  root: string;
  tsx: boolean;
}

/** CPU seconds of this process's waited-for children so far (utime + stime, /proc/self/stat fields 16 and 17). */
function childrenCpu(tick: number): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): field n is fields[n - 3]
  return (Number(fields[13]) + Number(fields[14])) / tick;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function run(argv: string[]): Promise<void> {
  const a = parseArgs<Args>(argv, { runs: 10, root: ROOT, tsx: true });
  const tick = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-bench-startup-'));
  const db = path.join(tmp, 'inventar.db');
  try {
    // build (when stale) and make the database: neither is timed
    execFileSync(process.execPath, [path.join(ROOT, 'bin/build.js'), 'server'], { cwd: ROOT, stdio: 'inherit' });
    execFileSync(process.execPath, [path.join(ROOT, 'bin/inventar.js'), '--db', db, 'demo'], { cwd: ROOT, stdio: 'ignore' });

    const commands: [string, string[]][] = [
      ['--help', ['--help']],
      ['stock', ['--db', db, 'stock', '--json']],
    ];
    const modes: [string, string, string[]][] = [['dist', ROOT, [path.join(ROOT, 'bin/inventar.js')]]];
    if (a.tsx) modes.push(['tsx', a.root, ['--import', 'tsx', path.join(a.root, 'src/cli/main.ts')]]);

    // what any node process costs here, for scale
    const runs: [string, string, string[]][] = [['node -e 0', ROOT, ['-e', '0']]];
    for (const [mode, cwd, prefix] of modes) for (const [name, args] of commands) runs.push([`${mode} ${name}`, cwd, [...prefix, ...args]]);

    const times = new Map<string, { wall: number[]; cpu: number[] }>();
    for (let i = 0; i < a.runs; i++) {
      for (const [key, cwd, args] of runs) {
        const cpu0 = childrenCpu(tick);
        const t0 = process.hrtime.bigint();
        const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
        const wall = ms(process.hrtime.bigint() - t0) / 1000;
        if (r.status !== 0) throw new Error(`${key} failed (${r.status}): ${r.stderr}`);
        const t = times.get(key) ?? { wall: [], cpu: [] };
        t.wall.push(wall);
        t.cpu.push(childrenCpu(tick) - cpu0);
        times.set(key, t);
      }
    }
    const load = os.loadavg()[0].toFixed(2);
    console.log(`process start to exit, median of ${a.runs} runs (${os.cpus().length} cores, load average ${load}; goal ≤ 0.5 s)`);
    if (a.tsx) console.log(`tsx runs ${a.root === ROOT ? 'these sources' : a.root}`);
    for (const [key, t] of times) {
      console.log(`  ${key.padEnd(16)} wall ${median(t.wall).toFixed(3)} s   cpu ${median(t.cpu).toFixed(3)} s   (wall min ${Math.min(...t.wall).toFixed(3)} s)`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * V8's CPU profiler on this thread (the profiler `node --cpu-prof` starts,
 * through the inspector so that it covers one measured window only), and its
 * reading: the functions with the most self time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Starts the profiler; the returned function stops it and writes `file` (a .cpuprofile Chrome DevTools opens). */
export async function startProfile(): Promise<(file: string) => Promise<CpuProfile>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    session.disconnect();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(profile));
    return profile;
  };
}

export interface SelfTime {
  name: string;
  /** file (shortened to the project's path or the package) and line */
  where: string;
  ms: number;
  share: number;
}

const shorten = (url: string) => {
  const file = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(file);
  if (pkg) return `${pkg[1]}:${pkg[2]}`;
  const own = /\/(src|bench|test)\/(.*)$/.exec(file);
  return own ? `${own[1]}/${own[2]}` : file || '(native)';
};

/** The `top` functions by self time (summed over their profile nodes), idle time left out of the shares. */
export function topSelfTime(profile: CpuProfile, top = 10): { rows: SelfTime[]; busyMs: number; idleMs: number } {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { name: string; where: string; us: number }>();
  let idle = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    // the first delta runs from the profiler's start (inside Profiler.start) to the first sample
    if (i === 0) return;
    const frame = byNode.get(id)!.callFrame;
    const us = profile.timeDeltas[i] ?? 0;
    if (frame.functionName === '(idle)') {
      idle += us;
      return;
    }
    busy += us;
    const where = frame.url ? `${shorten(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}|${where}`;
    const entry = self.get(key) ?? self.set(key, { name: frame.functionName || '(anonymous)', where, us: 0 }).get(key)!;
    entry.us += us;
  });
  const rows = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, ms: e.us / 1000, share: busy ? e.us / busy : 0 }));
  return { rows, busyMs: busy / 1000, idleMs: idle / 1000 };
}

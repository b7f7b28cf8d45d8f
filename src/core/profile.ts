/**
 * INVENTAR_PROFILE=1 prints the time of each phase of a long action (a posting, an import) to stderr:
 * wall time, and the process's CPU time (user + system, all threads) next to it: on a busy machine
 * the wall time includes waiting for a core.
 */
export function phases(label: string): (phase: string) => void {
  if (!process.env.INVENTAR_PROFILE) return () => {};
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let last = performance.now();
  let lastCpu = cpu();
  return (phase) => {
    const now = performance.now();
    const nowCpu = cpu();
    process.stderr.write(`[${label}] ${phase}: ${(now - last).toFixed(0)} ms (CPU ${(nowCpu - lastCpu).toFixed(0)} ms)\n`);
    last = now;
    lastCpu = nowCpu;
  };
}

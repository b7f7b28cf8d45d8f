/** INVENTAR_PROFILE=1 prints the time of each phase of a long action (a posting, an import) to stderr. */
export function phases(label: string): (phase: string) => void {
  if (!process.env.INVENTAR_PROFILE) return () => {};
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    process.stderr.write(`[${label}] ${phase}: ${(now - last).toFixed(0)} ms\n`);
    last = now;
  };
}

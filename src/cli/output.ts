/** How the CLI prints data: JSON with --json, else an aligned text table. */
export function printRows(rows: Record<string, unknown>[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    console.log('(nothing)');
    return;
  }
  const columns = Object.keys(rows[0]).filter((c) => rows.some((r) => typeof r[c] !== 'object' || r[c] === null));
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const width = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(width[i])).join('  ').trimEnd();
  console.log(line(columns));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(columns.map((c) => cell(r[c]))));
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

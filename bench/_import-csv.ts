/** A records CSV for import tests and benchmarks: loads of 10 lines each into SHOP with template CAR (the test fixture's codes). */
export function recordsCsv(lines: number, options: { warehouse?: string; template?: string; items?: string[] } = {}): string {
  const warehouse = options.warehouse ?? 'SHOP';
  const template = options.template ?? 'CAR';
  const items = options.items ?? ['A', 'B'];
  const out: string[] = ['record,warehouse,template,date,item,quantity,unitCost\n'];
  for (let i = 0; i < lines; i++) {
    const record = Math.floor(i / 10) + 1;
    const day = String(1 + (record % 28)).padStart(2, '0');
    out.push(`${record},${warehouse},${template},2026-03-${day},${items[i % items.length]},1,1\n`);
  }
  return out.join('');
}

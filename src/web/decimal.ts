/** Exact sums of decimal strings with BigInt (subtotals in grids): never binary floating point. */

function scaleOf(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

function toUnits(value: string, scale: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return 0n;
  const frac = (m[3] ?? '').padEnd(scale, '0').slice(0, scale);
  const units = BigInt(m[2] + frac);
  return m[1] === '-' ? -units : units;
}

function fromUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Sum of decimal strings, at the largest scale among them. */
export function sumDecimals(values: (string | null | undefined)[]): string {
  const present = values.filter((v): v is string => typeof v === 'string' && v !== '');
  const scale = present.reduce((s, v) => Math.max(s, scaleOf(v)), 0);
  return fromUnits(
    present.reduce((acc, v) => acc + toUnits(v, scale), 0n),
    scale,
  );
}

/** a − b, exactly. */
export function subtractDecimals(a: string, b: string): string {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  return fromUnits(toUnits(a, scale) - toUnits(b, scale), scale);
}

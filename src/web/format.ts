/**
 * Decimal strings from the API are shown as they are: only the separators
 * change, by the shared locale layer (src/core/locale.ts, Intl on BigInt;
 * never through binary floating point).
 */
import { formatDate as formatIsoDate, formatDecimal as formatLocaleDecimal, parseDecimal } from '../core/locale.ts';
import type { Lang } from './i18n.tsx';

/** "-1234567.50" → "-1.234.567,50" (ro) or "-1,234,567.50" (en); anything else is returned unchanged. */
export function formatDecimal(value: string | null | undefined, lang: Lang): string {
  return formatLocaleDecimal(value, lang);
}

/** Compares two decimal strings exactly (for sorting): negative, zero or positive. */
export function compareDecimal(a: string | null | undefined, b: string | null | undefined): number {
  const pa = parts(a ?? '');
  const pb = parts(b ?? '');
  if (!pa || !pb) return String(a ?? '').localeCompare(String(b ?? ''));
  if (pa.negative !== pb.negative) return pa.negative ? -1 : 1;
  const magnitude = compareMagnitude(pa, pb);
  return pa.negative ? -magnitude : magnitude;
}

function parts(value: string): { negative: boolean; int: string; frac: string } | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return undefined;
  const int = m[2].replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const zero = /^0*$/.test(int) && frac === '';
  return { negative: m[1] === '-' && !zero, int, frac };
}

function compareMagnitude(a: { int: string; frac: string }, b: { int: string; frac: string }): number {
  if (a.int.length !== b.int.length) return a.int.length - b.int.length;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const len = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(len, '0');
  const fb = b.frac.padEnd(len, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** True when the decimal string is not zero. */
export const isNonZero = (value: string | null | undefined): boolean => !!value && /[1-9]/.test(value);
/** True when the decimal string is negative and not zero. */
export const isNegative = (value: string | null | undefined): boolean => !!value && value.startsWith('-') && isNonZero(value);

/**
 * A number typed by a person in the app's language as the API's decimal
 * string: in Romanian "1.500" is 1500 and "12,5" is 12.5; in English "1,500"
 * is 1500. Undefined when it is not one or could be read two ways.
 */
export function parseDecimalInput(text: string, lang: Lang): string | undefined {
  return parseDecimal(text, lang);
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** YYYY-MM-DD → DD.MM.YYYY (ro) / YYYY-MM-DD (en); timestamps get their time too. */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value);
  if (!m) return value;
  const date = formatIsoDate(`${m[1]}-${m[2]}-${m[3]}`, lang);
  if (!m[4]) return date;
  const local = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return Number.isNaN(local.getTime()) ? `${date} ${m[4]}:${m[5]}` : `${formatDate(`${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`, lang)} ${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

/** A ratio as a decimal string ("0.9375") → a percentage in the language ("93,75 %" / "93.75 %"), exactly (the point moves two places). */
export function formatRatioPercent(value: string | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—';
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value);
  if (!m) return value;
  const frac = (m[3] ?? '').padEnd(2, '0');
  const int = `${m[2]}${frac.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = frac.slice(2);
  return `${formatDecimal(`${m[1]}${int}${rest ? `.${rest}` : ''}`, lang)} %`;
}

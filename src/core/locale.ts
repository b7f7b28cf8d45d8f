/**
 * The one locale layer (SPEC §14), shared by the server and the web app (no
 * Node-only imports): how a person reads and types numbers and dates.
 *
 * - Romanian: `1.234,56` and `31.12.2026`; English: `1,234.56` and ISO dates.
 * - Decimals stay exact strings: the integer part is grouped by
 *   `Intl.NumberFormat` on a BigInt, the fraction is joined with the
 *   locale's decimal separator (from `formatToParts`); never a binary float.
 * - A typed number is read back in the user's language, exactly; an input
 *   that could be read two ways (`1.5` in Romanian) is refused, never guessed.
 */

export type Locale = 'ro' | 'en';

const TAGS: Record<Locale, string> = { ro: 'ro-RO', en: 'en-US' };

interface Separators {
  group: string;
  decimal: string;
  minus: string;
}

const grouped = new Map<Locale, Intl.NumberFormat>();
const plain = new Map<Locale, Intl.NumberFormat>();
const separatorCache = new Map<Locale, Separators>();

function numberFormat(lang: Locale, grouping: boolean): Intl.NumberFormat {
  const cache = grouping ? grouped : plain;
  let f = cache.get(lang);
  if (!f) {
    // 'always': Romanian groups four-digit numbers too (1.234), as people write them in documents
    f = new Intl.NumberFormat(TAGS[lang], { useGrouping: grouping ? 'always' : false, maximumFractionDigits: 0 } as unknown as Intl.NumberFormatOptions);
    cache.set(lang, f);
  }
  return f;
}

/** The locale's group and decimal separators and minus sign, as Intl reports them. */
export function separatorsOf(lang: Locale): Separators {
  let s = separatorCache.get(lang);
  if (!s) {
    const parts = new Intl.NumberFormat(TAGS[lang], { minimumFractionDigits: 1 }).formatToParts(-1234.5);
    const part = (type: string, fallback: string) => parts.find((p) => p.type === type)?.value ?? fallback;
    s = { group: part('group', lang === 'ro' ? '.' : ','), decimal: part('decimal', lang === 'ro' ? ',' : '.'), minus: part('minusSign', '-') };
    separatorCache.set(lang, s);
  }
  return s;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

export interface DecimalFormatOptions {
  /** thousands grouping (default true); CSV cells are written without it */
  grouping?: boolean;
  /** pad the fraction with zeros up to this many digits */
  minFractionDigits?: number;
}

/**
 * An exact decimal string ("-1234567.50") as a person reads it:
 * "-1.234.567,50" (ro) or "-1,234,567.50" (en). Anything that is not a plain
 * decimal is returned unchanged; null/undefined/'' give ''.
 */
export function formatDecimal(value: string | null | undefined, lang: Locale, options: DecimalFormatOptions = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const m = DECIMAL.exec(value.trim());
  if (!m) return value;
  const [, sign, int, fracRaw] = m;
  const frac = (fracRaw ?? '').padEnd(options.minFractionDigits ?? 0, '0');
  const s = separatorsOf(lang);
  const intText = numberFormat(lang, options.grouping ?? true).format(BigInt(int));
  const negative = sign === '-' && /[1-9]/.test(int + frac);
  return (negative ? s.minus : '') + intText + (frac ? s.decimal + frac : '');
}

/**
 * A number typed by a person in their language, as the API's decimal string
 * (dot, no grouping, sign kept only when negative): undefined when it is not
 * one or could be read two ways.
 *
 * Romanian: `.` groups thousands, `,` is the decimal mark (`1.500` = 1500,
 * `1.234,56` = 1234.56, `2,5` = 2.5); English the other way round. A
 * grouping separator must separate groups of exactly three digits, so
 * `1.5` in Romanian (a grouping that is no grouping: the person meant 1.5
 * or 15?) is refused. Spaces and no-break spaces are accepted as grouping too
 * when they separate groups of three.
 */
export function parseDecimal(text: string, lang: Locale): string | undefined {
  const s = separatorsOf(lang);
  const t = text.trim().replace(/[\u00a0\u202f]/g, ' ');
  const m = /^([+-]?)(.*)$/.exec(t)!;
  const sign = m[1];
  const body = m[2];
  if (body === '') return undefined;
  const decimalAt = body.indexOf(s.decimal);
  if (decimalAt !== body.lastIndexOf(s.decimal)) return undefined;
  const intPart = decimalAt < 0 ? body : body.slice(0, decimalAt);
  const fracPart = decimalAt < 0 ? undefined : body.slice(decimalAt + 1);
  if (fracPart !== undefined && !/^\d+$/.test(fracPart)) return undefined;
  let digits: string;
  if (/^\d+$/.test(intPart)) digits = intPart;
  else {
    const groups = intPart.split(intPart.includes(s.group) ? s.group : ' ');
    if (intPart.includes(s.group) && intPart.includes(' ')) return undefined;
    if (!/^\d{1,3}$/.test(groups[0]) || !groups.slice(1).every((g) => /^\d{3}$/.test(g))) return undefined;
    digits = groups.join('');
  }
  const int = digits.replace(/^0+(?=\d)/, '');
  const value = fracPart === undefined ? int : `${int}.${fracPart}`;
  return sign === '-' && /[1-9]/.test(value) ? `-${value}` : value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/**
 * A calendar date (YYYY-MM-DD) as a person reads it: `31.12.2026` (ro),
 * `2026-12-31` (en). Anything else is returned unchanged.
 */
export function formatDate(value: string | null | undefined, lang: Locale): string {
  if (!value) return '';
  const m = ISO_DATE.exec(value);
  if (!m) return value;
  if (lang === 'en') return value;
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(TAGS[lang], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(lang, f);
  }
  return f.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** A date typed in the user's language (`31.12.2026` in ro; ISO in both) as YYYY-MM-DD; undefined when it is not one. */
export function parseDate(text: string, lang: Locale): string | undefined {
  const t = text.trim();
  let iso = t;
  const ro = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (lang === 'ro' && ro) iso = `${ro[3]}-${ro[2].padStart(2, '0')}-${ro[1].padStart(2, '0')}`;
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

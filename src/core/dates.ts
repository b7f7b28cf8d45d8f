/** Calendar dates as ISO strings (YYYY-MM-DD): they sort and compare as text. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The years a date may have: a warehouse works in the present, and every
 * date the system derives (the next day, the next year's start) stays a
 * four-digit ISO date.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

export function isValidYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/**
 * The one date parser: a real calendar date (2026-02-31 is not one) written
 * YYYY-MM-DD, in the years MIN_YEAR..MAX_YEAR. Every route and import goes
 * through it (the HTTP schemas' `date` format included).
 */
export function isIsoDate(text: unknown): text is IsoDate {
  if (typeof text !== 'string') return false;
  const m = ISO.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  if (!isValidYear(year)) return false;
  const d = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** A year written as digits (query and path parameters) within MIN_YEAR..MAX_YEAR. */
export function isYearText(text: unknown): boolean {
  return typeof text === 'string' && /^[0-9]{4}$/.test(text) && isValidYear(Number(text));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Today in the server's local calendar, which is the warehouse's. */
export function today(): IsoDate {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export function nowTimestamp(): string {
  return new Date().toISOString();
}

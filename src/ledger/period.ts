/** The open period and the last-closing guard (SPEC §2 year parameters, §7). */
import { fail } from '../core/errors.ts';
import { yearOf } from '../core/dates.ts';
import type { Db } from '../db/db.ts';

/** The last closing date: the latest of the closings register and any year's parameter; '' if none. */
export async function lastClosingDate(db: Db): Promise<string> {
  const [c, p] = await Promise.all([
    db.selectFrom('closings').select((eb) => eb.fn.max('closing_date').as('d')).executeTakeFirst(),
    db.selectFrom('year_params').select((eb) => eb.fn.max('last_closing_date').as('d')).executeTakeFirst(),
  ]);
  const a = c?.d ?? '';
  const b = p?.d ?? '';
  return a > b ? a : b;
}

/**
 * Refuses (409) any date outside its year's open period or not after the last
 * closing: records may be entered, changed or deleted only there.
 */
export async function assertOpenPeriod(db: Db, dates: Iterable<string>): Promise<void> {
  const distinct = [...new Set(dates)];
  if (distinct.length === 0) return;
  const lastClosing = await lastClosingDate(db);
  const years = [...new Set(distinct.map(yearOf))];
  const params = await db.selectFrom('year_params').select(['year', 'period_start', 'period_end']).where('year', 'in', years).execute();
  const byYear = new Map(params.map((p) => [p.year, p]));
  for (const date of distinct.sort()) {
    const p = byYear.get(yearOf(date));
    if (!p) fail('INV_ERR_NO_YEAR_PARAMS', { year: yearOf(date) });
    if (date < p.period_start || date > p.period_end || (lastClosing && date <= lastClosing)) {
      fail('INV_ERR_PERIOD_CLOSED', { date, from: p.period_start, to: p.period_end, lastClosing: lastClosing || '—' });
    }
  }
}

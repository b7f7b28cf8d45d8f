/** The open period and the last-closing guard (SPEC §2 year parameters, §7). */
import { fail } from '../core/errors.ts';
import { yearOf } from '../core/dates.ts';
import type { Store } from '../db/connection.ts';
import type { Db } from '../db/db.ts';
import { sharedMasterData, type OpenPeriods } from '../masterdata/shared-cache.ts';

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

async function openPeriods(db: Db, years: readonly number[] | undefined): Promise<OpenPeriods> {
  const lastClosing = await lastClosingDate(db);
  const params = await db
    .selectFrom('year_params')
    .select(['year', 'period_start', 'period_end'])
    .$if(years !== undefined, (q) => q.where('year', 'in', years!))
    .execute();
  return { lastClosing, years: new Map(params.map((p) => [p.year, p])) };
}

/**
 * Refuses (409) any date outside its year's open period or not after the last
 * closing: records may be entered, changed or deleted only there. With the
 * store, the periods come from its shared master data (one statement while
 * nothing changed them): call it after the locks that make the read the
 * committed one.
 */
export async function assertOpenPeriod(db: Db, dates: Iterable<string>, store?: Store): Promise<void> {
  const distinct = [...new Set(dates)];
  if (distinct.length === 0) return;
  const years = [...new Set(distinct.map(yearOf))];
  let periods: OpenPeriods;
  if (store) {
    const shared = await sharedMasterData(store, db);
    periods = shared.periods ??= await openPeriods(db, undefined);
  } else {
    periods = await openPeriods(db, years);
  }
  const { lastClosing } = periods;
  for (const date of distinct.sort()) {
    const p = periods.years.get(yearOf(date));
    if (!p) fail('INV_ERR_NO_YEAR_PARAMS', { year: yearOf(date) });
    if (date < p.period_start || date > p.period_end || (lastClosing && date <= lastClosing)) {
      fail('INV_ERR_PERIOD_CLOSED', { date, from: p.period_start, to: p.period_end, lastClosing: lastClosing || '—' });
    }
  }
}

/**
 * The notes the system writes on the records it generates (stock differences,
 * their reversal), in the language of the user who posts them, with dates as
 * that user reads them (SPEC §14).
 */
import type { Language } from '../core/i18n.ts';
import { formatDate } from '../core/locale.ts';

/** The note of a stock difference record: the book stock date it was computed at. */
export function differenceNote(stockDate: string, lang: Language): string {
  return lang === 'ro' ? `stoc scriptic la data ${formatDate(stockDate, lang)}` : `stock date ${formatDate(stockDate, lang)}`;
}

/** The note of a reversal record: the record it reverses. */
export function reversalNote(original: { id: number; template: string; date: string; number: number | string }, lang: Language): string {
  const date = formatDate(original.date, lang);
  return lang === 'ro'
    ? `stornarea documentului #${original.id} (${original.template} ${date} nr. ${original.number})`
    : `reversal of record #${original.id} (${original.template} ${date} no. ${original.number})`;
}

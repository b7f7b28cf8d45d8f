/**
 * A date field in the app's language, not the browser's (issue 15 point 4,
 * SPEC §14): typed as `31.12.2026` in Romanian and `2026-12-31` in English,
 * read by the shared locale layer (core/locale.ts `parseDate`), with a small
 * accessible calendar (a grid of day buttons: arrows move by day and week,
 * Page Up/Down by month, Home/End to the week's ends, Enter picks, Escape
 * closes and gives the focus back to the calendar button).
 *
 * The value is always the API's: YYYY-MM-DD, '' when empty. A text that is
 * not a date is handed on as typed, so the server's message names the field
 * ("Data inventarului trebuie să fie o dată validă"); the field says which
 * form it expects as soon as it loses the focus; the placeholder shows it
 * before (`zz.ll.aaaa` / `yyyy-mm-dd`).
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatDate, parseDate } from '../../core/locale.ts';
import { useI18n, type Lang } from '../i18n.tsx';

const TAGS: Record<Lang, string> = { ro: 'ro-RO', en: 'en-GB' };
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const dateOf = (iso: string) => {
  const m = ISO.exec(iso)!;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
};
const addDays = (iso: string, days: number) => {
  const d = dateOf(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return isoOf(d);
};
const addMonths = (iso: string, months: number) => {
  const d = dateOf(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return isoOf(d);
};
const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
/** Monday = 0 … Sunday = 6 */
const weekday = (iso: string) => (dateOf(iso).getUTCDay() + 6) % 7;

/** The text shown for a value: the date in the language, or what was typed when it is not a date. */
const shown = (value: string, lang: Lang) => (ISO.test(value) ? formatDate(value, lang) : value);

export interface DateFieldProps {
  label: string;
  /** YYYY-MM-DD, '' or a text that is not a date (handed on as typed) */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  className?: string;
  id?: string;
  /** the latest date the calendar offers (YYYY-MM-DD) */
  max?: string;
  'data-testid'?: string;
}

export function DateField({ label, value, onChange, error, hint, required, disabled, className, id: givenId, max, 'data-testid': testId }: DateFieldProps) {
  const { lang, t } = useI18n();
  const auto = useId();
  const id = givenId ?? auto;
  const [text, setText] = useState(() => shown(value, lang));
  const [unreadable, setUnreadable] = useState(false);
  const [open, setOpen] = useState(false);
  const emitted = useRef(value);
  const shownLang = useRef(lang);
  const button = useRef<HTMLButtonElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  // a value set from outside (a loaded record, a reset) or a change of language shows anew
  useEffect(() => {
    if (value !== emitted.current || lang !== shownLang.current) {
      emitted.current = value;
      shownLang.current = lang;
      setText(shown(value, lang));
      setUnreadable(false);
    }
  }, [value, lang]);

  const emit = (next: string) => {
    emitted.current = next;
    onChange(next);
  };
  const typed = (raw: string) => {
    setText(raw);
    setUnreadable(false);
    const trimmed = raw.trim();
    emit(trimmed === '' ? '' : (parseDate(trimmed, lang) ?? trimmed));
  };
  const picked = (iso: string) => {
    setText(shown(iso, lang));
    setUnreadable(false);
    emit(iso);
    setOpen(false);
    button.current?.focus();
  };

  // a click outside closes the calendar
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (wrapper.current && !wrapper.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const format = t('date.format');
  const ownError = unreadable ? t('date.unreadable', { format }) : undefined;
  const shownError = error ?? ownError;
  const described = shownError ? `${id}-error` : hint ? `${id}-hint` : undefined;

  return (
    <div className={`field field-date ${shownError ? 'has-error' : ''} ${className ?? ''}`} ref={wrapper}>
      <label htmlFor={id}>{label}</label>
      <div className="date-input">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={format}
          value={text}
          required={required}
          disabled={disabled}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={described}
          data-testid={testId}
          data-value={ISO.test(value) ? value : undefined}
          onChange={(e) => typed(e.target.value)}
          onBlur={() => {
            const trimmed = text.trim();
            if (trimmed === '') return;
            const iso = parseDate(trimmed, lang);
            if (iso) setText(shown(iso, lang));
            else setUnreadable(true);
          }}
        />
        <button
          ref={button}
          type="button"
          className="btn-icon date-button"
          disabled={disabled}
          aria-label={t('date.open')}
          aria-expanded={open}
          aria-haspopup="dialog"
          onClick={() => setOpen((o) => !o)}
          data-testid={testId ? `${testId}-calendar` : undefined}
        >
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3V2Zm12 8H5v9h14v-9ZM5 8h14V6H5v2Z" />
          </svg>
        </button>
      </div>
      {open && <Calendar lang={lang} label={label} selected={ISO.test(value) ? value : undefined} max={max} onPick={picked} onClose={() => (setOpen(false), button.current?.focus())} />}
      {hint && !shownError && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {shownError && (
        <small id={`${id}-error`} className="field-error">
          {shownError}
        </small>
      )}
    </div>
  );
}

function Calendar({ lang, label, selected, max, onPick, onClose }: { lang: Lang; label: string; selected?: string; max?: string; onPick: (iso: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const today = todayIso();
  const [focused, setFocused] = useState(selected ?? (max && today > max ? max : today));
  const grid = useRef<HTMLTableElement>(null);
  const titleId = useId();
  const monthStart = `${focused.slice(0, 8)}01`;
  const title = useMemo(() => new Intl.DateTimeFormat(TAGS[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dateOf(monthStart)), [lang, monthStart]);
  const weekdays = useMemo(() => {
    const long = new Intl.DateTimeFormat(TAGS[lang], { weekday: 'long', timeZone: 'UTC' });
    const short = new Intl.DateTimeFormat(TAGS[lang], { weekday: 'short', timeZone: 'UTC' });
    // 2024-01-01 was a Monday
    return Array.from({ length: 7 }, (_, i) => {
      const d = dateOf(addDays('2024-01-01', i));
      return { long: long.format(d), short: short.format(d) };
    });
  }, [lang]);
  const dayLabel = useMemo(() => new Intl.DateTimeFormat(TAGS[lang], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }), [lang]);

  const first = addDays(monthStart, -weekday(monthStart));
  const weeks: string[][] = [];
  for (let w = 0; w < 6; w++) weeks.push(Array.from({ length: 7 }, (_, d) => addDays(first, w * 7 + d)));

  // the focused day keeps the keyboard focus as it moves
  useEffect(() => {
    grid.current?.querySelector<HTMLButtonElement>(`button[data-date="${focused}"]`)?.focus();
  }, [focused]);

  const allowed = (iso: string) => !max || iso <= max;
  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(focused, -1),
      ArrowRight: () => addDays(focused, 1),
      ArrowUp: () => addDays(focused, -7),
      ArrowDown: () => addDays(focused, 7),
      PageUp: () => addMonths(focused, e.shiftKey ? -12 : -1),
      PageDown: () => addMonths(focused, e.shiftKey ? 12 : 1),
      Home: () => addDays(focused, -weekday(focused)),
      End: () => addDays(focused, 6 - weekday(focused)),
    };
    if (moves[e.key]) {
      e.preventDefault();
      setFocused(moves[e.key]());
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <div className="calendar" role="dialog" aria-modal="false" aria-label={t('date.calendar', { label })} onKeyDown={onKey}>
      <div className="calendar-head">
        <button type="button" className="btn-icon" onClick={() => setFocused(addMonths(focused, -1))} aria-label={t('date.prevMonth')}>
          ‹
        </button>
        <h2 id={titleId} aria-live="polite">
          {title}
        </h2>
        <button type="button" className="btn-icon" onClick={() => setFocused(addMonths(focused, 1))} aria-label={t('date.nextMonth')}>
          ›
        </button>
      </div>
      <table role="grid" aria-labelledby={titleId} ref={grid}>
        <thead>
          <tr>
            {weekdays.map((w) => (
              <th key={w.long} scope="col" abbr={w.long}>
                {w.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((iso) => {
                const outside = iso.slice(0, 7) !== monthStart.slice(0, 7);
                return (
                  <td key={iso} aria-selected={iso === selected ? true : undefined}>
                    <button
                      type="button"
                      data-date={iso}
                      tabIndex={iso === focused ? 0 : -1}
                      className={`calendar-day${outside ? ' outside' : ''}${iso === selected ? ' selected' : ''}${iso === today ? ' today' : ''}`}
                      aria-label={dayLabel.format(dateOf(iso))}
                      aria-current={iso === today ? 'date' : undefined}
                      aria-pressed={iso === selected}
                      disabled={!allowed(iso)}
                      onClick={() => onPick(iso)}
                    >
                      {Number(iso.slice(8))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="calendar-foot">
        <button type="button" className="btn" onClick={() => allowed(today) && onPick(today)} disabled={!allowed(today)}>
          {t('date.today')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}

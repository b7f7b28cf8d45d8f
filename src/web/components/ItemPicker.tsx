/**
 * The item picker (issue 15 point 5), used wherever an item code is typed: an
 * ARIA combobox that searches codes and descriptions by contains
 * (`GET /api/items?q=…&limit=…`), debounced, so typing sends one request once
 * the typing pauses, not one per key. Enter on a typed code takes it as it is
 * and cancels the pending search: an exact code needs no request at all.
 * Arrow keys walk the suggestions; Enter or a click picks one; Escape closes.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { api, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { Item } from '../types.ts';
import { describedBy, FieldNotes } from './ui.tsx';

const DEBOUNCE_MS = 300;
const SHOWN = 8;

export interface ItemPickerProps {
  label: string;
  value: string;
  onChange: (code: string) => void;
  /** called when a code is taken: a suggestion picked, Enter on the typed code, or leaving the field */
  onPick?: (code: string, via: 'option' | 'enter' | 'blur') => void;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  className?: string;
  testId?: string;
  /** the label for screen readers only (a grid cell under its column header) */
  hideLabel?: boolean;
}

export function ItemPicker({ label, value, onChange, onPick, error, hint, required, disabled, className, testId, hideLabel }: ItemPickerProps) {
  const { t } = useI18n();
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<Page<Item> | undefined>(undefined);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);

  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    seq.current++;
  };
  useEffect(() => cancel, []);

  const search = (text: string) => {
    cancel();
    const q = text.trim();
    if (q.length === 0) {
      setOpen(false);
      setFound(undefined);
      return;
    }
    const mine = seq.current;
    timer.current = setTimeout(() => {
      api.get<Page<Item>>('/api/items', { q, limit: SHOWN }).then(
        (page) => {
          if (mine !== seq.current) return;
          setFound(page);
          setActive(-1);
          // the one item whose code is exactly what was typed: nothing more to suggest
          setOpen(!(page.total === 1 && page.items[0]?.code === q));
        },
        () => undefined,
      );
    }, DEBOUNCE_MS);
  };

  const pick = (code: string) => {
    cancel();
    setOpen(false);
    onChange(code);
    onPick?.(code, 'option');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const items = open ? (found?.items ?? []) : [];
    if (e.key === 'ArrowDown' && items.length > 0) {
      e.preventDefault();
      setActive((a) => (a + 1) % items.length);
    } else if (e.key === 'ArrowUp' && items.length > 0) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (e.key === 'Escape') {
      cancel();
      setOpen(false);
    } else if (e.key === 'Enter') {
      // a highlighted suggestion is taken; else the code as typed, with no search
      if (active >= 0 && items[active]) {
        e.preventDefault();
        pick(items[active].code);
      } else {
        cancel();
        setOpen(false);
        onPick?.(value.trim(), 'enter');
      }
    }
  };

  const items = found?.items ?? [];
  return (
    <div className={`field item-picker ${error ? 'has-error' : ''} ${className ?? ''}`}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : undefined}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        required={required}
        disabled={disabled}
        value={value}
        data-testid={testId}
        onChange={(e) => {
          onChange(e.target.value);
          search(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // a click on a suggestion lands first (mousedown below keeps the focus); leaving the field takes the code typed
          cancel();
          setOpen(false);
          onPick?.(value.trim(), 'blur');
        }}
      />
      <ul id={listId} role="listbox" aria-label={t('picker.suggestions', { label })} className="picker-list" hidden={!open}>
        {open && items.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="picker-none">
            {t('picker.none')}
          </li>
        )}
        {open &&
          items.map((item, n) => (
            <li
              key={item.code}
              id={`${id}-opt-${n}`}
              role="option"
              aria-selected={n === active}
              className={n === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(item.code);
              }}
            >
              <span className="picker-code">{item.code}</span> <span className="picker-desc">{item.description}</span>
            </li>
          ))}
        {open && found && found.total > items.length && (
          <li role="option" aria-selected={false} aria-disabled="true" className="picker-more">
            {t('picker.more', { shown: items.length, total: found.total })}
          </li>
        )}
      </ul>
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

/** Finding an item on the phone by a word of its description (or its code), when there is no label to scan (issue 14 point 5). */
import { useEffect, useId, useState } from 'react';
import { api, itemsOf, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { ScanItem } from './ScanChoice.tsx';

export function ItemSearch({ onPick }: { onPick: (item: ScanItem) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<ScanItem[] | undefined>();
  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setFound(undefined);
      return;
    }
    let live = true;
    // a pause in the typing, then one request
    const timer = setTimeout(() => {
      api.get<Page<ScanItem> | ScanItem[]>('/api/items', { q: text, limit: 10 }).then(
        (r) => live && setFound(itemsOf(r)),
        () => live && setFound(undefined),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <div className="field item-search">
      <label htmlFor={id}>{t('phone.search')}</label>
      <input id={id} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" data-testid="item-search" />
      {found && (
        <ul className="item-search-results" data-testid="item-search-results">
          {found.length === 0 && <li className="muted">{t('phone.noMatch')}</li>}
          {found.map((it) => (
            <li key={it.code}>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  onPick(it);
                  setQ('');
                  setFound(undefined);
                }}
              >
                <strong>{it.code}</strong> · {it.description}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

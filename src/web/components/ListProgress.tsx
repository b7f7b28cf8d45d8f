/** The list's progress on the counting phone (issue 14 point 6): keys counted of the keys with book stock; keys counted on a blind list. */
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { ListProgress } from '../types.ts';

export function ListProgressLine({ listId, refresh }: { listId: number; refresh: number }) {
  const { t } = useI18n();
  const [progress, setProgress] = useState<ListProgress | undefined>();
  const [again, setAgain] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    api
      .get<ListProgress>(`/api/lists/${listId}/progress`)
      .then((p) => {
        if (!live) return;
        setProgress(p);
        // the book figure is computed on the server in the background: ask again shortly
        if (p.pending) timer = setTimeout(() => setAgain((n) => n + 1), 2000);
      })
      .catch(() => undefined); // offline: the last figure stays
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [listId, refresh, again]);
  if (!progress) return null;
  const { counted, withBook } = progress;
  const text =
    progress.blind || (withBook === null && !progress.pending)
      ? t('phone.progressBlind', { counted })
      : withBook === null
        ? t('phone.progressPending', { counted })
        : t('phone.progress', { counted, withBook });
  return (
    <div className="list-progress" data-testid="list-progress">
      {withBook ? <progress max={withBook} value={Math.min(counted, withBook)} aria-hidden="true" /> : null}
      <span>{text}</span>
    </div>
  );
}

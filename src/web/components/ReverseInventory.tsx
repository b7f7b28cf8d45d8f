/** Reversing a posted inventory (SPEC §11): a date, a confirmation, then the opposite records and the inventory open again. */
import { useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { useAction } from '../hooks.ts';
import { formatDate, todayIso } from '../format.ts';
import { ConfirmDialog, ErrorBox, fieldErrors, Notice, Progress } from './ui.tsx';
import { DateField } from './DateField.tsx';
import { Icon } from './Icon.tsx';
import type { Inventory, StockRecord } from '../types.ts';

export function ReverseButton({ inventory, onReversed }: { inventory: Inventory; onReversed: () => void }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(todayIso());
  const [done, setDone] = useState<StockRecord[] | undefined>();
  const reverse = useAction(async () => {
    const answer = await api.post<{ records: StockRecord[] }>(`/api/inventories/${inventory.id}/reverse`, { date });
    setOpen(false);
    setDone(answer.records ?? []);
    onReversed();
  });
  const errs = fieldErrors(reverse.error);
  return (
    <>
      {inventory.closed && !!inventory.postedAt && (
        <button type="button" className="btn btn-danger-ghost" onClick={() => (reverse.clearError(), setOpen(true))} data-testid="reverse-inventory">
          <Icon name="undo" /> {t('inv.reverse')}
        </button>
      )}
      {done && (
        <Notice kind="success">
          <strong data-testid="reversed-notice">{t('inv.reversedDone', { n: done.length })}</strong>
          <ul className="links">
            {done.map((r) => (
              <li key={r.id}>
                <Link to={`/records/${r.id}`}>{t('rec.label', { warehouse: r.warehouse, template: r.template, date: formatDate(r.date, lang), number: r.number })}</Link>
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <ConfirmDialog open={open} title={t('inv.reverseTitle')} confirmLabel={t('inv.reverse')} danger busy={reverse.busy} onCancel={() => setOpen(false)} onConfirm={() => void reverse.run()}>
        <p>{t('inv.reverseText')}</p>
        <DateField label={t('inv.reverseDate')} required value={date} onChange={(v) => setDate(v)} error={errs['/date']} data-testid="reverse-date" />
        <ErrorBox error={reverse.error} shown={Object.keys(errs)} />
        <Progress busy={reverse.busy} elapsed={reverse.elapsed} label={t('inv.reversing')} />
      </ConfirmDialog>
    </>
  );
}

/** "Reversed on … by …" for an inventory that was reversed. */
export function ReversedNote({ inventory }: { inventory: Inventory }) {
  const { t, lang } = useI18n();
  if (!inventory.reversedAt) return null;
  return <Notice>{t('inv.reversed', { at: formatDate(inventory.reversedAt, lang), by: inventory.reversedBy ?? '' })}</Notice>;
}

/**
 * The lines of the list on the counting phone (issue 14 point 6), newest
 * first, a page at a time; the counter corrects the quantity of a line they
 * counted, or deletes it, while the list is open (the server refuses another's
 * line with INV_ERR_NOT_YOUR_LINE). A quantity is typed in the app's language.
 */
import { useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { formatDecimal, parseDecimalInput } from '../format.ts';
import { isUnclearNumber } from '../number-input.ts';
import type { CountLine } from '../types.ts';
import { ConfirmDialog, ErrorBox } from './ui.tsx';
import { Icon } from './Icon.tsx';
import { shortQuantity } from './ScanBanner.tsx';

const PAGE = 20;

export function CountedLines({
  lines,
  blind,
  username,
  editable,
  online,
  onChanged,
  onDeleted,
}: {
  lines: CountLine[];
  blind: boolean;
  username: string;
  editable: boolean;
  online: boolean;
  onChanged: (line: CountLine) => void;
  onDeleted: (id: number) => void;
}) {
  const { t, lang } = useI18n();
  const [shown, setShown] = useState(PAGE);
  const [editing, setEditing] = useState<number | undefined>();
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<CountLine | undefined>();
  const [failure, setFailure] = useState<unknown>();

  const save = async (line: CountLine) => {
    const quantity = parseDecimalInput(text, lang);
    if (quantity === undefined || quantity.startsWith('-')) {
      setError(isUnclearNumber(text, lang) ? t('phone.unclearNumber', { text: text.trim() }) : t('count.badQuantity'));
      return;
    }
    setBusy(true);
    try {
      onChanged({ ...line, ...(await api.put<CountLine>(`/api/lines/${line.id}`, { quantity })) });
      setEditing(undefined);
      setFailure(undefined);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (line: CountLine) => {
    setBusy(true);
    try {
      await api.del(`/api/lines/${line.id}`);
      onDeleted(line.id);
      setDeleting(undefined);
      setFailure(undefined);
    } catch (e) {
      setDeleting(undefined);
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="card counted" open>
      <summary>
        <h2>{t('count.counted', { n: lines.length })}</h2>
      </summary>
      <ErrorBox error={failure} />
      <ul className="line-list" data-testid="counted-lines">
        {lines.slice(0, shown).map((l) => {
          const own = editable && l.counted !== false && (l.insertedBy === undefined || l.insertedBy === username);
          return (
            <li key={l.id} data-item={l.item} data-lot={l.lot ?? ''} data-qty={l.countedQuantity} data-line={l.id}>
              <span className="line-main">
                <strong>{l.item}</strong>
                {l.variant ? ` · ${l.variant}` : ''}
                {l.lot ? ` · ${t('count.lotShort')} ${l.lot}` : ''}
                {l.description ? <span className="line-desc">{l.description}</span> : null}
                {l.location ? (
                  <span className="line-loc">
                    <Icon name="pin" size="0.9em" /> {l.location}
                  </span>
                ) : null}
              </span>
              <span className="line-qty">
                <span>{l.counted === false ? <em>{t('count.toCount')}</em> : `${formatDecimal(l.countedQuantity, lang)} ${l.uom ?? ''}`}</span>
                {!blind && l.bookQuantity !== undefined && (
                  <small className="muted">
                    {t('count.book')} {formatDecimal(l.bookQuantity, lang)}
                  </small>
                )}
              </span>
              {own && editing !== l.id && (
                <span className="line-actions">
                  <button type="button" className="btn btn-small" disabled={!online} onClick={() => (setEditing(l.id), setText(formatDecimal(shortQuantity(l.countedQuantity), lang)), setError(''))} data-testid={`edit-line-${l.id}`}>
                    {t('phone.correct')}
                  </button>
                  <button type="button" className="btn btn-small btn-danger-ghost" disabled={!online} onClick={() => setDeleting(l)} aria-label={t('list.deleteLine', { item: l.item })} data-testid={`delete-line-${l.id}`}>
                    {t('common.delete')}
                  </button>
                </span>
              )}
              {editing === l.id && (
                <form
                  noValidate
                  className="line-edit"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void save(l);
                  }}
                >
                  <label htmlFor={`line-qty-${l.id}`}>{t('phone.newQuantity', { item: l.item })}</label>
                  <input
                    id={`line-qty-${l.id}`}
                    inputMode="decimal"
                    autoComplete="off"
                    value={text}
                    onChange={(e) => (setText(e.target.value), setError(''))}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `line-qty-${l.id}-error` : undefined}
                    autoFocus
                    data-testid="line-quantity"
                  />
                  {error && (
                    <small id={`line-qty-${l.id}-error`} className="field-error">
                      {error}
                    </small>
                  )}
                  <span className="line-actions">
                    <button type="submit" className="btn btn-primary btn-small" disabled={busy} data-testid="line-save">
                      {t('common.save')}
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setEditing(undefined)}>
                      {t('common.cancel')}
                    </button>
                  </span>
                </form>
              )}
            </li>
          );
        })}
      </ul>
      {lines.length > shown && (
        <button type="button" className="btn btn-block" onClick={() => setShown((n) => n + PAGE)} data-testid="more-lines">
          {t('phone.moreLines', { n: Math.min(PAGE, lines.length - shown) })}
        </button>
      )}
      <ConfirmDialog open={!!deleting} title={t('list.deleteTitle')} confirmLabel={t('common.delete')} danger busy={busy} onCancel={() => setDeleting(undefined)} onConfirm={() => deleting && void remove(deleting)}>
        {deleting && t('list.deleteText', { item: deleting.item, quantity: formatDecimal(deleting.countedQuantity, lang) })}
      </ConfirmDialog>
    </details>
  );
}

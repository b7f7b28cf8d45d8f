/** Warehouse valuation / closing (SPEC §7): checks, close, restore the last closing. */
import { useState } from 'react';
import { api, ApiError, itemsOf, type Page } from '../api.ts';
import { useI18n, type Translate } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { Link } from '../router.tsx';
import { useAction, useLoad, useTitle } from '../hooks.ts';
import { formatDate, todayIso } from '../format.ts';
import { ActionButton, CheckField, ConfirmDialog, ErrorBox, fieldErrors, Notice, Progress, Section, SelectField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { CLOSING_METHODS, type CheckFinding, type Closing } from '../types.ts';
import { Icon } from '../components/Icon.tsx';

/** Where the record behind a check finding can be seen and fixed. */
export function findingLink(f: CheckFinding): string | undefined {
  const record = f.recordId ?? f.record;
  if (typeof record === 'number') return `/records/${record}`;
  const inventory = f.inventoryId ?? f.inventory;
  if (typeof inventory === 'number') return `/inventories/${inventory}`;
  // the JSON pointer names the record too: /records/{id}/lines/{n}, /inventories/{id}, /warehouses/{code}, /stock/{wh}/{item}
  const p = (f.path ?? '').split('/').map(decodeURIComponent);
  if (p[1] === 'records' && p[2]) return `/records/${p[2]}`;
  if (p[1] === 'inventories' && p[2]) return `/inventories/${p[2]}`;
  if (p[1] === 'warehouses' && p[2]) return `/config/templates?warehouse=${encodeURIComponent(p[2])}`;
  if (p[1] === 'stock' && p[2] && p[3]) return `/records?${new URLSearchParams({ warehouse: p[2], item: p[3] }).toString()}`;
  const code = f.code ?? '';
  if (f.warehouse && /TEMPLATE|ODDMENT/i.test(code)) return `/config/templates?warehouse=${encodeURIComponent(f.warehouse)}`;
  if (f.item) return `/records?${new URLSearchParams({ ...(f.warehouse ? { warehouse: f.warehouse } : {}), item: f.item }).toString()}`;
  if (f.warehouse) return `/records?warehouse=${encodeURIComponent(f.warehouse)}`;
  return undefined;
}

function findingText(f: CheckFinding | string): string {
  if (typeof f === 'string') return f;
  return f.message ?? f.detail ?? f.code ?? JSON.stringify(f);
}

function FindingList({ items, kind, t }: { items: (CheckFinding | string)[]; kind: 'error' | 'warning'; t: Translate }) {
  return (
    <ul className={`findings findings-${kind}`} data-testid={`findings-${kind}`}>
      {items.map((f, i) => {
        const link = typeof f === 'string' ? undefined : findingLink(f);
        const where = typeof f === 'string' ? '' : [f.warehouse, f.item, f.variant, f.lot, f.location].filter(Boolean).join(' · ');
        return (
          <li key={i}>
            <Icon name={kind === 'error' ? 'stop' : 'alert'} />
            <span className="sr-only">{kind === 'error' ? t('closing.error') : t('closing.warning')}: </span>
            <span>
              {findingText(f)}
              {where && <small className="muted"> ({where})</small>}
            </span>
            {link && (
              <Link to={link} className="finding-link">
                {t('closing.open')}
              </Link>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function ClosingScreen() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  useTitle(t('closing.title'));
  const [closingDate, setClosingDate] = useState(todayIso());
  const [method, setMethod] = useState('');
  // dimensions summed away where a warehouse does not close by them (SPEC §7 collapse)
  const [collapse, setCollapse] = useState<string[]>([]);
  const request = { closingDate, method: method || undefined, collapse: collapse.length ? collapse : undefined };
  const requestKey = `${closingDate}|${method}|${collapse.join(',')}`;
  const [confirmClose, setConfirmClose] = useState(false);
  const [confirmRestore, setConfirmRestore] = useState(false);
  const [done, setDone] = useState<string>('');
  const closings = useLoad(() => api.get<Page<Closing> | Closing[]>('/api/closings', { limit: 1000 }), []);
  const last = [...itemsOf(closings.data)].sort((a, b) => b.closingDate.localeCompare(a.closingDate) || b.id - a.id)[0];

  const [findings, setFindings] = useState<{ errors: (CheckFinding | string)[]; warnings: (CheckFinding | string)[]; date: string; key: string } | undefined>();
  const check = useAction(async () => {
    setDone('');
    const answer = await api.post<{ errors: (CheckFinding | string)[]; warnings: (CheckFinding | string)[] }>('/api/closings/check', request);
    setFindings({ errors: answer.errors ?? [], warnings: answer.warnings ?? [], date: closingDate, key: requestKey });
  });
  const close = useAction(async () => {
    try {
      const answer = await api.post<Closing>('/api/closings', request);
      setConfirmClose(false);
      setFindings(undefined);
      setDone(t('closing.closed', { date: formatDate(answer.closingDate, lang), n: answer.openingRecords?.length ?? 0 }));
      closings.reload();
      return answer;
    } catch (e) {
      setConfirmClose(false);
      // 422 carries the check errors: show them as the list
      if (e instanceof ApiError && e.status === 422) {
        const errors = (e.body.errors as CheckFinding[] | undefined) ?? [];
        setFindings({ errors: errors.length ? errors : [{ message: e.detail, code: e.code }], warnings: (e.body.warnings as CheckFinding[] | undefined) ?? [], date: closingDate, key: requestKey });
        return undefined;
      }
      throw e;
    }
  });
  const restore = useAction(async () => {
    await api.del('/api/closings/last');
    setConfirmRestore(false);
    setDone(t('closing.restored'));
    closings.reload();
  });
  const errs = fieldErrors(check.error || close.error);
  const mayClose = allowed(user, 'close');
  const checkedForDate = findings && findings.key === requestKey;

  return (
    <div className="page">
      <h1>{t('closing.title')}</h1>
      <p className="lead">{t('closing.intro')}</p>
      <div className="card">
        {last ? (
          <p data-testid="last-closing">
            {t('closing.last', { date: formatDate(last.closingDate, lang) })} · <Link to={`/closings/${last.id}`}>{t('closing.seeHistory')}</Link>
          </p>
        ) : (
          closings.data && <p className="muted">{t('closing.none')}</p>
        )}
        <form noValidate
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void check.run();
          }}
          aria-label={t('closing.params')}
        >
          <DateField label={t('closing.date')} required value={closingDate} max={todayIso()} onChange={(v) => setClosingDate(v)} error={errs['/closingDate']} data-testid="closing-date" />
          <SelectField
            label={t('closing.method')}
            value={method}
            onChange={(e) => setMethod(e.target.value)}
            options={CLOSING_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
            blank={t('closing.methodDefault')}
            error={errs['/method']}
          />
          <fieldset className="span-2">
            <legend>{t('closing.collapse')}</legend>
            {(['location', 'lot', 'variant'] as const).map((d) => (
              <CheckField
                key={d}
                label={t(`common.${d}`)}
                checked={collapse.includes(d)}
                onChange={(on) => setCollapse(on ? [...collapse, d] : collapse.filter((x) => x !== d))}
                data-testid={`closing-collapse-${d}`}
              />
            ))}
            <p className="hint">{t('closing.collapseHint')}</p>
          </fieldset>
          <div className="form-actions span-2">
            <ActionButton action={check} type="submit" className="btn" testId="closing-check" busyLabel={t('closing.checking')}>
              <Icon name="check" /> {t('closing.check')}
            </ActionButton>
            {mayClose && (
              <ActionButton action={close} onClick={() => setConfirmClose(true)} testId="closing-close" disabled={!checkedForDate || findings!.errors.length > 0} busyLabel={t('closing.closing')}>
                <Icon name="lock" /> {t('closing.close')}
              </ActionButton>
            )}
            {mayClose && last && (
              <ActionButton action={restore} className="btn btn-danger-ghost" onClick={() => setConfirmRestore(true)} testId="closing-restore" busyLabel={t('closing.restoring')}>
                <Icon name="undo" /> {t('closing.restore')}
              </ActionButton>
            )}
          </div>
          {mayClose && !checkedForDate && <p className="hint span-2">{t('closing.checkFirst')}</p>}
        </form>
      </div>
      <Progress busy={check.busy} elapsed={check.elapsed} label={t('closing.checking')} />
      <Progress busy={close.busy} elapsed={close.elapsed} label={t('closing.closing')} />
      <Progress busy={restore.busy} elapsed={restore.elapsed} label={t('closing.restoring')} />
      <ErrorBox error={check.error || close.error || restore.error || closings.error} shown={Object.keys(errs)} />
      {done && <Notice kind="success">{done}</Notice>}
      {findings && (
        <Section title={t('closing.results', { date: formatDate(findings.date, lang) })}>
          {findings.errors.length === 0 && findings.warnings.length === 0 && <Notice kind="success">{t('closing.allGood')}</Notice>}
          {findings.errors.length > 0 && (
            <>
              <h3>{t('closing.errors', { n: findings.errors.length })}</h3>
              <FindingList items={findings.errors} kind="error" t={t} />
            </>
          )}
          {findings.warnings.length > 0 && (
            <>
              <h3>{t('closing.warnings', { n: findings.warnings.length })}</h3>
              <FindingList items={findings.warnings} kind="warning" t={t} />
            </>
          )}
        </Section>
      )}
      <ConfirmDialog open={confirmClose} title={t('closing.confirmTitle')} confirmLabel={t('closing.close')} busy={close.busy} onCancel={() => setConfirmClose(false)} onConfirm={() => void close.run()}>
        <p>{t('closing.confirmText', { date: formatDate(closingDate, lang) })}</p>
        {findings && findings.warnings.length > 0 && <Notice kind="warning">{t('closing.warnings', { n: findings.warnings.length })}</Notice>}
        <Progress busy={close.busy} elapsed={close.elapsed} label={t('closing.closing')} />
      </ConfirmDialog>
      <ConfirmDialog open={confirmRestore} title={t('closing.restoreTitle')} confirmLabel={t('closing.restore')} danger busy={restore.busy} onCancel={() => setConfirmRestore(false)} onConfirm={() => void restore.run()}>
        <p>{last && t('closing.restoreText', { date: formatDate(last.closingDate, lang) })}</p>
      </ConfirmDialog>
    </div>
  );
}

/** Re-valuation ("creare valorizare", SPEC §9): preview the changed unload costs, then apply them with a confirmation. */
import { REVALUATION_METHODS, type ChangeView, type RevaluationView } from '../../accounting/revaluation-view.ts';
import { useMemo, useState } from 'react';
import { api, download } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { Link } from '../router.tsx';
import { useAction, useTitle } from '../hooks.ts';
import { formatDate, formatDecimal, todayIso } from '../format.ts';
import { ActionButton, Badge, ConfirmDialog, ErrorBox, fieldErrors, Notice, Progress, Section, SelectField, TextField } from '../components/ui.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { optionsOf, useWarehouses } from '../lookups.ts';
import { Icon } from '../components/Icon.tsx';

const METHODS = REVALUATION_METHODS;

export function RevaluationScreen() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  useTitle(t('revaluation.title'));
  const warehouses = useWarehouses();
  const year = todayIso().slice(0, 4);
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(todayIso());
  const [method, setMethod] = useState<string>('fifo');
  const [warehouse, setWarehouse] = useState('');
  const request = { from, to, method, ...(warehouse ? { warehouse } : {}) };
  const requestKey = `${from}|${to}|${method}|${warehouse}`;
  const [result, setResult] = useState<{ view: RevaluationView; key: string } | undefined>();
  const [confirm, setConfirm] = useState(false);
  const [done, setDone] = useState('');

  const preview = useAction(async () => {
    setDone('');
    const view = await api.post<RevaluationView>('/api/revaluations/preview', request);
    setResult({ view, key: requestKey });
  });
  const apply = useAction(async () => {
    try {
      const view = await api.post<RevaluationView>('/api/revaluations', { ...request, confirm: true, limit: 0 });
      setDone(t('revaluation.applied', { n: view.totals.lines, difference: formatDecimal(view.totals.difference, lang) }));
      setResult(undefined);
    } finally {
      setConfirm(false);
    }
  });
  const csv = useAction(() => download('/api/revaluations/preview', undefined, `revaluation-${from}-${to}.csv`, { ...request, format: 'csv' }));
  const errs = fieldErrors(preview.error || apply.error);
  const mayApply = allowed(user, 'close');
  const current = result && result.key === requestKey ? result.view : undefined;

  const columns = useMemo<GridColumn<ChangeView>[]>(
    () => [
      { id: 'record', header: t('revaluation.record'), value: (c) => c.recordId, kind: 'number', cell: (c) => <Link to={`/records/${c.recordId}`}>{c.recordId}</Link> },
      { id: 'line', header: t('revaluation.line'), value: (c) => c.lineNo, kind: 'number' },
      { id: 'date', header: t('common.date'), value: (c) => c.date, kind: 'date' },
      { id: 'warehouse', header: t('common.warehouse'), value: (c) => c.warehouse },
      { id: 'item', header: t('common.item'), value: (c) => c.item },
      { id: 'quantity', header: t('common.quantity'), value: (c) => c.quantity, kind: 'decimal' },
      { id: 'oldUnitCost', header: t('revaluation.oldUnitCost'), value: (c) => c.oldUnitCost, kind: 'decimal' },
      { id: 'newUnitCost', header: t('revaluation.newUnitCost'), value: (c) => c.newUnitCost, kind: 'decimal' },
      { id: 'oldAmount', header: t('revaluation.oldAmount'), value: (c) => c.oldAmount, kind: 'decimal' },
      { id: 'newAmount', header: t('revaluation.newAmount'), value: (c) => c.newAmount, kind: 'decimal' },
      { id: 'transfer', header: t('revaluation.transfer'), value: (c) => c.transferLoad, kind: 'bool', cell: (c) => (c.transferLoad ? <Badge kind="info">{t('revaluation.transferLoad')}</Badge> : null) },
    ],
    [t],
  );

  const methodLabel = (m: string) => t(`method.${m}` as never);

  return (
    <div className="page">
      <h1>{t('revaluation.title')}</h1>
      <p className="lead">{t('revaluation.intro')}</p>
      <div className="card">
        <form
          noValidate
          className="form-grid"
          aria-label={t('revaluation.params')}
          onSubmit={(e) => {
            e.preventDefault();
            void preview.run();
          }}
        >
          <TextField label={t('common.from')} type="date" required value={from} onChange={(e) => setFrom(e.target.value)} error={errs['/from']} data-testid="revaluation-from" />
          <TextField label={t('common.to')} type="date" required value={to} onChange={(e) => setTo(e.target.value)} error={errs['/to']} data-testid="revaluation-to" />
          <SelectField
            label={t('revaluation.method')}
            value={method}
            onChange={(e) => setMethod(e.target.value)}
            options={METHODS.map((m) => ({ value: m, label: methodLabel(m) }))}
            error={errs['/method']}
            data-testid="revaluation-method"
          />
          <SelectField
            label={t('common.warehouse')}
            value={warehouse}
            onChange={(e) => setWarehouse(e.target.value)}
            options={optionsOf(warehouses, (w) => w.description)}
            blank={t('common.all')}
            hint={t('revaluation.warehouseHint')}
            error={errs['/warehouse']}
            data-testid="revaluation-warehouse"
          />
          <div className="form-actions span-2">
            <ActionButton action={preview} type="submit" className="btn" testId="revaluation-preview" busyLabel={t('revaluation.previewing')}>
              <Icon name="check" /> {t('revaluation.preview')}
            </ActionButton>
            {mayApply && (
              <ActionButton action={apply} onClick={() => setConfirm(true)} testId="revaluation-apply" disabled={!current || current.totals.lines === 0} busyLabel={t('revaluation.applying')}>
                <Icon name="lock" /> {t('revaluation.apply')}
              </ActionButton>
            )}
          </div>
          {mayApply && !current && <p className="hint span-2">{t('revaluation.previewFirst')}</p>}
        </form>
      </div>
      <Progress busy={preview.busy} elapsed={preview.elapsed} label={t('revaluation.previewing')} />
      <Progress busy={apply.busy} elapsed={apply.elapsed} label={t('revaluation.applying')} />
      <ErrorBox error={preview.error || apply.error || csv.error} shown={Object.keys(errs)} />
      {done && <Notice kind="success">{done}</Notice>}
      {current && (
        <Section
          title={t('revaluation.results', { method: methodLabel(current.method), from: formatDate(current.from, lang), to: formatDate(current.to, lang) })}
          actions={
            current.totals.lines > 0 ? (
              <ActionButton action={csv} className="btn btn-ghost" testId="revaluation-csv">
                <Icon name="download" /> {t('common.exportCsv')}
              </ActionButton>
            ) : undefined
          }
        >
          <p className="muted">{current.closingDate ? t('revaluation.fromClosing', { date: formatDate(current.closingDate, lang) }) : t('revaluation.noClosing')}</p>
          <dl className="totals" data-testid="revaluation-totals">
            <div>
              <dt>{t('revaluation.lines')}</dt>
              <dd>{current.totals.lines}</dd>
            </div>
            <div>
              <dt>{t('revaluation.unloadLines')}</dt>
              <dd>{current.totals.unloadLines}</dd>
            </div>
            <div>
              <dt>{t('revaluation.transferLoadLines')}</dt>
              <dd>{current.totals.transferLoadLines}</dd>
            </div>
            <div>
              <dt>{t('revaluation.oldAmount')}</dt>
              <dd>{formatDecimal(current.totals.oldAmount, lang)}</dd>
            </div>
            <div>
              <dt>{t('revaluation.newAmount')}</dt>
              <dd>{formatDecimal(current.totals.newAmount, lang)}</dd>
            </div>
            <div>
              <dt>{t('revaluation.difference')}</dt>
              <dd data-testid="revaluation-difference">{formatDecimal(current.totals.difference, lang)}</dd>
            </div>
          </dl>
          {current.totals.lines === 0 ? (
            <Notice kind="success">{t('revaluation.nothing')}</Notice>
          ) : (
            <>
              {current.truncated && <Notice kind="info">{t('revaluation.truncated', { shown: current.changes.length, total: current.totals.lines })}</Notice>}
              <DataGrid columns={columns} data={current.changes} caption={t('revaluation.title')} rowId={(c) => `${c.recordId}:${c.lineNo}`} testId="revaluation-grid" maxHeight="60vh" />
            </>
          )}
        </Section>
      )}
      <ConfirmDialog open={confirm} title={t('revaluation.confirmTitle')} confirmLabel={t('revaluation.apply')} busy={apply.busy} onCancel={() => setConfirm(false)} onConfirm={() => void apply.run()}>
        {current && (
          <p>
            {t('revaluation.confirmText', {
              n: current.totals.lines,
              method: methodLabel(current.method),
              from: formatDate(current.from, lang),
              to: formatDate(current.to, lang),
              difference: formatDecimal(current.totals.difference, lang),
            })}
          </p>
        )}
        <Progress busy={apply.busy} elapsed={apply.elapsed} label={t('revaluation.applying')} />
      </ConfirmDialog>
    </div>
  );
}

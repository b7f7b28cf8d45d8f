/**
 * Stock reconciliation at a date (GET /api/reports/stock-reconciliation,
 * SPEC §9): per stock account the journal balance, the valued inventory and
 * the difference, a non-zero difference flagged; totals; PDF, CSV, XLSX.
 */
import { useState } from 'react';
import { api, download } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Link, useRouter } from '../router.tsx';
import { useAction, useTitle } from '../hooks.ts';
import { formatDate, formatDecimal, isNonZero, todayIso } from '../format.ts';
import { ActionButton, Badge, DownloadButtons, ErrorBox, fieldErrors, FilterForm, Notice, Progress, Section, type FileFormat } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { Icon } from '../components/Icon.tsx';
import type { StockReconciliation } from '../types.ts';

const FORMATS = ['pdf', 'csv', 'xlsx'] as const;

export function StockReconciliationScreen() {
  const { t, lang } = useI18n();
  const { search } = useRouter();
  useTitle(t('recon.title'));
  const [date, setDate] = useState(search.get('date') ?? todayIso());
  const [report, setReport] = useState<StockReconciliation | undefined>();
  const run = useAction(async () => {
    setReport(await api.get<StockReconciliation>('/api/reports/stock-reconciliation', { date, format: 'json' }));
  });
  const file = useAction((format: FileFormat) =>
    download('/api/reports/stock-reconciliation', { date, format, ...(format === 'csv' ? { csvStyle: lang } : {}) }, `stock-reconciliation-${date}.${format}`),
  );
  const errs = fieldErrors(run.error || file.error);
  const dateError = errs['/date'] ?? errs['/querystring/date'];
  const differing = report?.rows.filter((r) => isNonZero(r.difference)).length ?? 0;

  return (
    <div className="page">
      <h1>{t('recon.title')}</h1>
      <FilterForm label={t('recon.params')} onSubmit={() => void run.run()}>
        <DateField label={t('recon.date')} required value={date} onChange={setDate} error={dateError} data-testid="recon-date" />
        <div className="filter-actions span-2">
          <ActionButton action={run} type="submit" testId="recon-run" busyLabel={t('recon.running')}>
            {t('acct.show')}
          </ActionButton>
          <DownloadButtons action={file} formats={FORMATS} testIdPrefix="recon" />
        </div>
      </FilterForm>
      <Progress busy={run.busy} elapsed={run.elapsed} label={t('recon.running')} />
      <Progress busy={file.busy} elapsed={file.elapsed} label={t('recon.exporting')} />
      <ErrorBox error={run.error || file.error} shown={dateError ? ['/date', '/querystring/date'] : []} />
      {report && (
        <Section title={t('recon.result', { date: formatDate(report.date, lang) })}>
          <p className="muted" data-testid="recon-opening">
            {report.closingDate ? t('recon.opening', { date: formatDate(report.closingDate, lang) }) : t('recon.noClosing')}
          </p>
          {report.rows.length > 0 &&
            (differing ? (
              <Notice kind="warning">{t('recon.disagrees', { n: differing })}</Notice>
            ) : (
              <Notice kind="success">{t('recon.agrees')}</Notice>
            ))}
          <div className="grid-wrap" tabIndex={0} role="region" aria-label={t('recon.title')}>
            <table className="grid" data-testid="recon-grid">
              <caption className="sr-only">{t('recon.result', { date: formatDate(report.date, lang) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('acct.account')}</th>
                  <th scope="col" className="num">
                    {t('recon.journalBalance')}
                  </th>
                  <th scope="col" className="num">
                    {t('recon.inventoryValue')}
                  </th>
                  <th scope="col" className="num">
                    {t('recon.difference')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => {
                  const differs = isNonZero(r.difference);
                  return (
                    <tr key={r.account} className={differs ? 'row-differs' : undefined} data-testid="recon-row" data-account={r.account} data-differs={differs ? 'true' : 'false'}>
                      <th scope="row">
                        <Link to={`/journal?account=${encodeURIComponent(r.account)}&to=${report.date}`}>{r.account}</Link>
                      </th>
                      <td className="num" data-col="journalBalance" data-value={r.journalBalance}>
                        {formatDecimal(r.journalBalance, lang)}
                      </td>
                      <td className="num" data-col="inventoryValue" data-value={r.inventoryValue}>
                        {formatDecimal(r.inventoryValue, lang)}
                      </td>
                      <td className="num" data-col="difference" data-value={r.difference}>
                        {differs && (
                          <>
                            <Badge kind="bad">
                              <Icon name="alert" /> {t('recon.differs')}
                            </Badge>{' '}
                          </>
                        )}
                        {formatDecimal(r.difference, lang)}
                      </td>
                    </tr>
                  );
                })}
                {report.rows.length === 0 && (
                  <tr>
                    <td colSpan={4} className="empty">
                      {t('common.noRows')}
                    </td>
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr className="total">
                  <th scope="row">{t('recon.total')}</th>
                  <td className="num" data-testid="recon-total-journalBalance" data-value={report.totals.journalBalance}>
                    {formatDecimal(report.totals.journalBalance, lang)}
                  </td>
                  <td className="num" data-testid="recon-total-inventoryValue" data-value={report.totals.inventoryValue}>
                    {formatDecimal(report.totals.inventoryValue, lang)}
                  </td>
                  <td className="num" data-testid="recon-total-difference" data-value={report.totals.difference}>
                    {formatDecimal(report.totals.difference, lang)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </Section>
      )}
    </div>
  );
}

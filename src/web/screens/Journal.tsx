/**
 * The journal (GET /api/journal, SPEC §9): filters by date range, account and
 * record; the entry lines paged on the server; Σ debit, Σ credit and balance
 * per account over every matching line (the API's `totals`); CSV download.
 */
import { useMemo, useState } from 'react';
import { api, download } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Link, useRouter } from '../router.tsx';
import { useAction, useLoad, useTitle } from '../hooks.ts';
import { formatDecimal } from '../format.ts';
import { sumDecimals } from '../decimal.ts';
import { DownloadButtons, ErrorBox, fieldErrors, FilterForm, Loading, Section, TextField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import type { AccountTotal, JournalLine, JournalPage } from '../types.ts';

const PAGE = 50;

interface Filter {
  from: string;
  to: string;
  account: string;
  record: string;
}

/** A query problem on `name`, wherever the server points it. */
const problemAt = (errs: Record<string, string>, name: string): string | undefined => errs[`/${name}`] ?? errs[`/querystring/${name}`];

export function JournalScreen() {
  const { t, lang } = useI18n();
  const { search } = useRouter();
  useTitle(t('journal.title'));
  const initial: Filter = { from: search.get('from') ?? '', to: search.get('to') ?? '', account: search.get('account') ?? '', record: search.get('record') ?? '' };
  const [draft, setDraft] = useState(initial);
  const [filter, setFilter] = useState(initial);
  const [offset, setOffset] = useState(0);
  const journal = useLoad(() => api.get<JournalPage>('/api/journal', { ...filter, limit: PAGE, offset }), [filter, offset]);
  const csv = useAction((format: 'csv') => download('/api/journal', { ...filter, format, csvStyle: lang }, 'journal.csv'));
  const errs = fieldErrors(journal.error);
  const total = journal.data?.total ?? 0;

  const columns = useMemo<GridColumn<JournalLine>[]>(
    () => [
      { id: 'date', header: t('common.date'), value: (r) => r.date, kind: 'date', sortable: false },
      {
        id: 'record',
        header: t('journal.record'),
        value: (r) => r.recordId,
        kind: 'number',
        sortable: false,
        cell: (r) => (
          <Link to={`/records/${r.recordId}`} aria-label={t('journal.openRecord', { id: r.recordId })}>
            {r.recordId}
          </Link>
        ),
      },
      { id: 'debitAccount', header: t('journal.debitAccount'), value: (r) => r.debitAccount, sortable: false },
      { id: 'creditAccount', header: t('journal.creditAccount'), value: (r) => r.creditAccount, sortable: false },
      { id: 'amount', header: t('journal.amount'), value: (r) => r.amount, kind: 'decimal', sortable: false },
    ],
    [t],
  );
  const totalColumns = useMemo<GridColumn<AccountTotal>[]>(
    () => [
      { id: 'account', header: t('acct.account'), value: (r) => r.account },
      { id: 'debit', header: t('journal.debit'), value: (r) => r.debit, kind: 'decimal' },
      { id: 'credit', header: t('journal.credit'), value: (r) => r.credit, kind: 'decimal' },
      { id: 'balance', header: t('journal.balance'), value: (r) => r.balance, kind: 'decimal' },
    ],
    [t],
  );
  const set = (field: keyof Filter) => (value: string) => setDraft({ ...draft, [field]: value });

  return (
    <div className="page">
      <h1>{t('journal.title')}</h1>
      <FilterForm
        label={t('common.filters')}
        onSubmit={() => {
          setOffset(0);
          setFilter({ ...draft, account: draft.account.trim(), record: draft.record.trim() });
        }}
      >
        <DateField label={t('common.from')} value={draft.from} onChange={set('from')} error={problemAt(errs, 'from')} data-testid="journal-from" />
        <DateField label={t('common.to')} value={draft.to} onChange={set('to')} error={problemAt(errs, 'to')} data-testid="journal-to" />
        <TextField label={t('acct.account')} hint={t('acct.accountHint')} value={draft.account} onChange={(e) => set('account')(e.target.value)} error={problemAt(errs, 'account')} data-testid="journal-account" />
        <TextField label={t('journal.record')} hint={t('journal.recordHint')} inputMode="numeric" value={draft.record} onChange={(e) => set('record')(e.target.value)} error={problemAt(errs, 'record')} data-testid="journal-record" />
        <div className="filter-actions span-2">
          <button type="submit" className="btn btn-primary" data-testid="journal-search">
            {t('common.search')}
          </button>
          <DownloadButtons action={csv} formats={['csv']} testIdPrefix="journal" />
        </div>
      </FilterForm>
      <ErrorBox error={journal.error || csv.error} shown={['from', 'to', 'account', 'record'].flatMap((n) => [`/${n}`, `/querystring/${n}`])} />
      {journal.loading && !journal.data ? (
        <Loading />
      ) : (
        journal.data && (
          <>
            <Section title={t('journal.lines', { n: total })}>
              <DataGrid columns={columns} data={journal.data.items} caption={t('journal.title')} rowId={(r, i) => `${r.recordId}-${offset + i}`} testId="journal-grid" maxHeight="60vh" />
              {total > PAGE && (
                <nav className="pager" aria-label={t('common.pages')}>
                  <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} data-testid="journal-previous">
                    ← {t('common.previous')}
                  </button>
                  <span data-testid="journal-range">{t('common.range', { from: offset + 1, to: Math.min(total, offset + PAGE), total })}</span>
                  <button type="button" className="btn btn-small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)} data-testid="journal-next">
                    {t('common.next')} →
                  </button>
                </nav>
              )}
            </Section>
            <Section title={t('journal.totals')}>
              <p className="hint">{t('journal.totalsHint')}</p>
              <DataGrid
                columns={totalColumns}
                data={journal.data.totals}
                caption={t('journal.totals')}
                rowId={(r) => r.account}
                testId="journal-totals"
                footerRows={
                  journal.data.totals.length > 0 && (
                    <tr className="total">
                      <th scope="row">{t('journal.total')}</th>
                      {(['debit', 'credit', 'balance'] as const).map((k) => {
                        const sum = sumDecimals(journal.data!.totals.map((r) => r[k]));
                        return (
                          <td key={k} className="num" data-testid={`journal-total-${k}`} data-value={sum}>
                            {formatDecimal(sum, lang)}
                          </td>
                        );
                      })}
                    </tr>
                  )
                }
              />
            </Section>
          </>
        )
      )}
    </div>
  );
}

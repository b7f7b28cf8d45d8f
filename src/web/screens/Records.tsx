/** Warehouse records (Înregistrări de gestiune): search. */
import { useMemo, useState } from 'react';
import { api, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { Link, useRouter } from '../router.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { sumDecimals } from '../decimal.ts';
import { ErrorBox, Loading, SelectField, TextField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { optionsOf, useTemplates, useWarehouses } from '../lookups.ts';
import type { StockRecord } from '../types.ts';

const ORIGINS = ['manual', 'inventory', 'closing', 'offset', 'import', 'reversal'] as const;
const PAGE = 200;

export function RecordsScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  const { search, navigate } = useRouter();
  useTitle(t('rec.title'));
  const initial = {
    warehouse: search.get('warehouse') ?? '',
    template: search.get('template') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
    item: search.get('item') ?? '',
    origin: search.get('origin') ?? '',
    inventory: search.get('inventory') ?? '',
  };
  const [draft, setDraft] = useState(initial);
  const [filter, setFilter] = useState(initial);
  const [offset, setOffset] = useState(0);
  const warehouses = useWarehouses();
  const templates = useTemplates(draft.warehouse || undefined);
  const records = useLoad(() => api.get<Page<StockRecord>>('/api/records', { ...filter, limit: PAGE, offset }), [filter, offset]);
  const columns = useMemo<GridColumn<StockRecord>[]>(
    () => [
      { id: 'id', header: t('rec.id'), value: (r) => r.id, kind: 'number', cell: (r) => <Link to={`/records/${r.id}`}>#{r.id}</Link> },
      { id: 'date', header: t('common.date'), value: (r) => r.date, kind: 'date' },
      { id: 'warehouse', header: t('common.warehouse'), value: (r) => r.warehouse },
      { id: 'template', header: t('common.template'), value: (r) => r.template },
      { id: 'number', header: t('rec.number'), value: (r) => r.number, kind: 'number' },
      { id: 'document', header: t('rec.internalDocument'), value: (r) => r.internalDocument },
      { id: 'account', header: t('common.account'), value: (r) => r.account },
      { id: 'origin', header: t('rec.origin'), value: (r) => t(`rec.origin.${r.origin}` as never) },
      { id: 'lines', header: t('rec.lines'), value: (r) => r.lines?.length ?? 0, kind: 'number' },
      { id: 'amount', header: t('common.value'), value: (r) => sumDecimals((r.lines ?? []).map((l) => l.amount)), kind: 'decimal' },
    ],
    [t],
  );
  const total = records.data?.total ?? 0;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('rec.title')}</h1>
        {allowed(user, 'post') && (
          <button type="button" className="btn btn-primary" onClick={() => navigate('/records/new')}>
            + {t('rec.new')}
          </button>
        )}
      </div>
      <form noValidate
        className="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setFilter(draft);
        }}
        aria-label={t('common.filters')}
      >
        <SelectField label={t('common.warehouse')} value={draft.warehouse} onChange={(e) => setDraft({ ...draft, warehouse: e.target.value, template: '' })} options={optionsOf(warehouses, (w) => w.description)} blank={t('common.all')} />
        <SelectField label={t('common.template')} value={draft.template} onChange={(e) => setDraft({ ...draft, template: e.target.value })} options={optionsOf(templates, (x) => x.description)} blank={t('common.all')} />
        <DateField label={t('common.from')} value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} />
        <DateField label={t('common.to')} value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} />
        <TextField label={t('common.item')} value={draft.item} onChange={(e) => setDraft({ ...draft, item: e.target.value })} />
        <SelectField label={t('rec.origin')} value={draft.origin} onChange={(e) => setDraft({ ...draft, origin: e.target.value })} options={ORIGINS.map((o) => ({ value: o, label: t(`rec.origin.${o}`) }))} blank={t('common.all')} />
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.search')}
          </button>
        </div>
      </form>
      <ErrorBox error={records.error} />
      {records.loading && !records.data ? <Loading /> : <DataGrid columns={columns} data={records.data?.items ?? []} caption={t('rec.title')} rowId={(r) => String(r.id)} testId="records-grid" maxHeight="65vh" />}
      {total > PAGE && (
        <nav className="pager" aria-label={t('common.pages')}>
          <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            ← {t('common.previous')}
          </button>
          <span>{t('common.range', { from: offset + 1, to: Math.min(total, offset + PAGE), total })}</span>
          <button type="button" className="btn btn-small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            {t('common.next')} →
          </button>
        </nav>
      )}
    </div>
  );
}

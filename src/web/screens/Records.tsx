/** Warehouse records (Înregistrări de gestiune): search. */
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { Link, useRouter } from '../router.tsx';
import { useTitle } from '../hooks.ts';
import { sumDecimals } from '../decimal.ts';
import { SelectField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { type GridColumn } from '../components/DataGrid.tsx';
import { ServerGrid } from '../components/ServerGrid.tsx';
import { ItemPicker } from '../components/ItemPicker.tsx';
import { optionsOf, useTemplates, useWarehouses } from '../lookups.ts';
import type { StockRecord } from '../types.ts';

const ORIGINS = ['manual', 'inventory', 'closing', 'offset', 'import', 'reversal'] as const;
const PAGE = 50;

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
  const warehouses = useWarehouses();
  const templates = useTemplates(draft.warehouse || undefined);
  const columns = useMemo<GridColumn<StockRecord>[]>(
    () => [
      { id: 'id', header: t('rec.id'), value: (r) => r.id, kind: 'number', sortKey: 'id', cell: (r) => <Link to={`/records/${r.id}`}>#{r.id}</Link> },
      { id: 'date', header: t('common.date'), value: (r) => r.date, kind: 'date', sortKey: 'date' },
      { id: 'warehouse', header: t('common.warehouse'), value: (r) => r.warehouse, sortKey: 'warehouse' },
      { id: 'template', header: t('common.template'), value: (r) => r.template, sortKey: 'template' },
      { id: 'number', header: t('rec.number'), value: (r) => r.number, kind: 'number', sortKey: 'number' },
      { id: 'document', header: t('rec.internalDocument'), value: (r) => r.internalDocument },
      { id: 'account', header: t('common.account'), value: (r) => r.account },
      { id: 'origin', header: t('rec.origin'), value: (r) => t(`rec.origin.${r.origin}` as never), sortKey: 'origin' },
      { id: 'lines', header: t('rec.lines'), value: (r) => r.lines?.length ?? 0, kind: 'number' },
      { id: 'amount', header: t('common.value'), value: (r) => sumDecimals((r.lines ?? []).map((l) => l.amount)), kind: 'decimal', sortKey: 'value' },
    ],
    [t],
  );
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
          setFilter(draft);
        }}
        aria-label={t('common.filters')}
      >
        <SelectField label={t('common.warehouse')} value={draft.warehouse} onChange={(e) => setDraft({ ...draft, warehouse: e.target.value, template: '' })} options={optionsOf(warehouses, (w) => w.description)} blank={t('common.all')} />
        <SelectField label={t('common.template')} value={draft.template} onChange={(e) => setDraft({ ...draft, template: e.target.value })} options={optionsOf(templates, (x) => x.description)} blank={t('common.all')} />
        <DateField label={t('common.from')} value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} />
        <DateField label={t('common.to')} value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} />
        <ItemPicker label={t('common.item')} value={draft.item} onChange={(item) => setDraft({ ...draft, item })} />
        <SelectField label={t('rec.origin')} value={draft.origin} onChange={(e) => setDraft({ ...draft, origin: e.target.value })} options={ORIGINS.map((o) => ({ value: o, label: t(`rec.origin.${o}`) }))} blank={t('common.all')} />
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.search')}
          </button>
        </div>
      </form>
      <ServerGrid
        path="/api/records"
        query={filter}
        columns={columns}
        caption={t('rec.title')}
        defaultSort={{ id: 'date', desc: true }}
        pageSize={PAGE}
        rowId={(r) => String(r.id)}
        testId="records-grid"
        maxHeight="65vh"
      />
    </div>
  );
}

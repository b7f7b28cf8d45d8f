/** Warehouse history (Arhivă gestiune): the snapshots the valued inventory report saved. */
import { useMemo, useState } from 'react';
import { api, itemsOf, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { ErrorBox, Loading, SelectField, TextField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { optionsOf, useWarehouses } from '../lookups.ts';
import type { HistoryRow } from '../types.ts';

export function WarehouseHistoryScreen() {
  const { t } = useI18n();
  useTitle(t('history.warehouse'));
  const warehouses = useWarehouses();
  const [draft, setDraft] = useState({ date: '', item: '', warehouse: '' });
  const [filter, setFilter] = useState(draft);
  const rows = useLoad(() => api.get<Page<HistoryRow> | HistoryRow[]>('/api/warehouse-history', { ...filter, limit: 10000 }), [filter]);
  const columns = useMemo<GridColumn<HistoryRow>[]>(
    () => [
      { id: 'date', header: t('common.date'), value: (r) => r.date, kind: 'date' },
      { id: 'warehouse', header: t('common.warehouse'), value: (r) => r.warehouse ?? '' },
      { id: 'item', header: t('common.item'), value: (r) => r.item },
      { id: 'description', header: t('common.description'), value: (r) => r.description ?? '' },
      { id: 'managementArea', header: t('history.managementArea'), value: (r) => r.managementArea ?? '' },
      { id: 'fiscalCategory', header: t('items.fiscalCategory'), value: (r) => r.fiscalCategory ?? '' },
      { id: 'quantity', header: t('common.quantity'), value: (r) => r.quantity, kind: 'decimal' },
      { id: 'lastCost', header: t('history.lastCost'), value: (r) => r.lastCost ?? '', kind: 'decimal' },
      { id: 'averageCost', header: t('history.averageCost'), value: (r) => r.averageCost ?? '', kind: 'decimal' },
      { id: 'method', header: t('closing.method'), value: (r) => (r.method ? t(`method.${r.method}` as never) : '') },
      { id: 'unitValue', header: t('history.unitValue'), value: (r) => r.unitValue ?? r.unitCost ?? '', kind: 'decimal' },
      { id: 'value', header: t('common.value'), value: (r) => r.value, kind: 'decimal' },
    ],
    [t],
  );
  return (
    <div className="page">
      <h1>{t('history.warehouse')}</h1>
      <form noValidate
        className="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
        }}
        aria-label={t('common.filters')}
      >
        <DateField label={t('common.date')} value={draft.date} onChange={(v) => setDraft({ ...draft, date: v })} />
        <TextField label={t('common.item')} value={draft.item} onChange={(e) => setDraft({ ...draft, item: e.target.value })} />
        <SelectField label={t('common.warehouse')} value={draft.warehouse} onChange={(e) => setDraft({ ...draft, warehouse: e.target.value })} options={optionsOf(warehouses, (w) => w.description)} blank={t('common.all')} />
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.filter')}
          </button>
        </div>
      </form>
      <ErrorBox error={rows.error} />
      {rows.loading && !rows.data ? <Loading /> : <DataGrid columns={columns} data={itemsOf(rows.data)} caption={t('history.warehouse')} testId="warehouse-history-grid" maxHeight="65vh" />}
    </div>
  );
}

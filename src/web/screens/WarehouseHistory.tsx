/** Warehouse history (Arhivă gestiune): the snapshots the valued inventory report saved. */
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { useTitle } from '../hooks.ts';
import { SelectField } from '../components/ui.tsx';
import { ItemPicker } from '../components/ItemPicker.tsx';
import { ServerGrid } from '../components/ServerGrid.tsx';
import { DateField } from '../components/DateField.tsx';
import { type GridColumn } from '../components/DataGrid.tsx';
import { optionsOf, useWarehouses } from '../lookups.ts';
import type { HistoryRow } from '../types.ts';

export function WarehouseHistoryScreen() {
  const { t } = useI18n();
  useTitle(t('history.warehouse'));
  const warehouses = useWarehouses();
  const [draft, setDraft] = useState({ date: '', item: '', warehouse: '' });
  const [filter, setFilter] = useState(draft);
  const columns = useMemo<GridColumn<HistoryRow>[]>(
    () => [
      { id: 'date', header: t('common.date'), value: (r) => r.date, kind: 'date', sortKey: 'date' },
      { id: 'warehouse', header: t('common.warehouse'), value: (r) => r.warehouse ?? '', sortKey: 'warehouse' },
      { id: 'item', header: t('common.item'), value: (r) => r.item, sortKey: 'item' },
      { id: 'description', header: t('common.description'), value: (r) => r.description ?? '', sortKey: 'description' },
      { id: 'managementArea', header: t('history.managementArea'), value: (r) => r.managementArea ?? '' },
      { id: 'fiscalCategory', header: t('items.fiscalCategory'), value: (r) => r.fiscalCategory ?? '' },
      { id: 'quantity', header: t('common.quantity'), value: (r) => r.quantity, kind: 'decimal', sortKey: 'quantity' },
      { id: 'lastCost', header: t('history.lastCost'), value: (r) => r.lastCost ?? '', kind: 'decimal' },
      { id: 'averageCost', header: t('history.averageCost'), value: (r) => r.averageCost ?? '', kind: 'decimal' },
      { id: 'method', header: t('closing.method'), value: (r) => (r.method ? t(`method.${r.method}` as never) : '') },
      { id: 'unitValue', header: t('history.unitValue'), value: (r) => r.unitValue ?? r.unitCost ?? '', kind: 'decimal', sortKey: 'unitCost' },
      { id: 'value', header: t('common.value'), value: (r) => r.value, kind: 'decimal', sortKey: 'value' },
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
        <ItemPicker label={t('common.item')} value={draft.item} onChange={(item) => setDraft({ ...draft, item })} />
        <SelectField label={t('common.warehouse')} value={draft.warehouse} onChange={(e) => setDraft({ ...draft, warehouse: e.target.value })} options={optionsOf(warehouses, (w) => w.description)} blank={t('common.all')} />
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.filter')}
          </button>
        </div>
      </form>
      <ServerGrid
        path="/api/warehouse-history"
        query={filter}
        columns={columns}
        caption={t('history.warehouse')}
        defaultSort={{ id: 'date', desc: true }}
        pageSize={100}
        testId="warehouse-history-grid"
        maxHeight="65vh"
      />
    </div>
  );
}

/** Closing history (Istoric închideri): the closings and, for one, its rows, filterable by item and warehouse. */
import { useMemo, useState } from 'react';
import { api } from '../api.ts';
import { ServerGrid } from '../components/ServerGrid.tsx';
import { ItemPicker } from '../components/ItemPicker.tsx';
import { useI18n } from '../i18n.tsx';
import { Link, useRouter } from '../router.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { formatDate, formatDecimal } from '../format.ts';
import { Section, SelectField } from '../components/ui.tsx';
import type { GridColumn } from '../components/DataGrid.tsx';
import { optionsOf, useWarehouses } from '../lookups.ts';
import type { Closing, ClosingRow } from '../types.ts';

export function ClosingHistoryScreen({ id }: { id?: number }) {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  useTitle(t('history.closings'));
  const warehouses = useWarehouses();
  const [draft, setDraft] = useState({ item: '', warehouse: '' });
  const [filter, setFilter] = useState(draft);
  // the heading of the open closing's rows (one closing, by id)
  const current = useLoad(() => api.get<Closing>(`/api/closings/${id}`), [id], id !== undefined).data;

  const closingColumns = useMemo<GridColumn<Closing>[]>(
    () => [
      { id: 'closingDate', header: t('closing.date'), value: (r) => r.closingDate, kind: 'date', sortKey: 'closingDate', cell: (r) => <Link to={`/closings/${r.id}`} aria-current={r.id === id ? 'page' : undefined}>{r.closingDate}</Link> },
      { id: 'year', header: t('common.year'), value: (r) => r.year ?? Number(r.closingDate.slice(0, 4)), kind: 'number' },
      { id: 'method', header: t('closing.method'), value: (r) => (r.method ? t(`method.${r.method}` as never) : ''), sortKey: 'method' },
      { id: 'createdBy', header: t('common.createdBy'), value: (r) => r.createdBy ?? '', sortKey: 'createdBy' },
      { id: 'createdAt', header: t('common.createdAt'), value: (r) => r.createdAt ?? '', kind: 'date', sortKey: 'createdAt' },
    ],
    [t, id],
  );
  const rowColumns = useMemo<GridColumn<ClosingRow>[]>(
    () => [
      { id: 'year', header: t('common.year'), value: (r) => r.year, kind: 'number' },
      { id: 'warehouse', header: t('common.warehouse'), value: (r) => r.warehouse ?? '', sortKey: 'warehouse' },
      { id: 'item', header: t('common.item'), value: (r) => r.item, sortKey: 'item' },
      { id: 'description', header: t('common.description'), value: (r) => r.description ?? '', sortKey: 'description' },
      { id: 'quantity', header: t('common.quantity'), value: (r) => r.quantity, kind: 'decimal', sortKey: 'quantity' },
      { id: 'averageCost', header: t('history.averageCost'), value: (r) => r.averageCost, kind: 'decimal', sortKey: 'averageCost' },
      { id: 'movingAverageRate', header: t('history.movingRate'), value: (r) => r.movingAverageRate, kind: 'decimal' },
      { id: 'lastCost', header: t('history.lastCost'), value: (r) => r.lastCost, kind: 'decimal', sortKey: 'lastCost' },
      { id: 'purchasedQuantity', header: t('history.purchasedQty'), value: (r) => r.purchasedQuantity, kind: 'decimal' },
      { id: 'purchasedValue', header: t('history.purchasedValue'), value: (r) => r.purchasedValue, kind: 'decimal' },
      { id: 'fifo', header: t('history.fifoLayers'), value: (r) => r.fifoLayers?.length ?? 0, kind: 'number', compact: true },
      { id: 'lifo', header: t('history.lifoLayers'), value: (r) => r.lifoLayers?.length ?? 0, kind: 'number', compact: true },
      { id: 'value', header: t('common.value'), value: (r) => r.value, kind: 'decimal', sortKey: 'value' },
    ],
    [t, lang],
  );
  /** a row's FIFO and LIFO layers, shown when the row is opened */
  const layers = (r: ClosingRow) =>
    (r.fifoLayers?.length ?? 0) + (r.lifoLayers?.length ?? 0) === 0 ? null : (
      <div className="layers">
        {(r.fifoLayers?.length ?? 0) > 0 && (
          <table className="grid grid-compact">
            <caption>{t('history.fifoLayers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.date')}</th>
                <th scope="col" className="num">{t('common.quantity')}</th>
                <th scope="col" className="num">{t('common.unitCost')}</th>
              </tr>
            </thead>
            <tbody>
              {r.fifoLayers!.map((l, n) => (
                <tr key={n}>
                  <td>{l.date ? formatDate(l.date, lang) : ''}</td>
                  <td className="num">{formatDecimal(l.quantity, lang)}</td>
                  <td className="num">{formatDecimal(l.unitCost, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {(r.lifoLayers?.length ?? 0) > 0 && (
          <table className="grid grid-compact">
            <caption>{t('history.lifoLayers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.year')}</th>
                <th scope="col" className="num">{t('common.quantity')}</th>
                <th scope="col" className="num">{t('common.unitCost')}</th>
              </tr>
            </thead>
            <tbody>
              {r.lifoLayers!.map((l, n) => (
                <tr key={n}>
                  <td>{l.year}</td>
                  <td className="num">{formatDecimal(l.quantity, lang)}</td>
                  <td className="num">{formatDecimal(l.unitCost, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    );

  return (
    <div className="page">
      <h1>{t('history.closings')}</h1>
      <ServerGrid
        path="/api/closings"
        query={{}}
        columns={closingColumns}
        caption={t('history.closings')}
        defaultSort={{ id: 'closingDate', desc: true }}
        rowId={(r) => String(r.id)}
        rowClassName={(r) => (r.id === id ? 'row-selected' : undefined)}
        testId="closings-grid"
        maxHeight="40vh"
      />
      {id !== undefined && (
        <Section title={t('history.rowsOf', { date: current?.closingDate ?? `#${id}` })}>
          <form noValidate
            className="filters"
            onSubmit={(e) => {
              e.preventDefault();
              setFilter(draft);
            }}
            aria-label={t('common.filters')}
          >
            <ItemPicker label={t('common.item')} value={draft.item} onChange={(item) => setDraft({ ...draft, item })} />
            <SelectField label={t('common.warehouse')} value={draft.warehouse} onChange={(e) => setDraft({ ...draft, warehouse: e.target.value })} options={optionsOf(warehouses, (w) => w.description)} blank={t('common.all')} />
            <div className="filter-actions">
              <button type="submit" className="btn btn-primary">
                {t('common.filter')}
              </button>
              <button type="button" className="btn" onClick={() => navigate('/closings')}>
                {t('common.close')}
              </button>
            </div>
          </form>
          {/* sorted and paged by the server (GET /api/closings/{id}/rows?sort=…) */}
          <ServerGrid
            key={id}
            path={`/api/closings/${id}/rows`}
            query={filter}
            columns={rowColumns}
            caption={t('history.rowsOf', { date: current?.closingDate ?? `#${id}` })}
            defaultSort={{ id: 'item', desc: false }}
            rowId={(r, n) => String(r.id ?? n)}
            detail={layers}
            detailLabel={(r) => t('grid.layers', { item: r.item })}
            testId="closing-rows-grid"
            maxHeight="60vh"
          />
        </Section>
      )}
    </div>
  );
}

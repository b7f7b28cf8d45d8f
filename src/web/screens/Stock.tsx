/** Stock on hand (GET /api/stock): at a date, by warehouse and the chosen dimensions, with totals per warehouse. */
import { ItemPicker } from '../components/ItemPicker.tsx';
import { useMemo, useState } from 'react';
import { api } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { Link, useRouter } from '../router.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { sumDecimals } from '../decimal.ts';
import { formatDate, formatDecimal, todayIso } from '../format.ts';
import { CheckField, ErrorBox, FilterForm, Loading, SelectField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { optionsOf, useWarehouses } from '../lookups.ts';

export const STOCK_DIMENSIONS = ['variant', 'location', 'lot', 'serial', 'jobOrder', 'account'] as const;
type Dimension = (typeof STOCK_DIMENSIONS)[number];

export interface StockRow {
  warehouse: string;
  item: string;
  quantity: string;
  variant?: string | null;
  location?: string | null;
  lot?: string | null;
  serial?: string | null;
  jobOrder?: string | null;
  account?: string | null;
}

const DIMENSION_LABEL: Record<Dimension, MessageKey> = {
  variant: 'common.variant',
  location: 'common.location',
  lot: 'common.lot',
  serial: 'common.serial',
  jobOrder: 'common.jobOrder',
  account: 'common.account',
};

export function StockScreen() {
  const { t, lang } = useI18n();
  const { search } = useRouter();
  useTitle(t('stock.title'));
  const initial = {
    date: search.get('date') ?? todayIso(),
    warehouse: search.get('warehouse') ?? '',
    item: search.get('item') ?? '',
    by: (search.get('by') ?? '').split(',').filter((d): d is Dimension => (STOCK_DIMENSIONS as readonly string[]).includes(d)),
  };
  const [draft, setDraft] = useState(initial);
  const [filter, setFilter] = useState(initial);
  const warehouses = useWarehouses();
  const stock = useLoad(
    () => api.get<{ date: string; rows: StockRow[] }>('/api/stock', { date: filter.date, warehouse: filter.warehouse, item: filter.item.trim(), by: filter.by.join(',') }),
    [filter],
  );
  const rows = useMemo(() => stock.data?.rows ?? [], [stock.data]);
  const perWarehouse = useMemo(() => {
    const groups = new Map<string, string[]>();
    for (const r of rows) groups.set(r.warehouse, [...(groups.get(r.warehouse) ?? []), r.quantity]);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([warehouse, qs]) => ({ warehouse, quantity: sumDecimals(qs) }));
  }, [rows]);
  const total = useMemo(() => sumDecimals(rows.map((r) => r.quantity)), [rows]);
  const columns = useMemo<GridColumn<StockRow>[]>(
    () => [
      { id: 'warehouse', header: t('common.warehouse'), value: (r) => r.warehouse },
      { id: 'item', header: t('common.item'), value: (r) => r.item, cell: (r) => <Link to={`/items/${encodeURIComponent(r.item)}`}>{r.item}</Link> },
      ...filter.by.map((d): GridColumn<StockRow> => ({ id: d, header: t(DIMENSION_LABEL[d]), value: (r) => r[d] ?? '' })),
      { id: 'quantity', header: t('common.quantity'), value: (r) => r.quantity, kind: 'decimal' },
    ],
    [t, filter.by],
  );
  const span = columns.length - 1;
  const footer = (
    <>
      {perWarehouse.length > 1 &&
        perWarehouse.map((w) => (
          <tr key={w.warehouse} className="subtotal">
            <th scope="row" colSpan={span}>
              {t('stock.totalOf', { warehouse: w.warehouse })}
            </th>
            <td className="num" data-testid={`stock-total-${w.warehouse}`} data-value={w.quantity}>
              {formatDecimal(w.quantity, lang)}
            </td>
          </tr>
        ))}
      <tr className="total">
        <th scope="row" colSpan={span}>
          {perWarehouse.length === 1 ? t('stock.totalOf', { warehouse: perWarehouse[0].warehouse }) : t('stock.grandTotal')}
        </th>
        <td className="num" data-testid="stock-total" data-value={total}>
          {formatDecimal(total, lang)}
        </td>
      </tr>
    </>
  );
  return (
    <div className="page">
      <h1>{t('stock.title')}</h1>
      <FilterForm label={t('common.filters')} onSubmit={() => setFilter({ ...draft })}>
        <DateField label={t('common.date')} value={draft.date} onChange={(v) => setDraft({ ...draft, date: v })} data-testid="stock-date" />
        <SelectField label={t('common.warehouse')} value={draft.warehouse} onChange={(e) => setDraft({ ...draft, warehouse: e.target.value })} options={optionsOf(warehouses, (w) => w.description)} blank={t('common.all')} data-testid="stock-warehouse" />
        <ItemPicker label={t('common.item')} hint={t('stock.itemHint')} value={draft.item} onChange={(item) => setDraft({ ...draft, item })} testId="stock-item" />
        <fieldset className="field dims">
          <legend>{t('stock.by')}</legend>
          {STOCK_DIMENSIONS.map((d) => (
            <CheckField
              key={d}
              label={t(DIMENSION_LABEL[d])}
              checked={draft.by.includes(d)}
              onChange={(on) => setDraft({ ...draft, by: on ? STOCK_DIMENSIONS.filter((x) => x === d || draft.by.includes(x)) : draft.by.filter((x) => x !== d) })}
              data-testid={`stock-by-${d}`}
            />
          ))}
        </fieldset>
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary" data-testid="stock-search">
            {t('common.search')}
          </button>
        </div>
      </FilterForm>
      <ErrorBox error={stock.error} />
      {stock.data && <p className="muted">{formatDate(stock.data.date, lang)}</p>}
      {stock.loading && !stock.data ? (
        <Loading />
      ) : (
        <DataGrid columns={columns} data={rows} caption={t('stock.title')} rowId={(r, i) => `${r.warehouse}-${r.item}-${i}`} testId="stock-grid" maxHeight="60vh" footerRows={footer} />
      )}
    </div>
  );
}

/**
 * The item card: master data and registry costs (GET /api/items/{code}), stock
 * by warehouse (GET /api/stock?item=), the movement history with the running
 * stock per warehouse (from GET /api/records?item=, exact decimal strings) and
 * the cost layers a warehouse closing archived (GET /api/closings/{id}/rows?item=).
 */
import { ItemPicker } from '../components/ItemPicker.tsx';
import { useMemo, useState, type ReactNode } from 'react';
import { api, itemsOf, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Link, useRouter } from '../router.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { sumDecimals } from '../decimal.ts';
import { formatDate, formatDecimal } from '../format.ts';
import { ErrorBox, Loading, Notice, Section, SelectField } from '../components/ui.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import type { Closing, ClosingRow, Item, StockRecord } from '../types.ts';
import type { StockRow } from './Stock.tsx';
import { movementsOf, type Movement } from '../running-stock.ts';

const PAGE = 1000;
/** at most this many records are read for the history (the newest ones) */
const MAX_RECORDS = 10 * PAGE;

async function allRecords(item: string): Promise<{ records: StockRecord[]; total: number }> {
  const records: StockRecord[] = [];
  let total = 0;
  for (let offset = 0; offset < MAX_RECORDS; offset += PAGE) {
    const page = await api.get<Page<StockRecord>>('/api/records', { item, limit: PAGE, offset });
    records.push(...page.items);
    total = page.total;
    if (records.length >= total || page.items.length === 0) break;
  }
  return { records, total };
}

interface Layer {
  key: string;
  warehouse: string;
  kind: 'fifo' | 'lifo';
  when: string;
  quantity: string;
  unitCost: string;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function ItemCardScreen({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  useTitle(t('item.title', { code }));
  const [other, setOther] = useState(code);
  const item = useLoad(() => api.get<Item>(`/api/items/${encodeURIComponent(code)}`), [code]);
  const stock = useLoad(() => api.get<{ date: string; rows: StockRow[] }>('/api/stock', { item: code }), [code]);
  const history = useLoad(() => allRecords(code), [code]);
  const closings = useLoad(() => api.get<Page<Closing> | Closing[]>('/api/closings', { limit: 1000 }).then((a) => itemsOf(a).filter((c) => !c.restoredAt)), []);
  const [closingChoice, setClosingChoice] = useState('');
  const latestClosing = useMemo(() => [...(closings.data ?? [])].sort((a, b) => (a.closingDate < b.closingDate ? 1 : a.closingDate > b.closingDate ? -1 : b.id - a.id))[0], [closings.data]);
  const closingId = closingChoice || (latestClosing ? String(latestClosing.id) : '');
  const layers = useLoad(() => api.get<Page<ClosingRow> | ClosingRow[]>(`/api/closings/${closingId}/rows`, { item: code, limit: 1000 }).then(itemsOf), [closingId, code], !!closingId);

  const closingDates = useMemo(() => (closings.data ?? []).map((c) => c.closingDate), [closings.data]);
  // the running stock needs the closing dates (it restarts after each): shown once both are here
  const movements = useMemo(() => (closings.data || closings.error ? movementsOf(history.data?.records ?? [], code, closingDates) : []), [history.data, closings.data, closings.error, closingDates, code]);
  const stockRows = stock.data?.rows ?? [];
  const layerRows = useMemo<Layer[]>(
    () =>
      (layers.data ?? []).flatMap((row, i) => [
        ...row.fifoLayers.map((l, j): Layer => ({ key: `${i}-f${j}`, warehouse: row.warehouse ?? '', kind: 'fifo', when: l.date, quantity: l.quantity, unitCost: l.unitCost })),
        ...row.lifoLayers.map((l, j): Layer => ({ key: `${i}-l${j}`, warehouse: row.warehouse ?? '', kind: 'lifo', when: String(l.year), quantity: l.quantity, unitCost: l.unitCost })),
      ]),
    [layers.data],
  );

  const stockColumns = useMemo<GridColumn<StockRow>[]>(
    () => [
      { id: 'warehouse', header: t('common.warehouse'), value: (r) => r.warehouse },
      { id: 'quantity', header: t('common.quantity'), value: (r) => r.quantity, kind: 'decimal' },
    ],
    [t],
  );
  const movementColumns = useMemo<GridColumn<Movement>[]>(
    () => [
      { id: 'date', header: t('common.date'), value: (m) => m.date, kind: 'date' },
      { id: 'record', header: t('item.record'), value: (m) => m.recordId, kind: 'number', cell: (m) => <Link to={`/records/${m.recordId}`}>#{m.recordId}</Link> },
      { id: 'warehouse', header: t('common.warehouse'), value: (m) => m.warehouse },
      { id: 'template', header: t('common.template'), value: (m) => m.template },
      { id: 'origin', header: t('rec.origin'), value: (m) => t(`rec.origin.${m.origin}` as never) },
      { id: 'variant', header: t('common.variant'), value: (m) => m.variant },
      { id: 'location', header: t('common.location'), value: (m) => m.location },
      { id: 'lot', header: t('common.lot'), value: (m) => m.lot },
      { id: 'quantity', header: t('common.quantity'), value: (m) => m.quantity, kind: 'decimal' },
      { id: 'running', header: t('item.running'), value: (m) => m.running, kind: 'decimal' },
    ],
    [t],
  );
  const layerColumns = useMemo<GridColumn<Layer>[]>(
    () => [
      { id: 'warehouse', header: t('common.warehouse'), value: (l) => l.warehouse },
      { id: 'kind', header: t('item.layerKind'), value: (l) => t(l.kind === 'fifo' ? 'item.fifo' : 'item.lifo') },
      { id: 'when', header: `${t('common.date')} / ${t('common.year')}`, value: (l) => l.when, cell: (l) => (l.kind === 'fifo' ? formatDate(l.when, lang) : l.when) },
      { id: 'quantity', header: t('common.quantity'), value: (l) => l.quantity, kind: 'decimal' },
      { id: 'unitCost', header: t('common.unitCost'), value: (l) => l.unitCost, kind: 'decimal' },
    ],
    [t, lang],
  );

  const i = item.data;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('item.title', { code })}</h1>
        <form
          noValidate
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (other.trim()) navigate(`/items/${encodeURIComponent(other.trim())}`);
          }}
        >
          <ItemPicker label={t('common.item')} value={other} onChange={setOther} onPick={(code, via) => via === 'option' && navigate(`/items/${encodeURIComponent(code)}`)} testId="item-code" />
          <button type="submit" className="btn btn-small">
            {t('item.lookup')}
          </button>
        </form>
      </div>
      <ErrorBox error={item.error} />
      {item.loading && !i ? (
        <Loading />
      ) : (
        i && (
          <div className="cards-2">
            <Section title={t('item.master')}>
              <dl className="facts" data-testid="item-master">
                <Field label={t('common.code')}>{i.code}</Field>
                <Field label={t('common.description')}>{i.description}</Field>
                <Field label={t('common.uom')}>{i.uom}</Field>
                <Field label={t('item.itemType')}>{i.itemType ?? '—'}</Field>
                <Field label={t('item.fiscalCategory')}>{i.fiscalCategory ?? '—'}</Field>
                <Field label={t('item.merchandiseCategory')}>{i.merchandiseCategory ?? '—'}</Field>
                <Field label={t('item.fiscalInterest')}>{t(i.fiscalInterest ? 'common.yes' : 'common.no')}</Field>
                <Field label={t('item.lotManaged')}>{t(i.lotManaged ? 'common.yes' : 'common.no')}</Field>
                <Field label={t('item.serialManaged')}>{t(i.serialManaged ? 'common.yes' : 'common.no')}</Field>
                {i.variants.length > 0 && <Field label={t('item.variants')}>{i.variants.map((v) => v.code).join(', ')}</Field>}
                {i.barcodes.length > 0 && <Field label={t('item.barcodes')}>{i.barcodes.join(', ')}</Field>}
              </dl>
            </Section>
            <Section title={t('item.costs')}>
              <dl className="facts" data-testid="item-costs">
                <Field label={t('item.standardCost')}>{formatDecimal(i.standardCost, lang)}</Field>
                <Field label={t('item.averageCost')}>{formatDecimal(i.averageCost, lang)}</Field>
                <Field label={t('item.lastCost')}>{formatDecimal(i.lastCost, lang)}</Field>
                <Field label={t('item.salePrice')}>{formatDecimal(i.salePrice, lang)}</Field>
              </dl>
            </Section>
          </div>
        )
      )}
      <Section title={t('item.stockByWarehouse')} actions={<Link to={`/stock?item=${encodeURIComponent(code)}`}>{t('item.stockDetail')}</Link>}>
        <ErrorBox error={stock.error} />
        {stock.data && <p className="muted">{formatDate(stock.data.date, lang)}</p>}
        <DataGrid
          columns={stockColumns}
          data={stockRows}
          caption={t('item.stockByWarehouse')}
          rowId={(r) => r.warehouse}
          testId="item-stock"
          footerRows={
            <tr className="total">
              <th scope="row">{t('stock.total')}</th>
              <td className="num" data-value={sumDecimals(stockRows.map((r) => r.quantity))}>
                {formatDecimal(sumDecimals(stockRows.map((r) => r.quantity)), lang)}
              </td>
            </tr>
          }
        />
      </Section>
      <Section title={t('item.movements')}>
        <p className="muted">{t('item.movementsNote')}</p>
        <ErrorBox error={history.error} />
        {history.data && history.data.total > history.data.records.length && <Notice kind="warning">{t('item.truncated', { n: history.data.records.length })}</Notice>}
        {(history.loading && !history.data) || (closings.loading && !closings.data) ? <Loading /> : <DataGrid columns={movementColumns} data={movements} caption={t('item.movements')} rowId={(m) => m.key} testId="item-movements" maxHeight="60vh" />}
      </Section>
      <Section title={t('item.layers')}>
        <p className="muted">{t('item.layersNote')}</p>
        <ErrorBox error={closings.error ?? layers.error} />
        {closings.data && closings.data.length === 0 ? (
          <Notice>{t('item.noClosing')}</Notice>
        ) : (
          <>
            <SelectField
              label={t('item.layersAt')}
              value={closingId}
              onChange={(e) => setClosingChoice(e.target.value)}
              options={(closings.data ?? []).map((c) => ({ value: String(c.id), label: `#${c.id} — ${formatDate(c.closingDate, lang)}` }))}
              data-testid="item-closing"
            />
            <DataGrid columns={layerColumns} data={layerRows} caption={t('item.layers')} rowId={(l) => l.key} testId="item-layers" />
          </>
        )}
      </Section>
    </div>
  );
}

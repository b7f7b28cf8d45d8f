/** Valued quantity inventory (SPEC §8): every filter and option, group subtotals, totals, CSV/PDF, historicize. */
import { ItemPicker } from '../components/ItemPicker.tsx';
import { Fragment, useMemo, useState } from 'react';
import { api, download, type Query } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { Link } from '../router.tsx';
import { useAction, useTitle } from '../hooks.ts';
import { formatDate, formatDecimal, todayIso } from '../format.ts';
import { sumDecimals } from '../decimal.ts';
import { ActionButton, CheckField, ConfirmDialog, DownloadButtons, ErrorBox, fieldErrors, Notice, Progress, Section, SelectField, TextField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { optionsOf, useTemplates, useWarehouses } from '../lookups.ts';
import { COST_METHODS, type ValuedReport, type ValuedRow } from '../types.ts';
import { Icon } from '../components/Icon.tsx';

const DETAILS = ['variant', 'location', 'lot', 'serial', 'jobOrder', 'account'] as const;
const STOCK = ['positive', 'zero', 'negative'] as const;
type Detail = (typeof DETAILS)[number];
type StockSign = (typeof STOCK)[number];

interface Params {
  date: string;
  method: string;
  groupBy: 'item' | 'warehouse';
  detail: Detail[];
  warehouse: string;
  template: string;
  itemFrom: string;
  itemTo: string;
  itemType: string;
  fiscalCategory: string;
  merchandiseCategory: string;
  stock: StockSign[];
  sort: 'item' | 'description' | 'merchandiseCategory';
  historyDate: string;
}

const DEFAULTS: Params = {
  date: todayIso(),
  method: 'average',
  groupBy: 'item',
  detail: [],
  warehouse: '',
  template: '',
  itemFrom: '',
  itemTo: '',
  itemType: '',
  fiscalCategory: '',
  merchandiseCategory: '',
  stock: ['positive', 'negative'],
  sort: 'item',
  historyDate: todayIso(),
};

function toQuery(p: Params): Query {
  return {
    date: p.date,
    method: p.method,
    groupBy: p.groupBy,
    detail: p.detail.join(','),
    warehouse: p.warehouse,
    template: p.template,
    itemFrom: p.itemFrom,
    itemTo: p.itemTo,
    itemType: p.itemType,
    fiscalCategory: p.fiscalCategory,
    merchandiseCategory: p.merchandiseCategory,
    stock: p.stock.join(','),
    sort: p.sort,
    historyDate: p.method === 'history' ? p.historyDate : undefined,
  };
}

interface Group {
  key: string;
  label: string;
  rows: ValuedRow[];
}

export function ValuedInventoryScreen() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  useTitle(t('valued.title'));
  const warehouses = useWarehouses();
  const [p, setP] = useState<Params>(DEFAULTS);
  const templates = useTemplates(p.warehouse || undefined);
  const [report, setReport] = useState<{ data: ValuedReport; params: Params } | undefined>();
  const [historicized, setHistoricized] = useState('');
  const [confirmHist, setConfirmHist] = useState(false);

  const run = useAction(async () => {
    setHistoricized('');
    const data = await api.get<ValuedReport>('/api/reports/valued-inventory', { ...toQuery(p), format: 'json' });
    setReport({ data, params: p });
  });
  const file = useAction((format: 'csv' | 'xlsx' | 'pdf') => download('/api/reports/valued-inventory', { ...toQuery(p), format }, `valued-inventory-${p.date}.${format}`));
  const hist = useAction(async () => {
    const data = await api.get<ValuedReport>('/api/reports/valued-inventory', { ...toQuery(p), format: 'json', historicize: 'true', historyDate: p.historyDate || p.date });
    setReport({ data, params: p });
    setConfirmHist(false);
    setHistoricized(t('valued.historicized', { date: formatDate(p.historyDate || p.date, lang), n: data.rows.length }));
  });
  const errs = fieldErrors(run.error || hist.error);

  const toggle = <T,>(list: T[], v: T, on: boolean) => (on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v));

  // groups: by warehouse when grouped so; else by item when details split an item into several rows
  const groups = useMemo<Group[]>(() => {
    if (!report) return [];
    const rows = report.data.rows;
    const by = report.params.groupBy === 'warehouse' ? (r: ValuedRow) => r.warehouse ?? '' : report.params.detail.length ? (r: ValuedRow) => r.item : undefined;
    if (!by) return [{ key: '', label: '', rows }];
    const out: Group[] = [];
    for (const r of rows) {
      const key = by(r);
      const last = out[out.length - 1];
      if (last && last.key === key) last.rows.push(r);
      else out.push({ key, label: report.params.groupBy === 'warehouse' ? `${t('common.warehouse')} ${key}` : `${key} — ${r.description}`, rows: [r] });
    }
    return out;
  }, [report, t]);

  const shown = report?.params ?? p;
  const dims = shown.detail;
  const cols = 5 + dims.length + (shown.groupBy === 'warehouse' ? 1 : 0);

  return (
    <div className="page">
      <h1>{t('valued.title')}</h1>
      <form noValidate
        className="card form-grid form-grid-4"
        onSubmit={(e) => {
          e.preventDefault();
          void run.run();
        }}
        aria-label={t('valued.params')}
      >
        <DateField label={t('valued.date')} required value={p.date} onChange={(v) => setP({ ...p, date: v })} error={errs['/date'] ?? errs['/querystring/date']} />
        <SelectField label={t('closing.method')} value={p.method} onChange={(e) => setP({ ...p, method: e.target.value })} options={COST_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} error={errs['/method']} data-testid="valued-method" />
        {p.method === 'history' && <DateField label={t('valued.historyDate')} value={p.historyDate} onChange={(v) => setP({ ...p, historyDate: v })} />}
        <SelectField
          label={t('valued.groupBy')}
          value={p.groupBy}
          onChange={(e) => setP({ ...p, groupBy: e.target.value as Params['groupBy'] })}
          options={[
            { value: 'item', label: t('valued.byItem') },
            { value: 'warehouse', label: t('valued.byWarehouse') },
          ]}
        />
        <SelectField
          label={t('valued.sort')}
          value={p.sort}
          onChange={(e) => setP({ ...p, sort: e.target.value as Params['sort'] })}
          options={[
            { value: 'item', label: t('common.item') },
            { value: 'description', label: t('common.description') },
            { value: 'merchandiseCategory', label: t('items.merchandiseCategory') },
          ]}
        />
        <SelectField label={t('common.warehouse')} value={p.warehouse} onChange={(e) => setP({ ...p, warehouse: e.target.value, template: '' })} options={optionsOf(warehouses, (w) => w.description)} blank={t('common.all')} />
        <SelectField label={t('common.template')} value={p.template} onChange={(e) => setP({ ...p, template: e.target.value })} options={optionsOf(templates, (x) => x.description)} blank={p.warehouse ? t('common.all') : t('valued.pickWarehouse')} disabled={!p.warehouse} />
        <ItemPicker label={t('valued.itemFrom')} value={p.itemFrom} onChange={(itemFrom) => setP({ ...p, itemFrom })} />
        <ItemPicker label={t('valued.itemTo')} value={p.itemTo} onChange={(itemTo) => setP({ ...p, itemTo })} />
        <TextField label={t('items.itemType')} value={p.itemType} onChange={(e) => setP({ ...p, itemType: e.target.value })} />
        <TextField label={t('items.fiscalCategory')} value={p.fiscalCategory} onChange={(e) => setP({ ...p, fiscalCategory: e.target.value })} />
        <TextField label={t('items.merchandiseCategory')} value={p.merchandiseCategory} onChange={(e) => setP({ ...p, merchandiseCategory: e.target.value })} />
        <fieldset className="checks span-2">
          <legend>{t('valued.detail')}</legend>
          {DETAILS.map((d) => (
            <CheckField key={d} label={t(`common.${d}`)} checked={p.detail.includes(d)} onChange={(on) => setP({ ...p, detail: toggle(p.detail, d, on) })} />
          ))}
        </fieldset>
        <fieldset className="checks span-2">
          <legend>{t('valued.stock')}</legend>
          {STOCK.map((s) => (
            <CheckField key={s} label={t(`valued.stock.${s}`)} checked={p.stock.includes(s)} onChange={(on) => setP({ ...p, stock: toggle(p.stock, s, on) })} />
          ))}
        </fieldset>
        <div className="form-actions span-all">
          <ActionButton action={run} type="submit" testId="valued-run" busyLabel={t('valued.running')}>
            {t('valued.run')}
          </ActionButton>
          <DownloadButtons action={file} formats={['csv', 'xlsx', 'pdf']} testIdPrefix="valued" />
          {allowed(user, 'close') && (
            <ActionButton action={hist} className="btn" onClick={() => setConfirmHist(true)} testId="valued-historicize">
              <Icon name="archive" /> {t('valued.historicize')}
            </ActionButton>
          )}
        </div>
      </form>
      <Progress busy={run.busy} elapsed={run.elapsed} label={t('valued.running')} />
      <Progress busy={file.busy} elapsed={file.elapsed} label={t('valued.exporting')} />
      <ErrorBox error={run.error || file.error || hist.error} shown={Object.keys(errs)} />
      {historicized && (
        <Notice kind="success">
          {historicized} <Link to="/warehouse-history">{t('home.warehouseHistory')}</Link>
        </Notice>
      )}
      {report && (
        <Section title={t('valued.result', { date: formatDate(report.data.date, lang), method: t(`method.${report.data.method}` as never) })}>
          <div className="grid-wrap" style={{ maxHeight: '70vh' }} tabIndex={0} role="region" aria-label={t('valued.title')}>
            <table className="grid" data-testid="valued-grid">
              <caption className="sr-only">{t('valued.title')}</caption>
              <thead>
                <tr>
                  {shown.groupBy === 'warehouse' && <th scope="col">{t('common.warehouse')}</th>}
                  <th scope="col">{t('common.item')}</th>
                  <th scope="col">{t('common.description')}</th>
                  <th scope="col" className="compact">
                    {t('common.uom')}
                  </th>
                  {dims.map((d) => (
                    <th scope="col" key={d}>
                      {t(`common.${d}`)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('common.quantity')}
                  </th>
                  <th scope="col" className="num">
                    {t('common.unitCost')}
                  </th>
                  <th scope="col" className="num">
                    {t('common.value')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <Fragment key={g.key}>
                    {g.key && g.rows.length > 0 && (shown.groupBy === 'warehouse' || g.rows.length > 1) && (
                      <tr className="group-head">
                        <th scope="rowgroup" colSpan={cols + 1}>
                          {g.label}
                        </th>
                      </tr>
                    )}
                    {g.rows.map((r, i) => (
                      <tr key={i}>
                        {shown.groupBy === 'warehouse' && <td>{r.warehouse}</td>}
                        <td>{r.item}</td>
                        <td>{r.description}</td>
                        <td className="compact" data-col="uom">
                          {r.uom ?? ''}
                        </td>
                        {dims.map((d) => (
                          <td key={d}>{r[d] ?? ''}</td>
                        ))}
                        <td className="num" data-value={r.quantity}>
                          {formatDecimal(r.quantity, lang)}
                        </td>
                        <td className="num">{formatDecimal(r.unitCost, lang)}</td>
                        <td className="num" data-value={r.value}>
                          {formatDecimal(r.value, lang)}
                        </td>
                      </tr>
                    ))}
                    {g.key && (shown.groupBy === 'warehouse' || g.rows.length > 1) && (
                      <tr className="subtotal">
                        <th scope="row" colSpan={cols - 2}>
                          {t('valued.subtotal', { group: g.label })}
                        </th>
                        <td className="num">{formatDecimal(sumDecimals(g.rows.map((r) => r.quantity)), lang)}</td>
                        <td />
                        <td className="num" data-value={sumDecimals(g.rows.map((r) => r.value))}>
                          {formatDecimal(sumDecimals(g.rows.map((r) => r.value)), lang)}
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
                {report.data.rows.length === 0 && (
                  <tr>
                    <td colSpan={cols + 1} className="empty">
                      {t('common.noRows')}
                    </td>
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr className="total">
                  <th scope="row" colSpan={cols - 2}>
                    {t('valued.total', { n: report.data.rows.length })}
                  </th>
                  <td className="num" data-testid="valued-total-quantity" data-value={report.data.totals.quantity}>
                    {formatDecimal(report.data.totals.quantity, lang)}
                  </td>
                  <td />
                  <td className="num" data-testid="valued-total-value" data-value={report.data.totals.value}>
                    {formatDecimal(report.data.totals.value, lang)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </Section>
      )}
      <ConfirmDialog open={confirmHist} title={t('valued.historicize')} confirmLabel={t('valued.historicize')} busy={hist.busy} onCancel={() => setConfirmHist(false)} onConfirm={() => void hist.run()}>
        <p>{t('valued.historicizeText')}</p>
        <DateField label={t('valued.historyDate')} value={p.historyDate} onChange={(v) => setP({ ...p, historyDate: v })} />
      </ConfirmDialog>
    </div>
  );
}

/**
 * The home dashboard (issue 15 point 6, issue 16 point 6) for the roles that
 * read (never a counter): open inventories with counting progress per list,
 * the differences so far, the last closing and the open period
 * (GET /api/dashboard), and four charts: the ten largest differences, stock
 * value by warehouse at month ends (GET /api/dashboard/stock-value), the
 * value by every cost method (GET /api/dashboard/cost-methods) and count
 * accuracy over time. Each part loads on its own, so the figures show while
 * the valuations are computed. The charts' routes never value in the request:
 * while one answers `pending: true` (its valuations still running in the
 * server's background) the chart shows its "computing…" state and asks again
 * every POLL_MS until `pending` is false.
 *
 * Every number and date a person reads is formatted by the locale layer from
 * the API's exact decimal strings; the charts plot Number() of them (drawing
 * only: no sum or rounding is made of them).
 */
import { useEffect, useMemo } from 'react';
import { api } from '../api.ts';
import { useI18n, type Lang, type Translate } from '../i18n.tsx';
import { useLoad, type Loaded } from '../hooks.ts';
import { formatDate, formatDecimal, formatRatioPercent, isNegative } from '../format.ts';
import { Link } from '../router.tsx';
import { isCostMethod } from '../../valuation/cost-method-names.ts';
import { Chart, type ChartOption } from './Chart.tsx';
import { ErrorBox, Loading, Section, Badge } from './ui.tsx';
import type { AccuracyPoint, CostMethodComparison as CostMethodsView, DashboardView, LargestDifference, StockValueView } from '../../reports/dashboard-view.ts';

const POSITIVE = '#2e7d32';
const NEGATIVE = '#c62828';

/** An axis tick (a plotted number) in the language's figures. */
const tick = (lang: Lang) => (v: number) => formatDecimal(String(Math.round(v * 100) / 100), lang);
const money = (value: string, lang: Lang) => formatDecimal(value, lang);
const methodLabel = (t: Translate, method: string) => (isCostMethod(method) ? t(`method.${method}`) : method);

/** How often a chart whose valuations are still running asks again. */
const POLL_MS = 3000;

/** Asks again every POLL_MS while the answer says `pending` (stops on an error or once complete). */
function usePollWhilePending<T extends { pending: boolean }>(loaded: Loaded<T>): void {
  const pending = loaded.data?.pending === true;
  const { loading, error, reload } = loaded;
  useEffect(() => {
    if (!pending || loading || error) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, loading, error, reload]);
}

/** The state of a chart whose valuations the server is still computing. */
function Computing({ testId }: { testId: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" data-testid={testId}>
      <span className="spinner" aria-hidden="true" /> {t('dash.loading')}
    </p>
  );
}

export function Dashboard() {
  const { t, lang } = useI18n();
  const summary = useLoad(() => api.get<DashboardView>('/api/dashboard'), []);
  const stock = useLoad(() => api.get<StockValueView>('/api/dashboard/stock-value'), []);
  const methods = useLoad(() => api.get<CostMethodsView>('/api/dashboard/cost-methods'), []);
  usePollWhilePending(stock);
  usePollWhilePending(methods);
  const d = summary.data;
  return (
    <section aria-labelledby="dashboard-title" data-testid="dashboard">
      <h2 id="dashboard-title" className="section-title">
        {t('dash.title')}
        {d && <span className="muted"> · {t('dash.asOf', { date: formatDate(d.date, lang) })}</span>}
      </h2>
      {summary.error ? <ErrorBox error={summary.error} /> : null}
      {!d && !summary.error && <Loading />}
      {d && (
        <div className="dashboard-grid">
          <OpenInventories d={d} />
          <Section title={t('dash.differences')}>
            <dl className="dashboard-figures" data-testid="dashboard-differences">
              <div>
                <dt>{t('dash.surplus')}</dt>
                <dd>{money(d.differences.surplusValue, lang)}</dd>
              </div>
              <div>
                <dt>{t('dash.shortage')}</dt>
                <dd>{money(d.differences.shortageValue, lang)}</dd>
              </div>
              <div>
                <dt>{t('dash.net')}</dt>
                <dd className={isNegative(d.differences.netValue) ? 'negative' : undefined}>{money(d.differences.netValue, lang)}</dd>
              </div>
            </dl>
            <h3 className="section-title">{t('dash.closing')}</h3>
            <dl className="dashboard-figures" data-testid="dashboard-closing">
              <div>
                <dt>{t('dash.lastClosing')}</dt>
                <dd>{d.lastClosing ? formatDate(d.lastClosing.closingDate, lang) : t('dash.noClosing')}</dd>
              </div>
              {d.lastClosing && (
                <div>
                  <dt>{t('dash.closingMethod')}</dt>
                  <dd>{methodLabel(t, d.lastClosing.method)}</dd>
                </div>
              )}
              <div>
                <dt>{d.period ? t('dash.period', { year: d.period.year }) : t('dash.noPeriod')}</dt>
                <dd>{d.period ? `${formatDate(d.period.periodStart, lang)} – ${formatDate(d.period.periodEnd, lang)}` : '—'}</dd>
              </div>
            </dl>
          </Section>
          <LargestDifferences rows={d.largestDifferences} />
          <StockValue loaded={stock} />
          <CostMethods loaded={methods} />
          <Accuracy points={d.accuracy} />
        </div>
      )}
    </section>
  );
}

function OpenInventories({ d }: { d: DashboardView }) {
  const { t, lang } = useI18n();
  return (
    <Section title={t('dash.open')}>
      <div data-testid="dashboard-open">
        {d.openInventories.length === 0 && <p className="muted">{t('dash.openNone')}</p>}
        {d.openInventories.map((inv) => (
          <article key={inv.id} className="dashboard-inventory">
            <h3>
              <Link to={`/inventories/${inv.id}`}>{t('dash.inventory', { label: inv.inventory, date: formatDate(inv.date, lang) })}</Link>
              {inv.description ? <span className="muted"> · {inv.description}</span> : null}
            </h3>
            {inv.differences && (
              <p>
                {t('dash.surplus')} {money(inv.differences.surplusValue, lang)} · {t('dash.shortage')} {money(inv.differences.shortageValue, lang)} · {t('dash.net')}{' '}
                <strong>{money(inv.differences.netValue, lang)}</strong>
                {inv.differences.overTolerance > 0 && (
                  <>
                    {' '}
                    <Badge kind="warn">{t('dash.overTolerance', { count: inv.differences.overTolerance })}</Badge>
                  </>
                )}
              </p>
            )}
            {inv.problem && <p className="negative">{inv.problem.message}</p>}
            <ul className="dashboard-lists">
              {inv.lists.map((l) => (
                <li key={l.id}>
                  <span>
                    {t('dash.list', { id: l.id, warehouse: l.warehouse, employee: l.employeeName })}
                    {l.recount && (
                      <>
                        {' '}
                        <Badge kind="info">{t('dash.recount')}</Badge>
                      </>
                    )}
                  </span>
                  <progress max={Math.max(l.expected, l.counted, 1)} value={l.counted} aria-label={t('dash.progressLabel', { id: l.id })} />
                  <span className="muted">{t('dash.progress', { counted: formatDecimal(String(l.counted), lang), expected: formatDecimal(String(l.expected), lang) })}</span>
                </li>
              ))}
            </ul>
          </article>
        ))}
        {d.openInventoriesTotal > d.openInventories.length && <p className="dashboard-note">{t('dash.openMore', { shown: d.openInventories.length, total: d.openInventoriesTotal })}</p>}
      </div>
    </Section>
  );
}

function LargestDifferences({ rows }: { rows: LargestDifference[] }) {
  const { t, lang } = useI18n();
  const option = useMemo<ChartOption>(() => {
    // the largest on top: a category axis draws its first entry at the bottom
    const shown = [...rows].reverse();
    const name = (r: LargestDifference) => [r.item, r.variant, r.lot, r.location].filter(Boolean).join(' · ') + ` (${r.warehouse})`;
    return {
      grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        renderMode: 'richText',
        formatter: (p: { dataIndex: number }) => {
          const r = shown[p.dataIndex];
          return `${r.item} — ${r.description}\n${r.inventory} · ${r.warehouse}\n${formatDecimal(r.difference, lang)} ${r.uom} · ${money(r.value, lang)}`;
        },
      },
      xAxis: { type: 'value', axisLabel: { formatter: tick(lang) } },
      yAxis: { type: 'category', data: shown.map(name) },
      series: [
        {
          type: 'bar',
          name: t('dash.value'),
          barMaxWidth: 28,
          data: shown.map((r) => ({ value: Number(r.value), itemStyle: { color: isNegative(r.value) ? NEGATIVE : POSITIVE } })),
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => money(shown[p.dataIndex].value, lang) },
        },
      ],
    };
  }, [rows, t, lang]);
  return (
    <Section title={t('dash.largest')}>
      {rows.length === 0 ? (
        <p className="muted">{t('dash.largestNone')}</p>
      ) : (
        <Chart option={option} label={t('dash.largest')} testId="chart-largest" points={rows.length} tall />
      )}
    </Section>
  );
}

function StockValue({ loaded }: { loaded: { data?: StockValueView; error: unknown } }) {
  const { t, lang } = useI18n();
  const v = loaded.data;
  const option = useMemo<ChartOption | undefined>(() => {
    if (!v) return undefined;
    const dates = v.months.map((m) => formatDate(m.date, lang));
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        renderMode: 'richText',
        formatter: (ps: { dataIndex: number }[]) => {
          const m = v.months[ps[0]?.dataIndex ?? 0];
          return [formatDate(m.date, lang), ...m.values.map((x) => `${x.warehouse}: ${money(x.value, lang)}`), `${t('dash.total')}: ${money(m.total, lang)}`].join('\n');
        },
      },
      xAxis: { type: 'category', data: dates, axisLabel: { rotate: 45 } },
      yAxis: { type: 'value', axisLabel: { formatter: tick(lang) } },
      series: v.warehouses.map((w) => ({
        type: 'bar',
        stack: 'value',
        name: `${w.code} · ${w.description}`,
        data: v.months.map((m) => Number(m.values.find((x) => x.warehouse === w.code)?.value ?? '0')),
      })),
    };
  }, [v, t, lang]);
  return (
    <Section title={t('dash.stockValue')}>
      {loaded.error ? <ErrorBox error={loaded.error} /> : null}
      {!v && !loaded.error && <Loading />}
      {v?.pending && <Computing testId="chart-stock-value-pending" />}
      {v && !v.pending && option && (
        <>
          <Chart option={option} label={t('dash.stockValue')} testId="chart-stock-value" points={v.warehouses.length * v.months.length} />
          <p className="dashboard-note">{t('dash.stockValueNote')}</p>
        </>
      )}
    </Section>
  );
}

function CostMethods({ loaded }: { loaded: { data?: CostMethodsView; error: unknown } }) {
  const { t, lang } = useI18n();
  const v = loaded.data;
  const option = useMemo<ChartOption | undefined>(() => {
    if (!v) return undefined;
    const shown = [...v.methods].reverse();
    return {
      grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        renderMode: 'richText',
        formatter: (p: { dataIndex: number }) => `${methodLabel(t, shown[p.dataIndex].method)}: ${money(shown[p.dataIndex].value, lang)}`,
      },
      xAxis: { type: 'value', axisLabel: { formatter: tick(lang) } },
      yAxis: { type: 'category', data: shown.map((m) => methodLabel(t, m.method)) },
      series: [
        {
          type: 'bar',
          name: t('dash.value'),
          barMaxWidth: 28,
          data: shown.map((m) => Number(m.value)),
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => money(shown[p.dataIndex].value, lang) },
        },
      ],
    };
  }, [v, t, lang]);
  const title = v ? t('dash.methods', { date: formatDate(v.date, lang) }) : t('dash.methods', { date: '' });
  return (
    <Section title={title}>
      {loaded.error ? <ErrorBox error={loaded.error} /> : null}
      {!v && !loaded.error && <Loading />}
      {v?.pending && <Computing testId="chart-cost-methods-pending" />}
      {v && !v.pending && option && <Chart option={option} label={title} testId="chart-cost-methods" points={v.methods.length} tall />}
    </Section>
  );
}

function Accuracy({ points }: { points: AccuracyPoint[] }) {
  const { t, lang } = useI18n();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        renderMode: 'richText',
        formatter: (ps: { dataIndex: number }[]) => {
          const p = points[ps[0]?.dataIndex ?? 0];
          return `${p.inventory} · ${formatDate(p.date, lang)}\n${t('dash.countAccuracy')}: ${formatRatioPercent(p.countAccuracy, lang)}\n${t('dash.valueAccuracy')}: ${formatRatioPercent(p.valueAccuracy, lang)}`;
        },
      },
      xAxis: { type: 'category', data: points.map((p) => `${p.inventory}\n${formatDate(p.date, lang)}`) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${tick(lang)(v)} %` } },
      series: [
        { type: 'line', name: t('dash.countAccuracy'), data: points.map((p) => Number(p.countAccuracy) * 100) },
        { type: 'line', name: t('dash.valueAccuracy'), data: points.map((p) => Number(p.valueAccuracy) * 100) },
      ],
    }),
    [points, t, lang],
  );
  return (
    <Section title={t('dash.accuracy')}>
      {points.length === 0 ? <p className="muted">{t('dash.accuracyNone')}</p> : <Chart option={option} label={t('dash.accuracy')} testId="chart-accuracy" points={points.length * 2} />}
    </Section>
  );
}

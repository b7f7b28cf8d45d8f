/** Stock differences (SPEC §5): preview counted vs book for an open inventory, then post the records. */
import { useMemo, useState } from 'react';
import { api, download, itemsOf, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { allowed, mayApprove, useSession } from '../session.tsx';
import { Link, useRouter } from '../router.tsx';
import { useAction, useLoad, useTitle } from '../hooks.ts';
import { formatDate, formatDecimal, isNegative, isNonZero, todayIso } from '../format.ts';
import { subtractDecimals } from '../decimal.ts';
import { ActionButton, Badge, CheckField, ConfirmDialog, ErrorBox, fieldErrors, Notice, Progress, Section, SelectField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import type { CompensationGroup, DifferenceRow, Differences, Inventory, StockRecord } from '../types.ts';
import { Icon } from '../components/Icon.tsx';
import { DecisionControl, DecisionView, KeyCounts, ToleranceBadge, useReasonCodes } from '../components/DifferenceDecision.tsx';
import { AccuracyFigures, RecountPanel } from '../components/RecountPanel.tsx';

export function DifferencesScreen() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const { search } = useRouter();
  useTitle(t('diff.title'));
  const inventories = useLoad(() => api.get<Page<Inventory>>('/api/inventories', { closed: 'false', limit: 1000 }), []);
  const open = itemsOf(inventories.data).filter((i) => !i.closed);
  const [inventoryId, setInventoryId] = useState(search.get('inventory') ?? '');
  const [processingDate, setProcessingDate] = useState(todayIso());
  const [asOf, setAsOf] = useState(false);
  const [stockDate, setStockDate] = useState(todayIso());
  const [postingDate, setPostingDate] = useState(todayIso());
  const [zeroUncounted, setZeroUncounted] = useState(false);
  const [onlyDiff, setOnlyDiff] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [posted, setPosted] = useState<StockRecord[] | undefined>();
  const [decided, setDecided] = useState<string | undefined>();

  const query = () => ({ processingDate, stockDate: asOf ? stockDate : undefined, zeroUncounted: zeroUncounted || undefined });
  const preview = useAction(async () => {
    setPosted(undefined);
    return api.get<Differences>(`/api/inventories/${inventoryId}/differences`, query());
  });
  const [result, setResult] = useState<{ data: Differences; inventoryId: string; version: number } | undefined>();
  const runPreview = async () => {
    const data = await preview.run();
    if (data) setResult({ data, inventoryId, version: (result?.version ?? 0) + 1 });
  };
  const post = useAction(async () => {
    setDecided(undefined);
    const answer = await api.post<{ records: StockRecord[] }>(`/api/inventories/${inventoryId}/differences`, {
      processingDate,
      stockDate: asOf ? stockDate : undefined,
      postingDate,
      zeroUncounted,
    });
    setConfirm(false);
    setPosted(answer.records ?? []);
    inventories.reload();
  });
  const report = useAction((format: 'pdf' | 'csv') => download(`/api/inventories/${inventoryId}/differences/report`, { ...query(), format }, `differences-${inventoryId}.${format}`));
  const errs = fieldErrors(preview.error || post.error);

  const rows = useMemo(() => (result?.data.rows ?? []).filter((r) => !onlyDiff || isNonZero(r.difference)), [result, onlyDiff]);
  const moved = (result?.data.rows ?? []).filter((r) => r.movedDuringCount).length;
  // the dimensions nobody counted by (no variants, no job orders...) take no room
  const used = useMemo(() => {
    const all = result?.data.rows ?? [];
    return (k: keyof DifferenceRow) => all.some((r) => r[k] !== undefined && r[k] !== null && r[k] !== '');
  }, [result]);
  const columns = useMemo<GridColumn<DifferenceRow>[]>(
    () => (
      [
      { id: 'warehouse', header: t('common.warehouse'), value: (r) => r.warehouse, compact: true },
      { id: 'item', header: t('common.item'), value: (r) => r.item, compact: true },
      { id: 'description', header: t('common.description'), value: (r) => r.description ?? '' },
      { id: 'variant', header: t('common.variant'), value: (r) => r.variant ?? '' },
      { id: 'lot', header: t('common.lot'), value: (r) => r.lot ?? '' },
      { id: 'serial', header: t('common.serial'), value: (r) => r.serial ?? '' },
      { id: 'location', header: t('common.location'), value: (r) => r.location ?? '' },
      { id: 'jobOrder', header: t('common.jobOrder'), value: (r) => r.jobOrder ?? '' },
      { id: 'account', header: t('common.account'), value: (r) => r.account ?? '' },
      { id: 'counted', header: t('diff.counted'), value: (r) => r.counted, kind: 'decimal' },
      { id: 'book', header: t('diff.book'), value: (r) => r.book, kind: 'decimal' },
      {
        id: 'difference',
        header: t('diff.difference'),
        value: (r) => r.difference,
        kind: 'decimal',
        cell: (r) => <span className={isNegative(r.difference) ? 'neg' : isNonZero(r.difference) ? 'pos' : 'muted'}>{formatDecimal(r.difference, lang)}</span>,
      },
      { id: 'template', header: t('common.template'), value: (r) => r.template ?? '' },
      { id: 'unitCost', header: t('common.unitCost'), value: (r) => r.unitCost ?? '', kind: 'decimal' },
      { id: 'value', header: t('common.value'), value: (r) => r.value ?? '', kind: 'decimal' },
      { id: 'moved', header: t('diff.moved'), value: (r) => !!r.movedDuringCount, cell: (r) => (r.movedDuringCount ? <Badge kind="warn"><Icon name="alert" size="0.9em" /> {t('diff.movedShort')}</Badge> : '') },
      ] satisfies GridColumn<DifferenceRow>[] as GridColumn<DifferenceRow>[]
    ).filter((c) => !['variant', 'lot', 'serial', 'location', 'jobOrder', 'account'].includes(c.id) || used(c.id as keyof DifferenceRow)),
    [t, lang, used],
  );

  const allRows = result?.data.rows ?? [];
  const reasons = useReasonCodes(allRows.map((r) => r.warehouse));
  const approver = mayApprove(user);
  const over = allRows.filter((r) => r.overTolerance);
  const firstCounters = [...new Set(over.map((r) => r.counts?.[0]?.employee).filter((e): e is string => !!e))];
  const onDecided = (item: string) => {
    setDecided(item);
    void runPreview();
  };
  const controlColumns = useMemo<GridColumn<DifferenceRow>[]>(() => {
    if (!result) return [];
    const rows = result.data.rows;
    const cols: GridColumn<DifferenceRow>[] = [];
    if (rows.some((r) => r.overTolerance !== undefined))
      cols.push({ id: 'tolerance', header: t('cc.tolerance'), value: (r) => !!r.overTolerance, cell: (r) => <ToleranceBadge row={r} /> });
    if (rows.some((r) => (r.counts?.length ?? 0) > 0)) cols.push({ id: 'counts', header: t('cc.counts'), value: (r) => r.counts?.length ?? 0, cell: (r) => <KeyCounts row={r} /> });
    if (rows.some((r) => r.overTolerance || r.reason || r.decision)) {
      cols.push({ id: 'decision', header: `${t('cc.decision')} / ${t('cc.reason')}`, value: (r) => `${r.decision ?? ''} ${r.reason ?? ''}`, cell: (r) => <DecisionView row={r} reasons={reasons} /> });
      if (approver && result.inventoryId === inventoryId)
        cols.push({
          id: 'decide',
          header: t('common.actions'),
          value: () => '',
          sortable: false,
          cell: (r) => (r.overTolerance ? <DecisionControl key={`${r.reason ?? ''}-${r.decision ?? ''}`} inventoryId={result.inventoryId} row={r} reasons={reasons.get(r.warehouse) ?? []} onDecided={onDecided} /> : null),
        });
    }
    return cols;
    // onDecided re-runs the preview with the current parameters
  }, [result, t, reasons, approver, inventoryId]);
  // the badge beside the difference, every count beside the counted quantity, the decision at the end
  const gridColumns = useMemo(() => {
    const extra = new Map(controlColumns.map((c) => [c.id, c]));
    const out: GridColumn<DifferenceRow>[] = [];
    for (const c of columns) {
      out.push(c);
      if (c.id === 'counted' && extra.has('counts')) out.push(extra.get('counts')!);
      if (c.id === 'difference' && extra.has('tolerance')) out.push(extra.get('tolerance')!);
    }
    // SPEC §12: compensated, allowed-loss and imputable parts and the part posted as a plain difference, after the value, when the yearly rules apply
    const yearly: GridColumn<DifferenceRow>[] = result?.data.groups
      ? [
          { id: 'confusionGroup', header: t('diff.group'), value: (r) => r.confusionGroup ?? '' },
          ...(['compensated', 'allowedLoss', 'imputable', 'postedDifference'] as const).map(
            (k): GridColumn<DifferenceRow> => ({
              id: k,
              header: t(`diff.${k}`),
              value: (r) => r[k] ?? '',
              kind: 'decimal',
              cell: (r) => (isNonZero(r[k] ?? '0') ? <span data-value={r[`${k}Value`]}>{formatDecimal(r[k], lang)} ({formatDecimal(r[`${k}Value`], lang)})</span> : <span className="muted">—</span>),
            }),
          ),
        ]
      : [];
    const at = out.findIndex((c) => c.id === 'value') + 1;
    out.splice(at, 0, ...yearly);
    return [...out, ...controlColumns.filter((c) => c.id === 'decision' || c.id === 'decide')];
  }, [columns, controlColumns, result, t, lang]);

  const totals = result?.data.totals;
  const groupColumns = useMemo<GridColumn<CompensationGroup>[]>(
    () => [
      { id: 'warehouse', header: t('common.warehouse'), value: (g) => g.warehouse },
      { id: 'group', header: t('diff.group'), value: (g) => g.group },
      { id: 'surplus', header: t('diff.groupSurplus'), value: (g) => g.surplus, kind: 'decimal' },
      { id: 'shortage', header: t('diff.groupShortage'), value: (g) => g.shortage, kind: 'decimal' },
      { id: 'compensated', header: t('diff.compensated'), value: (g) => g.compensated, kind: 'decimal' },
      { id: 'valueDifference', header: t('diff.valueDifference'), value: (g) => g.valueDifference, kind: 'decimal' },
      { id: 'imputable', header: t('diff.imputable'), value: (g) => g.imputable, kind: 'decimal' },
    ],
    [t],
  );
  const canPost = allowed(user, 'post') && !!result && result.inventoryId === inventoryId && !posted;

  return (
    <div className="page page-wide">
      <h1>{t('diff.title')}</h1>
      <form noValidate
        className="card form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void runPreview();
        }}
        aria-label={t('diff.params')}
      >
        <ErrorBox error={inventories.error} />
        <SelectField
          label={t('diff.inventory')}
          required
          value={inventoryId}
          onChange={(e) => (setInventoryId(e.target.value), setResult(undefined))}
          options={open.map((i) => ({ value: String(i.id), label: `${i.year}/${i.number} — ${formatDate(i.date, lang)}${i.description ? ` — ${i.description}` : ''}` }))}
          blank="—"
          className="span-2"
          data-testid="diff-inventory"
        />
        <DateField label={t('diff.processingDate')} required value={processingDate} onChange={(v) => setProcessingDate(v)} error={errs['/processingDate']} />
        <DateField label={t('diff.postingDate')} required value={postingDate} onChange={(v) => setPostingDate(v)} error={errs['/postingDate']} />
        <CheckField label={t('diff.asOf')} checked={asOf} onChange={setAsOf} />
        <DateField label={t('diff.stockDate')} value={stockDate} onChange={(v) => setStockDate(v)} disabled={!asOf} error={errs['/stockDate']} />
        <CheckField label={t('diff.zeroUncounted')} checked={zeroUncounted} onChange={setZeroUncounted} />
        <div className="form-actions span-2">
          <ActionButton action={preview} type="submit" disabled={!inventoryId} testId="diff-preview" busyLabel={t('diff.calculating')}>
            {t('diff.preview')}
          </ActionButton>
          <ActionButton action={report} className="btn" disabled={!inventoryId} onClick={() => void report.run('pdf')}>
            <Icon name="printer" /> {t('diff.reportPdf')}
          </ActionButton>
          <ActionButton action={report} className="btn" disabled={!inventoryId} onClick={() => void report.run('csv')}>
            <Icon name="download" /> CSV
          </ActionButton>
        </div>
      </form>
      <Progress busy={preview.busy} elapsed={preview.elapsed} label={t('diff.calculating')} />
      <ErrorBox error={preview.error || report.error} shown={Object.keys(errs)} />

      {posted && (
        <Notice kind="success">
          <strong>{t('diff.posted', { n: posted.length })}</strong>
          <ul className="links" data-testid="created-records">
            {posted.map((r) => (
              <li key={r.id}>
                <Link to={`/records/${r.id}`}>{t('rec.label', { warehouse: r.warehouse, template: r.template, date: formatDate(r.date, lang), number: r.number })}</Link>
              </li>
            ))}
          </ul>
        </Notice>
      )}

      {result && (
        <Section
          title={t('diff.previewTitle', { date: result.data.stockDate })}
          actions={
            <>
              <CheckField label={t('diff.onlyDiff')} checked={onlyDiff} onChange={setOnlyDiff} />
              {canPost && (
                <ActionButton action={post} onClick={() => setConfirm(true)} testId="diff-create" busyLabel={t('diff.posting')}>
                  {t('diff.create')}
                </ActionButton>
              )}
            </>
          }
        >
          {moved > 0 && <Notice kind="warning">{t('diff.movedNote', { n: moved })}</Notice>}
          {over.length > 0 && (
            <Notice kind="warning">
              <Icon name="alert" size="0.9em" /> <span data-testid="over-count">{t('cc.overN', { n: over.length })}</span>
            </Notice>
          )}
          {decided && <Notice kind="success">{t('cc.decided', { item: decided })}</Notice>}
          <AccuracyFigures inventoryId={result.inventoryId} version={result.version} />
          <dl className="totals" data-testid="diff-totals">
            <div>
              <dt>{t('diff.rows')}</dt>
              <dd>{result.data.rows.length}</dd>
            </div>
            <div>
              <dt>{t('diff.surplus')}</dt>
              <dd className="pos" data-value={totals?.surplusValue}>
                {formatDecimal(totals?.surplusValue, lang)}
              </dd>
            </div>
            <div>
              <dt>{t('diff.shortage')}</dt>
              <dd className="neg" data-value={totals?.shortageValue}>
                {formatDecimal(totals?.shortageValue, lang)}
              </dd>
            </div>
            <div>
              <dt>{t('diff.net')}</dt>
              <dd>{totals ? formatDecimal(subtractDecimals(totals.surplusValue ?? '0', (totals.shortageValue ?? '0').replace(/^-/, '')), lang) : ''}</dd>
            </div>
            {totals?.imputableValue !== undefined && (
              <>
                <div>
                  <dt>{t('diff.compensatedValueDifference')}</dt>
                  <dd data-value={totals.compensatedValueDifference}>{formatDecimal(totals.compensatedValueDifference, lang)}</dd>
                </div>
                <div>
                  <dt>{t('diff.allowedLossValue')}</dt>
                  <dd data-value={totals.allowedLossValue}>{formatDecimal(totals.allowedLossValue, lang)}</dd>
                </div>
                <div>
                  <dt>{t('diff.imputableValue')}</dt>
                  <dd className="neg" data-value={totals.imputableValue}>
                    {formatDecimal(totals.imputableValue, lang)}
                    {(totals.imputableByWarehouse?.length ?? 0) > 1 && ` (${totals.imputableByWarehouse!.map((w) => `${w.warehouse}: ${formatDecimal(w.value, lang)}`).join('; ')})`}
                  </dd>
                </div>
              </>
            )}
          </dl>
          {result.data.groups && result.data.groups.length > 0 && (
            <DataGrid
              columns={groupColumns}
              data={result.data.groups}
              caption={t('diff.groupsTitle')}
              testId="diff-groups"
              empty={t('diff.none')}
            />
          )}
          <div className="differences-grid">
            <DataGrid columns={gridColumns} data={rows} caption={t('diff.previewTitle', { date: result.data.stockDate })} rowClassName={(r) => (r.movedDuringCount ? 'row-moved' : undefined)} testId="diff-grid" maxHeight="65vh" empty={t('diff.none')} />
          </div>
          {over.length > 0 && allowed(user, 'inventory') && !posted && <RecountPanel inventoryId={result.inventoryId} firstCounters={firstCounters} onCreated={() => undefined} />}
        </Section>
      )}
      <Progress busy={post.busy} elapsed={post.elapsed} label={t('diff.posting')} />
      <ErrorBox error={post.error} shown={Object.keys(errs)} />
      <ConfirmDialog open={confirm} title={t('diff.confirmTitle')} confirmLabel={t('diff.create')} busy={post.busy} onCancel={() => setConfirm(false)} onConfirm={() => void post.run().finally(() => setConfirm(false))}>
        <p>{t('diff.confirmText', { date: postingDate })}</p>
        {totals && (
          <p>
            {t('diff.surplus')}: <strong>{formatDecimal(totals.surplusValue, lang)}</strong> · {t('diff.shortage')}: <strong>{formatDecimal(totals.shortageValue, lang)}</strong>
          </p>
        )}
        <Progress busy={post.busy} elapsed={post.elapsed} label={t('diff.posting')} />
      </ConfirmDialog>
    </div>
  );
}

/** Count control on a differences row (SPEC §11): the over-tolerance badge, every count of the key, and the approver's decision. */
import { useEffect, useId, useState } from 'react';
import { api, itemsOf, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useAction } from '../hooks.ts';
import { useEmployees } from '../lookups.ts';
import { formatDate, formatDecimal } from '../format.ts';
import { Badge, errorText } from './ui.tsx';
import { Icon } from './Icon.tsx';
import type { Decision, DifferenceRow, ReasonCode } from '../types.ts';

/** A visible badge (text and icon, not colour only) for a key over tolerance. */
export function ToleranceBadge({ row }: { row: DifferenceRow }) {
  const { t } = useI18n();
  if (row.overTolerance === undefined) return null;
  return row.overTolerance ? (
    <Badge kind="bad">
      <Icon name="alert" size="0.9em" /> {t('cc.over')}
    </Badge>
  ) : (
    <span className="muted">{t('cc.within')}</span>
  );
}

/** Every count of the key, first count then each recount, in a disclosure. */
export function KeyCounts({ row }: { row: DifferenceRow }) {
  const { t, lang } = useI18n();
  const employees = useEmployees();
  const counts = row.counts ?? [];
  if (counts.length === 0) return null;
  const label = (round: number) => (round === 0 ? t('cc.firstCount') : t('cc.recountN', { n: round }));
  const who = (code: string) => {
    const e = employees.find((x) => x.code === code);
    return e ? `${code} ${e.name}` : code;
  };
  const last = counts[counts.length - 1];
  return (
    <details className="key-counts" data-testid="key-counts">
      <summary>
        {t('cc.countsN', { n: counts.length })} · {formatDecimal(last.quantity, lang)}
      </summary>
      <ol>
        {counts.map((c, i) => (
          <li key={`${c.listId}-${i}`} data-count={i}>
            {t('cc.countOf', { label: label(c.round ?? i), quantity: formatDecimal(c.quantity, lang), employee: who(c.employee), list: c.listId })}
            {c.at ? <span className="muted"> · {formatDate(c.at, lang)}</span> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** The reason and decision as read (for everybody). */
export function DecisionView({ row, reasons }: { row: DifferenceRow; reasons: Map<string, ReasonCode[]> }) {
  const { t } = useI18n();
  if (!row.decision && !row.reason) return row.overTolerance ? <Badge kind="warn">{t('cc.undecided')}</Badge> : null;
  const reason = reasons.get(row.warehouse)?.find((r) => r.code === row.reason);
  return (
    <span className="decision">
      {row.decision && <Badge kind={row.decision === 'approve' ? 'ok' : 'info'}>{t(`cc.decision.${row.decision}`)}</Badge>}
      {row.reason && <span> {reason ? `${reason.code} — ${reason.description}` : row.reason}</span>}
    </span>
  );
}

/** The reason codes of the warehouses in the grid, keyed by warehouse. */
export function useReasonCodes(warehouses: string[]): Map<string, ReasonCode[]> {
  const [map, setMap] = useState<Map<string, ReasonCode[]>>(new Map());
  const key = [...new Set(warehouses)].sort().join('\u0000');
  useEffect(() => {
    let live = true;
    const list = key ? key.split('\u0000') : [];
    void Promise.all(
      list.map(async (w) => {
        try {
          return [w, itemsOf(await api.get<Page<ReasonCode> | ReasonCode[]>(`/api/reason-codes/${encodeURIComponent(w)}`, { limit: 1000 }))] as const;
        } catch {
          return [w, []] as const;
        }
      }),
    ).then((pairs) => live && setMap(new Map(pairs.map(([w, r]) => [w, [...r]]))));
    return () => {
      live = false;
    };
  }, [key]);
  return map;
}

/** The stock key of a row as PUT /decisions takes it. */
function keyOf(row: DifferenceRow) {
  const opt = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? undefined : v);
  return { warehouse: row.warehouse, item: row.item, variant: opt(row.variant), lot: opt(row.lot), serial: opt(row.serial), location: opt(row.location), jobOrder: opt(row.jobOrder), account: opt(row.account) };
}

/** An approver's control on one row over tolerance: a reason, then approve or send to recount. */
export function DecisionControl({ inventoryId, row, reasons, onDecided }: { inventoryId: string; row: DifferenceRow; reasons: ReasonCode[]; onDecided: (item: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState(row.reason ?? '');
  const [missing, setMissing] = useState(false);
  const decide = useAction(async (decision: Decision) => {
    if (!reason) {
      setMissing(true);
      return;
    }
    setMissing(false);
    await api.put(`/api/inventories/${inventoryId}/decisions`, { lines: [{ ...keyOf(row), reason, decision }] });
    onDecided(row.item);
  });
  const problem = missing ? t('cc.reasonRequired') : decide.error ? errorText(decide.error, t) : undefined;
  return (
    <div className="decision-control" data-testid={`decide-${row.item}`}>
      <label htmlFor={id} className="sr-only">
        {t('cc.reasonFor', { item: row.item })}
      </label>
      <select id={id} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-error` : undefined} data-testid="decision-reason">
        <option value="">{t('cc.reason')}…</option>
        {reasons.map((r) => (
          <option key={r.code} value={r.code}>
            {r.code} — {r.description}
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-small" disabled={decide.busy} onClick={() => void decide.run('approve')} aria-label={t('cc.approveFor', { item: row.item })} data-testid="decision-approve">
        <Icon name="check" /> {t('cc.approve')}
      </button>
      <button type="button" className="btn btn-small" disabled={decide.busy} onClick={() => void decide.run('recount')} aria-label={t('cc.recountFor', { item: row.item })} data-testid="decision-recount">
        <Icon name="refresh" /> {t('cc.sendRecount')}
      </button>
      {problem && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </small>
      )}
    </div>
  );
}

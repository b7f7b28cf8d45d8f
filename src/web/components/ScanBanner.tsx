/**
 * The answer to the last scan, large, at the top of the counting screen
 * (issue 14 point 4): green when counted (item code, description, the
 * quantity of this scan and the running total of the key), red when refused
 * (what was scanned and why), amber while it waits on the phone.
 */
import { useI18n } from '../i18n.tsx';
import { formatDecimal } from '../format.ts';
import { subtractDecimals } from '../decimal.ts';
import type { QueuedScan } from '../scanQueue.ts';
import { Icon } from './Icon.tsx';

/** The quantity one acknowledged scan counted (its own, not the key's total). */
export function scannedQuantity(e: QueuedScan): string | undefined {
  if (e.body.quantity) return e.body.quantity;
  if (!e.result) return undefined;
  if (e.body.mode === 'add') return e.current ? subtractDecimals(e.result.countedQuantity, e.current.countedQuantity) : undefined;
  return e.result.countedQuantity;
}

/** A quantity without the trailing zeros of its scale ("5.000" → "5", "2.500" → "2.5"): a phone shows what was counted. */
export function shortQuantity(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

export function ScanBanner({ entry, offline }: { entry: QueuedScan | undefined; offline: boolean }) {
  const { t, lang } = useI18n();
  if (!entry || entry.state === 'conflict') return null;
  const outcome = entry.state === 'done' ? 'counted' : entry.state === 'rejected' ? 'refused' : 'queued';
  const r = entry.result;
  const qty = scannedQuantity(entry);
  return (
    <div className={`scan-banner scan-banner-${outcome}`} data-testid="scan-banner" data-outcome={outcome} role={outcome === 'refused' ? 'alert' : 'status'}>
      <span className="scan-banner-icon" aria-hidden="true">
        <Icon name={outcome === 'counted' ? 'check' : outcome === 'refused' ? 'x' : 'wait'} size="1.6em" />
      </span>
      <div className="scan-banner-body">
        <div className="scan-banner-title">
          <strong data-testid="banner-item">{r ? r.item : entry.label}</strong>
          <span className="scan-banner-state">{t(`phone.outcome.${outcome}`)}</span>
        </div>
        {r?.description ? <div className="scan-banner-desc">{r.description}</div> : null}
        {r && (r.variant || r.lot || r.location) ? (
          <div className="scan-banner-desc">
            {[r.variant && `${t('common.variant')} ${r.variant}`, r.lot && `${t('count.lotShort')} ${r.lot}`, r.location && `${t('common.location')} ${r.location}`].filter(Boolean).join(' · ')}
          </div>
        ) : null}
        {outcome === 'refused' ? (
          <div className="scan-banner-why" data-testid="banner-why">{entry.error?.detail}</div>
        ) : (
          <div className="scan-banner-qty">
            <span data-testid="banner-qty">+{qty ? formatDecimal(shortQuantity(qty), lang) : '…'}</span>
            {r ? (
              <span data-testid="banner-total">
                {t('phone.total')} <b>{formatDecimal(shortQuantity(r.countedQuantity), lang)}</b> {r.uom}
              </span>
            ) : (
              <span>{t(offline || entry.attempts > 0 ? 'phone.onPhone' : 'phone.sending')}</span>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

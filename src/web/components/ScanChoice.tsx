/**
 * What the phone asks before a scan is counted (issue 14 point 5): the
 * variant of an item with variants (chips), the lot of a lot-managed item
 * (chips of the lots known on the list, or typed). Shown at the top, large.
 */
import { useState } from 'react';
import { useI18n } from '../i18n.tsx';

export interface ScanItem {
  code: string;
  description: string;
  uom?: string;
  lotManaged?: boolean;
  variants?: { code: string; description?: string }[];
}

export type Need = 'variant' | 'lot';

export function ScanChoice({ item, need, lots, onChoose, onCancel }: { item: ScanItem; need: Need; lots: string[]; onChoose: (value: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const options = need === 'variant' ? (item.variants ?? []).map((v) => ({ value: v.code, label: v.description ? `${v.code} · ${v.description}` : v.code })) : lots.map((l) => ({ value: l, label: l }));
  return (
    <section className="scan-choice" aria-labelledby="choice-title" data-testid={`choose-${need}`}>
      <h2 id="choice-title">
        {t(need === 'variant' ? 'phone.chooseVariant' : 'phone.chooseLot', { item: item.code })}
        <span className="scan-choice-desc">{item.description}</span>
      </h2>
      <div className="chips" role="group" aria-labelledby="choice-title">
        {options.map((o) => (
          <button key={o.value} type="button" className="chip" onClick={() => onChoose(o.value)} data-value={o.value}>
            {o.label}
          </button>
        ))}
      </div>
      {need === 'lot' && (
        <form
          noValidate
          className="scan-choice-free"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) onChoose(typed.trim());
          }}
        >
          <label htmlFor="choice-lot">{t('phone.otherLot')}</label>
          <input id="choice-lot" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoCapitalize="characters" autoFocus={options.length === 0} data-testid="choice-lot" />
          <button type="submit" className="btn btn-primary" disabled={!typed.trim()}>
            {t('count.count')}
          </button>
        </form>
      )}
      <button type="button" className="btn btn-ghost btn-block" onClick={onCancel} data-testid="choice-cancel">
        {t('common.cancel')}
      </button>
    </section>
  );
}

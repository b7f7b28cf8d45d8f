/** On the differences screen (SPEC §11): generating a recount list for a second counter, and the inventory's accuracy. */
import { useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { useAction, useLoad } from '../hooks.ts';
import { formatDecimal, formatRatioPercent } from '../format.ts';
import { ActionButton, ErrorBox, fieldErrors, Notice, SelectField } from './ui.tsx';
import { optionsOf, useEmployees, useListTypes } from '../lookups.ts';
import type { CountAccuracy, InventoryList } from '../types.ts';

/** "Generate recount": a blind list of the keys over tolerance for another employee (four eyes). */
export function RecountPanel({ inventoryId, firstCounters, onCreated }: { inventoryId: string; firstCounters: string[]; onCreated: () => void }) {
  const { t } = useI18n();
  const employees = useEmployees();
  const listTypes = useListTypes();
  const [employee, setEmployee] = useState('');
  const [listType, setListType] = useState('');
  const [created, setCreated] = useState<{ id: number; employee: string; n: number } | undefined>();
  const generate = useAction(async () => {
    setCreated(undefined);
    const list = await api.post<InventoryList & { keys?: unknown[] }>(`/api/inventories/${inventoryId}/recount`, { employee, listType: listType || undefined });
    const n = list.keys?.length ?? list.lines ?? 0;
    setCreated({ id: list.id, employee: list.employee ?? employee, n });
    onCreated();
  });
  const errs = fieldErrors(generate.error);
  // four eyes: the first count's employees are not offered
  const others = employees.filter((e) => !firstCounters.includes(e.code) && e.active !== false);
  return (
    <form
      noValidate
      className="form-row"
      aria-label={t('cc.recountTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void generate.run();
      }}
    >
      <h3 className="span-all">{t('cc.recountTitle')}</h3>
      <p className="hint span-all">{t('cc.recountHint')}</p>
      <ErrorBox error={generate.error} shown={Object.keys(errs)} />
      {created && (
        <Notice kind="success">
          <span data-testid="recount-created">{t('cc.recountCreated', { id: created.id, employee: created.employee, n: created.n })}</span> <Link to={`/lists/${created.id}`}>{t('list.open', { id: created.id })}</Link>
        </Notice>
      )}
      <SelectField label={t('cc.recountEmployee')} required value={employee} onChange={(e) => setEmployee(e.target.value)} options={optionsOf(others, (r) => r.name)} blank="—" error={errs['/employee']} data-testid="recount-employee" />
      <SelectField label={t('cc.recountListType')} value={listType} onChange={(e) => setListType(e.target.value)} options={optionsOf(listTypes, (r) => r.description)} blank="—" error={errs['/listType']} data-testid="recount-list-type" />
      <div className="form-actions">
        <ActionButton action={generate} type="submit" disabled={!employee} testId="recount-generate">
          {t('cc.generateRecount')}
        </ActionButton>
      </div>
    </form>
  );
}

/** Count accuracy and value accuracy of one inventory (GET /api/reports/count-accuracy?inventory=). */
export function AccuracyFigures({ inventoryId, version }: { inventoryId: string; version: unknown }) {
  const { t, lang } = useI18n();
  const accuracy = useLoad(() => api.get<CountAccuracy>('/api/reports/count-accuracy', { inventory: inventoryId }), [inventoryId, version]);
  if (accuracy.error) return <ErrorBox error={accuracy.error} />;
  const a = accuracy.data;
  if (!a) return null;
  return (
    <dl className="totals" data-testid="accuracy" aria-label={t('cc.accuracy')}>
      <div>
        <dt>{t('cc.countAccuracy')}</dt>
        <dd data-testid="count-accuracy" data-value={a.countAccuracy ?? ''}>
          {formatRatioPercent(a.countAccuracy, lang)}
        </dd>
      </div>
      <div>
        <dt>{t('cc.keysExact')}</dt>
        <dd>
          {a.keysWithoutDifference} / {a.keys}
        </dd>
      </div>
      <div>
        <dt>{t('cc.valueAccuracy')}</dt>
        <dd data-testid="value-accuracy" data-value={a.valueAccuracy ?? ''}>
          {formatRatioPercent(a.valueAccuracy, lang)}
        </dd>
      </div>
      <div>
        <dt>{t('diff.book')}</dt>
        <dd data-value={a.bookValue}>{formatDecimal(a.bookValue, lang)}</dd>
      </div>
    </dl>
  );
}

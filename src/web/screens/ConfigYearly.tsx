/**
 * Configuration of the Romanian yearly inventory's compensation and
 * allowances (SPEC §12, issue 18): confusion groups per year and the
 * natural-loss allowances per item or item group. Admin edits; others read.
 */
import { useEffect, useMemo, useState } from 'react';
import { api, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { useAction, useLoad } from '../hooks.ts';
import { formatDecimal, parseDecimalInput } from '../format.ts';
import { ActionButton, ErrorBox, fieldErrors, Notice, Section, TextField } from '../components/ui.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';

interface ConfusionGroup {
  id: number;
  year: number;
  code: string;
  description: string;
  items: string[];
}

const emptyGroup = { code: '', description: '', items: '' };

export function ConfusionGroupsEditor() {
  const { t } = useI18n();
  const { user } = useSession();
  const editable = allowed(user, 'masterData');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const groups = useLoad(() => api.get<Page<ConfusionGroup>>('/api/confusion-groups', { year, limit: 1000 }), [year], /^\d{4}$/.test(year));
  const [editing, setEditing] = useState<number | undefined>(undefined);
  const [form, setForm] = useState(emptyGroup);
  const [notice, setNotice] = useState('');
  const save = useAction(async () => {
    setNotice('');
    const body = {
      year: Number(year),
      code: form.code.trim(),
      description: form.description,
      items: form.items.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean),
    };
    if (editing !== undefined) await api.put(`/api/confusion-groups/${editing}`, body);
    else await api.post('/api/confusion-groups', body);
    setEditing(undefined);
    setForm(emptyGroup);
    setNotice(t('common.saved'));
    groups.reload();
  });
  const remove = useAction(async (id: number) => {
    await api.del(`/api/confusion-groups/${id}`);
    groups.reload();
  });
  const errs = fieldErrors(save.error);
  const columns = useMemo<GridColumn<ConfusionGroup>[]>(
    () => [
      {
        id: 'code',
        header: t('common.code'),
        value: (g) => g.code,
        cell: (g) =>
          editable ? (
            <button type="button" className="link-button" onClick={() => (setEditing(g.id), setForm({ code: g.code, description: g.description, items: g.items.join(', ') }))}>
              {g.code}
            </button>
          ) : (
            g.code
          ),
      },
      { id: 'description', header: t('common.description'), value: (g) => g.description },
      { id: 'items', header: t('la.item'), value: (g) => g.items.join(', ') },
      ...(editable
        ? [
            {
              id: 'actions',
              header: t('common.actions'),
              value: () => '',
              sortable: false,
              cell: (g: ConfusionGroup) => (
                <ActionButton action={remove} className="btn" onClick={() => void remove.run(g.id)}>
                  {t('cg.delete')}
                </ActionButton>
              ),
            } satisfies GridColumn<ConfusionGroup>,
          ]
        : []),
    ],
    [t, editable, remove],
  );
  return (
    <Section title={t('config.confusionGroups')}>
      <p className="hint">{t('cg.hint')}</p>
      <TextField label={t('cg.year')} value={year} onChange={(e) => setYear(e.target.value)} inputMode="numeric" />
      <ErrorBox error={groups.error || remove.error} />
      <DataGrid columns={columns} data={groups.data?.items ?? []} caption={t('config.confusionGroups')} testId="confusion-groups" empty={t('cg.none')} />
      {notice && <Notice kind="success">{notice}</Notice>}
      {editable && (
        <form
          noValidate
          className="form-grid card"
          aria-label={t('config.confusionGroups')}
          onSubmit={(e) => {
            e.preventDefault();
            void save.run();
          }}
        >
          <ErrorBox error={save.error} shown={Object.keys(errs)} />
          <TextField label={t('common.code')} required value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} error={errs['/code']} />
          <TextField label={t('common.description')} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} error={errs['/description']} />
          <TextField label={t('cg.items')} value={form.items} onChange={(e) => setForm({ ...form, items: e.target.value })} error={errs['/items']} className="span-2" />
          <div className="form-actions span-2">
            <ActionButton action={save} type="submit">
              {editing !== undefined ? t('common.save') : t('cg.add')}
            </ActionButton>
            {editing !== undefined && (
              <button type="button" className="btn" onClick={() => (setEditing(undefined), setForm(emptyGroup))}>
                {t('common.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </Section>
  );
}

interface AllowanceRow {
  item: string;
  itemGroup: string;
  pct: string;
}

export function LossAllowancesEditor() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const editable = allowed(user, 'masterData');
  const current = useLoad(() => api.get<{ items: { item: string | null; itemGroup: string | null; pct: string }[] }>('/api/loss-allowances'), []);
  const [rows, setRows] = useState<AllowanceRow[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data) setRows(current.data.items.map((r) => ({ item: r.item ?? '', itemGroup: r.itemGroup ?? '', pct: formatDecimal(r.pct, lang) })));
  }, [current.data, lang]);
  const save = useAction(async () => {
    setSaved(false);
    const items = rows
      .filter((r) => r.item.trim() || r.itemGroup.trim() || r.pct.trim())
      .map((r) => ({ ...(r.item.trim() ? { item: r.item.trim() } : {}), ...(r.itemGroup.trim() ? { itemGroup: r.itemGroup.trim() } : {}), pct: parseDecimalInput(r.pct, lang) ?? r.pct }));
    await api.put('/api/loss-allowances', { items });
    setSaved(true);
    current.reload();
  });
  const errs = fieldErrors(save.error);
  const set = (i: number, patch: Partial<AllowanceRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Section title={t('config.lossAllowances')}>
      <p className="hint">{t('la.hint')}</p>
      <ErrorBox error={current.error || save.error} shown={Object.keys(errs)} />
      <form
        noValidate
        aria-label={t('config.lossAllowances')}
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        {rows.map((r, i) => (
          <div className="form-row" key={i} data-testid="loss-allowance-row">
            <TextField label={t('la.item')} value={r.item} onChange={(e) => set(i, { item: e.target.value })} error={errs[`/items/${i}/item`] ?? errs[`/items/${i}`]} disabled={!editable} />
            <TextField label={t('la.itemGroup')} value={r.itemGroup} onChange={(e) => set(i, { itemGroup: e.target.value })} error={errs[`/items/${i}/itemGroup`]} disabled={!editable} />
            <TextField label={t('la.pct')} value={r.pct} onChange={(e) => set(i, { pct: e.target.value })} error={errs[`/items/${i}/pct`]} inputMode="decimal" disabled={!editable} />
            {editable && (
              <button type="button" className="btn" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                {t('la.remove')}
              </button>
            )}
          </div>
        ))}
        {editable && (
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setRows([...rows, { item: '', itemGroup: '', pct: '' }])}>
              + {t('la.addRow')}
            </button>
            <ActionButton action={save} type="submit">
              {t('common.save')}
            </ActionButton>
            {saved && <span role="status">{t('common.saved')}</span>}
          </div>
        )}
      </form>
    </Section>
  );
}

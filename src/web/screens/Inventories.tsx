/** Physical inventories: search with filters, and the way to create one. */
import { useMemo, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { Link, useRouter } from '../router.tsx';
import { useTitle } from '../hooks.ts';
import { Badge, SelectField, TextField } from '../components/ui.tsx';
import { ServerGrid } from '../components/ServerGrid.tsx';
import { DateField } from '../components/DateField.tsx';
import { type GridColumn } from '../components/DataGrid.tsx';
import { optionsOf, useEmployees } from '../lookups.ts';
import type { Inventory } from '../types.ts';

interface Filters {
  text: string;
  from: string;
  to: string;
  operator: string;
  status: '' | 'open' | 'closed';
}
const EMPTY: Filters = { text: '', from: '', to: '', operator: '', status: '' };

export function InventoriesScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  const { navigate } = useRouter();
  useTitle(t('inv.title'));
  const employees = useEmployees();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  // filtered, sorted and paged by the server
  const query = {
    q: filters.text,
    from: filters.from,
    to: filters.to,
    operator: filters.operator,
    closed: filters.status === '' ? undefined : String(filters.status === 'closed'),
  };

  const columns = useMemo<GridColumn<Inventory>[]>(
    () => [
      { id: 'number', header: t('inv.number'), value: (r) => r.year * 100000 + r.number, kind: 'number', sortKey: 'number', cell: (r) => <Link to={`/inventories/${r.id}`}>{`${r.year}/${r.number}`}</Link> },
      { id: 'date', header: t('common.date'), value: (r) => r.date, kind: 'date', sortKey: 'date' },
      { id: 'description', header: t('common.description'), value: (r) => r.description ?? '', sortKey: 'description' },
      { id: 'operator', header: t('inv.operator'), value: (r) => (r.operatorName ? `${r.operator} — ${r.operatorName}` : r.operator) },
      { id: 'closed', header: t('inv.status'), value: (r) => r.closed, sortKey: 'closed', cell: (r) => (r.closed ? <Badge kind="neutral">{t('inv.closed')}</Badge> : <Badge kind="ok">{t('inv.open')}</Badge>) },
    ],
    [t],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('inv.title')}</h1>
        {allowed(user, 'inventory') && (
          <button type="button" className="btn btn-primary" onClick={() => navigate('/inventories/new')} data-testid="new-inventory">
            + {t('inv.new')}
          </button>
        )}
      </div>
      <form noValidate className="filters card" onSubmit={submit} aria-label={t('common.filters')}>
        <TextField label={t('inv.search')} value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} type="search" />
        <DateField label={t('common.from')} value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} />
        <DateField label={t('common.to')} value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} />
        <SelectField label={t('inv.operator')} value={draft.operator} onChange={(e) => setDraft({ ...draft, operator: e.target.value })} options={optionsOf(employees, (e) => e.name)} blank={t('common.all')} />
        <SelectField
          label={t('inv.status')}
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value as Filters['status'] })}
          options={[
            { value: 'open', label: t('inv.open') },
            { value: 'closed', label: t('inv.closed') },
          ]}
          blank={t('common.all')}
        />
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.search')}
          </button>
          <button type="button" className="btn" onClick={() => (setDraft(EMPTY), setFilters(EMPTY))}>
            {t('common.reset')}
          </button>
        </div>
      </form>
      <ServerGrid path="/api/inventories" query={query} columns={columns} caption={t('inv.title')} defaultSort={{ id: 'number', desc: true }} rowId={(r) => String(r.id)} testId="inventories-grid" />
    </div>
  );
}

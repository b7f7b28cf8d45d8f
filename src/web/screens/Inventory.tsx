/** One physical inventory: its header (create / edit) and its lists. */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, download, itemsOf, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { Link, useRouter } from '../router.tsx';
import { useAction, useLoad, useTitle } from '../hooks.ts';
import { todayIso } from '../format.ts';
import { ActionButton, Badge, CheckField, ErrorBox, fieldErrors, Loading, Notice, Section, SelectField, TextArea, TextField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { optionsOf, useEmployees, useListTypes, useWarehouses } from '../lookups.ts';
import type { Inventory, InventoryList } from '../types.ts';
import { Icon } from '../components/Icon.tsx';
import { ReverseButton, ReversedNote } from '../components/ReverseInventory.tsx';
import { YearlyInventory } from '../components/YearlyInventory.tsx';

interface Form {
  date: string;
  description: string;
  notes: string;
  operator: string;
  closed: boolean;
  freeze: boolean;
}

export function InventoryScreen({ id }: { id?: number }) {
  const { t } = useI18n();
  const { user } = useSession();
  const { navigate } = useRouter();
  const employees = useEmployees();
  const inventory = useLoad(() => api.get<Inventory>(`/api/inventories/${id}`), [id], id !== undefined);
  const [form, setForm] = useState<Form>({ date: todayIso(), description: '', notes: '', operator: user?.employee ?? '', closed: false, freeze: false });
  const [saved, setSaved] = useState(false);
  // a list added below changes the warehouses of the commission and declarations
  const [listsVersion, setListsVersion] = useState(0);
  useTitle(id ? t('inv.one', { number: inventory.data ? `${inventory.data.year}/${inventory.data.number}` : '…' }) : t('inv.new'));

  useEffect(() => {
    const d = inventory.data;
    if (d) setForm({ date: d.date, description: d.description ?? '', notes: d.notes ?? '', operator: d.operator ?? '', closed: !!d.closed, freeze: !!d.freeze });
  }, [inventory.data]);

  const save = useAction(async () => {
    setSaved(false);
    const body = { date: form.date, description: form.description || undefined, notes: form.notes || undefined, operator: form.operator, closed: form.closed, freeze: form.freeze };
    if (id === undefined) {
      const created = await api.post<Inventory>('/api/inventories', body);
      navigate(`/inventories/${created.id}`, { replace: true });
    } else {
      const updated = await api.put<Inventory>(`/api/inventories/${id}`, body);
      inventory.setData({ ...inventory.data, ...updated });
      setSaved(true);
    }
  });
  const errs = fieldErrors(save.error);
  const readOnly = !allowed(user, 'inventory') || (!!inventory.data?.closed && form.closed);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };

  if (id !== undefined && inventory.error) return <div className="page"><ErrorBox error={inventory.error} /></div>;
  if (id !== undefined && !inventory.data) return <Loading />;
  const inv = inventory.data;

  return (
    <div className="page">
      <nav className="crumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to="/">{t('nav.home')}</Link> › <Link to="/inventories">{t('inv.title')}</Link>
      </nav>
      <div className="page-head">
        <h1>{inv ? t('inv.one', { number: `${inv.year}/${inv.number}` }) : t('inv.new')}</h1>
        {inv && (inv.closed ? <Badge>{t('inv.closed')}</Badge> : <Badge kind="ok">{t('inv.open')}</Badge>)}
        {inv && allowed(user, 'post') && <ReverseButton inventory={inv} onReversed={inventory.reload} />}
        {inv && !inv.closed && allowed(user, 'post') && (
          <Link className="btn" to={`/differences?inventory=${inv.id}`}>
            <Icon name="scale" /> {t('inv.toDifferences')}
          </Link>
        )}
      </div>
      <form noValidate className="card form-grid" onSubmit={submit} aria-label={t('inv.header')}>
        <ErrorBox error={save.error} shown={Object.keys(errs)} />
        {saved && <Notice kind="success">{t('common.saved')}</Notice>}
        {inv && <ReversedNote inventory={inv} />}
        {inv && <TextField label={t('inv.number')} value={`${inv.year}/${inv.number}`} readOnly />}
        <DateField label={t('common.date')} required value={form.date} onChange={(v) => setForm({ ...form, date: v })} error={errs['/date']} disabled={readOnly} />
        <SelectField label={t('inv.operator')} required value={form.operator} onChange={(e) => setForm({ ...form, operator: e.target.value })} options={optionsOf(employees, (e) => e.name)} blank="—" error={errs['/operator']} disabled={readOnly} />
        <TextField label={t('common.description')} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} error={errs['/description']} disabled={readOnly} className="span-2" />
        <TextArea label={t('common.notes')} value={form.notes} onChange={(e) => setForm({ ...form, notes: e.target.value })} error={errs['/notes']} disabled={readOnly} className="span-2" rows={2} />
        <CheckField label={t('inv.closedFlag')} checked={form.closed} onChange={(closed) => setForm({ ...form, closed })} error={errs['/closed']} disabled={!allowed(user, 'inventory')} />
        <CheckField label={t('inv.freeze')} checked={form.freeze} onChange={(freeze) => setForm({ ...form, freeze })} error={errs['/freeze']} disabled={readOnly} data-testid="inventory-freeze" />
        <p className="hint span-2">{t('inv.freezeHint')}</p>
        {allowed(user, 'inventory') && (
          <div className="form-actions span-2">
            <ActionButton action={save} type="submit" testId="save-inventory">
              {id === undefined ? t('inv.create') : t('common.save')}
            </ActionButton>
          </div>
        )}
      </form>
      {inv && <Lists inventory={inv} onAdded={() => setListsVersion((v) => v + 1)} />}
      {inv && allowed(user, 'read') && <YearlyInventory inventory={inv} listsVersion={listsVersion} />}
    </div>
  );
}

function Lists({ inventory, onAdded }: { inventory: Inventory; onAdded: () => void }) {
  const { t } = useI18n();
  const { user } = useSession();
  const employees = useEmployees();
  const warehouses = useWarehouses();
  const listTypes = useListTypes();
  const loadLists = async () => itemsOf(await api.get<Page<InventoryList>>(`/api/inventories/${inventory.id}/lists`, { limit: 1000 }));
  const lists = useLoad(loadLists, [inventory.id]);
  const [form, setForm] = useState({ listType: '', employee: '', warehouse: '', closingDate: '' });
  const add = useAction(async () => {
    await api.post<InventoryList>(`/api/inventories/${inventory.id}/lists`, { listType: form.listType, employee: form.employee, warehouse: form.warehouse, closingDate: form.closingDate || undefined });
    setForm({ ...form, closingDate: '' });
    lists.setData(await loadLists());
    onAdded();
  });
  const exporting = useAction((path: string, format: 'pdf' | 'csv', name: string) => download(path, { format }, name));
  const errs = fieldErrors(add.error);
  const describe = (rows: { code: string; description?: string; name?: string }[], code: string) => {
    const r = rows.find((x) => x.code === code);
    return r ? `${code} — ${r.description ?? r.name ?? ''}` : code;
  };

  const columns = useMemo<GridColumn<InventoryList>[]>(
    () => [
      { id: 'id', header: t('list.number'), value: (r) => r.id, kind: 'number', cell: (r) => <Link to={`/lists/${r.id}`}>{t('list.open', { id: r.id })}</Link> },
      { id: 'type', header: t('list.type'), value: (r) => describe(listTypes, r.listType) },
      { id: 'round', header: t('cc.round'), value: (r) => r.recountRound ?? 0, cell: (r) => (r.recountRound ? t('cc.recountN', { n: r.recountRound }) : t('cc.firstCount')) },
      { id: 'employee', header: t('list.employee'), value: (r) => describe(employees, r.employee) },
      { id: 'warehouse', header: t('list.warehouse'), value: (r) => describe(warehouses, r.warehouse) },
      { id: 'closingDate', header: t('list.closingDate'), value: (r) => r.closingDate ?? '', kind: 'date' },
      { id: 'lines', header: t('list.lineCount'), value: (r) => r.lines ?? null, kind: 'number' },
      {
        id: 'sheet',
        header: t('list.countSheet'),
        value: () => '',
        sortable: false,
        cell: (r) => (
          <span className="cell-actions">
            <button type="button" className="btn btn-small" disabled={exporting.busy} onClick={() => void exporting.run(`/api/lists/${r.id}/count-sheet`, 'pdf', `count-sheet-${r.id}.pdf`)}>
              PDF
            </button>
            <button type="button" className="btn btn-small" disabled={exporting.busy} onClick={() => void exporting.run(`/api/lists/${r.id}/count-sheet`, 'csv', `count-sheet-${r.id}.csv`)}>
              CSV
            </button>
          </span>
        ),
      },
    ],
    [t, employees, warehouses, listTypes, exporting.busy],
  );

  return (
    <Section title={t('inv.lists')}>
      <ErrorBox error={lists.error || exporting.error} />
      {lists.loading && !lists.data ? <Loading /> : <DataGrid columns={columns} data={lists.data ?? []} caption={t('inv.lists')} rowId={(r) => String(r.id)} testId="lists-grid" />}
      {allowed(user, 'inventory') && !inventory.closed && (
        <form noValidate
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            void add.run();
          }}
          aria-label={t('list.add')}
        >
          <h3 className="span-all">{t('list.add')}</h3>
          <ErrorBox error={add.error} shown={Object.keys(errs)} />
          <SelectField label={t('list.type')} required value={form.listType} onChange={(e) => setForm({ ...form, listType: e.target.value })} options={optionsOf(listTypes, (r) => r.description)} blank="—" error={errs['/listType']} data-testid="list-type" />
          <SelectField label={t('list.employee')} required value={form.employee} onChange={(e) => setForm({ ...form, employee: e.target.value })} options={optionsOf(employees, (r) => r.name)} blank="—" error={errs['/employee']} data-testid="list-employee" />
          <SelectField label={t('list.warehouse')} required value={form.warehouse} onChange={(e) => setForm({ ...form, warehouse: e.target.value })} options={optionsOf(warehouses, (r) => r.description)} blank="—" error={errs['/warehouse']} data-testid="list-warehouse" />
          <DateField label={t('list.closingDate')} value={form.closingDate} onChange={(v) => setForm({ ...form, closingDate: v })} error={errs['/closingDate']} />
          <div className="form-actions">
            <ActionButton action={add} type="submit" testId="add-list">
              + {t('list.addButton')}
            </ActionButton>
          </div>
        </form>
      )}
    </Section>
  );
}

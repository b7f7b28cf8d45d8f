/** Cycle counting (SPEC §11): the ABC classes of a warehouse at a date, the keys due for count, and a list made from them. */
import { useMemo, useState } from 'react';
import { api, itemsOf, type Page, type Query } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { Link } from '../router.tsx';
import { useAction, useLoad, useTitle } from '../hooks.ts';
import { formatDate, todayIso } from '../format.ts';
import { ActionButton, Badge, ErrorBox, fieldErrors, Notice, Section, SelectField, TextField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { optionsOf, useEmployees, useListTypes, useWarehouses } from '../lookups.ts';
import { ABC_CLASSES, type DueKey, type Inventory, type InventoryList, type ItemClass } from '../types.ts';

interface Filters {
  warehouse: string;
  date: string;
  class: string;
  locationFrom: string;
  locationTo: string;
}

export function CycleCountScreen() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  useTitle(t('cyc.title'));
  const warehouses = useWarehouses();
  const [draft, setDraft] = useState<Filters>({ warehouse: '', date: todayIso(), class: '', locationFrom: '', locationTo: '' });
  const [shown, setShown] = useState<Filters | undefined>();
  const query = (f: Filters): Query => ({ warehouse: f.warehouse, date: f.date, class: f.class, locationFrom: f.locationFrom, locationTo: f.locationTo });
  const classes = useLoad(async () => itemsOf(await api.get<Page<ItemClass> | ItemClass[]>('/api/cycle-count/classes', { warehouse: shown?.warehouse, date: shown?.date })), [shown?.warehouse, shown?.date], !!shown);
  const due = useLoad(async () => itemsOf(await api.get<Page<DueKey> | DueKey[]>('/api/cycle-count/due', query(shown!))), [shown], !!shown);

  const classColumns = useMemo<GridColumn<ItemClass>[]>(
    () => [
      { id: 'item', header: t('common.item'), value: (r) => r.item },
      { id: 'description', header: t('common.description'), value: (r) => r.description ?? '' },
      { id: 'class', header: t('cc.class'), value: (r) => r.class, cell: (r) => <Badge kind={r.class === 'A' ? 'bad' : r.class === 'B' ? 'warn' : 'neutral'}>{r.class}</Badge> },
      { id: 'outgoing', header: t('cyc.outgoing'), value: (r) => r.outgoingValue, kind: 'decimal' },
    ],
    [t],
  );
  const dueRows = due.data ?? [];
  const used = (k: keyof DueKey) => dueRows.some((r) => r[k] !== undefined && r[k] !== null && r[k] !== '');
  const dueColumns = useMemo<GridColumn<DueKey>[]>(
    () =>
      (
        [
          { id: 'item', header: t('common.item'), value: (r) => r.item },
          { id: 'description', header: t('common.description'), value: (r) => r.description ?? '' },
          { id: 'variant', header: t('common.variant'), value: (r) => r.variant ?? '' },
          { id: 'lot', header: t('common.lot'), value: (r) => r.lot ?? '' },
          { id: 'serial', header: t('common.serial'), value: (r) => r.serial ?? '' },
          { id: 'location', header: t('common.location'), value: (r) => r.location ?? '' },
          { id: 'class', header: t('cc.class'), value: (r) => r.class ?? '' },
          { id: 'lastCounted', header: t('cyc.lastCounted'), value: (r) => r.lastCounted ?? '', cell: (r) => (r.lastCounted ? formatDate(r.lastCounted, lang) : <span className="muted">{t('cyc.never')}</span>) },
          { id: 'dueSince', header: t('cyc.dueSince'), value: (r) => r.dueSince ?? '', kind: 'date' },
        ] satisfies GridColumn<DueKey>[] as GridColumn<DueKey>[]
      ).filter((c) => !['variant', 'lot', 'serial', 'location', 'class'].includes(c.id) || used(c.id as keyof DueKey)),
    // `used` reads dueRows
    [t, lang, dueRows],
  );

  return (
    <div className="page">
      <nav className="crumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to="/">{t('nav.home')}</Link>
      </nav>
      <h1>{t('cyc.title')}</h1>
      <form
        noValidate
        className="card form-grid form-grid-4"
        aria-label={t('cyc.params')}
        onSubmit={(e) => {
          e.preventDefault();
          setShown({ ...draft });
        }}
      >
        <SelectField label={t('common.warehouse')} required value={draft.warehouse} onChange={(e) => setDraft({ ...draft, warehouse: e.target.value })} options={optionsOf(warehouses, (w) => w.description)} blank="—" data-testid="cyc-warehouse" />
        <DateField label={t('cyc.date')} required value={draft.date} onChange={(v) => setDraft({ ...draft, date: v })} data-testid="cyc-date" />
        <SelectField label={t('cc.class')} value={draft.class} onChange={(e) => setDraft({ ...draft, class: e.target.value })} options={ABC_CLASSES.map((c) => ({ value: c, label: t('cc.classN', { class: c }) }))} blank={t('common.all')} data-testid="cyc-class" />
        <TextField label={t('cyc.locationFrom')} value={draft.locationFrom} onChange={(e) => setDraft({ ...draft, locationFrom: e.target.value })} data-testid="cyc-location-from" />
        <TextField label={t('cyc.locationTo')} value={draft.locationTo} onChange={(e) => setDraft({ ...draft, locationTo: e.target.value })} data-testid="cyc-location-to" />
        <div className="form-actions span-all">
          <button type="submit" className="btn btn-primary" disabled={!draft.warehouse || !draft.date} data-testid="cyc-show">
            {t('cyc.show')}
          </button>
        </div>
      </form>
      {shown && (
        <>
          <Section title={t('cyc.classes', { n: classes.data?.length ?? 0 })}>
            <ErrorBox error={classes.error} />
            <DataGrid columns={classColumns} data={classes.data ?? []} caption={t('cyc.classes', { n: classes.data?.length ?? 0 })} rowId={(r) => `${r.warehouse}/${r.item}`} testId="cyc-classes-grid" maxHeight="40vh" />
          </Section>
          <Section title={t('cyc.due', { n: dueRows.length })}>
            <ErrorBox error={due.error} />
            <DataGrid columns={dueColumns} data={dueRows} caption={t('cyc.due', { n: dueRows.length })} testId="cyc-due-grid" maxHeight="50vh" empty={t('cyc.noDue')} />
            {allowed(user, 'inventory') && dueRows.length > 0 && <CreateList filters={shown} onCreated={due.reload} />}
          </Section>
        </>
      )}
    </div>
  );
}

/** POST /api/cycle-count/due: the shown filters plus the inventory, employee and list type. */
function CreateList({ filters, onCreated }: { filters: Filters; onCreated: () => void }) {
  const { t, lang } = useI18n();
  const employees = useEmployees();
  const listTypes = useListTypes();
  const inventories = useLoad(() => api.get<Page<Inventory>>('/api/inventories', { closed: 'false', limit: 1000 }), []);
  const open = itemsOf(inventories.data).filter((i) => !i.closed);
  const [form, setForm] = useState({ inventory: '', employee: '', listType: '' });
  const [created, setCreated] = useState<{ id: number; n: number } | undefined>();
  const create = useAction(async () => {
    setCreated(undefined);
    const body = {
      warehouse: filters.warehouse,
      date: filters.date,
      class: filters.class || undefined,
      locationFrom: filters.locationFrom || undefined,
      locationTo: filters.locationTo || undefined,
      inventory: Number(form.inventory),
      employee: form.employee,
      listType: form.listType,
    };
    const list = await api.post<InventoryList & { keys?: unknown[] }>('/api/cycle-count/due', body);
    setCreated({ id: list.id, n: list.keys?.length ?? list.lines ?? 0 });
    onCreated();
  });
  const errs = fieldErrors(create.error);
  return (
    <form
      noValidate
      className="form-row"
      aria-label={t('cyc.createTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void create.run();
      }}
    >
      <h3 className="span-all">{t('cyc.createTitle')}</h3>
      <ErrorBox error={create.error || inventories.error} shown={Object.keys(errs)} />
      {created && (
        <Notice kind="success">
          <span data-testid="cyc-created">{t('cyc.created', { id: created.id, n: created.n })}</span> <Link to={`/lists/${created.id}`}>{t('list.open', { id: created.id })}</Link>
        </Notice>
      )}
      <SelectField label={t('cyc.inventory')} required value={form.inventory} onChange={(e) => setForm({ ...form, inventory: e.target.value })} options={open.map((i) => ({ value: String(i.id), label: `${i.year}/${i.number} — ${formatDate(i.date, lang)}${i.description ? ` — ${i.description}` : ''}` }))} blank="—" error={errs['/inventory']} data-testid="cyc-inventory" />
      <SelectField label={t('list.employee')} required value={form.employee} onChange={(e) => setForm({ ...form, employee: e.target.value })} options={optionsOf(employees, (r) => r.name)} blank="—" error={errs['/employee']} data-testid="cyc-employee" />
      <SelectField label={t('list.type')} required value={form.listType} onChange={(e) => setForm({ ...form, listType: e.target.value })} options={optionsOf(listTypes, (r) => r.description)} blank="—" error={errs['/listType']} data-testid="cyc-list-type" />
      <div className="form-actions">
        <ActionButton action={create} type="submit" disabled={!form.inventory || !form.employee || !form.listType} testId="cyc-create">
          {t('cyc.createList')}
        </ActionButton>
      </div>
    </form>
  );
}

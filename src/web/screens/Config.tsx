/**
 * Configuration tables: items, warehouses and locations, templates, year
 * parameters, stock difference parameters, list types, employees,
 * management areas, users. One generic editor for the code-keyed tables.
 */
import { ServerGrid } from '../components/ServerGrid.tsx';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, itemsOf, type Page } from '../api.ts';
import { useI18n, type Lang, type MessageKey } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { Link, useRouter } from '../router.tsx';
import { useAction, useLoad, useTitle } from '../hooks.ts';
import { parseDecimalInput } from '../format.ts';
import { ActionButton, CheckField, ErrorBox, fieldErrors, Loading, Notice, Section, SelectField, TextArea, TextField, type Option } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { forgetLookups, optionsOf, useManagementAreas, useTemplates, useWarehouses } from '../lookups.ts';
import { AREA_METHODS, PROPOSED_COSTS, TEMPLATE_FLAGS, WAREHOUSE_YEAR_FLAGS, type Item, type Location, type YearParams } from '../types.ts';
import { UsersTable } from './ConfigUsers.tsx';
import { ITEM_ACCOUNT_FIELDS, TEMPLATE_ACCOUNT_FIELDS } from './ConfigAccounts.ts';
import { ConfusionGroupsEditor, LossAllowancesEditor } from './ConfigYearly.tsx';

const TABLES: [slug: string, label: MessageKey][] = [
  ['items', 'config.items'],
  ['warehouses', 'config.warehouses'],
  ['templates', 'config.templates'],
  ['year-params', 'config.yearParams'],
  ['stock-difference-params', 'config.stockDiffParams'],
  ['list-types', 'config.listTypes'],
  ['employees', 'config.employees'],
  ['management-areas', 'config.managementAreas'],
  ['users', 'config.users'],
  ['confusion-groups', 'config.confusionGroups'],
  ['loss-allowances', 'config.lossAllowances'],
];

export function ConfigScreen({ table }: { table?: string }) {
  const { t } = useI18n();
  const current = TABLES.find(([slug]) => slug === table);
  useTitle(current ? t(current[1]) : t('home.config'));
  let body: ReactNode;
  switch (table) {
    case 'items':
      body = <ItemsTable />;
      break;
    case 'warehouses':
      body = <WarehousesTable />;
      break;
    case 'templates':
      body = <TemplatesTable />;
      break;
    case 'year-params':
      body = <YearParamsForm />;
      break;
    case 'stock-difference-params':
      body = <StockDiffParams />;
      break;
    case 'confusion-groups':
      body = <ConfusionGroupsEditor />;
      break;
    case 'loss-allowances':
      body = <LossAllowancesEditor />;
      break;
    case 'list-types':
      body = (
        <CrudTable
          path="/api/list-types"
          title="config.listTypes"
          fields={[
            { name: 'code', label: 'common.code', required: true, key: true },
            { name: 'description', label: 'common.description', required: true },
            { name: 'maintainLocation', label: 'lt.maintainLocation', type: 'bool' },
            { name: 'blindCount', label: 'lt.blindCount', type: 'bool' },
          ]}
        />
      );
      break;
    case 'employees':
      body = (
        <CrudTable
          path="/api/employees"
          title="config.employees"
          fields={[
            { name: 'code', label: 'common.code', required: true, key: true },
            { name: 'name', label: 'emp.name', required: true },
            { name: 'active', label: 'emp.active', type: 'bool', default: true },
          ]}
        />
      );
      break;
    case 'management-areas':
      body = <AreasTable />;
      break;
    case 'users':
      body = <UsersTable />;
      break;
    default:
      body = (
        <ul className="config-links">
          {TABLES.map(([slug, label]) => (
            <li key={slug}>
              <Link to={`/config/${slug}`}>{t(label)}</Link>
            </li>
          ))}
        </ul>
      );
  }
  return (
    <div className="page">
      <nav className="crumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to="/">{t('nav.home')}</Link> › <Link to="/config">{t('home.config')}</Link>
      </nav>
      <h1>{current ? t(current[1]) : t('home.config')}</h1>
      <nav className="tabs" aria-label={t('home.config')}>
        {TABLES.map(([slug, label]) => (
          <Link key={slug} to={`/config/${slug}`} aria-current={slug === table ? 'page' : undefined}>
            {t(label)}
          </Link>
        ))}
      </nav>
      {body}
    </div>
  );
}

// ---- the generic editor --------------------------------------------------------------

export interface FieldSpec {
  name: string;
  label: MessageKey;
  type?: 'text' | 'bool' | 'date' | 'decimal' | 'select' | 'textarea' | 'list' | 'variants';
  options?: Option[];
  required?: boolean;
  /** the code: read-only once saved */
  key?: boolean;
  /** sent as null when empty */
  nullable?: boolean;
  default?: unknown;
  inGrid?: boolean;
  hint?: MessageKey;
}

type Row = Record<string, unknown>;

function toForm(fields: FieldSpec[], row?: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = row?.[f.name];
    if (f.type === 'bool') out[f.name] = row ? !!v : ((f.default as boolean | undefined) ?? false);
    else if (f.type === 'list') out[f.name] = Array.isArray(v) ? v.join(', ') : '';
    else if (f.type === 'variants')
      out[f.name] = Array.isArray(v) ? (v as { code: string; description: string; barcodes?: string[] }[]).map((x) => [x.code, x.description, (x.barcodes ?? []).join(' ')].filter(Boolean).join(' | ')).join('\n') : '';
    else out[f.name] = v ?? f.default ?? '';
  }
  return out;
}

function toBody(fields: FieldSpec[], form: Record<string, unknown>, lang: Lang): Row {
  const out: Row = {};
  for (const f of fields) {
    const v = form[f.name];
    if (f.type === 'bool') out[f.name] = !!v;
    else if (f.type === 'list') out[f.name] = String(v ?? '').split(/[\s,;]+/).filter(Boolean);
    else if (f.type === 'variants')
      out[f.name] = String(v ?? '')
        .split('\n')
        .map((line) => line.split('|').map((s) => s.trim()))
        .filter((p) => p[0])
        .map(([code, description, barcodes]) => ({ code, description: description || code, ...(barcodes ? { barcodes: barcodes.split(/\s+/).filter(Boolean) } : {}) }));
    else {
      const text = String(v ?? '').trim();
      if (text === '') {
        if (f.nullable) out[f.name] = null;
        continue;
      }
      out[f.name] = f.type === 'decimal' ? (parseDecimalInput(text, lang) ?? text) : text;
    }
  }
  return out;
}

function FieldInput({ f, value, onChange, error, disabled }: { f: FieldSpec; value: unknown; onChange: (v: unknown) => void; error?: string; disabled?: boolean }) {
  const { t } = useI18n();
  const label = t(f.label);
  const hint = f.hint ? t(f.hint) : undefined;
  switch (f.type) {
    case 'bool':
      return <CheckField label={label} checked={!!value} onChange={onChange} error={error} disabled={disabled} />;
    case 'select':
      return <SelectField label={label} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} options={f.options ?? []} blank={f.required ? undefined : '—'} required={f.required} error={error} disabled={disabled} hint={hint} />;
    case 'date':
      return <DateField label={label} value={String(value ?? '')} onChange={onChange} required={f.required} error={error} disabled={disabled} hint={hint} />;
    case 'textarea':
    case 'variants':
      return <TextArea label={label} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} error={error} disabled={disabled} rows={3} hint={hint ?? (f.type === 'variants' ? t('items.variantsHint') : undefined)} className="span-2" />;
    default:
      return (
        <TextField
          label={label}
          type="text"
          inputMode={f.type === 'decimal' ? 'decimal' : undefined}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value)}
          required={f.required}
          error={error}
          disabled={disabled}
          hint={hint ?? (f.type === 'list' ? t('items.listHint') : undefined)}
        />
      );
  }
}

/** A code-keyed table: a grid, and a form to create a row or edit the chosen one. */
function CrudTable({ path, title, fields, query, extraColumns, canDelete, onSaved, sortKeys }: { path: string; title: MessageKey; fields: FieldSpec[]; query?: Record<string, string>; extraColumns?: GridColumn<Row>[]; canDelete?: boolean; onSaved?: () => void; sortKeys?: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const editable = allowed(user, 'masterData');
  // with sortKeys the grid is sorted and paged by the server (ServerGrid); else one load of the table
  const rows = useLoad(() => api.get<Page<Row>>(path, { limit: 1000, ...query }), [path, JSON.stringify(query)], sortKeys === undefined);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<string | undefined>(undefined); // code, '' = new
  const [form, setForm] = useState<Record<string, unknown>>(() => toForm(fields));
  const [notice, setNotice] = useState('');
  const keyField = fields.find((f) => f.key)!;

  const open = (row?: Row) => {
    setNotice('');
    save.clearError();
    setEditing(row ? String(row[keyField.name]) : '');
    setForm(toForm(fields, row));
  };
  const save = useAction(async () => {
    const body = toBody(fields, form, lang);
    if (editing) await api.put(`${path}/${encodeURIComponent(editing)}`, body);
    else await api.post(path, body);
    setNotice(t('common.saved'));
    setEditing(undefined);
    forgetLookups();
    rows.reload();
    setVersion((v) => v + 1);
    onSaved?.();
  });
  const remove = useAction(async (code: string) => {
    await api.del(`${path}/${encodeURIComponent(code)}`);
    forgetLookups();
    setEditing(undefined);
    rows.reload();
    setVersion((v) => v + 1);
  });
  const errs = fieldErrors(save.error);

  const columns = useMemo<GridColumn<Row>[]>(() => {
    const cols: GridColumn<Row>[] = fields
      .filter((f) => f.inGrid !== false && f.type !== 'variants' && f.type !== 'textarea')
      .map((f) => ({
        id: f.name,
        header: t(f.label),
        value: (r: Row) => {
          const v = r[f.name];
          // a chosen option reads as its label ("Intrare", "Cost mediu"), not its API value
          const option = f.options?.find((o) => o.value === v);
          if (option) return option.label;
          return Array.isArray(v) ? v.join(', ') : (v as string | boolean | null);
        },
        kind: f.type === 'bool' ? 'bool' : f.type === 'decimal' ? 'decimal' : f.type === 'date' ? 'date' : 'text',
        sortKey: sortKeys?.[f.name],
        cell: f.key ? (r: Row) => (editable ? <button type="button" className="link-button" onClick={() => open(r)}>{String(r[f.name])}</button> : String(r[f.name])) : undefined,
      }));
    return [...cols, ...(extraColumns ?? [])];
  }, [fields, t, lang, editable, extraColumns, sortKeys]);

  return (
    <>
      <Section
        title={t(title)}
        actions={
          editable && (
            <button type="button" className="btn btn-primary" onClick={() => open()}>
              + {t('common.new')}
            </button>
          )
        }
      >
        {notice && <Notice kind="success">{notice}</Notice>}
        <ErrorBox error={rows.error} />
        {sortKeys ? (
          <ServerGrid path={path} query={query ?? {}} columns={columns} caption={t(title)} rowId={(r) => String(r[keyField.name])} maxHeight="55vh" pageSize={100} reloadKey={version} defaultSort={{ id: keyField.name, desc: false }} />
        ) : rows.loading && !rows.data ? (
          <Loading />
        ) : (
          <DataGrid columns={columns} data={itemsOf(rows.data)} caption={t(title)} rowId={(r) => String(r[keyField.name])} maxHeight="55vh" />
        )}
      </Section>
      {editing !== undefined && (
        <Section title={editing ? t('common.editing', { code: editing }) : t('common.newRow')}>
          <form noValidate
            className="form-grid form-grid-4"
            onSubmit={(e) => {
              e.preventDefault();
              void save.run();
            }}
            aria-label={editing ? t('common.editing', { code: editing }) : t('common.newRow')}
          >
            <ErrorBox error={save.error || remove.error} shown={Object.keys(errs)} />
            {fields.map((f) => (
              <FieldInput key={f.name} f={f} value={form[f.name]} onChange={(v) => setForm({ ...form, [f.name]: v })} error={errs[`/${f.name}`]} disabled={f.key && !!editing} />
            ))}
            <div className="form-actions span-all">
              <ActionButton action={save} type="submit">
                {t('common.save')}
              </ActionButton>
              <button type="button" className="btn" onClick={() => setEditing(undefined)}>
                {t('common.cancel')}
              </button>
              {canDelete && editing && (
                <ActionButton action={remove} className="btn btn-danger-ghost" onClick={() => void remove.run(editing)}>
                  {t('common.delete')}
                </ActionButton>
              )}
            </div>
          </form>
        </Section>
      )}
    </>
  );
}

// ---- the tables ----------------------------------------------------------------------

/** the item grid's columns the server sorts by (GET /api/items ?sort) */
const ITEM_SORT_KEYS = { code: 'code', description: 'description', uom: 'uom', itemType: 'itemType', merchandiseCategory: 'merchandiseCategory' };

function ItemsTable() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const fields: FieldSpec[] = [
    { name: 'code', label: 'common.code', required: true, key: true },
    { name: 'description', label: 'common.description', required: true },
    { name: 'uom', label: 'common.uom', required: true },
    { name: 'itemType', label: 'items.itemType', nullable: true },
    { name: 'fiscalCategory', label: 'items.fiscalCategory', nullable: true },
    { name: 'merchandiseCategory', label: 'items.merchandiseCategory', nullable: true },
    { name: 'fiscalInterest', label: 'items.fiscalInterest', type: 'bool', default: true },
    { name: 'lotManaged', label: 'items.lotManaged', type: 'bool' },
    { name: 'serialManaged', label: 'items.serialManaged', type: 'bool' },
    { name: 'barcodes', label: 'items.barcodes', type: 'list' },
    { name: 'standardCost', label: 'items.standardCost', type: 'decimal' },
    { name: 'averageCost', label: 'items.averageCost', type: 'decimal', inGrid: false },
    { name: 'lastCost', label: 'items.lastCost', type: 'decimal' },
    { name: 'salePrice', label: 'items.salePrice', type: 'decimal', inGrid: false },
    ...ITEM_ACCOUNT_FIELDS,
    { name: 'variants', label: 'items.variants', type: 'variants' },
  ];
  const variants: GridColumn<Row>[] = [{ id: 'variants', header: t('items.variants'), value: (r) => ((r as unknown as Item).variants ?? []).map((v) => v.code).join(', ') }];
  return (
    <>
      <form noValidate
        className="filters card"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(q);
        }}
      >
        <TextField label={t('items.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.search')}
          </button>
        </div>
      </form>
      <CrudTable path="/api/items" title="config.items" fields={fields} query={{ q: query }} extraColumns={variants} canDelete sortKeys={ITEM_SORT_KEYS} />
    </>
  );
}

function AreasTable() {
  const { t } = useI18n();
  return (
    <CrudTable
      path="/api/management-areas"
      title="config.managementAreas"
      fields={[
        { name: 'code', label: 'common.code', required: true, key: true },
        { name: 'description', label: 'common.description', required: true },
        { name: 'method', label: 'closing.method', type: 'select', required: true, options: AREA_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) })), default: 'average' },
      ]}
    />
  );
}

function WarehousesTable() {
  const { t } = useI18n();
  const { user } = useSession();
  const areas = useManagementAreas();
  const warehouses = useWarehouses();
  const [wh, setWh] = useState('');
  const locations = useLoad(() => api.get<Page<Location>>(`/api/warehouses/${encodeURIComponent(wh)}/locations`, { limit: 5000 }), [wh], !!wh);
  const [loc, setLoc] = useState({ code: '', description: '', parent: '' });
  const addLoc = useAction(async () => {
    await api.post(`/api/warehouses/${encodeURIComponent(wh)}/locations`, { code: loc.code.trim(), description: loc.description.trim(), parent: loc.parent || null });
    setLoc({ code: '', description: '', parent: '' });
    locations.reload();
  });
  const errs = fieldErrors(addLoc.error);
  const locColumns = useMemo<GridColumn<Location>[]>(
    () => [
      { id: 'code', header: t('common.code'), value: (r) => r.code },
      { id: 'description', header: t('common.description'), value: (r) => r.description },
      { id: 'parent', header: t('loc.parent'), value: (r) => r.parent ?? '' },
    ],
    [t],
  );
  return (
    <>
      <CrudTable
        path="/api/warehouses"
        title="config.warehouses"
        fields={[
          { name: 'code', label: 'common.code', required: true, key: true },
          { name: 'description', label: 'common.description', required: true },
          { name: 'managementArea', label: 'history.managementArea', type: 'select', options: optionsOf(areas, (a) => a.description), nullable: true },
          { name: 'validUntil', label: 'wh.validUntil', type: 'date', nullable: true },
        ]}
      />
      <Section title={t('loc.title')}>
        <SelectField label={t('common.warehouse')} value={wh} onChange={(e) => setWh(e.target.value)} options={optionsOf(warehouses, (w) => w.description)} blank="—" />
        {wh && (
          <>
            <ErrorBox error={locations.error} />
            <DataGrid columns={locColumns} data={itemsOf(locations.data)} caption={t('loc.title')} rowId={(r) => r.code} maxHeight="40vh" />
            {allowed(user, 'masterData') && (
              <form noValidate
                className="form-row"
                onSubmit={(e) => {
                  e.preventDefault();
                  void addLoc.run();
                }}
                aria-label={t('loc.add')}
              >
                <ErrorBox error={addLoc.error} shown={Object.keys(errs)} />
                <TextField label={t('common.code')} required value={loc.code} onChange={(e) => setLoc({ ...loc, code: e.target.value })} error={errs['/code']} />
                <TextField label={t('common.description')} required value={loc.description} onChange={(e) => setLoc({ ...loc, description: e.target.value })} error={errs['/description']} />
                <SelectField label={t('loc.parent')} value={loc.parent} onChange={(e) => setLoc({ ...loc, parent: e.target.value })} options={itemsOf(locations.data).map((l) => ({ value: l.code, label: `${l.code} — ${l.description}` }))} blank="—" error={errs['/parent']} />
                <div className="form-actions">
                  <ActionButton action={addLoc} type="submit">
                    + {t('loc.add')}
                  </ActionButton>
                </div>
              </form>
            )}
          </>
        )}
      </Section>
    </>
  );
}

function TemplatesTable() {
  const { t } = useI18n();
  const { search } = useRouter();
  const warehouses = useWarehouses();
  const [wh, setWh] = useState(search.get('warehouse') ?? '');
  useEffect(() => {
    if (!wh && warehouses.length) setWh(warehouses[0].code);
  }, [wh, warehouses]);
  const fields: FieldSpec[] = [
    { name: 'code', label: 'common.code', required: true, key: true },
    { name: 'description', label: 'common.description', required: true },
    {
      name: 'type',
      label: 'tpl.type',
      type: 'select',
      required: true,
      default: 'load',
      options: [
        { value: 'load', label: t('tpl.load') },
        { value: 'unload', label: t('tpl.unload') },
      ],
    },
    { name: 'proposedCost', label: 'tpl.proposedCost', type: 'select', required: true, default: 'none', options: PROPOSED_COSTS.map((p) => ({ value: p, label: t(`proposed.${p}`) })) },
    ...TEMPLATE_FLAGS.map((f): FieldSpec => ({ name: f, label: `tpl.${f}`, type: 'bool', default: f === 'fiscalInterest', inGrid: ['physicalInventory', 'oddments', 'fiscalInterest'].includes(f) })),
    { name: 'offsetWarehouse', label: 'tpl.offsetWarehouse', type: 'select', options: optionsOf(warehouses, (w) => w.description), nullable: true, inGrid: false },
    { name: 'offsetTemplate', label: 'tpl.offsetTemplate', nullable: true, inGrid: false },
    { name: 'defaultLocation', label: 'tpl.defaultLocation', nullable: true, inGrid: false },
    ...TEMPLATE_ACCOUNT_FIELDS,
  ];
  return (
    <>
      <div className="card">
        <SelectField label={t('common.warehouse')} value={wh} onChange={(e) => setWh(e.target.value)} options={optionsOf(warehouses, (w) => w.description)} />
      </div>
      {wh && <CrudTable key={wh} path={`/api/warehouses/${encodeURIComponent(wh)}/templates`} title="config.templates" fields={fields} />}
    </>
  );
}

function YearParamsForm() {
  const { t } = useI18n();
  const { user } = useSession();
  const warehouses = useWarehouses();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const params = useLoad(async () => {
    try {
      return await api.get<YearParams>(`/api/year-params/${year}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  }, [year], /^\d{4}$/.test(year));
  const blank = (): YearParams => ({ lastClosingDate: null, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, allowNegativeStock: false, valuePerWarehouse: false, warehouses: [] });
  const [form, setForm] = useState<YearParams>(blank);
  useEffect(() => {
    if (!params.loading) setForm(params.data ?? blank());
  }, [params.data, params.loading]);
  type WarehouseFlags = YearParams['warehouses'][number];
  const flagsOf = (code: string): WarehouseFlags => form.warehouses.find((w) => w.warehouse === code) ?? ({ warehouse: code, ...Object.fromEntries(WAREHOUSE_YEAR_FLAGS.map((f) => [f, false])) } as WarehouseFlags);
  const setFlag = (code: string, flag: string, on: boolean) => {
    const rest = form.warehouses.filter((w) => w.warehouse !== code);
    setForm({ ...form, warehouses: [...rest, { ...flagsOf(code), [flag]: on }] });
  };
  const save = useAction(async () => {
    const body = {
      lastClosingDate: form.lastClosingDate || null,
      periodStart: form.periodStart,
      periodEnd: form.periodEnd,
      allowNegativeStock: form.allowNegativeStock,
      valuePerWarehouse: form.valuePerWarehouse,
      warehouses: form.warehouses.map((w) => ({ warehouse: w.warehouse, ...Object.fromEntries(WAREHOUSE_YEAR_FLAGS.map((f) => [f, !!w[f]])) })),
    };
    const saved = await api.put<YearParams>(`/api/year-params/${year}`, body);
    params.setData(saved);
  });
  const errs = fieldErrors(save.error);
  const editable = allowed(user, 'masterData');
  return (
    <form noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
      aria-label={t('config.yearParams')}
    >
      <div className="card form-grid form-grid-4">
        <TextField label={t('common.year')} inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
        <DateField label={t('yp.lastClosingDate')} value={form.lastClosingDate ?? ''} onChange={(v) => setForm({ ...form, lastClosingDate: v || null })} error={errs['/lastClosingDate']} disabled={!editable} />
        <DateField label={t('yp.periodStart')} required value={form.periodStart} onChange={(v) => setForm({ ...form, periodStart: v })} error={errs['/periodStart']} disabled={!editable} />
        <DateField label={t('yp.periodEnd')} required value={form.periodEnd} onChange={(v) => setForm({ ...form, periodEnd: v })} error={errs['/periodEnd']} disabled={!editable} />
        <CheckField label={t('yp.allowNegativeStock')} checked={form.allowNegativeStock} onChange={(v) => setForm({ ...form, allowNegativeStock: v })} disabled={!editable} />
        <CheckField label={t('yp.valuePerWarehouse')} checked={form.valuePerWarehouse} onChange={(v) => setForm({ ...form, valuePerWarehouse: v })} disabled={!editable} />
        {params.loading && <Loading />}
        {!params.loading && !params.data && <p className="hint span-2">{t('yp.none', { year })}</p>}
      </div>
      <ErrorBox error={params.error || save.error} shown={Object.keys(errs)} />
      <Section title={t('yp.perWarehouse')}>
        <div className="grid-wrap" tabIndex={0} role="region" aria-label={t('yp.perWarehouse')}>
          <table className="grid grid-checks">
            <caption className="sr-only">{t('yp.perWarehouse')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.warehouse')}</th>
                {WAREHOUSE_YEAR_FLAGS.map((f) => (
                  <th scope="col" key={f}>
                    {t(`yp.${f}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {warehouses.map((w) => (
                <tr key={w.code}>
                  <th scope="row">{w.code}</th>
                  {WAREHOUSE_YEAR_FLAGS.map((f) => (
                    <td key={f} className="center">
                      <input type="checkbox" checked={!!flagsOf(w.code)[f]} onChange={(e) => setFlag(w.code, f, e.target.checked)} aria-label={`${w.code}: ${t(`yp.${f}`)}`} disabled={!editable} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editable && (
          <div className="form-actions">
            <ActionButton action={save} type="submit">
              {t('common.save')}
            </ActionButton>
          </div>
        )}
      </Section>
    </form>
  );
}

/** SPEC §12: the optional templates of compensation, allowances and imputable shortages */
const YEARLY_TEMPLATE_FIELDS = [
  ['compensationLoadTemplate', 'sdp.compensationLoad', 'load'],
  ['compensationUnloadTemplate', 'sdp.compensationUnload', 'unload'],
  ['allowanceTemplate', 'sdp.allowance', 'unload'],
  ['imputableTemplate', 'sdp.imputable', 'unload'],
] as const satisfies readonly (readonly [string, MessageKey, 'load' | 'unload'])[];

type StockDiffForm = { loadTemplate: string; unloadTemplate: string } & { [F in (typeof YEARLY_TEMPLATE_FIELDS)[number][0]]?: string };

function StockDiffRow({ warehouse }: { warehouse: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const templates = useTemplates(warehouse).filter((x) => x.physicalInventory);
  const current = useLoad(async () => {
    try {
      return await api.get<StockDiffForm>(`/api/stock-difference-params/${encodeURIComponent(warehouse)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  }, [warehouse]);
  const [form, setForm] = useState<StockDiffForm>({ loadTemplate: '', unloadTemplate: '' });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data) setForm({ ...current.data });
  }, [current.data]);
  const save = useAction(async () => {
    setSaved(false);
    // an optional template left blank is not set (SPEC §12)
    const body = Object.fromEntries(Object.entries(form).filter(([k, v]) => k !== 'warehouse' && (v || k === 'loadTemplate' || k === 'unloadTemplate')));
    await api.put(`/api/stock-difference-params/${encodeURIComponent(warehouse)}`, body);
    setSaved(true);
  });
  const errs = fieldErrors(save.error);
  const editable = allowed(user, 'masterData');
  return (
    <form noValidate
      className="form-row"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
      aria-label={`${t('config.stockDiffParams')} ${warehouse}`}
    >
      <h3 className="span-all">
        {t('common.warehouse')} {warehouse}
      </h3>
      <ErrorBox error={current.error || save.error} shown={Object.keys(errs)} />
      <SelectField label={t('sdp.load')} value={form.loadTemplate} onChange={(e) => setForm({ ...form, loadTemplate: e.target.value })} options={optionsOf(templates.filter((x) => x.type === 'load'), (x) => x.description)} blank="—" error={errs['/loadTemplate']} disabled={!editable} />
      <SelectField label={t('sdp.unload')} value={form.unloadTemplate} onChange={(e) => setForm({ ...form, unloadTemplate: e.target.value })} options={optionsOf(templates.filter((x) => x.type === 'unload'), (x) => x.description)} blank="—" error={errs['/unloadTemplate']} disabled={!editable} />
      {YEARLY_TEMPLATE_FIELDS.map(([field, label, type]) => (
        <SelectField key={field} label={t(label)} value={form[field] ?? ''} onChange={(e) => setForm({ ...form, [field]: e.target.value })} options={optionsOf(templates.filter((x) => x.type === type), (x) => x.description)} blank="—" error={errs[`/${field}`]} disabled={!editable} />
      ))}
      {editable && (
        <div className="form-actions">
          <ActionButton action={save} type="submit">
            {t('common.save')}
          </ActionButton>
          {saved && <span role="status">{t('common.saved')}</span>}
        </div>
      )}
    </form>
  );
}

function StockDiffParams() {
  const { t } = useI18n();
  const warehouses = useWarehouses();
  return (
    <Section title={t('config.stockDiffParams')}>
      <p className="hint">{t('sdp.hint')}</p>
      {warehouses.map((w) => (
        <StockDiffRow key={w.code} warehouse={w.code} />
      ))}
    </Section>
  );
}

/** Count control settings per warehouse (SPEC §11): tolerances, recount, approval, per ABC class; and the warehouse's reason codes. */
import { useEffect, useId, useMemo, useState } from 'react';
import { api, ApiError, itemsOf, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { Link, useRouter } from '../router.tsx';
import { useAction, useLoad, useTitle } from '../hooks.ts';
import { formatDecimal, parseDecimalInput } from '../format.ts';
import { ActionButton, CheckField, ErrorBox, fieldErrors, Loading, Notice, Section, SelectField, TextField } from '../components/ui.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { optionsOf, useWarehouses } from '../lookups.ts';
import { ABC_CLASSES, type AbcClass, type CountControl, type ReasonCode } from '../types.ts';

/** SPEC §11: A 12, B 4, C 1 counts a year unless set. */
const DEFAULT_COUNTS: Record<AbcClass, number> = { A: 12, B: 4, C: 1 };

interface ClassForm {
  quantityTolerancePct: string;
  valueTolerance: string;
  countsPerYear: string;
}
interface Form {
  quantityTolerancePct: string;
  valueTolerance: string;
  recount: boolean;
  approval: boolean;
  classes: Record<AbcClass, ClassForm>;
}

const encode = (warehouse: string) => encodeURIComponent(warehouse);

export function CountControlScreen() {
  const { t } = useI18n();
  const { search, navigate } = useRouter();
  useTitle(t('cc.title'));
  const warehouses = useWarehouses();
  const warehouse = search.get('warehouse') ?? '';
  return (
    <div className="page">
      <nav className="crumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to="/">{t('nav.home')}</Link> › <Link to="/config">{t('home.config')}</Link>
      </nav>
      <h1>{t('cc.title')}</h1>
      <div className="card form-grid">
        <SelectField
          label={t('cc.warehouse')}
          value={warehouse}
          onChange={(e) => navigate(`/count-control${e.target.value ? `?warehouse=${encode(e.target.value)}` : ''}`, { replace: true })}
          options={optionsOf(warehouses, (w) => w.description)}
          blank="—"
          data-testid="cc-warehouse"
        />
      </div>
      {warehouse ? (
        <>
          <Settings key={`s-${warehouse}`} warehouse={warehouse} />
          <ReasonCodes key={`r-${warehouse}`} warehouse={warehouse} />
        </>
      ) : (
        <p className="muted">{t('cc.pickWarehouse')}</p>
      )}
    </div>
  );
}

function Settings({ warehouse }: { warehouse: string }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  // tolerances and reason codes: set by whoever runs inventories (the server's `inventory` permission)
  const canEdit = allowed(user, 'inventory');
  // a warehouse without settings answers 404: the form starts empty
  const loaded = useLoad(async () => {
    try {
      return await api.get<CountControl>(`/api/count-control/${encode(warehouse)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, [warehouse]);
  const [form, setForm] = useState<Form | undefined>();
  const [saved, setSaved] = useState(false);
  const [badFields, setBadFields] = useState<Record<string, string>>({});

  useEffect(() => {
    if (loaded.data === undefined) return;
    const d = loaded.data;
    const show = (v: string | null | undefined) => (v ? formatDecimal(v, lang) : '');
    const classes = Object.fromEntries(
      ABC_CLASSES.map((c) => {
        const row = d?.classes?.find((x) => x.class === c);
        return [c, { quantityTolerancePct: show(row?.quantityTolerancePct), valueTolerance: show(row?.valueTolerance), countsPerYear: String(row?.countsPerYear ?? DEFAULT_COUNTS[c]) }];
      }),
    ) as Record<AbcClass, ClassForm>;
    setForm({ quantityTolerancePct: show(d?.quantityTolerancePct), valueTolerance: show(d?.valueTolerance), recount: !!d?.recount, approval: !!d?.approval, classes });
    // the form is filled once per load; a language switch later does not retype what the user typed
  }, [loaded.data]);

  const save = useAction(async (f: Form) => {
    setSaved(false);
    const bad: Record<string, string> = {};
    const num = (path: string, text: string, optional: boolean): string | null => {
      if (text.trim() === '') {
        if (!optional) bad[path] = t('cc.badDecimal');
        return null;
      }
      const v = parseDecimalInput(text, lang);
      if (v === undefined) bad[path] = t('cc.badDecimal');
      return v ?? null;
    };
    const body = {
      quantityTolerancePct: num('/quantityTolerancePct', f.quantityTolerancePct, false),
      valueTolerance: num('/valueTolerance', f.valueTolerance, false),
      recount: f.recount,
      approval: f.approval,
      classes: ABC_CLASSES.map((c, i) => {
        const counts = f.classes[c].countsPerYear.trim();
        if (!/^\d+$/.test(counts)) bad[`/classes/${i}/countsPerYear`] = t('cc.badDecimal');
        return {
          class: c,
          quantityTolerancePct: num(`/classes/${i}/quantityTolerancePct`, f.classes[c].quantityTolerancePct, true),
          valueTolerance: num(`/classes/${i}/valueTolerance`, f.classes[c].valueTolerance, true),
          countsPerYear: Number(counts),
        };
      }),
    };
    setBadFields(bad);
    if (Object.keys(bad).length > 0) return;
    const answer = await api.put<CountControl>(`/api/count-control/${encode(warehouse)}`, body);
    loaded.setData(answer ?? body);
    setSaved(true);
  });
  const errs = { ...fieldErrors(save.error), ...badFields };

  if (loaded.error) return <ErrorBox error={loaded.error} />;
  if (!form) return <Loading />;
  const setClass = (c: AbcClass, patch: Partial<ClassForm>) => setForm({ ...form, classes: { ...form.classes, [c]: { ...form.classes[c], ...patch } } });

  return (
    <Section title={t('cc.settings')}>
      <form
        noValidate
        className="form-grid form-grid-4"
        aria-label={t('cc.settings')}
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(form);
        }}
      >
        <ErrorBox error={save.error} shown={Object.keys(errs)} />
        {loaded.data === null && <Notice>{t('cc.notSet')}</Notice>}
        {saved && <Notice kind="success">{t('common.saved')}</Notice>}
        <TextField label={t('cc.qtyPct')} hint={t('cc.qtyPctHint')} inputMode="decimal" required value={form.quantityTolerancePct} onChange={(e) => setForm({ ...form, quantityTolerancePct: e.target.value })} error={errs['/quantityTolerancePct']} disabled={!canEdit} data-testid="cc-qty-pct" />
        <TextField label={t('cc.value')} hint={t('cc.valueHint')} inputMode="decimal" required value={form.valueTolerance} onChange={(e) => setForm({ ...form, valueTolerance: e.target.value })} error={errs['/valueTolerance']} disabled={!canEdit} data-testid="cc-value" />
        <CheckField label={t('cc.recount')} checked={form.recount} onChange={(recount) => setForm({ ...form, recount })} disabled={!canEdit} data-testid="cc-recount" />
        <CheckField label={t('cc.approval')} checked={form.approval} onChange={(approval) => setForm({ ...form, approval })} disabled={!canEdit} data-testid="cc-approval" />
        <fieldset className="span-all">
          <legend>{t('cc.classes')}</legend>
          <p className="hint">{t('cc.classesHint')}</p>
          <div className="grid-wrap">
            <table className="grid class-tolerances">
              <caption className="sr-only">{t('cc.classes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cc.class')}</th>
                  <th scope="col">{t('cc.qtyPct')}</th>
                  <th scope="col">{t('cc.value')}</th>
                  <th scope="col">{t('cc.countsPerYear')}</th>
                </tr>
              </thead>
              <tbody>
                {ABC_CLASSES.map((c, i) => (
                  <tr key={c}>
                    <th scope="row">{t('cc.classN', { class: c })}</th>
                    <td>
                      <CellInput label={`${t('cc.classN', { class: c })} · ${t('cc.qtyPct')}`} value={form.classes[c].quantityTolerancePct} onChange={(v) => setClass(c, { quantityTolerancePct: v })} error={errs[`/classes/${i}/quantityTolerancePct`]} disabled={!canEdit} testId={`cc-class-${c}-pct`} />
                    </td>
                    <td>
                      <CellInput label={`${t('cc.classN', { class: c })} · ${t('cc.value')}`} value={form.classes[c].valueTolerance} onChange={(v) => setClass(c, { valueTolerance: v })} error={errs[`/classes/${i}/valueTolerance`]} disabled={!canEdit} testId={`cc-class-${c}-value`} />
                    </td>
                    <td>
                      <CellInput label={`${t('cc.classN', { class: c })} · ${t('cc.countsPerYear')}`} numeric value={form.classes[c].countsPerYear} onChange={(v) => setClass(c, { countsPerYear: v })} error={errs[`/classes/${i}/countsPerYear`]} disabled={!canEdit} testId={`cc-class-${c}-counts`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        {canEdit && (
          <div className="form-actions span-all">
            <ActionButton action={save} type="submit" testId="cc-save" busyLabel={t('common.saving')}>
              {t('common.save')}
            </ActionButton>
          </div>
        )}
      </form>
    </Section>
  );
}

/** An input in a table cell: labelled for screen readers, its error under it. */
function CellInput({ label, value, onChange, error, disabled, numeric, testId }: { label: string; value: string; onChange: (v: string) => void; error?: string; disabled?: boolean; numeric?: boolean; testId: string }) {
  const id = useId();
  return (
    <>
      <input id={id} className="cell-input" aria-label={label} inputMode={numeric ? 'numeric' : 'decimal'} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} data-testid={testId} />
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </>
  );
}

function ReasonCodes({ warehouse }: { warehouse: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const path = `/api/reason-codes/${encode(warehouse)}`;
  const codes = useLoad(async () => itemsOf(await api.get<Page<ReasonCode> | ReasonCode[]>(path, { limit: 1000 })), [path]);
  const [form, setForm] = useState({ code: '', description: '' });
  const add = useAction(async () => {
    await api.post<ReasonCode>(path, { code: form.code.trim(), description: form.description.trim() });
    setForm({ code: '', description: '' });
    codes.reload();
  });
  const errs = fieldErrors(add.error);
  const columns = useMemo<GridColumn<ReasonCode>[]>(
    () => [
      { id: 'code', header: t('common.code'), value: (r) => r.code },
      { id: 'description', header: t('common.description'), value: (r) => r.description },
    ],
    [t],
  );
  return (
    <Section title={t('cc.reasons')}>
      <ErrorBox error={codes.error} />
      {codes.loading && !codes.data ? <Loading /> : <DataGrid columns={columns} data={codes.data ?? []} caption={t('cc.reasons')} rowId={(r) => r.code} testId="reason-grid" />}
      {allowed(user, 'inventory') && (
        <form
          noValidate
          className="form-row"
          aria-label={t('cc.newReason')}
          onSubmit={(e) => {
            e.preventDefault();
            void add.run();
          }}
        >
          <h3 className="span-all">{t('cc.newReason')}</h3>
          <ErrorBox error={add.error} shown={Object.keys(errs)} />
          <TextField label={t('common.code')} required value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} error={errs['/code']} data-testid="reason-code" />
          <TextField label={t('common.description')} required value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} error={errs['/description']} data-testid="reason-description" />
          <div className="form-actions">
            <ActionButton action={add} type="submit" testId="reason-add">
              + {t('cc.addReason')}
            </ActionButton>
          </div>
        </form>
      )}
    </Section>
  );
}

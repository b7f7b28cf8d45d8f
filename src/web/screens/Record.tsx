/**
 * A warehouse record: header + lines, with the template's proposed cost shown
 * for lines without a cost, lots and serials where the item needs them, and
 * the server's rule errors shown on the fields they concern (/lines/2/lot...).
 */
import { useEffect, useId, useMemo, useState, type InputHTMLAttributes } from 'react';
import { ItemPicker } from '../components/ItemPicker.tsx';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { Link, useRouter } from '../router.tsx';
import { useAction, useLoad, useTitle } from '../hooks.ts';
import { formatDate, formatDecimal, todayIso } from '../format.ts';
import { NumberReader } from '../number-input.ts';
import { sumDecimals } from '../decimal.ts';
import { ActionButton, Badge, ConfirmDialog, ErrorBox, fieldErrors, Loading, Notice, Section, SelectField, TextArea, TextField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { optionsOf, useTemplates, useWarehouses } from '../lookups.ts';
import type { Item, StockRecord } from '../types.ts';

interface LineForm {
  key: number;
  item: string;
  variant: string;
  quantity: string;
  unitCost: string;
  amount: string;
  location: string;
  lot: string;
  serials: string;
  jobOrder: string;
  account: string;
  notes: string;
  /** the item code last taken (Enter, a suggestion, leaving the field): the one looked up, not every keystroke */
  picked: string;
}

let nextKey = 1;
const emptyLine = (): LineForm => ({ key: nextKey++, item: '', variant: '', quantity: '', unitCost: '', amount: '', location: '', lot: '', serials: '', jobOrder: '', account: '', notes: '', picked: '' });

/** One editable cell of the lines grid: an input named by its column, its error under it. */
function CellInput({ label, error, className, ...input }: { label: string; error?: string; className?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={`cell-field ${error ? 'has-error' : ''} ${className ?? ''}`}>
      <input id={id} aria-label={label} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...input} />
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

export function RecordScreen({ id }: { id?: number }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const { navigate } = useRouter();
  const record = useLoad(() => api.get<StockRecord>(`/api/records/${id}`), [id], id !== undefined);
  useTitle(id ? t('rec.one', { id }) : t('rec.new'));
  const warehouses = useWarehouses();
  const [head, setHead] = useState({ warehouse: '', template: '', date: todayIso(), internalDocument: '', internalDocumentDate: '', referenceDocument: '', account: '', jobOrder: '', notes: '' });
  const [lines, setLines] = useState<LineForm[]>([emptyLine()]);
  const [items, setItems] = useState<Record<string, Item | null>>({});
  const [saved, setSaved] = useState<StockRecord | undefined>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const templates = useTemplates(head.warehouse || undefined);
  const template = templates.find((x) => x.code === head.template);
  const editable = allowed(user, 'post') && (!record.data || record.data.origin === 'manual' || record.data.origin === 'import');

  useEffect(() => {
    const r = record.data;
    if (!r) return;
    setHead({ warehouse: r.warehouse, template: r.template, date: r.date, internalDocument: r.internalDocument ?? '', internalDocumentDate: r.internalDocumentDate ?? '', referenceDocument: r.referenceDocument ?? '', account: r.account ?? '', jobOrder: r.jobOrder ?? '', notes: r.notes ?? '' });
    setLines(
      r.lines.map((l) => ({
        key: nextKey++,
        item: l.item,
        variant: l.variant ?? '',
        // in the form as the user types them (read back by the same language's rules when saved)
        quantity: formatDecimal((l.quantity ?? '').replace(/^-/, ''), lang),
        unitCost: formatDecimal(l.unitCost ?? '', lang),
        amount: formatDecimal((l.amount ?? '').replace(/^-/, ''), lang),
        location: l.location ?? '',
        lot: l.lot ?? '',
        serials: (l.serials ?? (l.serial ? [l.serial] : [])).join(', '),
        jobOrder: l.jobOrder ?? '',
        account: l.account ?? '',
        notes: l.notes ?? '',
        picked: l.item,
      })),
    );
    // the language at loading: a switch later does not reset what is being edited
  }, [record.data]);

  // the items of the lines, to show descriptions, units and what they need (lot, serials)
  const codes = useMemo(() => [...new Set(lines.map((l) => l.picked.trim()).filter(Boolean))], [lines]);
  useEffect(() => {
    for (const code of codes) {
      if (code in items) continue;
      setItems((m) => ({ ...m, [code]: null }));
      api.get<Item>(`/api/items/${encodeURIComponent(code)}`).then(
        (it) => setItems((m) => ({ ...m, [code]: it })),
        () => setItems((m) => ({ ...m, [code]: null })),
      );
    }
  }, [codes, items]);

  const body = () => {
    const numbers = new NumberReader(lang, t('error.number'));
    const out = {
      warehouse: head.warehouse,
      template: head.template,
      date: head.date,
      internalDocument: head.internalDocument || undefined,
      internalDocumentDate: head.internalDocumentDate || undefined,
      referenceDocument: head.referenceDocument || undefined,
      account: head.account || undefined,
      jobOrder: head.jobOrder || undefined,
      notes: head.notes || undefined,
      lines: lines.map((l, i) => ({
        item: l.item.trim(),
        variant: l.variant.trim() || undefined,
        quantity: numbers.read(l.quantity, `/lines/${i}/quantity`) ?? '',
        unitCost: numbers.read(l.unitCost, `/lines/${i}/unitCost`),
        amount: numbers.read(l.amount, `/lines/${i}/amount`),
        location: l.location.trim() || undefined,
        lot: l.lot.trim() || undefined,
        serials: l.serials.trim() ? l.serials.split(/[\s,;]+/).filter(Boolean) : undefined,
        jobOrder: l.jobOrder.trim() || undefined,
        account: l.account.trim() || undefined,
        notes: l.notes.trim() || undefined,
      })),
    };
    numbers.check(t('error.numbers'));
    return out;
  };

  const save = useAction(async () => {
    setSaved(undefined);
    const answer = id === undefined ? await api.post<StockRecord>('/api/records', body()) : await api.put<StockRecord>(`/api/records/${id}`, body());
    setSaved(answer);
    if (id === undefined) navigate(`/records/${answer.id}`, { replace: true });
    else record.setData(answer);
  });
  const del = useAction(async () => {
    await api.del(`/api/records/${id}`);
    navigate('/records', { replace: true });
  });
  const errs = fieldErrors(save.error);
  const setLine = (key: number, patch: Partial<LineForm>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  if (id !== undefined && record.error) return <div className="page"><ErrorBox error={record.error} /></div>;
  if (id !== undefined && !record.data) return <Loading />;
  const r = record.data;
  const proposedHint = (it: Item | null | undefined) => {
    if (!template) return undefined;
    const method = template.proposedCost;
    const known = it && method === 'standard' ? it.standardCost : it && method === 'salePrice' ? it.salePrice : undefined;
    return known ? t('rec.proposedKnown', { method: t(`proposed.${method}` as never), cost: formatDecimal(known, lang) }) : t('rec.proposed', { method: t(`proposed.${method}` as never) });
  };

  return (
    <div className="page">
      <nav className="crumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to="/">{t('nav.home')}</Link> › <Link to="/records">{t('rec.title')}</Link>
      </nav>
      <div className="page-head">
        <h1>{r ? t('rec.label', { warehouse: r.warehouse, template: r.template, date: formatDate(r.date, lang), number: r.number }) : t('rec.new')}</h1>
        {r && <Badge kind="info">{t(`rec.origin.${r.origin}` as never)}</Badge>}
        {r?.inventoryId && <Link to={`/inventories/${r.inventoryId}`}>{t('rec.fromInventory', { id: r.inventoryId })}</Link>}
        {r?.offsetRecordId && <Link to={`/records/${r.offsetRecordId}`}>{t('rec.offset', { id: r.offsetRecordId })}</Link>}
        {r?.mirrorOf && <Link to={`/records/${r.mirrorOf}`}>{t('rec.mirrorOf', { id: r.mirrorOf })}</Link>}
      </div>
      {saved && <Notice kind="success">{t('common.saved')}</Notice>}
      <form noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
        aria-label={t('rec.form')}
      >
        <ErrorBox error={save.error} shown={Object.keys(errs)} />
        <Section title={t('rec.header')}>
          <div className="form-grid form-grid-4">
            <SelectField label={t('common.warehouse')} required value={head.warehouse} onChange={(e) => setHead({ ...head, warehouse: e.target.value, template: '' })} options={optionsOf(warehouses, (w) => w.description)} blank="—" error={errs['/warehouse']} disabled={!editable} />
            <SelectField
              label={t('common.template')}
              required
              value={head.template}
              onChange={(e) => setHead({ ...head, template: e.target.value })}
              options={templates.map((x) => ({ value: x.code, label: `${x.code} — ${x.description} (${t(x.type === 'load' ? 'tpl.load' : 'tpl.unload')})` }))}
              blank="—"
              error={errs['/template']}
              disabled={!editable || !head.warehouse}
            />
            <DateField label={t('common.date')} required value={head.date} onChange={(v) => setHead({ ...head, date: v })} error={errs['/date']} disabled={!editable} />
            <TextField label={t('rec.internalDocument')} value={head.internalDocument} onChange={(e) => setHead({ ...head, internalDocument: e.target.value })} error={errs['/internalDocument']} disabled={!editable} />
            <DateField label={t('rec.internalDocumentDate')} value={head.internalDocumentDate} onChange={(v) => setHead({ ...head, internalDocumentDate: v })} error={errs['/internalDocumentDate']} disabled={!editable} />
            <TextField label={t('rec.referenceDocument')} value={head.referenceDocument} onChange={(e) => setHead({ ...head, referenceDocument: e.target.value })} error={errs['/referenceDocument']} disabled={!editable} />
            <TextField label={t('common.account')} value={head.account} onChange={(e) => setHead({ ...head, account: e.target.value })} error={errs['/account']} disabled={!editable} />
            <TextField label={t('common.jobOrder')} value={head.jobOrder} onChange={(e) => setHead({ ...head, jobOrder: e.target.value })} error={errs['/jobOrder']} disabled={!editable} />
            <TextArea label={t('common.notes')} value={head.notes} onChange={(e) => setHead({ ...head, notes: e.target.value })} error={errs['/notes']} disabled={!editable} className="span-all" rows={2} />
          </div>
          {template && (
            <p className="hint">
              {t(template.type === 'load' ? 'tpl.load' : 'tpl.unload')} · {t('rec.proposed', { method: t(`proposed.${template.proposedCost}` as never) })}
              {template.lotManagement && ` · ${t('tpl.lotManagement')}`}
              {template.mandatoryDocument && ` · ${t('tpl.mandatoryDocument')}`}
              {template.mandatoryAccount && ` · ${t('tpl.mandatoryAccount')}`}
              {template.offsetWarehouse && ` · ${t('rec.offsetTo', { warehouse: template.offsetWarehouse, template: template.offsetTemplate ?? '' })}`}
            </p>
          )}
        </Section>
        <Section title={t('rec.linesTitle', { n: lines.length })}>
          {errs['/lines'] && <p className="field-error">{errs['/lines']}</p>}
          <div className="grid-wrap record-lines-wrap" tabIndex={0} role="region" aria-label={t('rec.linesGrid')}>
            <table className="grid grid-compact record-lines" data-testid="record-lines">
              <caption className="sr-only">{t('rec.linesGrid')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num compact">#</th>
                  <th scope="col">{t('common.item')}</th>
                  <th scope="col">{t('common.variant')}</th>
                  <th scope="col" className="num">{t('common.quantity')}</th>
                  <th scope="col" className="num">{t('common.unitCost')}</th>
                  <th scope="col" className="num">{t('rec.amount')}</th>
                  <th scope="col">{t('common.location')}</th>
                  <th scope="col">{t('common.lot')}</th>
                  <th scope="col">{t('rec.serials')}</th>
                  <th scope="col">{t('common.jobOrder')}</th>
                  <th scope="col">{t('common.account')}</th>
                  <th scope="col">{t('common.notes')}</th>
                  {editable && (
                    <th scope="col" className="compact">
                      <span className="sr-only">{t('common.delete')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {lines.map((l, i) => {
                  const it = items[l.picked.trim()];
                  const p = `/lines/${i}`;
                  const saved = r?.lines[i];
                  return (
                    <tr key={l.key} className="record-line" aria-label={t('rec.lineN', { n: i + 1 })}>
                      <th scope="row" className="num compact">
                        {i + 1}
                      </th>
                      <td className="item-cell">
                        <ItemPicker
                          label={t('common.item')}
                          hideLabel
                          required
                          value={l.item}
                          onChange={(item) => setLine(l.key, { item })}
                          onPick={(picked) => setLine(l.key, { picked })}
                          error={errs[`${p}/item`]}
                          disabled={!editable}
                        />
                        {it && (
                          <small className="muted line-item">
                            {it.description} · {it.uom}
                            {it.lotManaged && ` · ${t('items.lotManaged')}`}
                            {it.serialManaged && ` · ${t('items.serialManaged')}`}
                          </small>
                        )}
                        {errs[p] && <small className="field-error">{errs[p]}</small>}
                      </td>
                      <td>
                        {it && it.variants.length > 0 ? (
                          <select aria-label={t('common.variant')} value={l.variant} onChange={(e) => setLine(l.key, { variant: e.target.value })} disabled={!editable} aria-invalid={errs[`${p}/variant`] ? true : undefined}>
                            <option value="">—</option>
                            {it.variants.map((v) => (
                              <option key={v.code} value={v.code}>{`${v.code} — ${v.description}`}</option>
                            ))}
                          </select>
                        ) : (
                          <CellInput label={t('common.variant')} value={l.variant} onChange={(e) => setLine(l.key, { variant: e.target.value })} error={errs[`${p}/variant`]} disabled={!editable} />
                        )}
                      </td>
                      <td className="num">
                        <CellInput label={t('common.quantity')} required inputMode="decimal" value={l.quantity} onChange={(e) => setLine(l.key, { quantity: e.target.value })} error={errs[`${p}/quantity`]} disabled={!editable} />
                      </td>
                      <td className="num">
                        <CellInput
                          label={t('common.unitCost')}
                          inputMode="decimal"
                          value={l.unitCost}
                          onChange={(e) => setLine(l.key, { unitCost: e.target.value })}
                          error={errs[`${p}/unitCost`]}
                          title={!l.unitCost ? proposedHint(it) : undefined}
                          placeholder={template ? t(`proposed.${template.proposedCost}` as never) : undefined}
                          disabled={!editable}
                        />
                      </td>
                      <td className="num">
                        <CellInput label={t('rec.amount')} inputMode="decimal" value={l.amount} onChange={(e) => setLine(l.key, { amount: e.target.value })} error={errs[`${p}/amount`]} disabled={!editable} title={saved ? `${t('rec.posted')}: ${formatDecimal(saved.amount, lang)}` : undefined} />
                      </td>
                      <td>
                        <CellInput label={t('common.location')} value={l.location} onChange={(e) => setLine(l.key, { location: e.target.value })} error={errs[`${p}/location`]} disabled={!editable} />
                      </td>
                      <td>
                        <CellInput label={t('common.lot')} value={l.lot} onChange={(e) => setLine(l.key, { lot: e.target.value })} error={errs[`${p}/lot`]} required={!!it?.lotManaged && !!template?.lotManagement} disabled={!editable} />
                      </td>
                      <td>
                        <CellInput label={t('rec.serials')} value={l.serials} onChange={(e) => setLine(l.key, { serials: e.target.value })} error={errs[`${p}/serials`] ?? errs[`${p}/serial`]} title={it?.serialManaged ? t('rec.serialsHint') : undefined} disabled={!editable} />
                      </td>
                      <td>
                        <CellInput label={t('common.jobOrder')} value={l.jobOrder} onChange={(e) => setLine(l.key, { jobOrder: e.target.value })} error={errs[`${p}/jobOrder`]} disabled={!editable} />
                      </td>
                      <td>
                        <CellInput label={t('common.account')} value={l.account} onChange={(e) => setLine(l.key, { account: e.target.value })} error={errs[`${p}/account`]} disabled={!editable} />
                      </td>
                      <td>
                        <CellInput label={t('common.notes')} value={l.notes} onChange={(e) => setLine(l.key, { notes: e.target.value })} error={errs[`${p}/notes`]} disabled={!editable} className="wide" />
                      </td>
                      {editable && (
                        <td className="compact">
                          {lines.length > 1 && (
                            <button type="button" className="btn btn-small btn-danger-ghost" onClick={() => setLines(lines.filter((x) => x.key !== l.key))} aria-label={t('rec.removeLine', { n: i + 1 })}>
                              ×
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {r && (
            <p className="totals-line">
              {t('rec.total')}: <strong>{formatDecimal(sumDecimals(r.lines.map((x) => x.amount)), lang)}</strong>
            </p>
          )}
          {editable && (
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => setLines([...lines, emptyLine()])}>
                + {t('rec.addLine')}
              </button>
              <ActionButton action={save} type="submit" testId="save-record" busyLabel={t('common.saving')}>
                {id === undefined ? t('rec.post') : t('common.save')}
              </ActionButton>
              {id !== undefined && (
                <button type="button" className="btn btn-danger-ghost" onClick={() => setConfirmDelete(true)}>
                  {t('common.delete')}
                </button>
              )}
            </div>
          )}
        </Section>
      </form>
      <ConfirmDialog open={confirmDelete} title={t('rec.deleteTitle')} confirmLabel={t('common.delete')} danger busy={del.busy} onCancel={() => setConfirmDelete(false)} onConfirm={() => void del.run()}>
        <p>{t('rec.deleteText')}</p>
        {del.error instanceof ApiError ? <ErrorBox error={del.error} /> : null}
      </ConfirmDialog>
    </div>
  );
}

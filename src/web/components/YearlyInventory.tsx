/**
 * The Romanian yearly inventory on an inventory's page (SPEC §12): its
 * commission, the storekeeper's declaration of each counted warehouse, and
 * the documents (inventory list 14-3-12, proces-verbal) as files.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, download, itemsOf, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { useAction, useLoad } from '../hooks.ts';
import { ActionButton, DownloadButtons, ErrorBox, fieldErrors, Notice, Progress, Section, SelectField, TextArea, TextField, type FileFormat } from './ui.tsx';
import { DateField } from './DateField.tsx';
import { optionsOf, useEmployees } from '../lookups.ts';
import type { Inventory, InventoryList } from '../types.ts';

interface Commission {
  decisionNumber: string;
  decisionDate: string;
  president: string;
  members: string[];
  storekeepers: { warehouse: string; employee: string }[];
  defined?: boolean;
}

interface Declaration {
  lastReceipt: string;
  lastIssue: string;
  thirdPartyGoods: string;
  knownDifferences: string;
}

const LIST_FORMATS = ['pdf', 'csv', 'xlsx'] as const;
const REPORT_FORMATS = ['pdf'] as const;

/** `listsVersion` changes when the inventory screen adds a list: the warehouses are read again */
export function YearlyInventory({ inventory, listsVersion = 0 }: { inventory: Inventory; listsVersion?: number }) {
  const lists = useLoad(async () => itemsOf(await api.get<Page<InventoryList>>(`/api/inventories/${inventory.id}/lists`, { limit: 1000 })), [inventory.id, listsVersion]);
  const warehouses = useMemo(() => [...new Set((lists.data ?? []).map((l) => l.warehouse))].sort(), [lists.data]);
  return (
    <>
      <CommissionSection inventory={inventory} warehouses={warehouses} />
      {warehouses.map((wh) => (
        <DeclarationSection key={wh} inventory={inventory} warehouse={wh} />
      ))}
      <Documents inventory={inventory} warehouses={warehouses} />
    </>
  );
}

function CommissionSection({ inventory, warehouses }: { inventory: Inventory; warehouses: string[] }) {
  const { t } = useI18n();
  const { user } = useSession();
  const employees = useEmployees();
  const url = `/api/inventories/${inventory.id}/commission`;
  const loaded = useLoad(() => api.get<Commission>(url), [url]);
  const [form, setForm] = useState<Commission>({ decisionNumber: '', decisionDate: '', president: '', members: [], storekeepers: [] });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const d = loaded.data;
    if (d) setForm({ decisionNumber: d.decisionNumber, decisionDate: d.decisionDate, president: d.president, members: d.members, storekeepers: d.storekeepers });
  }, [loaded.data]);
  const save = useAction(async () => {
    setSaved(false);
    const body: Commission = {
      decisionNumber: form.decisionNumber,
      decisionDate: form.decisionDate,
      president: form.president,
      members: form.members.filter((m) => m),
      storekeepers: warehouses.map((warehouse) => ({ warehouse, employee: keeperOf(warehouse) })).filter((k) => k.employee),
    };
    loaded.setData(await api.put<Commission>(url, body));
    setSaved(true);
  });
  const errs = fieldErrors(save.error);
  const keeperOf = (warehouse: string) => form.storekeepers.find((k) => k.warehouse === warehouse)?.employee ?? '';
  const setKeeper = (warehouse: string, employee: string) =>
    setForm({ ...form, storekeepers: [...form.storekeepers.filter((k) => k.warehouse !== warehouse), { warehouse, employee }] });
  // the storekeepers are sent in the order of `warehouses`: their errors name that position
  const keeperPath = (warehouse: string, field: 'warehouse' | 'employee') => {
    const sent = warehouses.filter((w) => keeperOf(w));
    return `/storekeepers/${sent.indexOf(warehouse)}/${field}`;
  };
  const readOnly = !allowed(user, 'inventory') || !!inventory.postedAt;
  const people = optionsOf(employees, (e) => e.name);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  const shown = Object.keys(errs);

  return (
    <Section title={t('yearly.commission')}>
      <p className="hint">{t('yearly.commissionHint')}</p>
      <ErrorBox error={loaded.error} />
      <form noValidate className="form-grid" onSubmit={submit} aria-label={t('yearly.commission')}>
        <ErrorBox error={save.error} shown={shown} />
        {saved && <Notice kind="success">{t('common.saved')}</Notice>}
        <TextField label={t('yearly.decisionNumber')} required value={form.decisionNumber} onChange={(e) => setForm({ ...form, decisionNumber: e.target.value })} error={errs['/decisionNumber']} disabled={readOnly} data-testid="commission-decision-number" />
        <DateField label={t('yearly.decisionDate')} required value={form.decisionDate} onChange={(v) => setForm({ ...form, decisionDate: v })} error={errs['/decisionDate']} disabled={readOnly} data-testid="commission-decision-date" />
        <SelectField label={t('yearly.president')} required value={form.president} onChange={(e) => setForm({ ...form, president: e.target.value })} options={people} blank="—" error={errs['/president']} disabled={readOnly} data-testid="commission-president" />
        <fieldset className="span-2">
          <legend>{t('yearly.members')}</legend>
          {form.members.map((m, i) => (
            <div className="form-row" key={i}>
              <SelectField
                label={t('yearly.member', { n: i + 1 })}
                value={m}
                onChange={(e) => setForm({ ...form, members: form.members.map((x, k) => (k === i ? e.target.value : x)) })}
                options={people}
                blank="—"
                error={errs[`/members/${i}`]}
                disabled={readOnly}
                data-testid={`commission-member-${i}`}
              />
              {!readOnly && (
                <button type="button" className="btn btn-small" aria-label={t('yearly.removeMember', { n: i + 1 })} onClick={() => setForm({ ...form, members: form.members.filter((_, k) => k !== i) })}>
                  ×
                </button>
              )}
            </div>
          ))}
          {!readOnly && (
            <button type="button" className="btn btn-small" onClick={() => setForm({ ...form, members: [...form.members, ''] })} data-testid="commission-add-member">
              + {t('yearly.addMember')}
            </button>
          )}
        </fieldset>
        {warehouses.length === 0 && <p className="hint span-2">{t('yearly.noWarehouses')}</p>}
        {warehouses.map((wh) => (
          <SelectField
            key={wh}
            label={t('yearly.storekeeperOf', { warehouse: wh })}
            value={keeperOf(wh)}
            onChange={(e) => setKeeper(wh, e.target.value)}
            options={people}
            blank="—"
            error={errs[keeperPath(wh, 'employee')] ?? errs[keeperPath(wh, 'warehouse')]}
            disabled={readOnly}
            data-testid={`commission-storekeeper-${wh}`}
          />
        ))}
        {!readOnly && (
          <div className="form-actions span-2">
            <ActionButton action={save} type="submit" testId="save-commission">
              {t('yearly.saveCommission')}
            </ActionButton>
          </div>
        )}
      </form>
    </Section>
  );
}

function DeclarationSection({ inventory, warehouse }: { inventory: Inventory; warehouse: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const url = `/api/inventories/${inventory.id}/declarations/${encodeURIComponent(warehouse)}`;
  const loaded = useLoad(() => api.get<Declaration>(url), [url]);
  const [form, setForm] = useState<Declaration>({ lastReceipt: '', lastIssue: '', thirdPartyGoods: '', knownDifferences: '' });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const d = loaded.data;
    if (d) setForm({ lastReceipt: d.lastReceipt, lastIssue: d.lastIssue, thirdPartyGoods: d.thirdPartyGoods, knownDifferences: d.knownDifferences });
  }, [loaded.data]);
  const save = useAction(async () => {
    setSaved(false);
    loaded.setData(await api.put<Declaration>(url, form));
    setSaved(true);
  });
  const errs = fieldErrors(save.error);
  const readOnly = !allowed(user, 'inventory') || !!inventory.postedAt;
  return (
    <Section title={t('yearly.declarationOf', { warehouse })}>
      <ErrorBox error={loaded.error} />
      <form
        noValidate
        className="form-grid"
        aria-label={t('yearly.declarationOf', { warehouse })}
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <ErrorBox error={save.error} shown={Object.keys(errs)} />
        {saved && <Notice kind="success">{t('common.saved')}</Notice>}
        <TextField label={t('yearly.lastReceipt')} value={form.lastReceipt} onChange={(e) => setForm({ ...form, lastReceipt: e.target.value })} error={errs['/lastReceipt']} disabled={readOnly} maxLength={200} />
        <TextField label={t('yearly.lastIssue')} value={form.lastIssue} onChange={(e) => setForm({ ...form, lastIssue: e.target.value })} error={errs['/lastIssue']} disabled={readOnly} maxLength={200} />
        <TextArea label={t('yearly.thirdPartyGoods')} value={form.thirdPartyGoods} onChange={(e) => setForm({ ...form, thirdPartyGoods: e.target.value })} error={errs['/thirdPartyGoods']} disabled={readOnly} rows={2} className="span-2" />
        <TextArea label={t('yearly.knownDifferences')} value={form.knownDifferences} onChange={(e) => setForm({ ...form, knownDifferences: e.target.value })} error={errs['/knownDifferences']} disabled={readOnly} rows={2} className="span-2" />
        {!readOnly && (
          <div className="form-actions span-2">
            <ActionButton action={save} type="submit" testId={`save-declaration-${warehouse}`}>
              {t('yearly.saveDeclaration')}
            </ActionButton>
          </div>
        )}
      </form>
    </Section>
  );
}

function Documents({ inventory, warehouses }: { inventory: Inventory; warehouses: string[] }) {
  const { t, lang } = useI18n();
  const [warehouse, setWarehouse] = useState('');
  const list = useAction((format: FileFormat) =>
    download(
      `/api/inventories/${inventory.id}/inventory-list`,
      { format, ...(warehouse ? { warehouse } : {}), ...(format === 'csv' ? { csvStyle: lang } : {}) },
      `inventory-list-${inventory.year}-${inventory.number}.${format}`,
    ),
  );
  const report = useAction((format: 'pdf') => download(`/api/inventories/${inventory.id}/report`, { format }, `inventory-report-${inventory.year}-${inventory.number}.pdf`));
  // an open inventory's documents are drawn from its differences preview, a posted one's from what was posted;
  // an inventory closed without posting has neither
  if (inventory.closed && !inventory.postedAt) return null;
  return (
    <Section title={t('yearly.documents')}>
      <ErrorBox error={list.error || report.error} />
      <div className="form-row">
        <SelectField
          label={t('list.warehouse')}
          value={warehouse}
          onChange={(e) => setWarehouse(e.target.value)}
          options={warehouses.map((w) => ({ value: w, label: w }))}
          blank={t('yearly.allWarehouses')}
          data-testid="inventory-list-warehouse"
        />
        <span className="label">{t('yearly.inventoryList')}</span>
        <DownloadButtons action={list} formats={LIST_FORMATS} testIdPrefix="inventory-list" />
      </div>
      <div className="form-row">
        <span className="label">{t('yearly.procesVerbal')}</span>
        <DownloadButtons action={report} formats={REPORT_FORMATS} testIdPrefix="inventory-report" />
      </div>
      <Progress busy={list.busy || report.busy} elapsed={list.busy ? list.elapsed : report.elapsed} label={t('yearly.exporting')} />
    </Section>
  );
}

/** One inventory list: its header and its lines, which the supervisor can correct, add and delete. */
import { ItemPicker } from '../components/ItemPicker.tsx';
import { useEffect, useMemo, useState } from 'react';
import { api, download, itemsOf, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { allowed, useSession } from '../session.tsx';
import { Link } from '../router.tsx';
import { useAction, useLoad, useTitle } from '../hooks.ts';
import { formatDecimal, parseDecimalInput } from '../format.ts';
import { ActionButton, ConfirmDialog, ErrorBox, fieldErrors, Loading, Notice, Section, SelectField, TextField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { optionsOf, useEmployees, useListTypes, useWarehouses } from '../lookups.ts';
import type { CountLine, InventoryList } from '../types.ts';
import { Icon } from '../components/Icon.tsx';

export function ListScreen({ id }: { id: number }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const list = useLoad(() => api.get<InventoryList>(`/api/lists/${id}`), [id]);
  const lines = useLoad(() => api.get<Page<CountLine> | CountLine[]>(`/api/lists/${id}/lines`, { limit: 10000 }), [id]);
  const employees = useEmployees();
  const warehouses = useWarehouses();
  const listTypes = useListTypes();
  useTitle(t('list.open', { id }));
  const editable = allowed(user, 'inventory');
  const blind = list.data?.blindCount ?? listTypes.find((l) => l.code === list.data?.listType)?.blindCount ?? false;

  const [head, setHead] = useState({ listType: '', employee: '', warehouse: '', closingDate: '' });
  useEffect(() => {
    const d = list.data;
    if (d) setHead({ listType: d.listType, employee: d.employee, warehouse: d.warehouse, closingDate: d.closingDate ?? '' });
  }, [list.data]);
  const saveHead = useAction(async () => {
    const updated = await api.put<InventoryList>(`/api/lists/${id}`, { ...head, closingDate: head.closingDate || null });
    list.setData({ ...list.data!, ...updated });
  });
  const headErrs = fieldErrors(saveHead.error);

  // line edits: the counted quantity typed per row
  const [edits, setEdits] = useState<Record<number, string>>({});
  const [lineErrors, setLineErrors] = useState<Record<number, string>>({});
  const saveLine = useAction(async (line: CountLine) => {
    const quantity = parseDecimalInput(edits[line.id] ?? '', lang);
    if (quantity === undefined) {
      setLineErrors((e) => ({ ...e, [line.id]: t('count.badQuantity') }));
      return;
    }
    try {
      const updated = await api.put<CountLine>(`/api/lines/${line.id}`, { quantity });
      setLineErrors(({ [line.id]: _, ...rest }) => rest);
      setEdits(({ [line.id]: _, ...rest }) => rest);
      lines.setData(itemsOf(lines.data).map((l) => (l.id === line.id ? { ...l, ...updated } : l)));
    } catch (e) {
      setLineErrors((errs) => ({ ...errs, [line.id]: e instanceof Error ? e.message : String(e) }));
    }
  });
  const [deleting, setDeleting] = useState<CountLine | undefined>();
  const del = useAction(async (line: CountLine) => {
    await api.del(`/api/lines/${line.id}`);
    lines.setData(itemsOf(lines.data).filter((l) => l.id !== line.id));
    setDeleting(undefined);
  });

  const [add, setAdd] = useState({ item: '', variant: '', lot: '', serial: '', location: '', quantity: '' });
  const addLine = useAction(async () => {
    const quantity = parseDecimalInput(add.quantity, lang);
    const body = {
      item: add.item.trim(),
      variant: add.variant.trim() || undefined,
      lot: add.lot.trim() || undefined,
      serial: add.serial.trim() || undefined,
      location: add.location.trim() || undefined,
      quantity: quantity ?? add.quantity,
      mode: 'add' as const,
    };
    await api.post<CountLine>(`/api/lists/${id}/lines`, body);
    setAdd({ item: '', variant: '', lot: '', serial: '', location: '', quantity: '' });
    lines.reload();
  });
  const addErrs = fieldErrors(addLine.error);
  const exporting = useAction((format: 'pdf' | 'csv') => download(`/api/lists/${id}/count-sheet`, { format }, `count-sheet-${id}.${format}`));

  const columns = useMemo<GridColumn<CountLine>[]>(() => {
    const cols: GridColumn<CountLine>[] = [
      { id: 'item', header: t('common.item'), value: (r) => r.item },
      { id: 'description', header: t('common.description'), value: (r) => r.description ?? '' },
      { id: 'variant', header: t('common.variant'), value: (r) => r.variant ?? '' },
      { id: 'lot', header: t('common.lot'), value: (r) => r.lot ?? '' },
      { id: 'serial', header: t('common.serial'), value: (r) => r.serial ?? '' },
      { id: 'location', header: t('common.location'), value: (r) => r.location ?? '' },
      { id: 'uom', header: t('common.uom'), value: (r) => r.uom ?? '' },
      { id: 'insertedAt', header: t('list.insertedAt'), value: (r) => r.insertedAt ?? '', kind: 'date' },
    ];
    if (!blind) cols.push({ id: 'book', header: t('list.book'), value: (r) => r.bookQuantity ?? null, kind: 'decimal' });
    cols.push({
      id: 'counted',
      header: t('list.counted'),
      value: (r) => r.countedQuantity,
      kind: 'decimal',
      cell: (r) =>
        editable ? (
          <form noValidate
            className="inline-edit"
            onSubmit={(e) => {
              e.preventDefault();
              void saveLine.run(r);
            }}
          >
            <input
              aria-label={t('list.countedOf', { item: r.item })}
              inputMode="decimal"
              value={edits[r.id] ?? formatDecimal(r.countedQuantity, lang)}
              onChange={(e) => setEdits({ ...edits, [r.id]: e.target.value })}
              aria-invalid={lineErrors[r.id] ? true : undefined}
              title={lineErrors[r.id]}
            />
            {edits[r.id] !== undefined && (
              <button type="submit" className="btn btn-small" disabled={saveLine.busy}>
                {t('common.save')}
              </button>
            )}
            {lineErrors[r.id] && <small className="field-error">{lineErrors[r.id]}</small>}
          </form>
        ) : (
          formatDecimal(r.countedQuantity, lang)
        ),
    });
    if (editable)
      cols.push({
        id: 'actions',
        header: t('common.actions'),
        value: () => '',
        sortable: false,
        cell: (r) => (
          <button type="button" className="btn btn-small btn-danger-ghost" onClick={() => setDeleting(r)} aria-label={t('list.deleteLine', { item: r.item })}>
            {t('common.delete')}
          </button>
        ),
      });
    return cols;
  }, [t, lang, blind, editable, edits, lineErrors, saveLine]);

  if (list.error) return <div className="page"><ErrorBox error={list.error} /></div>;
  if (!list.data) return <Loading />;
  const l = list.data;

  return (
    <div className="page">
      <nav className="crumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to="/">{t('nav.home')}</Link> › <Link to="/inventories">{t('inv.title')}</Link>
        {l.inventoryId ? (
          <>
            {' '}
            › <Link to={`/inventories/${l.inventoryId}`}>{t('inv.one', { number: l.inventory ?? `#${l.inventoryId}` })}</Link>
          </>
        ) : null}
      </nav>
      <div className="page-head">
        <h1>{t('list.open', { id })}</h1>
        <div className="card-actions">
          <Link className="btn" to={`/count/${id}`}>
            <Icon name="phone" /> {t('list.countIt')}
          </Link>
          <ActionButton action={exporting} className="btn" onClick={() => void exporting.run('pdf')}>
            <Icon name="printer" /> {t('list.printSheet')}
          </ActionButton>
          <ActionButton action={exporting} className="btn" onClick={() => void exporting.run('csv')}>
            <Icon name="download" /> {t('common.exportCsv')}
          </ActionButton>
        </div>
      </div>
      <ErrorBox error={exporting.error} />
      <form noValidate
        className="card form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void saveHead.run();
        }}
        aria-label={t('list.header')}
      >
        <ErrorBox error={saveHead.error} shown={Object.keys(headErrs)} />
        <SelectField label={t('list.type')} value={head.listType} onChange={(e) => setHead({ ...head, listType: e.target.value })} options={optionsOf(listTypes, (r) => r.description)} error={headErrs['/listType']} disabled={!editable} />
        <SelectField label={t('list.employee')} value={head.employee} onChange={(e) => setHead({ ...head, employee: e.target.value })} options={optionsOf(employees, (r) => r.name)} error={headErrs['/employee']} disabled={!editable} />
        <SelectField label={t('list.warehouse')} value={head.warehouse} onChange={(e) => setHead({ ...head, warehouse: e.target.value })} options={optionsOf(warehouses, (r) => r.description)} error={headErrs['/warehouse']} disabled={!editable} />
        <DateField label={t('list.closingDate')} value={head.closingDate} onChange={(v) => setHead({ ...head, closingDate: v })} error={headErrs['/closingDate']} disabled={!editable} hint={t('list.closingHint')} />
        {editable && (
          <div className="form-actions span-2">
            <ActionButton action={saveHead} type="submit">
              {t('common.save')}
            </ActionButton>
          </div>
        )}
      </form>
      <Section title={t('list.lines', { n: itemsOf(lines.data).length })}>
        {blind && <Notice>{t('list.blindNote')}</Notice>}
        <ErrorBox error={lines.error || del.error} />
        {lines.loading && !lines.data ? <Loading /> : <DataGrid columns={columns} data={itemsOf(lines.data)} caption={t('list.lines', { n: itemsOf(lines.data).length })} rowId={(r) => String(r.id)} testId="lines-grid" maxHeight="60vh" />}
        {editable && (
          <form noValidate
            className="form-row"
            onSubmit={(e) => {
              e.preventDefault();
              void addLine.run();
            }}
            aria-label={t('list.addLine')}
          >
            <h3 className="span-all">{t('list.addLine')}</h3>
            <ErrorBox error={addLine.error} shown={Object.keys(addErrs)} />
            <ItemPicker label={t('common.item')} required value={add.item} onChange={(item) => setAdd({ ...add, item })} error={addErrs['/item']} />
            <TextField label={t('common.variant')} value={add.variant} onChange={(e) => setAdd({ ...add, variant: e.target.value })} error={addErrs['/variant']} />
            <TextField label={t('common.lot')} value={add.lot} onChange={(e) => setAdd({ ...add, lot: e.target.value })} error={addErrs['/lot']} />
            <TextField label={t('common.serial')} value={add.serial} onChange={(e) => setAdd({ ...add, serial: e.target.value })} error={addErrs['/serial']} />
            <TextField label={t('common.location')} value={add.location} onChange={(e) => setAdd({ ...add, location: e.target.value })} error={addErrs['/location']} />
            <TextField label={t('common.quantity')} required inputMode="decimal" value={add.quantity} onChange={(e) => setAdd({ ...add, quantity: e.target.value })} error={addErrs['/quantity']} />
            <div className="form-actions">
              <ActionButton action={addLine} type="submit">
                + {t('list.addLineButton')}
              </ActionButton>
            </div>
          </form>
        )}
      </Section>
      <ConfirmDialog
        open={!!deleting}
        title={t('list.deleteTitle')}
        confirmLabel={t('common.delete')}
        danger
        busy={del.busy}
        onCancel={() => setDeleting(undefined)}
        onConfirm={() => deleting && void del.run(deleting)}
      >
        {deleting && t('list.deleteText', { item: deleting.item, quantity: formatDecimal(deleting.countedQuantity, lang) })}
      </ConfirmDialog>
    </div>
  );
}

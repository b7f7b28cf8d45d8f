/** Users and their roles (SPEC §10), with the approver flag of a supervisor (SPEC §11). */
import { useMemo, useState } from 'react';
import { api, itemsOf, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useAction, useLoad } from '../hooks.ts';
import { ActionButton, CheckField, ErrorBox, fieldErrors, Loading, Section, SelectField, TextField } from '../components/ui.tsx';
import { DataGrid, type GridColumn } from '../components/DataGrid.tsx';
import { optionsOf, useEmployees } from '../lookups.ts';
import type { UserRow } from '../types.ts';

export function UsersTable() {
  const { t } = useI18n();
  const employees = useEmployees();
  const users = useLoad(() => api.get<Page<UserRow>>('/api/users', { limit: 1000 }), []);
  const [form, setForm] = useState({ username: '', password: '', role: 'counter', employee: '', language: '', approver: false });
  const add = useAction(async () => {
    await api.post('/api/users', { username: form.username.trim(), password: form.password, role: form.role, employee: form.employee || null, language: form.language || null, approver: form.role === 'supervisor' ? form.approver : undefined });
    setForm({ username: '', password: '', role: 'counter', employee: '', language: '', approver: false });
    users.reload();
  });
  const errs = fieldErrors(add.error);
  const columns = useMemo<GridColumn<UserRow>[]>(
    () => [
      { id: 'username', header: t('login.username'), value: (r) => r.username },
      { id: 'role', header: t('users.role'), value: (r) => t(`role.${r.role}` as never) },
      { id: 'employee', header: t('list.employee'), value: (r) => r.employee ?? '' },
      { id: 'language', header: t('users.language'), value: (r) => r.language ?? '' },
      { id: 'approver', header: t('users.approver'), value: (r) => r.role === 'approver' || r.role === 'admin' || !!r.approver, kind: 'bool' },
    ],
    [t],
  );
  return (
    <Section title={t('config.users')}>
      <ErrorBox error={users.error} />
      {users.loading && !users.data ? <Loading /> : <DataGrid columns={columns} data={itemsOf(users.data)} caption={t('config.users')} rowId={(r) => r.username} />}
      <form noValidate
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          void add.run();
        }}
        aria-label={t('users.add')}
      >
        <h3 className="span-all">{t('users.add')}</h3>
        <ErrorBox error={add.error} shown={Object.keys(errs)} />
        <TextField label={t('login.username')} required autoComplete="off" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} error={errs['/username']} />
        <TextField label={t('login.password')} required type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} error={errs['/password']} hint={t('users.passwordHint')} />
        <SelectField label={t('users.role')} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })} options={(['admin', 'supervisor', 'counter', 'viewer', 'approver'] as const).map((r) => ({ value: r, label: t(`role.${r}`) }))} error={errs['/role']} />
        {form.role === 'supervisor' && <CheckField label={t('users.approverFlag')} checked={form.approver} onChange={(approver) => setForm({ ...form, approver })} error={errs['/approver']} />}
        <SelectField label={t('list.employee')} value={form.employee} onChange={(e) => setForm({ ...form, employee: e.target.value })} options={optionsOf(employees, (x) => x.name)} blank="—" error={errs['/employee']} />
        <SelectField
          label={t('users.language')}
          value={form.language}
          onChange={(e) => setForm({ ...form, language: e.target.value })}
          options={[
            { value: 'ro', label: t('lang.ro') },
            { value: 'en', label: t('lang.en') },
          ]}
          blank="—"
        />
        <div className="form-actions">
          <ActionButton action={add} type="submit">
            + {t('users.addButton')}
          </ActionButton>
        </div>
      </form>
    </Section>
  );
}

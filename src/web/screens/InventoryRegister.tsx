/**
 * The registrul-inventar of a year (GET /api/reports/inventory-register,
 * SPEC §12): per stock account and warehouse, the inventoried value at year
 * end; as PDF, CSV or XLSX.
 */
import { useState } from 'react';
import { download } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useAction, useTitle } from '../hooks.ts';
import { DownloadButtons, ErrorBox, fieldErrors, FilterForm, Progress, TextField, type FileFormat } from '../components/ui.tsx';
import { todayIso } from '../format.ts';

const FORMATS = ['pdf', 'csv', 'xlsx'] as const;

export function InventoryRegisterScreen() {
  const { t, lang } = useI18n();
  useTitle(t('yearly.register'));
  const [year, setYear] = useState(todayIso().slice(0, 4));
  const file = useAction((format: FileFormat) =>
    download('/api/reports/inventory-register', { year, format, ...(format === 'csv' ? { csvStyle: lang } : {}) }, `inventory-register-${year}.${format}`),
  );
  const errs = fieldErrors(file.error);
  const yearError = errs['/year'] ?? errs['/querystring/year'];
  return (
    <div className="page">
      <h1>{t('yearly.register')}</h1>
      <p className="hint">{t('yearly.registerHint')}</p>
      <FilterForm label={t('yearly.register')} onSubmit={() => void file.run('pdf')}>
        <TextField label={t('yearly.year')} required inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value.trim())} error={yearError} data-testid="register-year" />
        <div className="filter-actions span-2">
          <DownloadButtons action={file} formats={FORMATS} testIdPrefix="register" />
        </div>
      </FilterForm>
      <Progress busy={file.busy} elapsed={file.elapsed} label={t('yearly.exporting')} />
      <ErrorBox error={file.error} shown={yearError ? ['/year', '/querystring/year'] : []} />
    </div>
  );
}

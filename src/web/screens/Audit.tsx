/** The audit trail (GET /api/audit, admin only): filters, paging, and each change's before and after side by side. */
import { Fragment, useState } from 'react';
import { api, type Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useRouter } from '../router.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { formatDate } from '../format.ts';
import { ErrorBox, FilterForm, Loading, TextField } from '../components/ui.tsx';
import { DateField } from '../components/DateField.tsx';

export interface AuditEntry {
  id: number;
  at: string;
  user: string;
  action: string;
  entity: string;
  key: string;
  before: unknown;
  after: unknown;
}

const PAGE = 50;
/** the entities the services audit, offered as suggestions (any text is accepted) */
const ENTITIES = ['item', 'variant', 'barcode', 'unit', 'employee', 'user', 'warehouse', 'location', 'template', 'record', 'line', 'inventory', 'list', 'closing'];

/** the top-level fields whose values differ between before and after */
export function changedFields(before: unknown, after: unknown): string[] {
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const b = obj(before);
  const a = obj(after);
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}

const json = (value: unknown): string => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));

export function AuditScreen() {
  const { t, lang } = useI18n();
  const { search } = useRouter();
  useTitle(t('audit.title'));
  const initial = { entity: search.get('entity') ?? '', key: search.get('key') ?? '', user: search.get('user') ?? '', from: search.get('from') ?? '', to: search.get('to') ?? '' };
  const [draft, setDraft] = useState(initial);
  const [filter, setFilter] = useState(initial);
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const trail = useLoad(() => api.get<Page<AuditEntry>>('/api/audit', { ...filter, limit: PAGE, offset }), [filter, offset]);
  const toggle = (id: number) =>
    setOpen((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const total = trail.data?.total ?? 0;
  const set = (field: keyof typeof draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value });
  return (
    <div className="page">
      <h1>{t('audit.title')}</h1>
      <FilterForm
        label={t('common.filters')}
        onSubmit={() => {
          setOffset(0);
          setOpen(new Set());
          setFilter({ ...draft, entity: draft.entity.trim(), key: draft.key.trim(), user: draft.user.trim() });
        }}
      >
        <TextField label={t('audit.entity')} value={draft.entity} onChange={set('entity')} list="audit-entities" data-testid="audit-entity" />
        <datalist id="audit-entities">
          {ENTITIES.map((e) => (
            <option key={e} value={e} />
          ))}
        </datalist>
        <TextField label={t('audit.key')} value={draft.key} onChange={set('key')} data-testid="audit-key" />
        <TextField label={t('audit.user')} value={draft.user} onChange={set('user')} data-testid="audit-user" />
        <DateField label={t('common.from')} value={draft.from} onChange={(v) => set('from')({ target: { value: v } })} />
        <DateField label={t('common.to')} value={draft.to} onChange={(v) => set('to')({ target: { value: v } })} />
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary" data-testid="audit-search">
            {t('common.search')}
          </button>
        </div>
      </FilterForm>
      <ErrorBox error={trail.error} />
      {trail.loading && !trail.data ? (
        <Loading />
      ) : (
        <div className="grid-wrap" data-testid="audit-grid" tabIndex={0} role="region" aria-label={t('audit.title')}>
          <table className="grid audit-table">
            <caption className="sr-only">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.user')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.entity')}</th>
                <th scope="col">{t('audit.key')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(trail.data?.items ?? []).map((row) => {
                const expanded = open.has(row.id);
                return (
                  <Fragment key={row.id}>
                    <tr data-testid="audit-row" data-entity={row.entity}>
                      <td>{formatDate(row.at, lang)}</td>
                      <td>{row.user}</td>
                      <td>{row.action}</td>
                      <td data-col="entity">{row.entity}</td>
                      <td>{row.key}</td>
                      <td>
                        <button type="button" className="btn btn-small" aria-expanded={expanded} aria-controls={`audit-${row.id}`} onClick={() => toggle(row.id)} data-testid="audit-toggle">
                          {t(expanded ? 'audit.hide' : 'audit.show')}
                        </button>
                      </td>
                    </tr>
                    {expanded && (
                      <tr id={`audit-${row.id}`}>
                        <td colSpan={6}>
                          {row.before !== null && row.after !== null && (
                            <p className="muted" data-testid="audit-changed">
                              {t('audit.changed')}: {changedFields(row.before, row.after).join(', ') || t('audit.none')}
                            </p>
                          )}
                          <div className="audit-panes">
                            <div>
                              <h3>{t('audit.before')}</h3>
                              <pre data-testid="audit-before">{json(row.before)}</pre>
                            </div>
                            <div>
                              <h3>{t('audit.after')}</h3>
                              <pre data-testid="audit-after">{json(row.after)}</pre>
                            </div>
                          </div>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
              {trail.data?.items.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty">
                    {t('common.noRows')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE && (
        <nav className="pager" aria-label={t('common.pages')}>
          <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} data-testid="audit-previous">
            ← {t('common.previous')}
          </button>
          <span>{t('common.range', { from: offset + 1, to: Math.min(total, offset + PAGE), total })}</span>
          <button type="button" className="btn btn-small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)} data-testid="audit-next">
            {t('common.next')} →
          </button>
        </nav>
      )}
    </div>
  );
}

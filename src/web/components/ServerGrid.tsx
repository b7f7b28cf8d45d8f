/**
 * A grid sorted and paged by the server (issue 15 point 5): the shared
 * DataGrid in TanStack's manual sorting mode, fed one page of a list route
 * (`?sort=field|-field&limit&offset` → `{items, total}`), with a pager. A
 * click on a column header asks the server for that order, so the order is
 * the global one across every page, not the order of the page on screen.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { api, type Page, type Query } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import type { RowData } from '@tanstack/react-table';
import { DataGrid, type GridColumn, type GridSort } from './DataGrid.tsx';
import { ErrorBox, Loading } from './ui.tsx';

export interface ServerGridProps<T extends RowData> {
  /** the list route, e.g. /api/records */
  path: string;
  /** the filters as the route takes them (empty values are left out) */
  query: Query;
  columns: GridColumn<T>[];
  caption: string;
  /** the order before any click (a column id) */
  defaultSort?: GridSort | null;
  pageSize?: number;
  rowId?: (row: T, index: number) => string;
  rowClassName?: (row: T) => string | undefined;
  detail?: (row: T) => ReactNode | null;
  detailLabel?: (row: T) => string;
  testId?: string;
  maxHeight?: string;
  className?: string;
  empty?: string;
  /** a change reads the page again (after an edit elsewhere on the screen) */
  reloadKey?: number;
}

/** the route's `sort` value for a grid order: the column's sortKey, `-` when descending */
export function sortParam<T>(columns: GridColumn<T>[], sort: GridSort | null): string | undefined {
  const key = sort && columns.find((c) => c.id === sort.id)?.sortKey;
  return key ? `${sort.desc ? '-' : ''}${key}` : undefined;
}

export function ServerGrid<T extends RowData>({ path, query, columns, caption, defaultSort = null, pageSize = 50, rowId, rowClassName, detail, detailLabel, testId, maxHeight, className, empty, reloadKey = 0 }: ServerGridProps<T>) {
  const { t } = useI18n();
  const [sort, setSort] = useState<GridSort | null>(defaultSort);
  const [offset, setOffset] = useState(0);
  const queryKey = JSON.stringify(query);
  // new filters start again from the first page
  useEffect(() => setOffset(0), [queryKey]);
  const sortValue = sortParam(columns, sort);
  const page = useLoad(() => {
    const q: Query = { limit: pageSize, offset };
    for (const [k, v] of Object.entries(query)) if (v !== '' && v !== undefined && v !== null) q[k] = v;
    if (sortValue) q.sort = sortValue;
    return api.get<Page<T>>(path, q);
  }, [path, queryKey, sortValue, offset, pageSize, reloadKey]);
  const total = page.data?.total ?? 0;
  return (
    <div className="server-grid" data-testid={testId ? `${testId}-wrap` : undefined} aria-busy={page.loading}>
      <ErrorBox error={page.error} />
      {page.loading && !page.data ? (
        <Loading />
      ) : (
        <DataGrid
          columns={columns}
          data={page.data?.items ?? []}
          caption={caption}
          rowId={rowId}
          rowClassName={rowClassName}
          testId={testId}
          maxHeight={maxHeight}
          className={className}
          empty={empty}
          detail={detail}
          detailLabel={detailLabel}
          serverSort={{
            value: sort,
            onChange: (next) => {
              setSort(next);
              setOffset(0);
            },
          }}
        />
      )}
      {total > pageSize && (
        <nav className="pager" aria-label={t('common.pages')}>
          <button type="button" className="btn btn-small" disabled={offset === 0 || page.loading} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
            ← {t('common.previous')}
          </button>
          <span data-testid={testId ? `${testId}-range` : undefined}>{t('common.range', { from: offset + 1, to: Math.min(total, offset + pageSize), total })}</span>
          <button type="button" className="btn btn-small" disabled={offset + pageSize >= total || page.loading} onClick={() => setOffset(offset + pageSize)}>
            {t('common.next')} →
          </button>
        </nav>
      )}
    </div>
  );
}

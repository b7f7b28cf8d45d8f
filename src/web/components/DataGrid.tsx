/**
 * The grids: TanStack Table (v9, headless) for the row model and sorting; the
 * markup is a plain accessible <table> with sortable column buttons.
 * Decimal columns sort exactly (string comparison, no floats) and render
 * with the language's separators; the raw value stays in data-value.
 */
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { createColumnHelper, createSortedRowModel, rowSortingFeature, tableFeatures, useTable, type Row, type RowData } from '@tanstack/react-table';
import { compareDecimal, formatDate, formatDecimal } from '../format.ts';
import { useI18n } from '../i18n.tsx';

export type CellValue = string | number | boolean | null | undefined;

export interface GridColumn<T> {
  id: string;
  header: string;
  value: (row: T) => CellValue;
  kind?: 'text' | 'decimal' | 'date' | 'number' | 'bool';
  /** custom rendering (links, badges); sorting still uses value */
  cell?: (row: T) => ReactNode;
  footer?: ReactNode;
  sortable?: boolean;
  /** server-sorted grids: the route's sort field for this column; a column without one does not sort */
  sortKey?: string;
  /** a compact column: narrow padding, no wrapping of its header */
  compact?: boolean;
}

/** The order a server-sorted grid asks for: a column id, ascending or descending. */
export interface GridSort {
  id: string;
  desc: boolean;
}

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel() });
type Features = typeof features;

function compareValues(a: CellValue, b: CellValue, kind: GridColumn<unknown>['kind']): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return -1;
  if (b === null || b === undefined || b === '') return 1;
  if (kind === 'decimal') return compareDecimal(String(a), String(b));
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

export interface DataGridProps<T extends RowData> {
  columns: GridColumn<T>[];
  data: T[];
  caption: string;
  /** show the caption (else it is only for screen readers) */
  showCaption?: boolean;
  rowId?: (row: T, index: number) => string;
  rowClassName?: (row: T) => string | undefined;
  empty?: string;
  /** extra rows after the data (subtotals, totals) */
  footerRows?: ReactNode;
  testId?: string;
  maxHeight?: string;
  /** sorting done by the server (manual mode): the current order and its change; the rows come sorted */
  serverSort?: { value: GridSort | null; onChange: (sort: GridSort | null) => void };
  /** expandable rows: what a row shows when opened (null: nothing to open) */
  detail?: (row: T) => ReactNode | null;
  /** the label of a row's expand button */
  detailLabel?: (row: T) => string;
  /** extra class of the table (compact grids) */
  className?: string;
}

export function DataGrid<T extends RowData>({ columns, data, caption, showCaption, rowId, rowClassName, empty, footerRows, testId, maxHeight, serverSort, detail, detailLabel, className }: DataGridProps<T>) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const { lang, t } = useI18n();
  const helper = useMemo(() => createColumnHelper<Features, T>(), []);
  const defs = useMemo(
    () =>
      helper.columns(
        columns.map((c) =>
          helper.accessor((row: T) => c.value(row) as string, {
            id: c.id,
            header: c.header,
            enableSorting: serverSort ? c.sortKey !== undefined : c.sortable !== false,
            sortFn: (a: Row<Features, T>, b: Row<Features, T>) => compareValues(c.value(a.original), c.value(b.original), c.kind),
          }),
        ),
      ),
    [columns, helper, serverSort !== undefined],
  );
  const table = useTable({
    features,
    columns: defs,
    data,
    getRowId: rowId ? (row: T, index: number) => rowId(row, index) : undefined,
    ...(serverSort
      ? {
          manualSorting: true,
          enableMultiSort: false,
          state: { sorting: serverSort.value ? [serverSort.value] : [] },
          onSortingChange: (updater: unknown) => {
            const current = serverSort.value ? [serverSort.value] : [];
            const next = (typeof updater === 'function' ? (updater as (s: GridSort[]) => GridSort[])(current) : updater) as GridSort[];
            serverSort.onChange(next[0] ?? null);
          },
        }
      : {}),
  });
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const hasFooter = columns.some((c) => c.footer !== undefined);

  const render = (c: GridColumn<T>, row: T): ReactNode => {
    if (c.cell) return c.cell(row);
    const v = c.value(row);
    if (v === null || v === undefined) return '';
    if (c.kind === 'decimal') return formatDecimal(String(v), lang);
    if (c.kind === 'date') return formatDate(String(v), lang);
    if (c.kind === 'bool' || typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    return String(v);
  };
  const numeric = (c: GridColumn<T> | undefined) => c?.kind === 'decimal' || c?.kind === 'number';
  const cls = (c: GridColumn<T> | undefined) => [numeric(c) ? 'num' : '', c?.compact ? 'compact' : ''].filter(Boolean).join(' ') || undefined;
  const width = columns.length + (detail ? 1 : 0);
  const toggle = (key: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div className="grid-wrap" style={maxHeight ? { maxHeight } : undefined} data-testid={testId} tabIndex={0} role="region" aria-label={caption}>
      <table className={className ? `grid ${className}` : 'grid'}>
        <caption className={showCaption ? undefined : 'sr-only'}>{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {detail && (
                <th scope="col" className="expand-col">
                  <span className="sr-only">{t('grid.details')}</span>
                </th>
              )}
              {group.headers.map((header) => {
                const col = byId.get(header.column.id);
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={cls(col)}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
                  >
                    {canSort ? (
                      <button type="button" className="sort" data-sort={header.column.id} onClick={header.column.getToggleSortingHandler()}>
                        {col?.header}
                        <span aria-hidden="true" className="sort-mark">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      col?.header
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => {
            const inner = detail?.(row.original) ?? null;
            const isOpen = inner !== null && open.has(row.id);
            return (
              <Fragment key={row.id}>
                <tr className={rowClassName?.(row.original)}>
                  {detail && (
                    <td className="expand-col">
                      {inner !== null && (
                        <button type="button" className="btn btn-small expand" aria-expanded={isOpen} aria-label={detailLabel?.(row.original) ?? t('grid.details')} onClick={() => toggle(row.id)}>
                          <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
                        </button>
                      )}
                    </td>
                  )}
                  {row.getAllCells().map((cell) => {
                    const col = byId.get(cell.column.id)!;
                    const raw = col.value(row.original);
                    return (
                      <td key={cell.id} className={cls(col)} data-col={col.id} data-value={col.kind === 'decimal' && raw != null ? String(raw) : undefined}>
                        {render(col, row.original)}
                      </td>
                    );
                  })}
                </tr>
                {isOpen && (
                  <tr className="detail-row">
                    <td colSpan={width}>{inner}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
          {data.length === 0 && (
            <tr>
              <td colSpan={width} className="empty">
                {empty ?? t('common.noRows')}
              </td>
            </tr>
          )}
        </tbody>
        {(hasFooter || footerRows) && (
          <tfoot>
            {footerRows}
            {hasFooter && (
              <tr>
                {detail && <td />}
                {columns.map((c) => (
                  <td key={c.id} className={cls(c)}>
                    {c.footer}
                  </td>
                ))}
              </tr>
            )}
          </tfoot>
        )}
      </table>
    </div>
  );
}

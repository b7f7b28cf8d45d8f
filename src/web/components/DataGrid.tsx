/**
 * The grids: TanStack Table (v9, headless) for the row model and sorting; the
 * markup is a plain accessible <table> with sortable column buttons.
 * Decimal columns sort exactly (string comparison, no floats) and render
 * with the language's separators; the raw value stays in data-value.
 */
import { useMemo, type ReactNode } from 'react';
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
}

export function DataGrid<T extends RowData>({ columns, data, caption, showCaption, rowId, rowClassName, empty, footerRows, testId, maxHeight }: DataGridProps<T>) {
  const { lang, t } = useI18n();
  const helper = useMemo(() => createColumnHelper<Features, T>(), []);
  const defs = useMemo(
    () =>
      helper.columns(
        columns.map((c) =>
          helper.accessor((row: T) => c.value(row) as string, {
            id: c.id,
            header: c.header,
            enableSorting: c.sortable !== false,
            sortFn: (a: Row<Features, T>, b: Row<Features, T>) => compareValues(c.value(a.original), c.value(b.original), c.kind),
          }),
        ),
      ),
    [columns, helper],
  );
  const table = useTable({
    features,
    columns: defs,
    data,
    getRowId: rowId ? (row: T, index: number) => rowId(row, index) : undefined,
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

  return (
    <div className="grid-wrap" style={maxHeight ? { maxHeight } : undefined} data-testid={testId} tabIndex={0} role="region" aria-label={caption}>
      <table className="grid">
        <caption className={showCaption ? undefined : 'sr-only'}>{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const col = byId.get(header.column.id);
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={numeric(col) ? 'num' : undefined}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
                  >
                    {canSort ? (
                      <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
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
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={rowClassName?.(row.original)}>
              {row.getAllCells().map((cell) => {
                const col = byId.get(cell.column.id)!;
                const raw = col.value(row.original);
                return (
                  <td key={cell.id} className={numeric(col) ? 'num' : undefined} data-col={col.id} data-value={col.kind === 'decimal' && raw != null ? String(raw) : undefined}>
                    {render(col, row.original)}
                  </td>
                );
              })}
            </tr>
          ))}
          {data.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="empty">
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
                {columns.map((c) => (
                  <td key={c.id} className={numeric(c) ? 'num' : undefined}>
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

/** Master data for the selects, fetched once per page and shared (reset after edits). */
import { useEffect, useState } from 'react';
import { api, itemsOf, type Page } from './api.ts';
import type { Option } from './components/ui.tsx';
import type { Employee, ListType, ManagementArea, Template, Warehouse } from './types.ts';

const cache = new Map<string, Promise<unknown[]>>();

function cached<T>(path: string): Promise<T[]> {
  let p = cache.get(path);
  if (!p) {
    p = api.get<Page<T> | T[]>(path, { limit: 5000 }).then((a) => itemsOf(a));
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p as Promise<T[]>;
}

export function forgetLookups(): void {
  cache.clear();
}

function useCached<T>(path: string | undefined): T[] {
  const [data, setData] = useState<T[]>([]);
  useEffect(() => {
    if (!path) {
      setData([]);
      return;
    }
    let live = true;
    cached<T>(path).then(
      (d) => live && setData(d),
      () => live && setData([]),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return data;
}

export const useEmployees = () => useCached<Employee>('/api/employees');
export const useWarehouses = () => useCached<Warehouse>('/api/warehouses');
export const useListTypes = () => useCached<ListType>('/api/list-types');
export const useManagementAreas = () => useCached<ManagementArea>('/api/management-areas');
export const useTemplates = (warehouse: string | undefined) => useCached<Template>(warehouse ? `/api/warehouses/${encodeURIComponent(warehouse)}/templates` : undefined);

export const optionsOf = <T extends { code: string }>(rows: T[], label: (r: T) => string): Option[] => rows.map((r) => ({ value: r.code, label: `${r.code} — ${label(r)}` }));

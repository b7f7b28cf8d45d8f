/**
 * The count import (SPEC §4): counts from handheld terminals (CSV), every
 * row checked and resolved first (scan-resolution.ts), then applied to the
 * list's inventory lines in one transaction, or none at all.
 */
import { parseCsv } from '../core/csv.ts';
import type { Ctx } from '../core/context.ts';
import { nowTimestamp } from '../core/dates.ts';
import { fail, InventarError } from '../core/errors.ts';
import { Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { Db } from '../db/db.ts';
import { INVENTORY_LINE_COLUMNS, writeInventoryLines, type InventoryLineRow } from '../db/inventory-line-writes.ts';
import { stockKeyOfRow, stockKeyString } from '../ledger/keys.ts';
import { MasterDataResolver } from '../masterdata/lookup.ts';
import { bookStock } from './book.ts';
import { inTransaction, type InventoryRow, type ListRow } from './common.ts';
import { assertCountable, blindOf, lockListForCount } from './count-list.ts';
import { lineColumns, lineView, newLineRow, type LineRow } from './inventory-line.ts';
import { checkCount, checkSerialQuantity, resolveCount, sameScan, scanRequestOf, text, type CountInput, type CountMode, type ResolvedCount } from './scan-resolution.ts';

export const COUNT_CSV_COLUMNS = [
  'list', 'item', 'barcode', 'variant', 'lot', 'serial', 'location', 'jobOrder', 'account', 'expiry', 'quantity', 'mode', 'scanId',
] as const;

export interface CountImportResult {
  rows: number;
  /** lines created */
  inserted: number;
  /** existing lines changed (add / replace) */
  updated: number;
  /** rows whose scan id had already been applied */
  replayed: number;
}

/** POST /api/lists/{id}/import: counts from a handheld terminal, all or nothing. */
export async function importCountsCsv(ctx: Ctx, listId: number, csv: string): Promise<CountImportResult> {
  requirePermission(ctx.actor, 'count');
  const rows = parseCsv(csv);
  if (rows.length === 0) fail('INV_ERR_BAD_CSV');
  return importCounts(ctx, rows.map((r) => ({ ...r, list: r.list || String(listId) })), listId);
}

/** POST /api/import/counts: like the list import, the list named by a `list` column on every row. */
export async function importCountsCsvByList(ctx: Ctx, csv: string): Promise<CountImportResult> {
  requirePermission(ctx.actor, 'count');
  const rows = parseCsv(csv);
  if (rows.length === 0) fail('INV_ERR_BAD_CSV');
  return importCounts(ctx, rows);
}

interface PendingLine extends LineRow {
  isNew: boolean;
  changed: boolean;
}

/**
 * Applies count rows (CSV line n = row index + 2) in one transaction, or
 * none at all: every row is checked first and all problems are reported
 * with /rows/<csv line>/<field> paths. Rows apply in file order; a key
 * counted again adds by default (`mode` column: add | replace); a scan id
 * already applied (now or in an earlier upload) is skipped.
 */
export async function importCounts(ctx: Ctx, rows: Record<string, string>[], onlyList?: number): Promise<CountImportResult> {
  requirePermission(ctx.actor, 'count');
  const problems = new Problems();
  const inputs = rows.map((r, i) => {
    const path = `/rows/${i + 2}`;
    const input: CountInput = {
      item: r.item,
      barcode: r.barcode,
      variant: r.variant,
      lot: r.lot,
      serial: r.serial,
      location: r.location,
      jobOrder: r.jobOrder,
      account: r.account,
      expiry: r.expiry || undefined,
      quantity: r.quantity || undefined,
      mode: (r.mode || 'add') as CountMode,
      scanId: r.scanId,
    };
    const listId = /^\d{1,15}$/.test(text(r.list)) ? Number(r.list) : undefined;
    if (listId === undefined) problems.add({ path: `${path}/list`, code: 'INV_ERR_VALIDATION' });
    if (onlyList !== undefined && listId !== onlyList) problems.add({ path: `${path}/list`, code: 'INV_ERR_BAD_VALUE', params: { value: r.list, allowed: onlyList } });
    return { input, path, listId: listId ?? -1, checked: checkCount(input, problems, path) };
  });
  problems.throwIfAny();

  return inTransaction(ctx.store, async (trx) => {
    const resolver = new MasterDataResolver(trx);
    await resolver.preload({ barcodes: true });
    const at = nowTimestamp();
    const result: CountImportResult = { rows: rows.length, inserted: 0, updated: 0, replayed: 0 };
    for (const listId of [...new Set(inputs.map((r) => r.listId))].sort((a, b) => a - b)) {
      const mine = inputs.filter((r) => r.listId === listId);
      let locked: { list: ListRow; inv: InventoryRow };
      try {
        locked = await lockListForCount(ctx, trx, listId);
        assertCountable(locked.inv, locked.list);
      } catch (e) {
        if (!(e instanceof InventarError)) throw e;
        throw new InventarError(e.code, e.params, [{ path: `${mine[0].path}/list`, code: e.code, params: e.params }]);
      }
      const { list, inv } = locked;
      const { maintainLocation } = await blindOf(trx, list);
      const warehouse = await trx.selectFrom('warehouses').select('code').where('id', '=', list.warehouse_id).executeTakeFirstOrThrow();
      const done = new Map(
        (await trx.selectFrom('inventory_scans').select(['scan_id', 'request_json']).where('list_id', '=', listId).execute()).map((s) => [s.scan_id, s.request_json]),
      );
      const lines = new Map<string, PendingLine>();
      for (const l of (await trx.selectFrom('inventory_lines').select(lineColumns).where('list_id', '=', listId).execute()) as LineRow[]) {
        lines.set(stockKeyString(stockKeyOfRow({ ...l, warehouse_id: list.warehouse_id })), { ...l, isNew: false, changed: false });
      }
      let currentLocation = list.current_location;
      const scans: { scanId: string; key: string; status: 200 | 201; request: string }[] = [];
      const resolvedRows: { row: (typeof inputs)[number]; resolved: ResolvedCount }[] = [];
      for (const row of mine) {
        const scanId = text(row.input.scanId);
        const request = scanRequestOf(row.input);
        if (scanId && done.has(scanId)) {
          if (!sameScan(done.get(scanId)!, request)) {
            problems.add({ path: `${row.path}/scanId`, code: 'INV_ERR_SCAN_ID_REUSED', params: { scanId } });
          } else result.replayed++;
          continue;
        }
        const resolved = await resolveCount(
          resolver,
          row.input,
          row.checked,
          { warehouse_id: list.warehouse_id, currentLocation, maintainLocation, warehouse: warehouse.code },
          problems,
          row.path,
        );
        if (scanId) done.set(scanId, request);
        if (!resolved) continue;
        if (maintainLocation && resolved.key.location) currentLocation = resolved.key.location;
        resolvedRows.push({ row, resolved });
      }
      problems.throwIfAny();
      // snapshots of the new keys: one grouped read of the book stock at the inventory date
      // (per chunk of items for a small file; the whole warehouse in one query for a big one)
      const itemIds = [...new Set(resolvedRows.map((r) => r.resolved.item.id))];
      const book = await bookStock(trx, ctx.store, { warehouseIds: [list.warehouse_id], date: inv.date, itemIds: itemIds.length <= 1000 ? itemIds : undefined });
      for (const { row, resolved } of resolvedRows) {
        const { item, key, quantity, expiry } = resolved;
        const k = stockKeyString({ warehouseId: list.warehouse_id, itemId: item.id, ...key });
        let line = lines.get(k);
        let status: 200 | 201 = 200;
        if (!line) {
          line = {
            id: 0,
            ...newLineRow(listId, item, key, expiry, book.get(k) ?? 0n, quantity, at, ctx.actor.username),
            isNew: true,
            changed: false,
          };
          lines.set(k, line);
          status = 201;
        } else {
          // a pre-filled recount key: its first count sets it (SPEC §11)
          line.counted_quantity = row.checked.mode === 'replace' || line.counted === 0 ? quantity : line.counted_quantity + quantity;
          line.counted = 1;
          if (expiry) line.expiry = expiry;
          if (!line.isNew) {
            line.changed = true;
            line.updated_at = at;
            line.updated_by = ctx.actor.username;
          }
        }
        checkSerialQuantity(item, key.serial, line.counted_quantity, problems, row.path);
        const scanId = text(row.input.scanId);
        if (scanId) scans.push({ scanId, key: k, status, request: scanRequestOf(row.input) });
      }
      problems.throwIfAny();
      const fresh = [...lines.values()].filter((l) => l.isNew);
      const changed = [...lines.values()].filter((l) => l.changed);
      await writeLines(ctx, trx, fresh, changed);
      result.inserted += fresh.length;
      result.updated += changed.length;
      if (currentLocation !== list.current_location) {
        await trx.updateTable('inventory_lists').set({ current_location: currentLocation }).where('id', '=', listId).execute();
      }
      if (scans.length) {
        const values = [];
        for (const s of scans) {
          const line = lines.get(s.key)!;
          const item = await resolver.itemById(line.item_id);
          values.push({
            list_id: listId,
            scan_id: s.scanId,
            line_id: line.id,
            status: s.status,
            response_json: JSON.stringify(lineView(line, item)),
            request_json: s.request,
            created_by: ctx.actor.username,
            created_at: at,
          });
        }
        for (let i = 0; i < values.length; i += 1000) await trx.insertInto('inventory_scans').values(values.slice(i, i + 1000)).execute();
      }
      await audit(trx, ctx.actor, 'list', listId, 'import', null, { rows: mine.length, inserted: fresh.length, updated: changed.length });
    }
    return result;
  });
}


/** Writes imported lines through db/inventory-line-writes.ts; ids filled in. */
async function writeLines(ctx: Ctx, trx: Db, fresh: PendingLine[], changed: PendingLine[]): Promise<void> {
  const rows = fresh.map((l) => Object.fromEntries(INVENTORY_LINE_COLUMNS.map((c) => [c, l[c]])) as InventoryLineRow);
  const updates = changed.map((l) => ({ id: l.id, counted_quantity: l.counted_quantity, expiry: l.expiry, updated_at: l.updated_at, updated_by: l.updated_by }));
  const ids = await writeInventoryLines(trx, ctx.store, rows, updates);
  fresh.forEach((l, i) => (l.id = ids[i]));
}

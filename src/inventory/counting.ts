/**
 * Counting (SPEC §4): one line typed or scanned (item barcode or GS1
 * element string; resolved by scan-resolution.ts), a line's quantity
 * corrected or the line removed, a list's lines read. Imports from handheld
 * terminals (CSV): count-import.ts.
 *
 * - The key of a line within a list is (item, variant, lot, serial,
 *   location, job order, account). Counting a key again needs a mode: add or
 *   replace; without one the answer is 409 INV_ERR_DUPLICATE_COUNT carrying
 *   the current line.
 * - A client scan id makes a scan idempotent: the first answer is stored and
 *   a repeated scan id gets it back unchanged (status and body), whatever
 *   happened since.
 * - A new line stores its insert time and the book stock of its key at the
 *   inventory date at that moment (the snapshot the difference preview
 *   compares with, to flag goods moved during the count).
 * - Maintain-location lists: a scan without location takes the list's
 *   current location; a scan naming one makes it current.
 * - Blind-count lists: a counter never sees book stock.
 */
import type { Ctx } from '../core/context.ts';
import { nowTimestamp } from '../core/dates.ts';
import { fail } from '../core/errors.ts';
import { parseDate, parseQuantity, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { Db } from '../db/db.ts';
import { stockOf } from '../ledger/stock.ts';
import { MasterDataResolver, type ResolvedItem } from '../masterdata/lookup.ts';
import { sharedMasterData } from '../masterdata/shared-cache.ts';
import { checkUnitDecimals } from '../masterdata/units.ts';
import { inTransaction, isUniqueViolation, listFor, requireRead, seesAllLists, showsBook, type InventoryRow, type ListRow } from './common.ts';
import { assertCountable, blindOf, lockListForCount } from './count-list.ts';
import { findLine, lineColumns, lineView, newLineRow, present, type LineRow, type LineView } from './inventory-line.ts';
import { checkCount, checkSerialQuantity, resolveCount, sameScan, scanRequestOf, text, type CountInput } from './scan-resolution.ts';

export interface CountResult {
  /** 201 new line, 200 changed line */
  status: 200 | 201;
  line: LineView;
  /** a repeated scan id: the stored first answer */
  replayed: boolean;
}

/** POST /api/lists/{id}/lines: one typed or scanned count. */
export async function countLine(ctx: Ctx, listId: number, input: CountInput): Promise<CountResult> {
  requirePermission(ctx.actor, 'count');
  const problems = new Problems();
  const checked = checkCount(input, problems);
  const scanId = text(input.scanId);
  const request = scanRequestOf(input);
  // a retried scan whose first answer exists is not refused for its input; any other malformed count is refused at once
  if (!scanId) problems.throwIfAny();
  const attempt = async (): Promise<CountResult & { show: boolean }> =>
    inTransaction(ctx.store, async (trx) => {
      const { list, inv } = await lockListForCount(ctx, trx, listId);
      const shared = await sharedMasterData(ctx.store, trx);
      const { blind, maintainLocation } = await blindOf(trx, list, shared);
      const show = showsBook(ctx.actor, blind);
      if (scanId) {
        const first = await trx
          .selectFrom('inventory_scans')
          .select(['status', 'response_json', 'request_json'])
          .where('list_id', '=', listId)
          .where('scan_id', '=', scanId)
          .executeTakeFirst();
        // the same scan id with another count is not a retry: refused, never silently dropped
        if (first && !sameScan(first.request_json, request)) {
          fail('INV_ERR_SCAN_ID_REUSED', { scanId }, [{ path: '/scanId', code: 'INV_ERR_SCAN_ID_REUSED', params: { scanId } }]);
        }
        if (first) return { status: first.status as 200 | 201, line: JSON.parse(first.response_json) as LineView, replayed: true, show };
      }
      problems.throwIfAny();
      assertCountable(inv, list);
      const resolver = new MasterDataResolver(trx, shared);
      const warehouse = await resolver.warehouseCode(list.warehouse_id);
      const resolved = await resolveCount(
        resolver,
        input,
        checked,
        { warehouse_id: list.warehouse_id, currentLocation: list.current_location, maintainLocation, warehouse },
        problems,
      );
      problems.throwIfAny();
      const { item, key, quantity, expiry } = resolved!;
      const existing = await findLine(trx, listId, item.id, key);
      const at = nowTimestamp();
      let line: LineRow;
      let status: 200 | 201;
      if (existing) {
        // a key pre-filled by a recount list: its first count sets it, whatever the mode (SPEC §11)
        const prefilled = existing.counted === 0;
        if (!checked.mode && !prefilled) {
          const current = present(lineView(existing, item), show);
          fail('INV_ERR_DUPLICATE_COUNT', { item: item.code, counted: current.countedQuantity, current });
        }
        const counted = checked.mode === 'add' && !prefilled ? existing.counted_quantity + quantity : quantity;
        checkSerialQuantity(item, key.serial, counted, problems, '');
        problems.throwIfAny();
        await trx
          .updateTable('inventory_lines')
          .set({ counted_quantity: counted, counted: 1, expiry: expiry || existing.expiry, updated_at: at, updated_by: ctx.actor.username })
          .where('id', '=', existing.id)
          .execute();
        line = { ...existing, counted_quantity: counted, counted: 1, expiry: expiry || existing.expiry, updated_at: at, updated_by: ctx.actor.username };
        status = 200;
        await audit(trx, ctx.actor, 'inventoryLine', line.id, prefilled ? 'count' : checked.mode!, lineView(existing, item), lineView(line, item));
      } else {
        checkSerialQuantity(item, key.serial, quantity, problems, '');
        problems.throwIfAny();
        const book = await stockOf(trx, { warehouseId: list.warehouse_id, itemId: item.id, ...key }, inv.date, shared);
        const values = newLineRow(listId, item, key, expiry, book, quantity, at, ctx.actor.username);
        const row = await trx.insertInto('inventory_lines').values(values).returning('id').executeTakeFirstOrThrow();
        line = { ...values, id: Number(row.id) };
        status = 201;
        await audit(trx, ctx.actor, 'inventoryLine', line.id, 'create', null, lineView(line, item));
      }
      if (maintainLocation && key.location && key.location !== list.current_location) {
        await trx.updateTable('inventory_lists').set({ current_location: key.location }).where('id', '=', listId).execute();
      }
      const view = lineView(line, item);
      if (scanId) {
        await trx
          .insertInto('inventory_scans')
          .values({
            list_id: listId,
            scan_id: scanId,
            line_id: line.id,
            status,
            response_json: JSON.stringify(view),
            request_json: request,
            created_by: ctx.actor.username,
            created_at: at,
          })
          .execute();
      }
      return { status, line: view, replayed: false, show };
    });
  let result: CountResult & { show: boolean };
  try {
    result = await attempt();
  } catch (e) {
    // two first attempts of one scan id racing on a database without the list lock: the loser replays
    if (scanId && isUniqueViolation(e)) result = await attempt();
    else throw e;
  }
  return { status: result.status, line: present(result.line, result.show), replayed: result.replayed };
}

/** GET /api/lists/{id}/lines */
export async function listLines(ctx: Ctx, listId: number, page: { limit?: number; offset?: number; mine?: boolean } = {}): Promise<{ items: LineView[]; total: number }> {
  requireRead(ctx.actor);
  const db = ctx.store.db;
  const list = await listFor(ctx, db, listId);
  const { blind } = await blindOf(db, list);
  const show = showsBook(ctx.actor, blind);
  // mine: the lines the reader counted, newest first (the counter's own lines on the phone)
  const me = page.mine ? ctx.actor.username : undefined;
  const total = await db
    .selectFrom('inventory_lines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('list_id', '=', listId)
    .$if(me !== undefined, (q) => q.where('inserted_by', '=', me!))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('inventory_lines as l')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .select(['i.code', 'i.description'])
    .where('l.list_id', '=', listId)
    .$if(me !== undefined, (q) => q.where('l.inserted_by', '=', me!))
    .orderBy('l.id', me !== undefined ? 'desc' : 'asc')
    .limit(page.limit ?? 1000)
    .offset(page.offset ?? 0)
    .execute();
  return { items: rows.map((r) => present(lineView(r as unknown as LineRow, r), show)), total: Number(total.n) };
}

async function lineFor(ctx: Ctx, trx: Db, lineId: number): Promise<{ line: LineRow; list: ListRow; inv: InventoryRow; item: ResolvedItem; show: boolean }> {
  const ref = await trx.selectFrom('inventory_lines').select('list_id').where('id', '=', lineId).executeTakeFirst();
  if (!ref) fail('INV_ERR_NOT_FOUND', { entity: 'line', key: lineId });
  const { list, inv } = await lockListForCount(ctx, trx, ref.list_id);
  const line = (await trx.selectFrom('inventory_lines').select(lineColumns).where('id', '=', lineId).executeTakeFirst()) as LineRow | undefined;
  if (!line) fail('INV_ERR_NOT_FOUND', { entity: 'line', key: lineId });
  // a counter corrects or removes only the lines they counted (a supervisor any line)
  if (!seesAllLists(ctx.actor) && line.inserted_by !== ctx.actor.username) fail('INV_ERR_NOT_YOUR_LINE', { line: lineId, user: line.inserted_by });
  const item = await new MasterDataResolver(trx).itemById(line.item_id);
  const { blind } = await blindOf(trx, list);
  return { line, list, inv, item, show: showsBook(ctx.actor, blind) };
}

/** PUT /api/lines/{id}: sets the counted quantity (and expiry); the key does not change. */
export async function updateLine(ctx: Ctx, lineId: number, input: { quantity: string; expiry?: string | null }): Promise<LineView> {
  requirePermission(ctx.actor, 'count');
  const problems = new Problems();
  const quantity = parseQuantity(input.quantity, '/quantity', problems);
  if (quantity === undefined && !problems.list.length) problems.add({ path: '/quantity', code: 'INV_ERR_VALIDATION' });
  if (quantity !== undefined && quantity < 0n) problems.add({ path: '/quantity', code: 'INV_ERR_COUNT_NEGATIVE' });
  const expiry = parseDate(input.expiry ?? undefined, '/expiry', problems);
  problems.throwIfAny();
  return inTransaction(ctx.store, async (trx) => {
    const { line, list, inv, item, show } = await lineFor(ctx, trx, lineId);
    assertCountable(inv, list);
    checkSerialQuantity(item, line.serial, quantity!, problems, '');
    checkUnitDecimals(quantity!, { item: item.code, uom: item.uom, decimals: item.decimals }, '/quantity', problems);
    problems.throwIfAny();
    const at = nowTimestamp();
    const after: LineRow = {
      ...line,
      counted_quantity: quantity!,
      counted: 1,
      expiry: input.expiry === null ? '' : (expiry ?? line.expiry),
      updated_at: at,
      updated_by: ctx.actor.username,
    };
    await trx
      .updateTable('inventory_lines')
      .set({ counted_quantity: after.counted_quantity, counted: 1, expiry: after.expiry, updated_at: at, updated_by: ctx.actor.username })
      .where('id', '=', lineId)
      .execute();
    await audit(trx, ctx.actor, 'inventoryLine', lineId, 'update', lineView(line, item), lineView(after, item));
    return present(lineView(after, item), show);
  });
}

/** DELETE /api/lines/{id} */
export async function deleteLine(ctx: Ctx, lineId: number): Promise<void> {
  requirePermission(ctx.actor, 'count');
  await inTransaction(ctx.store, async (trx) => {
    const { line, list, inv, item } = await lineFor(ctx, trx, lineId);
    assertCountable(inv, list);
    await trx.deleteFrom('inventory_lines').where('id', '=', lineId).execute();
    await audit(trx, ctx.actor, 'inventoryLine', lineId, 'delete', lineView(line, item), null);
  });
}

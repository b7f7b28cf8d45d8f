/**
 * Item writes (SPEC §2): create, replace and delete an item with its
 * variants, barcodes and alternative units, in an admin write with its audit
 * entry.
 */
import type { Actor, Ctx } from '../core/context.ts';
import { fail } from '../core/errors.ts';
import { Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { adminWrite, checkSameCode, type UpdateInput } from './crud.ts';
import type { Db } from '../db/db.ts';
import { parseItem, type ParsedItem } from './item-input.ts';
import { CHUNK, itemView, withoutId, type ItemInput, type ItemView } from './items.ts';

/** An item's unit of measure is a registered unit (SPEC §14): 422 INV_ERR_UNKNOWN_UOM at /uom otherwise. */
async function checkUnitKnown(trx: Db, uom: string, path = '/uom'): Promise<void> {
  const unit = await trx.selectFrom('units').select('code').where('code', '=', uom).executeTakeFirst();
  if (!unit) fail('INV_ERR_UNKNOWN_UOM', { uom }, [{ path, code: 'INV_ERR_UNKNOWN_UOM', params: { uom } }]);
}

/** Barcodes identify one item: 409 when another item already has one of them. */
async function checkBarcodesFree(trx: Db, itemId: number | null, barcodes: { barcode: string }[]): Promise<void> {
  for (let i = 0; i < barcodes.length; i += CHUNK) {
    let q = trx
      .selectFrom('item_barcodes')
      .select('barcode')
      .where(
        'barcode',
        'in',
        barcodes.slice(i, i + CHUNK).map((b) => b.barcode),
      );
    if (itemId !== null) q = q.where('item_id', '<>', itemId);
    const taken = await q.orderBy('barcode').executeTakeFirst();
    if (taken) fail('INV_ERR_DUPLICATE', { entity: 'barcode', key: taken.barcode });
  }
}

async function deleteChildren(trx: Db, itemId: number): Promise<void> {
  await trx.deleteFrom('item_barcodes').where('item_id', '=', itemId).execute();
  await trx.deleteFrom('item_variants').where('item_id', '=', itemId).execute();
  await trx.deleteFrom('item_units').where('item_id', '=', itemId).execute();
}

/** Replaces the item's variants, barcodes and alternative units. */
async function writeChildren(trx: Db, itemId: number, item: ParsedItem): Promise<void> {
  await deleteChildren(trx, itemId);
  if (item.variants.length > 0) await trx.insertInto('item_variants').values(item.variants.map((v) => ({ item_id: itemId, ...v }))).execute();
  if (item.barcodes.length > 0) await trx.insertInto('item_barcodes').values(item.barcodes.map((b) => ({ item_id: itemId, ...b }))).execute();
  if (item.units.length > 0) await trx.insertInto('item_units').values(item.units.map((u) => ({ item_id: itemId, ...u }))).execute();
}

/** Inserts a checked item inside the caller's transaction, with its audit entry. */
export async function insertItem(trx: Db, actor: Actor, code: string, item: ParsedItem, path?: string): Promise<ItemView> {
  const exists = await trx.selectFrom('items').select('id').where('code', '=', code).executeTakeFirst();
  if (exists) fail('INV_ERR_DUPLICATE', { entity: 'item', key: code });
  await checkUnitKnown(trx, item.fields.uom, path === undefined ? '/uom' : `${path}/uom`);
  await checkBarcodesFree(trx, null, item.barcodes);
  const { id } = await trx
    .insertInto('items')
    .values({ code, ...item.fields })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeChildren(trx, id, item);
  const after = withoutId(await itemView(trx, code));
  await audit(trx, actor, 'item', code, 'create', null, after);
  return after;
}

export async function createItem(ctx: Ctx, input: ItemInput): Promise<ItemView> {
  requirePermission(ctx.actor, 'masterData');
  const item = parseItem(input);
  return adminWrite(ctx, { entity: 'item', key: input.code }, (trx) => insertItem(trx, ctx.actor, input.code, item));
}

/**
 * Replaces an item's data (PUT: absent lists become empty). A variant that
 * movements use cannot be dropped (409 INV_ERR_IN_USE).
 */
export async function updateItem(ctx: Ctx, code: string, input: UpdateInput<ItemInput>): Promise<ItemView> {
  requirePermission(ctx.actor, 'masterData');
  const problems = new Problems();
  checkSameCode(input.code, code, problems);
  problems.throwIfAny();
  const item = parseItem(input);
  return adminWrite(ctx, { entity: 'item', key: code }, async (trx) => {
    const { id, ...before } = await itemView(trx, code);
    await checkUnitKnown(trx, item.fields.uom);
    await checkBarcodesFree(trx, id, item.barcodes);
    const kept = new Set(item.variants.map((v) => v.code));
    for (const dropped of before.variants.filter((v) => !kept.has(v.code))) {
      const used = await trx.selectFrom('movements').select('id').where('item_id', '=', id).where('variant', '=', dropped.code).limit(1).executeTakeFirst();
      if (used) fail('INV_ERR_IN_USE', { entity: 'variant', key: `${code}/${dropped.code}` });
    }
    await trx.updateTable('items').set(item.fields).where('id', '=', id).execute();
    await writeChildren(trx, id, item);
    const after = withoutId(await itemView(trx, code));
    await audit(trx, ctx.actor, 'item', code, 'update', before, after);
    return after;
  });
}

/** Deletes an item no movement references (409 INV_ERR_IN_USE otherwise), with its variants, barcodes and units. */
export async function deleteItem(ctx: Ctx, code: string): Promise<void> {
  requirePermission(ctx.actor, 'masterData');
  await adminWrite(ctx, { entity: 'item', key: code }, async (trx) => {
    const { id, ...before } = await itemView(trx, code);
    const used = await trx.selectFrom('movements').select('id').where('item_id', '=', id).limit(1).executeTakeFirst();
    if (used) fail('INV_ERR_IN_USE', { entity: 'item', key: code });
    await deleteChildren(trx, id);
    await trx.deleteFrom('items').where('id', '=', id).execute();
    await audit(trx, ctx.actor, 'item', code, 'delete', before, null);
  });
}

/**
 * The stock differences posting (SPEC §5): the adjustment records planned
 * from the computed differences (split by SPEC §12 into compensation,
 * allowance and imputable records) and written through the posting engine,
 * behind POST /api/inventories/{id}/differences and the CLI.
 */
import type { Ctx } from '../core/context.ts';
import { Quantity, UnitCost, type Quantity as QuantityT } from '../core/decimal.ts';
import { nowTimestamp } from '../core/dates.ts';
import { fail } from '../core/errors.ts';
import { parseDate, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { TemplateRow } from '../db/schema.ts';
import { movementAmount, planRecord, type PlannedRecord, type RecordInput } from '../ledger/plan.ts';
import { MasterDataResolver } from '../masterdata/lookup.ts';
import { writeRecords, type WrittenRecord } from '../ledger/posting.ts';
import { assertOpenPeriod } from '../ledger/period.ts';
import { headerView, lineView, recordViews, type RecordView } from '../ledger/record-views.ts';
import type { Db } from '../db/db.ts';
import { assertStockDifferenceTemplate, type YearlyTemplateField } from '../masterdata/stock-difference-params.ts';
import { assertOpen, inTransaction, inventoryLabel, lockInventory, type InventoryRow } from './common.ts';
import { assertDecided, type ClassOf, type ControlledRow } from './difference-control.ts';
import { storeAccuracy } from './accuracy-figures.ts';
import { keysToCheck } from './posted-stock-proof.ts';
import { phases } from '../core/profile.ts';
import { changeStamp } from '../db/change-stamp.ts';
import { takeDifferences } from './difference-cache.ts';
import type { Language } from '../core/i18n.ts';
import type { DifferencesView } from './stock-differences-view.ts';
import { differenceNote } from './record-notes.ts';
import { storeListTotals } from './yearly-list.ts';
import { checkQuery, compute, type Computed, type DifferenceQuery } from './stock-differences.ts';
import { totalsView } from './stock-differences-preview.ts';

export interface PostInput extends DifferenceQuery {
  postingDate: string;
}

export interface PostResult {
  inventoryId: number;
  inventory: string;
  stockDate: string;
  postingDate: string;
  totals: DifferencesView['totals'];
  records: RecordView[];
}

/**
 * One load record (surpluses) and/or one unload record (shortages) per
 * warehouse, at the posting date, referencing the inventory; unit costs are
 * the templates' proposed costs at the stock date, set here so the posting
 * engine keeps them.
 *
 * The records pass the same rules as every other record (planRecord, SPEC
 * §3): the template belongs to the warehouse, a lot where the item and the
 * template manage lots, one serial per unit, the unit's decimals, mandatory
 * document (the inventory is the document: "INV 2026/1") and account.
 * Anything refused is a 422 naming the record and line; nothing is written.
 * A template that requires an account is refused up front: a difference has
 * no customer or supplier (assertStockDifferenceTemplate).
 */
export async function plannedRecords(db: Db, inv: InventoryRow, c: Computed, postingDate: string, lang: Language = 'en'): Promise<PlannedRecord[]> {
  const groups = new Map<number, { template: TemplateRow; warehouseId: number; rank: number; rows: { row: ControlledRow; quantity: bigint }[] }>();
  const add = (r: ControlledRow, template: TemplateRow, rank: number, quantity: bigint) => {
    if (quantity === 0n) return;
    let group = groups.get(template.id);
    if (!group) groups.set(template.id, (group = { template, warehouseId: r.warehouseId, rank, rows: [] }));
    group.rows.push({ row: r, quantity });
  };
  // SPEC §12: a part of a row compensated, allowed or imputable goes with its own template (which must be set)
  const yearlyTemplate = (r: ControlledRow, field: YearlyTemplateField): TemplateRow => {
    const t = c.params.get(r.warehouseId)?.[field];
    if (!t) fail('INV_ERR_STOCK_DIFF_PARAM_MISSING', { warehouse: c.warehouses.get(r.warehouseId), parameter: field });
    return t;
  };
  for (const [i, r] of c.rows.entries()) {
    if (!r.pricing) continue;
    const split = c.yearly?.rows[i];
    const total = r.difference < 0n ? -r.difference : r.difference;
    const surplus = r.difference > 0n;
    if (split) {
      if (split.compensated > 0n) add(r, yearlyTemplate(r, surplus ? 'compensationLoadTemplate' : 'compensationUnloadTemplate'), surplus ? 1 : 3, split.compensated);
      if (split.allowedLoss > 0n) add(r, yearlyTemplate(r, 'allowanceTemplate'), 4, split.allowedLoss);
      if (split.imputable > 0n) add(r, yearlyTemplate(r, 'imputableTemplate'), 5, split.imputable);
    }
    const rest = total - (split ? split.compensated + split.allowedLoss + split.imputable : 0n);
    add(r, c.templates.get(r.pricing.templateId)!, surplus ? 0 : 2, rest);
  }
  // warehouses in code order; the load before the unload, then compensation, allowance and imputable records
  const code = (g: { warehouseId: number }) => c.warehouses.get(g.warehouseId)!;
  const ordered = [...groups.values()].sort((a, b) => (code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : a.rank - b.rank));
  for (const g of ordered) assertStockDifferenceTemplate(g.template, `/records/${ordered.indexOf(g)}/template`);
  if (ordered.length === 0) return [];

  const resolver = new MasterDataResolver(db);
  // a large inventory reads the registry once instead of item by item
  if (c.rows.length > 200) await resolver.preload();
  const problems = new Problems();
  const out: PlannedRecord[] = [];
  const document = `INV ${inventoryLabel(inv)}`;
  for (const [i, g] of ordered.entries()) {
    const input: RecordInput = {
      warehouse: code(g),
      template: g.template.code,
      date: postingDate,
      internalDocument: document,
      internalDocumentDate: inv.date,
      referenceDocument: document,
      notes: differenceNote(c.stockDate, lang),
      lines: g.rows.map(({ row: r, quantity }) => ({
        item: c.items.get(r.itemId)!.code,
        variant: r.variant,
        // entered positive: the template's type gives the sign (a load adds the surplus, an unload takes the shortage)
        quantity: Quantity.format(quantity as QuantityT),
        unitCost: UnitCost.format(r.pricing!.unitCost),
        location: r.location,
        lot: r.lot,
        serials: r.serial ? [r.serial] : undefined,
        jobOrder: r.jobOrder,
        account: r.account,
      })),
    };
    const path = `/records/${i}`;
    const resolved = resolver.resolvePreloaded(input) ?? (await resolver.resolve(input, problems, path));
    if (!resolved) continue;
    const planned = planRecord(input, resolved, problems, path, 'inventory');
    planned.inventoryId = inv.id;
    // the difference is of this very key: a key without location stays without one (no template default location)
    for (const m of planned.lines) {
      m.location = g.rows[m.inputLine].row.location;
      m.serial = g.rows[m.inputLine].row.serial;
    }
    out.push(planned);
  }
  problems.throwIfAny();
  return out;
}

/**
 * POST /api/inventories/{id}/differences: posts the adjustment records and
 * closes the inventory, in one transaction. The first statement closes the
 * inventory only if it is still open: of two simultaneous posts exactly one
 * gets the row (PostgreSQL's row lock makes the second wait and then find it
 * closed; SQLite has one writer), and the other gets 409 with nothing written.
 */
export async function postDifferences(ctx: Ctx, inventoryId: number, input: PostInput, classOf?: ClassOf): Promise<PostResult> {
  requirePermission(ctx.actor, 'inventory');
  const problems = new Problems();
  checkQuery(input, problems);
  if (!input.postingDate) problems.add({ path: '/postingDate', code: 'INV_ERR_VALIDATION' });
  parseDate(input.postingDate, '/postingDate', problems);
  problems.throwIfAny();
  const phase = phases('post');
  const result = await inTransaction(ctx.store, async (trx) => {
    phase('begin');
    // under the write lock, before anything is written: equal to the preview's stamp only if nothing changed since
    const stamp = changeStamp(ctx.store);
    const at = nowTimestamp();
    const closed = await trx
      .updateTable('inventories')
      .set({ closed: 1, closed_at: at, closed_by: ctx.actor.username, posted_at: at })
      .where('id', '=', inventoryId)
      .where('closed', '=', 0)
      // a reversed inventory is open and unposted again (reversal.ts): it may be posted once more
      .where('posted_at', 'is', null)
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) !== 1) {
      assertOpen(await lockInventory(trx, ctx.store, inventoryId, 'none'));
      fail('INV_ERR_INVENTORY_CLOSED', { inventory: inventoryId });
    }
    const inv = await lockInventory(trx, ctx.store, inventoryId, 'none');
    phase('inventory closed');
    const c = (classOf ? undefined : takeDifferences<Computed>(ctx.store, inv, input, stamp)) ?? (await compute(trx, ctx.store, inv, input, classOf));
    // SPEC §12: the next inventory's allowance period starts after this stock date
    await trx.updateTable('inventories').set({ stock_date: c.stockDate }).where('id', '=', inv.id).execute();
    phase('differences');
    assertDecided(inventoryLabel(inv), c);
    await storeAccuracy(trx, ctx.store, inv.id, c);
    // SPEC §12: the inventory list's values per stock account, for the registrul-inventar
    await storeListTotals(trx, ctx.store, inv.id, c);
    phase('accuracy');
    const planned = await plannedRecords(trx, inv, c, input.postingDate, ctx.lang);
    phase('records planned');
    // nothing to post still posts at a date: the same open-period rule as records (year parameters, not closed)
    if (planned.length === 0) await assertOpenPeriod(trx, [input.postingDate]);
    // the negative stock of keys provably at their counted quantity from the posting date on is not read again
    const proof = { book: c.book, warehouseIds: [...c.warehouses.keys()], stockDate: c.stockDate, records: planned };
    const written = planned.length ? await writeRecords(trx, ctx.store, ctx.actor, planned, { negativeStockKeys: (lowered) => keysToCheck(trx, ctx.store, proof, lowered) }) : [];
    phase(`writeRecords (${planned.reduce((n, r) => n + r.lines.length, 0)} lines)`);
    const ids = written.map((w) => w.id);
    const totals = totalsView(c);
    for (const w of written) {
      await audit(trx, ctx.actor, 'record', w.id, 'create', null, {
        id: w.id,
        warehouse: c.warehouses.get(w.planned.warehouseId) ?? w.planned.warehouseId,
        template: w.planned.template.code,
        date: w.planned.date,
        number: w.number,
        origin: w.planned.origin,
        inventoryId: inv.id,
        lines: w.planned.lines.length,
      });
    }
    await audit(
      trx,
      ctx.actor,
      'inventory',
      inv.id,
      'post',
      { closed: false },
      { closed: true, postedAt: at, stockDate: c.stockDate, postingDate: input.postingDate, records: ids, totals },
    );
    phase('audit');
    const views = await postedViews(trx, written, c);
    phase('record views');
    return { inv, stockDate: c.stockDate, totals, ids, views };
  });
  phase('commit');
  const out = {
    inventoryId: result.inv.id,
    inventory: inventoryLabel(result.inv),
    stockDate: result.stockDate,
    postingDate: input.postingDate,
    totals: result.totals,
    records: result.views ?? (await recordViews(ctx.store.db, result.ids)),
  };
  phase('record views (read back)');
  return out;
}

/**
 * The posted records as GET /api/records/{id} shows them, built from what
 * was just written (headers read back, lines from the plan: the same values
 * the posting engine stored) instead of reading 100,000 lines again.
 * Undefined when a template posted mirror records: then they are read back.
 */
async function postedViews(db: Db, written: WrittenRecord[], c: Computed): Promise<RecordView[] | undefined> {
  if (written.length === 0) return [];
  if (written.some((w) => w.mirrorOf !== null)) return undefined;
  const headers = await db.selectFrom('records').selectAll().where('id', 'in', written.map((w) => w.id)).execute();
  const byId = new Map(headers.map((h) => [h.id, h]));
  return written.map((w) => {
    const h = byId.get(w.id)!;
    const t = w.planned.template;
    return {
      ...headerView(h, c.warehouses.get(h.warehouse_id)!, t.code),
      lines: w.planned.lines.map((m, i) =>
        lineView({
          lineNo: i + 1,
          item: c.items.get(m.itemId)!.code,
          variant: m.variant,
          location: m.location,
          lot: m.lot,
          serial: m.serial,
          jobOrder: m.jobOrder,
          account: m.account,
          quantity: m.quantity,
          unitCost: m.unitCost!,
          amount: movementAmount(m, m.unitCost!, t.type),
          altUom: m.altUom,
          altQuantity: m.altQuantity,
          notes: m.notes,
        }),
      ),
    };
  });
}

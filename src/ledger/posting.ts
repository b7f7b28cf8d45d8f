/**
 * The posting engine: writes planned records (manual, imported, inventory
 * differences, closings) inside the caller's transaction. One path for one
 * record or a million: costs filled, mirrors added, period checked, numbers
 * given, rows written (db/ledger-writes.ts), stock checked.
 */
import type { Actor } from '../core/context.ts';
import { UnitCost, type UnitCost as UnitCostT } from '../core/decimal.ts';
import { nowTimestamp } from '../core/dates.ts';
import { phases } from '../core/profile.ts';
import { fail } from '../core/errors.ts';
import type { Store } from '../db/connection.ts';
import { ledgerBulkIndexes, refreshLedgerStatistics, writeLedgerRows, RECORD_COLUMNS, type LedgerBulkIndexes, type MovementRows, type RecordRows } from '../db/ledger-writes.ts';
import { lockWarehouses } from '../db/locks.ts';
import type { TemplateRow } from '../db/schema.ts';
import type { Db } from '../db/db.ts';
import { registryOf, unitCostAt, valuePerWarehouse } from '../valuation/item-cost.ts';
import { proposedCostSource, readsLedger, registryCostOf } from '../valuation/proposed-cost.ts';
import { storedClosingHistory } from '../valuation/closing/history-source.ts';
import { assertNoNegativeStock, type AffectedKey } from './negative-stock.ts';
import { stockKeyString, type StockKey } from './keys.ts';
import { assertOpenPeriod } from './period.ts';
import { assertNotFrozen, passesFreeze } from './freeze.ts';
import { mirrorOf, movementAmount, type PlannedMovement, type PlannedRecord } from './plan.ts';
import { journalled, writeJournalEntries, type EntrySource } from './journal.ts';
import { applyItemCostUpdates, collectItemCostUpdates, type ItemCostUpdates } from './item-cost-updates.ts';

export interface WriteOptions {
  /** closings post their opening records outside the period guard */
  skipPeriodCheck?: boolean;
  /**
   * The lowered keys the negative stock check must still read the ledger
   * for: a caller that can prove the others never go negative (an inventory
   * posting, inventory/posted-stock-proof.ts) leaves them out. Default: all.
   */
  negativeStockKeys?: (lowered: AffectedKey[]) => Promise<AffectedKey[]>;
}

export interface WrittenRecord {
  id: number;
  number: number;
  planned: PlannedRecord;
  mirrorOf: number | null;
}

type Filled = PlannedMovement & { unitCost: UnitCostT };

/** Fills missing unit costs from the template's proposed cost at the record's date (SPEC §2, valuation/proposed-cost.ts). */
export async function fillProposedCosts(db: Db, records: PlannedRecord[]): Promise<void> {
  const cache = new Map<string, UnitCostT>();
  const perWarehouse = new Map<string, boolean>();
  for (const r of records) {
    for (const m of r.lines) {
      if (m.unitCost !== undefined) continue;
      const source = proposedCostSource(r.template.proposed_cost);
      if (source.kind === 'none') {
        m.unitCost = UnitCost.zero;
        continue;
      }
      if (!perWarehouse.has(r.date)) perWarehouse.set(r.date, await valuePerWarehouse(db, r.date));
      const scope = { itemId: m.itemId, warehouseId: perWarehouse.get(r.date) ? r.warehouseId : undefined };
      const key = `${r.template.proposed_cost}|${scope.itemId}|${scope.warehouseId ?? ''}|${r.date}`;
      let cost = cache.get(key);
      if (cost === undefined) {
        cost =
          source.kind === 'registry'
            ? registryCostOf(registryOf(await db.selectFrom('items').select(['standard_cost', 'average_cost', 'last_cost', 'sale_price']).where('id', '=', m.itemId).executeTakeFirstOrThrow()), source.cost)
            : await unitCostAt(db, scope, r.date, source.method, storedClosingHistory);
        cache.set(key, cost);
      }
      m.unitCost = cost;
    }
  }
}

/** Adds the mirror record of each record whose template has an offset (transfers). */
async function withMirrors(db: Db, records: PlannedRecord[]): Promise<{ record: PlannedRecord; mirrorOfIndex: number | null }[]> {
  const out: { record: PlannedRecord; mirrorOfIndex: number | null }[] = [];
  const templates = new Map<number, TemplateRow | undefined>();
  for (const record of records) {
    const index = out.push({ record, mirrorOfIndex: null }) - 1;
    const t = record.template;
    if (t.offset_warehouse_id === null || t.offset_template_id === null) continue;
    if (!templates.has(t.offset_template_id)) {
      templates.set(t.offset_template_id, await db.selectFrom('templates').selectAll().where('id', '=', t.offset_template_id).executeTakeFirst());
    }
    const offset = templates.get(t.offset_template_id);
    if (!offset || offset.warehouse_id !== t.offset_warehouse_id) fail('INV_ERR_OFFSET_TEMPLATE', { template: t.code });
    out.push({ record: mirrorOf(record, t.offset_warehouse_id, offset), mirrorOfIndex: index });
  }
  return out;
}

async function nextNumbers(db: Db, records: PlannedRecord[]): Promise<number[]> {
  const next = new Map<string, number>();
  const dates = [...new Set(records.map((r) => r.date))];
  const warehouses = [...new Set(records.map((r) => r.warehouseId))];
  for (let i = 0; i < dates.length; i += 500) {
    const rows = await db
      .selectFrom('records')
      .select(['warehouse_id', 'date'])
      .select((eb) => eb.fn.max('number').as('n'))
      .where('date', 'in', dates.slice(i, i + 500))
      .where('warehouse_id', 'in', warehouses)
      .groupBy(['warehouse_id', 'date'])
      .execute();
    for (const r of rows) next.set(`${r.warehouse_id}|${r.date}`, Number(r.n));
  }
  return records.map((r) => {
    if (r.number !== undefined) return r.number;
    const key = `${r.warehouseId}|${r.date}`;
    const n = (next.get(key) ?? 0) + 1;
    next.set(key, n);
    return n;
  });
}

type Row<C extends readonly string[]> = { [K in C[number]]: unknown };

function recordRow(id: number | null, r: PlannedRecord, number: number, mirrorOfId: number | null, actor: Actor, at: string): Row<typeof RECORD_COLUMNS> {
  return {
    id,
    warehouse_id: r.warehouseId,
    template_id: r.templateId,
    date: r.date,
    number,
    internal_document: r.internalDocument,
    internal_document_date: r.internalDocumentDate,
    reference_document: r.referenceDocument,
    account: r.account,
    job_order: r.jobOrder,
    notes: r.notes,
    origin: r.origin,
    mirror_of: mirrorOfId,
    inventory_id: r.inventoryId,
    closing_id: r.closingId,
    created_by: actor.username,
    created_at: at,
  };
}

/** Whether a line leaves the DEFAULTED columns of db/ledger-writes.ts to their defaults ('' or 0). */
const isPlain = (m: Filled) => !m.variant && !m.serial && !m.jobOrder && !m.account && !m.altUom && m.altQuantity === 0n && !m.notes;

/**
 * Appends one movement's values in MOVEMENT_COLUMNS order (PLAIN_MOVEMENT_COLUMNS
 * when `plain`): the one mapping of a planned line to a row.
 */
function pushMovementValues(out: unknown[], recordId: number, number: number, r: PlannedRecord, m: Filled, lineNo: number, plain = false): void {
  out.push(recordId, lineNo, r.date, number, r.warehouseId, r.templateId, m.itemId);
  if (!plain) out.push(m.variant);
  out.push(m.location, m.lot);
  if (!plain) out.push(m.serial, m.jobOrder, m.account);
  out.push(m.quantity);
  if (!plain) out.push(m.altUom, m.altQuantity);
  out.push(m.unitCost, movementAmount(m, m.unitCost, r.template.type));
  if (!plain) out.push(m.notes);
}

type Entry = { record: PlannedRecord; number: number; mirrorOfIndex: number | null };

/** Writes the entries' records and lines through db/ledger-writes.ts (the mapping to rows stays here); the records' ids. */
async function insertAll(db: Db, store: Store, entries: Entry[], actor: Actor, indexed = true): Promise<number[]> {
  const at = nowTimestamp();
  const records: RecordRows = {
    count: entries.length,
    presetId: (i) => entries[i].record.id,
    values: (i, id, ids) => {
      const e = entries[i];
      const row = recordRow(id, e.record, e.number, e.mirrorOfIndex === null ? null : ids[e.mirrorOfIndex], actor, at);
      return RECORD_COLUMNS.map((c) => row[c]);
    },
  };
  // every line as (entry, line), in ledger order
  let lines = 0;
  for (const e of entries) lines += e.record.lines.length;
  const entryOf = new Uint32Array(lines);
  const lineOf = new Uint32Array(lines);
  let n = 0;
  entries.forEach((e, i) => {
    for (let j = 0; j < e.record.lines.length; j++) {
      entryOf[n] = i;
      lineOf[n++] = j;
    }
  });
  const line = (k: number) => entries[entryOf[k]].record.lines[lineOf[k]] as Filled;
  const movements: MovementRows = {
    count: lines,
    recordOf: entryOf,
    warehouseId: (k) => entries[entryOf[k]].record.warehouseId,
    itemId: (k) => line(k).itemId,
    plain: (k) => isPlain(line(k)),
    push: (out, k, ids, plain) => {
      const e = entries[entryOf[k]];
      pushMovementValues(out, ids[entryOf[k]], e.number, e.record, line(k), lineOf[k] + 1, plain);
    },
  };
  return writeLedgerRows(db, store, records, movements, indexed);
}

/** Whether a record asks the ledger for a cost (proposed last or average) of some line. */
function readsLedgerCosts(r: PlannedRecord): boolean {
  return readsLedger(r.template.proposed_cost) && r.lines.some((m) => m.unitCost === undefined);
}

/**
 * Splits a batch so that a record whose proposed cost reads the ledger is
 * written after every earlier record of the batch touching the same items:
 * its cost then sees them, exactly as if the records were posted one by one.
 */
export function costDependencyGroups(records: PlannedRecord[]): PlannedRecord[][] {
  // the usual bulk import carries its costs: one group, no item sets to build
  if (!records.some(readsLedgerCosts)) return records.length ? [records] : [];
  const groups: PlannedRecord[][] = [];
  let current: PlannedRecord[] = [];
  let items = new Set<number>();
  for (const r of records) {
    if (readsLedgerCosts(r) && r.lines.some((m) => m.unitCost === undefined && items.has(m.itemId))) {
      groups.push(current);
      current = [];
      items = new Set();
    }
    current.push(r);
    for (const m of r.lines) items.add(m.itemId);
  }
  if (current.length) groups.push(current);
  return groups;
}

/**
 * Writes planned records and their mirrors in the caller's transaction and
 * checks stock. `alsoCheck` adds keys lowered by what the caller removed
 * (edited or deleted records).
 */
export async function writeRecords(
  db: Db,
  store: Store,
  actor: Actor,
  planned: PlannedRecord[],
  options: WriteOptions & { alsoCheck?: AffectedKey[] } = {},
): Promise<WrittenRecord[]> {
  const session = new PostingSession(db, store, actor, options);
  const written = await session.write(planned);
  await session.finish(options.alsoCheck);
  return written;
}

/** Above this many lines in one posting session, a bulk load may defer the movements indexes (SQLite). */
export const DEFER_INDEXES_FROM = 100_000;

/**
 * One posting action written in parts (a bulk import streams its records):
 * each part is costed, mirrored, numbered and inserted as it comes; the
 * negative stock check and the registry cost updates run once, in `finish`,
 * over everything the session lowered or touched, exactly as if all parts
 * had been one call.
 *
 * With `deferIndexes` on SQLite, once the session has written more lines
 * than the ledger held before it (and at least `deferIndexes` lines), the
 * movements and records indexes are dropped and built again by sorting in `finish`:
 * maintaining them row by row costs a random B-tree insert per index and
 * line, which on a large ledger touches most index pages again for every
 * batch. Reads of the ledger in between (proposed costs) get the indexes
 * back first. Everything stays in the caller's transaction: a failure rolls
 * the indexes back with the rows.
 */
export class PostingSession {
  private readonly lowered = new Map<string, AffectedKey>();
  private readonly costUpdates: ItemCostUpdates = new Map();
  /** items' stock accounts read for the journal, kept across the session's batches */
  private readonly stockAccounts = new Map<number, string>();
  private readonly indexes: LedgerBulkIndexes | undefined;
  private existingLines: number | undefined;
  private lines = 0;
  /** a ledger read needed the indexes: keep them for the rest of the session */
  private keepIndexes = false;

  constructor(
    private readonly db: Db,
    private readonly store: Store,
    private readonly actor: Actor,
    private readonly options: WriteOptions & { deferIndexes?: number } = {},
  ) {
    if (options.deferIndexes !== undefined) this.indexes = ledgerBulkIndexes(store);
  }

  async write(planned: PlannedRecord[]): Promise<WrittenRecord[]> {
    const written: WrittenRecord[] = [];
    for (const group of costDependencyGroups(planned)) {
      if (group.some(readsLedgerCosts)) this.needIndexes();
      else this.maybeDeferIndexes(group);
      await fillProposedCosts(this.db, group);
      const all = await withMirrors(this.db, group);
      // lock first: a closing holds these locks, so the period read after them is the committed one
      await lockWarehouses(this.store, this.db, all.map((e) => e.record.warehouseId));
      if (!this.options.skipPeriodCheck) await assertOpenPeriod(this.db, all.map((e) => e.record.date), this.store);
      // a frozen warehouse takes only the records of its inventory (and closings); a mirror follows its record's origin
      const rootOrigin = (e: (typeof all)[number]) => (e.mirrorOfIndex === null ? e.record : all[e.mirrorOfIndex].record).origin;
      await assertNotFrozen(this.db, all.filter((e) => !passesFreeze(rootOrigin(e))).map((e) => e.record.warehouseId));
      const numbers = await nextNumbers(this.db, all.map((e) => e.record));
      const ids = await insertAll(this.db, this.store, all.map((e, i) => ({ ...e, number: numbers[i] })), this.actor, !this.indexes?.deferred);
      all.forEach((e, i) => {
        written.push({ id: ids[i], number: numbers[i], planned: e.record, mirrorOf: e.mirrorOfIndex === null ? null : ids[e.mirrorOfIndex] });
        this.lines += e.record.lines.length;
        for (const m of e.record.lines) if (m.quantity < 0n) this.noteLowered(e.record.warehouseId, m, e.record.date);
      });
      collectItemCostUpdates(all.map((e) => e.record), this.costUpdates);
      // the journal entries of the records (SPEC §9), in the same transaction, one pass for the batch
      const sources: EntrySource[] = [];
      all.forEach(({ record: r }, i) => {
        const t = r.template;
        if (!journalled(r.origin, t.debit_account, t.credit_account)) return;
        const lines = (r.lines as Filled[]).map((m) => ({ itemId: m.itemId, amount: movementAmount(m, m.unitCost, t.type) }));
        sources.push({ recordId: ids[i], date: r.date, origin: r.origin, debitAccount: t.debit_account, creditAccount: t.credit_account, lines });
      });
      await writeJournalEntries(this.db, sources, this.stockAccounts);
    }
    return written;
  }

  /** Indexes back, then the stock check and the registry cost updates over the whole session. */
  async finish(alsoCheck: readonly AffectedKey[] = []): Promise<void> {
    const phase = phases('posting');
    if (this.indexes?.deferred) {
      this.indexes.restore();
      phase(`ledger indexes built (${this.lines} lines written)`);
    }
    // the stock check below and the requests after the commit are planned on statistics that know the new lines
    if (await refreshLedgerStatistics(this.store, this.db, this.lines)) phase(`planner statistics renewed (${this.lines} lines written)`);
    for (const k of alsoCheck) this.noteLowered(k.warehouseId, k, k.from);
    const lowered = [...this.lowered.values()];
    const toCheck = this.options.negativeStockKeys ? await this.options.negativeStockKeys(lowered) : lowered;
    if (toCheck.length < lowered.length) phase(`negative stock proven without the ledger (${lowered.length - toCheck.length} keys)`);
    await assertNoNegativeStock(this.db, toCheck);
    phase(`negative stock checked (${toCheck.length} keys)`);
    await applyItemCostUpdates(this.db, this.costUpdates);
    phase(`registry costs updated (${this.costUpdates.size} items)`);
  }

  /** A key lowered from `from`: kept once, with its earliest date. */
  private noteLowered(warehouseId: number, k: Omit<StockKey, 'warehouseId'>, from: string): void {
    const { itemId, variant, location, lot, serial, jobOrder, account } = k;
    const key: AffectedKey = { warehouseId, itemId, variant, location, lot, serial, jobOrder, account, from };
    const id = stockKeyString(key);
    const seen = this.lowered.get(id);
    if (!seen) this.lowered.set(id, key);
    else if (from < seen.from) seen.from = from;
  }

  private maybeDeferIndexes(group: PlannedRecord[]): void {
    if (!this.indexes || this.indexes.deferred || this.keepIndexes) return;
    // the ledger's size before the session (read before its first insert), from its highest movement id: an upper bound, and cheap
    this.existingLines ??= this.indexes.existingLines();
    const lines = this.lines + group.reduce((n, r) => n + r.lines.length, 0);
    if (lines >= this.options.deferIndexes! && lines > this.existingLines) this.indexes.drop();
  }

  private needIndexes(): void {
    this.keepIndexes = true;
    this.indexes?.restore();
  }
}

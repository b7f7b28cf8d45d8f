/**
 * Restoring the most recent closing (SPEC §7) in one transaction: its opening
 * records (movements first), history rows, the last closing date it set, the
 * next year's parameters it created (when still as created and unused), and
 * the `closings` row; the audit trail keeps both the closing and the restore.
 */
import type { Ctx } from '../../core/context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { fail } from '../../core/errors.ts';
import { requirePermission } from '../../core/roles.ts';
import { audit } from '../../db/audit.ts';
import { lockLedger } from '../../db/locks.ts';
import { lastClosingDate } from '../../ledger/period.ts';
import { deleteJournalEntries } from '../../ledger/journal.ts';
import { yearParamsFor } from '../../masterdata/year-params.ts';
import { view, type Undo } from './undo.ts';

export interface RestoreResult {
  id: number;
  closingDate: string;
  /** the last closing date after the restore */
  lastClosingDate: string | null;
  deletedRecords: number;
  deletedLines: number;
  deletedHistoryRows: number;
}

const CHUNK = 500;

/** DELETE /api/closings/last: undoes the most recent closing only. */
export async function restoreLastClosing(ctx: Ctx): Promise<RestoreResult> {
  requirePermission(ctx.actor, 'close');
  const store = ctx.store;
  return inTransaction(store, async (trx) => {
    await lockLedger(store, trx);
    const closing = await trx.selectFrom('closings').selectAll().orderBy('closing_date', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!closing) fail('INV_ERR_NOT_FOUND', { entity: 'closing', key: 'last' });
    const undo = (closing.undo_json ? JSON.parse(closing.undo_json) : {}) as Undo;
    const records = await trx.selectFrom('records').select('id').where('closing_id', '=', closing.id).orderBy('id').execute();
    const ids = records.map((r) => r.id);
    let deletedLines = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      // closing records carry no entries; their mirrors' would go with them
      await deleteJournalEntries(trx, chunk);
      const r = await trx.deleteFrom('movements').where('record_id', 'in', chunk).executeTakeFirst();
      deletedLines += Number(r.numDeletedRows);
      await trx.deleteFrom('records').where('mirror_of', 'in', chunk).execute();
      await trx.deleteFrom('records').where('id', 'in', chunk).execute();
    }
    const history = await trx.deleteFrom('closing_history').where('closing_id', '=', closing.id).executeTakeFirst();
    await trx.deleteFrom('closing_years').where('closing_id', '=', closing.id).execute();
    if (undo.yearParams) {
      await trx
        .updateTable('year_params')
        .set({ last_closing_date: undo.yearParams.lastClosingDate })
        .where('year', '=', undo.yearParams.year)
        .where('last_closing_date', '=', closing.closing_date)
        .execute();
    }
    if (undo.createdYear) {
      const year = undo.createdYear.year;
      const now = await yearParamsFor(trx, year);
      const used = await trx
        .selectFrom('records')
        .select('id')
        .where('date', '>=', `${year}-01-01`)
        .where('date', '<=', `${year}-12-31`)
        .limit(1)
        .executeTakeFirst();
      // as created and unused: the closing's own; otherwise someone has taken them over and they stay,
      // with the last closing date the closing gave them put back to the previous closing
      if (now && !used && JSON.stringify(view(now)) === JSON.stringify(undo.createdYear.params)) {
        await trx.deleteFrom('year_warehouse_params').where('year', '=', year).execute();
        await trx.deleteFrom('year_params').where('year', '=', year).execute();
      } else {
        await trx
          .updateTable('year_params')
          .set({ last_closing_date: closing.previous_closing_date })
          .where('year', '=', year)
          .where('last_closing_date', '=', closing.closing_date)
          .execute();
      }
    }
    await trx.deleteFrom('closings').where('id', '=', closing.id).execute();
    const last = await lastClosingDate(trx);
    const result: RestoreResult = {
      id: closing.id,
      closingDate: closing.closing_date,
      lastClosingDate: last || null,
      deletedRecords: ids.length,
      deletedLines,
      deletedHistoryRows: Number(history.numDeletedRows),
    };
    await audit(trx, ctx.actor, 'closing', closing.id, 'restore', { ...closing, undo_json: undo }, result);
    return result;
  });
}

/**
 * The journal (SPEC §9): one entry per posted record.
 *
 * STUB: the journal helper's branch replaces this file with the real journal.
 * Until then, rewriting entries does nothing; the re-valuation already calls it,
 * inside its transaction, with the records whose lines it changed.
 */
import type { Db } from '../masterdata/lookup.ts';

/** Rewrites the journal entries of these records from their current lines, in the caller's transaction. */
export async function rewriteJournalEntries(_trx: Db, _recordIds: readonly number[]): Promise<void> {
  // replaced by the journal helper
}

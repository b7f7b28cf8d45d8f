/**
 * The journal as the API shows it (GET /api/journal, SPEC §9): plain shapes
 * with no imports, shared by the server (`journal.ts`) and the web app.
 */
export interface JournalLineView {
  /** the entry: one per record, identified by its record */
  entryId: number;
  recordId: number;
  date: string;
  debitAccount: string;
  creditAccount: string;
  amount: string;
}

export interface AccountTotal {
  account: string;
  debit: string;
  credit: string;
  /** debit − credit */
  balance: string;
}

export interface JournalPage {
  items: JournalLineView[];
  total: number;
  /** per account over every line that matched (not the page): debit, credit, balance */
  totals: AccountTotal[];
}

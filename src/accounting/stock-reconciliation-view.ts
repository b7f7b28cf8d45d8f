/**
 * The stock reconciliation as the API shows it (GET
 * /api/reports/stock-reconciliation, SPEC §9): plain shapes with no imports,
 * shared by the server (`stock-reconciliation.ts`) and the web app.
 */
export interface ReconciliationRow {
  account: string;
  journalBalance: string;
  inventoryValue: string;
  difference: string;
}

export interface StockReconciliation {
  date: string;
  /** the last closing before the date, whose history carries the opening balances; null when none */
  closingDate: string | null;
  rows: ReconciliationRow[];
  totals: { journalBalance: string; inventoryValue: string; difference: string };
}

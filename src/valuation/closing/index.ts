/**
 * Warehouse closing (SPEC §7, issue 5). Importing this module installs the
 * closing history as valuation's `ClosingHistorySource`, so every entry point
 * that can close (HTTP app, CLI) also values after a closing correctly.
 *
 *   checkClosing / runClosing / restoreLastClosing   service.ts
 *   closingPass                                      pass.ts (the one ordered read of the ledger)
 *   listClosings / getClosing / closingRows          views.ts
 *   loadHistory / installClosingHistory              history-source.ts
 */
export { installClosingHistory, loadHistory, closingHistorySource } from './history-source.ts';
export {
  CLOSING_METHODS,
  checkClosing,
  restoreLastClosing,
  runClosing,
  type CheckView,
  type ClosingInput,
  type ClosingMethod,
  type ClosingRunResult,
  type RestoreResult,
  type RunHooks,
} from './service.ts';
export type { ClosingIssue } from './checks.ts';
export { closingRows, getClosing, listClosings, type ClosingListQuery, type ClosingRowView, type ClosingRowsQuery, type ClosingView } from './views.ts';

/**
 * Warehouse closing (SPEC §7, issue 5). Valuation reads the closing history
 * through the `storedClosingHistory` source its callers pass in (importing
 * this module installs nothing).
 *
 *   checkClosing / runClosing / restoreLastClosing   service.ts
 *   closingPass                                      pass.ts (the one ordered read of the ledger)
 *   listClosings / getClosing / closingRows          views.ts
 *   loadHistory / storedClosingHistory               history-source.ts
 */
export { loadHistory, storedClosingHistory } from './history-source.ts';
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
export { COLLAPSIBLE_DIMENSIONS, type CollapsibleDimension } from './pass.ts';
export { CLOSING_ROW_SORTS, CLOSING_SORTS, closingRows, getClosing, listClosings, type ClosingListQuery, type ClosingRowView, type ClosingRowsQuery, type ClosingView } from './views.ts';

/**
 * Warehouse closing (SPEC §7, issue 5). Valuation reads the closing history
 * through the `storedClosingHistory` source its callers pass in (importing
 * this module installs nothing).
 *
 *   checkClosing                                     check.ts (the closing checks)
 *   runClosing                                       close.ts
 *   restoreLastClosing                               restore.ts (undo.ts: what the closing leaves to undo)
 *   parseInput / loadPlan                            plan.ts (shared by the checks and the closing)
 *   closingPass                                      pass.ts (the one ordered read of the ledger)
 *   listClosings / getClosing / closingRows          views.ts
 *   loadHistory / storedClosingHistory               history-source.ts
 */
export { loadHistory, storedClosingHistory } from './history-source.ts';
export { CLOSING_METHODS, type ClosingInput, type ClosingMethod } from './plan.ts';
export { checkClosing, type CheckView } from './check.ts';
export { runClosing, type ClosingRunResult, type RunHooks } from './close.ts';
export { restoreLastClosing, type RestoreResult } from './restore.ts';
export type { ClosingIssue } from './checks.ts';
export { COLLAPSIBLE_DIMENSIONS, type CollapsibleDimension } from './pass.ts';
export { CLOSING_ROW_SORTS, CLOSING_SORTS, closingRows, getClosing, listClosings, type ClosingListQuery, type ClosingRowView, type ClosingRowsQuery, type ClosingView } from './views.ts';

/**
 * A list's progress on the counter's phone as the API shows it (GET
 * /api/lists/{id}/progress): a plain shape with no imports, shared by the
 * server (`list-progress.ts`) and the web app (`components/ListProgress.tsx`).
 */
export interface ListProgress {
  listId: number;
  blind: boolean;
  /** keys counted on the list (lines with a count, not a recount's pre-filled keys) */
  counted: number;
  /** keys with book stock in the list's warehouse at the inventory date; null on a blind list, or while first computed */
  withBook: number | null;
  /** true while the book figure is being computed for the first time */
  pending: boolean;
}

/**
 * Who may do what (SPEC §10): the one role table, import-free so that the web
 * app decides what to show from the same table the server checks (through
 * `roles.ts`, which re-exports it and adds the checks that fail).
 *
 * A counter reaches only what counting needs: their own lists and lines (the
 * services narrow `lists` and `count` to the lists of the counter's employee)
 * and the look-ups a scan needs (`scan`). Everything that shows book stock,
 * records, values, reports, closings, histories, master data or the audit
 * trail is `read` or stronger, which a counter does not hold.
 */
export type PermissionRole = 'admin' | 'supervisor' | 'counter' | 'viewer' | 'approver';

export const may = {
  /** the signed-in user's own session: who am I, sign out */
  session: ['admin', 'supervisor', 'counter', 'viewer', 'approver'],
  /** the item look-ups a scan needs (code, description, unit, variants, lot flag, barcodes) and the locations of a warehouse */
  scan: ['admin', 'supervisor', 'counter', 'viewer', 'approver'],
  /** reading inventories, lists and their lines (a counter: only their own) */
  lists: ['admin', 'supervisor', 'counter', 'viewer', 'approver'],
  /** counting: adding, changing, importing lines (a counter: on their own lists) */
  count: ['admin', 'supervisor', 'counter'],
  /** reading book stock, records, values, reports, closings, histories, master data */
  read: ['admin', 'supervisor', 'viewer', 'approver'],
  /** writing master data, parameters and users */
  masterData: ['admin'],
  /** posting warehouse records */
  post: ['admin', 'supervisor'],
  /** running inventories: lists, differences */
  inventory: ['admin', 'supervisor'],
  /** closings and the warehouse history */
  close: ['admin', 'supervisor'],
  /** reading the audit trail and the users */
  admin: ['admin'],
  /**
   * deciding on inventory differences over tolerance (SPEC §11): the approver
   * role and the admin; a supervisor only with the approver flag
   * (users.approver, see `allowed`)
   */
  approve: ['admin', 'approver'],
} as const satisfies Record<string, readonly PermissionRole[]>;

export type Permission = keyof typeof may;

/** Whoever holds a role: the server's actor, the web app's signed-in user. */
export interface PermissionHolder {
  role: PermissionRole;
  /** a supervisor who may also approve inventory differences */
  approver?: boolean;
}

export function allowed(actor: PermissionHolder, permission: Permission): boolean {
  if (permission === 'approve' && actor.role === 'supervisor' && actor.approver === true) return true;
  return (may[permission] as readonly PermissionRole[]).includes(actor.role);
}

import type { Actor, Role } from './context.ts';
import { fail } from './errors.ts';
import { allowed, may, type Permission, type PermissionRole } from './permissions.ts';

/**
 * Who may do what (SPEC §10): the one role table lives in `permissions.ts`
 * (import-free, shared with the web app); here the server's checks.
 */
export { allowed, may, type Permission };

// the table's roles are exactly the roles of core/context.ts
const sameRoles: [Role, PermissionRole] extends [PermissionRole, Role] ? true : never = true;
void sameRoles;

/** What a route declares: a permission, or 'public' (no sign-in). */
export type RoutePermission = Permission | 'public';

export const PERMISSIONS = Object.keys(may) as Permission[];

export function isRoutePermission(value: unknown): value is RoutePermission {
  return value === 'public' || (typeof value === 'string' && Object.hasOwn(may, value));
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!allowed(actor, permission)) fail('INV_ERR_FORBIDDEN');
}

import type { Actor, Role } from './context.ts';
import { fail } from './errors.ts';

/**
 * Who may do what (SPEC §10). Reading is open to every signed-in role (a
 * counter's view of lists is narrowed by the inventory services).
 */
export const may = {
  read: ['admin', 'supervisor', 'counter', 'viewer'],
  masterData: ['admin'],
  post: ['admin', 'supervisor'],
  inventory: ['admin', 'supervisor'],
  count: ['admin', 'supervisor', 'counter'],
  close: ['admin', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof may;

export function allowed(actor: Actor, permission: Permission): boolean {
  return (may[permission] as readonly Role[]).includes(actor.role);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!allowed(actor, permission)) fail('INV_ERR_FORBIDDEN');
}

/**
 * Which screens a role may open (issue 15 point 8): every screen of the app
 * with the permission it needs, from the server's one role table
 * (core/permissions.ts, checked by the server through core/roles.ts). The
 * shell renders a screen only when the role holds its permission (else the
 * "not allowed" page) and the home screen offers only the screens the role may
 * open. Everything but counting needs `read`, which a counter does not hold
 * (SPEC §10: a counter is shown only the counting screens).
 */
import type { Permission } from '../core/permissions.ts';
import { matchPath } from './router.tsx';
import { allowed, type User } from './session.tsx';

/** The screens in the order the shell matches them (a literal before a pattern that would take it). */
export const SCREENS = [
  ['/', 'session'],
  ['/count', 'count'],
  ['/count/:listId', 'count'],
  ['/inventories', 'read'],
  ['/inventories/new', 'inventory'],
  ['/inventories/:id', 'read'],
  ['/lists/:id', 'read'],
  ['/differences', 'read'],
  ['/closing', 'close'],
  ['/revaluation', 'close'],
  ['/closings', 'read'],
  ['/closings/:id', 'read'],
  ['/warehouse-history', 'read'],
  ['/valued-inventory', 'read'],
  ['/records', 'read'],
  ['/records/new', 'post'],
  ['/records/:id', 'read'],
  ['/count-control', 'read'],
  ['/cycle-count', 'read'],
  ['/connect', 'inventory'],
  ['/stock', 'read'],
  ['/items/:code', 'read'],
  ['/audit', 'admin'],
  ['/journal', 'read'],
  ['/stock-reconciliation', 'read'],
  ['/config', 'read'],
  ['/config/users', 'admin'],
  ['/config/:table', 'read'],
  ['/inventory-register', 'read'],
] as const satisfies readonly (readonly [string, Permission])[];

export type ScreenPattern = (typeof SCREENS)[number][0];

/** The screen a path opens: its pattern, parameters and permission; undefined for no screen. */
export function screenOf(path: string): { pattern: ScreenPattern; params: Record<string, string>; permission: Permission } | undefined {
  for (const [pattern, permission] of SCREENS) {
    const params = matchPath(pattern, path);
    if (params) return { pattern, params, permission };
  }
  return undefined;
}

/** Whether the user may open the screen at `path` (a path that is no screen: no). */
export function mayOpen(user: User | undefined, path: string): boolean {
  const screen = screenOf(path.split('?')[0]);
  return !!screen && allowed(user, screen.permission);
}

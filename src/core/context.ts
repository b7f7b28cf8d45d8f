import type { Language } from './i18n.ts';
import type { Store } from '../db/connection.ts';

export const ROLES = ['admin', 'supervisor', 'counter', 'viewer', 'approver'] as const;
export type Role = (typeof ROLES)[number];

/** Who acts: the signed-in user, or the system itself (CLI, demo, imports). */
export interface Actor {
  username: string;
  role: Role;
  employeeId: number | null;
  /** a supervisor who may also approve inventory differences (users.approver, SPEC §10) */
  approver?: boolean;
}

export const SYSTEM_ACTOR: Actor = { username: 'system', role: 'admin', employeeId: null };

/** What every service call receives: the store, who acts, and their language. */
export interface Ctx {
  store: Store;
  actor: Actor;
  lang: Language;
}

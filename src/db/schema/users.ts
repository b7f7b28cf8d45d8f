/**
 * Users, their tokens and failed sign-ins (SPEC §10).
 */
import type { Generated } from 'kysely';
import type { Flag } from './column-types.ts';

export interface UserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: string;
  employee_id: number | null;
  language: string | null;
  created_at: string;
  /** a supervisor who may also approve inventory differences (SPEC §10) */
  approver: Flag;
}

export interface AuthTokenTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface LoginFailureTable {
  username: string;
  failures: number;
  last_failed_at: string;
  locked_until: string | null;
}

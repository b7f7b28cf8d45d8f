/** Who is signed in: the token and the user, kept in localStorage so a phone keeps its session between pages. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, configureApi } from './api.ts';
import { allowed as holds, type Permission, type PermissionRole } from '../core/permissions.ts';

export type Role = PermissionRole;

export interface User {
  id?: number;
  username: string;
  role: Role;
  employee: string | null;
  language: string | null;
  /** a supervisor who may also approve inventory differences (SPEC §10, §11) */
  approver?: boolean;
}

interface Stored {
  token: string;
  user: User;
}

const KEY = 'inventar.session';

function load(): Stored | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : undefined;
  } catch {
    return undefined;
  }
}

interface Session {
  user?: User;
  token?: string;
  /** true when the last session ended because the token expired or was refused */
  expired: boolean;
  signIn: (username: string, password: string) => Promise<User>;
  signOut: () => void;
}

const SessionContext = createContext<Session | undefined>(undefined);

const first = load();
if (first) configureApi({ token: first.token });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<Stored | undefined>(first);
  const [expired, setExpired] = useState(false);

  const forget = useCallback(() => {
    localStorage.removeItem(KEY);
    configureApi({ token: undefined });
    setState(undefined);
  }, []);

  // signing out revokes the token on the server too (best effort: offline, it only ends here)
  const token = state?.token;
  const signOut = useCallback(() => {
    if (token) void fetch('/api/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
    forget();
  }, [token, forget]);

  useEffect(() => {
    configureApi({
      onUnauthorized: () => {
        setExpired(true);
        forget();
      },
    });
  }, [forget]);

  // the approver flag may have changed since sign-in (an admin sets it): read it again once per page load
  const signedIn = state?.user.username;
  useEffect(() => {
    if (!signedIn) return;
    api.get<{ username: string; role: Role; approver?: boolean }>('/api/auth/me').then(
      (me) =>
        setState((cur) => {
          if (!cur || cur.user.username !== me.username || (cur.user.approver ?? false) === (me.approver ?? false)) return cur;
          const next = { ...cur, user: { ...cur.user, approver: !!me.approver } };
          localStorage.setItem(KEY, JSON.stringify(next));
          return next;
        }),
      () => undefined, // offline: the stored session stays as it is
    );
  }, [signedIn]);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await api.post<Stored>('/api/auth/login', { username, password });
    localStorage.setItem(KEY, JSON.stringify(answer));
    configureApi({ token: answer.token });
    setExpired(false);
    setState(answer);
    return answer.user;
  }, []);

  const value = useMemo<Session>(() => ({ user: state?.user, token: state?.token, expired, signIn, signOut }), [state, expired, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/**
 * Whether the signed-in user holds a permission: the server's one role table
 * (core/permissions.ts), so that the app shows only what the server lets the
 * role do (the server decides anyway).
 */
export function allowed(user: User | undefined, what: Permission): boolean {
  return !!user && holds(user, what);
}

/** Who decides on differences over tolerance (SPEC §11): the approver role and the admin, or a supervisor whose approver flag is set. */
export function mayApprove(user: User | undefined): boolean {
  return allowed(user, 'approve');
}

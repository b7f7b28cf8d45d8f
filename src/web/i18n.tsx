/**
 * Romanian and English: a typed message catalogue (messages.ts) and a React
 * context. The choice is remembered per user in localStorage and sent as
 * Accept-Language on every API call, so server messages follow it too.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { messages, type MessageKey } from './messages.ts';
import { configureApi } from './api.ts';

export type Lang = 'ro' | 'en';
export const LANGS: Lang[] = ['ro', 'en'];
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const LAST_KEY = 'inventar.lang';
const userKey = (user: string) => `inventar.lang.${user}`;

function stored(key: string): Lang | undefined {
  try {
    const v = localStorage.getItem(key);
    return v === 'ro' || v === 'en' ? v : undefined;
  } catch {
    return undefined;
  }
}

function initialLang(): Lang {
  const last = stored(LAST_KEY);
  if (last) return last;
  const nav = typeof navigator !== 'undefined' ? navigator.language.toLowerCase() : 'ro';
  return nav.startsWith('en') ? 'en' : 'ro';
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const entry = messages[key];
  // a value the catalogue does not know yet (a new method from the server): show the value itself
  let text: string = entry ? entry[lang === 'ro' ? 0 : 1] : key.slice(key.lastIndexOf('.') + 1);
  if (params) for (const [k, v] of Object.entries(params)) text = text.split(`{${k}}`).join(String(v));
  return text;
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** `user`: the signed-in user name (their remembered language wins), `userDefault`: the server's language for them. */
export function I18nProvider({ user, userDefault, children }: { user?: string; userDefault?: string | null; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    if (!user) return;
    const remembered = stored(userKey(user)) ?? (userDefault === 'ro' || userDefault === 'en' ? userDefault : undefined);
    if (remembered) setLangState(remembered);
  }, [user, userDefault]);

  useEffect(() => {
    configureApi({ lang });
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback(
    (next: Lang) => {
      setLangState(next);
      configureApi({ lang: next });
      try {
        localStorage.setItem(LAST_KEY, next);
        if (user) localStorage.setItem(userKey(user), next);
      } catch {
        /* private mode: the choice lasts for this page only */
      }
    },
    [user],
  );

  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

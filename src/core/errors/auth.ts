/**
 * Sign-in and roles (SPEC §10, issue 11 points 1, 3; issue 12 point 9).
 */
import type { CatalogueEntry } from './catalogue-entry.ts';

export const authErrors = {
  INV_ERR_UNAUTHENTICATED: { status: 401, ro: 'Autentificare necesară', en: 'Sign-in required' },
  INV_ERR_BAD_CREDENTIALS: { status: 401, ro: 'Utilizator sau parolă greșită', en: 'Wrong user name or password' },
  INV_ERR_FORBIDDEN: { status: 403, ro: 'Rolul dumneavoastră nu permite această operație', en: 'Your role does not allow this operation' },
  INV_ERR_PASSWORD_TOO_LONG: { status: 400, ro: 'Parola are mai mult de {max} caractere', en: 'The password is longer than {max} characters' },
  INV_ERR_LOGIN_LOCKED: {
    status: 429,
    ro: 'Prea multe autentificări eșuate pentru acest utilizator; încercați din nou peste {seconds} s',
    en: 'Too many failed sign-ins for this user; try again in {seconds} s',
  },
  INV_ERR_TOO_MANY_LOGINS: {
    status: 429,
    ro: 'Prea multe încercări de autentificare; încercați din nou peste {seconds} s',
    en: 'Too many sign-in attempts; try again in {seconds} s',
  },
} satisfies Record<string, CatalogueEntry>;

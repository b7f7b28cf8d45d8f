/**
 * Malformed input and its limits (400) and the generic answers about an entity
 * (not found, duplicate, in use): decimals, dates, CSV, ranges, control
 * characters, blanks, text lengths.
 */
import type { CatalogueEntry } from './catalogue-entry.ts';

export const inputErrors = {
  INV_ERR_VALIDATION: { status: 400, ro: 'Date de intrare invalide', en: 'Invalid input' },
  INV_ERR_BAD_DECIMAL: {
    status: 400,
    ro: 'Valoarea „{value}” nu este un număr zecimal cu cel mult {scale} zecimale',
    en: 'The value "{value}" is not a decimal number with at most {scale} decimals',
  },
  INV_ERR_BAD_DATE: {
    status: 400,
    ro: 'Data „{value}” nu este validă (o dată reală AAAA-LL-ZZ, anii 1900–2999)',
    en: 'The date "{value}" is not valid (a real date YYYY-MM-DD, years 1900–2999)',
  },
  INV_ERR_BAD_CSV: { status: 400, ro: 'Fișierul CSV conține erori', en: 'The CSV file has errors' },
  INV_ERR_LOCALE_NUMBER: {
    status: 400,
    ro: 'Numărul „{value}” nu este scris în formatul românesc (punct pentru mii, virgulă zecimală: 1.234,56) și nu poate fi citit fără ambiguitate',
    en: 'The number "{value}" is not written in the Romanian style (dot for thousands, decimal comma: 1.234,56) and cannot be read without ambiguity',
  },
  INV_ERR_NOT_FOUND: { status: 404, ro: '{entity} „{key}” nu există', en: '{entity} "{key}" does not exist' },
  INV_ERR_DUPLICATE: { status: 409, ro: '{entity} „{key}” există deja', en: '{entity} "{key}" already exists' },
  INV_ERR_IN_USE: { status: 409, ro: '{entity} „{key}” este folosit și nu poate fi șters', en: '{entity} "{key}" is in use and cannot be deleted' },
  INV_ERR_TEXT_TOO_LONG: { status: 400, ro: 'Textul poate avea cel mult {max} caractere', en: 'The text may have at most {max} characters' },
  INV_ERR_BAD_VALUE: {
    status: 400,
    ro: 'Valoarea „{value}” nu este permisă (valori permise: {allowed})',
    en: 'The value "{value}" is not allowed (allowed: {allowed})',
  },
  INV_ERR_REPEATED_VALUE: { status: 400, ro: 'Valoarea „{value}” apare de mai multe ori', en: 'The value "{value}" appears more than once' },
  INV_ERR_OUT_OF_RANGE: {
    status: 400,
    ro: 'Valoarea „{value}” este în afara domeniului permis (cel mult {max})',
    en: 'The value "{value}" is out of range (at most {max})',
  },
  INV_ERR_VALUE_TOO_LARGE: {
    status: 422,
    ro: 'Valoarea rezultată ({field}) depășește limita de {max}',
    en: 'The resulting value ({field}) exceeds the limit of {max}',
  },
  INV_ERR_STORED_VALUE_OVERFLOW: {
    status: 422,
    ro: 'Operația ar produce o valoare prea mare pentru a fi memorată; nu s-a modificat nimic',
    en: 'The operation would produce a value too large to store; nothing was changed',
  },
  INV_ERR_CONTROL_CHARS: {
    status: 400,
    ro: 'Textul conține caractere de control (de exemplu NUL), care nu sunt permise',
    en: 'The text contains control characters (e.g. NUL), which are not allowed',
  },
  INV_ERR_BLANK: { status: 400, ro: 'Valoarea nu poate fi goală sau doar spații', en: 'The value may not be blank or only spaces' },
  INV_ERR_DATE_RANGE: {
    status: 400,
    ro: 'Data de început {from} este după data de sfârșit {to}',
    en: 'The start date {from} is after the end date {to}',
  },
  INV_ERR_CONFIRMATION_REQUIRED: {
    status: 400,
    ro: 'Operația modifică registrul: confirmați-o explicit (confirm: true) după ce ați verificat previzualizarea',
    en: 'This changes the ledger: confirm it explicitly (confirm: true) after checking the preview',
  },
} satisfies Record<string, CatalogueEntry>;

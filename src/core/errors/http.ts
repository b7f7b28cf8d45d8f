/**
 * HTTP-level answers (SPEC §14, issue 11): a body that is not JSON, no such
 * route or method, limits of the URI, media type and body, and the internal
 * error.
 */
import type { CatalogueEntry } from './catalogue-entry.ts';

export const httpErrors = {
  INV_ERR_BAD_JSON: { status: 400, ro: 'Corpul cererii nu este JSON valid', en: 'The request body is not valid JSON' },
  INV_ERR_ROUTE_NOT_FOUND: { status: 404, ro: 'Resursă inexistentă', en: 'No such resource' },
  INV_ERR_METHOD_NOT_ALLOWED: {
    status: 405,
    ro: 'Metoda {method} nu este permisă pentru această resursă (permise: {allowed})',
    en: 'The method {method} is not allowed for this resource (allowed: {allowed})',
  },
  INV_ERR_URI_TOO_LONG: { status: 414, ro: 'Adresa cererii este prea lungă', en: 'The request URI is too long' },
  INV_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    ro: 'Tipul de conținut al cererii nu este acceptat (acceptate: application/json, text/csv)',
    en: 'The request content type is not supported (accepted: application/json, text/csv)',
  },
  INV_ERR_BODY_TOO_LARGE: { status: 413, ro: 'Corpul cererii este prea mare', en: 'The request body is too large' },
  INV_ERR_INTERNAL: { status: 500, ro: 'Eroare internă', en: 'Internal error' },
} satisfies Record<string, CatalogueEntry>;

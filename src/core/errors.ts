/**
 * The error catalogue. Every error the system reports to a user has a stable
 * INV_ERR_* code, an HTTP status and a message in Romanian and English
 * (placeholders in {braces} are filled from the error's params).
 */
import { entityNames, type Language } from './i18n.ts';
import { formatDate, formatDecimal } from './locale.ts';
import { inputErrors } from './errors/input.ts';
import { httpErrors } from './errors/http.ts';
import { authErrors } from './errors/auth.ts';
import { masterDataErrors } from './errors/master-data.ts';
import { ledgerErrors } from './errors/ledger.ts';
import { inventoryErrors } from './errors/inventory.ts';
import { countControlErrors } from './errors/count-control.ts';
import { yearlyInventoryErrors } from './errors/yearly-inventory.ts';
import { valuationErrors } from './errors/valuation.ts';
import { accountingErrors } from './errors/accounting.ts';
import { operationsErrors } from './errors/operations.ts';
import type { CatalogueEntry } from './errors/catalogue-entry.ts';

export type { CatalogueEntry };

/** The one catalogue, assembled from the entries of each bounded context (`errors/*.ts`); a code appears in one of them only. */
export const catalogue = {
  ...inputErrors,
  ...httpErrors,
  ...authErrors,
  ...masterDataErrors,
  ...ledgerErrors,
  ...inventoryErrors,
  ...countControlErrors,
  ...yearlyInventoryErrors,
  ...valuationErrors,
  ...accountingErrors,
  ...operationsErrors,
} satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof catalogue;

/** One field- or row-level problem inside an error (`errors` in problem+json). */
export interface FieldProblem {
  path: string;
  code: ErrorCode;
  params?: Record<string, unknown>;
}

export class InventarError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly problems: FieldProblem[] = [],
  ) {
    super(formatMessage(code, params, 'en'));
    this.name = 'InventarError';
    this.status = catalogue[code].status;
  }
}

export function fail(code: ErrorCode, params: Record<string, unknown> = {}, problems: FieldProblem[] = []): never {
  throw new InventarError(code, params, problems);
}

/**
 * The params a person reads as numbers or dates (SPEC §14): `1.234,500` and
 * `31.12.2026` in Romanian. Echoed input ({value}) and years stay as given;
 * the params themselves (problem+json) keep the API's format.
 */
const NUMBER_PARAMS = new Set(['stock', 'counted', 'max']);
const DATE_PARAMS = new Set(['date', 'from', 'to', 'lastClosing', 'recordDate', 'today', 'posted']);

export function formatMessage(code: ErrorCode, params: Record<string, unknown>, lang: Language): string {
  const template = catalogue[code][lang];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    // an {entity} is named in the message's language
    const v = name === 'entity' && typeof params.entity === 'string' ? (entityNames[params.entity]?.[lang] ?? params.entity) : params[name];
    if (v === undefined || v === null) return '';
    const text = String(v);
    if (NUMBER_PARAMS.has(name)) return formatDecimal(text, lang);
    if (DATE_PARAMS.has(name)) return formatDate(text, lang);
    return text;
  });
}

/** Errors as application/problem+json, in the request's language. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatMessage, InventarError, type ErrorCode } from '../core/errors.ts';
import type { Language } from '../core/i18n.ts';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: { path: string; code: string; message: string }[];
  [extra: string]: unknown;
}

/** A short summary per status: the same for every occurrence (RFC 9457). */
const TITLES: Record<number, Record<Language, string>> = {
  400: { ro: 'Cerere invalidă', en: 'Bad request' },
  401: { ro: 'Neautentificat', en: 'Unauthorized' },
  403: { ro: 'Interzis', en: 'Forbidden' },
  404: { ro: 'Negăsit', en: 'Not found' },
  409: { ro: 'Conflict cu starea curentă', en: 'Conflict with the current state' },
  413: { ro: 'Cerere prea mare', en: 'Request too large' },
  405: { ro: 'Metodă nepermisă', en: 'Method not allowed' },
  414: { ro: 'Adresă prea lungă', en: 'URI too long' },
  415: { ro: 'Tip de conținut nesuportat', en: 'Unsupported media type' },
  422: { ro: 'Regulă de gestiune încălcată', en: 'Business rule violated' },
  500: { ro: 'Eroare internă', en: 'Internal error' },
};

export function problemOf(error: InventarError, lang: Language): ProblemBody {
  const body: ProblemBody = {
    type: `urn:inventar:error:${error.code}`,
    title: TITLES[error.status]?.[lang] ?? TITLES[500][lang],
    status: error.status,
    detail: formatMessage(error.code, error.params, lang),
    code: error.code,
  };
  if (error.problems.length > 0) {
    body.errors = error.problems.map((p) => ({
      path: p.path,
      code: p.code,
      message: formatMessage(p.code, p.params ?? {}, lang),
    }));
  }
  // data a client needs to recover (e.g. the current line of a duplicate count)
  if (error.params.current !== undefined) body.current = error.params.current;
  return body;
}

interface AjvError {
  instancePath: string;
  keyword?: string;
  message?: string;
  params: Record<string, unknown>;
  data?: unknown;
}

/** Why a value failed its schema, in both languages (SPEC §14: raw schema text never reaches a user). */
const REASONS: Record<string, Record<Language, string>> = {
  required: { ro: 'este obligatoriu', en: 'is required' },
  additionalProperties: { ro: 'nu este un câmp cunoscut', en: 'is not a known field' },
  type: { ro: 'trebuie să fie de tipul {type}', en: 'must be of type {type}' },
  minLength: { ro: 'trebuie să aibă cel puțin {limit} caractere', en: 'must have at least {limit} characters' },
  minItems: { ro: 'trebuie să aibă cel puțin {limit} elemente', en: 'must have at least {limit} items' },
  maxItems: { ro: 'poate avea cel mult {limit} elemente', en: 'may have at most {limit} items' },
  pattern: { ro: 'nu are forma cerută', en: 'does not have the required form' },
  blank: { ro: 'nu poate fi gol sau doar spații', en: 'may not be blank or only spaces' },
  decimal: { ro: 'trebuie să fie un număr zecimal scris ca text (de ex. „12.500”)', en: 'must be a decimal number written as a string (e.g. "12.500")' },
  id: { ro: 'trebuie să fie un identificator între 1 și {max}', en: 'must be an id between 1 and {max}' },
  count: { ro: 'trebuie să fie un număr întreg între 0 și {max}', en: 'must be a whole number between 0 and {max}' },
  year: { ro: 'trebuie să fie un an între 1900 și 2999', en: 'must be a year between 1900 and 2999' },
  enum: { ro: 'trebuie să fie una dintre valorile: {allowed}', en: 'must be one of: {allowed}' },
  anyOf: { ro: 'nu are o valoare permisă', en: 'does not have an allowed value' },
  other: { ro: 'nu este valid', en: 'is not valid' },
};
const TYPE_NAMES: Record<string, Record<Language, string>> = {
  string: { ro: 'text', en: 'string' },
  boolean: { ro: 'boolean (true/false)', en: 'boolean (true/false)' },
  object: { ro: 'obiect', en: 'object' },
  array: { ro: 'listă', en: 'array' },
  integer: { ro: 'număr întreg', en: 'integer' },
  number: { ro: 'număr', en: 'number' },
  null: { ro: 'null', en: 'null' },
};
const ID_MAX: Record<string, string> = { id: '2147483647', 'big-id': '9007199254740991', count: '2147483647' };

/** a value shown in a message: short, without control characters */
const shownValue = (v: unknown): string => {
  const s = (typeof v === 'string' ? v : JSON.stringify(v) ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

/** One schema error as a field problem: a catalogue code where one fits, else INV_ERR_SCHEMA with the reason. */
function fieldProblemOf(v: AjvError, context: string | undefined, lang: Language): { path: string; code: ErrorCode; message: string } {
  const missing = v.params.missingProperty ?? v.params.additionalProperty;
  const path = (missing ? `${v.instancePath}/${String(missing)}` : v.instancePath) || '/';
  const field = context && context !== 'body' ? `${path.slice(1)} (${context === 'querystring' ? 'query' : context})` : path;
  const coded = (code: ErrorCode, params: Record<string, unknown>) => ({ path, code, message: formatMessage(code, params, lang) });
  const reason = (key: string, params: Record<string, unknown> = {}) => {
    const r = (REASONS[key] ?? REASONS.other)[lang].replace(/\{(\w+)\}/g, (_, n: string) => String(params[n] ?? ''));
    return { path, code: 'INV_ERR_VALIDATION' as ErrorCode, message: formatMessage('INV_ERR_SCHEMA', { field, reason: r }, lang) };
  };
  const format = v.keyword === 'format' ? String(v.params.format) : undefined;
  if (format === 'date') return coded('INV_ERR_BAD_DATE', { value: shownValue(v.data) });
  if (format && ID_MAX[format]) return reason(format === 'count' ? 'count' : 'id', { max: ID_MAX[format] });
  if (format === 'year') return reason('year');
  switch (v.keyword) {
    case 'maxLength':
      return coded('INV_ERR_TEXT_TOO_LONG', { max: v.params.limit });
    case 'enum':
      return reason('enum', { allowed: ((v.params.allowedValues as unknown[]) ?? []).join(', ') });
    case 'type':
      return reason('type', { type: String(v.params.type).split(',').map((t) => TYPE_NAMES[t]?.[lang] ?? t).join(' / ') });
    case 'pattern': {
      const pattern = String(v.params.pattern);
      if (pattern === '\\S') return coded('INV_ERR_BLANK', {});
      if (pattern.includes('(\\.[0-9]+)?')) return reason('decimal');
      return reason('pattern');
    }
    case 'required':
    case 'additionalProperties':
    case 'minLength':
    case 'minItems':
    case 'maxItems':
    case 'anyOf':
      return reason(v.keyword, v.params);
    default:
      return reason('other');
  }
}

/** Fastify's own 4xx errors (validation, bad JSON, wrong media type) in our shape. */
export function problemOfFrameworkError(
  error: { statusCode?: number; code?: string; validation?: AjvError[]; validationContext?: string },
  lang: Language,
): ProblemBody | undefined {
  if (error.validation) {
    // one problem per field: `anyOf` repeats the errors of its branches
    const seen = new Set<string>();
    const errors = error.validation
      .map((v) => fieldProblemOf(v, error.validationContext, lang))
      .filter((e) => (seen.has(e.path) ? false : (seen.add(e.path), true)))
      .slice(0, 100);
    return { ...problemOf(new InventarError('INV_ERR_VALIDATION'), lang), errors };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code: ErrorCode =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? 'INV_ERR_BAD_JSON'
        : status === 415
          ? 'INV_ERR_UNSUPPORTED_MEDIA_TYPE'
          : status === 413
            ? 'INV_ERR_BODY_TOO_LARGE'
            : status === 414
              ? 'INV_ERR_URI_TOO_LONG'
              : 'INV_ERR_VALIDATION';
    return { ...problemOf(new InventarError(code), lang), status, title: TITLES[status]?.[lang] ?? TITLES[400][lang] };
  }
  return undefined;
}

const errorCodeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/**
 * A database refusing a value as out of its range (PostgreSQL 22003, SQLite
 * "integer overflow", a bigint too big to bind) or as text it cannot hold:
 * inputs are range-checked before they reach the database, so this is the
 * safety net for a stored sum that would overflow. The transaction rolled
 * back; the client gets a coded 422 instead of a 500.
 */
export function storageProblemOf(error: unknown, lang: Language): ProblemBody | undefined {
  const code = errorCodeOf(error);
  const message = error instanceof Error ? error.message : '';
  if (code === '22003' || (code === 'SQLITE_ERROR' && message === 'integer overflow') || (error instanceof RangeError && /too big|too large/.test(message))) {
    return problemOf(new InventarError('INV_ERR_STORED_VALUE_OVERFLOW'), lang);
  }
  if (code === '22P05' || code === '22021') return problemOf(new InventarError('INV_ERR_CONTROL_CHARS'), lang);
  return undefined;
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.status(body.status).type('application/problem+json').send(body);
}

/** The routes as [method, path pattern] (collected as they are added), for 405 answers. */
export function routePatterns(app: FastifyInstance): { method: string; pattern: RegExp }[] {
  const out: { method: string; pattern: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    const pattern = new RegExp(`^${route.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+')}/?$`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') out.push({ method, pattern });
  });
  return out;
}

/** The methods of the routes whose path matches a request's (empty when the path is unknown). */
export function allowedMethods(patterns: { method: string; pattern: RegExp }[], url: string): string[] {
  const path = url.split('?')[0];
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // a malformed escape: match the raw path
  }
  return [...new Set(patterns.filter((p) => p.pattern.test(path) || p.pattern.test(decoded)).map((p) => p.method))].sort();
}

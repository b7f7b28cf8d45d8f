/** Errors as application/problem+json, in the request's language. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatMessage, InventarError, type ErrorCode } from '../core/errors.ts';
import type { Language } from '../core/i18n.ts';
import { fieldMessage, typeNames, type FieldRule } from '../core/field-messages.ts';

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

const ID_MAX: Record<string, string> = { id: '2147483647', 'big-id': '9007199254740991', count: '2147483647' };

/** a value shown in a message: short, without control characters */
const shownValue = (v: unknown): string => {
  const s = (typeof v === 'string' ? v : JSON.stringify(v) ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

/**
 * One schema error as a field problem (SPEC §14): the message names the field
 * by its label (core/field-labels.ts) and says the rule it broke
 * (core/field-messages.ts); the code is a catalogue code where one fits
 * (a bad date, a text too long, a blank value), else INV_ERR_VALIDATION.
 */
function fieldProblemOf(v: AjvError, route: string | undefined, lang: Language): { path: string; code: ErrorCode; message: string } {
  const missing = v.params.missingProperty ?? v.params.additionalProperty;
  const path = (missing ? `${v.instancePath}/${String(missing)}` : v.instancePath) || '/';
  const problem = (rule: FieldRule, params: Record<string, unknown> = {}, code: ErrorCode = 'INV_ERR_VALIDATION') => ({
    path,
    code,
    message: fieldMessage(path, rule, params, lang, route),
  });
  const format = v.keyword === 'format' ? String(v.params.format) : undefined;
  if (format === 'date') return problem('date', { value: shownValue(v.data) }, 'INV_ERR_BAD_DATE');
  if (format && ID_MAX[format]) return problem(format === 'count' ? 'count' : 'id', { max: ID_MAX[format] });
  if (format === 'year') return problem('year');
  switch (v.keyword) {
    case 'maxLength':
      return problem('maxLength', { limit: v.params.limit }, 'INV_ERR_TEXT_TOO_LONG');
    case 'enum':
      return problem('enum', { allowed: ((v.params.allowedValues as unknown[]) ?? []).join(', ') });
    case 'type':
      return problem('type', { type: typeNames(String(v.params.type), lang) });
    case 'pattern': {
      const pattern = String(v.params.pattern);
      if (pattern === '\\S') return problem('blank', {}, 'INV_ERR_BLANK');
      if (pattern.includes('(\\.[0-9]+)?')) return problem('decimal', { value: shownValue(v.data) });
      return problem('pattern');
    }
    case 'minLength':
      return problem(Number(v.params.limit) === 1 ? 'required' : 'minLength', v.params);
    case 'additionalProperties':
      return problem('unknown');
    case 'required':
    case 'minItems':
    case 'maxItems':
    case 'anyOf':
      return problem(v.keyword, v.params);
    case 'minimum':
    case 'maximum':
      return problem(v.keyword, v.params);
    default:
      return problem('other');
  }
}

/** Fastify's own 4xx errors (validation, bad JSON, wrong media type) in our shape. */
export function problemOfFrameworkError(
  error: { statusCode?: number; code?: string; validation?: AjvError[]; validationContext?: string },
  lang: Language,
  /** the route's pattern (e.g. /api/inventories/:id): picks its resource's field labels */
  route?: string,
): ProblemBody | undefined {
  if (error.validation) {
    // one problem per field: `anyOf` repeats the errors of its branches
    const seen = new Set<string>();
    const errors = error.validation
      .map((v) => fieldProblemOf(v, route, lang))
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

/** Errors as application/problem+json, in the request's language. */
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

/** Fastify's own 4xx errors (validation, bad JSON, wrong media type) in our shape. */
export function problemOfFrameworkError(
  error: { statusCode?: number; code?: string; validation?: { instancePath: string; message?: string; params: Record<string, unknown> }[] },
  lang: Language,
): ProblemBody | undefined {
  if (error.validation) {
    const problems = error.validation.map((v) => {
      const missing = v.params.missingProperty ?? v.params.additionalProperty;
      const path = missing ? `${v.instancePath}/${String(missing)}` : v.instancePath;
      return { path: path || '/', code: 'INV_ERR_VALIDATION' as ErrorCode, params: {} };
    });
    const body = problemOf(new InventarError('INV_ERR_VALIDATION', {}, problems), lang);
    body.errors = error.validation.map((v, i) => ({ ...body.errors![i], message: v.message ?? body.errors![i].message }));
    return body;
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code: ErrorCode = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'INV_ERR_BAD_JSON' : 'INV_ERR_VALIDATION';
    return { ...problemOf(new InventarError(code), lang), status, title: TITLES[status]?.[lang] ?? TITLES[400][lang] };
  }
  return undefined;
}

/**
 * The only way the UI talks to the server: JSON over /api with the bearer
 * token and the chosen language (so problem+json messages come back in it).
 */

export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

/** A problem+json answer (API.md): status, stable code, translated detail, field problems. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldProblem[];
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    const detail = typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : `HTTP ${status}`;
    super(detail);
    this.status = status;
    this.code = typeof body.code === 'string' ? body.code : `HTTP_${status}`;
    this.detail = detail;
    this.errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : [];
    this.body = body;
  }
}

/** The request never got an answer (offline, connection dropped, server down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

interface Config {
  token?: string;
  lang: string;
  onUnauthorized?: () => void;
}
const config: Config = { lang: 'ro' };

export function configureApi(next: Partial<Config>): void {
  Object.assign(config, next);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '' && v !== false) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function headers(extra?: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = { 'Accept-Language': config.lang, ...extra };
  if (config.token) h.Authorization = `Bearer ${config.token}`;
  return h;
}

async function send(method: string, path: string, body?: unknown, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: headers(body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
      ...init,
    });
  } catch (e) {
    throw new NetworkError(e);
  }
  if (!response.ok) {
    let problem: Record<string, unknown> = {};
    try {
      problem = (await response.json()) as Record<string, unknown>;
    } catch {
      problem = { detail: response.statusText || `HTTP ${response.status}` };
    }
    if (response.status === 401 && path !== '/api/auth/login') config.onUnauthorized?.();
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function request<T>(method: string, path: string, body?: unknown, init?: RequestInit): Promise<T> {
  const response = await send(method, path, body, init);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  del: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Fetches a file with the token and hands it to the browser as a download (POSTing `body` when given). */
export async function download(path: string, query: Query | undefined, fallbackName: string, body?: unknown): Promise<void> {
  const response =
    body === undefined
      ? await send('GET', withQuery(path, query), undefined, { headers: headers() })
      : await send('POST', withQuery(path, query), body, { headers: headers({ 'Content-Type': 'application/json' }) });
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Lists answer {items, total}; a few report-like routes answer a bare array. */
export function itemsOf<T>(answer: Page<T> | T[] | undefined): T[] {
  if (!answer) return [];
  return Array.isArray(answer) ? answer : answer.items ?? [];
}

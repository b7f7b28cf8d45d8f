/** The routes of the app's OpenAPI document, for tests that walk every route. */
import type { TestApi } from './api.ts';

const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

export interface OpenApiRoute {
  method: string;
  /** the OpenAPI path, e.g. /api/items/{code} */
  template: string;
  /** the path with every parameter filled with 1 */
  path: string;
}

/** Every method + path of the app's OpenAPI document. */
export function openApiRoutes(api: TestApi): OpenApiRoute[] {
  const doc = api.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const routes: OpenApiRoute[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      if (ops[method]) routes.push({ method: method.toUpperCase(), template, path: template.replace(/\{[^}]+\}/g, '1') });
    }
  }
  return routes;
}


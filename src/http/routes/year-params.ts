/** Year parameter routes (API.md "Master data"). */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { bool, code, date, nullable, year } from '../schemas.ts';
import * as yearParams from '../../masterdata/year-params.ts';
import { readOnly, takeBack } from '../round-trip.ts';

export function yearParamRoutes(app: FastifyInstance, ctxOf: CtxOf): void {
  const flags = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, bool]));
  const yearParam = { type: 'object', required: ['year'], properties: { year } } as const;
  app.get<{ Params: { year: string } }>('/api/year-params/:year', { config: { permission: 'read' }, schema: { tags: ['year parameters'], params: yearParam } }, async (req) =>
    yearParams.getYearParams(ctxOf(req), Number(req.params.year)),
  );
  app.put<{ Params: { year: string }; Body: yearParams.YearParamsInput }>(
    '/api/year-params/:year',
    { config: { permission: 'masterData' },
      schema: {
        tags: ['year parameters'],
        params: yearParam,
        body: {
          type: 'object',
          required: ['periodStart', 'periodEnd'],
          additionalProperties: false,
          properties: {
            year: readOnly({ type: 'integer' }),
            lastClosingDate: nullable(date),
            periodStart: date,
            periodEnd: date,
            ...flags(['allowNegativeStock', 'valuePerWarehouse']),
            warehouses: {
              type: 'array',
              items: {
                type: 'object',
                required: ['warehouse'],
                additionalProperties: false,
                properties: { warehouse: code, ...flags(yearParams.WAREHOUSE_FLAG_NAMES) },
              },
            },
          },
        },
      },
    },
    async (req) => yearParams.putYearParams(ctxOf(req), Number(req.params.year), takeBack(req.body, { year: Number(req.params.year) })),
  );
}

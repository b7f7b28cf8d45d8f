/** Stock difference parameter routes (API.md "Master data"). */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code, nullable } from '../schemas.ts';
import * as stockDiff from '../../masterdata/stock-difference-params.ts';
import { readOnly, takeBack } from '../round-trip.ts';
import { codeParam } from './master-data-schemas.ts';

export function stockDifferenceParamRoutes(app: FastifyInstance, ctxOf: CtxOf): void {
  app.get<{ Params: { code: string } }>(
    '/api/stock-difference-params/:code',
    { config: { permission: 'read' }, schema: { tags: ['stock difference parameters'], params: codeParam } },
    async (req) => stockDiff.getStockDifferenceParams(ctxOf(req), req.params.code),
  );
  app.put<{ Params: { code: string }; Body: stockDiff.StockDifferenceParamsInput }>(
    '/api/stock-difference-params/:code',
    { config: { permission: 'masterData' },
      schema: {
        tags: ['stock difference parameters'],
        params: codeParam,
        body: {
          type: 'object',
          required: ['loadTemplate', 'unloadTemplate'],
          additionalProperties: false,
          properties: {
            warehouse: readOnly(code),
            loadTemplate: code,
            unloadTemplate: code,
            compensationLoadTemplate: nullable(code),
            compensationUnloadTemplate: nullable(code),
            allowanceTemplate: nullable(code),
            imputableTemplate: nullable(code),
          },
        },
      },
    },
    async (req) => stockDiff.putStockDifferenceParams(ctxOf(req), req.params.code, takeBack(req.body, { warehouse: req.params.code })),
  );
}

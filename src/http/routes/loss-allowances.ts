/** Natural-loss allowance routes (SPEC §12; API.md "Master data"). */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code, decimal, nullable } from '../schemas.ts';
import * as lossAllowances from '../../masterdata/loss-allowances.ts';

export function lossAllowanceRoutes(app: FastifyInstance, ctxOf: CtxOf): void {
  app.get('/api/loss-allowances', { config: { permission: 'read' }, schema: { tags: ['loss allowances'] } }, async (req) => lossAllowances.getLossAllowances(ctxOf(req)));
  app.put<{ Body: { items: lossAllowances.LossAllowanceEntry[] } }>(
    '/api/loss-allowances',
    {
      config: { permission: 'masterData' },
      schema: {
        tags: ['loss allowances'],
        body: {
          type: 'object',
          required: ['items'],
          additionalProperties: false,
          properties: {
            items: {
              type: 'array',
              maxItems: 10000,
              items: {
                type: 'object',
                required: ['pct'],
                additionalProperties: false,
                properties: { item: nullable(code), itemGroup: nullable({ type: 'string', maxLength: 40 }), pct: decimal },
              },
            },
          },
        },
      },
    },
    async (req) => lossAllowances.putLossAllowances(ctxOf(req), req.body),
  );
}

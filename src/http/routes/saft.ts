/** SAF-T routes (API.md "SAF-T", SPEC §13): the D406 stock section as XML, streamed. */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { date } from '../schemas.ts';
import { prepareSaftD406Stock, type SaftD406Query } from '../../accounting/saft-d406.ts';

export async function saftRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  app.get<{ Querystring: SaftD406Query }>(
    '/api/saft/d406-stock',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['saft'],
        summary: 'SAF-T D406 stock section (SPEC §13) for a period: Products, PhysicalStock, MovementOfGoods with totals; application/xml',
        description:
          'Opening stock at from − 1 and closing stock at to, per warehouse and item, valued as the valued inventory by management area; ' +
          'every movement line of the period (closing opening records excluded). Quantities with 6 decimals, amounts with 2. ' +
          'The document is streamed as it is read; the export is kept in the audit trail.',
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          properties: { from: { ...date, description: 'first day of the period' }, to: { ...date, description: 'last day of the period' } },
        },
        response: { 200: { description: 'the D406 document', content: { 'application/xml': { schema: { type: 'string' } } } } },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      // checks, totals and the audit entry first: a refused request is answered as a problem, before any XML
      const exp = await prepareSaftD406Stock(ctx, req.query);
      const body = new PassThrough();
      exp.write(body).then(
        () => body.end(),
        (e: unknown) => {
          req.log.error({ err: e }, 'SAF-T D406 export failed while streaming');
          body.destroy(e instanceof Error ? e : new Error(String(e)));
        },
      );
      return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${exp.fileName}"`).send(body);
    },
  );
}

/** Count control routes (API.md "Count control", SPEC §11): tolerances, reason codes, recounts, decisions, accuracy. */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { bool, code, date, decimal, id, idParam, nullable, text } from '../schemas.ts';
import * as control from '../../inventory/count-control.ts';
import { createRecount, type RecountInput } from '../../inventory/recount.ts';
import { putDecisions, type DecisionsInput } from '../../inventory/decisions.ts';
import { countAccuracy } from '../../inventory/accuracy-report.ts';

const tags = ['count control'];
const warehouseParam = { type: 'object', required: ['warehouse'], properties: { warehouse: code } } as const;
const optionalCode = { type: 'string', maxLength: 60 } as const;
const pct = { ...decimal, description: 'percent of book stock, up to 2 decimals ("5.00")' } as const;
const money = { ...decimal, description: 'amount, up to 2 decimals' } as const;

const countControlBody = {
  type: 'object',
  required: ['quantityTolerancePct', 'valueTolerance', 'recount', 'approval'],
  additionalProperties: false,
  properties: {
    warehouse: code,
    quantityTolerancePct: pct,
    valueTolerance: money,
    recount: bool,
    approval: bool,
    classes: {
      type: 'array',
      maxItems: 3,
      items: {
        type: 'object',
        required: ['class', 'countsPerYear'],
        additionalProperties: false,
        properties: {
          class: { type: 'string', enum: [...control.ABC_CLASSES] },
          quantityTolerancePct: nullable(pct),
          valueTolerance: nullable(money),
          countsPerYear: { type: 'integer', minimum: 1, maximum: 365 },
        },
      },
    },
    updatedBy: nullable({ type: 'string' }),
    updatedAt: nullable({ type: 'string' }),
  },
} as const;

const decisionsBody = {
  type: 'object',
  required: ['lines'],
  additionalProperties: false,
  properties: {
    processingDate: date,
    stockDate: date,
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 10000,
      items: {
        type: 'object',
        required: ['warehouse', 'item', 'reason', 'decision'],
        additionalProperties: false,
        properties: {
          warehouse: code,
          item: code,
          variant: optionalCode,
          lot: optionalCode,
          serial: optionalCode,
          location: optionalCode,
          jobOrder: optionalCode,
          account: optionalCode,
          reason: code,
          decision: { type: 'string', enum: ['approve', 'recount'] },
        },
      },
    },
  },
} as const;

export async function countControlRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  app.get<{ Params: { warehouse: string } }>(
    '/api/count-control/:warehouse',
    { config: { permission: 'read' }, schema: { tags, summary: 'tolerances, recount and approval switches, ABC classes of a warehouse (unconfigured: zeros, off, default classes)', params: warehouseParam } },
    async (req) => control.getCountControl(ctxOf(req), req.params.warehouse),
  );
  app.put<{ Params: { warehouse: string }; Body: control.CountControlInput & { warehouse?: string } }>(
    '/api/count-control/:warehouse',
    { config: { permission: 'masterData' }, schema: { tags, params: warehouseParam, body: countControlBody } },
    async (req) => {
      const { warehouse: _same, ...input } = req.body;
      return control.putCountControl(ctxOf(req), req.params.warehouse, input);
    },
  );
  app.get<{ Params: { warehouse: string } }>(
    '/api/reason-codes/:warehouse',
    { config: { permission: 'read' }, schema: { tags, params: warehouseParam } },
    async (req) => control.listReasonCodes(ctxOf(req), req.params.warehouse),
  );
  app.post<{ Params: { warehouse: string }; Body: control.ReasonCodeView }>(
    '/api/reason-codes/:warehouse',
    {
      config: { permission: 'masterData' },
      schema: { tags, params: warehouseParam, body: { type: 'object', required: ['code'], additionalProperties: false, properties: { code, description: text } } },
    },
    async (req, reply) => reply.status(201).send(await control.createReasonCode(ctxOf(req), req.params.warehouse, req.body)),
  );
  app.post<{ Params: { id: string }; Body: RecountInput }>(
    '/api/inventories/:id/recount',
    {
      config: { permission: 'inventory' },
      schema: {
        tags,
        summary: 'a blind recount list of the keys over tolerance, for another employee (four eyes)',
        params: idParam,
        body: { type: 'object', required: ['employee'], additionalProperties: false, properties: { employee: code, listType: code, warehouse: code } },
      },
    },
    async (req, reply) => reply.status(201).send(await createRecount(ctxOf(req), Number(req.params.id), req.body)),
  );
  app.put<{ Params: { id: string }; Body: DecisionsInput }>(
    '/api/inventories/:id/decisions',
    { config: { permission: 'approve' }, schema: { tags, summary: "an approver's decisions on the lines over tolerance", params: idParam, body: decisionsBody } },
    async (req) => putDecisions(ctxOf(req), Number(req.params.id), req.body),
  );
  app.get<{ Querystring: { inventory?: string; from?: string; to?: string; warehouse?: string } }>(
    '/api/reports/count-accuracy',
    {
      config: { permission: 'read' },
      schema: { tags, summary: 'count and value accuracy of an inventory or of the posted inventories of a period', querystring: { type: 'object', properties: { inventory: id, from: date, to: date, warehouse: code } } },
    },
    async (req) =>
      countAccuracy(ctxOf(req), {
        inventory: req.query.inventory === undefined ? undefined : Number(req.query.inventory),
        from: req.query.from,
        to: req.query.to,
        warehouse: req.query.warehouse,
      }),
  );
}

/** Warehouse template routes (API.md "Master data"). */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { bool, code, nullable, page } from '../schemas.ts';
import * as templates from '../../masterdata/templates.ts';
import { account, forUpdate, listQuery, type ListQuery } from './master-data-schemas.ts';

export function templateRoutes(app: FastifyInstance, ctxOf: CtxOf): void {
  const templateBody = {
    type: 'object',
    required: ['code', 'description', 'type'],
    additionalProperties: false,
    properties: {
      code: { ...code, maxLength: templates.TEMPLATE_CODE_MAX },
      description: { type: 'string', maxLength: templates.TEMPLATE_DESCRIPTION_MAX },
      type: { type: 'string', enum: templates.TEMPLATE_TYPES },
      proposedCost: { type: 'string', enum: templates.PROPOSED_COSTS },
      updateAverageCost: bool,
      updateLastCost: bool,
      updateSalePrice: bool,
      updateItemCost: bool,
      fiscalInterest: bool,
      lotManagement: bool,
      mandatoryDocument: bool,
      mandatoryAccount: bool,
      physicalInventory: bool,
      oddments: bool,
      considerZeroMovements: bool,
      offsetWarehouse: nullable(code),
      offsetTemplate: nullable(code),
      defaultLocation: nullable(code),
      debitAccount: nullable(account),
      creditAccount: nullable(account),
      saftMovementType: nullable({ type: 'string', maxLength: 20 }),
    },
  } as const;
  const whParam = { type: 'object', required: ['wh'], properties: { wh: code } } as const;
  const templateParams = { type: 'object', required: ['wh', 'code'], properties: { wh: code, code } } as const;
  app.get<{ Params: { wh: string }; Querystring: ListQuery }>(
    '/api/warehouses/:wh/templates',
    { config: { permission: 'read' }, schema: { tags: ['templates'], params: whParam, querystring: listQuery } },
    async (req) => page(await templates.listTemplates(ctxOf(req), req.params.wh), req.query),
  );
  app.post<{ Params: { wh: string }; Body: templates.TemplateInput }>(
    '/api/warehouses/:wh/templates',
    { config: { permission: 'masterData' }, schema: { tags: ['templates'], params: whParam, body: templateBody } },
    async (req, reply) => reply.status(201).send(await templates.createTemplate(ctxOf(req), req.params.wh, req.body)),
  );
  app.get<{ Params: { wh: string; code: string } }>(
    '/api/warehouses/:wh/templates/:code',
    { config: { permission: 'read' }, schema: { tags: ['templates'], params: templateParams } },
    async (req) => templates.getTemplate(ctxOf(req), req.params.wh, req.params.code),
  );
  app.put<{ Params: { wh: string; code: string }; Body: templates.TemplateInput }>(
    '/api/warehouses/:wh/templates/:code',
    { config: { permission: 'masterData' }, schema: { tags: ['templates'], params: templateParams, body: forUpdate(templateBody) } },
    async (req) => templates.updateTemplate(ctxOf(req), req.params.wh, req.params.code, req.body),
  );
}

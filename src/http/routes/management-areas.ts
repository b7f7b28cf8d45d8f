/** Management area routes (API.md "Master data"). */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code } from '../schemas.ts';
import * as areas from '../../masterdata/management-areas.ts';
import { costMethodSchema } from '../../valuation/cost-methods.ts';
import { codeRoutes } from './code-routes.ts';
import { description } from './master-data-schemas.ts';

export function managementAreaRoutes(app: FastifyInstance, ctxOf: CtxOf): void {
  codeRoutes(app, ctxOf, '/api/management-areas', 'management areas', {
    type: 'object',
    required: ['code', 'description', 'method'],
    additionalProperties: false,
    properties: { code, description, method: costMethodSchema(areas.AREA_METHODS) },
  }, { list: areas.listManagementAreas, get: areas.getManagementArea, create: areas.createManagementArea, update: areas.updateManagementArea });
}

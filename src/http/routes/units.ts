/** Unit of measure routes (API.md "Master data"). */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code } from '../schemas.ts';
import * as units from '../../masterdata/units.ts';
import { codeRoutes } from './code-routes.ts';
import { description } from './master-data-schemas.ts';

export function unitRoutes(app: FastifyInstance, ctxOf: CtxOf): void {
  codeRoutes(app, ctxOf, '/api/units', 'units of measure', {
    type: 'object',
    required: ['code', 'decimals'],
    additionalProperties: false,
    properties: { code, description, decimals: { type: 'integer', minimum: 0, maximum: 3 } },
  }, { list: units.listUnits, get: units.getUnit, create: units.createUnit, update: units.updateUnit });
}

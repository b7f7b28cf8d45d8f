/** Warehouse routes (API.md "Master data"): the warehouses and their locations. */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code, date, nullable, page } from '../schemas.ts';
import * as warehouses from '../../masterdata/warehouses.ts';
import { codeRoutes } from './code-routes.ts';
import { description, listQuery, type ListQuery } from './master-data-schemas.ts';

export function warehouseRoutes(app: FastifyInstance, ctxOf: CtxOf): void {
  codeRoutes(app, ctxOf, '/api/warehouses', 'warehouses', {
    type: 'object',
    required: ['code', 'description'],
    additionalProperties: false,
    properties: { code, description, managementArea: nullable(code), validUntil: nullable(date) },
  }, { list: warehouses.listWarehouses, get: warehouses.getWarehouse, create: warehouses.createWarehouse, update: warehouses.updateWarehouse });

  const warehouseParam = { type: 'object', required: ['code'], properties: { code } } as const;
  app.get<{ Params: { code: string }; Querystring: ListQuery }>(
    '/api/warehouses/:code/locations',
    { config: { permission: 'scan' }, schema: { tags: ['warehouses'], params: warehouseParam, querystring: listQuery } },
    async (req) => page(await warehouses.listLocations(ctxOf(req), req.params.code), req.query),
  );
  app.post<{ Params: { code: string }; Body: warehouses.LocationInput }>(
    '/api/warehouses/:code/locations',
    { config: { permission: 'masterData' },
      schema: {
        tags: ['warehouses'],
        params: warehouseParam,
        body: {
          type: 'object',
          required: ['code', 'description'],
          additionalProperties: false,
          properties: { code, description, parent: nullable(code) },
        },
      },
    },
    async (req, reply) => reply.status(201).send(await warehouses.createLocation(ctxOf(req), req.params.code, req.body)),
  );
}

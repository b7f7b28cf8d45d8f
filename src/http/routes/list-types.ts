/** Inventory list type routes (API.md "Master data"). */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { bool, code } from '../schemas.ts';
import * as listTypes from '../../masterdata/list-types.ts';
import { codeRoutes } from './code-routes.ts';
import { description } from './master-data-schemas.ts';

export function listTypeRoutes(app: FastifyInstance, ctxOf: CtxOf): void {
  codeRoutes(app, ctxOf, '/api/list-types', 'list types', {
    type: 'object',
    required: ['code', 'description'],
    additionalProperties: false,
    properties: { code, description, maintainLocation: bool, blindCount: bool },
  }, { list: listTypes.listListTypes, get: listTypes.getListType, create: listTypes.createListType, update: listTypes.updateListType });
}

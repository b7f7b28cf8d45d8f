/** Master data routes (API.md "Master data"): parse, call the service, answer; one file per resource, registered in this order. */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { confusionGroupRoutes } from './confusion-groups.ts';
import { employeeRoutes } from './employees.ts';
import { itemRoutes } from './items.ts';
import { listTypeRoutes } from './list-types.ts';
import { lossAllowanceRoutes } from './loss-allowances.ts';
import { managementAreaRoutes } from './management-areas.ts';
import { stockDifferenceParamRoutes } from './stock-difference-params.ts';
import { templateRoutes } from './templates.ts';
import { unitRoutes } from './units.ts';
import { userRoutes } from './users.ts';
import { warehouseRoutes } from './warehouses.ts';
import { yearParamRoutes } from './year-params.ts';

export async function masterDataRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  employeeRoutes(app, ctxOf);
  userRoutes(app, ctxOf);
  managementAreaRoutes(app, ctxOf);
  unitRoutes(app, ctxOf);
  listTypeRoutes(app, ctxOf);
  warehouseRoutes(app, ctxOf);
  itemRoutes(app, ctxOf);
  templateRoutes(app, ctxOf);
  yearParamRoutes(app, ctxOf);
  stockDifferenceParamRoutes(app, ctxOf);
  confusionGroupRoutes(app, ctxOf);
  lossAllowanceRoutes(app, ctxOf);
}

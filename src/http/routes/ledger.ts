import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';

export async function ledgerRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  void app;
  void ctxOf;
}

/** The audit trail (API.md "Audit"): admin only. */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code, date } from '../schemas.ts';
import { listAudit } from '../../reports/audit-trail.ts';

interface AuditQuerystring {
  entity?: string;
  key?: string;
  user?: string;
  from?: string;
  to?: string;
  limit?: string;
  offset?: string;
}

// digits only here; the service checks the range (limit 1…1000, offset 0…10⁹) with a coded 400
const count = { type: 'string', pattern: '^[0-9]{1,12}$' } as const;
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

export async function auditRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  app.get<{ Querystring: AuditQuerystring }>(
    '/api/audit',
    {
      config: { permission: 'admin' },
      schema: {
        tags: ['audit'],
        summary: 'the audit trail, newest first: who changed what, when, before and after',
        querystring: {
          type: 'object',
          properties: {
            entity: { type: 'string', minLength: 1, maxLength: 60 },
            key: { type: 'string', minLength: 1, maxLength: 200 },
            user: code,
            from: date,
            to: date,
            limit: { ...count, description: '1…1000, default 100' },
            offset: count,
          },
        },
      },
    },
    async (req) => {
      const q = req.query;
      return listAudit(ctxOf(req), { entity: q.entity, key: q.key, user: q.user, from: q.from, to: q.to, limit: num(q.limit), offset: num(q.offset) });
    },
  );
}

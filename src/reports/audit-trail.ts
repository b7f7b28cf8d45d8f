/**
 * Reading the audit trail (SPEC §10, API.md "Audit"): who changed what and
 * when, newest first, filtered by entity, key, user and date; admin only.
 */
import type { Ctx } from '../core/context.ts';
import { addDays } from '../core/dates.ts';
import { parseDate, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';

export interface AuditQuery {
  entity?: string;
  key?: string;
  user?: string;
  /** YYYY-MM-DD, inclusive */
  from?: string;
  /** YYYY-MM-DD, inclusive */
  to?: string;
  limit?: number;
  offset?: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  user: string;
  action: string;
  entity: string;
  key: string;
  before: unknown;
  after: unknown;
}

export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 1000;
/** far beyond any trail, well inside every integer type */
export const AUDIT_MAX_OFFSET = 1_000_000_000;

const parsed = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/** Range-checks the page: limit 1…1000, offset 0…10⁹ (a coded 400 naming the field otherwise). */
function checkQuery(q: AuditQuery): { from?: string; to?: string; limit: number; offset: number } {
  const problems = new Problems();
  const limit = q.limit ?? AUDIT_DEFAULT_LIMIT;
  const offset = q.offset ?? 0;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > AUDIT_MAX_LIMIT) problems.add({ path: '/limit', code: 'INV_ERR_VALIDATION', params: { min: 1, max: AUDIT_MAX_LIMIT } });
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > AUDIT_MAX_OFFSET) problems.add({ path: '/offset', code: 'INV_ERR_VALIDATION', params: { min: 0, max: AUDIT_MAX_OFFSET } });
  const from = parseDate(q.from, '/from', problems);
  const to = parseDate(q.to, '/to', problems);
  problems.throwIfAny();
  return { from, to, limit, offset };
}

export async function listAudit(ctx: Ctx, q: AuditQuery = {}): Promise<{ items: AuditEntry[]; total: number }> {
  requirePermission(ctx.actor, 'admin');
  const { from, to, limit, offset } = checkQuery(q);
  let base = ctx.store.db.selectFrom('audit_log');
  if (q.entity) base = base.where('entity', '=', q.entity);
  if (q.key) base = base.where('entity_key', '=', q.key);
  if (q.user) base = base.where('username', '=', q.user);
  // timestamps are ISO 8601 UTC text: a date range is a text range
  if (from) base = base.where('at', '>=', from);
  if (to) base = base.where('at', '<', addDays(to, 1));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      user: r.username,
      action: r.action,
      entity: r.entity,
      key: r.entity_key,
      before: parsed(r.before_json),
      after: parsed(r.after_json),
    })),
    total: Number(total),
  };
}

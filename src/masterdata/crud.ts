/**
 * What master-data services share: the admin check and one transaction per
 * write, 404s for unknown codes, the audit entry, and a small service for the
 * tables that are plain "code + fields" lists (management areas, warehouses,
 * list types).
 */
import type { Kysely } from 'kysely';
import { inTransaction } from '../db/transaction.ts';
import type { Ctx } from '../core/context.ts';
import { fail } from '../core/errors.ts';
import { Problems } from '../core/input.ts';
import { requirePermission, type Permission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/db.ts';

/** The entity and key a write is about: named by 404/409 answers and the audit trail. */
export interface Subject {
  entity: string;
  key: string;
}

const errorCode = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;
const UNIQUE_VIOLATIONS = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const FOREIGN_KEY_VIOLATIONS = new Set(['23503', 'SQLITE_CONSTRAINT_FOREIGNKEY']);

/**
 * Runs one master-data business action: admin only, in one transaction. The
 * services check duplicates and references first; a constraint that still
 * fires (two clients racing, or a table of another module referencing a row
 * being deleted) becomes the 409 the check would have given, never a 500.
 */
export async function adminWrite<T>(ctx: Ctx, subject: Subject, work: (trx: Kysely<Database>) => Promise<T>, permission: Permission = 'masterData'): Promise<T> {
  requirePermission(ctx.actor, permission);
  try {
    return await inTransaction(ctx.store, work);
  } catch (error) {
    if (UNIQUE_VIOLATIONS.has(errorCode(error) as string)) fail('INV_ERR_DUPLICATE', { ...subject });
    if (FOREIGN_KEY_VIOLATIONS.has(errorCode(error) as string)) fail('INV_ERR_IN_USE', { ...subject });
    throw error;
  }
}

/** The row, or 404 INV_ERR_NOT_FOUND naming the entity. */
export function found<T>(row: T | undefined, entity: string, key: string | number): T {
  if (row === undefined) fail('INV_ERR_NOT_FOUND', { entity, key });
  return row;
}

/** A body may repeat the code of the URL, but not rename the entity. */
export function checkSameCode(bodyCode: string | undefined, code: string, problems: Problems): void {
  if (bodyCode !== undefined && bodyCode !== code) problems.add({ path: '/code', code: 'INV_ERR_BAD_VALUE', params: { value: bodyCode, allowed: code } });
}

/** Text longer than a business limit (SPEC §2), for callers that bypass the HTTP schema. */
export function checkLength(text: string | null | undefined, max: number, path: string, problems: Problems): void {
  if (text && [...text].length > max) problems.add({ path, code: 'INV_ERR_TEXT_TOO_LONG', params: { max } });
}

/** A value outside its list of allowed values. */
export function checkOneOf(value: string, allowed: readonly string[], path: string, problems: Problems): void {
  if (!allowed.includes(value)) problems.add({ path, code: 'INV_ERR_BAD_VALUE', params: { value, allowed: allowed.join(', ') } });
}

/** Values that must not repeat inside one request (variant codes, barcodes...). */
export function checkDistinct(values: { value: string; path: string }[], problems: Problems): void {
  const seen = new Set<string>();
  for (const { value, path } of values) {
    if (seen.has(value)) problems.add({ path, code: 'INV_ERR_REPEATED_VALUE', params: { value } });
    seen.add(value);
  }
}

export type UpdateInput<Input extends { code: string }> = Omit<Input, 'code'> & { code?: string };

/** How one code-keyed master-data table reads and writes itself. */
export interface CodeEntitySpec<View extends { code: string }, Input extends { code: string }> {
  /** audit entity and i18n entity name */
  entity: string;
  /** the views in code order: all of them, or the one with this code */
  read(db: Db, code?: string): Promise<View[]>;
  /** checks the input on its own (400s), before any transaction */
  validate(input: UpdateInput<Input>, problems: Problems): void;
  /** stores a new row; checks references (404/422) */
  insert(trx: Db, input: Input): Promise<void>;
  /** replaces the fields of an existing row; checks references (404/422) */
  update(trx: Db, code: string, input: UpdateInput<Input>): Promise<void>;
}

export interface CodeEntityService<View, Input extends { code: string }> {
  list(ctx: Ctx): Promise<View[]>;
  get(ctx: Ctx, code: string): Promise<View>;
  create(ctx: Ctx, input: Input): Promise<View>;
  update(ctx: Ctx, code: string, input: UpdateInput<Input>): Promise<View>;
}

/** list / get / create / update for a code-keyed table, with permissions, 404/409 and audit. */
export function codeEntityService<View extends { code: string }, Input extends { code: string }>(
  spec: CodeEntitySpec<View, Input>,
): CodeEntityService<View, Input> {
  const one = async (db: Db, code: string): Promise<View> => found((await spec.read(db, code))[0], spec.entity, code);
  const validate = (input: UpdateInput<Input>, code?: string) => {
    const problems = new Problems();
    if (code !== undefined) checkSameCode(input.code, code, problems);
    spec.validate(input, problems);
    problems.throwIfAny();
  };
  return {
    async list(ctx) {
      requirePermission(ctx.actor, 'read');
      return spec.read(ctx.store.db);
    },
    async get(ctx, code) {
      requirePermission(ctx.actor, 'read');
      return one(ctx.store.db, code);
    },
    async create(ctx, input) {
      requirePermission(ctx.actor, 'masterData');
      validate(input);
      const subject = { entity: spec.entity, key: input.code };
      return adminWrite(ctx, subject, async (trx) => {
        if ((await spec.read(trx, input.code)).length > 0) fail('INV_ERR_DUPLICATE', { ...subject });
        await spec.insert(trx, input);
        const after = await one(trx, input.code);
        await audit(trx, ctx.actor, spec.entity, input.code, 'create', null, after);
        return after;
      });
    },
    async update(ctx, code, input) {
      requirePermission(ctx.actor, 'masterData');
      validate(input, code);
      return adminWrite(ctx, { entity: spec.entity, key: code }, async (trx) => {
        const before = await one(trx, code);
        await spec.update(trx, code, input);
        const after = await one(trx, code);
        await audit(trx, ctx.actor, spec.entity, code, 'update', before, after);
        return after;
      });
    },
  };
}

/**
 * Warehouse templates (șabloane / cauzale), SPEC §2: per-warehouse reason
 * codes that say load or unload and how costs behave.
 */
import type { Ctx } from '../core/context.ts';
import { fail } from '../core/errors.ts';
import type { Language } from '../core/i18n.ts';
import { flag, Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { TemplateRow, TemplateTable, WarehouseRow } from '../db/schema.ts';
import { adminWrite, checkLength, checkOneOf, checkSameCode, found, type UpdateInput } from './crud.ts';
import { locationIdOf, warehouseOf } from './lookup.ts';
import type { Db } from '../db/db.ts';
import { checkTemplateAccount } from '../core/accounts.ts';

export const TEMPLATE_TYPES = ['load', 'unload'] as const;
export const PROPOSED_COSTS = ['none', 'last', 'average', 'standard', 'salePrice'] as const;
export const TEMPLATE_CODE_MAX = 3;
export const TEMPLATE_DESCRIPTION_MAX = 80;

/** The template's flags: API name → column, and the value when the body leaves it out. */
const FLAGS = {
  updateAverageCost: { column: 'update_average_cost', fallback: false },
  updateLastCost: { column: 'update_last_cost', fallback: false },
  updateSalePrice: { column: 'update_sale_price', fallback: false },
  updateItemCost: { column: 'update_item_cost', fallback: false },
  fiscalInterest: { column: 'fiscal_interest', fallback: true },
  lotManagement: { column: 'lot_management', fallback: false },
  mandatoryDocument: { column: 'mandatory_document', fallback: false },
  mandatoryAccount: { column: 'mandatory_account', fallback: false },
  physicalInventory: { column: 'physical_inventory', fallback: false },
  oddments: { column: 'oddments', fallback: false },
  considerZeroMovements: { column: 'consider_zero_movements', fallback: false },
} as const satisfies Record<string, { column: keyof TemplateTable; fallback: boolean }>;
type FlagName = keyof typeof FLAGS;
const FLAG_NAMES = Object.keys(FLAGS) as FlagName[];

/** Which movements feed which cost: frozen once a record uses the template (SPEC §2). */
const COST_FLAGS: FlagName[] = ['updateAverageCost', 'updateLastCost', 'updateSalePrice'];

export type TemplateType = (typeof TEMPLATE_TYPES)[number];
export type ProposedCost = (typeof PROPOSED_COSTS)[number];

const TYPE_NAMES: Record<TemplateType, Record<Language, string>> = {
  load: { ro: 'încărcare', en: 'load' },
  unload: { ro: 'descărcare', en: 'unload' },
};

/** A template type as words of the language, for messages ({type} placeholders). */
export const templateTypeName = (type: TemplateType, lang: Language): string => TYPE_NAMES[type][lang];

export type TemplateInput = { [F in FlagName]?: boolean } & {
  code: string;
  description: string;
  type: string;
  proposedCost?: string;
  offsetWarehouse?: string | null;
  offsetTemplate?: string | null;
  defaultLocation?: string | null;
  /** SPEC §9: an account, or `STOCK` for the line item's stock account; both or neither */
  debitAccount?: string | null;
  creditAccount?: string | null;
  /** SPEC §13: the SAF-T movement type code of its lines */
  saftMovementType?: string | null;
};

export type TemplateView = { [F in FlagName]: boolean } & {
  code: string;
  description: string;
  type: TemplateType;
  proposedCost: ProposedCost;
  offsetWarehouse: string | null;
  offsetTemplate: string | null;
  defaultLocation: string | null;
  debitAccount: string | null;
  creditAccount: string | null;
  saftMovementType: string | null;
};

type ViewRow = TemplateRow & { offset_warehouse: string | null; offset_template: string | null };

function view(r: ViewRow): TemplateView {
  const flags = Object.fromEntries(FLAG_NAMES.map((name) => [name, r[FLAGS[name].column] === 1])) as { [F in FlagName]: boolean };
  return {
    code: r.code,
    description: r.description,
    type: r.type,
    proposedCost: r.proposed_cost,
    ...flags,
    offsetWarehouse: r.offset_warehouse,
    offsetTemplate: r.offset_template,
    defaultLocation: r.default_location === '' ? null : r.default_location,
    debitAccount: r.debit_account === '' ? null : r.debit_account,
    creditAccount: r.credit_account === '' ? null : r.credit_account,
    saftMovementType: r.saft_movement_type === '' ? null : r.saft_movement_type,
  };
}

async function templateViews(db: Db, warehouseId: number, code?: string): Promise<(TemplateView & { id: number })[]> {
  let q = db
    .selectFrom('templates as t')
    .leftJoin('warehouses as ow', 'ow.id', 't.offset_warehouse_id')
    .leftJoin('templates as ot', 'ot.id', 't.offset_template_id')
    .selectAll('t')
    .select(['ow.code as offset_warehouse', 'ot.code as offset_template'])
    .where('t.warehouse_id', '=', warehouseId)
    .orderBy('t.code');
  if (code !== undefined) q = q.where('t.code', '=', code);
  const rows = await q.execute();
  return rows.map((r) => ({ ...view(r), id: r.id }));
}

async function templateView(db: Db, warehouse: WarehouseRow, code: string): Promise<TemplateView & { id: number }> {
  return found((await templateViews(db, warehouse.id, code))[0], 'template', code);
}

function withoutId(v: TemplateView & { id: number }): TemplateView {
  const { id: _id, ...rest } = v;
  return rest;
}

export async function listTemplates(ctx: Ctx, warehouse: string): Promise<TemplateView[]> {
  requirePermission(ctx.actor, 'read');
  const wh = await warehouseOf(ctx.store.db, warehouse);
  return (await templateViews(ctx.store.db, wh.id)).map(withoutId);
}

export async function getTemplate(ctx: Ctx, warehouse: string, code: string): Promise<TemplateView> {
  requirePermission(ctx.actor, 'read');
  const wh = await warehouseOf(ctx.store.db, warehouse);
  return withoutId(await templateView(ctx.store.db, wh, code));
}

/** True once any record has been posted with the template. */
export async function templateUsed(db: Db, templateId: number): Promise<boolean> {
  const row = await db.selectFrom('records').select('id').where('template_id', '=', templateId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The body's own checks (400), then the rules that need no database (422). */
function checkInput(input: UpdateInput<TemplateInput> & { code: string }): void {
  const problems = new Problems();
  checkLength(input.code, TEMPLATE_CODE_MAX, '/code', problems);
  checkLength(input.description, TEMPLATE_DESCRIPTION_MAX, '/description', problems);
  checkOneOf(input.type, TEMPLATE_TYPES, '/type', problems);
  if (input.proposedCost !== undefined) checkOneOf(input.proposedCost, PROPOSED_COSTS, '/proposedCost', problems);
  checkTemplateAccount(input.debitAccount, '/debitAccount', problems);
  checkTemplateAccount(input.creditAccount, '/creditAccount', problems);
  if (!input.debitAccount !== !input.creditAccount) {
    problems.add({ path: input.debitAccount ? '/creditAccount' : '/debitAccount', code: 'INV_ERR_TEMPLATE_ACCOUNTS_PAIR' });
  }
  const saft = input.saftMovementType;
  if (saft && !/^[A-Za-z0-9]{1,9}$/.test(saft)) problems.add({ path: '/saftMovementType', code: 'INV_ERR_BAD_SAFT_MOVEMENT_TYPE', params: { value: saft } });
  problems.throwIfAny();
  if (input.oddments && input.type !== 'load') fail('INV_ERR_ODDMENTS_TEMPLATE_TYPE', { template: input.code });
  if (!input.offsetWarehouse !== !input.offsetTemplate) fail('INV_ERR_OFFSET_TEMPLATE', { template: input.code });
}

/**
 * The stored columns of a valid template: checks the rules that read other
 * rows (one oddments template per warehouse, the offset template, the default
 * location). `self` is the template being updated, if any.
 */
async function columnsOf(trx: Db, wh: WarehouseRow, input: UpdateInput<TemplateInput> & { code: string }, self?: number) {
  if (input.oddments) {
    let q = trx.selectFrom('templates').select('code').where('warehouse_id', '=', wh.id).where('oddments', '=', 1);
    if (self !== undefined) q = q.where('id', '<>', self);
    const other = await q.executeTakeFirst();
    if (other) fail('INV_ERR_ODDMENTS_TEMPLATE_EXISTS', { warehouse: wh.code, template: other.code });
  }
  let offsetWarehouseId: number | null = null;
  let offsetTemplateId: number | null = null;
  if (input.offsetWarehouse && input.offsetTemplate) {
    const offset = await trx
      .selectFrom('templates')
      .innerJoin('warehouses', 'warehouses.id', 'templates.warehouse_id')
      .select(['templates.id', 'templates.warehouse_id', 'templates.type'])
      .where('warehouses.code', '=', input.offsetWarehouse)
      .where('templates.code', '=', input.offsetTemplate)
      .executeTakeFirst();
    // it must exist in the offset warehouse and mirror the movement (load ↔ unload)
    if (!offset || offset.type === input.type) fail('INV_ERR_OFFSET_TEMPLATE', { template: input.code });
    offsetWarehouseId = offset.warehouse_id;
    offsetTemplateId = offset.id;
  }
  if (input.defaultLocation) await locationIdOf(trx, wh, input.defaultLocation);
  const flags = Object.fromEntries(FLAG_NAMES.map((name) => [FLAGS[name].column, flag(input[name], FLAGS[name].fallback)]));
  return {
    ...(flags as { [F in FlagName as (typeof FLAGS)[F]['column']]: number }),
    description: input.description,
    type: input.type as TemplateType,
    proposed_cost: (input.proposedCost ?? 'none') as ProposedCost,
    offset_warehouse_id: offsetWarehouseId,
    offset_template_id: offsetTemplateId,
    default_location: input.defaultLocation ?? '',
    debit_account: input.debitAccount ?? '',
    credit_account: input.creditAccount ?? '',
    saft_movement_type: input.saftMovementType ?? '',
  };
}

export async function createTemplate(ctx: Ctx, warehouse: string, input: TemplateInput): Promise<TemplateView> {
  requirePermission(ctx.actor, 'masterData');
  checkInput(input);
  const key = `${warehouse}/${input.code}`;
  return adminWrite(ctx, { entity: 'template', key: input.code }, async (trx) => {
    const wh = await warehouseOf(trx, warehouse);
    if ((await templateViews(trx, wh.id, input.code)).length > 0) fail('INV_ERR_DUPLICATE', { entity: 'template', key: input.code });
    await trx
      .insertInto('templates')
      .values({ warehouse_id: wh.id, code: input.code, ...(await columnsOf(trx, wh, input)) })
      .execute();
    const after = withoutId(await templateView(trx, wh, input.code));
    await audit(trx, ctx.actor, 'template', key, 'create', null, after);
    return after;
  });
}

/**
 * Replaces a template's fields (PUT: absent flags take their defaults). Once
 * records use it, its type and cost flags are frozen (409); while other
 * templates or the stock difference parameters rely on its type or
 * physical-inventory flag, those cannot change either (422).
 */
export async function updateTemplate(ctx: Ctx, warehouse: string, code: string, input: UpdateInput<TemplateInput>): Promise<TemplateView> {
  requirePermission(ctx.actor, 'masterData');
  const problems = new Problems();
  checkSameCode(input.code, code, problems);
  problems.throwIfAny();
  checkInput({ ...input, code });
  const key = `${warehouse}/${code}`;
  return adminWrite(ctx, { entity: 'template', key: code }, async (trx) => {
    const wh = await warehouseOf(trx, warehouse);
    const { id, ...before } = await templateView(trx, wh, code);
    const columns = await columnsOf(trx, wh, { ...input, code }, id);
    const typeChanges = columns.type !== before.type;
    if (typeChanges || COST_FLAGS.some((name) => (columns[FLAGS[name].column] === 1) !== before[name])) {
      if (await templateUsed(trx, id)) {
        if (typeChanges) fail('INV_ERR_TEMPLATE_TYPE_FROZEN', { template: code });
        fail('INV_ERR_TEMPLATE_COST_FLAGS_FROZEN', { template: code });
      }
    }
    if (typeChanges) {
      const mirror = await trx.selectFrom('templates').select('code').where('offset_template_id', '=', id).executeTakeFirst();
      if (mirror) fail('INV_ERR_OFFSET_TEMPLATE', { template: mirror.code });
    }
    if (typeChanges || columns.physical_inventory === 0) {
      const params = await trx
        .selectFrom('stock_difference_params')
        .select('warehouse_id')
        .where((eb) => eb.or([eb('load_template_id', '=', id), eb('unload_template_id', '=', id)]))
        .executeTakeFirst();
      if (params) fail('INV_ERR_STOCK_DIFF_TEMPLATE', { template: code, type: templateTypeName(before.type, ctx.lang), warehouse: wh.code });
    }
    await trx.updateTable('templates').set(columns).where('id', '=', id).execute();
    const after = withoutId(await templateView(trx, wh, code));
    await audit(trx, ctx.actor, 'template', key, 'update', before, after);
    return after;
  });
}

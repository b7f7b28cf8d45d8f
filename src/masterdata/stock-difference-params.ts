/**
 * Stock difference parameters (SPEC §2, §5): per warehouse, the load template
 * for surpluses and the unload template for shortages; optionally (SPEC §12)
 * the compensation load and unload templates, the natural-loss allowance
 * template and the imputable shortage template (unloads).
 */
import type { Ctx } from '../core/context.ts';
import { fail } from '../core/errors.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import type { TemplateRow, WarehouseRow } from '../db/schema.ts';
import { adminWrite, found } from './crud.ts';
import { warehouseOf } from './lookup.ts';
import type { Db } from '../db/db.ts';
import { templateTypeName, type TemplateType } from './templates.ts';

/** SPEC §12: the optional templates of compensation, allowances and imputable shortages, by API field */
export const YEARLY_TEMPLATES = {
  compensationLoadTemplate: { column: 'compensation_load_template_id', type: 'load' },
  compensationUnloadTemplate: { column: 'compensation_unload_template_id', type: 'unload' },
  allowanceTemplate: { column: 'allowance_template_id', type: 'unload' },
  imputableTemplate: { column: 'imputable_template_id', type: 'unload' },
} as const;
export type YearlyTemplateField = keyof typeof YEARLY_TEMPLATES;
export const YEARLY_TEMPLATE_FIELDS = Object.keys(YEARLY_TEMPLATES) as YearlyTemplateField[];

export interface StockDifferenceParamsInput {
  loadTemplate: string;
  unloadTemplate: string;
  compensationLoadTemplate?: string | null;
  compensationUnloadTemplate?: string | null;
  allowanceTemplate?: string | null;
  imputableTemplate?: string | null;
}

export interface StockDifferenceParamsView {
  warehouse: string;
  loadTemplate: string;
  unloadTemplate: string;
  /** SPEC §12, present when set */
  compensationLoadTemplate?: string;
  compensationUnloadTemplate?: string;
  allowanceTemplate?: string;
  imputableTemplate?: string;
}

export type StockDifferenceTemplates = { load: TemplateRow; unload: TemplateRow } & { [F in YearlyTemplateField]?: TemplateRow };

/**
 * Stock difference records go through the record rules (SPEC §3) like every
 * other record. Their document is the inventory itself ("INV 2026/1"), so a
 * template that requires a document is served; but a difference has no
 * customer or supplier, so a template that requires an account cannot post
 * one: it is refused here when the parameters are saved and again when
 * differences are posted (a template may have changed since).
 */
export function assertStockDifferenceTemplate(t: Pick<TemplateRow, 'code' | 'mandatory_account'>, path: string): void {
  if (t.mandatory_account) {
    fail('INV_ERR_STOCK_DIFF_TEMPLATE_ACCOUNT', { template: t.code }, [{ path, code: 'INV_ERR_STOCK_DIFF_TEMPLATE_ACCOUNT', params: { template: t.code } }]);
  }
}

/** The warehouse's surplus and shortage templates (and the optional ones of SPEC §12 that are set), or undefined when not set. */
export async function stockDifferenceTemplatesOf(db: Db, warehouseId: number): Promise<StockDifferenceTemplates | undefined> {
  const params = await db.selectFrom('stock_difference_params').selectAll().where('warehouse_id', '=', warehouseId).executeTakeFirst();
  if (!params) return undefined;
  const template = (id: number) => db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const out: StockDifferenceTemplates = { load: await template(params.load_template_id), unload: await template(params.unload_template_id) };
  for (const f of YEARLY_TEMPLATE_FIELDS) {
    const id = params[YEARLY_TEMPLATES[f].column];
    if (id !== null && id !== undefined) out[f] = await template(id);
  }
  return out;
}

async function viewOf(db: Db, wh: WarehouseRow): Promise<StockDifferenceParamsView | undefined> {
  const t = await stockDifferenceTemplatesOf(db, wh.id);
  return (
    t && {
      warehouse: wh.code,
      loadTemplate: t.load.code,
      unloadTemplate: t.unload.code,
      // the optional templates only when set
      ...Object.fromEntries(YEARLY_TEMPLATE_FIELDS.filter((f) => t[f]).map((f) => [f, t[f]!.code])),
    }
  );
}

export async function getStockDifferenceParams(ctx: Ctx, warehouse: string): Promise<StockDifferenceParamsView> {
  requirePermission(ctx.actor, 'read');
  const wh = await warehouseOf(ctx.store.db, warehouse);
  return found(await viewOf(ctx.store.db, wh), 'stockDifferenceParams', warehouse);
}

/** Sets the warehouse's templates: each a physical-inventory template of that warehouse, of its type (422 otherwise). */
export async function putStockDifferenceParams(ctx: Ctx, warehouse: string, input: StockDifferenceParamsInput): Promise<StockDifferenceParamsView> {
  return adminWrite(ctx, { entity: 'stockDifferenceParams', key: warehouse }, async (trx) => {
    const wh = await warehouseOf(trx, warehouse);
    const templateId = async (code: string, type: TemplateType, path: string): Promise<number> => {
      const t = await trx
        .selectFrom('templates')
        .select(['id', 'code', 'type', 'physical_inventory', 'mandatory_account'])
        .where('warehouse_id', '=', wh.id)
        .where('code', '=', code)
        .executeTakeFirst();
      if (!t || t.type !== type || t.physical_inventory !== 1)
        fail('INV_ERR_STOCK_DIFF_TEMPLATE', { template: code, type: templateTypeName(type, ctx.lang), warehouse: wh.code });
      assertStockDifferenceTemplate(t, path);
      return t.id;
    };
    const row = {
      load_template_id: await templateId(input.loadTemplate, 'load', '/loadTemplate'),
      unload_template_id: await templateId(input.unloadTemplate, 'unload', '/unloadTemplate'),
      compensation_load_template_id: null as number | null,
      compensation_unload_template_id: null as number | null,
      allowance_template_id: null as number | null,
      imputable_template_id: null as number | null,
    };
    // an optional template left out or null is not set
    for (const f of YEARLY_TEMPLATE_FIELDS) {
      const code = input[f];
      if (code) row[YEARLY_TEMPLATES[f].column] = await templateId(code, YEARLY_TEMPLATES[f].type, `/${f}`);
    }
    const before = await viewOf(trx, wh);
    if (before) await trx.updateTable('stock_difference_params').set(row).where('warehouse_id', '=', wh.id).execute();
    else await trx.insertInto('stock_difference_params').values({ warehouse_id: wh.id, ...row }).execute();
    const after = (await viewOf(trx, wh))!;
    await audit(trx, ctx.actor, 'stockDifferenceParams', warehouse, before ? 'update' : 'create', before ?? null, after);
    return after;
  });
}

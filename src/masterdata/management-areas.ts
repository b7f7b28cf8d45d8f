/** Management areas: a group of warehouses valued by one cost method (SPEC §2, §6 "management-area"). */
import { codeEntityService } from './crud.ts';
import { AREA_METHOD_IDS, normalizeCostMethod, parseCostMethod, type StreamCostMethod } from '../valuation/index.ts';

/** The cost methods a management area may name (SPEC §6): those of the ledger stream, not management-area or history. */
export const AREA_METHODS = AREA_METHOD_IDS;
export type AreaMethod = StreamCostMethod;

export interface ManagementAreaInput {
  code: string;
  description: string;
  method: string;
}

export interface ManagementAreaView {
  code: string;
  description: string;
  method: AreaMethod;
}

/** the SPEC name of a validated method (identifier or alias) */
const specName = (method: string): AreaMethod => normalizeCostMethod(method) as AreaMethod;

const service = codeEntityService<ManagementAreaView, ManagementAreaInput>({
  entity: 'managementArea',
  async read(db, code) {
    let q = db.selectFrom('management_areas').select(['code', 'description', 'method']).orderBy('code');
    if (code !== undefined) q = q.where('code', '=', code);
    const rows = await q.execute();
    // the SPEC name; a stored name that is not known is shown as stored so that it can be corrected
    // (valuing by it is INV_ERR_STORED_COST_METHOD, see valuation/valued-inventory.ts and the closing)
    return rows.map((r) => ({ code: r.code, description: r.description, method: (normalizeCostMethod(r.method) ?? r.method) as AreaMethod }));
  },
  validate(input, problems) {
    // the SPEC §6 name, or the previous release's camelCase alias (stored as the SPEC name)
    parseCostMethod(String(input.method ?? ''), AREA_METHODS, '/method', problems);
  },
  async insert(trx, input) {
    await trx.insertInto('management_areas').values({ code: input.code, description: input.description, method: specName(input.method) }).execute();
  },
  async update(trx, code, input) {
    await trx.updateTable('management_areas').set({ description: input.description, method: specName(input.method) }).where('code', '=', code).execute();
  },
});

export const listManagementAreas = service.list;
export const getManagementArea = service.get;
export const createManagementArea = service.create;
export const updateManagementArea = service.update;

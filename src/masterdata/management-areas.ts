/** Management areas: a group of warehouses valued by one cost method (SPEC §2, §6 "management-area"). */
import { codeEntityService, checkOneOf } from './crud.ts';
import { STREAM_COST_METHODS, type StreamCostMethod } from '../valuation/index.ts';

/** The cost methods a management area may name (SPEC §6): those of the ledger stream, not managementArea or history. */
export const AREA_METHODS = STREAM_COST_METHODS;
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

const service = codeEntityService<ManagementAreaView, ManagementAreaInput>({
  entity: 'managementArea',
  async read(db, code) {
    let q = db.selectFrom('management_areas').select(['code', 'description', 'method']).orderBy('code');
    if (code !== undefined) q = q.where('code', '=', code);
    const rows = await q.execute();
    return rows.map((r) => ({ code: r.code, description: r.description, method: r.method as AreaMethod }));
  },
  validate(input, problems) {
    checkOneOf(input.method, AREA_METHODS, '/method', problems);
  },
  async insert(trx, input) {
    await trx.insertInto('management_areas').values({ code: input.code, description: input.description, method: input.method }).execute();
  },
  async update(trx, code, input) {
    await trx.updateTable('management_areas').set({ description: input.description, method: input.method }).where('code', '=', code).execute();
  },
});

export const listManagementAreas = service.list;
export const getManagementArea = service.get;
export const createManagementArea = service.create;
export const updateManagementArea = service.update;

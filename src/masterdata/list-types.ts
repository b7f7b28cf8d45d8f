/** Inventory list types: code, description and how counting behaves (SPEC §1, §4). */
import { flag } from '../core/input.ts';
import { codeEntityService } from './crud.ts';

export interface ListTypeInput {
  code: string;
  description: string;
  maintainLocation?: boolean;
  blindCount?: boolean;
}

export interface ListTypeView {
  code: string;
  description: string;
  maintainLocation: boolean;
  blindCount: boolean;
}

const fields = (input: Omit<ListTypeInput, 'code'>) => ({
  description: input.description,
  maintain_location: flag(input.maintainLocation),
  blind_count: flag(input.blindCount),
});

const service = codeEntityService<ListTypeView, ListTypeInput>({
  entity: 'listType',
  async read(db, code) {
    let q = db.selectFrom('list_types').select(['code', 'description', 'maintain_location', 'blind_count']).orderBy('code');
    if (code !== undefined) q = q.where('code', '=', code);
    const rows = await q.execute();
    return rows.map((r) => ({ code: r.code, description: r.description, maintainLocation: r.maintain_location === 1, blindCount: r.blind_count === 1 }));
  },
  validate() {},
  async insert(trx, input) {
    await trx.insertInto('list_types').values({ code: input.code, ...fields(input) }).execute();
  },
  async update(trx, code, input) {
    await trx.updateTable('list_types').set(fields(input)).where('code', '=', code).execute();
  },
});

export const listListTypes = service.list;
export const getListType = service.get;
export const createListType = service.create;
export const updateListType = service.update;

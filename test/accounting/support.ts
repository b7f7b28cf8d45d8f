/** What the accounting tests add to the shared fixture: template accounts and the warehouses' cost method. */
import { expect } from 'vitest';
import type { TestApi } from '../helpers/api.ts';

/** [warehouse, template, debit account, credit account] (an account or `STOCK`, SPEC §9) */
export type TemplateAccounts = [string, string, string, string][];

/** Gives the templates their debit and credit accounts. */
export async function setTemplateAccounts(api: TestApi, accounts: TemplateAccounts): Promise<void> {
  const db = api.store.db;
  for (const [wh, code, debit, credit] of accounts) {
    const w = await db.selectFrom('warehouses').select('id').where('code', '=', wh).executeTakeFirstOrThrow();
    await db.updateTable('templates').set({ debit_account: debit, credit_account: credit }).where('warehouse_id', '=', w.id).where('code', '=', code).execute();
  }
}

/** Values MAIN and SHOP by `method` through one management area, ZG1 (through the API). */
export async function valueWarehousesBy(api: TestApi, method: string, description: (wh: string) => string = (wh) => wh): Promise<void> {
  const area = await api.call('POST', '/api/management-areas', { code: 'ZG1', description: 'Zona 1', method });
  expect(area.status, JSON.stringify(area.body)).toBe(201);
  for (const wh of ['MAIN', 'SHOP']) {
    const w = await api.call('PUT', `/api/warehouses/${wh}`, { code: wh, description: description(wh), managementArea: 'ZG1' });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
  }
}

/**
 * Accounts on master data (SPEC §9, §13): the stock account of an item
 * defaults from its item type; NC codes are 8 digits; template accounts are
 * digits and dots (≤ 20) or STOCK, both or neither; coded 400s in ro and en.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStockAccount } from '../../src/core/accounts.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { dialects } from '../helpers/store.ts';

describe('default stock accounts by item type (Romanian chart)', () => {
  it('maps Romanian and English types, with or without diacritics, unknown to 371', () => {
    expect(
      ['marfă', 'Marfa', 'merchandise', 'materii prime', 'Raw material', 'produse finite', 'finished goods', 'materiale consumabile', 'ambalaje', 'obiecte de inventar', '', 'ceva', null].map(defaultStockAccount),
    ).toEqual(['371', '371', '371', '301', '301', '345', '345', '3028', '381', '303', '371', '371', '371']);
  });
});

for (const dialect of dialects) {
  describe(`accounts on items and templates [${dialect}]`, () => {
    let api: TestApi;
    const T = '/api/warehouses/W1/templates';
    beforeAll(async () => {
      api = await openTestApi(dialect);
      expect((await api.call('POST', '/api/warehouses', { code: 'W1', description: 'Depozit' })).status).toBe(201);
    });
    afterAll(async () => api.close());

    it('an item takes its type\'s stock account unless it names one; NC code kept', async () => {
      const raw = await api.call('POST', '/api/items', { code: 'RM1', description: 'Făină', uom: 'buc', itemType: 'materii prime', ncCode: '11010015' });
      expect(raw.status).toBe(201);
      expect([raw.body.stockAccount, raw.body.ncCode]).toEqual(['301', '11010015']);
      const own = await api.call('POST', '/api/items', { code: 'FG1', description: 'Pâine', uom: 'buc', itemType: 'produse finite', stockAccount: '345.01' });
      expect(own.body.stockAccount).toBe('345.01');
      const put = await api.call('PUT', '/api/items/FG1', { description: 'Pâine', uom: 'buc', itemType: 'marfă' });
      expect(put.body.stockAccount).toBe('371');
    });

    it('refuses a malformed stock account, the word STOCK on an item, a bad NC code (400, ro and en)', async () => {
      const bad = await api.call('POST', '/api/items', { code: 'X1', description: 'x', uom: 'buc', stockAccount: '371-A', ncCode: '1234' }, { lang: 'ro' });
      expect([bad.status, bad.body.code]).toEqual([400, 'INV_ERR_VALIDATION']);
      expect(bad.body.errors.map((e: any) => [e.path, e.code])).toEqual([
        ['/stockAccount', 'INV_ERR_BAD_ACCOUNT'],
        ['/ncCode', 'INV_ERR_BAD_NC_CODE'],
      ]);
      expect(JSON.stringify(bad.body)).toContain('Contul „371-A” nu este valid');
      const word = await api.call('POST', '/api/items', { code: 'X1', description: 'x', uom: 'buc', stockAccount: 'STOCK' });
      expect(word.body.errors[0].code).toBe('INV_ERR_STOCK_ACCOUNT_WORD');
      const long = await api.call('POST', '/api/items', { code: 'X1', description: 'x', uom: 'buc', stockAccount: '1'.repeat(21) });
      expect([long.status, long.body.errors[0].code]).toEqual([400, 'INV_ERR_BAD_ACCOUNT']);
    });

    it('a template carries debit and credit accounts and a SAF-T movement type; both accounts or neither', async () => {
      const r = await api.call('POST', T, { code: 'ACH', description: 'Achiziție', type: 'load', debitAccount: 'STOCK', creditAccount: '401', saftMovementType: '10' });
      expect(r.status).toBe(201);
      expect([r.body.debitAccount, r.body.creditAccount, r.body.saftMovementType]).toEqual(['STOCK', '401', '10']);
      const put = await api.call('PUT', `${T}/ACH`, { description: 'Achiziție', type: 'load', debitAccount: '371.01', creditAccount: '401' });
      expect([put.body.debitAccount, put.body.creditAccount, put.body.saftMovementType]).toEqual(['371.01', '401', null]);
      const half = await api.call('POST', T, { code: 'VAN', description: 'Vânzare', type: 'unload', debitAccount: '607' }, { lang: 'en' });
      expect([half.status, half.body.errors.map((e: any) => [e.path, e.code])]).toEqual([400, [['/creditAccount', 'INV_ERR_TEMPLATE_ACCOUNTS_PAIR']]]);
      const bad = await api.call('POST', T, { code: 'VAN', description: 'Vânzare', type: 'unload', debitAccount: 'six', creditAccount: 'STOCK', saftMovementType: '1 0' });
      expect(bad.body.errors.map((e: any) => e.code)).toEqual(['INV_ERR_BAD_ACCOUNT', 'INV_ERR_BAD_SAFT_MOVEMENT_TYPE']);
    });
  });
}

/**
 * Issue 20: an inventory posting proves the negative stock check of the keys
 * it brings to their counted quantity without reading the ledger again
 * (src/inventory/posted-stock-proof.ts); whatever it cannot prove goes to the
 * ledger check, so the refusals stay those of SPEC §3. Each scenario asserts
 * the outcome (accepted, or refused with the stock computed by hand) and
 * which path decided.
 *
 * MAIN, check by location off (the fixture's default): only item + variant,
 * lots and serials are checked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, refused, seedInventoryFixture } from './support.ts';
import { negativeStockProofStats, textLevels } from '../../src/inventory/posted-stock-proof.ts';
import { stockKeyString } from '../../src/ledger/keys.ts';

describe('the checked levels of a text key', () => {
  const key = (o: object) => stockKeyString({ warehouseId: 1, itemId: 7, variant: '', location: '', lot: '', serial: '', jobOrder: '', account: '', ...o });
  const none = { allowNegative: false, checkLocation: false, checkJobOrder: false, checkAccount: false };
  it('groups as SPEC §3 checks: item + variant (+ checked dimensions), lot, serial', () => {
    const a1 = textLevels(key({ location: 'A1', lot: 'L1' }), none);
    const b1 = textLevels(key({ location: 'B1', lot: 'L1', jobOrder: 'J' }), none);
    expect(a1[0]).toBe(b1[0]); // location and job order summed away
    expect(a1[1]).toBe(b1[1]); // the lot level sums over locations
    expect(a1[2]).toBeUndefined(); // no serial
    expect(textLevels(key({ variant: 'RED' }), none)[0]).not.toBe(textLevels(key({}), none)[0]);
    expect(textLevels(key({ lot: 'L2' }), none)[1]).not.toBe(a1[1]);
    expect(textLevels(key({}), none)[1]).toBeUndefined();
    const byLocation = { ...none, checkLocation: true };
    expect(textLevels(key({ location: 'A1' }), byLocation)[0]).not.toBe(textLevels(key({ location: 'B1' }), byLocation)[0]);
    expect(textLevels(key({ location: 'A1', account: 'X' }), byLocation)[0]).toBe(textLevels(key({ location: 'A1' }), byLocation)[0]);
    const byAccount = { ...none, checkAccount: true, checkJobOrder: true };
    expect(textLevels(key({ account: 'X' }), byAccount)[0]).not.toBe(textLevels(key({ account: 'Y' }), byAccount)[0]);
    expect(textLevels(key({ jobOrder: 'X' }), byAccount)[0]).not.toBe(textLevels(key({ account: 'X' }), byAccount)[0]);
    // serials: one level per item and serial, whatever the variant or location
    expect(textLevels(key({ serial: 'S1', variant: 'RED', location: 'A1' }), none)[2]).toBe(textLevels(key({ serial: 'S1', location: 'B1' }), none)[2]);
    expect(textLevels(key({ serial: 'S1' }), none)[2]).not.toBe(textLevels(key({ serial: 'S2' }), none)[2]);
    // negative stock allowed: only lots and serials are checked
    expect(textLevels(key({ lot: 'L1', serial: 'S1' }), { ...none, allowNegative: true })[0]).toBeUndefined();
    expect(textLevels(key({ serial: 'S1', itemId: 8 }), none)[2]).not.toBe(textLevels(key({ serial: 'S1' }), none)[2]);
  });
});

for (const dialect of dialects) {
  describe(`negative stock of an inventory posting, proven or checked [${dialect}]`, () => {
    let api: TestApi;
    let inv: any;
    let list: number;
    afterEach(async () => api?.close());

    async function setup() {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      inv = (await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1' }, { as: 'supervisor' })).body;
      const l = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' });
      expectStatus(l, 201);
      list = l.body.id;
    }
    async function record(template: string, date: string, lines: object[]) {
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template, date, lines }), 201);
    }
    async function count(body: object) {
      const r = await api.call('POST', `/api/lists/${list}/lines`, body, { as: 'supervisor' });
      expectStatus(r, 201);
      return r.body;
    }
    const recount = async (line: any, quantity: string) => expectStatus(await api.call('PUT', `/api/lines/${line.id}`, { quantity }, { as: 'supervisor' }), 200);
    /** posts; returns the response and how many lowered keys were proven / left to the ledger check */
    async function post(postingDate = '2026-03-10') {
      const before = { ...negativeStockProofStats };
      const r = await api.call('POST', `/api/inventories/${inv.id}/differences`, { postingDate }, { as: 'supervisor' });
      return { r, proven: negativeStockProofStats.proven - before.proven, left: negativeStockProofStats.left - before.left };
    }

    it('proves shortages that leave every checked level at its counted stock, lots included', async () => {
      await setup();
      await record('CAR', '2026-02-01', [
        { item: 'A', quantity: '10', unitCost: '5', location: 'A1' },
        { item: 'LOT', quantity: '4', unitCost: '2', location: 'A1', lot: 'L1' },
        { item: 'LOT', quantity: '4', unitCost: '2', location: 'B1', lot: 'L1' },
      ]);
      await count({ item: 'A', location: 'A1', quantity: '4' }); // shortage 6 → A: 4
      await count({ item: 'LOT', location: 'A1', lot: 'L1', quantity: '0' }); // shortage 4 → LOT/L1: 0 + 4 at B1 = 4
      const { r, proven, left } = await post();
      expectStatus(r, 201);
      expect([proven, left]).toEqual([2, 0]);
      expect(r.body.records[0].lines.map((l: any) => `${l.item} ${l.location} ${l.lot} ${l.quantity}`)).toEqual(['A A1  -6.000', 'LOT A1 L1 -4.000']);
    });

    it('leaves a level that sums to below zero over other locations to the ledger check, which refuses it', async () => {
      await setup();
      await record('CAR', '2026-02-01', [{ item: 'A', quantity: '5', unitCost: '5', location: 'A1' }, { item: 'A', quantity: '5', unitCost: '5', location: 'B1' }]);
      await record('VAN', '2026-02-05', [{ item: 'A', quantity: '8', location: 'B1' }]); // B1: −3 (location not checked), A: 2
      const line = await count({ item: 'A', location: 'A1', quantity: '0' }); // shortage 5 at A1 → A: 0 − 3 = −3
      const { r, proven, left } = await post();
      await refused(api, 422, 'INV_ERR_NEGATIVE_STOCK', async () => r);
      expect(r.body.detail).toContain('-3.000');
      expect([proven, left]).toEqual([0, 1]);
      expect((await api.call('GET', `/api/inventories/${inv.id}`)).body).toMatchObject({ closed: false, postedAt: null });
      await recount(line, '3'); // shortage 2 → A: 3 − 3 = 0
      const ok = await post();
      expectStatus(ok.r, 201);
      expect([ok.proven, ok.left]).toEqual([1, 0]);
    });

    it('leaves an item moved after the stock date to the ledger check', async () => {
      await setup();
      await record('CAR', '2026-02-01', [{ item: 'A', quantity: '10', unitCost: '5', location: 'A1' }]);
      await record('VAN', '2026-03-20', [{ item: 'A', quantity: '8', location: 'A1' }]);
      const line = await count({ item: 'A', location: 'A1', quantity: '0' }); // shortage 10 on 03-10 → 10 − 10 − 8 = −8 after 03-20
      const { r, proven, left } = await post();
      await refused(api, 422, 'INV_ERR_NEGATIVE_STOCK', async () => r);
      expect(r.body.detail).toContain('-8.000');
      expect([proven, left]).toEqual([0, 1]);
      await recount(line, '8'); // shortage 2 → 0 after 03-20
      const ok = await post();
      expectStatus(ok.r, 201);
      expect([ok.proven, ok.left]).toEqual([0, 1]);
    });

    it('proves nothing when the posting date is not the stock date', async () => {
      await setup();
      await record('CAR', '2026-02-01', [{ item: 'A', quantity: '10', unitCost: '5', location: 'A1' }, { item: 'B', quantity: '3', unitCost: '4' }]);
      await record('VAN', '2026-03-11', [{ item: 'B', quantity: '3' }]);
      const line = await count({ item: 'A', location: 'A1', quantity: '4' }); // shortage 6
      // posted on 03-12, after the stock date: its own lines are movements after it
      const later = await post('2026-03-12');
      expectStatus(later.r, 201);
      expect([later.proven, later.left]).toEqual([0, 1]);
      // reversed, then posted before the stock date: the shortage lowers A from 03-05 on, where B's sale is not; still a ledger check
      expectStatus(await api.call('POST', `/api/inventories/${inv.id}/reverse`, { date: '2026-03-12' }, { as: 'supervisor' }), 201);
      await recount(line, '4');
      const earlier = await post('2026-03-05');
      expectStatus(earlier.r, 201);
      expect([earlier.proven, earlier.left]).toEqual([0, 1]);
    });
  });
}

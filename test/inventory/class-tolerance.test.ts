/**
 * Tolerances per ABC class (SPEC §11) on the differences, with the classes of
 * cycle counting at the stock date. By hand:
 *   loads on 2026-03-01: A 100 @ 10, B 100 @ 10; sales on 2026-03-05: A 50 (500.00), B 5 (50.00)
 *   outgoing value 550.00: A ranks first (A), B has 500 before it, 500 × 100 < 550 × 95 → B
 *   counts on 2026-03-10: A 48 (book 50, −2 = 4 % of book), B 93 (book 95, −2 ≈ 2.1 %)
 *   warehouse tolerance 10 % / 1,000.00: both within; class A 1 % → A over, B (no class figure) within.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, seedInventoryFixture } from './support.ts';

for (const dialect of dialects) {
  describe(`tolerances per ABC class [${dialect}]`, () => {
    let api: TestApi;
    let inventoryId: number;

    const overTolerance = async () => {
      const r = await api.call('GET', `/api/inventories/${inventoryId}/differences`, undefined, { as: 'supervisor' });
      expectStatus(r, 200);
      return Object.fromEntries(r.body.rows.map((row: any) => [row.item, row.overTolerance]));
    };
    const setControl = async (classA: string | null) => {
      const classes = [
        { class: 'A', quantityTolerancePct: classA, valueTolerance: null, countsPerYear: 12 },
        { class: 'B', quantityTolerancePct: null, valueTolerance: null, countsPerYear: 4 },
        { class: 'C', quantityTolerancePct: null, valueTolerance: null, countsPerYear: 1 },
      ];
      expectStatus(await api.call('PUT', '/api/count-control/MAIN', { quantityTolerancePct: '10.00', valueTolerance: '1000.00', recount: false, approval: false, classes }), 200);
    };

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      const load = { warehouse: 'MAIN', template: 'CAR', date: '2026-03-01', lines: [{ item: 'A', quantity: '100', unitCost: '10' }, { item: 'B', quantity: '100', unitCost: '10' }] };
      expectStatus(await api.call('POST', '/api/records', load), 201);
      const sale = { warehouse: 'MAIN', template: 'VAN', date: '2026-03-05', lines: [{ item: 'A', quantity: '50' }, { item: 'B', quantity: '5' }] };
      expectStatus(await api.call('POST', '/api/records', sale), 201);
      const inv = await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1' }, { as: 'supervisor' });
      inventoryId = inv.body.id;
      const list = await api.call('POST', `/api/inventories/${inventoryId}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' });
      for (const [item, quantity] of [['A', '48'], ['B', '93']]) expectStatus(await api.call('POST', `/api/lists/${list.body.id}/lines`, { item, quantity }, { as: 'supervisor' }), 201);
    });
    afterAll(async () => api.close());

    it('classes the items by outgoing value: A then B', async () => {
      const r = await api.call('GET', '/api/cycle-count/classes?warehouse=MAIN&date=2026-03-10', undefined, { as: 'supervisor' });
      expectStatus(r, 200);
      expect(r.body.items.filter((i: any) => ['A', 'B'].includes(i.item)).map((i: any) => [i.item, i.class, i.outgoingValue])).toEqual([
        ['A', 'A', '500.00'],
        ['B', 'B', '50.00'],
      ]);
    });

    it('uses the warehouse tolerance when no class sets one', async () => {
      await setControl(null);
      expect(await overTolerance()).toEqual({ A: false, B: false });
    });

    it("uses class A's own tolerance for class A items only", async () => {
      await setControl('1.00');
      expect(await overTolerance()).toEqual({ A: true, B: false });
      // 4.00 % of book is within a class tolerance of exactly 4 % (equal is within)
      await setControl('4.00');
      expect(await overTolerance()).toEqual({ A: false, B: false });
      await setControl('3.99');
      expect(await overTolerance()).toEqual({ A: true, B: false });
    });
  });
}

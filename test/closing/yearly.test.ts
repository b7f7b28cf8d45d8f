/**
 * lifo-yearly and fifo-yearly across three yearly closings (SPEC §6): the
 * closed years come from the closing history and give the layers the spec
 * defines, the same as over the full history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture, type Fixture } from '../helpers/fixtures.ts';
import { Money, Quantity, UnitCost } from '../../src/core/decimal.ts';
import { valuationAt } from '../../src/valuation/item-cost.ts';
import { storedClosingHistory } from '../../src/valuation/closing/history-source.ts';
import type { CostResult } from '../../src/valuation/result.ts';

const D = '2026-06-30';
const load = (date: string, item: string, quantity: string, unitCost: string) => ({ warehouse: 'MAIN', template: 'CAR', date, lines: [{ item, quantity, unitCost }] });
const unload = (date: string, item: string, quantity: string) => ({ warehouse: 'MAIN', template: 'VST', date, lines: [{ item, quantity }] });

const layers = (r: CostResult) => (r.yearLayers ?? []).map((l) => `${l.year}: ${Quantity.format(l.quantity)} @ ${UnitCost.format(l.unitCost)}`);

for (const dialect of dialects) {
  describe(`lifo-yearly and fifo-yearly across yearly closings [${dialect}]`, () => {
    let api: TestApi;
    let fx: Fixture;

    beforeAll(async () => {
      api = await openTestApi(dialect);
      fx = await seedFixture(api.store);
      const db = api.store.db;
      for (const year of [2023, 2024, 2025]) {
        await db.insertInto('year_params').values({ year, period_start: `${year}-01-01`, period_end: `${year}-12-31` }).execute();
        for (const w of Object.values(fx.warehouses)) await db.insertInto('year_warehouse_params').values({ year, warehouse_id: w }).execute();
      }
      // A: b(2023) = 100 at 2.00; 2024 buys 20 at 1.50 and ends at 60; 2025 buys 40 at 2.50 and ends at 100; 2026 buys 70 at 3.00
      // B: b(2023) = 50 at 1.00; 2024 ends at 0; 2025 buys 30 at 2.00; 2026 buys 10 at 4.00
      for (const body of [
        load('2023-03-01', 'A', '100', '2'),
        load('2023-05-01', 'B', '50', '1'),
        load('2024-02-01', 'A', '20', '1.5'),
        unload('2024-06-01', 'A', '60'),
        unload('2024-05-01', 'B', '50'),
        load('2025-03-01', 'A', '40', '2.5'),
        load('2025-05-01', 'B', '30', '2'),
        load('2026-03-01', 'A', '70', '3'),
        load('2026-04-01', 'B', '10', '4'),
      ]) {
        const r = await api.call('POST', '/api/records', body);
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
    });
    afterAll(async () => api.close());

    const expected = {
      A: {
        // increment 170 − b(2025) = 70 at a(2026); then b(2025) − b(2024) = 40 at a(2025); 2024 adds nothing (b(2024) = 60 < b(2023)); the rest 60 at a(2023)
        lifo: { layers: ['2026: 70.000 @ 3.00000', '2025: 40.000 @ 2.50000', '2023: 60.000 @ 2.00000'], value: '430.00' },
        // the most recent purchases: 70 of 2026, 40 of 2025, 20 of 2024, the last 40 from 2023
        fifo: { layers: ['2026: 70.000 @ 3.00000', '2025: 40.000 @ 2.50000', '2024: 20.000 @ 1.50000', '2023: 40.000 @ 2.00000'], value: '420.00' },
      },
      B: {
        // b(2024) = 0 stops the walk: nothing of 2023 is left
        lifo: { layers: ['2026: 10.000 @ 4.00000', '2025: 30.000 @ 2.00000'], value: '100.00' },
        fifo: { layers: ['2026: 10.000 @ 4.00000', '2025: 30.000 @ 2.00000'], value: '100.00' },
      },
    };

    async function yearly(item: 'A' | 'B') {
      const lifo = await valuationAt(api.store.db, { itemId: fx.items[item] }, D, 'lifo-yearly', storedClosingHistory);
      const fifo = await valuationAt(api.store.db, { itemId: fx.items[item] }, D, 'fifo-yearly', storedClosingHistory);
      return { lifo: { layers: layers(lifo), value: Money.format(lifo.value) }, fifo: { layers: layers(fifo), value: Money.format(fifo.value) } };
    }

    it('over the full history the layers are those of SPEC §6', async () => {
      expect(await yearly('A')).toEqual(expected.A);
      expect(await yearly('B')).toEqual(expected.B);
    });

    it('after closings at the end of 2023, 2024 and 2025 the closed years give the same layers', async () => {
      for (const [date, method] of [
        ['2023-12-31', undefined],
        ['2024-12-31', 'fifo-yearly'],
        ['2025-12-31', 'lifo-yearly'],
      ] as const) {
        const r = await api.call('POST', '/api/closings', { closingDate: date, method });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
      expect(await yearly('A')).toEqual(expected.A);
      expect(await yearly('B')).toEqual(expected.B);

      // the 2025 closing: A's stock 100 by lifo-yearly at 2025-12-31 is 40 of 2025 at 2.50 and 60 of 2023 at 2.00
      const list = await api.call('GET', '/api/closings');
      expect(list.body.items.map((c: { closingDate: string }) => c.closingDate)).toEqual(['2025-12-31', '2024-12-31', '2023-12-31']);
      const last = list.body.items[0];
      const rows = await api.call('GET', `/api/closings/${last.id}/rows?item=A`);
      expect(rows.body.items[0]).toMatchObject({
        year: 2025,
        quantity: '100.000',
        purchasedQuantity: '40.000',
        purchasedValue: '100.00',
        lifoLayers: [
          { year: 2025, quantity: '40.000', unitCost: '2.50000' },
          { year: 2023, quantity: '60.000', unitCost: '2.00000' },
        ],
        value: '220.00',
      });
      const opening = await api.call('GET', `/api/records/${last.openingRecordIds[0]}`);
      expect(opening.body.lines.find((l: { item: string }) => l.item === 'A')).toMatchObject({ quantity: '100.000', unitCost: '2.20000', amount: '220.00' });
      // the 2024 closing valued A's 60 by fifo-yearly: 20 of 2024 at 1.50, 40 of 2023 at 2.00 = 110.00
      const rows2024 = await api.call('GET', `/api/closings/${list.body.items[1].id}/rows?item=A`);
      expect(rows2024.body.items[0]).toMatchObject({ quantity: '60.000', value: '110.00' });
      // B rested at 0 through 2024: its history row is kept, with no stock and no opening line
      const b2024 = await api.call('GET', `/api/closings/${list.body.items[1].id}/rows?item=B`);
      expect(b2024.body.items[0]).toMatchObject({ quantity: '0.000', purchasedQuantity: '0.000', value: '0.00', fifoLayers: [] });
      const years = await api.store.db
        .selectFrom('closing_years')
        .select(['year', 'closing_quantity', 'purchased_quantity'])
        .where('item_id', '=', fx.items.B)
        .orderBy('year')
        .execute();
      expect(years.map((y) => [y.year, Quantity.format(y.closing_quantity), Quantity.format(y.purchased_quantity)])).toEqual([
        [2023, '50.000', '50.000'],
        [2024, '0.000', '0.000'],
        [2025, '30.000', '30.000'],
      ]);
    });
  });
}

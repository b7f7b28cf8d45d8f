/**
 * Re-valuation (SPEC §9, issue 17 point 3) on both databases: a small ledger
 * written by hand, the expected changes computed by hand below (fifo layers and
 * moving-average rates in the comments), nothing else touched, a second apply
 * changes nothing, closed periods refused, and after a re-valuation over the
 * whole period the valued inventory by the same method equals, per item,
 * Σ signed line amounts of the counted movements (what the stock account holds).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture, type Fixture } from '../helpers/fixtures.ts';
import { Money } from '../../src/core/decimal.ts';

type Line = Record<string, unknown>;
const rec = (warehouse: string, template: string, date: string, lines: Line[]) => ({ warehouse, template, date, lines });

/**
 * Costs per item (no value per warehouse). Unloads carry hand-entered costs
 * (11.00 for A, 1.50 for B), which the re-valuation corrects.
 *
 * A, fifo: 10@10, 10@12 | VAN 5 → 5@10 = 50.00 | 02-01: SHOP's mirror TRI (record number 1) comes
 *   BEFORE MAIN's TRF (number 2, after the B receipt) in ledger order: costs per item, the load waits and
 *   follows its unload | TRF 3 → 3@10 = 30.00, load 3@10 | CAR 5@15 | VAN 8 → 2@10 + 6@12 = 92.00
 *   (11.50000) | SHOP VAN 2 (02-12) → 2@12 = 24.00 | left 2@12, 3@10, 5@15 = 129.00.
 * A, moving-average: 10@10 → 10; 10@12 → 11 | VAN 5 at 11 (= stored) | TRI (no average update) and
 *   TRF at 11 (= stored) | CAR 5@15: (15×11 + 75)/20 = 12 | VAN 8 at 12 = 96.00 | SHOP VAN 2 at 12 = 24.00.
 * B: 1@1, 2@2 | VAN 3: fifo 1 + 4 = 5.00 → 1.66667; moving rate (1 + 4)/3 = 1.66667, 3 × 1.66667 =
 *   5.00001 → 5.00 | CAR 10@2 | VAN 4 at 2.00 = 8.00 (= stored, both methods).
 * NF is not a fiscal item: its unload is never re-valued.
 */
const LEDGER = [
  rec('MAIN', 'CAR', '2026-01-10', [
    { item: 'A', quantity: '10', unitCost: '10', location: 'A1' },
    { item: 'B', quantity: '1', unitCost: '1', location: 'B1' },
    { item: 'NF', quantity: '5', unitCost: '1', location: 'B1' },
  ]),
  rec('MAIN', 'CAR', '2026-01-11', [{ item: 'B', quantity: '2', unitCost: '2', location: 'B1' }]),
  rec('MAIN', 'CAR', '2026-01-15', [{ item: 'A', quantity: '10', unitCost: '12', location: 'A1' }]),
  rec('MAIN', 'VAN', '2026-01-20', [
    { item: 'A', quantity: '5', unitCost: '11', location: 'A1' },
    { item: 'B', quantity: '3', unitCost: '1.5', location: 'B1' },
    { item: 'NF', quantity: '2', unitCost: '7', location: 'B1' },
  ]),
  rec('MAIN', 'CAR', '2026-02-01', [{ item: 'B', quantity: '10', unitCost: '2', location: 'B1' }]),
  rec('MAIN', 'TRF', '2026-02-01', [{ item: 'A', quantity: '3', unitCost: '11', location: 'A1' }]),
  rec('MAIN', 'CAR', '2026-02-05', [{ item: 'A', quantity: '5', unitCost: '15', location: 'A1' }]),
  rec('MAIN', 'VAN', '2026-02-10', [{ item: 'A', quantity: '8', unitCost: '11', location: 'A1' }]),
  rec('MAIN', 'VAN', '2026-02-11', [{ item: 'B', quantity: '4', unitCost: '2', location: 'B1' }]),
  rec('SHOP', 'VAN', '2026-02-12', [{ item: 'A', quantity: '2', unitCost: '11', location: 'R1' }]),
];

interface Row {
  id: number;
  record_id: number;
  line_no: number;
  date: string;
  warehouse: string;
  item: string;
  quantity: string;
  unit_cost: string;
  amount: string;
}

for (const dialect of dialects) {
  describe(`re-valuation [${dialect}]`, () => {
    let api: TestApi;
    let fx: Fixture;
    /** record ids by "warehouse template date" */
    const records = new Map<string, number>();

    async function lines(): Promise<Row[]> {
      const rows = await api.store.db
        .selectFrom('movements as m')
        .innerJoin('items as i', 'i.id', 'm.item_id')
        .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
        .select(['m.id', 'm.record_id', 'm.line_no', 'm.date', 'w.code as warehouse', 'i.code as item', 'm.quantity', 'm.unit_cost', 'm.amount'])
        .orderBy('m.id')
        .execute();
      return rows.map((r) => ({
        ...r,
        id: Number(r.id),
        record_id: Number(r.record_id),
        quantity: String(r.quantity),
        unit_cost: String(r.unit_cost),
        amount: String(r.amount),
      }));
    }

    const key = (r: { record_id?: number; recordId?: number; line_no?: number; lineNo?: number }) => `${r.record_id ?? r.recordId}:${r.line_no ?? r.lineNo}`;

    beforeAll(async () => {
      api = await openTestApi(dialect);
      fx = await seedFixture(api.store);
      for (const body of LEDGER) {
        const r = await api.call('POST', '/api/records', body);
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        records.set(`${body.warehouse} ${body.template} ${body.date}`, r.body.id);
        if (r.body.offsetRecordId) records.set(`SHOP TRI ${body.date}`, r.body.offsetRecordId);
      }
    });
    afterAll(async () => api.close());

    const id = (k: string) => {
      const v = records.get(k);
      if (v === undefined) throw new Error(`no record ${k}`);
      return v;
    };

    /** [record, line, item, old unit cost, new unit cost, old amount, new amount] as the API answers them */
    const change = (record: string, lineNo: number, item: string, o: string, n: string, oa: string, na: string) => ({
      recordId: id(record),
      lineNo,
      item,
      oldUnitCost: o,
      newUnitCost: n,
      oldAmount: oa,
      newAmount: na,
    });
    const pick = (c: Record<string, unknown>) => ({
      recordId: c.recordId,
      lineNo: c.lineNo,
      item: c.item,
      oldUnitCost: c.oldUnitCost,
      newUnitCost: c.newUnitCost,
      oldAmount: c.oldAmount,
      newAmount: c.newAmount,
    });
    const sortChanges = (a: { recordId: unknown; lineNo: unknown }[]) => [...a].sort((x, y) => Number(x.recordId) - Number(y.recordId) || Number(x.lineNo) - Number(y.lineNo));

    const RANGE = { from: '2026-01-16', to: '2026-02-11' };

    it('previews exactly the hand-computed fifo changes in the range, and writes nothing', async () => {
      const before = await lines();
      const r = await api.call('POST', '/api/revaluations/preview', { ...RANGE, method: 'fifo' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(sortChanges(r.body.changes.map(pick))).toEqual(
        sortChanges([
          change('MAIN VAN 2026-01-20', 1, 'A', '11.00000', '10.00000', '-55.00', '-50.00'),
          change('MAIN VAN 2026-01-20', 2, 'B', '1.50000', '1.66667', '-4.50', '-5.00'),
          change('MAIN TRF 2026-02-01', 1, 'A', '11.00000', '10.00000', '-33.00', '-30.00'),
          change('SHOP TRI 2026-02-01', 1, 'A', '11.00000', '10.00000', '33.00', '30.00'),
          change('MAIN VAN 2026-02-10', 1, 'A', '11.00000', '11.50000', '-88.00', '-92.00'),
        ]),
      );
      expect(r.body.totals).toEqual({ lines: 5, unloadLines: 4, transferLoadLines: 1, oldAmount: '-147.50', newAmount: '-147.00', difference: '0.50' });
      expect(r.body.truncated).toBe(false);
      // the transfer's load came before its unload in ledger order, and was fed after it: A was walked once
      expect(r.body.stats.itemsRewalked).toBe(0);
      expect(await lines()).toEqual(before);
    });

    it('previews the hand-computed moving-average changes; a warehouse filter keeps the others', async () => {
      const r = await api.call('POST', '/api/revaluations/preview', { ...RANGE, method: 'moving-average' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(sortChanges(r.body.changes.map(pick))).toEqual(
        sortChanges([
          change('MAIN VAN 2026-01-20', 2, 'B', '1.50000', '1.66667', '-4.50', '-5.00'),
          change('MAIN VAN 2026-02-10', 1, 'A', '11.00000', '12.00000', '-88.00', '-96.00'),
        ]),
      );
      expect(r.body.totals).toMatchObject({ lines: 2, oldAmount: '-92.50', newAmount: '-101.00', difference: '-8.50' });
      const shop = await api.call('POST', '/api/revaluations/preview', { from: '2026-01-01', to: '2026-12-31', method: 'moving-average', warehouse: 'SHOP' });
      expect(shop.status).toBe(200);
      expect(shop.body.changes.map(pick)).toEqual([change('SHOP VAN 2026-02-12', 1, 'A', '11.00000', '12.00000', '-22.00', '-24.00')]);
      const limited = await api.call('POST', '/api/revaluations/preview', { ...RANGE, method: 'fifo', limit: 2 });
      expect(limited.body.changes).toHaveLength(2);
      expect(limited.body.truncated).toBe(true);
      expect(limited.body.totals.lines).toBe(5);
    });

    it('with value per warehouse, the transfer carries MAIN\'s fifo cost into SHOP\'s layers', async () => {
      // SHOP: TRI 3 @ 10 (MAIN's new cost, walked again: the load comes first) | VAN 2 → 2@10 = 20.00 (per item it was 24.00)
      await api.store.db.updateTable('year_params').set({ value_per_warehouse: 1 }).where('year', '=', 2026).execute();
      try {
        const r = await api.call('POST', '/api/revaluations/preview', { from: '2026-01-01', to: '2026-12-31', method: 'fifo' });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(sortChanges(r.body.changes.map(pick))).toEqual(
          sortChanges([
            change('MAIN VAN 2026-01-20', 1, 'A', '11.00000', '10.00000', '-55.00', '-50.00'),
            change('MAIN VAN 2026-01-20', 2, 'B', '1.50000', '1.66667', '-4.50', '-5.00'),
            change('MAIN TRF 2026-02-01', 1, 'A', '11.00000', '10.00000', '-33.00', '-30.00'),
            change('SHOP TRI 2026-02-01', 1, 'A', '11.00000', '10.00000', '33.00', '30.00'),
            change('MAIN VAN 2026-02-10', 1, 'A', '11.00000', '11.50000', '-88.00', '-92.00'),
            change('SHOP VAN 2026-02-12', 1, 'A', '11.00000', '10.00000', '-22.00', '-20.00'),
          ]),
        );
      } finally {
        await api.store.db.updateTable('year_params').set({ value_per_warehouse: 0 }).where('year', '=', 2026).execute();
      }
    });

    it('gives every change as CSV in the request style', async () => {
      const r = await api.call('POST', '/api/revaluations/preview', { ...RANGE, method: 'fifo', format: 'csv' }, { lang: 'ro' });
      expect(r.status).toBe(200);
      const rows = r.text.replace(/^\ufeff/, '').trim().split('\r\n');
      expect(rows).toHaveLength(6);
      expect(rows[0]).toContain('Cost unitar nou');
      expect(rows).toContain(`${id('SHOP TRI 2026-02-01')};1;01.02.2026;SHOP;A;3,000;11,00000;10,00000;33,00;30,00;da`);
      expect(rows).toContain(`${id('MAIN VAN 2026-02-10')};1;10.02.2026;MAIN;A;-8,000;11,00000;11,50000;-88,00;-92,00;`);
    });

    it('refuses without confirmation, in a closed period, and bad input, writing nothing', async () => {
      const before = await lines();
      const no = await api.call('POST', '/api/revaluations', { ...RANGE, method: 'fifo' });
      expect(no.status).toBe(400);
      expect(no.body.code).toBe('INV_ERR_CONFIRMATION_REQUIRED');
      const ro = await api.call('POST', '/api/revaluations', { ...RANGE, method: 'fifo', confirm: false }, { lang: 'ro' });
      expect(ro.body.code).toBe('INV_ERR_CONFIRMATION_REQUIRED');
      expect(ro.body.detail).toMatch(/confirmați/);
      const reversed = await api.call('POST', '/api/revaluations/preview', { from: '2026-02-11', to: '2026-01-16', method: 'fifo' });
      expect(reversed.status).toBe(400);
      expect(reversed.body.errors.map((e: { code: string }) => e.code)).toContain('INV_ERR_DATE_RANGE');
      const average = await api.call('POST', '/api/revaluations/preview', { ...RANGE, method: 'average' });
      expect(average.status).toBe(400);
      // the period now starts on Feb 1st: January is closed
      await api.store.db.updateTable('year_params').set({ period_start: '2026-02-01' }).where('year', '=', 2026).execute();
      try {
        for (const path of ['/api/revaluations/preview', '/api/revaluations']) {
          const closed = await api.call('POST', path, { ...RANGE, method: 'fifo', ...(path === '/api/revaluations' ? { confirm: true } : {}) });
          expect(closed.status).toBe(409);
          expect(closed.body.code).toBe('INV_ERR_PERIOD_CLOSED');
        }
        // after the last closing too
        await api.store.db.updateTable('year_params').set({ period_start: '2026-01-01', last_closing_date: '2026-01-31' }).where('year', '=', 2026).execute();
        const after = await api.call('POST', '/api/revaluations', { ...RANGE, method: 'fifo', confirm: true });
        expect(after.status).toBe(409);
      } finally {
        await api.store.db.updateTable('year_params').set({ period_start: '2026-01-01', last_closing_date: null }).where('year', '=', 2026).execute();
      }
      const supervisor = await api.call('POST', '/api/revaluations/preview', { ...RANGE, method: 'fifo' }, { as: 'viewer' });
      expect(supervisor.status).toBe(403);
      expect(await lines()).toEqual(before);
    });

    it('applies: exactly the previewed lines change, nothing else; audited once; a second apply changes nothing', async () => {
      const before = await lines();
      const r = await api.call('POST', '/api/revaluations', { ...RANGE, method: 'fifo', confirm: true });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.totals).toEqual({ lines: 5, unloadLines: 4, transferLoadLines: 1, oldAmount: '-147.50', newAmount: '-147.00', difference: '0.50' });
      const after = await lines();
      const expected = new Map([
        [`${id('MAIN VAN 2026-01-20')}:1`, ['1000000', '-5000']],
        [`${id('MAIN VAN 2026-01-20')}:2`, ['166667', '-500']],
        [`${id('MAIN TRF 2026-02-01')}:1`, ['1000000', '-3000']],
        [`${id('SHOP TRI 2026-02-01')}:1`, ['1000000', '3000']],
        [`${id('MAIN VAN 2026-02-10')}:1`, ['1150000', '-9200']],
      ]);
      expect(after).toHaveLength(before.length);
      for (let i = 0; i < before.length; i++) {
        const want = expected.get(key(before[i]));
        if (want) expect(after[i], key(before[i])).toEqual({ ...before[i], unit_cost: want[0], amount: want[1] });
        else expect(after[i], key(before[i])).toEqual(before[i]);
      }
      const trail = await api.call('GET', '/api/audit?entity=revaluation');
      expect(trail.body.items).toHaveLength(1);
      expect(trail.body.items[0].after).toMatchObject({ from: RANGE.from, to: RANGE.to, method: 'fifo', totals: { lines: 5, difference: '0.50' } });

      const again = await api.call('POST', '/api/revaluations', { ...RANGE, method: 'fifo', confirm: true });
      expect(again.status).toBe(200);
      expect(again.body.totals.lines).toBe(0);
      expect(again.body.changes).toEqual([]);
      expect(await lines()).toEqual(after);
    });

    for (const method of ['fifo', 'moving-average'] as const) {
      it(`after a ${method} re-valuation of the whole period, the valued inventory by ${method} equals Σ line amounts per item`, async () => {
        const r = await api.call('POST', '/api/revaluations', { from: '2026-01-01', to: '2026-12-31', method, confirm: true });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        const again = await api.call('POST', '/api/revaluations/preview', { from: '2026-01-01', to: '2026-12-31', method });
        expect(again.body.totals.lines).toBe(0);
        const report = await api.call('GET', `/api/reports/valued-inventory?date=2026-12-31&method=${method}`);
        expect(report.status).toBe(200);
        const value = new Map<string, string>(report.body.rows.map((row: { item: string; value: string }) => [row.item, row.value]));
        const sums = new Map<string, bigint>();
        for (const l of await lines()) if (l.item !== 'NF') sums.set(l.item, (sums.get(l.item) ?? 0n) + BigInt(l.amount));
        // by hand: fifo A 2@12 + 3@10 + 5@15 = 129.00, B 6@2 = 12.00; moving-average A 10 × 12 = 120.00, B 6 × 2 = 12.00
        expect(value.get('A')).toBe(method === 'fifo' ? '129.00' : '120.00');
        expect(value.get('B')).toBe('12.00');
        for (const [item, sum] of sums) expect(Money.format(sum as Money), item).toBe(value.get(item));
      });
    }

    it('leaves the non-fiscal item alone', async () => {
      const nf = (await lines()).filter((l) => l.item === 'NF');
      expect(nf.map((l) => [l.unit_cost, l.amount])).toEqual([
        ['100000', '500'],
        ['700000', '-1400'],
      ]);
      expect(fx.items.NF).toBeGreaterThan(0);
    });
  });
}

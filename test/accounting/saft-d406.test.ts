/**
 * SAF-T D406 stock section (SPEC §13, issue 17 point 5) over HTTP on both
 * databases: a small period (February 2026) whose totals, lines and physical
 * stock are computed by hand below, tied to the ledger and to the valued
 * inventory by management area; the document validates with xmllint against
 * the repository's schema; the 6- and 2-decimal formats at their boundaries.
 *
 * The ledger (fixture company; MAIN in a management area valued by fifo,
 * SHOP without one, so by average; costs per item):
 *   January (before the period)
 *     01-10 MAIN CAR  A +10 @ 10.00 = 100.00
 *     01-20 MAIN CAR  A +10 @ 12.00 = 120.00
 *     01-25 MAIN CAR  B  +4 @  2.50 =  10.00
 *   February (the period)
 *     02-03 MAIN VAN  A  −5 @ 11.00 = −55.00
 *     02-05 MAIN TRF  A  −3 @ 11.00 = −33.00   its mirror: SHOP TRI A +3 @ 11.00 = 33.00
 *     02-10 MAIN CAR  A  +5 @ 15.00 =  75.00
 *     02-12 MAIN CAR  B  +6 @  3.00 =  18.00   (internal document NIR-7)
 *     02-20 MAIN CAR  R  +1.234 kg @ 0.01 = 0.01 (0.01234 rounded)
 *   March (after it)
 *     03-02 MAIN CAR  A  +1 @ 20.00
 *
 * MovementOfGoods: 6 lines; received 5 + 6 + 1.234 + 3 = 15.234; issued 5 + 3 = 8.
 * Opening (01-31), fifo for MAIN: A 20 → layers 10@10 + 10@12 = 220.00; B 4 @ 2.50 = 10.00.
 * Closing (02-28): A's fifo layers over all warehouses (costs per item):
 *   10@10, 10@12, −5 → 5@10, 10@12; −3 → 2@10, 10@12; +3@11; +5@15: value 248.00 for 20, 12.40000 each;
 *   MAIN holds 17 of the 20 (split): 17 × 12.40 = 210.80;
 *   SHOP by average (CMP of the update-average loads CAR: (100 + 120 + 75) / 25 = 11.80): 3 × 11.80 = 35.40;
 *   B fifo 4@2.50 + 6@3.00 = 28.00 for 10 (2.80); R 1.234 × 0.01 = 0.01234 → 0.01.
 *   Closing value 210.80 + 35.40 + 28.00 + 0.01 = 274.21; opening 230.00.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saftAmount, saftQuantity } from '../../src/accounting/saft-d406-rows.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture, type Fixture } from '../helpers/fixtures.ts';

const run = promisify(execFile);
const XSD = path.resolve('src/accounting/saft/d406-stock.xsd');
const PERIOD = 'from=2026-02-01&to=2026-02-28';

/** The text of every <name> element, in document order. */
const all = (xml: string, name: string): string[] => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
const one = (xml: string, name: string): string => {
  const found = all(xml, name);
  expect(found, name).toHaveLength(1);
  return found[0];
};
/** The blocks <name>…</name>. */
const blocks = (xml: string, name: string): string[] => [...xml.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1]);

async function xmllint(xml: string): Promise<{ ok: boolean; output: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-saft-'));
  const file = path.join(dir, 'd406.xml');
  fs.writeFileSync(file, xml);
  try {
    const r = await run('xmllint', ['--noout', '--schema', XSD, file]);
    return { ok: true, output: r.stderr };
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    return { ok: false, output: err.stderr ?? err.message };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function seedLedger(api: TestApi, fx: Fixture): Promise<void> {
  const db = api.store.db;
  await db.insertInto('items').values({ code: 'R', description: 'Sârmă <inox> & "cupru"', uom: 'kg' }).execute();
  // stock accounts and NC codes as the accounting columns hold them ('' = unknown)
  await db.updateTable('items').set({ stock_account: '371', nc_code: '73181500' }).where('code', '=', 'A').execute();
  await db.updateTable('items').set({ stock_account: '301' }).where('code', '=', 'B').execute();
  const area = await db.insertInto('management_areas').values({ code: 'ZF', description: 'FIFO', method: 'fifo' }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('warehouses').set({ management_area_id: area.id }).where('id', '=', fx.warehouses.MAIN).execute();
  for (const [code, type] of [
    ['CAR', 'REC'],
    ['VAN', 'VANZ'],
    ['TRF', 'TRANSF'],
  ] as const) {
    await db.updateTable('templates').set({ saft_movement_type: type }).where('warehouse_id', '=', fx.warehouses.MAIN).where('code', '=', code).execute();
  }
  const post = async (warehouse: string, template: string, date: string, lines: object[], extra: object = {}) => {
    const r = await api.call('POST', '/api/records', { warehouse, template, date, lines, ...extra });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };
  await post('MAIN', 'CAR', '2026-01-10', [{ item: 'A', quantity: '10', unitCost: '10' }]);
  await post('MAIN', 'CAR', '2026-01-20', [{ item: 'A', quantity: '10', unitCost: '12' }]);
  await post('MAIN', 'CAR', '2026-01-25', [{ item: 'B', quantity: '4', unitCost: '2.5' }]);
  await post('MAIN', 'VAN', '2026-02-03', [{ item: 'A', quantity: '5', unitCost: '11' }]);
  await post('MAIN', 'TRF', '2026-02-05', [{ item: 'A', quantity: '3', unitCost: '11' }]);
  await post('MAIN', 'CAR', '2026-02-10', [{ item: 'A', quantity: '5', unitCost: '15' }]);
  await post('MAIN', 'CAR', '2026-02-12', [{ item: 'B', quantity: '6', unitCost: '3' }], { internalDocument: 'NIR-7' });
  await post('MAIN', 'CAR', '2026-02-20', [{ item: 'R', quantity: '1.234', unitCost: '0.01' }]);
  await post('MAIN', 'CAR', '2026-03-02', [{ item: 'A', quantity: '1', unitCost: '20' }]);
}

describe('SAF-T number formats at the boundary', () => {
  it('quantities with exactly 6 decimals, amounts with exactly 2, from the scaled integers', () => {
    expect(saftQuantity(0n)).toBe('0.000000');
    expect(saftQuantity(1n)).toBe('0.001000');
    expect(saftQuantity(-1n)).toBe('-0.001000');
    expect(saftQuantity(1234n)).toBe('1.234000');
    // the largest quantity an input may have (999,999,999,999.999), beyond 2^53 once at 6 decimals
    expect(saftQuantity(999_999_999_999_999n)).toBe('999999999999.999000');
    expect(saftAmount(0n)).toBe('0.00');
    expect(saftAmount(1n)).toBe('0.01');
    expect(saftAmount(-5500n)).toBe('-55.00');
    expect(saftAmount(999_999_999_999n)).toBe('9999999999.99');
  });
});

for (const dialect of dialects) {
  describe(`SAF-T D406 stock export [${dialect}]`, () => {
    let api: TestApi;
    let fx: Fixture;
    let xml: string;

    beforeAll(async () => {
      api = await openTestApi(dialect);
      fx = await seedFixture(api.store);
      await seedLedger(api, fx);
      const r = await api.call('GET', `/api/saft/d406-stock?${PERIOD}`, undefined, { as: 'viewer' });
      expect(r.status, r.text.slice(0, 500)).toBe(200);
      expect(String(r.headers['content-type'])).toMatch(/^application\/xml/);
      expect(String(r.headers['content-disposition'])).toContain('D406_2026-02-01_2026-02-28.xml');
      xml = r.text;
    });
    afterAll(async () => api.close());

    it('validates against the schema of the elements used (xmllint)', async () => {
      const r = await xmllint(xml);
      expect(r.output).toContain('validates');
      expect(r.ok).toBe(true);
      expect(xml).toContain('<AuditFile xmlns="mfp:anaf:dgti:d406:declaratie:v1">');
      expect(one(xml, 'HeaderComment')).toBe('C');
      expect(one(xml, 'SelectionStartDate')).toBe('2026-02-01');
      expect(one(xml, 'SelectionEndDate')).toBe('2026-02-28');
    });

    it('a document out of the schema fails the same check (the check is real)', async () => {
      const broken = xml.replace('<TotalQuantityReceived>15.234000</TotalQuantityReceived>', '<TotalQuantityReceived>15.234</TotalQuantityReceived>');
      expect(broken).not.toBe(xml);
      expect((await xmllint(broken)).ok).toBe(false);
      const reordered = xml.replace(/<TotalQuantityIssued>[^<]*<\/TotalQuantityIssued>/, '').replace('<NumberOfMovementLines>', '<TotalQuantityIssued>8.000000</TotalQuantityIssued><NumberOfMovementLines>');
      expect((await xmllint(reordered)).ok).toBe(false);
    });

    it('MovementOfGoods totals match the ledger: 6 lines, received 15.234, issued 8', async () => {
      expect(one(xml, 'NumberOfMovementLines')).toBe('6');
      expect(one(xml, 'TotalQuantityReceived')).toBe('15.234000');
      expect(one(xml, 'TotalQuantityIssued')).toBe('8.000000');
      // and the same totals from the ledger itself (records of the period, closings aside)
      const rows = await api.store.db
        .selectFrom('movements as m')
        .innerJoin('records as r', 'r.id', 'm.record_id')
        .select(['m.quantity'])
        .where('r.date', '>=', '2026-02-01')
        .where('r.date', '<=', '2026-02-28')
        .execute();
      expect(rows).toHaveLength(6);
      expect(rows.filter((q) => q.quantity > 0n).reduce((s, q) => s + q.quantity, 0n)).toBe(15_234n);
      expect(rows.filter((q) => q.quantity < 0n).reduce((s, q) => s - q.quantity, 0n)).toBe(8_000n);
    });

    it('every movement line of the period, per record, with its movement type, product, quantity and value', () => {
      const movements = blocks(xml, 'StockMovement').map((m) => ({
        reference: one(m, 'MovementReference'),
        date: one(m, 'MovementDate'),
        type: one(m, 'MovementType'),
        document: all(m, 'DocumentNumber'),
        lines: blocks(m, 'StockMovementLine').map((l) => [all(l, 'AccountID')[0] ?? '', one(l, 'WarehouseID'), l.includes('<ShipFrom>') ? 'from' : 'to', one(l, 'ProductCode'), one(l, 'Quantity'), one(l, 'UnitOfMeasure'), one(l, 'BookValue')]),
      }));
      expect(movements).toEqual([
        { reference: 'MAIN/2026-02-03/1', date: '2026-02-03', type: 'VANZ', document: [], lines: [['371', 'MAIN', 'from', 'A', '-5.000000', 'buc', '-55.00']] },
        { reference: 'MAIN/2026-02-05/1', date: '2026-02-05', type: 'TRANSF', document: [], lines: [['371', 'MAIN', 'from', 'A', '-3.000000', 'buc', '-33.00']] },
        { reference: 'MAIN/2026-02-10/1', date: '2026-02-10', type: 'REC', document: [], lines: [['371', 'MAIN', 'to', 'A', '5.000000', 'buc', '75.00']] },
        { reference: 'MAIN/2026-02-12/1', date: '2026-02-12', type: 'REC', document: ['NIR-7'], lines: [['301', 'MAIN', 'to', 'B', '6.000000', 'buc', '18.00']] },
        { reference: 'MAIN/2026-02-20/1', date: '2026-02-20', type: 'REC', document: [], lines: [['', 'MAIN', 'to', 'R', '1.234000', 'kg', '0.01']] },
        // SHOP's TRI has no SAF-T movement type: its code stands in
        { reference: 'SHOP/2026-02-05/1', date: '2026-02-05', type: 'TRI', document: [], lines: [['371', 'SHOP', 'to', 'A', '3.000000', 'buc', '33.00']] },
      ]);
    });

    it('PhysicalStock: opening at 01-31 and closing at 02-28 per warehouse and item, by each warehouse method', () => {
      const entries = blocks(xml, 'PhysicalStockEntry').map((e) => [
        one(e, 'WarehouseID'),
        one(e, 'ProductCode'),
        all(e, 'ProductType')[0] ?? '',
        one(e, 'StockAccountCommodityCode'),
        one(e, 'UOMPhysicalStock'),
        one(e, 'UnitPrice'),
        one(e, 'OpeningStockQuantity'),
        one(e, 'OpeningStockValue'),
        one(e, 'ClosingStockQuantity'),
        one(e, 'ClosingStockValue'),
      ]);
      expect(entries).toEqual([
        ['MAIN', 'A', '371', '73181500', 'buc', '12.40', '20.000000', '220.00', '17.000000', '210.80'],
        ['SHOP', 'A', '371', '73181500', 'buc', '11.80', '0.000000', '0.00', '3.000000', '35.40'],
        ['MAIN', 'B', '301', '0', 'buc', '2.80', '4.000000', '10.00', '10.000000', '28.00'],
        ['MAIN', 'R', '', '0', 'kg', '0.01', '0.000000', '0.00', '1.234000', '0.01'],
      ]);
      // opening + the period's lines = closing, per warehouse and item (read from the document itself)
      const moved = new Map<string, bigint>();
      for (const l of blocks(xml, 'StockMovementLine')) {
        const key = `${one(l, 'WarehouseID')}/${one(l, 'ProductCode')}`;
        moved.set(key, (moved.get(key) ?? 0n) + BigInt(one(l, 'Quantity').replace('.', '')));
      }
      for (const [w, p, , , , , opening, , closing] of entries) {
        expect(BigInt(opening.replace('.', '')) + (moved.get(`${w}/${p}`) ?? 0n), `${w}/${p}`).toBe(BigInt(closing.replace('.', '')));
      }
    });

    it('the closing value ties to the valued inventory by management area at `to` (274.21)', async () => {
      const closing = all(xml, 'ClosingStockValue').reduce((s, v) => s + BigInt(v.replace('.', '')), 0n);
      expect(saftAmount(closing)).toBe('274.21');
      const r = await api.call('GET', '/api/reports/valued-inventory?date=2026-02-28&method=management-area&groupBy=warehouse', undefined, { as: 'viewer' });
      expect(r.status).toBe(200);
      expect(r.body.totals.value).toBe('274.21');
      const opening = all(xml, 'OpeningStockValue').reduce((s, v) => s + BigInt(v.replace('.', '')), 0n);
      const atOpening = await api.call('GET', '/api/reports/valued-inventory?date=2026-01-31&method=management-area&groupBy=warehouse', undefined, { as: 'viewer' });
      expect(saftAmount(opening)).toBe('230.00');
      expect(atOpening.body.totals.value).toBe('230.00');
    });

    it('Products: every item with its description, NC code (0 when unknown) and unit; text escaped', () => {
      const products = blocks(xml, 'Product').map((p) => [one(p, 'ProductCode'), one(p, 'ProductCommodityCode'), one(p, 'UOMBase')]);
      expect(products).toEqual([
        ['A', '73181500', 'buc'],
        ['B', '0', 'buc'],
        ['LOT', '0', 'buc'],
        ['NF', '0', 'buc'],
        ['R', '0', 'kg'],
        ['SER', '0', 'buc'],
        ['VAR', '0', 'buc'],
      ]);
      expect(xml).toContain('<Description>Sârmă &lt;inox&gt; &amp; "cupru"</Description>');
    });

    it('is kept in the audit trail with its period and totals', async () => {
      const row = await api.store.db.selectFrom('audit_log').selectAll().where('entity', '=', 'saft-d406').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ username: 'viewer', entity_key: '2026-02-01/2026-02-28', action: 'export' });
      expect(JSON.parse(row.after_json!)).toEqual({ from: '2026-02-01', to: '2026-02-28', numberOfMovementLines: 6, totalQuantityReceived: '15.234000', totalQuantityIssued: '8.000000' });
    });

    it('an empty period is a valid document with zero totals', async () => {
      const r = await api.call('GET', '/api/saft/d406-stock?from=2026-06-01&to=2026-06-30');
      expect(r.status).toBe(200);
      expect(one(r.text, 'NumberOfMovementLines')).toBe('0');
      expect(one(r.text, 'TotalQuantityReceived')).toBe('0.000000');
      expect(blocks(r.text, 'StockMovement')).toEqual([]);
      // the stock of March carried to June: A MAIN 18, A SHOP 3, B 10, R 1.234 at both ends
      expect(all(r.text, 'ClosingStockQuantity')).toEqual(['18.000000', '3.000000', '10.000000', '1.234000']);
      expect((await xmllint(r.text)).ok).toBe(true);
    });

    it('refuses a period without dates or reversed, coded, in ro and en; a counter may not export', async () => {
      const missing = await api.call('GET', '/api/saft/d406-stock?from=2026-02-01', undefined, { lang: 'ro' });
      expect(missing.status).toBe(400);
      expect(missing.body.code).toMatch(/^INV_ERR_/);
      const reversed = await api.call('GET', '/api/saft/d406-stock?from=2026-03-01&to=2026-02-01', undefined, { lang: 'en' });
      expect(reversed.status).toBe(400);
      expect(reversed.body.code).toBe('INV_ERR_VALIDATION');
      expect(reversed.body.errors.map((e: { path: string }) => e.path)).toContain('/to');
      const counter = await api.call('GET', `/api/saft/d406-stock?${PERIOD}`, undefined, { as: 'counter' });
      expect(counter.status).toBe(403);
    });
  });
}

for (const dialect of dialects) {
  describe(`SAF-T D406 across a closing [${dialect}]`, () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      const post = async (template: string, date: string, lines: object[]) => {
        const r = await api.call('POST', '/api/records', { warehouse: 'MAIN', template, date, lines });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      };
      await post('CAR', '2026-01-10', [{ item: 'A', quantity: '10', unitCost: '10' }]);
      // closing at 01-31: its opening record (10 of A at 10.00) is dated 02-01, inside the period below
      const closing = await api.call('POST', '/api/closings', { closingDate: '2026-01-31', method: 'average' });
      expect(closing.status, JSON.stringify(closing.body)).toBe(201);
      await post('VAN', '2026-02-10', [{ item: 'A', quantity: '4', unitCost: '10' }]);
    });
    afterAll(async () => api.close());

    it("leaves the closing's opening record out of MovementOfGoods: opening 10 − 4 = closing 6", async () => {
      const opening = await api.store.db.selectFrom('records').select(['date', 'origin']).where('origin', '=', 'closing').execute();
      expect(opening).toEqual([{ date: '2026-02-01', origin: 'closing' }]);
      const r = await api.call('GET', `/api/saft/d406-stock?${PERIOD}`);
      expect(r.status).toBe(200);
      expect(one(r.text, 'NumberOfMovementLines')).toBe('1');
      expect(one(r.text, 'TotalQuantityReceived')).toBe('0.000000');
      expect(one(r.text, 'TotalQuantityIssued')).toBe('4.000000');
      const entries = blocks(r.text, 'PhysicalStockEntry').map((e) => [one(e, 'ProductCode'), one(e, 'OpeningStockQuantity'), one(e, 'OpeningStockValue'), one(e, 'ClosingStockQuantity'), one(e, 'ClosingStockValue')]);
      expect(entries).toEqual([['A', '10.000000', '100.00', '6.000000', '60.00']]);
      const valued = await api.call('GET', '/api/reports/valued-inventory?date=2026-02-28&method=management-area&groupBy=warehouse');
      expect(valued.body.totals.value).toBe('60.00');
      expect((await xmllint(r.text)).ok).toBe(true);
    });
  });
}

/**
 * Count control through the HTTP API (SPEC §11, issue 16 points 1, 2, 3, 6):
 * tolerances at their boundaries, recount lists (four eyes, blind, pre-filled
 * keys, the latest round replacing the first count), approval decisions
 * blocking the posting until every line over tolerance is approved, and the
 * accuracy of the posted inventory. Every figure is computed by hand below.
 *
 * Book stock of MAIN at 2026-03-10 (one receipt on 2026-03-01, average cost = its cost):
 *   A 100 @ 2.00 · B 10 @ 5.00 · LOT/L1 200 @ 1.50 · VAR/RED 50 @ 1.00
 * Count control of MAIN: 5.00 % of book, value 10.00; recount and approval on.
 * First count (list of E1):
 *   A        95  diff −5  value −10.00  5×10000 = 100×500 and 10.00 = 10.00 → within (equal is within)
 *   B         9  diff −1  value  −5.00  1×10000 > 10×500                    → over (quantity)
 *   B/A1      2  diff +2  value +10.00  book 0                              → over (book 0)
 *   LOT/L1  193  diff −7  value −10.50  7×10000 < 200×500, 10.50 > 10.00    → over (value)
 *   VAR/RED  50  diff  0                                                     → within
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { dialects } from '../helpers/store.ts';
import { openTestApi, PASSWORD, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { expectStatus, pdfText, refused, seedInventoryFixture } from './support.ts';
import { previewDifferences } from '../../src/inventory/stock-differences-preview.ts';

const keyOf = (r: any) => [r.item, r.variant, r.lot, r.location].join('/');

for (const dialect of dialects) {
  describe(`count control: tolerances, recount, approval, accuracy [${dialect}]`, () => {
    let api: TestApi;
    let inv: any;
    let first: any;
    let recount: any;
    let supApprover: string;

    const preview = async () => {
      const r = await api.call('GET', `/api/inventories/${inv.id}/differences`, undefined, { as: 'supervisor' });
      expectStatus(r, 200);
      return new Map<string, any>(r.body.rows.map((row: any) => [keyOf(row), row]));
    };
    const count = (list: number, body: object) => api.call('POST', `/api/lists/${list}/lines`, body, { as: 'supervisor' });
    const decide = (lines: object[], as: 'approver' | 'supervisor' | 'admin' = 'approver', token?: string) =>
      api.call('PUT', `/api/inventories/${inv.id}/decisions`, { lines }, token ? { token } : { as });
    const post = () => api.call('POST', `/api/inventories/${inv.id}/differences`, { postingDate: '2026-03-10' }, { as: 'supervisor' });

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      const r = await api.call('POST', '/api/records', {
        warehouse: 'MAIN',
        template: 'CAR',
        date: '2026-03-01',
        lines: [
          { item: 'A', quantity: '100', unitCost: '2' },
          { item: 'B', quantity: '10', unitCost: '5' },
          { item: 'LOT', quantity: '200', unitCost: '1.5', lot: 'L1' },
          { item: 'VAR', variant: 'RED', quantity: '50', unitCost: '1' },
        ],
      });
      expectStatus(r, 201);
      expectStatus(await api.call('POST', '/api/employees', { code: 'E3', name: 'Dan Dumitru', active: true }), 201);
      const u = await api.call('POST', '/api/users', { username: 'supap', password: PASSWORD, role: 'supervisor', approver: true });
      expectStatus(u, 201);
      expect(u.body.approver).toBe(true);
      const users = (await api.call('GET', '/api/users')).body.items;
      expect(users.map((x: any) => [x.username, x.role, x.approver])).toEqual(
        expect.arrayContaining([['supap', 'supervisor', true], ['supervisor', 'supervisor', false], ['approver', 'approver', false]]),
      );
      const login = await api.call('POST', '/api/auth/login', { username: 'supap', password: PASSWORD }, { as: null });
      supApprover = login.body.token;
    });
    afterAll(async () => api.close());

    it('shows an unconfigured warehouse as zeros, off and the default classes; the admin and supervisors set it', async () => {
      const r = await api.call('GET', '/api/count-control/SHOP', undefined, { as: 'viewer' });
      expectStatus(r, 200);
      expect(r.body).toMatchObject({ warehouse: 'SHOP', quantityTolerancePct: '0.00', valueTolerance: '0.00', recount: false, approval: false });
      expect(r.body.classes).toEqual([
        { class: 'A', quantityTolerancePct: null, valueTolerance: null, countsPerYear: 12 },
        { class: 'B', quantityTolerancePct: null, valueTolerance: null, countsPerYear: 4 },
        { class: 'C', quantityTolerancePct: null, valueTolerance: null, countsPerYear: 1 },
      ]);
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('GET', '/api/count-control/SHOP', undefined, { as: 'counter' }));
      const body = { quantityTolerancePct: '5.00', valueTolerance: '10', recount: true, approval: true, classes: [{ class: 'A', quantityTolerancePct: '1', countsPerYear: 24 }] };
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('PUT', '/api/count-control/MAIN', body, { as: 'viewer' }));
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('PUT', '/api/count-control/MAIN', body, { as: 'approver' }));
      await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('PUT', '/api/count-control/MAIN', { ...body, quantityTolerancePct: '5.001' }));
      await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('PUT', '/api/count-control/MAIN', { ...body, valueTolerance: '-1' }));
      await refused(api, 404, 'INV_ERR_NOT_FOUND', () => api.call('PUT', '/api/count-control/NOPE', body));
      const put = await api.call('PUT', '/api/count-control/MAIN', body);
      expectStatus(put, 200);
      expect(put.body).toMatchObject({ quantityTolerancePct: '5.00', valueTolerance: '10.00', recount: true, approval: true, updatedBy: 'admin' });
      expect(put.body.classes[0]).toEqual({ class: 'A', quantityTolerancePct: '1.00', valueTolerance: null, countsPerYear: 24 });
      expect(put.body.classes[1]).toEqual({ class: 'B', quantityTolerancePct: null, valueTolerance: null, countsPerYear: 4 });
      // what GET shows, PUT takes back
      const again = await api.call('PUT', '/api/count-control/MAIN', (await api.call('GET', '/api/count-control/MAIN')).body);
      expect(again.body).toMatchObject({ quantityTolerancePct: '5.00', valueTolerance: '10.00' });
      const audit = await api.call('GET', '/api/audit?entity=countControl');
      expect(audit.body.items.length).toBe(2);
    });

    it('keeps reason codes per warehouse', async () => {
      expectStatus(await api.call('POST', '/api/reason-codes/MAIN', { code: 'DMG', description: 'Deteriorat' }), 201);
      expectStatus(await api.call('POST', '/api/reason-codes/MAIN', { code: 'LOC', description: 'Locație greșită' }), 201);
      expectStatus(await api.call('POST', '/api/reason-codes/SHOP', { code: 'THF', description: 'Furt' }), 201);
      await refused(api, 409, 'INV_ERR_DUPLICATE', () => api.call('POST', '/api/reason-codes/MAIN', { code: 'DMG', description: 'x' }));
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('POST', '/api/reason-codes/MAIN', { code: 'X' }, { as: 'viewer' }));
      const list = await api.call('GET', '/api/reason-codes/MAIN', undefined, { as: 'approver' });
      expect(list.body).toEqual({ items: [{ code: 'DMG', description: 'Deteriorat' }, { code: 'LOC', description: 'Locație greșită' }], total: 2 });
    });

    it('flags the rows over tolerance at the boundaries and lists every count', async () => {
      inv = (await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1' }, { as: 'supervisor' })).body;
      const l = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' });
      expectStatus(l, 201);
      first = l.body;
      for (const body of [
        { item: 'A', quantity: '95' },
        { item: 'B', quantity: '9' },
        { item: 'B', location: 'A1', quantity: '2' },
        { item: 'LOT', lot: 'L1', quantity: '193' },
        { item: 'VAR', variant: 'RED', quantity: '50' },
      ]) {
        expectStatus(await count(first.id, body), 201);
      }
      const rows = await preview();
      expect([...rows.values()].map((r) => [keyOf(r), r.counted, r.book, r.difference, r.value, r.overTolerance])).toEqual([
        ['A///', '95.000', '100.000', '-5.000', '-10.00', false],
        ['B///', '9.000', '10.000', '-1.000', '-5.00', true],
        ['B///A1', '2.000', '0.000', '2.000', '10.00', true],
        ['LOT//L1/', '193.000', '200.000', '-7.000', '-10.50', true],
        ['VAR/RED//', '50.000', '50.000', '0.000', '0.00', false],
      ]);
      // class tolerances, once cycle counting tells the class: class A of MAIN allows 1.00 % (value: the warehouse's 10.00)
      const classed = await previewDifferences(api.ctx, inv.id, {}, () => 'A');
      expect(classed.rows.map((r) => [r.item, r.location, r.overTolerance])).toEqual([
        ['A', '', true], // 5 > 100 × 1 %
        ['B', '', true],
        ['B', 'A1', true],
        ['LOT', '', true], // 7 > 200 × 1 %
        ['VAR', '', false],
      ]);
      const b = rows.get('B///');
      expect(b.counts).toEqual([{ listId: first.id, employee: 'E1', round: 0, quantity: '9.000', at: expect.any(String) }]);
      expect(b.countRound).toBe(0);
      expect(b.decision).toBeUndefined();
      expect(b.reason).toBeUndefined();
    });

    it('refuses a recount by an employee who counted the keys, and a non-blind list type', async () => {
      const r = await refused(api, 422, 'INV_ERR_RECOUNT_SAME_EMPLOYEE', () => api.call('POST', `/api/inventories/${inv.id}/recount`, { employee: 'E1' }, { as: 'supervisor', lang: 'ro' }));
      expect(r.body.detail).toContain('E1');
      await refused(api, 422, 'INV_ERR_RECOUNT_LIST_NOT_BLIND', () => api.call('POST', `/api/inventories/${inv.id}/recount`, { employee: 'E2', listType: 'STD' }, { as: 'supervisor' }));
      await refused(api, 422, 'INV_ERR_RECOUNT_OFF', () => api.call('POST', `/api/inventories/${inv.id}/recount`, { employee: 'E2', warehouse: 'SHOP' }, { as: 'supervisor' }));
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('POST', `/api/inventories/${inv.id}/recount`, { employee: 'E2' }, { as: 'approver' }));
    });

    it('creates a blind recount list pre-filled with the keys over tolerance, ignored until counted', async () => {
      const r = await api.call('POST', `/api/inventories/${inv.id}/recount`, { employee: 'E2' }, { as: 'supervisor' });
      expectStatus(r, 201);
      recount = r.body;
      expect(recount).toMatchObject({ inventoryId: inv.id, listType: 'ORB', blindCount: true, employee: 'E2', warehouse: 'MAIN', recountRound: 1, lines: 3 });
      expect(recount.keys.map((k: any) => keyOf(k))).toEqual(['B///', 'B///A1', 'LOT//L1/']);
      const lines = await api.call('GET', `/api/lists/${recount.id}/lines`, undefined, { as: 'supervisor' });
      expect(lines.body.items.map((l: any) => [l.item, l.location, l.countedQuantity, l.counted])).toEqual([
        ['B', '', '0.000', false],
        ['B', 'A1', '0.000', false],
        ['LOT', '', '0.000', false],
      ]);
      // nothing counted yet: the differences are those of the first count
      const rows = await preview();
      expect(rows.get('B///').counted).toBe('9.000');
      expect(rows.get('B///').counts).toHaveLength(1);
    });

    it('takes the recount of a key in place of its first count, and lists both counts', async () => {
      // the first count of a pre-filled key is not a duplicate
      const b = await count(recount.id, { item: 'B', quantity: '10' });
      expectStatus(b, 200);
      expect(b.body).toMatchObject({ countedQuantity: '10.000', counted: true });
      // a handheld terminal's file counts a pre-filled key too (its default mode "add" sets the first count)
      const imported = await api.call('POST', `/api/lists/${recount.id}/import`, 'item,location,quantity\nB,A1,2\n', { as: 'supervisor' });
      expectStatus(imported, 201);
      expect(imported.body).toMatchObject({ rows: 1, inserted: 0, updated: 1 });
      // counted again: now the ordinary add / replace rule
      await refused(api, 409, 'INV_ERR_DUPLICATE_COUNT', () => count(recount.id, { item: 'B', quantity: '1' }));
      const rows = await preview();
      const rb = rows.get('B///');
      expect([rb.counted, rb.difference, rb.value, rb.overTolerance, rb.countRound]).toEqual(['10.000', '0.000', '0.00', false, 1]);
      expect(rb.counts.map((c: any) => [c.listId, c.employee, c.round, c.quantity])).toEqual([
        [first.id, 'E1', 0, '9.000'],
        [recount.id, 'E2', 1, '10.000'],
      ]);
      expect(rows.get('B///A1')).toMatchObject({ counted: '2.000', overTolerance: true, countRound: 1 });
      // LOT/L1 was not recounted (its pre-filled line is ignored): the first count stands
      expect(rows.get('LOT//L1/')).toMatchObject({ counted: '193.000', difference: '-7.000', overTolerance: true, countRound: 0 });
      expect(rows.get('LOT//L1/').counts).toHaveLength(1);
    });

    it('refuses posting while a line over tolerance is undecided', async () => {
      const r = await refused(api, 409, 'INV_ERR_UNDECIDED_DIFFERENCES', post);
      expect(r.body.detail).toContain('MAIN/B/A1');
      expect(r.body.detail).toContain('MAIN/LOT/L1');
      expect(r.body.errors).toHaveLength(2);
      expect(r.body.errors[0].message).toContain('MAIN/B/A1');
    });

    it('takes decisions from approvers only, with a reason code of the warehouse, on lines over tolerance', async () => {
      const lot = { warehouse: 'MAIN', item: 'LOT', lot: 'L1', reason: 'DMG', decision: 'approve' };
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => decide([lot], 'supervisor'));
      await refused(api, 422, 'INV_ERR_UNKNOWN_REASON_CODE', () => decide([{ ...lot, reason: 'THF' }]));
      await refused(api, 422, 'INV_ERR_NOT_OVER_TOLERANCE', () => decide([{ warehouse: 'MAIN', item: 'A', reason: 'DMG', decision: 'approve' }]));
      await refused(api, 422, 'INV_ERR_NOT_OVER_TOLERANCE', () => decide([{ ...lot, item: 'B', lot: '' }]));
      await refused(api, 400, 'INV_ERR_VALIDATION', () => decide([{ ...lot, decision: 'maybe' }]));
      const r = await decide([lot, { warehouse: 'MAIN', item: 'B', location: 'A1', reason: 'LOC', decision: 'recount' }]);
      expectStatus(r, 200);
      expect(r.body.lines.map((l: any) => [l.item, l.decision, l.reason, l.countRound, l.decidedBy])).toEqual([
        ['LOT', 'approve', 'DMG', 0, 'approver'],
        ['B', 'recount', 'LOC', 1, 'approver'],
      ]);
      const rows = await preview();
      expect(rows.get('LOT//L1/')).toMatchObject({ decision: 'approve', reason: 'DMG', decidedBy: 'approver' });
      expect(rows.get('B///A1')).toMatchObject({ decision: 'recount', reason: 'LOC' });
      // a supervisor with the approver flag decides too (upsert: the same key again)
      const again = await decide([lot], 'supervisor', supApprover);
      expectStatus(again, 200);
      expect((await preview()).get('LOT//L1/').decidedBy).toBe('supap');
      const audit = await api.call('GET', '/api/audit?entity=inventoryDecision');
      expect(audit.body.items.map((a: any) => a.action)).toEqual(['update', 'create', 'create']);
    });

    it('still refuses posting while a line sent to recount is not recounted', async () => {
      const r = await refused(api, 409, 'INV_ERR_UNDECIDED_DIFFERENCES', post);
      expect(r.body.detail).toContain('MAIN/B/A1');
      expect(r.body.detail).not.toContain('LOT');
    });

    it('recounts the key sent to recount in a second round, which settles it', async () => {
      // E1 and E2 counted B/A1: only E3 may recount it; the approved LOT/L1 is not recounted
      await refused(api, 422, 'INV_ERR_RECOUNT_SAME_EMPLOYEE', () => api.call('POST', `/api/inventories/${inv.id}/recount`, { employee: 'E2' }, { as: 'supervisor' }));
      const r = await api.call('POST', `/api/inventories/${inv.id}/recount`, { employee: 'E3', listType: 'ORB' }, { as: 'supervisor' });
      expectStatus(r, 201);
      expect(r.body).toMatchObject({ recountRound: 2, lines: 1 });
      expect(r.body.keys.map((k: any) => keyOf(k))).toEqual(['B///A1']);
      // typed over the pre-filled line (PUT /api/lines/{id})
      const line = (await api.call('GET', `/api/lists/${r.body.id}/lines`, undefined, { as: 'supervisor' })).body.items[0];
      const typed = await api.call('PUT', `/api/lines/${line.id}`, { quantity: '0' }, { as: 'supervisor' });
      expectStatus(typed, 200);
      expect(typed.body).toMatchObject({ countedQuantity: '0.000', counted: true });
      const row = (await preview()).get('B///A1');
      // recounted: the "recount" decision is done, and the line is no longer over tolerance
      expect(row).toMatchObject({ counted: '0.000', difference: '0.000', overTolerance: false, countRound: 2 });
      expect(row.decision).toBeUndefined();
      expect(row.counts.map((c: any) => [c.employee, c.round, c.quantity])).toEqual([
        ['E1', 0, '2.000'],
        ['E2', 1, '2.000'],
        ['E3', 2, '0.000'],
      ]);
      // nothing left over tolerance and undecided-for-recount
      await refused(api, 409, 'INV_ERR_NOTHING_TO_RECOUNT', () => api.call('POST', `/api/inventories/${inv.id}/recount`, { employee: 'E3' }, { as: 'supervisor' }));
    });

    it('prints counts, reasons and decisions on the difference report', async () => {
      const csv = await api.call('GET', `/api/inventories/${inv.id}/differences/report?format=csv`, undefined, { as: 'supervisor' });
      expect(csv.status).toBe(200);
      const rows = parse(csv.text, { bom: true }) as string[][];
      const header = rows[0];
      const lot = rows.find((r) => r[1] === 'LOT')!;
      expect(lot[header.indexOf('Over tolerance')]).toBe('yes');
      expect(lot[header.indexOf('Reason')]).toBe('DMG');
      expect(lot[header.indexOf('Decision')]).toBe('approve');
      const ba1 = rows.find((r) => r[1] === 'B' && r[7] === 'A1')!;
      expect(ba1[header.indexOf('Counts')]).toBe('E1 2.000; E2 2.000; E3 0.000');
      const pdf = await api.app.inject({ method: 'GET', url: `/api/inventories/${inv.id}/differences/report?format=pdf`, headers: { authorization: `Bearer ${api.tokens.supervisor}`, 'accept-language': 'en' } });
      expect(pdf.statusCode).toBe(200);
      const text = await pdfText(pdf.rawPayload);
      expect(text).toContain('DMG');
      expect(text).toContain('approve');
    });

    it('measures the accuracy of the open inventory on its preview', async () => {
      // keys A, B, B/A1, LOT/L1, VAR/RED; without difference: B, B/A1, VAR/RED → 3/5
      // book value: A 100×2.00 + B 10×5.00 + B/A1 0 + LOT 200×1.50 + RED 50×1.00 = 600.00
      // difference value: |−10.00| + |−10.50| = 20.50; value accuracy 1 − 20.50/600 = 0.96583… → 0.9658
      const r = await api.call('GET', `/api/reports/count-accuracy?inventory=${inv.id}`, undefined, { as: 'viewer' });
      expectStatus(r, 200);
      expect(r.body).toMatchObject({ keys: 5, keysWithoutDifference: 3, countAccuracy: '0.6000', bookValue: '600.00', differenceValue: '20.50', valueAccuracy: '0.9658' });
    });

    it('posts exactly the approved lines and the lines within tolerance', async () => {
      const r = await post();
      expectStatus(r, 201);
      expect(r.body.records).toHaveLength(1);
      const [unload] = r.body.records;
      expect(unload).toMatchObject({ warehouse: 'MAIN', template: 'MIN', origin: 'inventory', inventoryId: inv.id });
      expect(unload.lines.map((l: any) => [l.item, l.lot, l.location, l.quantity, l.unitCost, l.amount])).toEqual([
        ['A', '', '', '-5.000', '2.00000', '-10.00'],
        ['LOT', 'L1', '', '-7.000', '1.50000', '-10.50'],
      ]);
    });

    it('keeps the accuracy of the posted inventory, alone and over a period', async () => {
      // a later receipt changes today's ledger, not the figures of the posted inventory
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-03-20', lines: [{ item: 'A', quantity: '50', unitCost: '8' }] }), 201);
      const expected = { keys: 5, keysWithoutDifference: 3, countAccuracy: '0.6000', bookValue: '600.00', differenceValue: '20.50', valueAccuracy: '0.9658' };
      const one = await api.call('GET', `/api/reports/count-accuracy?inventory=${inv.id}`, undefined, { as: 'approver' });
      expect(one.body).toMatchObject(expected);
      const period = await api.call('GET', '/api/reports/count-accuracy?from=2026-01-01&to=2026-12-31&warehouse=MAIN');
      expect(period.body).toMatchObject({ ...expected, inventories: [inv.id] });
      const none = await api.call('GET', '/api/reports/count-accuracy?from=2026-01-01&to=2026-12-31&warehouse=SHOP');
      expect(none.body).toMatchObject({ keys: 0, keysWithoutDifference: 0, countAccuracy: '1.0000', bookValue: '0.00', differenceValue: '0.00', valueAccuracy: '1.0000', inventories: [] });
      await refused(api, 400, 'INV_ERR_VALIDATION', () => api.call('GET', '/api/reports/count-accuracy'));
      await refused(api, 403, 'INV_ERR_FORBIDDEN', () => api.call('GET', '/api/reports/count-accuracy?from=2026-01-01', undefined, { as: 'counter' }));
    });
  });
}

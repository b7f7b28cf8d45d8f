/**
 * The journal (SPEC §9) on both databases, with hand-computed figures: a
 * purchase, a sale, a transfer (and its mirror), an inventory surplus and
 * shortage; edits rewrite an entry, deletes remove it; the stored entries
 * equal an independent model of the records (and what rewriteJournalEntries
 * rebuilds) after random postings, edits and deletes, and debits equal
 * credits; the stock reconciliation of a small ledger.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewriteJournalEntries } from '../../src/ledger/journal.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { dialects } from '../helpers/store.ts';
import { expectStatus, seedInventoryFixture } from '../inventory/support.ts';

/** The chart of the tests: template accounts per warehouse/template, stock accounts per item. */
const TEMPLATE_ACCOUNTS: Record<string, [string, string]> = {
  'MAIN/CAR': ['STOCK', '401'],
  'MAIN/VAN': ['607', 'STOCK'],
  'MAIN/TRF': ['371.9', 'STOCK'],
  'SHOP/TRI': ['STOCK', '371.9'],
  'MAIN/PLU': ['STOCK', '607'],
  'MAIN/MIN': ['607', 'STOCK'],
};
const STOCK_ACCOUNTS: Record<string, string> = { A: '371', B: '301', LOT: '345' };

async function configureAccounts(api: TestApi): Promise<void> {
  const db = api.store.db;
  for (const [key, [debit, credit]] of Object.entries(TEMPLATE_ACCOUNTS)) {
    const [wh, code] = key.split('/');
    const w = await db.selectFrom('warehouses').select('id').where('code', '=', wh).executeTakeFirstOrThrow();
    await db.updateTable('templates').set({ debit_account: debit, credit_account: credit }).where('warehouse_id', '=', w.id).where('code', '=', code).execute();
  }
  for (const [item, account] of Object.entries(STOCK_ACCOUNTS)) await db.updateTable('items').set({ stock_account: account }).where('code', '=', item).execute();
}

type Line = [number, string, string, string, string];

for (const dialect of dialects) {
  describe(`journal entries from records [${dialect}]`, () => {
    let api: TestApi;
    const as = { as: 'supervisor' as const };

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      await configureAccounts(api);
    });
    afterAll(async () => api.close());

    async function entry(recordId: number): Promise<Line[]> {
      const r = await api.call('GET', `/api/journal?record=${recordId}`);
      expectStatus(r, 200);
      for (const l of r.body.items) expect(l.entryId).toBe(recordId);
      return r.body.items.map((l: any) => [l.recordId, l.date, l.debitAccount, l.creditAccount, l.amount]);
    }
    const post = async (body: object) => {
      const r = await api.call('POST', '/api/records', body);
      expectStatus(r, 201);
      return r.body;
    };

    it('a purchase: one line per (debit, credit) pair, STOCK as each item\'s stock account', async () => {
      // A 10 × 5 = 50.00 and 2 × 5.25 = 10.50 on 371; B 4 × 3 = 12.00 on 301
      const r = await post({
        warehouse: 'MAIN',
        template: 'CAR',
        date: '2026-02-01',
        lines: [{ item: 'A', quantity: '10', unitCost: '5' }, { item: 'B', quantity: '4', unitCost: '3' }, { item: 'A', quantity: '2', unitCost: '5.25' }],
      });
      expect(await entry(r.id)).toEqual([
        [r.id, '2026-02-01', '371', '401', '60.50'],
        [r.id, '2026-02-01', '301', '401', '12.00'],
      ]);
    });

    it('a sale: 607 / stock account, the absolute amount', async () => {
      const r = await post({ warehouse: 'MAIN', template: 'VAN', date: '2026-02-02', lines: [{ item: 'A', quantity: '2', unitCost: '5' }] });
      expect(r.lines[0].amount).toBe('-10.00');
      expect(await entry(r.id)).toEqual([[r.id, '2026-02-02', '607', '371', '10.00']]);
    });

    it('a transfer: the record and its mirror each have their entry', async () => {
      const r = await post({ warehouse: 'MAIN', template: 'TRF', date: '2026-02-03', lines: [{ item: 'B', quantity: '1', unitCost: '3' }] });
      expect(await entry(r.id)).toEqual([[r.id, '2026-02-03', '371.9', '301', '3.00']]);
      expect(await entry(r.offsetRecordId)).toEqual([[r.offsetRecordId, '2026-02-03', '301', '371.9', '3.00']]);
    });

    it('an inventory surplus and shortage', async () => {
      // book A 10 (12 − 2) at average (60.50 / 12 = 5.04167), B 3 at 3; counted A 9, B 5
      const inv = (await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1' }, as)).body;
      const l = await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, as);
      expectStatus(l, 201);
      for (const [item, quantity] of [['A', '9'], ['B', '5']]) expectStatus(await api.call('POST', `/api/lists/${l.body.id}/lines`, { item, quantity }, as), 201);
      const posted = await api.call('POST', `/api/inventories/${inv.id}/differences`, { processingDate: '2026-03-10', postingDate: '2026-03-10' }, as);
      expectStatus(posted, 201);
      const [plus, minus] = posted.body.records;
      expect([plus.template, plus.lines.map((x: any) => [x.item, x.quantity, x.amount])]).toEqual(['PLU', [['B', '2.000', '6.00']]]);
      expect([minus.template, minus.lines.map((x: any) => [x.item, x.quantity, x.unitCost, x.amount])]).toEqual(['MIN', [['A', '-1.000', '5.04167', '-5.04']]]);
      expect(await entry(plus.id)).toEqual([[plus.id, '2026-03-10', '301', '607', '6.00']]);
      expect(await entry(minus.id)).toEqual([[minus.id, '2026-03-10', '607', '371', '5.04']]);
    });

    it('editing a record rewrites its entry; deleting it removes the entry', async () => {
      const r = await post({ warehouse: 'MAIN', template: 'CAR', date: '2026-04-01', lines: [{ item: 'A', quantity: '1', unitCost: '7' }] });
      expect(await entry(r.id)).toEqual([[r.id, '2026-04-01', '371', '401', '7.00']]);
      const edited = await api.call('PUT', `/api/records/${r.id}`, {
        warehouse: 'MAIN',
        template: 'CAR',
        date: '2026-04-02',
        lines: [{ item: 'B', quantity: '3', unitCost: '2' }, { item: 'A', quantity: '1', unitCost: '8' }],
      });
      expectStatus(edited, 200);
      expect(await entry(r.id)).toEqual([
        [r.id, '2026-04-02', '301', '401', '6.00'],
        [r.id, '2026-04-02', '371', '401', '8.00'],
      ]);
      expectStatus(await api.call('DELETE', `/api/records/${r.id}`), 204);
      expect(await entry(r.id)).toEqual([]);
    });

    it('a template without accounts produces no entry', async () => {
      const r = await post({ warehouse: 'MAIN', template: 'ZER', date: '2026-04-03', lines: [{ item: 'A', quantity: '1', unitCost: '1' }] });
      expect(await entry(r.id)).toEqual([]);
    });

    it('filters, pages and totals per account over every matching line (server-side)', async () => {
      const all = await api.call('GET', '/api/journal?from=2026-02-01&to=2026-03-31&limit=2');
      expectStatus(all, 200);
      expect(all.body.total).toBe(7);
      expect(all.body.items).toHaveLength(2);
      // hand sums of the lines above (the edited and deleted record is gone)
      expect(all.body.totals).toEqual([
        // 301: 12.00 purchase + 3.00 transfer in + 6.00 surplus; 3.00 transfer out
        { account: '301', debit: '21.00', credit: '3.00', balance: '18.00' },
        { account: '371', debit: '60.50', credit: '15.04', balance: '45.46' },
        { account: '371.9', debit: '3.00', credit: '3.00', balance: '0.00' },
        { account: '401', debit: '0.00', credit: '72.50', balance: '-72.50' },
        { account: '607', debit: '15.04', credit: '6.00', balance: '9.04' },
      ]);
      const byAccount = await api.call('GET', '/api/journal?account=371');
      expect(byAccount.body.items.map((l: any) => [l.debitAccount, l.creditAccount, l.amount])).toEqual([
        ['371', '401', '60.50'],
        ['607', '371', '10.00'],
        ['607', '371', '5.04'],
      ]);
      const csv = await api.call('GET', '/api/journal?account=371&format=csv', undefined, { lang: 'ro' });
      expectStatus(csv, 200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text).toContain('371;401;60,50');
      const bad = await api.call('GET', '/api/journal?from=2026-02-30', undefined, { lang: 'ro' });
      expectStatus(bad, 400, 'INV_ERR_VALIDATION');
    });

    it('Σ debits = Σ credits, and the entries equal an independent model of the records, after random postings, edits and deletes', async () => {
      const items = ['A', 'B', 'LOT'];
      const lineArb = fc.record({ item: fc.constantFrom(...items), quantity: fc.integer({ min: 1, max: 20 }), cents: fc.integer({ min: 0, max: 99_999 }) });
      const op = fc.oneof(
        fc.record({ kind: fc.constant('post' as const), template: fc.constantFrom('CAR', 'VAN', 'ZER'), day: fc.integer({ min: 1, max: 28 }), lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }) }),
        fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }) }),
        fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      );
      const mine: { id: number; template: string }[] = [];
      const body = (template: string, day: number, lines: { item: string; quantity: number; cents: number }[]) => ({
        warehouse: 'MAIN',
        template,
        date: `2026-05-${String(day).padStart(2, '0')}`,
        lines: lines.map((l) => ({ item: l.item, quantity: String(template === 'VAN' ? 0.001 * l.quantity : l.quantity), unitCost: (l.cents / 100).toFixed(2), lot: l.item === 'LOT' ? 'L1' : undefined })),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
          for (const o of ops) {
            if (o.kind === 'post') {
              const r = await api.call('POST', '/api/records', body(o.template, o.day, o.lines));
              if (r.status === 201) mine.push({ id: r.body.id, template: o.template });
            } else if (mine.length) {
              const i = o.pick % mine.length;
              const target = mine[i];
              if (o.kind === 'edit') await api.call('PUT', `/api/records/${target.id}`, body(target.template, 15, o.lines));
              else if ((await api.call('DELETE', `/api/records/${target.id}`)).status === 204) mine.splice(i, 1);
            }
          }
          // the whole journal: debits equal credits
          const j = await api.call('GET', '/api/journal?limit=100000');
          const sum = (k: 'debit' | 'credit') => j.body.totals.reduce((s: bigint, t: any) => s + BigInt(t[k].replace('.', '')), 0n);
          expect(sum('debit')).toBe(sum('credit'));
          // each of my records: its entry from its lines, computed here
          for (const m of mine) {
            const rec = (await api.call('GET', `/api/records/${m.id}`)).body;
            const [debit, credit] = TEMPLATE_ACCOUNTS[`MAIN/${m.template}`] ?? ['', ''];
            const model = new Map<string, bigint>();
            if (debit) {
              for (const l of rec.lines) {
                const pair = [debit, credit].map((a) => (a === 'STOCK' ? STOCK_ACCOUNTS[l.item] : a)).join('/');
                model.set(pair, (model.get(pair) ?? 0n) + BigInt(l.amount.replace('-', '').replace('.', '')));
              }
            }
            const expected = [...model].filter(([, v]) => v !== 0n).map(([k, v]) => `${k} ${v}`).sort();
            const got = (await entry(m.id)).map(([, , d, c, a]) => `${d}/${c} ${BigInt(a.replace('.', ''))}`).sort();
            expect(got).toEqual(expected);
          }
        }),
        { numRuns: dialect === 'sqlite' ? 12 : 6 },
      );
      // the set-based rebuild gives what posting wrote, for every record
      const before = await api.store.db.selectFrom('journal_lines').select(['record_id', 'date', 'debit_account', 'credit_account', 'amount']).orderBy('record_id').orderBy('debit_account').orderBy('credit_account').execute();
      const ids = (await api.store.db.selectFrom('records').select('id').execute()).map((r) => r.id);
      await api.store.db.transaction().execute((trx) => rewriteJournalEntries(trx, ids));
      const after = await api.store.db.selectFrom('journal_lines').select(['record_id', 'date', 'debit_account', 'credit_account', 'amount']).orderBy('record_id').orderBy('debit_account').orderBy('credit_account').execute();
      expect(after).toEqual(before);
      expect(before.length).toBeGreaterThan(5);
    });
  });

  describe(`stock reconciliation [${dialect}]`, () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await configureAccounts(api);
      const post = async (template: string, date: string, lines: object[]) =>
        expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template, date, lines }), 201);
      await post('CAR', '2026-02-01', [{ item: 'A', quantity: '10', unitCost: '5' }, { item: 'B', quantity: '4', unitCost: '3' }]);
      await post('CAR', '2026-02-02', [{ item: 'A', quantity: '10', unitCost: '6' }]);
      // unloads at the proposed average (MAIN has no management area: valued by average): 110.00 / 20 = 5.5
      await post('VAN', '2026-02-03', [{ item: 'A', quantity: '4' }]);
      await post('TRF', '2026-02-04', [{ item: 'A', quantity: '4' }]);
    });
    afterAll(async () => api.close());

    const reconcile = async (date: string, format = 'json', lang: 'ro' | 'en' = 'en') => {
      const r = await api.call('GET', `/api/reports/stock-reconciliation?date=${date}&format=${format}`, undefined, { lang });
      expectStatus(r, 200);
      return r;
    };

    it('a ledger whose unload costs are the method\'s: every difference is 0.00', async () => {
      // 371: 110.00 − 22.00 (sale) − 22.00 (transfer out) + 22.00 (transfer in) = 88.00; A 12 in MAIN + 4 in SHOP at 5.5 = 88.00
      // 301: 12.00; B 4 × 3 = 12.00
      const r = await reconcile('2026-02-28');
      expect(r.body).toEqual({
        date: '2026-02-28',
        closingDate: null,
        rows: [
          { account: '301', journalBalance: '12.00', inventoryValue: '12.00', difference: '0.00' },
          { account: '371', journalBalance: '88.00', inventoryValue: '88.00', difference: '0.00' },
        ],
        totals: { journalBalance: '100.00', inventoryValue: '100.00', difference: '0.00' },
      });
      // at a date before the transfer and sale
      const early = await reconcile('2026-02-01');
      expect(early.body.rows).toEqual([
        { account: '301', journalBalance: '12.00', inventoryValue: '12.00', difference: '0.00' },
        { account: '371', journalBalance: '50.00', inventoryValue: '50.00', difference: '0.00' },
      ]);
    });

    it('an unload at another cost shows as the difference', async () => {
      // A −2 at 5.00 instead of 5.50: journal 88.00 − 10.00 = 78.00; inventory 14 × 5.5 = 77.00
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'VAN', date: '2026-03-01', lines: [{ item: 'A', quantity: '2', unitCost: '5' }] }), 201);
      const r = await reconcile('2026-03-01');
      expect(r.body.rows[1]).toEqual({ account: '371', journalBalance: '78.00', inventoryValue: '77.00', difference: '1.00' });
      expect(r.body.totals).toEqual({ journalBalance: '90.00', inventoryValue: '89.00', difference: '1.00' });
    });

    it('exports CSV (ro), XLSX and PDF', async () => {
      const csv = await reconcile('2026-03-01', 'csv', 'ro');
      expect(csv.text).toContain('371;78,00;77,00;1,00');
      const xlsx = await reconcile('2026-03-01', 'xlsx');
      expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
      const pdf = await reconcile('2026-03-01', 'pdf', 'ro');
      expect(pdf.headers['content-type']).toMatch(/pdf/);
    });
  });
}

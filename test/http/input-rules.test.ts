/**
 * Issue 11 points 5, 7, 8 and 9: imports under the JSON routes' limits, real
 * dates everywhere, values that make no sense refused, errors and logs.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { ledgerCounts, seedFixture } from '../helpers/fixtures.ts';

for (const dialect of dialects) {
  describe(`input rules [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
    });
    afterAll(async () => api.close());

    const problemsOf = (body: { errors?: { path: string; code: string }[] }) => (body.errors ?? []).map((e) => [e.path, e.code]);

    describe('point 5: imports obey the JSON routes’ limits', () => {
      it('refuses an items CSV with a 1,000,000-character description, control characters, blank codes and huge costs', async () => {
        const before = await ledgerCounts(api.store);
        const csv = [
          'code,description,uom,standardCost',
          `I1,${'x'.repeat(1_000_000)},buc,1`,
          'I2,ok\u0000,buc,1',
          '"   ",blank code,buc,1',
          'I4,huge cost,buc,99999999999999',
          'I5,fine,buc,1.5',
        ].join('\n');
        const r = await api.call('POST', '/api/import/items', csv);
        expect(r.status).toBe(400);
        expect(r.text.length).toBeLessThan(5000);
        expect(problemsOf(r.body)).toEqual(
          expect.arrayContaining([
            ['/rows/2/description', 'INV_ERR_TEXT_TOO_LONG'],
            ['/rows/3/description', 'INV_ERR_CONTROL_CHARS'],
            ['/rows/4/code', 'INV_ERR_BLANK'],
            ['/rows/5/standardCost', 'INV_ERR_OUT_OF_RANGE'],
          ]),
        );
        // the JSON route refuses the same description
        const json = await api.call('POST', '/api/items', { code: 'I1', description: 'x'.repeat(201), uom: 'buc' });
        expect(json.status).toBe(400);
        expect(await ledgerCounts(api.store)).toEqual(before);
      });

      it('refuses a record import with megabyte notes, control characters and out-of-range decimals', async () => {
        const before = await ledgerCounts(api.store);
        const csv = [
          'warehouse,template,date,item,quantity,unitCost,notes,lineNotes,lot',
          `MAIN,CAR,2026-03-01,A,1,1,${'n'.repeat(3_000_000)},,`,
          'MAIN,CAR,2026-03-02,A,1,1,,bad\u0000note,',
          'MAIN,CAR,2026-03-03,A,1,1,,,L\u00071',
          'MAIN,CAR,2026-03-04,A,9999999999999999,1,,,',
          'MAIN,CAR,2026-03-05,A,1,-2,,,',
          'MAIN,CAR,2026-02-31,A,1,1,,,',
        ].join('\n');
        const r = await api.call('POST', '/api/import/records', csv);
        expect(r.status).toBe(400);
        expect(r.text.length).toBeLessThan(5000);
        expect(problemsOf(r.body)).toEqual(
          expect.arrayContaining([
            ['/rows/2/notes', 'INV_ERR_TEXT_TOO_LONG'],
            ['/rows/3/notes', 'INV_ERR_CONTROL_CHARS'],
            ['/rows/4/lot', 'INV_ERR_CONTROL_CHARS'],
            ['/rows/5/quantity', 'INV_ERR_OUT_OF_RANGE'],
            ['/rows/6/unitCost', 'INV_ERR_NEGATIVE_UNIT_COST'],
            ['/rows/7/date', 'INV_ERR_BAD_DATE'],
          ]),
        );
        expect(await ledgerCounts(api.store)).toEqual(before);
      });
    });

    describe('point 7: dates are real dates everywhere', () => {
      it('refuses impossible dates and years outside 1900–2999 in queries, paths and bodies', async () => {
        for (const url of [
          '/api/stock?date=2026-02-31',
          '/api/records?from=2026-02-30',
          '/api/closings?from=2026-02-31',
          '/api/reports/valued-inventory?date=2025-02-29',
          '/api/warehouse-history?date=2026-04-31',
          '/api/year-params/9999',
          '/api/year-params/1899',
          '/api/inventories?year=9999',
          '/api/stock?date=9999-12-31',
        ]) {
          const r = await api.call('GET', url, undefined, { lang: 'ro' });
          expect(r.status, url).toBe(400);
          expect(r.body.code, url).toBe('INV_ERR_VALIDATION');
          expect(r.body.errors[0].message, url).not.toMatch(/must|format/);
        }
        const stock = await api.call('GET', '/api/stock?date=2026-02-31', undefined, { lang: 'ro' });
        expect(stock.body.errors[0]).toMatchObject({ path: '/date', code: 'INV_ERR_BAD_DATE' });
        expect(stock.body.errors[0].message).toBe('Data stocului trebuie să fie o dată validă (nu „2026-02-31”)');
        for (const body of [{ date: '9999-12-31', operator: 'E1' }, { date: '2026-02-29', operator: 'E1' }]) {
          const r = await api.call('POST', '/api/inventories', body);
          expect(r.status, body.date).toBe(400);
          expect(problemsOf(r.body)).toEqual([['/date', 'INV_ERR_BAD_DATE']]);
        }
        const put = await api.call('PUT', '/api/year-params/9999', { periodStart: '9999-01-01', periodEnd: '9999-12-31' });
        expect(put.status).toBe(400);
        expect((await api.call('GET', '/api/stock?date=2024-02-29')).status).toBe(200);
      });
    });

    describe('point 8: values that make no sense are refused', () => {
      it('refuses a load with a negative unit cost', async () => {
        const before = await ledgerCounts(api.store);
        const r = await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-03-01', lines: [{ item: 'A', quantity: '1', unitCost: '-0.01' }] });
        expect(r.status).toBe(422);
        expect(r.body.code).toBe('INV_ERR_NEGATIVE_UNIT_COST');
        expect(problemsOf(r.body)).toEqual([['/lines/0/unitCost', 'INV_ERR_NEGATIVE_UNIT_COST']]);
        expect(await ledgerCounts(api.store)).toEqual(before);
      });

      it('refuses codes that are blank or only spaces', async () => {
        for (const [url, body] of [
          ['/api/employees', { code: '   ', name: 'x' }],
          ['/api/warehouses', { code: ' ', description: 'x' }],
          ['/api/items', { code: '  ', description: 'x', uom: 'buc' }],
          ['/api/items', { code: 'OK1', description: 'x', uom: '  ' }],
          ['/api/warehouses/MAIN/templates', { code: '  ', description: 'x', type: 'load' }],
        ] as const) {
          const r = await api.call('POST', url, body);
          expect(r.status, JSON.stringify(body)).toBe(400);
          expect(r.body.errors.map((e: { code: string }) => e.code), JSON.stringify(body)).toContain('INV_ERR_BLANK');
        }
      });

      it('refuses posting an inventory with nothing to post at a date without year parameters, leaving it open', async () => {
        const inv = await api.call('POST', '/api/inventories', { date: '2026-05-01', operator: 'E1' });
        expect(inv.status).toBe(201);
        const r = await api.call('POST', `/api/inventories/${inv.body.id}/differences`, { postingDate: '2031-05-01', stockDate: '2026-05-01' });
        expect(r.status).toBe(409);
        expect(r.body.code).toBe('INV_ERR_NO_YEAR_PARAMS');
        expect((await api.call('GET', `/api/inventories/${inv.body.id}`)).body.closed).toBe(false);
      });
    });

    describe('point 9: errors and logs', () => {
      it('words schema validation problems in the request’s language, naming the field', async () => {
        const body = { code: 'X1', name: 5 };
        const en = await api.call('POST', '/api/employees', body, { lang: 'en' });
        const ro = await api.call('POST', '/api/employees', body, { lang: 'ro' });
        expect(en.status).toBe(400);
        expect(en.body.errors).toEqual([{ path: '/name', code: 'INV_ERR_VALIDATION', message: 'The name must be of type string' }]);
        expect(ro.body.errors).toEqual([{ path: '/name', code: 'INV_ERR_VALIDATION', message: 'Numele trebuie să fie de tipul text' }]);
        const missing = await api.call('POST', '/api/employees', { code: 'X1' }, { lang: 'ro' });
        expect(missing.body.errors[0].message).toBe('Numele este obligatoriu');
        const limit = await api.call('GET', '/api/records?limit=99999999999', undefined, { lang: 'ro' });
        expect(limit.body.errors[0]).toMatchObject({ path: '/limit', message: 'Limita trebuie să fie un număr întreg între 0 și 2147483647' });
      });

      it('answers 414, 415 and 405 as problem+json with INV_ERR codes, without echoing the path', async () => {
        const long = `/api/items/${'A'.repeat(300)}zz`;
        const r414 = await api.call('GET', long);
        expect(r414.status).toBe(414);
        expect(r414.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(r414.body.code).toBe('INV_ERR_URI_TOO_LONG');
        expect(r414.text).not.toContain('AAAAAAAAAA');
        const badEscape = await api.call('GET', '/api/items/%E0%A4%A');
        expect(badEscape.status).toBe(400);
        expect(badEscape.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(badEscape.text).not.toContain('%E0');
        const r415 = await api.app.inject({
          method: 'POST',
          url: '/api/employees',
          headers: { authorization: `Bearer ${api.tokens.admin}`, 'content-type': 'application/x-evil' },
          payload: 'code=E1',
        });
        expect(r415.statusCode).toBe(415);
        expect(r415.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(r415.json().code).toBe('INV_ERR_UNSUPPORTED_MEDIA_TYPE');
        const r405 = await api.call('PATCH', '/api/employees/E1', { name: 'x' });
        expect(r405.status).toBe(405);
        expect(r405.body.code).toBe('INV_ERR_METHOD_NOT_ALLOWED');
        expect(r405.headers.allow).toBe('DELETE, GET, PUT');
        expect((await api.call('GET', '/api/no-such-thing')).status).toBe(404);
      });

      it('logs every 5xx with its stack and the request id (pino, Fastify’s logger)', async () => {
        const lines: Record<string, any>[] = [];
        const stream = new Writable({
          write(chunk, _enc, done) {
            for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
            done();
          },
        });
        const app = await buildApp(api.store, { logger: { level: 'info', stream } });
        app.get('/api/test-boom', { config: { permission: 'public' } } as object, async () => {
          throw new Error('boom in the handler');
        });
        const r = await app.inject({ method: 'GET', url: '/api/test-boom', headers: { authorization: `Bearer ${api.tokens.admin}` } });
        await app.close();
        expect(r.statusCode).toBe(500);
        expect(r.json()).toMatchObject({ code: 'INV_ERR_INTERNAL' });
        expect(r.body).not.toContain('boom');
        const error = lines.find((l) => l.level === 50);
        expect(error).toBeDefined();
        expect(error!.reqId).toBeDefined();
        expect(error!.err.stack).toContain('boom in the handler');
        // every line of that request carries its id
        expect(lines.filter((l) => l.reqId === error!.reqId).length).toBeGreaterThanOrEqual(2);
      });
    });
  });
}

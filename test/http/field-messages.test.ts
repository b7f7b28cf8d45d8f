/**
 * Issue 15 point 3: schema problems name the field by its label in ro and en
 * (SPEC §14), never raw schema text. Walks the OpenAPI document: every field
 * of every route's body, query and path has a label in both languages; then
 * the messages for each broken rule, written out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { FIELD_LABELS, fieldLabel, RESOURCE_FIELD_LABELS } from '../../src/core/field-labels.ts';

interface Schema {
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** every [route, field name] of the document's inputs: path and query parameters, body properties at any depth */
function inputFields(doc: { paths: Record<string, Record<string, Operation>> }): [string, string][] {
  const out: [string, string][] = [];
  const walk = (route: string, s: Schema | undefined) => {
    if (!s || typeof s !== 'object') return;
    for (const [name, child] of Object.entries(s.properties ?? {})) {
      out.push([route, name]);
      walk(route, child);
    }
    walk(route, s.items);
    for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(route, branch);
  };
  for (const [route, ops] of Object.entries(doc.paths)) {
    for (const op of Object.values(ops)) {
      for (const p of op.parameters ?? []) out.push([route, p.name]);
      walk(route, op.requestBody?.content?.['application/json']?.schema);
    }
  }
  return out;
}

describe('the field-label catalogue', () => {
  it('has both languages for every label, none empty, no raw field names', () => {
    const all = [...Object.entries(FIELD_LABELS), ...Object.values(RESOURCE_FIELD_LABELS).flatMap((r) => Object.entries(r))];
    for (const [name, label] of all) {
      expect(label.ro.trim(), name).not.toBe('');
      expect(label.en.trim(), name).not.toBe('');
      expect(label.ro, name).not.toBe(name);
      expect(label.en, name).not.toBe(name);
    }
  });
});

for (const dialect of dialects) {
  describe(`field messages [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
    });
    afterAll(async () => api.close());

    it('has a label in Romanian and English for every field of every route of the OpenAPI document', () => {
      const fields = inputFields(api.app.swagger() as never);
      expect(fields.length).toBeGreaterThan(300);
      const missing = fields.filter(([route, name]) => {
        const label = fieldLabel(name, route);
        return !label?.ro || !label.en;
      });
      expect(missing).toEqual([]);
    });

    it('names the inventory date in a bad-date message, in both languages, with the catalogue code', async () => {
      const body = { date: '2026-02-30', operator: 'E1' };
      const ro = await api.call('POST', '/api/inventories', body, { lang: 'ro' });
      const en = await api.call('POST', '/api/inventories', body, { lang: 'en' });
      expect(ro.status).toBe(400);
      expect(ro.body.errors).toEqual([{ path: '/date', code: 'INV_ERR_BAD_DATE', message: 'Data inventarului trebuie să fie o dată validă (nu „2026-02-30”)' }]);
      expect(en.body.errors).toEqual([{ path: '/date', code: 'INV_ERR_BAD_DATE', message: 'The inventory date must be a valid date (not "2026-02-30")' }]);
    });

    it('words each rule with the label, in Romanian agreeing with its gender', async () => {
      const cases: [string, string, unknown, string, string, string][] = [
        // [method, url, body, path, ro, en]
        ['POST', '/api/employees', { code: 'X1' }, '/name', 'Numele este obligatoriu', 'The name is required'],
        ['POST', '/api/employees', { code: 'X1', name: 5 }, '/name', 'Numele trebuie să fie de tipul text', 'The name must be of type string'],
        ['POST', '/api/employees', { code: '  ', name: 'x' }, '/code', 'Marca angajatului nu poate fi gol sau doar spații', 'The employee code may not be blank or only spaces'],
        ['POST', '/api/items', { code: 'N1', uom: 'buc' }, '/description', 'Descrierea este obligatorie', 'The description is required'],
        ['POST', '/api/items', { code: 'N1', description: 'x'.repeat(300), uom: 'buc' }, '/description', 'Descrierea poate avea cel mult 200 de caractere', 'The description may have at most 200 characters'],
        ['POST', '/api/employees', { code: 'X1', name: 'x', nickname: 'y' }, '/nickname', 'Câmpul „nickname” nu este cunoscut', 'The field "nickname" is not known'],
        ['GET', '/api/records?limit=99999999999', undefined, '/limit', 'Limita trebuie să fie un număr întreg între 0 și 2147483647', 'The limit must be a whole number between 0 and 2147483647'],
        ['GET', '/api/records?from=31.12.2026', undefined, '/from', 'Data de început trebuie să fie o dată validă (nu „31.12.2026”)', 'The start date must be a valid date (not "31.12.2026")'],
        ['POST', '/api/warehouses/MAIN/templates', { code: 'T9', description: 'x', type: 'in' }, '/type', 'Tipul trebuie să fie una dintre valorile: load, unload', 'The type must be one of: load, unload'],
        [
          'POST',
          '/api/records',
          { warehouse: 'MAIN', template: 'IN', date: '2026-03-01', lines: [{ item: 'A', quantity: '1' }, { item: 'A', quantity: '1,5' }] },
          '/lines/1/quantity',
          'Linia 2: Cantitatea trebuie să fie un număr (nu „1,5”)',
          'Line 2: The quantity must be a number (not "1,5")',
        ],
        ['POST', '/api/records', { warehouse: 'MAIN', template: 'IN', date: '2026-03-01', lines: [] }, '/lines', 'Liniile trebuie să cuprindă cel puțin 1 element', 'The lines must hold at least 1 entry'],
      ];
      for (const [method, url, body, path, ro, en] of cases) {
        for (const [lang, expected] of [['ro', ro], ['en', en]] as const) {
          const r = await api.call(method, url, body, { lang });
          expect(r.status, `${url} ${JSON.stringify(body)}`).toBe(400);
          const problem = (r.body.errors as { path: string; message: string }[]).find((e) => e.path === path);
          expect(problem?.message, `${url} ${path} ${lang}: ${JSON.stringify(r.body.errors)}`).toBe(expected);
        }
      }
    });

    it('never words a field problem with raw schema text on hostile bodies', async () => {
      const bodies: [string, string, unknown][] = [
        ['POST', '/api/records', { warehouse: 5, template: [], date: 'x', lines: [{ quantity: 'abc', unitCost: '1e5', serials: 'x' }], extra: 1 }],
        ['POST', '/api/items', { code: '', description: null, uom: 'buc', variants: [{ code: 1 }], barcodes: 'x' }],
        ['PUT', '/api/count-control/MAIN', { quantityTolerancePct: 'x', valueTolerance: '-', recount: 'yes', approval: 1, classes: 'A' }],
        ['POST', '/api/users', { username: '', password: 1, role: 'boss', approver: 'no' }],
      ];
      for (const [method, url, body] of bodies) {
        for (const lang of ['ro', 'en'] as const) {
          const r = await api.call(method, url, body, { lang });
          expect(r.status).toBe(400);
          for (const e of r.body.errors as { message: string }[]) {
            expect(e.message).not.toMatch(/must match|must NOT|should|pattern|(^|\s)\/[a-z]/i);
            // a field without a label would be named raw: only unknown fields are
            if (/^(Câmpul „|The field ")/.test(e.message)) expect(e.message).toMatch(/nu este cunoscut|is not known/);
          }
        }
      }
    });
  });
}

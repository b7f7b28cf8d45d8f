/**
 * Issue 11: no 5xx on any input, and a refused request changes nothing.
 *
 * fast-check builds requests over every route of the OpenAPI document
 * (app.swagger()) from the route's own schemas — path and query parameters,
 * JSON or CSV bodies — mixing valid values (known codes and ids, so requests
 * reach the services) with hostile ones: huge numbers, NUL and control
 * characters, percent-encoding, wrong types, long strings, impossible dates.
 * All requests are sent with an admin token through app.inject.
 *
 * Phase 1 (mixed): every answer is below 500.
 * Phase 2 (refused): every request carries at least one value its route must
 * refuse; every answer is a 4xx and a digest of every table is the same
 * before and after the batch.
 */
import crypto from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';

const SEED = Number(process.env.INVENTAR_FUZZ_SEED ?? 20261102);
const MIXED_RUNS = Number(process.env.INVENTAR_FUZZ_MIXED ?? 4000);
const REFUSED_RUNS = Number(process.env.INVENTAR_FUZZ_REFUSED ?? 1200);

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  pathParams: { name: string; schema: Schema }[];
  query: { name: string; schema: Schema }[];
  body?: { type: 'json' | 'csv'; schema: Schema; required: boolean };
}
interface FuzzRequest {
  method: string;
  url: string;
  contentType?: string;
  payload?: string;
  /** a value the route must refuse is in it */
  hostile: boolean;
}

// ------------------------------------------------------------ values

const CODES = ['MAIN', 'SHOP', 'A', 'B', 'LOT', 'SER', 'VAR', 'NF', 'CAR', 'VAN', 'VLA', 'VST', 'ZER', 'TRF', 'TRI', 'RES', 'E1', 'E2', 'A1', 'B1', 'R1', 'RED', 'L1', 'admin', 'buc', 'kg'];
const IDS = ['1', '2', '3', '4', '5'];

/** strings no route may accept in a code, a date, an id or a decimal */
const hostileString = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', 'x\u0007y', '\u001b[31m', 'tab\there', 'nl\nhere', '\u007f', '\u0085'),
  fc.string({ maxLength: 10 }).map((s) => `${s}\u0000`),
  fc.constantFrom('', ' ', '   ', '\t'),
  fc.constantFrom('x'.repeat(5000), '9'.repeat(400), 'é'.repeat(2001)),
);
/** wrong JSON types */
const wrongType = fc.constantFrom<unknown>(null, 0, -1, 1e308, true, [], {}, [1, 2], { a: 1 }, 99999999999999999999);
const hugeNumberText = fc.constantFrom(
  '99999999999999999999',
  '2147483648',
  '9223372036854775808',
  '-1',
  '0',
  '1e309',
  '999999999999999',
  '-999999999999999.99999',
  '0.000000001',
  '1.5',
  'NaN',
  'Infinity',
  '00000000000000000000000001',
);
const badDate = fc.constantFrom('2026-02-31', '2026-02-30', '2025-02-29', '9999-12-31', '0000-01-01', '1899-12-31', '3000-01-01', '2026-13-01', '2026-00-10', '2026-1-1', '26-01-01', '2026-01-01T00:00:00Z');
const goodDate = fc.oneof(
  fc.constantFrom('2026-01-01', '2026-03-01', '2026-03-31', '2026-06-30', '2026-12-31', '2027-01-05', '2024-02-29', '1900-01-01', '2999-12-31'),
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const decimalText = fc.oneof(
  fc.constantFrom('1', '2.5', '0', '10.000', '0.001', '3.14159', '100', '12.345'),
  fc.tuple(fc.integer({ min: 0, max: 999999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}.${b}`),
);

const controlText = fc.oneof(fc.constantFrom('\u0000', 'a\u0000b', 'x\u0007y', '\u001b[31m', '\u007f', 'A\u0085'), fc.string({ maxLength: 10 }).map((s) => `${s}\u0000`));
const badNumberText = fc.constantFrom('99999999999999999999', '2147483648', '9223372036854775808', '-1', '1.5', 'NaN', '1e309', 'abc', '0x10', ' 1');

/** a text that must be refused in a path or query parameter (where every value is a string) */
function hostileText(schema: Schema): fc.Arbitrary<string> {
  if (schema.anyOf) return hostileText(schema.anyOf[0]);
  if (schema.type === 'boolean') return fc.constantFrom('yes', '2', '\u0000');
  if (schema.enum) return fc.oneof(fc.constantFrom('nope', 'PDF', ''), controlText);
  if (schema.format === 'date') return fc.oneof(badDate, controlText);
  if (schema.format === 'id' || schema.format === 'big-id') return fc.oneof(fc.constantFrom('0', '00'), badNumberText, controlText);
  if (schema.format) return fc.oneof(badNumberText, controlText);
  if (schema.pattern?.startsWith('^((')) return fc.oneof(fc.constantFrom('nope', 'lot,,x'), controlText);
  return fc.oneof(controlText, ...(schema.maxLength !== undefined && schema.maxLength < 90 ? [fc.constant('x'.repeat(schema.maxLength + 1))] : []));
}

/** a value that must be refused where `schema` is expected */
function hostileFor(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.anyOf) return hostileFor(schema.anyOf[0]);
  switch (schema.type) {
    case 'string':
      if (schema.enum) return fc.oneof(wrongType, fc.constantFrom('nope', '\u0000', ''));
      if (schema.format === 'date') return fc.oneof(badDate, hostileString.filter((s) => s !== ''), wrongType);
      if (schema.format) return fc.oneof(badNumberText, controlText, wrongType);
      if (schema.pattern?.includes('[0-9]')) return fc.oneof(fc.constantFrom('1e3', 'abc', '1,5', '--1', '1.', '.5', '9'.repeat(41)), wrongType);
      return fc.oneof(
        fc.constantFrom('\u0000', 'a\u0000b', 'x\u0007y', '\u001b[31m', '\u007f'),
        fc.string({ maxLength: 10 }).map((s) => `${s}\u0000`),
        wrongType.filter((v) => typeof v !== 'string'),
        ...(schema.maxLength !== undefined ? [fc.constant('x'.repeat(schema.maxLength + 1))] : []),
        ...(schema.pattern === '\\S' ? [fc.constantFrom(' ', '   ')] : []),
      );
    case 'boolean':
      return fc.constantFrom<unknown>('true', 1, 0, null, 'yes', {});
    case 'array':
      return fc.oneof(fc.constantFrom<unknown>('x', 1, null, {}), hostileFor(schema.items ?? { type: 'string' }).map((v) => [v]));
    case 'object':
      return fc.constantFrom<unknown>('x', 1, null, [], true);
    default:
      return wrongType;
  }
}

/** a value that fits `schema` (or nearly: known codes and dates, so requests reach the services) */
function validFor(schema: Schema, name: string, depth = 0): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s: Schema) => validFor(s, name, depth)));
  if (Array.isArray(schema.type)) return validFor({ ...schema, type: schema.type[0] }, name, depth);
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return fc.integer({ min: 0, max: 100 });
    case 'array': {
      if (depth > 3) return fc.constant([]);
      const min = schema.minItems ?? 0;
      return fc.array(validFor(schema.items ?? { type: 'string' }, name, depth + 1), { minLength: min, maxLength: Math.max(min, 3) });
    }
    case 'object':
      return objectFor(schema, depth + 1, false).map((o) => o.value);
    default:
      break;
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.format === 'date') return goodDate;
  if (schema.format === 'id' || schema.format === 'big-id') return fc.oneof(fc.constantFrom(...IDS), fc.integer({ min: 1, max: 2147483647 }).map(String));
  if (schema.format === 'count') return fc.oneof(fc.constantFrom('0', '1', '10', '100'), fc.integer({ min: 0, max: 2147483647 }).map(String));
  if (schema.format === 'year') return fc.oneof(fc.constantFrom('2026', '2027'), fc.integer({ min: 1900, max: 2999 }).map(String));
  if (schema.pattern?.startsWith('^((')) {
    const names = /\^\(\(([^)]*)\)/.exec(schema.pattern)?.[1].split('|') ?? [];
    return fc.subarray(names).map((a) => a.join(','));
  }
  if (schema.pattern?.includes('(\\.[0-9]+)?')) return decimalText;
  if (schema.pattern === '^[0-9]{4}$') return fc.constantFrom('2026', '2027');
  const max = Math.min(schema.maxLength ?? 60, 60);
  const min = schema.minLength ?? 0;
  const text = fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(max, 1) }).filter((s) => s.trim() !== '');
  const wide = fc.string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: Math.max(max, 1) }).filter((s) => s.trim() !== '' && [...s].length <= (schema.maxLength ?? 60));
  const known = CODES.filter((c) => c.length >= min && c.length <= (schema.maxLength ?? 100));
  if (known.length === 0) return fc.oneof(text, wide);
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: text }, { weight: 1, arbitrary: wide });
}

/**
 * An object for a schema: required properties always, optional ones at
 * random; with `hostile`, one property (or an unknown one) gets a value the
 * route must refuse.
 */
function objectFor(schema: Schema, depth: number, hostile: boolean): fc.Arbitrary<{ value: Record<string, unknown>; hostile: boolean }> {
  const props: Record<string, Schema> = schema.properties ?? {};
  const names = Object.keys(props);
  const required = new Set<string>(schema.required ?? []);
  const entries = names.map((n) =>
    fc.tuple(fc.constant(n), validFor(props[n], n, depth), required.has(n) ? fc.constant(true) : fc.boolean()),
  );
  const base = fc.tuple(...entries).map((es) => Object.fromEntries(es.filter(([, , keep]) => keep).map(([n, v]) => [n, v])));
  if (!hostile) return base.map((value) => ({ value, hostile: false }));
  const spoilers: fc.Arbitrary<[string, unknown]>[] = names.map((n) => hostileFor(props[n]).map((v) => [n, v] as [string, unknown]));
  if (schema.additionalProperties === false) spoilers.push(fc.constantFrom<[string, unknown]>(['unknownField', 1], ['__proto__x', 'x'], ['a\u0000', 'x']));
  if (spoilers.length === 0) return base.map((value) => ({ value, hostile: false }));
  return fc.tuple(base, fc.oneof(...spoilers)).map(([value, [n, v]]) => ({ value: { ...value, [n]: v }, hostile: true }));
}

// ------------------------------------------------------------ CSV bodies

const CSV_HEADERS = [
  'code,description,uom,standardCost,barcodes,variants',
  'warehouse,template,date,item,quantity,unitCost,notes,lot',
  'list,item,barcode,quantity,mode,scanId,expiry',
  'code;description;uom;standardCost',
];
const csvCell = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CODES, '2026-03-01', '1', '2.5', '10,5', '') },
  { weight: 1, arbitrary: decimalText },
  { weight: 1, arbitrary: hugeNumberText },
  { weight: 1, arbitrary: badDate },
  { weight: 1, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const csvBody = fc
  .tuple(fc.constantFrom(...CSV_HEADERS), fc.array(fc.array(csvCell, { minLength: 1, maxLength: 8 }), { maxLength: 5 }))
  .map(([header, rows]) => {
    const sep = header.includes(';') ? ';' : ',';
    return [header, ...rows.map((cells) => cells.map((c) => (/[",;\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep))].join('\r\n');
  });

// ------------------------------------------------------------ requests

/** percent-encodes a path value: as a client would, every character, or raw hostile escapes */
const encodedSegment = (value: fc.Arbitrary<unknown>) =>
  fc.tuple(value, fc.constantFrom('plain', 'all', 'raw')).map(([v, how]) => {
    const s = typeof v === 'string' ? v : JSON.stringify(v) ?? 'null';
    if (how === 'all') return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
    if (how === 'raw' && /^[0-9A-Za-z]+$/.test(s)) return s;
    return encodeURIComponent(s);
  });

const queryPair = (name: string, value: string) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;

function requestFor(op: Operation, hostile: boolean): fc.Arbitrary<FuzzRequest> {
  // which part carries the hostile value
  const parts: string[] = [];
  if (op.pathParams.length) parts.push('path');
  if (op.query.length) parts.push('query');
  if (op.body) parts.push('body');
  const spoilIn = hostile && parts.length ? fc.constantFrom(...parts) : fc.constant('none');
  return spoilIn.chain((spoil) => {
    const spoiledParam = spoil === 'path' ? fc.integer({ min: 0, max: op.pathParams.length - 1 }) : fc.constant(-1);
    const spoiledQuery = spoil === 'query' ? fc.integer({ min: 0, max: op.query.length - 1 }) : fc.constant(-1);
    return fc.tuple(spoiledParam, spoiledQuery).chain(([pi, qi]) => {
      const path = fc.tuple(
        ...op.pathParams.map((p, i) => encodedSegment(i === pi ? hostileText(p.schema).filter((v) => v !== '') : validFor(p.schema, p.name))),
      );
      const query = fc.tuple(
        ...op.query.map((q, i) =>
          i === qi ? hostileText(q.schema).map((v) => [q.name, v] as const) : fc.option(validFor(q.schema, q.name).map((v) => [q.name, String(v)] as const), { nil: undefined }),
        ),
      );
      // unknown query parameters are ignored: junk that must not matter
      const extra = hostile ? fc.constant('') : fc.constantFrom('', '', 'junk=1', 'x=%C3%A9', '__proto__=1');
      type Body = { payload?: string; contentType?: string; hostile: boolean };
      let body: fc.Arbitrary<Body> = fc.constant({ hostile: false });
      if (op.body?.type === 'csv') body = csvBody.map((payload) => ({ payload, contentType: 'text/csv', hostile: false }));
      else if (op.body) {
        const b = op.body;
        body = objectFor(b.schema, 0, spoil === 'body').chain(({ value, hostile: spoiled }): fc.Arbitrary<Body> =>
          spoil === 'body' && !spoiled
            ? fc.constantFrom('{"x":', '[1,2', '"\u0000"', '[]', '"text"').map((payload) => ({ payload, contentType: 'application/json', hostile: true }))
            : fc.constant({ payload: JSON.stringify(value), contentType: 'application/json', hostile: spoiled }),
        );
      }
      return fc.tuple(path, query, extra, body).map(([segments, pairs, extraQuery, b]) => {
        let i = 0;
        const url = op.path.replace(/\{[^}]+\}/g, () => segments[i++]);
        const qs = [...pairs.filter((p): p is readonly [string, string] => p !== undefined).map(([n, v]) => queryPair(n, v)), ...(extraQuery ? [extraQuery] : [])].join('&');
        return {
          method: op.method,
          url: qs ? `${url}?${qs}` : url,
          payload: b.payload,
          contentType: b.contentType,
          hostile: spoil === 'path' || spoil === 'query' || b.hostile,
        };
      });
    });
  });
}

function operationsOf(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      const params = (op.parameters ?? []) as { in: string; name: string; schema: Schema }[];
      const content = op.requestBody?.content ?? {};
      const body = content['application/json']
        ? { type: 'json' as const, schema: content['application/json'].schema, required: !!op.requestBody.required }
        : content['text/csv']
          ? { type: 'csv' as const, schema: content['text/csv'].schema, required: true }
          : undefined;
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        body,
      });
    }
  }
  return ops;
}

// ------------------------------------------------------------ the database digest

/** per table: its row count and a hash of its rows (order-free) */
async function digest(api: TestApi): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  // PostgreSQL: only the test's own schema (other tests run in schemas of their own)
  const schema = api.store.dialect === 'postgres' ? (api.store.schema ?? (await sql<{ s: string }>`select current_schema() as s`.execute(api.store.db)).rows[0].s) : undefined;
  const tables = (await api.store.db.introspection.getTables())
    .filter((t) => schema === undefined || t.schema === schema)
    .map((t) => t.name)
    .filter((n) => !n.startsWith('kysely_'))
    .sort();
  for (const table of tables) {
    const rows = await api.store.db.selectFrom(table as 'items').selectAll().execute();
    const lines = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v))).sort();
    out[table] = `${lines.length} ${crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

/** Runs `work` over the items with at most `width` in flight (PostgreSQL answers several at once). */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}
const WIDTH = Number(process.env.INVENTAR_FUZZ_WIDTH ?? 4);

const describeRequest = (r: FuzzRequest) => `${r.method} ${r.url}${r.payload !== undefined ? ` [${r.contentType}] ${r.payload.slice(0, 300)}` : ''}`;

for (const dialect of dialects) {
  describe(`fuzz over every route [${dialect}]`, () => {
    let api: TestApi;
    let ops: Operation[];
    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      // some rows behind the ids the generator tries
      const inv = await api.call('POST', '/api/inventories', { date: '2026-03-01', operator: 'E1' });
      await api.call('POST', '/api/list-types', { code: 'STD', description: 'standard' });
      await api.call('POST', `/api/inventories/${inv.body.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' });
      await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-02-01', lines: [{ item: 'A', quantity: '10', unitCost: '2' }] });
      ops = operationsOf(api.app.swagger());
    }, 60_000);
    afterAll(async () => api.close());

    const send = async (r: FuzzRequest) => {
      const headers: Record<string, string> = { authorization: `Bearer ${api.tokens.admin}`, 'accept-language': 'en' };
      if (r.contentType) headers['content-type'] = r.contentType;
      const res = await api.app.inject({ method: r.method as 'GET', url: r.url, headers, payload: r.payload });
      return res;
    };

    it('covers every route of the OpenAPI document', () => {
      expect(ops.length).toBeGreaterThanOrEqual(70);
    });

    it(`answers ${MIXED_RUNS} generated requests over every route without a 5xx`, async () => {
      const requests = fc.sample(fc.constantFrom(...ops).chain((op) => fc.boolean().chain((h) => requestFor(op, h))), { seed: SEED, numRuns: MIXED_RUNS });
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      const slow = new Map<string, number>();
      await inParallel(requests, WIDTH, async (r) => {
        const t0 = performance.now();
        const res = await send(r);
        const key = `${r.method} ${r.url.split('?')[0].replace(/\/[^/]*[0-9%][^/]*/g, '/:x')}`;
        slow.set(key, (slow.get(key) ?? 0) + performance.now() - t0);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500) failures.push(`${res.statusCode} ${describeRequest(r)} → ${res.body.slice(0, 200)}`);
        else if (res.statusCode >= 400 && !/application\/problem\+json/.test(String(res.headers['content-type']))) failures.push(`not problem+json: ${describeRequest(r)}`);
      });
      if (process.env.INVENTAR_FUZZ_PROFILE) console.log([...slow].sort((a, b) => b[1] - a[1]).slice(0, 15));
      expect(failures.slice(0, 10)).toEqual([]);
      // the generator reaches the services: successes and refusals alike
      expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
      expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    }, 300_000);

    it(`refuses ${REFUSED_RUNS} requests carrying a hostile value with a 4xx, and they change nothing`, async () => {
      const requests = fc.sample(fc.constantFrom(...ops.filter((o) => o.body?.type !== 'csv')).chain((op) => requestFor(op, true)), { seed: SEED + 1, numRuns: REFUSED_RUNS * 2 }).filter((r) => r.hostile).slice(0, REFUSED_RUNS);
      expect(requests.length).toBe(REFUSED_RUNS);
      const before = await digest(api);
      const accepted: string[] = [];
      await inParallel(requests, WIDTH * 2, async (r) => {
        const res = await send(r);
        if (res.statusCode < 400 || res.statusCode >= 500) accepted.push(`${res.statusCode} ${describeRequest(r)} → ${res.body.slice(0, 200)}`);
      });
      expect(accepted.slice(0, 10)).toEqual([]);
      expect(await digest(api)).toEqual(before);
    }, 300_000);
  });
}

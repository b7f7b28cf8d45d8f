/**
 * Issue 12 point 5: the item registry and the scanner agree on barcodes. A
 * GTIN-shaped barcode (8, 12, 13 or 14 digits) with a wrong check digit is
 * refused when an item is saved (422 naming the field), exactly where the
 * scanner would refuse it. Check digits here are computed independently of
 * the code under test (GS1 General Specifications §7.9: the body padded to
 * 17 digits, weights 3 and 1 alternating from the left).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidGtin, readScanCode } from '../../src/inventory/scan-code.ts';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';

/** GS1 check digit, written from the standard's table rather than from scan-code.ts. */
function referenceCheckDigit(body: string): number {
  const padded = body.padStart(17, '0');
  let sum = 0;
  for (let position = 1; position <= 17; position++) sum += Number(padded[position - 1]) * (position % 2 === 1 ? 3 : 1);
  return Math.ceil(sum / 10) * 10 - sum;
}

/** A deterministic pseudo-random digit string. */
function digits(n: number, seed: number): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += String(x % 10);
  }
  return out;
}

const scannerRefuses = (code: string) => {
  try {
    readScanCode(code);
    return false;
  } catch (e) {
    return (e as { code?: string }).code === 'INV_ERR_GTIN_CHECK_DIGIT';
  }
};

describe('GTIN check digit (pure)', () => {
  it('matches the reference computation for every length and every last digit', () => {
    expect(referenceCheckDigit('590123412345')).toBe(7); // GS1's own example GTIN-13 5901234123457
    for (const length of [8, 12, 13, 14]) {
      for (let seed = 1; seed <= 50; seed++) {
        const body = digits(length - 1, seed * length);
        for (let last = 0; last <= 9; last++) {
          const code = body + last;
          const valid = referenceCheckDigit(body) === last;
          expect(isValidGtin(code), code).toBe(valid);
          expect(scannerRefuses(code), code).toBe(!valid);
        }
      }
    }
    // other lengths are not GTINs: neither refused by the scanner nor checked
    for (const code of ['1234567', '123456789', '12345678901', '123456789012345', 'ABC-42']) expect(scannerRefuses(code), code).toBe(false);
  });
});

for (const dialect of dialects) {
  describe(`item barcodes are GTINs when GTIN-shaped [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
    });
    afterAll(async () => api.close());

    it('refuses a wrong check digit when an item is saved, naming the field; the registry accepts what the scanner accepts', async () => {
      for (const length of [8, 12, 13, 14]) {
        const body = digits(length - 1, 7 * length);
        const good = body + referenceCheckDigit(body);
        const bad = body + ((referenceCheckDigit(body) + 1 + (length % 9)) % 10);
        expect(scannerRefuses(bad)).toBe(true);
        const refused = await api.call('POST', '/api/items', { code: `G${length}`, description: 'x', uom: 'buc', barcodes: ['INT-7', bad] }, { lang: 'ro' });
        expect(refused.status, JSON.stringify(refused.body)).toBe(422);
        expect(refused.body.code).toBe('INV_ERR_GTIN_CHECK_DIGIT_ITEM');
        expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/barcodes/1', code: 'INV_ERR_GTIN_CHECK_DIGIT_ITEM' })]);
        expect(refused.body.errors[0].message).toContain(String(referenceCheckDigit(body)));
        const variant = await api.call('POST', '/api/items', { code: `G${length}`, description: 'x', uom: 'buc', variants: [{ code: 'V', description: 'v', barcodes: [bad] }] });
        expect(variant.status).toBe(422);
        expect(variant.body.errors[0].path).toBe('/variants/0/barcodes/0');
        expect((await api.call('GET', `/api/items/G${length}`)).status).toBe(404);
        const ok = await api.call('POST', '/api/items', { code: `G${length}`, description: 'x', uom: 'buc', barcodes: [`INT-${length}`, good] });
        expect(ok.status, JSON.stringify(ok.body)).toBe(201);
        expect(scannerRefuses(good)).toBe(false);
        const put = await api.call('PUT', `/api/items/G${length}`, { description: 'x', uom: 'buc', barcodes: [bad] });
        expect(put.status).toBe(422);
        expect(put.body.errors[0].path).toBe('/barcodes/0');
        expect((await api.call('GET', `/api/items/G${length}`)).body.barcodes).toContain(good);
      }
      const csv = await api.call('POST', '/api/import/items', 'code,description,uom,barcodes\nI1,x,buc,5901234123457\nI2,y,buc,5901234123458\n');
      expect(csv.status).toBe(422);
      expect(csv.body.errors[0]).toMatchObject({ path: '/rows/3/barcodes/0', code: 'INV_ERR_GTIN_CHECK_DIGIT_ITEM' });
      // codes that are not GTIN-shaped stay free
      expect((await api.call('POST', '/api/items', { code: 'FREE', description: 'x', uom: 'buc', barcodes: ['123456789', 'ABC-42', '1234567'] })).status).toBe(201);
    });
  });
}

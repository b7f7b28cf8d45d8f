/** The pure parts of the inventory: differences, their values, and reading scanned codes. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Money, Quantity, UnitCost } from '../../src/core/decimal.ts';
import { InventarError } from '../../src/core/errors.ts';
import { computeDifferences, priceDifferences, type BookRow, type CountedLine } from '../../src/inventory/stock-differences-compute.ts';
import { gtinCheckDigit, gtinForms, isValidGtin, looksLikeGs1, readScanCode } from '../../src/inventory/scan-code.ts';

const key = (itemId: number, extra: Partial<CountedLine> = {}) => ({
  warehouseId: 1,
  itemId,
  variant: '',
  lot: '',
  serial: '',
  location: '',
  jobOrder: '',
  account: '',
  ...extra,
});
const q = (n: string) => Quantity.parse(n)!;
const line = (itemId: number, counted: string, snapshot: string, extra: Partial<CountedLine> = {}): CountedLine => ({ ...key(itemId, extra), counted: q(counted), snapshot: q(snapshot) });
const book = (itemId: number, quantity: string, extra: Partial<BookRow> = {}): BookRow => ({ ...key(itemId, extra), quantity: q(quantity) });

describe('computeDifferences', () => {
  it('sums the counts of a key over lines and lists and subtracts the book stock', () => {
    const rows = computeDifferences([line(1, '3', '10'), line(1, '4.5', '10'), line(2, '1', '0')], [book(1, '10'), book(3, '5')]);
    expect(rows.map((r) => [r.itemId, Quantity.format(r.counted), Quantity.format(r.book), Quantity.format(r.difference), r.uncounted])).toEqual([
      [1, '7.500', '10.000', '-2.500', false],
      [2, '1.000', '0.000', '1.000', false],
    ]);
  });

  it('tells keys apart by every dimension', () => {
    const rows = computeDifferences(
      [line(1, '1', '0', { lot: 'L1' }), line(1, '1', '0', { lot: 'L2' }), line(1, '1', '0', { location: 'A' }), line(1, '1', '0', { jobOrder: 'J' }), line(1, '1', '0', { warehouseId: 2 })],
      [book(1, '1', { lot: 'L1' })],
    );
    expect(rows.map((r) => Quantity.format(r.difference))).toEqual(['0.000', '1.000', '1.000', '1.000', '1.000']);
  });

  it('flags a key whose book stock at the stock date differs from a snapshot taken when it was counted', () => {
    const rows = computeDifferences([line(1, '5', '5'), line(2, '5', '5'), line(2, '1', '4')], [book(1, '5'), book(2, '5')]);
    expect(rows.map((r) => r.movedDuringCount)).toEqual([false, true]);
  });

  it('zero-uncounted: book stock nobody counted in the counted warehouses, or only in the counted locations', () => {
    const lines = [line(1, '2', '2', { location: 'A' })];
    const stock = [book(1, '2', { location: 'A' }), book(2, '3', { location: 'A' }), book(3, '4', { location: 'B' }), book(4, '6', { warehouseId: 9 })];
    expect(computeDifferences(lines, stock).map((r) => r.itemId)).toEqual([1]);
    const byWarehouse = computeDifferences(lines, stock, { zeroUncounted: true });
    expect(byWarehouse.map((r) => [r.itemId, Quantity.format(r.difference), r.uncounted])).toEqual([
      [1, '0.000', false],
      [2, '-3.000', true],
      [3, '-4.000', true],
    ]);
    const byLocation = computeDifferences(lines, stock, { zeroUncounted: true, zeroScope: 'location' });
    expect(byLocation.map((r) => r.itemId)).toEqual([1, 2]);
  });

  it('property: after posting the differences, book = counted for every key', () => {
    const dims = fc.record({ itemId: fc.integer({ min: 1, max: 4 }), lot: fc.constantFrom('', 'L1', 'L2'), location: fc.constantFrom('', 'A') });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(dims, fc.bigInt({ min: 0n, max: 10_000n })), { maxLength: 20 }),
        fc.array(fc.tuple(dims, fc.bigInt({ min: -5_000n, max: 10_000n })), { maxLength: 20 }),
        fc.boolean(),
        (counts, stock, zero) => {
          const lines = counts.map(([d, n]) => ({ ...key(d.itemId, d), counted: n, snapshot: 0n }));
          const bookRows = stock.map(([d, n]) => ({ ...key(d.itemId, d), quantity: n }));
          const rows = computeDifferences(lines, bookRows, { zeroUncounted: zero });
          const after = new Map<string, bigint>();
          const k = (r: { itemId: number; lot: string; location: string }) => `${r.itemId}|${r.lot}|${r.location}`;
          for (const b of bookRows) after.set(k(b), (after.get(k(b)) ?? 0n) + b.quantity);
          for (const r of rows) after.set(k(r), (after.get(k(r)) ?? 0n) + r.difference);
          const counted = new Map<string, bigint>();
          for (const l of lines) counted.set(k(l), (counted.get(k(l)) ?? 0n) + l.counted);
          for (const [key2, n] of counted) expect(after.get(key2)).toBe(n);
          if (zero && lines.length) for (const [key2, n] of after) if (!counted.has(key2)) expect(n).toBe(0n);
        },
      ),
    );
  });
});

describe('priceDifferences', () => {
  it('values |difference| × unit cost rounded half up, signed, with totals of rounded lines', () => {
    const rows = computeDifferences([line(1, '1', '0'), line(2, '0', '3'), line(3, '2', '2')], [book(2, '3'), book(3, '2')]);
    const costs: Record<number, string> = { 1: '0.005', 2: '5.66667' };
    const { rows: priced, totals } = priceDifferences(rows, (r) => ({ templateId: r.difference > 0n ? 10 : 20, unitCost: UnitCost.parse(costs[r.itemId])! }));
    expect(priced.map((r) => [r.itemId, r.pricing?.templateId, Money.format(r.value)])).toEqual([
      [1, 10, '0.01'],
      [2, 20, '-17.00'],
      [3, undefined, '0.00'],
    ]);
    expect([totals.surplusValue, totals.shortageValue, totals.netValue].map(Money.format)).toEqual(['0.01', '17.00', '-16.99']);
    expect(totals.differingKeys).toBe(2);
  });
});

describe('scanned codes', () => {
  it('computes and checks GTIN check digits', () => {
    expect(gtinCheckDigit('590123412345')).toBe(7);
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(gtinCheckDigit('0950110153000')).toBe(3);
    expect(gtinCheckDigit('9638507')).toBe(4); // GTIN-8 96385074
    expect(isValidGtin('5901234123457')).toBe(true);
    expect(isValidGtin('96385074')).toBe(true);
    expect(isValidGtin('05901234123457')).toBe(true);
    expect(isValidGtin('5901234123458')).toBe(false);
    expect(gtinForms('05901234123457')).toEqual(['05901234123457', '5901234123457']);
    expect(gtinForms('5901234123457')).toEqual(['5901234123457', '05901234123457']);
    expect(gtinForms('96385074')).toEqual(['96385074', '00000096385074', '0000096385074', '000096385074']);
    expect(gtinForms('ABC-1')).toEqual(['ABC-1']);
  });

  it('tells GS1 element strings from plain barcodes', () => {
    expect(looksLikeGs1('(01)05901234123457')).toBe(true);
    expect(looksLikeGs1(']C10105901234123457')).toBe(true);
    expect(looksLikeGs1('0105901234123457')).toBe(true);
    expect(looksLikeGs1(`0105901234123457\u001d`)).toBe(true);
    expect(looksLikeGs1('5901234123457')).toBe(false);
    expect(looksLikeGs1('ABC-123')).toBe(false);
  });

  it('reads GTIN, lot, expiry and count from real GS1 strings in every form', () => {
    const forms = [
      '(01)05901234123457(17)270331(10)AB-12(37)24',
      '010590123412345717270331' + '10AB-12' + '\u001d' + '3724',
      ']C1' + '010590123412345717270331' + '10AB-12' + '\u001d' + '3724',
      '\u001d' + '01059012341234571727033110AB-12' + '\u001d' + '3724',
    ];
    for (const form of forms) {
      expect(readScanCode(form), form).toMatchObject({ gs1: true, gtin: '05901234123457', lot: 'AB-12', expiry: '2027-03-31', quantity: '24' });
    }
    // a logistic label: SSCC + GTIN of the contained items (AI 02) + count (AI 37)
    expect(readScanCode('(00)359012340000000017(02)05901234123457(37)6(10)L9')).toMatchObject({ gtin: '05901234123457', quantity: '6', lot: 'L9' });
    // AI 30 (variable count); day 00 means the last day of the month
    expect(readScanCode('(01)05901234123457(30)5(17)270200')).toMatchObject({ quantity: '5', expiry: '2027-02-28' });
    // plain codes: candidates for the barcode table
    expect(readScanCode('5901234123457')).toMatchObject({ gs1: false, candidates: ['5901234123457', '05901234123457'] });
    expect(readScanCode(' SKU-7 ')).toMatchObject({ gs1: false, candidates: ['SKU-7'] });
  });

  it('refuses a wrong check digit, a truncated element and a string without GTIN', () => {
    const code = (text: string) => {
      try {
        readScanCode(text);
        return 'read';
      } catch (e) {
        return (e as InventarError).code;
      }
    };
    expect(code('(01)05901234123458')).toBe('INV_ERR_GTIN_CHECK_DIGIT');
    expect(code('5901234123458')).toBe('INV_ERR_GTIN_CHECK_DIGIT');
    expect(code('(01)0590123412')).toBe('INV_ERR_BAD_GS1');
    expect(code('(10)LOT1(37)5')).toBe('INV_ERR_BAD_GS1');
  });
});

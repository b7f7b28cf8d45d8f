/**
 * The locale layer (src/core/locale.ts) against literals written by hand and
 * an independent model: grouping by hand on digit strings with the
 * separators spelled out (ro `.`/`,`, en `,`/`.`), never through Intl.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDecimal, parseDate, parseDecimal, type Locale } from '../../src/core/locale.ts';

const SEP: Record<Locale, { group: string; decimal: string }> = { ro: { group: '.', decimal: ',' }, en: { group: ',', decimal: '.' } };

/** the model: groups of three from the right, by hand */
function model(sign: string, int: string, frac: string, lang: Locale, grouping = true): string {
  const digits = int.replace(/^0+(?=\d)/, '');
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  const negative = sign === '-' && /[1-9]/.test(digits + frac);
  return (negative ? '-' : '') + groups.join(grouping ? SEP[lang].group : '') + (frac ? SEP[lang].decimal + frac : '');
}

const digitString = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((a) => a.join(''));
const lang = fc.constantFrom<Locale>('ro', 'en');

describe('formatDecimal', () => {
  it('writes the literals people read', () => {
    expect(formatDecimal('1234.56', 'ro')).toBe('1.234,56');
    expect(formatDecimal('1234.56', 'en')).toBe('1,234.56');
    expect(formatDecimal('1355.000', 'ro')).toBe('1.355,000');
    expect(formatDecimal('-1234567.50', 'ro')).toBe('-1.234.567,50');
    expect(formatDecimal('45.000', 'ro')).toBe('45,000');
    expect(formatDecimal('999', 'en')).toBe('999');
    expect(formatDecimal('-0.00', 'ro')).toBe('0,00');
    expect(formatDecimal('1234.5', 'ro', { grouping: false })).toBe('1234,5');
    expect(formatDecimal('12', 'ro', { minFractionDigits: 2 })).toBe('12,00');
    // far beyond a double's 15-16 digits: still exact
    expect(formatDecimal('123456789012345678901.123456789', 'en')).toBe('123,456,789,012,345,678,901.123456789');
    expect(formatDecimal('', 'ro')).toBe('');
    expect(formatDecimal(null, 'ro')).toBe('');
    expect(formatDecimal('abc', 'ro')).toBe('abc');
  });

  it('equals the hand model for any decimal', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '-'), digitString(1, 25), digitString(0, 9), lang, fc.boolean(), (sign, int, frac, l, grouping) => {
        const text = sign + int + (frac ? `.${frac}` : '');
        expect(formatDecimal(text, l, { grouping })).toBe(model(sign, int, frac, l, grouping));
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseDecimal', () => {
  it('reads typed numbers in the user language', () => {
    expect(parseDecimal('1.500', 'ro')).toBe('1500');
    expect(parseDecimal('1.234,56', 'ro')).toBe('1234.56');
    expect(parseDecimal('2,5', 'ro')).toBe('2.5');
    expect(parseDecimal('1500', 'ro')).toBe('1500');
    expect(parseDecimal('-1.234.567,5', 'ro')).toBe('-1234567.5');
    expect(parseDecimal('1,500', 'en')).toBe('1500');
    expect(parseDecimal('1,234.56', 'en')).toBe('1234.56');
    expect(parseDecimal('1.5', 'en')).toBe('1.5');
    expect(parseDecimal('1 500,25', 'ro')).toBe('1500.25');
    expect(parseDecimal('-0,0', 'ro')).toBe('0.0');
    expect(parseDecimal('007', 'en')).toBe('7');
  });

  it('refuses what could be read two ways or is no number', () => {
    for (const t of ['1.5', '1.50', '12.3456', '1,2,3', '1.500,5,5', ',5', '5,', '', '-', 'abc', '1.500.5', '1,5.00']) expect(parseDecimal(t, 'ro'), t).toBeUndefined();
    for (const t of ['1,5', '1,50', '1.2.3', '.5', '5.', '1,500.5.5', '1 5']) expect(parseDecimal(t, 'en'), t).toBeUndefined();
  });

  it('reads back what the model writes, grouped or not', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '-'), digitString(1, 20), digitString(0, 8), lang, fc.boolean(), (sign, int, frac, l, grouping) => {
        const typed = model(sign, int, frac, l, grouping);
        const stripped = int.replace(/^0+(?=\d)/, '');
        const value = stripped + (frac ? `.${frac}` : '');
        const expected = sign === '-' && /[1-9]/.test(value) ? `-${value}` : value;
        expect(parseDecimal(typed, l)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips formatDecimal', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 5 }), lang, (scaled, scale, l) => {
        const neg = scaled < 0n;
        const digits = (neg ? -scaled : scaled).toString().padStart(scale + 1, '0');
        const text = (neg ? '-' : '') + (scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits);
        expect(parseDecimal(formatDecimal(text, l), l)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('dates', () => {
  it('reads 31.12.2026 in Romanian and ISO in English', () => {
    expect(formatDate('2026-12-31', 'ro')).toBe('31.12.2026');
    expect(formatDate('2026-01-05', 'ro')).toBe('05.01.2026');
    expect(formatDate('2026-12-31', 'en')).toBe('2026-12-31');
    expect(parseDate('31.12.2026', 'ro')).toBe('2026-12-31');
    expect(parseDate('5.1.2026', 'ro')).toBe('2026-01-05');
    expect(parseDate('2026-12-31', 'ro')).toBe('2026-12-31');
    expect(parseDate('31.02.2026', 'ro')).toBeUndefined();
    expect(parseDate('31.12.2026', 'en')).toBeUndefined();
  });

  it('round-trips every day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(formatDate(iso, 'ro')).toBe(`${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`);
        expect(parseDate(formatDate(iso, 'ro'), 'ro')).toBe(iso);
      }),
      { numRuns: 300 },
    );
  });
});

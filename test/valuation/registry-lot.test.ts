import { describe, expect, it } from 'vitest';
import { valueStream } from '../../src/valuation/index.ts';
import { c, closingState, input, mv, q, show, valueLine } from './helpers.ts';

describe('standard, registry-average, registry-last', () => {
  const ms = [mv('2024-01-01', '10', '100'), mv('2024-01-02', '-4', '0'), mv('2024-01-03', '5', '1', { fiscal: false })];

  it('value the counted stock at the registry cost', () => {
    expect(show(valueStream('standard', input(ms)))).toEqual(['6.000', '7.00000', '42.00']);
    expect(show(valueStream('registry-average', input(ms)))).toEqual(['6.000', '8.00000', '48.00']);
    expect(show(valueStream('registry-last', input(ms)))).toEqual(['6.000', '9.00000', '54.00']);
  });

  it('no movements', () => {
    expect(show(valueStream('standard', input([])))).toEqual(['0.000', '7.00000', '0.00']);
  });
});

describe('lot-cost', () => {
  it('each lot at the weighted average of its loads; total = Σ rounded lot values', () => {
    const r = valueStream(
      'lot-cost',
      input([
        mv('2024-01-01', '3', '1', { lot: 'L2' }),
        mv('2024-01-01', '1', '2', { lot: 'L2' }),
        mv('2024-01-02', '10', '5', { lot: 'L1', updateAverageCost: false }),
        mv('2024-01-03', '-1', '0', { lot: 'L2' }),
        valueLine('2024-01-04', '10.00', { lot: 'L1' }),
        mv('2024-01-05', '-10', '0', { lot: 'L1' }),
        mv('2024-01-06', '1', '0.33333', { lot: 'L3' }),
        mv('2024-01-07', '5', '100', { lot: 'L3', fiscal: false }),
      ]),
    );
    expect(r.lots).toEqual([
      { lot: 'L1', quantity: q('0'), unitCost: c('6'), value: 0n },
      { lot: 'L2', quantity: q('3'), unitCost: c('1.25'), value: 375n },
      { lot: 'L3', quantity: q('1'), unitCost: c('0.33333'), value: 33n },
    ]);
    expect(show(r)).toEqual(['4.000', '1.02000', '4.08']);
  });

  it('a lot without loads takes the average fallback', () => {
    const r = valueStream('lot-cost', input([mv('2024-01-01', '-2', '9', { lot: 'X' })], { closing: closingState() }));
    expect(r.lots).toEqual([{ lot: 'X', quantity: q('-2'), unitCost: c('5'), value: -1000n }]);
  });

  it('no movements: no lots, zero', () => {
    const r = valueStream('lot-cost', input([]));
    expect(r.lots).toEqual([]);
    expect(show(r)).toEqual(['0.000', '0.00000', '0.00']);
  });
});

/**
 * The edge cases of SPEC §6, method by method, through the pure functions:
 * no movements, only unloads, a zero-quantity cost movement, non-fiscal
 * movements ignored, negative stock, the fallback chains and half-up rounding.
 * (Registry: standard 7, average 8, last 9; closing: average 5, rate 6, last 4.)
 */
import { describe, expect, it } from 'vitest';
import { COST_METHODS, isStreamMethod, valueStream, type StreamCostMethod } from '../../src/valuation/index.ts';
import { closingState, input, mv, q, c, show, valueLine } from './helpers.ts';

const METHODS = COST_METHODS.filter(isStreamMethod) as StreamCostMethod[];
type Expect = Record<StreamCostMethod, [string, string, string]>;

function table(movements: Parameters<typeof input>[0], expected: Expect, over: Parameters<typeof input>[1] = {}) {
  for (const method of METHODS) {
    expect(show(valueStream(method, input(movements, over))), method).toEqual(expected[method]);
  }
}

describe('every method, edge by edge', () => {
  it('covers the ten stream methods', () => {
    expect(METHODS).toHaveLength(10);
  });

  it('no movements: zero stock; unit cost from the fallback chain (registry)', () => {
    table([], {
      average: ['0.000', '8.00000', '0.00'],
      'moving-average': ['0.000', '8.00000', '0.00'],
      last: ['0.000', '9.00000', '0.00'],
      fifo: ['0.000', '0.00000', '0.00'],
      'lifo-yearly': ['0.000', '0.00000', '0.00'],
      'fifo-yearly': ['0.000', '0.00000', '0.00'],
      standard: ['0.000', '7.00000', '0.00'],
      'registry-average': ['0.000', '8.00000', '0.00'],
      'registry-last': ['0.000', '9.00000', '0.00'],
      'lot-cost': ['0.000', '0.00000', '0.00'],
    });
  });

  it('no movements after a closing: the closing’s costs come before the registry', () => {
    const closing = closingState({ quantity: q('0'), fifoLayers: [] });
    table(
      [],
      {
        average: ['0.000', '5.00000', '0.00'],
        'moving-average': ['0.000', '6.00000', '0.00'],
        last: ['0.000', '4.00000', '0.00'],
        fifo: ['0.000', '0.00000', '0.00'],
        'lifo-yearly': ['0.000', '0.00000', '0.00'],
        'fifo-yearly': ['0.000', '0.00000', '0.00'],
        standard: ['0.000', '7.00000', '0.00'],
        'registry-average': ['0.000', '8.00000', '0.00'],
        'registry-last': ['0.000', '9.00000', '0.00'],
        'lot-cost': ['0.000', '0.00000', '0.00'],
      },
      { closing },
    );
  });

  it('only unloads: negative stock valued at the fallback cost', () => {
    table([mv('2024-03-01', '-5', '0')], {
      average: ['-5.000', '8.00000', '-40.00'],
      'moving-average': ['-5.000', '8.00000', '-40.00'],
      last: ['-5.000', '9.00000', '-45.00'],
      fifo: ['-5.000', '8.00000', '-40.00'], // one negative layer at the registry average
      'lifo-yearly': ['-5.000', '8.00000', '-40.00'],
      'fifo-yearly': ['-5.000', '8.00000', '-40.00'],
      standard: ['-5.000', '7.00000', '-35.00'],
      'registry-average': ['-5.000', '8.00000', '-40.00'],
      'registry-last': ['-5.000', '9.00000', '-45.00'],
      'lot-cost': ['-5.000', '8.00000', '-40.00'],
    });
  });

  it('a zero-quantity cost movement adds value, not quantity', () => {
    table([mv('2024-03-01', '10', '1'), valueLine('2024-03-02', '5.00')], {
      average: ['10.000', '1.50000', '15.00'],
      'moving-average': ['10.000', '1.50000', '15.00'],
      last: ['10.000', '1.00000', '10.00'], // an amount is not a last cost
      fifo: ['10.000', '1.00000', '10.00'], // layers hold quantities
      'lifo-yearly': ['10.000', '1.50000', '15.00'],
      'fifo-yearly': ['10.000', '1.50000', '15.00'],
      standard: ['10.000', '7.00000', '70.00'],
      'registry-average': ['10.000', '8.00000', '80.00'],
      'registry-last': ['10.000', '9.00000', '90.00'],
      'lot-cost': ['10.000', '1.50000', '15.00'],
    });
    // alone, it has no quantity to value
    for (const method of METHODS) expect(valueStream(method, input([valueLine('2024-03-02', '5.00')])).value, method).toBe(0n);
  });

  it('non-fiscal movements (non-fiscal item or template) are ignored by every method', () => {
    const fiscal = [mv('2024-02-01', '10', '1'), mv('2024-02-03', '-4', '0'), mv('2024-02-05', '6', '2.5')];
    const noise = [mv('2024-02-02', '10', '100', { fiscal: false }), mv('2024-02-04', '-3', '0', { fiscal: false }), valueLine('2024-02-06', '50.00', { fiscal: false })];
    const mixed = [...fiscal, ...noise].sort((a, b) => (a.date < b.date ? -1 : 1));
    for (const method of METHODS) expect(valueStream(method, input(mixed)), method).toEqual(valueStream(method, input(fiscal)));
  });

  it('negative stock then a load: fifo fills the negative layer, moving-average restarts at the load cost', () => {
    const ms = [mv('2024-02-01', '5', '2'), mv('2024-02-02', '-8', '0')];
    expect(show(valueStream('fifo', input(ms)))).toEqual(['-3.000', '2.00000', '-6.00']); // at the last consumed cost
    expect(show(valueStream('moving-average', input(ms)))).toEqual(['-3.000', '2.00000', '-6.00']);
    const after = [...ms, mv('2024-02-03', '10', '3')];
    expect(show(valueStream('fifo', input(after)))).toEqual(['7.000', '3.00000', '21.00']);
    expect(show(valueStream('moving-average', input(after)))).toEqual(['7.000', '3.00000', '21.00']);
  });

  it('half-up rounding at .xx5, away from zero for negative values', () => {
    const up = [mv('2024-02-01', '1', '0.005')]; // 1 × 0.00500 = 0.005
    const down = [...up, mv('2024-02-02', '-2', '0')]; // −1 × 0.00500 = −0.005
    for (const method of ['average', 'moving-average', 'last', 'fifo', 'lifo-yearly', 'fifo-yearly', 'lot-cost'] as const) {
      expect(show(valueStream(method, input(up)))[2], method).toBe('0.01');
      expect(show(valueStream(method, input(down)))[2], method).toBe('-0.01');
    }
    // unit cost at .xxxxx5: (1 × 0.00001 + 1 × 0.00002) / 2 = 0.000015 → 0.00002
    expect(valueStream('average', input([mv('2024-02-01', '1', '0.00001'), mv('2024-02-02', '1', '0.00002')])).unitCost).toBe(c('0.00002'));
  });
});

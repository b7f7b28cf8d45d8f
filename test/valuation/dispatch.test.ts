import { describe, expect, it } from 'vitest';
import {
  COST_METHODS,
  isCostMethod,
  isStreamMethod,
  openValuation,
  purchaseTotals,
  valueStream,
  type StreamCostMethod,
} from '../../src/valuation/index.ts';
import { closingState, ctx, EXAMPLE_A, history, input, mv, q, valueLine } from './helpers.ts';

const STREAM_METHODS = COST_METHODS.filter(isStreamMethod);

describe('dispatch', () => {
  it('knows all twelve methods, ten of them computed here', () => {
    expect([...COST_METHODS].sort()).toEqual(
      [
        'average',
        'moving-average',
        'last',
        'fifo',
        'lifo-yearly',
        'fifo-yearly',
        'standard',
        'registry-average',
        'registry-last',
        'management-area',
        'lot-cost',
        'history',
      ].sort(),
    );
    expect(STREAM_METHODS).toHaveLength(10);
    expect(isCostMethod('fifo')).toBe(true);
    expect(isCostMethod('lifo')).toBe(false);
    expect(isStreamMethod('management-area')).toBe(false);
    expect(isStreamMethod('history')).toBe(false);
  });

  it('refuses the methods the caller resolves', () => {
    expect(() => openValuation('management-area' as StreamCostMethod, ctx())).toThrow(RangeError);
    expect(() => valueStream('history' as StreamCostMethod, input([]))).toThrow(RangeError);
  });

  it('refuses a stream out of date order', () => {
    expect(() => valueStream('average', input([mv('2024-02-01', '1', '1'), mv('2024-01-01', '1', '1')]))).toThrow(
      /out of order/,
    );
  });

  it('streaming one movement at a time gives the same result, and result() can be asked midway', () => {
    const movements = [...EXAMPLE_A, valueLine('2024-01-14', '3.00'), mv('2024-01-15', '-30', '0')];
    const c = ctx({ closing: closingState(), years: [history(2023, '0', '1')] });
    for (const method of STREAM_METHODS) {
      const v = openValuation(method, c);
      movements.slice(0, 2).forEach((m) => v.push(m));
      const midway = v.result();
      expect(midway).toEqual(valueStream(method, { ...c, movements: movements.slice(0, 2) }));
      movements.slice(2).forEach((m) => v.push(m));
      expect(v.result()).toEqual(valueStream(method, { ...c, movements }));
      expect(v.result()).toEqual(v.result());
      expect(v.result().quantity).toBe(q('-10'));
    }
  });

  it('purchaseTotals: update-average loads and value lines, no opening, no unloads, fiscal only', () => {
    const t = purchaseTotals(
      [
        mv('2024-01-01', '5', '1', { opening: true }),
        mv('2024-01-02', '2', '3'),
        mv('2024-01-03', '2', '3', { updateAverageCost: false }),
        mv('2024-01-04', '2', '3', { fiscal: false }),
        mv('2024-01-05', '-1', '3'),
        valueLine('2024-01-06', '1.50'),
      ],
      ctx(),
    );
    expect(t).toEqual({ quantity: q('2'), value: 7_50000000n });
  });
});

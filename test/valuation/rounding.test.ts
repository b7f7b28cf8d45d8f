import { describe, expect, it } from 'vitest';
import { valueStream } from '../../src/valuation/index.ts';
import { c, input, mv, REGISTRY, show } from './helpers.ts';

describe('half-up rounding (away from zero)', () => {
  const reg = { ...REGISTRY, standardCost: c('0.01') };

  it('a value of exactly x.xx5 rounds up', () => {
    expect(show(valueStream('standard', input([mv('2024-01-01', '1.5', '1')], { registry: reg })))).toEqual([
      '1.500',
      '0.01000',
      '0.02',
    ]);
  });

  it('a negative value of exactly -x.xx5 rounds away from zero', () => {
    expect(show(valueStream('standard', input([mv('2024-01-01', '-1.5', '1')], { registry: reg })))).toEqual([
      '-1.500',
      '0.01000',
      '-0.02',
    ]);
  });

  it('just below half rounds down', () => {
    expect(show(valueStream('standard', input([mv('2024-01-01', '1.499', '1')], { registry: reg })))).toEqual([
      '1.499',
      '0.01000',
      '0.01',
    ]);
  });

  it('average unit cost at exactly .xxxxx5 rounds up', () => {
    // (1.00001 + 1.00000) / 2 = 1.000005 → 1.00001
    const r = valueStream('average', input([mv('2024-01-01', '1', '1.00001'), mv('2024-01-02', '1', '1')]));
    expect(show(r)).toEqual(['2.000', '1.00001', '2.00']);
  });

  it('fifo rounds the exact layer sum once: 0.001 × 5 = 0.005 → 0.01, and -0.005 → -0.01', () => {
    expect(show(valueStream('fifo', input([mv('2024-01-01', '0.001', '5')])))).toEqual([
      '0.001',
      '5.00000',
      '0.01',
    ]);
    const neg = valueStream('fifo', input([mv('2024-01-01', '1', '5'), mv('2024-01-02', '-1.001', '0')]));
    expect(show(neg)).toEqual(['-0.001', '5.00000', '-0.01']);
  });

  it('fifo: layers rounded together, not one by one (0.004 + 0.004 → 0.01)', () => {
    const r = valueStream(
      'fifo',
      input([mv('2024-01-01', '0.001', '4'), mv('2024-01-02', '0.001', '4.00001')]),
    );
    // exact 0.00800001 → 0.01; per layer it would be 0.00 + 0.00
    expect(r.value).toBe(1n);
  });
});

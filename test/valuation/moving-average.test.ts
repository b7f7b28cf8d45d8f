import { describe, expect, it } from 'vitest';
import { valueStream } from '../../src/valuation/index.ts';
import { c, closeAt, closingState, input, mv, q, show, valueLine } from './helpers.ts';

describe('moving-average', () => {
  it('no movements, no closing: registry average', () => {
    expect(show(valueStream('moving-average', input([])))).toEqual(['0.000', '8.00000', '0.00']);
  });

  it('no movements: the closing rate', () => {
    expect(show(valueStream('moving-average', input([], { closing: closingState() })))).toEqual([
      '0.000',
      '6.00000',
      '0.00',
    ]);
  });

  it('only unloads: leave at the starting rate', () => {
    const r = valueStream('moving-average', input([mv('2024-01-01', '-2', '99')]));
    expect(show(r)).toEqual(['-2.000', '8.00000', '-16.00']);
  });

  it('rate is rounded to 5 decimals after each load', () => {
    // (1 × 1 + 2 × 2) / 3 = 1.666666… → 1.66667; then (3 × 1.66667 + 1 × 1) / 4 = 1.5000025 → 1.50000
    const r = valueStream(
      'moving-average',
      input([mv('2024-01-01', '1', '1'), mv('2024-01-02', '2', '2'), mv('2024-01-03', '1', '1')]),
    );
    expect(show(r)).toEqual(['4.000', '1.50000', '6.00']);
  });

  it('negative stock: the next load resets the rate to its own cost', () => {
    const r = valueStream(
      'moving-average',
      input([
        mv('2024-01-01', '10', '10'),
        mv('2024-01-02', '-15', '0'),
        mv('2024-01-03', '20', '14'),
        mv('2024-01-04', '5', '4'),
      ]),
    );
    // stock -5 before the load of 20 → rate 14; then (15 × 14 + 5 × 4) / 20 = 11.5
    expect(show(r)).toEqual(['20.000', '11.50000', '230.00']);
  });

  it('zero stock before a load resets the rate too', () => {
    const r = valueStream(
      'moving-average',
      input([mv('2024-01-01', '10', '10'), mv('2024-01-02', '-10', '0'), mv('2024-01-03', '1', '3')]),
    );
    expect(show(r)).toEqual(['1.000', '3.00000', '3.00']);
  });

  it('loads on templates that do not update the average enter at the current rate', () => {
    const r = valueStream(
      'moving-average',
      input([mv('2024-01-01', '10', '10'), mv('2024-01-02', '10', '30', { updateAverageCost: false })]),
    );
    expect(show(r)).toEqual(['20.000', '10.00000', '200.00']);
  });

  it('a zero-quantity consider-zero line spreads its amount over the stock', () => {
    const r = valueStream(
      'moving-average',
      input([mv('2024-01-01', '10', '10'), valueLine('2024-01-02', '5.00')]),
    );
    expect(show(r)).toEqual(['10.000', '10.50000', '105.00']);
  });

  it('non-fiscal movements are ignored', () => {
    const r = valueStream(
      'moving-average',
      input([mv('2024-01-01', '10', '10'), mv('2024-01-02', '10', '30', { fiscal: false })]),
    );
    expect(show(r)).toEqual(['10.000', '10.00000', '100.00']);
  });

  it('from a closing state + opening record = over the full history', () => {
    const prefix = [
      mv('2023-03-01', '10', '10'),
      mv('2023-04-01', '7', '13.33333'),
      mv('2023-05-01', '-4', '0'),
      mv('2023-06-01', '3', '9.1'),
    ];
    const suffix = [mv('2024-02-01', '-6', '0'), mv('2024-03-01', '9', '17.77777'), mv('2024-04-01', '-2', '0')];
    const full = valueStream('moving-average', input([...prefix, ...suffix]));
    const { closing, opening } = closeAt(prefix, '2023-12-31', '2024-01-01');
    const resumed = valueStream('moving-average', input([...opening, ...suffix], { closing }));
    expect(resumed).toEqual(full);
    expect(closing.quantity).toBe(q('16'));
  });

  it('without a closing state an opening line is a load that sets the rate', () => {
    const r = valueStream(
      'moving-average',
      input([mv('2024-01-01', '10', '4', { opening: true, updateAverageCost: false })]),
    );
    expect(r.unitCost).toBe(c('4'));
  });
});

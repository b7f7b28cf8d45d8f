import { describe, expect, it } from 'vitest';
import { valueStream } from '../../src/valuation/index.ts';
import { c, closingState, input, mv, q, show, valueLine } from './helpers.ts';

describe('average (periodic CMP)', () => {
  it('no movements, no closing: registry average', () => {
    expect(show(valueStream('average', input([])))).toEqual(['0.000', '8.00000', '0.00']);
  });

  it('no movements: the last closing average', () => {
    expect(show(valueStream('average', input([], { closing: closingState() })))).toEqual([
      '0.000',
      '5.00000',
      '0.00',
    ]);
  });

  it('only unloads: fallback cost, negative stock valued at it', () => {
    const r = valueStream('average', input([mv('2024-01-01', '-3', '11'), mv('2024-01-02', '-1', '11')]));
    expect(show(r)).toEqual(['-4.000', '8.00000', '-32.00']);
  });

  it('unloads do not feed the average even on an update-average template', () => {
    const r = valueStream('average', input([mv('2024-01-01', '10', '10'), mv('2024-01-02', '-5', '100')]));
    expect(show(r)).toEqual(['5.000', '10.00000', '50.00']);
  });

  it('loads on templates without update-average-cost do not feed it', () => {
    const r = valueStream(
      'average',
      input([mv('2024-01-01', '10', '10'), mv('2024-01-02', '10', '20', { updateAverageCost: false })]),
    );
    expect(show(r)).toEqual(['20.000', '10.00000', '200.00']);
  });

  it('a zero-quantity consider-zero line adds its amount to the value only', () => {
    const r = valueStream(
      'average',
      input([mv('2024-01-01', '10', '10'), valueLine('2024-01-02', '25.50'), mv('2024-01-03', '10', '12')]),
    );
    // (100 + 25.50 + 120) / 20 = 12.275
    expect(show(r)).toEqual(['20.000', '12.27500', '245.50']);
  });

  it('a zero-quantity line of a template that does not consider zero is ignored', () => {
    const r = valueStream(
      'average',
      input([mv('2024-01-01', '10', '10'), valueLine('2024-01-02', '25.50', { considerZero: false })]),
    );
    expect(show(r)).toEqual(['10.000', '10.00000', '100.00']);
  });

  it('only a zero-quantity line: nothing to divide by, fallback', () => {
    const r = valueStream('average', input([valueLine('2024-01-02', '25.50')], { closing: closingState() }));
    expect(show(r)).toEqual(['0.000', '5.00000', '0.00']);
  });

  it('non-fiscal movements are ignored', () => {
    const r = valueStream(
      'average',
      input([mv('2024-01-01', '10', '10'), mv('2024-01-02', '10', '50', { fiscal: false })]),
    );
    expect(show(r)).toEqual(['10.000', '10.00000', '100.00']);
  });

  it('the opening record takes part like any load, whatever its template flags', () => {
    const r = valueStream(
      'average',
      input(
        [
          mv('2024-01-01', '10', '5', { opening: true, updateAverageCost: false }),
          mv('2024-02-01', '10', '7'),
        ],
        { closing: closingState({ quantity: q('10'), averageCost: c('5') }) },
      ),
    );
    expect(show(r)).toEqual(['20.000', '6.00000', '120.00']);
  });

  it('movements dated after the valuation date are ignored', () => {
    const r = valueStream(
      'average',
      input([mv('2024-01-01', '10', '10'), mv('2025-01-01', '10', '20')], { date: '2024-12-31' }),
    );
    expect(show(r)).toEqual(['10.000', '10.00000', '100.00']);
  });
});

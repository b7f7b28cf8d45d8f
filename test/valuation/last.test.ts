import { describe, expect, it } from 'vitest';
import { valueStream } from '../../src/valuation/index.ts';
import { c, closingState, input, mv, show, valueLine } from './helpers.ts';

describe('last', () => {
  it('no movements, no closing: registry last cost', () => {
    expect(show(valueStream('last', input([])))).toEqual(['0.000', '9.00000', '0.00']);
  });

  it('no movements: the closing last cost', () => {
    expect(show(valueStream('last', input([], { closing: closingState() })))).toEqual([
      '0.000',
      '4.00000',
      '0.00',
    ]);
  });

  it('only unloads: fallback chain', () => {
    const r = valueStream('last', input([mv('2024-01-01', '-2', '50')], { closing: closingState() }));
    expect(show(r)).toEqual(['-2.000', '4.00000', '-8.00']);
  });

  it('latest load on an update-last-cost template; later unloads and other templates do not count', () => {
    const r = valueStream(
      'last',
      input([
        mv('2024-01-01', '10', '10'),
        mv('2024-01-02', '5', '11'),
        mv('2024-01-03', '5', '30', { updateLastCost: false }),
        mv('2024-01-04', '-2', '77'),
      ]),
    );
    expect(show(r)).toEqual(['18.000', '11.00000', '198.00']);
  });

  it('zero-quantity cost lines and opening lines are not a last cost', () => {
    const r = valueStream(
      'last',
      input(
        [
          mv('2024-01-01', '10', '3', { opening: true }),
          valueLine('2024-01-02', '5.00', { unitCost: c('0.01234') }),
        ],
        { closing: closingState() },
      ),
    );
    expect(show(r)).toEqual(['10.000', '4.00000', '40.00']);
  });

  it('non-fiscal movements are ignored', () => {
    const r = valueStream(
      'last',
      input([mv('2024-01-01', '10', '10'), mv('2024-01-02', '10', '30', { fiscal: false })]),
    );
    expect(show(r)).toEqual(['10.000', '10.00000', '100.00']);
  });
});

import { describe, expect, it } from 'vitest';
import { Quantity } from '../../src/core/decimal.ts';
import { valueStream } from '../../src/valuation/index.ts';
import { c, closingState, EXAMPLE_A, history, input, mv, q, show } from './helpers.ts';

describe('SPEC §6 worked example A', () => {
  const inp = input(EXAMPLE_A);

  it('average 11.80 → 236.00', () => {
    expect(show(valueStream('average', inp))).toEqual(['20.000', '11.80000', '236.00']);
  });

  it('moving-average 12.00 → 240.00', () => {
    expect(show(valueStream('moving-average', inp))).toEqual(['20.000', '12.00000', '240.00']);
  });

  it('fifo layers 5@10, 10@12, 5@15 → 245.00 (12.25)', () => {
    const r = valueStream('fifo', inp);
    expect(show(r)).toEqual(['20.000', '12.25000', '245.00']);
    expect(r.layers).toEqual([
      { date: '2024-01-10', quantity: q('5'), unitCost: c('10') },
      { date: '2024-01-11', quantity: q('10'), unitCost: c('12') },
      { date: '2024-01-13', quantity: q('5'), unitCost: c('15') },
    ]);
  });

  it('last 15.00 → 300.00', () => {
    expect(show(valueStream('last', inp))).toEqual(['20.000', '15.00000', '300.00']);
  });
});

describe('SPEC §6 worked example B (lifo-yearly)', () => {
  const years = [
    history(2020, '100', '2.00', '100'),
    history(2021, '0', '1.80', '50'),
    history(2022, '60', '1.50', '60'),
    history(2023, '100', '2.50', '100'),
  ];
  const movements = [
    mv('2024-01-01', '100', '2.20', { opening: true, updateAverageCost: false }),
    mv('2024-02-01', '50', '2.80'),
    mv('2024-03-01', '-30', '0'),
    mv('2024-04-01', '50', '3.20'),
  ];
  const inp = input(movements, {
    date: '2024-05-23',
    closing: closingState({ quantity: q('100') }),
    years,
  });

  it('layers 70@3.00 (2024), 40@2.50 (2023), 60@1.50 (2022) → 400.00, unit 2.35294', () => {
    const r = valueStream('lifo-yearly', inp);
    expect(show(r)).toEqual(['170.000', '2.35294', '400.00']);
    expect(r.yearLayers).toEqual([
      { year: 2024, quantity: q('70'), unitCost: c('3') },
      { year: 2023, quantity: q('40'), unitCost: c('2.5') },
      { year: 2022, quantity: q('60'), unitCost: c('1.5') },
    ]);
  });

  it('history given in any order', () => {
    const r = valueStream('lifo-yearly', { ...inp, years: [...years].reverse() });
    expect(r.value).toBe(400_00n);
  });

  it('fifo-yearly on the same data: 100@3.00 (2024), 70@2.50 (2023) → 475.00', () => {
    const r = valueStream('fifo-yearly', inp);
    expect(show(r)).toEqual(['170.000', '2.79412', '475.00']);
    expect(r.yearLayers).toEqual([
      { year: 2024, quantity: q('100'), unitCost: c('3') },
      { year: 2023, quantity: q('70'), unitCost: c('2.5') },
    ]);
    expect(r.quantity).toBe(Quantity.of(170));
  });
});

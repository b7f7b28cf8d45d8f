import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExactValue, Quantity, UnitCost } from '../../src/core/decimal.ts';
import { valueStream, type YearHistory } from '../../src/valuation/index.ts';
import { c, closeAt, closingState, history, input, mv, q, REGISTRY, show } from './helpers.ts';
import { naiveFifoYearly, naiveLifoYearly, stepArb, streamOf } from './naive.ts';

const yl = (year: number, quantity: string, unitCost: string) => ({
  year,
  quantity: q(quantity),
  unitCost: c(unitCost),
});

const EXAMPLE_B_YEARS = [
  history(2020, '100', '2.00', '100'),
  history(2021, '0', '1.80', '50'),
  history(2022, '60', '1.50', '60'),
  history(2023, '100', '2.50', '100'),
];

describe('lifo-yearly', () => {
  it('no history, no closing: everything is the current-year increment', () => {
    const r = valueStream(
      'lifo-yearly',
      input([mv('2024-01-01', '10', '2'), mv('2024-02-01', '10', '4'), mv('2024-03-01', '-5', '0')]),
    );
    expect(r.yearLayers).toEqual([yl(2024, '15', '3')]);
    expect(show(r)).toEqual(['15.000', '3.00000', '45.00']);
  });

  it('no purchases this year: the increment at the average cost (closing, then registry)', () => {
    const r = valueStream(
      'lifo-yearly',
      input([mv('2024-01-01', '5', '2', { updateAverageCost: false })], { closing: closingState() }),
    );
    expect(r.yearLayers).toEqual([yl(2024, '5', '5')]);
    const r2 = valueStream('lifo-yearly', input([mv('2024-01-01', '5', '2', { updateAverageCost: false })]));
    expect(r2.yearLayers).toEqual([yl(2024, '5', '8')]);
  });

  it('no movements: zero, no layers', () => {
    const r = valueStream('lifo-yearly', input([], { years: EXAMPLE_B_YEARS }));
    expect(r.yearLayers).toEqual([]);
    expect(show(r)).toEqual(['0.000', '0.00000', '0.00']);
  });

  it('stock below the last closed year: taken from the older years first reached', () => {
    // Q = 50: increment 0; r = 50; 2023 has b(2022) = 60 ≥ 50 → nothing; 2022 → 50 @ 1.50
    const r = valueStream(
      'lifo-yearly',
      input([mv('2024-01-01', '100', '2.5', { opening: true }), mv('2024-02-01', '-50', '0')], {
        date: '2024-05-23',
        closing: closingState({ quantity: q('100') }),
        years: EXAMPLE_B_YEARS,
      }),
    );
    expect(r.yearLayers).toEqual([yl(2022, '50', '1.5')]);
    expect(show(r)).toEqual(['50.000', '1.50000', '75.00']);
  });

  it('history ends: the rest at the oldest year cost', () => {
    const years = [history(2022, '30', '2.00', '30'), history(2023, '100', '2.50', '80')];
    const r = valueStream(
      'lifo-yearly',
      input([mv('2024-01-01', '100', '2.2', { opening: true })], {
        closing: closingState({ quantity: q('100') }),
        years,
      }),
    );
    expect(r.yearLayers).toEqual([yl(2023, '70', '2.5'), yl(2022, '30', '2')]);
    expect(r.value).toBe(23500n);
  });

  it('negative stock: one layer at the current-year cost', () => {
    const r = valueStream(
      'lifo-yearly',
      input([mv('2024-01-01', '4', '3'), mv('2024-02-01', '-10', '0')], { years: EXAMPLE_B_YEARS }),
    );
    expect(r.yearLayers).toEqual([yl(2024, '-6', '3')]);
    expect(show(r)).toEqual(['-6.000', '3.00000', '-18.00']);
  });

  it('non-fiscal purchases are ignored', () => {
    const r = valueStream(
      'lifo-yearly',
      input([mv('2024-01-01', '10', '2'), mv('2024-01-02', '10', '50', { fiscal: false })]),
    );
    expect(r.yearLayers).toEqual([yl(2024, '10', '2')]);
  });

  describe('years after the last closing come from the stream', () => {
    const y2022 = [mv('2022-03-01', '60', '1.5')];
    const y2023a = [mv('2023-02-01', '50', '2'), mv('2023-05-01', '-30', '0')];
    const y2023b = [mv('2023-08-01', '50', '3'), mv('2023-09-01', '-30', '0')];
    const y2024 = [mv('2024-02-01', '70', '3')];
    const D = { date: '2024-05-23' };
    const expected = [yl(2024, '70', '3'), yl(2023, '40', '2.5'), yl(2022, '60', '1.5')];

    it('no closing at all', () => {
      const r = valueStream('lifo-yearly', input([...y2022, ...y2023a, ...y2023b, ...y2024], D));
      expect(r.yearLayers).toEqual(expected);
      expect(r.value).toBe(400_00n);
    });

    it('closed at year end 2022 (2023 not closed)', () => {
      const { closing, opening } = closeAt(y2022, '2022-12-31', '2023-01-01');
      const r = valueStream(
        'lifo-yearly',
        input([...opening, ...y2023a, ...y2023b, ...y2024], {
          ...D,
          closing,
          years: [history(2022, '60', '1.5', '60')],
        }),
      );
      expect(r.yearLayers).toEqual(expected);
    });

    it('closed mid-year 2023: purchases of the year are merged', () => {
      const { closing, opening } = closeAt([...y2022, ...y2023a], '2023-06-30', '2023-07-01');
      const r = valueStream(
        'lifo-yearly',
        input([...opening, ...y2023b, ...y2024], {
          ...D,
          closing,
          years: [history(2022, '60', '1.5', '60'), history(2023, '80', '2', '50')],
        }),
      );
      expect(r.yearLayers).toEqual(expected);
    });

    it('closed mid-year in the current year too: this year\'s earlier purchases count', () => {
      const y2024a = [mv('2024-01-15', '30', '2')];
      const y2024b = [mv('2024-04-15', '40', '3.75')];
      const all = [...y2022, ...y2023a, ...y2023b, ...y2024a, ...y2024b];
      const full = valueStream('lifo-yearly', input(all, D));
      // 2024 purchases: (30 × 2 + 40 × 3.75) / 70 = 3.00
      expect(full.yearLayers).toEqual(expected);
      const { closing, opening } = closeAt([...y2022, ...y2023a, ...y2023b, ...y2024a], '2024-03-31', '2024-04-01');
      const resumed = input([...opening, ...y2024b], {
        ...D,
        closing,
        years: [
          history(2022, '60', '1.5', '60'),
          history(2023, '80', '2', '50'), // closed 2023-06-30
          history(2023, '100', '3', '50'), // closed 2023-12-31
          history(2024, '130', '2', '30'), // closed 2024-03-31
        ],
      });
      expect(valueStream('lifo-yearly', resumed)).toEqual(full);
      expect(valueStream('fifo-yearly', resumed)).toEqual(valueStream('fifo-yearly', input(all, D)));
    });

    it('a year without movements keeps the stock of the year before', () => {
      // 2022: 60 @ 1.5; 2023: nothing; 2024: +70 @ 3 → b(2023) = b(2022) = 60
      const r = valueStream('lifo-yearly', input([...y2022, ...y2024], D));
      expect(r.yearLayers).toEqual([yl(2024, '70', '3'), yl(2022, '60', '1.5')]);
    });
  });
});

describe('fifo-yearly', () => {
  it('most recent purchases first, the rest at the oldest known cost (merged into its layer)', () => {
    const years = [history(2023, '10', '2.50', '10')];
    const r = valueStream(
      'fifo-yearly',
      input([mv('2024-01-01', '10', '9', { opening: true }), mv('2024-02-01', '20', '3'), mv('2024-03-01', '-5', '0')], {
        closing: closingState({ quantity: q('10') }),
        years,
      }),
    );
    // Q = 25: 20 @ 3 (2024), then 5 of 2023's 10 @ 2.5
    expect(r.yearLayers).toEqual([yl(2024, '20', '3'), yl(2023, '5', '2.5')]);
    const big = valueStream(
      'fifo-yearly',
      input([mv('2024-01-01', '30', '9', { opening: true }), mv('2024-02-01', '5', '3')], {
        closing: closingState({ quantity: q('30') }),
        years,
      }),
    );
    // Q = 35: 5 @ 3, 10 @ 2.5, the remaining 20 also @ 2.5
    expect(big.yearLayers).toEqual([yl(2024, '5', '3'), yl(2023, '30', '2.5')]);
    expect(show(big)).toEqual(['35.000', '2.57143', '90.00']);
  });

  it('oldest known year without purchases still gives its cost to the rest', () => {
    const years = [history(2022, '0', '1.00'), history(2023, '10', '2.50', '10')];
    const r = valueStream(
      'fifo-yearly',
      input([mv('2024-01-01', '30', '9', { opening: true })], {
        closing: closingState({ quantity: q('30') }),
        years,
      }),
    );
    expect(r.yearLayers).toEqual([yl(2023, '10', '2.5'), yl(2022, '20', '1')]);
  });

  it('no purchases anywhere: all at the current-year cost (average fallback)', () => {
    const r = valueStream('fifo-yearly', input([mv('2024-01-01', '3', '2', { updateAverageCost: false })]));
    expect(r.yearLayers).toEqual([yl(2024, '3', '8')]);
    expect(show(r)).toEqual(['3.000', '8.00000', '24.00']);
  });

  it('negative stock: one layer at the current-year cost', () => {
    const r = valueStream('fifo-yearly', input([mv('2024-01-01', '2', '3'), mv('2024-01-02', '-3', '0')]));
    expect(r.yearLayers).toEqual([yl(2024, '-1', '3')]);
  });
});

describe('lifo-yearly and fifo-yearly against the naive model (naive.ts: plain year rows, its own arithmetic)', () => {
  it('the model itself gives worked example B: 70@3.00, 40@2.50, 60@1.50 = 400.00', () => {
    const ms = [mv('2024-01-01', '100', '2.5', { opening: true }), mv('2024-02-01', '100', '3'), mv('2024-03-01', '-30', '0')];
    const model = naiveLifoYearly(ms, { date: '2024-05-23', registryAverage: REGISTRY.averageCost, closingAverage: c('5'), years: EXAMPLE_B_YEARS });
    expect(model.layers).toEqual([yl(2024, '70', '3'), yl(2023, '40', '2.5'), yl(2022, '60', '1.5')]);
    expect([model.quantity, model.value]).toEqual([170_000n, 400_00n]);
  });

  /** closed years as the closing history gives them: in year order, some years twice, some after D */
  const yearsArb = fc
    .array(
      fc.record({
        year: fc.integer({ min: 2019, max: 2025 }),
        b: fc.bigInt({ min: -100_000n, max: 1_000_000n }),
        purchased: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 1_000_000n })),
        cost: fc.bigInt({ min: 0n, max: 10_000_000n }),
        given: fc.bigInt({ min: 0n, max: 10_000_000n }),
      }),
      { maxLength: 6 },
    )
    .map((rows) =>
      [...rows]
        .sort((x, y) => x.year - y.year)
        .map(
          (r): YearHistory => ({
            year: r.year,
            closingQuantity: r.b as Quantity,
            purchasedQuantity: r.purchased as Quantity,
            purchasedValue: (r.purchased * r.cost) as ExactValue,
            averagePurchaseCost: r.given as UnitCost,
          }),
        ),
    );

  it('any stream over several years, any closed-year history, with or without a closing, D mid-year or at year end', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb({ maxDays: 60 }), { maxLength: 40 }),
        fc.constantFrom('2022-01-01', '2023-06-15', '2024-01-01'),
        yearsArb,
        fc.option(fc.bigInt({ min: 0n, max: 10_000_000n }), { nil: undefined }),
        fc.constantFrom('2024-05-23', '2024-12-31'),
        (steps, start, years, closingAverage, date) => {
          const ms = streamOf(steps, start);
          const closing = closingAverage === undefined ? undefined : closingState({ averageCost: closingAverage as UnitCost });
          const o = { date, registryAverage: REGISTRY.averageCost, closingAverage, years };
          for (const [method, model] of [
            ['lifo-yearly', naiveLifoYearly(ms, o)],
            ['fifo-yearly', naiveFifoYearly(ms, o)],
          ] as const) {
            const r = valueStream(method, input(ms, { date, years, ...(closing ? { closing } : {}) }));
            expect(r.yearLayers).toEqual(model.layers);
            expect([r.quantity, r.unitCost, r.value]).toEqual([model.quantity, model.unitCost, model.value]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

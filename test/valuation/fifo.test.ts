import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Quantity, UnitCost } from '../../src/core/decimal.ts';
import { valueStream, type FifoLayer } from '../../src/valuation/index.ts';
import { c, closeAt, closingState, EXAMPLE_A, input, mv, q, REGISTRY, show, valueLine } from './helpers.ts';
import { naiveFifo, stepArb, streamOf, type Lot } from './naive.ts';

const layer = (date: string, quantity: string, unitCost: string) => ({
  date,
  quantity: q(quantity),
  unitCost: c(unitCost),
});

describe('fifo', () => {
  it('no movements: no layers, zero', () => {
    const r = valueStream('fifo', input([]));
    expect(show(r)).toEqual(['0.000', '0.00000', '0.00']);
    expect(r.layers).toEqual([]);
  });

  it('no movements after a closing: the closing layers', () => {
    const closing = closingState({
      quantity: q('3'),
      fifoLayers: [layer('2023-05-01', '1', '2'), layer('2023-06-01', '2', '3')],
    });
    const r = valueStream('fifo', input([], { closing }));
    expect(show(r)).toEqual(['3.000', '2.66667', '8.00']);
    expect(r.layers).toEqual(closing.fifoLayers);
    expect(r.layers?.[0]).not.toBe(closing.fifoLayers[0]);
  });

  it('only unloads, nothing ever consumed: one negative layer at the average fallback', () => {
    const r = valueStream('fifo', input([mv('2024-01-01', '-2', '99'), mv('2024-01-02', '-1', '99')]));
    expect(r.layers).toEqual([layer('2024-01-01', '-3', '8')]);
    expect(show(r)).toEqual(['-3.000', '8.00000', '-24.00']);
  });

  it('negative stock right after a zero-stock closing: the closing\'s last consumed cost, else registry average', () => {
    const unloadFirst = [mv('2024-01-02', '-2', '0')];
    const kept = valueStream(
      'fifo',
      input(unloadFirst, { closing: closingState({ fifoLastConsumedCost: c('3.5') }) }),
    );
    expect(kept.layers).toEqual([layer('2024-01-02', '-2', '3.5')]);
    // not the closing's average cost (5): the full history would not know it
    const notKept = valueStream('fifo', input(unloadFirst, { closing: closingState() }));
    expect(notKept.layers).toEqual([layer('2024-01-02', '-2', '8')]);
  });

  it('reports the last consumed cost for the closing to keep', () => {
    const r = valueStream('fifo', input([mv('2024-01-01', '2', '5'), mv('2024-01-02', '3', '6'), mv('2024-01-03', '-3', '0')]));
    expect(r.lastConsumedCost).toBe(c('6'));
    expect(valueStream('fifo', input([mv('2024-01-01', '2', '5')])).lastConsumedCost).toBeUndefined();
  });

  it('an unload beyond the layers leaves a negative layer at the last consumed cost', () => {
    const r = valueStream(
      'fifo',
      input([mv('2024-01-01', '2', '5'), mv('2024-01-02', '3', '6'), mv('2024-01-03', '-7', '0')]),
    );
    expect(r.layers).toEqual([layer('2024-01-03', '-2', '6')]);
    expect(show(r)).toEqual(['-2.000', '6.00000', '-12.00']);
  });

  it('the next load fills the negative layer first, the rest is a new layer', () => {
    const r = valueStream(
      'fifo',
      input([
        mv('2024-01-01', '2', '5'),
        mv('2024-01-02', '-5', '0'),
        mv('2024-01-03', '-1', '0'),
        mv('2024-01-04', '3', '7'),
        mv('2024-01-05', '4', '9'),
      ]),
    );
    // -4 @ 5 after the unloads; 3 fills to -1; 4 fills 1, 3 remain @ 9
    expect(r.layers).toEqual([layer('2024-01-05', '3', '9')]);
    expect(show(r)).toEqual(['3.000', '9.00000', '27.00']);
  });

  it('a load exactly filling the negative layer leaves no layer', () => {
    const r = valueStream('fifo', input([mv('2024-01-01', '-2', '0'), mv('2024-01-02', '2', '4')]));
    expect(r.layers).toEqual([]);
    expect(show(r)).toEqual(['0.000', '0.00000', '0.00']);
  });

  it('same date and cost loads merge into one layer', () => {
    const r = valueStream('fifo', input([mv('2024-01-01', '2', '5'), mv('2024-01-01', '3', '5')]));
    expect(r.layers).toEqual([layer('2024-01-01', '5', '5')]);
  });

  it('zero-quantity lines and non-fiscal movements do not touch the layers', () => {
    const r = valueStream(
      'fifo',
      input([
        mv('2024-01-01', '2', '5'),
        valueLine('2024-01-02', '100.00'),
        mv('2024-01-03', '-2', '0', { fiscal: false }),
        mv('2024-01-04', '4', '1', { fiscal: false }),
      ]),
    );
    expect(r.layers).toEqual([layer('2024-01-01', '2', '5')]);
    expect(show(r)).toEqual(['2.000', '5.00000', '10.00']);
  });

  it('loads on any fiscal template add layers (cost flags do not matter)', () => {
    const r = valueStream(
      'fifo',
      input([mv('2024-01-01', '2', '5', { updateAverageCost: false, updateLastCost: false })]),
    );
    expect(r.layers).toEqual([layer('2024-01-01', '2', '5')]);
  });

  it('with closing layers the opening record is not added again', () => {
    const closing = closingState({ quantity: q('3'), fifoLayers: [layer('2023-05-01', '3', '2')] });
    const r = valueStream(
      'fifo',
      input([mv('2024-01-01', '3', '4', { opening: true }), mv('2024-02-01', '-1', '0')], { closing }),
    );
    expect(r.layers).toEqual([layer('2023-05-01', '2', '2')]);
  });

  it('without closing layers the opening record is a layer', () => {
    const r = valueStream(
      'fifo',
      input([mv('2024-01-01', '3', '4', { opening: true })], { closing: closingState({ quantity: q('3') }) }),
    );
    expect(r.layers).toEqual([layer('2024-01-01', '3', '4')]);
  });

  it('many layers consumed: the consumed prefix is compacted, result unchanged', () => {
    const ms = [];
    for (let i = 0; i < 300; i++) ms.push(mv('2024-01-01', '1', String(i + 1)));
    ms.push(mv('2024-01-02', '-250', '0'));
    const r = valueStream('fifo', input(ms));
    expect(r.layers?.length).toBe(50);
    expect(r.layers?.[0].unitCost).toBe(c('251'));
    // Σ 251..300 = 13775
    expect(show(r)).toEqual(['50.000', '275.50000', '13775.00']);
  });

  it('from a closing state + opening record = over the full history', () => {
    const prefix = [
      mv('2023-03-01', '10', '10'),
      mv('2023-04-01', '7', '13.33333'),
      mv('2023-05-01', '-12', '0'),
      mv('2023-06-01', '3', '9.1'),
    ];
    const suffix = [
      mv('2024-02-01', '-6', '0'),
      mv('2024-03-01', '9', '17.77777'),
      mv('2024-04-01', '-2', '0'),
      mv('2024-05-01', '1.5', '3'),
    ];
    const full = valueStream('fifo', input([...prefix, ...suffix]));
    const { closing, opening } = closeAt(prefix, '2023-12-31', '2024-01-01');
    expect(closing.fifoLayers.length).toBe(2);
    const resumed = valueStream('fifo', input([...opening, ...suffix], { closing }));
    expect(resumed).toEqual(full);
    // 9 @ 17.77777 + 1.5 @ 3 = 164.49993
    expect(show(full)).toEqual(['10.500', '15.66666', '164.50']);
  });
});

describe('fifo against the naive model (naive.ts: plain lots, its own arithmetic)', () => {
  it('the model itself gives worked example A: layers 5@10, 10@12, 5@15 → 245.00', () => {
    const model = naiveFifo(EXAMPLE_A, { date: '2024-12-31', registryAverage: REGISTRY.averageCost });
    expect(model.lots).toEqual([layer('2024-01-10', '5', '10'), layer('2024-01-11', '10', '12'), layer('2024-01-13', '5', '15')]);
    expect([model.quantity, model.unitCost, model.value]).toEqual([20_000n, 12_25000n, 245_00n]);
  });

  /** a closing's layers: none, some positive ones (oldest first), or one negative */
  const closingLots: fc.Arbitrary<Lot[]> = fc.oneof(
    fc.constant<Lot[]>([]),
    fc
      .array(fc.record({ date: fc.constantFrom('2023-03-01', '2023-07-01', '2023-12-31'), quantity: fc.bigInt({ min: 1n, max: 500_000n }), unitCost: fc.bigInt({ min: 0n, max: 10_000_000n }) }), { minLength: 1, maxLength: 4 })
      // a closing keeps the layers fifo made, and fifo makes one layer of a load that follows a layer of the same date and cost
      .filter((lots) => lots.every((l, i) => i === 0 || l.date !== lots[i - 1].date || l.unitCost !== lots[i - 1].unitCost)),
    fc.record({ date: fc.constant('2023-12-31'), quantity: fc.bigInt({ min: -500_000n, max: -1n }), unitCost: fc.bigInt({ min: 0n, max: 10_000_000n }) }).map((l) => [l]),
  );

  it('any stream (non-fiscal lines, value lines, opening lines, dates past D), with or without a closing', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb({ maxDays: 20 }), { maxLength: 50 }),
        fc.option(fc.record({ lots: closingLots, lastConsumed: fc.option(fc.bigInt({ min: 0n, max: 10_000_000n }), { nil: undefined }) }), { nil: undefined }),
        fc.constantFrom('2024-03-31', '2024-12-31'),
        (steps, closed, date) => {
          const ms = streamOf(steps, '2024-01-01');
          const closing =
            closed &&
            closingState({
              quantity: closed.lots.reduce((sum, l) => sum + l.quantity, 0n) as Quantity,
              fifoLayers: closed.lots.map((l) => ({ ...l })) as FifoLayer[],
              ...(closed.lastConsumed === undefined ? {} : { fifoLastConsumedCost: closed.lastConsumed as UnitCost }),
            });
          const r = valueStream('fifo', input(ms, { date, ...(closing ? { closing } : {}) }));
          const model = naiveFifo(ms, { date, registryAverage: REGISTRY.averageCost, closingLots: closed?.lots, closingLastConsumed: closed?.lastConsumed });
          expect(r.layers).toEqual(model.lots);
          expect([r.quantity, r.unitCost, r.value, r.lastConsumedCost]).toEqual([model.quantity, model.unitCost, model.value, model.lastConsumed]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

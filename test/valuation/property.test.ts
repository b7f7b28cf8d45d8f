/**
 * Properties of the layered methods, checked against the naive model of
 * naive.ts (plain lots, its own BigInt arithmetic), not against the helpers
 * the methods use.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Quantity, UnitCost } from '../../src/core/decimal.ts';
import { valueStream } from '../../src/valuation/index.ts';
import type { CostMovement } from '../../src/valuation/movement.ts';
import { closeAt, ctx, history, input, mv, REGISTRY } from './helpers.ts';
import { naiveFifo, naiveFifoYearly, naiveLifoYearly, stepArb, streamOf } from './naive.ts';

/** a fiscal load or unload: quantity up to 1000.000, cost up to 1000.00000 */
const op = fc.record({
  quantity: fc.bigInt({ min: -1_000_000n, max: 1_000_000n }),
  unitCost: fc.bigInt({ min: 0n, max: 100_000_000n }),
  day: fc.integer({ min: 0, max: 2 }),
});

function stream(ops: { quantity: bigint; unitCost: bigint; day: number }[], year: number): CostMovement[] {
  let day = 1;
  return ops.map((o) => {
    day += o.day;
    const date = `${year}-${String(Math.floor(day / 28) + 1).padStart(2, '0')}-${String((day % 28) + 1).padStart(2, '0')}`;
    return mv(date, Quantity.format(o.quantity), UnitCost.format(o.unitCost));
  });
}

describe('fifo properties', () => {
  it('equals a naive model of plain FIFO lots: layers, quantity, value, unit cost, last consumed cost', () => {
    fc.assert(
      fc.property(fc.array(stepArb({ plain: true }), { maxLength: 60 }), (steps) => {
        const ms = streamOf(steps, '2024-01-01');
        const r = valueStream('fifo', input(ms));
        const model = naiveFifo(ms, { date: ctx().date, registryAverage: REGISTRY.averageCost });
        expect(r.layers).toEqual(model.lots);
        expect({ quantity: r.quantity, unitCost: r.unitCost, value: r.value }).toEqual({ quantity: model.quantity, unitCost: model.unitCost, value: model.value });
        expect(r.lastConsumedCost).toBe(model.lastConsumed);
        // either all layers positive, or one negative layer alone
        const layers = r.layers ?? [];
        expect(layers.every((l) => l.quantity > 0n) || (layers.length === 1 && layers[0].quantity < 0n)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('closing state + opening record + rest = full history (fifo and moving-average)', () => {
    // the closing refuses negative stock, so the prefix ends with stock ≥ 0
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), fc.array(op, { maxLength: 30 }), (before, after) => {
        let prefix = stream(before, 2023);
        const net = prefix.reduce((s, m) => s + m.quantity, 0n);
        if (net < 0n) prefix = [...prefix, mv('2023-12-30', Quantity.format(-net as Quantity), '1.5')];
        const suffix = stream(after, 2024).map((m) => ({ ...m, date: m.date.replace(/-01-01$/, '-01-02') }));
        const { closing, opening } = closeAt(prefix, '2023-12-31', '2024-01-01');
        for (const method of ['fifo', 'moving-average'] as const) {
          const full = valueStream(method, input([...prefix, ...suffix]));
          const resumed = valueStream(method, input([...opening, ...suffix], { closing }));
          expect(resumed).toEqual(full);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('yearly properties', () => {
  it('lifo-yearly and fifo-yearly equal a naive model over a closed year and two years of stream', () => {
    const years = [history(2022, '3', '1.5', '7')];
    fc.assert(
      fc.property(fc.array(op, { maxLength: 20 }), fc.array(op, { maxLength: 20 }), (a, b) => {
        const ms = [...stream(a, 2023), ...stream(b, 2024)];
        const o = { date: ctx().date, registryAverage: REGISTRY.averageCost, years };
        for (const [method, model] of [
          ['lifo-yearly', naiveLifoYearly(ms, o)],
          ['fifo-yearly', naiveFifoYearly(ms, o)],
        ] as const) {
          const r = valueStream(method, input(ms, { years }));
          expect(r.yearLayers).toEqual(model.layers);
          expect({ quantity: r.quantity, unitCost: r.unitCost, value: r.value }).toEqual({ quantity: model.quantity, unitCost: model.unitCost, value: model.value });
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** SPEC §12 compensation, allowances and imputable shortages, the pure part (src/inventory/compensation.ts). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Money, Quantity, UnitCost } from '../../src/core/decimal.ts';
import { allowanceOf, compensate, type CompensationRow } from '../../src/inventory/compensation.ts';

const q = (n: string) => Quantity.parse(n)!;
const c = (n: string) => UnitCost.parse(n)!;
const m = (n: string) => Money.parse(n)!;

describe('worked example C (SPEC §12)', () => {
  const rows: CompensationRow[] = [
    { warehouseId: 1, item: 'X', group: 'G', difference: q('-10'), unitCost: c('5.00') },
    { warehouseId: 1, item: 'Y', group: 'G', difference: q('-4'), unitCost: c('8.00') },
    { warehouseId: 1, item: 'Z', group: 'G', difference: q('6'), unitCost: c('6.00') },
  ];
  const r = compensate({ rows, pctOf: (item) => (item === 'X' ? 1000n : undefined), issuedOf: (_w, item) => (item === 'X' ? q('2000') : 0n) });

  it('compensates Z +6 (36.00) with X −6 (30.00), value difference −6.00 not recorded', () => {
    expect(r.rows[2]).toMatchObject({ compensated: q('6'), compensatedValue: m('36.00') });
    expect(r.rows[0]).toMatchObject({ compensated: q('6'), compensatedValue: m('30.00') });
    expect(r.rows[1].compensated).toBe(0n);
    expect(r.groups).toEqual([{ warehouseId: 1, group: 'G', surplus: q('6'), shortage: q('14'), compensated: q('6'), valueDifference: m('-6.00'), imputable: 0n }]);
    expect(r.totals.compensatedValueDifference).toBe(m('-6.00'));
  });

  it('gives X an allowed loss of 2 (10.00) and imputes X −2 (10.00) and Y −4 (32.00) = 42.00', () => {
    expect(r.rows[0]).toMatchObject({ allowedLoss: q('2'), allowedLossValue: m('10.00'), imputable: q('2'), imputableValue: m('10.00') });
    expect(r.rows[1]).toMatchObject({ allowedLoss: 0n, imputable: q('4'), imputableValue: m('32.00') });
    expect(r.rows[2]).toMatchObject({ allowedLoss: 0n, imputable: 0n });
    expect(r.totals).toEqual({ compensatedValueDifference: m('-6.00'), allowedLossValue: m('10.00'), imputableValue: m('42.00') });
    expect(r.warehouses).toEqual([
      { warehouseId: 1, remainingSurplusValue: 0n, remainingShortageValue: m('52.00'), allowancesApplied: true, allowedLossValue: m('10.00'), imputableValue: m('42.00') },
    ]);
  });
});

describe('compensation rules', () => {
  it('a positive value difference is imputable', () => {
    // surplus A +3 @ 2.00 (6.00) compensates shortage B −3 @ 7.00 (21.00): 15.00 imputable
    const r = compensate({
      rows: [
        { warehouseId: 1, item: 'A', group: 'G', difference: q('3'), unitCost: c('2') },
        { warehouseId: 1, item: 'B', group: 'G', difference: q('-5'), unitCost: c('7') },
      ],
      pctOf: () => undefined,
      issuedOf: () => 0n,
    });
    expect(r.groups[0]).toMatchObject({ compensated: q('3'), valueDifference: m('15.00'), imputable: m('15.00') });
    expect(r.rows[1]).toMatchObject({ compensated: q('3'), compensatedValue: m('21.00'), allowedLoss: 0n, imputable: 0n });
    expect(r.totals.imputableValue).toBe(m('15.00'));
  });

  it('no allowances when the remaining surplus value is at least the shortage value', () => {
    const r = compensate({
      rows: [
        { warehouseId: 1, item: 'X', group: null, difference: q('-2'), unitCost: c('5') },
        { warehouseId: 1, item: 'W', group: null, difference: q('1'), unitCost: c('10') },
      ],
      pctOf: () => 5000n,
      issuedOf: () => q('1000'),
    });
    expect(r.warehouses[0].allowancesApplied).toBe(false);
    expect(r.rows[0]).toMatchObject({ compensated: 0n, allowedLoss: 0n, imputable: 0n });
    expect(r.totals).toEqual({ compensatedValueDifference: 0n, allowedLossValue: 0n, imputableValue: 0n });
  });

  it('rows without group and items without percentage leave everything as before', () => {
    const r = compensate({ rows: [{ warehouseId: 1, item: 'X', group: null, difference: q('-2'), unitCost: c('5') }], pctOf: () => undefined, issuedOf: () => 0n });
    expect(r.rows[0]).toMatchObject({ compensated: 0n, allowedLoss: 0n, imputable: 0n });
    expect(r.groups).toEqual([]);
  });

  it('allowance rounds half up to 3 decimals', () => {
    expect(allowanceOf(q('1.005'), 10000n)).toBe(q('0.010')); // 1.005 × 1 % = 0.01005
    expect(allowanceOf(q('0.05'), 10000n)).toBe(q('0.001')); // 0.0005 → 0.001
    expect(allowanceOf(q('0.049'), 10000n)).toBe(0n);
  });
});

/** Independent model: compensation unit by unit, values in plain integer cents. */
function model(rows: CompensationRow[]) {
  const cents = (milli: bigint, cost: bigint) => (milli * cost * 2n + 10n ** 6n) / (2n * 10n ** 6n); // milli-units × 1e-5 cost → cents, half up
  const comp = rows.map(() => 0n);
  const keys = new Set(rows.filter((r) => r.group !== null).map((r) => `${r.warehouseId}|${r.group}`));
  let vdTotal = 0n;
  const positive = new Map<number, bigint>();
  for (const k of keys) {
    const units = (sign: 1n | -1n) => {
      const out: { i: number; cost: bigint; item: string }[] = [];
      rows.forEach((r, i) => {
        if (`${r.warehouseId}|${r.group}` !== k || r.difference * sign <= 0n) return;
        for (let u = 0n; u < (r.difference * sign) / 1000n; u++) out.push({ i, cost: r.unitCost, item: r.item });
      });
      return out.sort((a, b) => (a.cost !== b.cost ? (a.cost < b.cost ? -1 : 1) : a.item !== b.item ? (a.item < b.item ? -1 : 1) : a.i - b.i));
    };
    const s = units(1n);
    const l = units(-1n);
    const K = Math.min(s.length, l.length);
    for (const u of [...s.slice(0, K), ...l.slice(0, K)]) comp[u.i] += 1000n;
    const idx = rows.map((_, i) => i).filter((i) => `${rows[i].warehouseId}|${rows[i].group}` === k);
    const vd = idx.reduce((a, i) => a + (rows[i].difference < 0n ? 1n : -1n) * cents(comp[i], rows[i].unitCost), 0n);
    vdTotal += vd;
    const wh = rows[idx[0]].warehouseId;
    if (vd > 0n) positive.set(wh, (positive.get(wh) ?? 0n) + vd);
  }
  return { comp, vdTotal, positive, cents };
}

describe('property: against the unit-by-unit model', () => {
  it('compensated quantities, value differences, allowances and imputable shortages', () => {
    const row = fc.record({
      warehouseId: fc.integer({ min: 1, max: 2 }),
      item: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
      group: fc.constantFrom<string | null>(null, 'G1', 'G2'),
      difference: fc.integer({ min: -8, max: 8 }).map((n) => BigInt(n) * 1000n),
      unitCost: fc.constantFrom(0n, 100000n, 250000n, 333333n, 600000n, 800000n),
    });
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 12 }),
        fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D', 'E'), fc.bigInt({ min: 0n, max: 200_000n })),
        fc.bigInt({ min: 0n, max: 5_000_000n }),
        (raw, pctRaw, issuedQty) => {
          // an item is in one group (the yearly rule): the group of its first row
          const groupOf = new Map<string, string | null>();
          const rows = raw.map((r) => {
            if (!groupOf.has(r.item)) groupOf.set(r.item, r.group);
            return { ...r, group: groupOf.get(r.item)! };
          });
          const pct = new Map(Object.entries(pctRaw));
          const issued = new Map<string, bigint>([...'ABCDE'].map((x, i) => [x, issuedQty * BigInt(i + 1)]));
          const r = compensate({ rows, pctOf: (i) => pct.get(i), issuedOf: (_w, i) => issued.get(i)! });
          const mdl = model(rows);
          expect(r.rows.map((x) => x.compensated)).toEqual(mdl.comp);
          expect(r.totals.compensatedValueDifference).toBe(mdl.vdTotal);
          for (const wh of [1, 2]) {
            const idx = rows.map((_, i) => i).filter((i) => rows[i].warehouseId === wh && rows[i].difference !== 0n);
            if (idx.length === 0) continue;
            const left = (i: number) => (rows[i].difference < 0n ? -rows[i].difference : rows[i].difference) - mdl.comp[i];
            const sumVal = (sel: number[]) => sel.reduce((a, i) => a + mdl.cents(left(i), rows[i].unitCost), 0n);
            const shortages = idx.filter((i) => rows[i].difference < 0n);
            const applies = shortages.some((i) => left(i) > 0n && pct.has(rows[i].item)) && sumVal(shortages) > sumVal(idx.filter((i) => rows[i].difference > 0n));
            const ws = r.warehouses.find((w) => w.warehouseId === wh)!;
            expect(ws.allowancesApplied).toBe(applies);
            let imputable = mdl.positive.get(wh) ?? 0n;
            for (const item of new Set(shortages.map((i) => rows[i].item))) {
              const its = shortages.filter((i) => rows[i].item === item);
              const remaining = its.reduce((a, i) => a + left(i), 0n);
              const p = pct.get(item);
              // round(issued × pct / 100, 3) in milli-units: issued (milli) × pct (1e-4 %) / 1e6, half up
              const budget = p === undefined ? 0n : (issued.get(item)! * p * 2n + 1_000_000n) / 2_000_000n;
              const allowed = its.reduce((a, i) => a + r.rows[i].allowedLoss, 0n);
              const imp = its.reduce((a, i) => a + r.rows[i].imputable, 0n);
              if (!applies) {
                expect(allowed + imp).toBe(0n);
                continue;
              }
              expect(allowed).toBe(budget < remaining ? budget : remaining);
              expect(allowed + imp).toBe(remaining);
              for (const i of its) expect(r.rows[i].allowedLoss + r.rows[i].imputable).toBe(left(i));
              imputable += its.reduce((a, i) => a + mdl.cents(r.rows[i].imputable, rows[i].unitCost), 0n);
            }
            expect(ws.imputableValue).toBe(imputable);
          }
          for (const [i, x] of r.rows.entries()) {
            if (rows[i].difference > 0n) expect(x.allowedLoss + x.imputable).toBe(0n);
            expect(x.compensatedValue).toBe(mdl.cents(x.compensated, rows[i].unitCost));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/**
 * A naive, independent model of fifo, lifo-yearly and fifo-yearly (SPEC §6),
 * for the property tests to compare the real methods with.
 *
 * Written apart from src/: plain arrays of lots and years, BigInt arithmetic
 * of its own (no helper of src/core/decimal.ts, no sumLayers / unitCostOf /
 * roundExactToMoney, no min/max), and the rules re-read from the SPEC rather
 * than from the code's state machines. Only the movement's shape (plain
 * fields) is shared. Scales: quantity × 10^3, unit cost × 10^5, money × 10^2,
 * exact value (quantity × unit cost) × 10^8.
 */
import fc from 'fast-check';
import type { CostMovement, YearHistory } from '../../src/valuation/movement.ts';

/** n / d rounded half away from zero: truncate, then look at twice the remainder. */
export function roundDiv(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const truncated = n / d; // BigInt division truncates toward zero
  const remainder = n % d; // with the sign of n
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < d) return truncated;
  return n < 0n ? truncated - 1n : truncated + 1n;
}

const EXACT_PER_MONEY = 1_000_000n; // 10^8 / 10^2

export interface NaiveResult {
  quantity: bigint;
  unitCost: bigint;
  value: bigint;
}

/** value and unit cost of layers: round(Σ q × c, 2) and round(Σ q × c / Q, 5), unit cost 0 at Q = 0 */
function layered(layers: { quantity: bigint; unitCost: bigint }[]): NaiveResult {
  let quantity = 0n;
  let exact = 0n;
  for (const l of layers) {
    quantity += l.quantity;
    exact += l.quantity * l.unitCost;
  }
  return { quantity, value: roundDiv(exact, EXACT_PER_MONEY), unitCost: quantity === 0n ? 0n : roundDiv(exact, quantity) };
}

/** what a valuation at D counts: fiscal movements dated up to D */
const counted = (ms: readonly CostMovement[], date: string) => ms.filter((m) => m.fiscal && m.date <= date);

// ---------------------------------------------------------------- fifo

export interface Lot {
  date: string;
  quantity: bigint;
  unitCost: bigint;
}

export interface NaiveFifoOptions {
  date: string;
  registryAverage: bigint;
  /** the last closing's layers, oldest first */
  closingLots?: readonly Lot[];
  closingLastConsumed?: bigint;
}

/**
 * Perpetual FIFO with plain lots: a load pays what is owed first (a negative
 * lot), the rest is a new lot; an unload takes the oldest lots first, and
 * what no lot covers is owed at the cost of the last lot taken (else the
 * registry average), dated at that unload, deepened by later unloads. A
 * closing's lots are the start, and then the opening record is not loaded
 * again. Lots of the same date and cost next to each other are one lot.
 */
export function naiveFifo(ms: readonly CostMovement[], o: NaiveFifoOptions): NaiveResult & { lots: Lot[]; lastConsumed?: bigint } {
  let lots: Lot[] = (o.closingLots ?? []).filter((l) => l.quantity !== 0n).map((l) => ({ ...l }));
  const skipOpening = lots.length > 0;
  let lastConsumed = o.closingLastConsumed;
  for (const m of counted(ms, o.date)) {
    if (m.opening && skipOpening) continue;
    if (m.quantity > 0n) {
      let rest: bigint = m.quantity;
      if (lots.length > 0 && lots[0].quantity < 0n) {
        const owed = -lots[0].quantity;
        const paid = rest < owed ? rest : owed;
        lots[0].quantity += paid;
        rest -= paid;
        if (lots[0].quantity === 0n) lots = lots.slice(1);
      }
      if (rest > 0n) lots.push({ date: m.date, quantity: rest, unitCost: m.unitCost });
    } else if (m.quantity < 0n) {
      let need: bigint = -m.quantity;
      while (need > 0n && lots.length > 0 && lots[0].quantity > 0n) {
        const take = need < lots[0].quantity ? need : lots[0].quantity;
        lots[0].quantity -= take;
        need -= take;
        lastConsumed = lots[0].unitCost;
        if (lots[0].quantity === 0n) lots = lots.slice(1);
      }
      if (need > 0n) {
        if (lots.length > 0) lots[0].quantity -= need; // the one owed lot
        else lots.push({ date: m.date, quantity: -need, unitCost: lastConsumed ?? o.registryAverage });
      }
    }
  }
  const merged = mergeLots(lots);
  return { ...layered(merged), lots: merged, ...(lastConsumed === undefined ? {} : { lastConsumed }) };
}

/** neighbouring lots of one date and cost as one lot (the same value either way) */
export function mergeLots(lots: readonly Lot[]): Lot[] {
  const out: Lot[] = [];
  for (const l of lots) {
    const prev = out[out.length - 1];
    if (prev && prev.date === l.date && prev.unitCost === l.unitCost && prev.quantity > 0n && l.quantity > 0n) prev.quantity += l.quantity;
    else out.push({ date: l.date, quantity: l.quantity, unitCost: l.unitCost });
  }
  return out;
}

// ---------------------------------------------------------------- yearly methods

export interface YearLot {
  year: number;
  quantity: bigint;
  unitCost: bigint;
}

export interface NaiveYearlyOptions {
  date: string;
  registryAverage: bigint;
  /** the last closing's average cost, when there is a closing */
  closingAverage?: bigint;
  years?: readonly YearHistory[];
}

const yearOfDate = (date: string) => Number(date.slice(0, 4));

/** purchases: loads on update-average templates and their consider-zero value lines, opening records excluded */
function purchase(m: CostMovement): { quantity: bigint; value: bigint } | undefined {
  if (m.opening || !m.updateAverageCost) return undefined;
  if (m.quantity > 0n) return { quantity: m.quantity, value: m.quantity * m.unitCost };
  if (m.quantity === 0n && m.considerZero) return { quantity: 0n, value: m.amount * EXACT_PER_MONEY };
  return undefined;
}

/** the periodic average at D (SPEC §6 average): loads on update-average templates and the opening record, value lines */
function periodicAverage(ms: readonly CostMovement[], o: NaiveYearlyOptions): bigint {
  let quantity = 0n;
  let value = 0n;
  for (const m of ms) {
    if (m.quantity > 0n && (m.updateAverageCost || m.opening)) {
      quantity += m.quantity;
      value += m.quantity * m.unitCost;
    } else if (m.quantity === 0n && m.considerZero && m.updateAverageCost) {
      value += m.amount * EXACT_PER_MONEY;
    }
  }
  if (quantity > 0n) return roundDiv(value, quantity);
  return o.closingAverage ?? o.registryAverage;
}

interface YearRowN {
  year: number;
  /** b(y): stock at the end of the year */
  b: bigint;
  /** purchases of the year */
  q: bigint;
  v: bigint;
  /** a(y) */
  a: bigint;
}

/**
 * The year table: the current year (purchases) and the past years, newest
 * first. A year comes from the closed-year history and/or from the stream
 * (every year from the stream's first up to the current one); its stock at
 * the end is the stream's when the stream covers it, its purchases are the
 * history's and the stream's together, and its cost the history's as given
 * when only one history row tells it, else purchases value / quantity, else
 * the history's, else the periodic average.
 */
function yearTable(ms: readonly CostMovement[], o: NaiveYearlyOptions): { current: YearRowN; past: YearRowN[]; stock: bigint } {
  const current = yearOfDate(o.date);
  const fallback = periodicAverage(ms, o);
  const stock = ms.reduce((s, m) => s + m.quantity, 0n);
  const years = new Map<number, { b: bigint; q: bigint; v: bigint; given?: bigint; rows: number; stream: boolean }>();
  const row = (year: number) => {
    if (!years.has(year)) years.set(year, { b: 0n, q: 0n, v: 0n, rows: 0, stream: false });
    return years.get(year)!;
  };
  for (const h of o.years ?? []) {
    if (h.year > current) continue;
    const r = row(h.year);
    r.b = h.closingQuantity;
    r.q += h.purchasedQuantity;
    r.v += h.purchasedValue;
    r.given = h.averagePurchaseCost;
    r.rows += 1;
  }
  if (ms.length > 0) {
    for (let year = yearOfDate(ms[0].date); year <= current; year++) {
      const r = row(year);
      r.stream = true;
      r.b = ms.filter((m) => yearOfDate(m.date) <= year).reduce((s, m) => s + m.quantity, 0n);
      for (const m of ms.filter((x) => yearOfDate(x.date) === year)) {
        const p = purchase(m);
        if (p) {
          r.q += p.quantity;
          r.v += p.value;
        }
      }
    }
  }
  const cur = years.get(current);
  const currentRow: YearRowN = { year: current, b: 0n, q: cur?.q ?? 0n, v: cur?.v ?? 0n, a: cur && cur.q > 0n ? roundDiv(cur.v, cur.q) : fallback };
  const past = [...years.keys()]
    .filter((y) => y < current)
    .sort((x, y) => y - x)
    .map((year) => {
      const r = years.get(year)!;
      let a: bigint;
      if (!r.stream && r.rows === 1 && r.given !== undefined) a = r.given;
      else if (r.q > 0n) a = roundDiv(r.v, r.q);
      else a = r.given ?? fallback;
      return { year, b: r.b, q: r.q, v: r.v, a };
    });
  return { current: currentRow, past, stock };
}

/**
 * lifo-yearly: what the stock holds of each year is the part of it that
 * every later year-end kept: with m = min(Q, b(newest), …, b(y)) running
 * down the years (b < 0 read as 0, 0 before the oldest), year y holds
 * m(y) − m(y − 1), and the current year Q − m(newest).
 */
export function naiveLifoYearly(ms: readonly CostMovement[], o: NaiveYearlyOptions): NaiveResult & { layers: YearLot[] } {
  const { current, past, stock } = yearTable(counted(ms, o.date), o);
  const out: YearLot[] = [];
  if (stock < 0n) out.push({ year: current.year, quantity: stock, unitCost: current.a });
  else if (stock > 0n) {
    const kept: bigint[] = []; // kept[i] = min(Q, b(past[0]), …, b(past[i]))
    let m = stock;
    for (const p of past) {
      const b = p.b < 0n ? 0n : p.b;
      if (b < m) m = b;
      kept.push(m);
    }
    out.push({ year: current.year, quantity: stock - (kept.length ? kept[0] : 0n), unitCost: current.a });
    past.forEach((p, i) => out.push({ year: p.year, quantity: kept[i] - (i + 1 < kept.length ? kept[i + 1] : 0n), unitCost: p.a }));
  }
  const layers = out.filter((l) => l.quantity !== 0n);
  return { ...layered(layers), layers };
}

/**
 * fifo-yearly: the stock is the latest purchases: the current year's
 * purchased quantity, then each past year's, newest first; what is left over
 * is the oldest known year's (the current year's when there is none).
 */
export function naiveFifoYearly(ms: readonly CostMovement[], o: NaiveYearlyOptions): NaiveResult & { layers: YearLot[] } {
  const { current, past, stock } = yearTable(counted(ms, o.date), o);
  let layers: YearLot[];
  if (stock < 0n) layers = [{ year: current.year, quantity: stock, unitCost: current.a }];
  else {
    const rows = [current, ...past];
    const held = rows.map(() => 0n);
    let left = stock;
    rows.forEach((r, i) => {
      const bought = r.q > 0n ? r.q : 0n;
      const take = left < bought ? left : bought;
      held[i] += take;
      left -= take;
    });
    held[rows.length - 1] += left;
    layers = rows.map((r, i) => ({ year: r.year, quantity: held[i], unitCost: r.a })).filter((l) => l.quantity !== 0n);
  }
  return { ...layered(layers), layers };
}

// ---------------------------------------------------------------- random streams for the property tests

/** one movement of a random stream: days after the previous one, signed quantity, cost and template flags */
export interface Step {
  days: number;
  quantity: bigint;
  unitCost: bigint;
  fiscal: boolean;
  updateAverageCost: boolean;
  considerZero: boolean;
  opening: boolean;
  amount: bigint;
}

const DAY = 86_400_000;

/** the movements of `steps` from `start` (YYYY-MM-DD) on, in date order */
export function streamOf(steps: readonly Step[], start: string): CostMovement[] {
  let t = Date.parse(`${start}T00:00:00Z`);
  return steps.map((s) => {
    t += s.days * DAY;
    const abs = s.quantity < 0n ? -s.quantity : s.quantity;
    return {
      date: new Date(t).toISOString().slice(0, 10),
      warehouse: 'W1',
      item: 'A',
      lot: '',
      quantity: s.quantity,
      unitCost: s.unitCost,
      // a value line's amount is its own; otherwise |quantity| × cost, rounded
      amount: s.quantity === 0n ? s.amount : roundDiv(abs * s.unitCost, EXACT_PER_MONEY),
      fiscal: s.fiscal,
      updateAverageCost: s.updateAverageCost,
      updateLastCost: true,
      considerZero: s.considerZero,
      opening: s.opening,
    } as CostMovement;
  });
}

/**
 * A random step. `plain`: every movement fiscal, on an update-average
 * template, no value lines, no opening lines; otherwise all of those turn up.
 */
export function stepArb(o: { plain?: boolean; maxDays?: number } = {}): fc.Arbitrary<Step> {
  const rare = (arb: fc.Arbitrary<boolean>) => (o.plain ? fc.constant(false) : arb);
  return fc.record({
    days: fc.integer({ min: 0, max: o.maxDays ?? 3 }),
    // up to ±1000.000, zero now and then
    quantity: fc.oneof({ arbitrary: fc.bigInt({ min: -1_000_000n, max: 1_000_000n }), weight: 6 }, { arbitrary: fc.constant(0n), weight: 1 }),
    // up to 1000.00000, a few costs repeated so that layers of one date and cost meet
    unitCost: fc.oneof(fc.bigInt({ min: 0n, max: 100_000_000n }), fc.constantFrom(100_000n, 250_000n)),
    fiscal: o.plain ? fc.constant(true) : fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }),
    updateAverageCost: o.plain ? fc.constant(true) : fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
    considerZero: rare(fc.boolean()),
    opening: rare(fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 })),
    amount: fc.bigInt({ min: -10_000_000n, max: 10_000_000n }),
  });
}

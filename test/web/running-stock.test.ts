/** The item card's running stock (pure, no database: no SQLite/PostgreSQL loop needed). Figures by hand. */
import { describe, expect, it } from 'vitest';
import { movementsOf } from '../../src/web/running-stock.ts';
import type { RecordLine, StockRecord } from '../../src/web/types.ts';

const line = (lineNo: number, item: string, quantity: string): RecordLine => ({ lineNo, item, quantity, variant: '', location: '', lot: '', serial: '', jobOrder: '', account: '', unitCost: '0.00000', amount: '0.00', notes: '' });
const record = (id: number, date: string, warehouse: string, origin: string, lines: RecordLine[]): StockRecord => ({
  id,
  date,
  warehouse,
  lines,
  origin,
  template: 'T',
  number: id,
  internalDocument: '',
  internalDocumentDate: null,
  referenceDocument: '',
  account: '',
  jobOrder: '',
  notes: '',
  inventoryId: null,
  closingId: null,
});

const view = (ms: ReturnType<typeof movementsOf>) => ms.map((m) => [m.recordId, m.warehouse, m.quantity, m.running]);

describe('running stock of the item card', () => {
  it('sums per warehouse in date order (then record id), whatever order the API answers in, exactly', () => {
    // the API answers newest first
    const records = [
      record(4, '2026-03-02', 'DEP', 'manual', [line(1, 'A', '-0.001')]),
      record(3, '2026-03-01', 'MAG', 'offset', [line(1, 'A', '2.000')]),
      record(2, '2026-03-01', 'DEP', 'manual', [line(1, 'A', '-3.250'), line(2, 'B', '99.000'), line(3, 'A', '-2.000')]),
      record(1, '2026-02-27', 'DEP', 'manual', [line(1, 'A', '10.500')]),
    ];
    expect(view(movementsOf(records, 'A'))).toEqual([
      [1, 'DEP', '10.500', '10.500'],
      [2, 'DEP', '-3.250', '7.250'],
      [2, 'DEP', '-2.000', '5.250'],
      [3, 'MAG', '2.000', '2.000'],
      [4, 'DEP', '-0.001', '5.249'],
    ]);
  });

  it('starts again after a closing: the opening records restate the stock', () => {
    const records = [
      record(1, '2026-01-10', 'DEP', 'manual', [line(1, 'A', '4.000')]),
      record(2, '2026-01-20', 'DEP', 'manual', [line(1, 'A', '-1.000')]),
      record(3, '2026-02-01', 'DEP', 'closing', [line(1, 'A', '3.000')]),
      record(4, '2026-02-05', 'DEP', 'manual', [line(1, 'A', '0.500')]),
    ];
    expect(view(movementsOf(records, 'A', ['2026-01-31']))).toEqual([
      [1, 'DEP', '4.000', '4.000'],
      [2, 'DEP', '-1.000', '3.000'],
      [3, 'DEP', '3.000', '3.000'],
      [4, 'DEP', '0.500', '3.500'],
    ]);
    // without the closing date the opening record would double the stock
    expect(view(movementsOf(records, 'A')).at(-1)).toEqual([4, 'DEP', '0.500', '6.500']);
  });
});

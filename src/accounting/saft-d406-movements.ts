/**
 * SAF-T D406, SourceDocuments/MovementOfGoods: the period's totals, then one
 * StockMovement per record with one StockMovementLine per movement line,
 * warehouse by warehouse in keyset pages (period-movements.ts).
 */
import type { Db } from '../db/db.ts';
import { readPeriodLines, type PeriodLine, type PeriodTotals } from './period-movements.ts';
import type { ItemInfo, MasterData } from './saft-d406-master-files.ts';
import { CODE, MIDDLE1, MIDDLE2, saftAmount, saftQuantity, SHORT, STOCK_MOVEMENT_END, STOCK_MOVEMENT_HEAD, STOCK_MOVEMENT_LINE, text } from './saft-d406-rows.ts';
import type { DocumentWriter } from './saft-d406-writer.ts';

/** writes the MovementOfGoods section; the movement lines written */
export async function writeMovementOfGoods(
  db: Db,
  writer: DocumentWriter,
  m: MasterData,
  period: { from: string; to: string; totals: PeriodTotals },
  pageSize?: number,
): Promise<number> {
  const { xml, sink, leaf } = writer;
  const { templates, itemById, warehouses } = m;
  const { from, to, totals } = period;
  xml.ele('MovementOfGoods');
  leaf('NumberOfMovementLines', String(totals.lines));
  leaf('TotalQuantityReceived', saftQuantity(totals.received));
  leaf('TotalQuantityIssued', saftQuantity(totals.issued));
  let written = 0;
  let openRecord: number | undefined;
  const closeRecord = () => {
    if (openRecord !== undefined) sink.push(STOCK_MOVEMENT_END);
    openRecord = undefined;
  };
  const productCodes = new Map<number, string>();
  const productCode = (it: ItemInfo) => productCodes.get(it.id) ?? productCodes.set(it.id, text(it.code, MIDDLE2)).get(it.id)!;
  for (const w of warehouses.values()) {
    const warehouseId = text(w.code, MIDDLE1);
    await readPeriodLines(
      db,
      w.id,
      { from, to },
      async (page: PeriodLine[]) => {
        for (const l of page) {
          const t = templates.get(l.templateId);
          const it = itemById.get(l.itemId);
          if (!t || !it) throw new Error(`movement line of record ${l.recordId}: unknown template or item`);
          if (openRecord !== l.recordId) {
            closeRecord();
            openRecord = l.recordId;
            const reference = `${w.code}/${l.date}/${l.number}`;
            const document = l.internalDocument.trim() !== '';
            sink.push(
              STOCK_MOVEMENT_HEAD([
                text([...reference].length <= MIDDLE1 ? reference : `#${l.recordId}`, MIDDLE1),
                l.date,
                text(t.movementType, CODE),
                document ? text(t.code, SHORT) : undefined,
                document ? text(l.internalDocument, MIDDLE1) : undefined,
              ]).slice(0, -STOCK_MOVEMENT_END.length),
            );
          }
          const issue = l.quantity < 0n || (l.quantity === 0n && !t.load);
          sink.push(
            STOCK_MOVEMENT_LINE([
              String(l.lineNo),
              it.stockAccount ? text(it.stockAccount, MIDDLE2) : undefined,
              issue ? undefined : warehouseId,
              issue ? warehouseId : undefined,
              productCode(it),
              saftQuantity(l.quantity),
              text(it.uom, CODE),
              '1',
              saftAmount(l.amount),
            ]),
          );
          written++;
        }
        await sink.flush();
      },
      pageSize,
    );
    closeRecord();
  }
  xml.up(); // MovementOfGoods
  return written;
}

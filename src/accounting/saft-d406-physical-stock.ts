/**
 * SAF-T D406, MasterFiles/PhysicalStock: per warehouse and item, the opening
 * stock at from − 1 and the closing stock at `to` from the valuation pass
 * (the valued inventory by management area), a batch of items at a time.
 */
import type { Ctx } from '../core/context.ts';
import { addDays } from '../core/dates.ts';
import { MONEY_SCALE, rescale, UNIT_COST_SCALE } from '../core/decimal.ts';
import { closingBefore } from '../ledger/stock.ts';
import { valuePerWarehouse } from '../valuation/item-cost.ts';
import { costTemplates } from '../valuation/ledger-reader.ts';
import { storedClosingHistory } from '../valuation/closing/history-source.ts';
import { valuationPass, type PassLine, type PassOptions } from '../valuation/inventory-pass.ts';
import type { MasterData } from './saft-d406-master-files.ts';
import { CODE, MIDDLE1, MIDDLE2, PHYSICAL_STOCK_ENTRY, saftAmount, saftQuantity, SHORT, text } from './saft-d406-rows.ts';
import type { DocumentWriter } from './saft-d406-writer.ts';

/** writes the PhysicalStock section; its entries and the opening and closing values */
export async function writePhysicalStock(
  ctx: Ctx,
  w: DocumentWriter,
  m: MasterData,
  period: { from: string; to: string },
  batchSize = 1_000,
): Promise<{ entries: number; openingValue: bigint; closingValue: bigint }> {
  const db = ctx.store.db;
  const { xml, sink, section } = w;
  const { items, warehouses, warehouseOrder } = m;
  const { from, to } = period;
  const openingDate = addDays(from, -1);
  const templatesForCost = await costTemplates(db);
  const passAt = async (date: string): Promise<Omit<PassOptions, 'items'>> => ({
    date,
    after: await closingBefore(db, date),
    perWarehouse: await valuePerWarehouse(db, date),
    method: 'management-area',
    groupBy: 'warehouse',
    detail: [],
    warehouses,
    templates: templatesForCost,
    closingSource: storedClosingHistory,
  });
  const openingPass = await passAt(openingDate);
  const closingPass = await passAt(to);
  let entries = 0;
  let openingValue = 0n;
  let closingValue = 0n;
  section('PhysicalStock');
  for (let i = 0; i < items.length; i += batchSize) {
    const batch = items.slice(i, i + batchSize);
    const byId = [...batch].sort((a, b) => a.id - b.id);
    const lines = new Map<number, { warehouseId: number; opening?: PassLine; closing?: PassLine }[]>();
    const keep = (which: 'opening' | 'closing') => (l: PassLine) => {
      let perItem = lines.get(l.item.id);
      if (!perItem) lines.set(l.item.id, (perItem = []));
      let e = perItem.find((x) => x.warehouseId === l.warehouseId);
      if (!e) perItem.push((e = { warehouseId: l.warehouseId! }));
      e[which] = l;
    };
    await valuationPass(ctx.store, { ...openingPass, items: byId }, keep('opening'));
    await valuationPass(ctx.store, { ...closingPass, items: byId }, keep('closing'));
    for (const it of batch) {
      const perItem = lines.get(it.id);
      if (!perItem) continue;
      perItem.sort((a, b) => warehouseOrder.get(a.warehouseId)! - warehouseOrder.get(b.warehouseId)!);
      for (const e of perItem) {
        const oq = e.opening?.quantity ?? 0n;
        const ov = e.opening?.value ?? 0n;
        const cq = e.closing?.quantity ?? 0n;
        const cv = e.closing?.value ?? 0n;
        if (oq === 0n && ov === 0n && cq === 0n && cv === 0n) continue;
        const unitCost = cq !== 0n ? e.closing!.unitCost : oq !== 0n ? e.opening!.unitCost : 0n;
        sink.push(
          PHYSICAL_STOCK_ENTRY([
            text(warehouses.get(e.warehouseId)?.code ?? '', MIDDLE1),
            text(it.code, MIDDLE2),
            it.stockAccount ? text(it.stockAccount, SHORT) : undefined,
            text(it.ncCode || '0', MIDDLE1),
            text(it.uom, CODE),
            '1',
            saftAmount(rescale(unitCost, UNIT_COST_SCALE, MONEY_SCALE)),
            saftQuantity(oq),
            saftAmount(ov),
            saftQuantity(cq),
            saftAmount(cv),
          ]),
        );
        entries++;
        openingValue += ov;
        closingValue += cv;
      }
    }
    await sink.flush();
  }
  xml.up(); // PhysicalStock
  return { entries, openingValue, closingValue };
}

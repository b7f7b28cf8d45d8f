/**
 * SAF-T D406: the text of the elements (the schema's lengths, characters XML
 * cannot hold left out), quantities and amounts as written, and the rows
 * repeated by the thousand as xmlbuilder2 shapes compiled once
 * (xml-row-template.ts).
 */
import { formatScaled, Money, QUANTITY_SCALE } from '../core/decimal.ts';
import { rowTemplate, type ElementShape } from './xml-row-template.ts';

/** D406 quantities carry 6 decimals (SAFquantityType as used here) */
export const SAFT_QUANTITY_SCALE = 6;

/** A quantity (scale 3) at 6 decimals. */
export const saftQuantity = (q: bigint): string => formatScaled(q * 10n ** BigInt(SAFT_QUANTITY_SCALE - QUANTITY_SCALE), SAFT_QUANTITY_SCALE);
/** An amount (scale 2). */
export const saftAmount = (m: bigint): string => Money.format(m);

// characters XML 1.0 cannot hold (input refuses control characters; this keeps the file well-formed anyway)
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** Text for an element of at most `max` characters (the schema's text types: 9, 18, 35, 70, 256). */
export function text(value: string, max: number): string {
  const clean = value.replace(NOT_XML, '');
  const chars = [...clean];
  return chars.length > max ? chars.slice(0, max).join('') : clean;
}
export const CODE = 9;
export const SHORT = 18;
export const MIDDLE1 = 35;
export const MIDDLE2 = 70;
export const LONG = 256;

const leafAt = (name: string, slot: number, optional = false): ElementShape => ({ name, slot, optional });

/** The repeated rows, their markup made once by xmlbuilder2 (see xml-row-template.ts). */
export const PRODUCT = rowTemplate({
  name: 'Product',
  children: [
    leafAt('ProductCode', 0),
    leafAt('GoodsServicesID', 1),
    leafAt('Description', 2),
    leafAt('ProductCommodityCode', 3),
    leafAt('UOMBase', 4),
    leafAt('UOMStandard', 5),
    leafAt('UOMToUOMBaseConversionFactor', 6),
  ],
});
export const PHYSICAL_STOCK_ENTRY = rowTemplate({
  name: 'PhysicalStockEntry',
  children: [
    leafAt('WarehouseID', 0),
    leafAt('ProductCode', 1),
    leafAt('ProductType', 2, true),
    leafAt('StockAccountCommodityCode', 3),
    leafAt('UOMPhysicalStock', 4),
    leafAt('UOMToUOMBaseConversionFactor', 5),
    leafAt('UnitPrice', 6),
    leafAt('OpeningStockQuantity', 7),
    leafAt('OpeningStockValue', 8),
    leafAt('ClosingStockQuantity', 9),
    leafAt('ClosingStockValue', 10),
  ],
});
/** a StockMovement without its lines (cut before its end tag; the lines follow, then STOCK_MOVEMENT_END) */
export const STOCK_MOVEMENT_HEAD = rowTemplate({
  name: 'StockMovement',
  children: [
    leafAt('MovementReference', 0),
    leafAt('MovementDate', 1),
    leafAt('MovementType', 2),
    { name: 'DocumentReference', children: [leafAt('DocumentType', 3, true), leafAt('DocumentNumber', 4, true)] },
  ],
});
export const STOCK_MOVEMENT_END = '</StockMovement>';
export const STOCK_MOVEMENT_LINE = rowTemplate({
  name: 'StockMovementLine',
  children: [
    leafAt('LineNumber', 0),
    leafAt('AccountID', 1, true),
    { name: 'ShipTo', children: [leafAt('WarehouseID', 2, true)] },
    { name: 'ShipFrom', children: [leafAt('WarehouseID', 3, true)] },
    leafAt('ProductCode', 4),
    leafAt('Quantity', 5),
    leafAt('UnitOfMeasure', 6),
    leafAt('UOMToUOMPhysicalStockConversionFactor', 7),
    leafAt('BookValue', 8),
  ],
});

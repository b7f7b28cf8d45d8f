/**
 * An item's body checked and converted (SPEC §2), whichever way it came (JSON
 * route or CSV import): texts, costs, variants, barcodes (GTIN check digits)
 * and alternative units; every malformed field reported (400) with its path.
 */
import { type Selectable } from 'kysely';
import { FACTOR_SCALE, UnitCost } from '../core/decimal.ts';
import { checkText, flag, parseFactor, parseUnitCost, Problems, TEXT_LIMITS } from '../core/input.ts';
import type { ItemTable } from '../db/schema.ts';
import { checkDistinct, type UpdateInput } from './crud.ts';
import { wrongGtinCheckDigit } from '../inventory/scan-code.ts';
import { checkNcCode, checkStockAccount, effectiveStockAccount } from '../core/accounts.ts';
import type { ItemInput } from './items.ts';

/** the registry costs of an item body */
export const COSTS = ['standardCost', 'averageCost', 'lastCost', 'salePrice'] as const;

export interface ParsedItem {
  fields: Omit<Selectable<ItemTable>, 'id' | 'code'>;
  variants: { code: string; description: string }[];
  barcodes: { barcode: string; variant: string }[];
  units: { uom: string; factor: bigint }[];
}

/**
 * The item's texts within the JSON schema's limits, whichever way the item
 * came (JSON route or CSV import): lengths, control characters, codes not blank.
 */
function checkItemTexts(input: UpdateInput<ItemInput>, problems: Problems): void {
  const { code, description, uom, barcode } = TEXT_LIMITS;
  checkText(input.code, '/code', problems, { max: code, required: true });
  checkText(input.description, '/description', problems, { max: description, kind: 'text' });
  checkText(input.uom, '/uom', problems, { max: uom, required: true });
  for (const f of ['itemType', 'fiscalCategory', 'merchandiseCategory'] as const) checkText(input[f], `/${f}`, problems, { max: code });
  (input.barcodes ?? []).forEach((b, i) => checkText(b, `/barcodes/${i}`, problems, { max: barcode, kind: 'barcode', required: true }));
  (input.variants ?? []).forEach((v, i) => {
    checkText(v.code, `/variants/${i}/code`, problems, { max: code, required: true });
    checkText(v.description, `/variants/${i}/description`, problems, { max: description, kind: 'text' });
    (v.barcodes ?? []).forEach((b, j) => checkText(b, `/variants/${i}/barcodes/${j}`, problems, { max: barcode, kind: 'barcode', required: true }));
  });
  (input.alternativeUnits ?? []).forEach((u, i) => checkText(u.uom, `/alternativeUnits/${i}/uom`, problems, { max: uom, required: true }));
}

/** Checks and converts the body; every malformed field is reported (400) with its path. */
export function parseItem(input: UpdateInput<ItemInput>): ParsedItem {
  const problems = new Problems();
  checkItemTexts(input, problems);
  checkStockAccount(input.stockAccount, '/stockAccount', problems);
  checkNcCode(input.ncCode, '/ncCode', problems);
  const costs = {} as Record<(typeof COSTS)[number], bigint>;
  for (const name of COSTS) {
    const cost = parseUnitCost(input[name], `/${name}`, problems) ?? UnitCost.zero;
    if (cost < 0n) problems.add({ path: `/${name}`, code: 'INV_ERR_BAD_VALUE', params: { value: input[name], allowed: '≥ 0' } });
    costs[name] = cost;
  }
  const variants = (input.variants ?? []).map((v) => ({ code: v.code, description: v.description }));
  const barcodes = [
    ...(input.barcodes ?? []).map((barcode, i) => ({ barcode, variant: '', path: `/barcodes/${i}` })),
    ...(input.variants ?? []).flatMap((v, i) => (v.barcodes ?? []).map((barcode, j) => ({ barcode, variant: v.code, path: `/variants/${i}/barcodes/${j}` }))),
  ];
  const units = (input.alternativeUnits ?? []).map((u, i) => {
    const path = `/alternativeUnits/${i}/factor`;
    const factor = parseFactor(String(u.factor ?? ''), path, problems);
    if (u.factor === undefined || u.factor === null || String(u.factor) === '') problems.add({ path, code: 'INV_ERR_BAD_DECIMAL', params: { value: '', scale: FACTOR_SCALE } });
    if (factor !== undefined && factor <= 0n) problems.add({ path, code: 'INV_ERR_BAD_VALUE', params: { value: u.factor, allowed: '> 0' } });
    return { uom: u.uom, factor: factor ?? 0n };
  });
  checkDistinct(
    variants.map((v, i) => ({ value: v.code, path: `/variants/${i}/code` })),
    problems,
  );
  checkDistinct(
    barcodes.map((b) => ({ value: b.barcode, path: b.path })),
    problems,
  );
  // a GTIN-shaped barcode (8, 12, 13 or 14 digits) must be a GTIN: the scanner refuses a wrong check digit, so would every scan of it
  for (const b of barcodes) {
    const expected = wrongGtinCheckDigit(b.barcode);
    if (expected !== undefined) problems.add({ path: b.path, code: 'INV_ERR_GTIN_CHECK_DIGIT_ITEM', params: { gtin: b.barcode, expected } });
  }
  // an alternative unit is another unit than the base one
  checkDistinct([{ value: input.uom, path: '/uom' }, ...units.map((u, i) => ({ value: u.uom, path: `/alternativeUnits/${i}/uom` }))], problems);
  problems.throwIfAny();
  return {
    fields: {
      description: input.description,
      uom: input.uom,
      item_type: input.itemType ?? '',
      fiscal_category: input.fiscalCategory ?? '',
      merchandise_category: input.merchandiseCategory ?? '',
      fiscal_interest: flag(input.fiscalInterest, true),
      lot_managed: flag(input.lotManaged),
      serial_managed: flag(input.serialManaged),
      standard_cost: costs.standardCost,
      average_cost: costs.averageCost,
      last_cost: costs.lastCost,
      sale_price: costs.salePrice,
      stock_account: effectiveStockAccount(input.stockAccount, input.itemType),
      nc_code: input.ncCode ?? '',
    },
    variants,
    barcodes: barcodes.map(({ barcode, variant }) => ({ barcode, variant })),
    units,
  };
}

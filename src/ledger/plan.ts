/**
 * Pure posting rules (SPEC §3): turn a record as entered into the movements to
 * write, or into the list of problems that refuse it. No I/O here: the caller
 * resolves master data first and fills proposed costs afterwards.
 */
import { abs, baseQuantity, formatScaled, lineValueInRange, MAX_EXACT_VALUE, EXACT_VALUE_SCALE, Money, Quantity, valueOf, type Money as MoneyT, type Quantity as QuantityT, type UnitCost as UnitCostT } from '../core/decimal.ts';
import { checkLineValue, checkQuantityRange, checkText, TEXT_LIMITS, parseDate, parseMoney, parseQuantity, parseUnitCost, type Problems } from '../core/input.ts';
import { fail } from '../core/errors.ts';
import type { RecordOrigin, TemplateRow } from '../db/schema.ts';
import type { RecordMasterData } from '../masterdata/lookup.ts';
import { checkUnitDecimals } from '../masterdata/units.ts';

export interface LineInput {
  item: string;
  variant?: string;
  quantity: string;
  unitCost?: string;
  amount?: string;
  location?: string;
  lot?: string;
  serials?: string[];
  jobOrder?: string;
  account?: string;
  notes?: string;
  altUom?: string;
  altQuantity?: string;
}

export interface RecordInput {
  warehouse: string;
  template: string;
  date: string;
  internalDocument?: string;
  internalDocumentDate?: string;
  referenceDocument?: string;
  account?: string;
  jobOrder?: string;
  notes?: string;
  lines: LineInput[];
  /**
   * The lines as GET /api/records/{id} shows them (a PUT taking a GET back,
   * issue 12 point 7): quantities, alternative quantities and zero-line
   * amounts may carry the sign the template's type gives them (negative on
   * an unload), and a line's amount may be repeated when it equals its
   * quantity × unit cost. Not part of the API body: set by the PUT route.
   */
  asShown?: boolean;
}

export interface PlannedMovement {
  itemId: number;
  variant: string;
  location: string;
  lot: string;
  serial: string;
  jobOrder: string;
  account: string;
  /** signed by the template's type */
  quantity: QuantityT;
  altUom: string;
  altQuantity: QuantityT;
  /** undefined: to be filled from the template's proposed cost */
  unitCost: UnitCostT | undefined;
  /** an amount entered directly (zero-quantity lines of consider-zero templates) */
  enteredAmount: MoneyT | undefined;
  notes: string;
  /** index of the input line, for error paths */
  inputLine: number;
}

export interface PlannedRecord {
  /** set when an edited record keeps its id (and number) */
  id?: number;
  number?: number;
  warehouseId: number;
  templateId: number;
  template: TemplateRow;
  date: string;
  internalDocument: string;
  internalDocumentDate: string | null;
  referenceDocument: string;
  account: string;
  jobOrder: string;
  notes: string;
  origin: RecordOrigin;
  inventoryId: number | null;
  closingId: number | null;
  lines: PlannedMovement[];
}

const t = (s: string | undefined) => (s ?? '').trim();

/**
 * The text limits of a record (the JSON schema's, for every path: the JSON
 * route, CSV imports, the CLI): lengths, control characters, codes not blank.
 */
export function checkRecordTexts(input: RecordInput, path: string, problems: Problems): void {
  const { code, optionalCode, text } = TEXT_LIMITS;
  checkText(input.warehouse, `${path}/warehouse`, problems, { max: code, required: true });
  checkText(input.template, `${path}/template`, problems, { max: code, required: true });
  for (const f of ['internalDocument', 'referenceDocument', 'account', 'jobOrder'] as const) checkText(input[f], `${path}/${f}`, problems, { max: optionalCode });
  checkText(input.notes, `${path}/notes`, problems, { max: text, kind: 'text' });
  (input.lines ?? []).forEach((line, i) => {
    const at = `${path}/lines/${i}`;
    checkText(line.item, `${at}/item`, problems, { max: code, required: true });
    for (const f of ['variant', 'location', 'lot', 'jobOrder', 'account', 'altUom'] as const) checkText(line[f], `${at}/${f}`, problems, { max: optionalCode });
    checkText(line.notes, `${at}/notes`, problems, { max: text, kind: 'text' });
    (line.serials ?? []).forEach((s, j) => checkText(s, `${at}/serials/${j}`, problems, { max: optionalCode, required: true }));
  });
}

/**
 * Checks a record against every rule that needs no ledger (template, dates
 * format, quantities, lots, serials, mandatory fields) and plans its movements.
 * Problems go to `problems` with JSON-pointer paths under `path`.
 */
export function planRecord(input: RecordInput, r: RecordMasterData, problems: Problems, path = '', origin: RecordOrigin = 'manual'): PlannedRecord {
  const tpl = r.template;
  const sign = tpl.type === 'load' ? 1n : -1n;
  const date = parseDate(input.date, `${path}/date`, problems) ?? input.date;
  const internalDocumentDate = parseDate(input.internalDocumentDate, `${path}/internalDocumentDate`, problems) ?? null;
  const account = t(input.account);
  if (tpl.warehouse_id !== r.warehouse.id) {
    problems.add({ path: `${path}/template`, code: 'INV_ERR_TEMPLATE_WAREHOUSE', params: { template: tpl.code, warehouse: r.warehouse.code } });
  }
  if (tpl.mandatory_document && !t(input.internalDocument)) {
    problems.add({ path: `${path}/internalDocument`, code: 'INV_ERR_DOCUMENT_REQUIRED', params: { template: tpl.code } });
  }
  const lines: PlannedMovement[] = [];
  input.lines.forEach((line, i) => {
    const at = `${path}/lines/${i}`;
    const item = r.items.get(line.item);
    if (!item) {
      problems.add({ path: `${at}/item`, code: 'INV_ERR_NOT_FOUND', params: { entity: 'item', key: line.item } });
      return;
    }
    let quantity = parseQuantity(line.quantity, `${at}/quantity`, problems);
    const unitCost = parseUnitCost(line.unitCost, `${at}/unitCost`, problems);
    let amount = parseMoney(line.amount, `${at}/amount`, problems);
    // as shown: an unload's quantities and amounts are negative, and mean the same as entered positive
    const unsign = <T extends bigint>(v: T | undefined): T | undefined => (input.asShown && sign < 0n && v !== undefined && v < 0n ? ((0n - v) as unknown as T) : v);
    quantity = unsign(quantity);
    amount = unsign(amount);
    // a quantity in one of the item's alternative units goes with its unit; alone, it gives the quantity
    const altUom = t(line.altUom);
    const altEntered = line.altQuantity !== undefined && line.altQuantity !== '';
    const altQuantity = unsign(parseQuantity(line.altQuantity, `${at}/altQuantity`, problems)) ?? Quantity.zero;
    const factor = item.units.get(altUom);
    if (altUom && factor === undefined) problems.add({ path: `${at}/altUom`, code: 'INV_ERR_UNKNOWN_UNIT', params: { item: item.code, uom: altUom } });
    else if (altUom && !altEntered) problems.add({ path: `${at}/altQuantity`, code: 'INV_ERR_VALIDATION' });
    else if (!altUom && altEntered) problems.add({ path: `${at}/altUom`, code: 'INV_ERR_VALIDATION' });
    else if (factor !== undefined && (line.quantity === undefined || line.quantity === '')) quantity = baseQuantity(altQuantity, factor);
    if (quantity === undefined) {
      // a missing quantity is a problem of its own only when no alternative unit was tried instead
      const missing = (line.quantity === undefined || line.quantity === '') && !altUom && !altEntered;
      if (missing) problems.add({ path: `${at}/quantity`, code: 'INV_ERR_VALIDATION' });
      return;
    }
    // the unit's decimals bound the quantity, typed or converted from an alternative unit
    if (!checkUnitDecimals(quantity, { item: item.code, uom: item.uom, decimals: item.decimals }, `${at}/${line.quantity === undefined || line.quantity === '' ? 'altQuantity' : 'quantity'}`, problems)) return;
    const zeroAllowed = tpl.consider_zero_movements === 1;
    if (quantity < 0n || (quantity === 0n && !zeroAllowed)) {
      problems.add({ path: `${at}/quantity`, code: 'INV_ERR_QUANTITY_NOT_POSITIVE' });
      return;
    }
    // a line's amount as shown (quantity × unit cost) is taken back when it is exactly that
    const shownAmount = input.asShown && amount !== undefined && unitCost !== undefined && quantity !== 0n && valueOf(quantity, unitCost) === amount;
    if (amount !== undefined && quantity !== 0n && !shownAmount) problems.add({ path: `${at}/amount`, code: 'INV_ERR_AMOUNT_NOT_ALLOWED' });
    // a quantity from an alternative unit stays in range; quantity × unit cost fits the line value limit
    if (!checkQuantityRange(quantity, `${at}/quantity`, problems)) return;
    if (unitCost !== undefined && unitCost < 0n && tpl.type === 'load') problems.add({ path: `${at}/unitCost`, code: 'INV_ERR_NEGATIVE_UNIT_COST' });
    else if (unitCost !== undefined) checkLineValue(quantity, unitCost, `${at}/unitCost`, problems);
    const variant = t(line.variant);
    if (variant && !item.variants.has(variant)) {
      problems.add({ path: `${at}/variant`, code: 'INV_ERR_UNKNOWN_VARIANT', params: { item: item.code, variant } });
    }
    const location = t(line.location) || tpl.default_location;
    if (location && !r.locations.has(location)) {
      problems.add({ path: `${at}/location`, code: 'INV_ERR_UNKNOWN_LOCATION', params: { warehouse: r.warehouse.code, location } });
    }
    const lot = t(line.lot);
    if (item.lot_managed && tpl.lot_management && !lot && quantity !== 0n) {
      problems.add({ path: `${at}/lot`, code: 'INV_ERR_LOT_REQUIRED', params: { item: item.code } });
    }
    // the header's account is the document's customer/supplier; only a line's own
    // account and job order are stock dimensions (goods held for someone)
    const lineAccount = t(line.account);
    if (tpl.mandatory_account && !lineAccount && !account) {
      problems.add({ path: `${at}/account`, code: 'INV_ERR_ACCOUNT_REQUIRED', params: { template: tpl.code } });
    }
    const base: PlannedMovement = {
      itemId: item.id,
      variant,
      location,
      lot,
      serial: '',
      jobOrder: t(line.jobOrder),
      account: lineAccount,
      quantity: (sign * quantity) as QuantityT,
      altUom,
      altQuantity: (sign * altQuantity) as QuantityT,
      unitCost,
      enteredAmount: quantity === 0n ? amount : undefined,
      notes: t(line.notes),
      inputLine: i,
    };
    if (item.serial_managed && quantity !== 0n) {
      // one serial per unit: the line becomes one movement of 1 per serial
      const serials = (line.serials ?? []).map((s) => s.trim()).filter(Boolean);
      const units = quantity / BigInt(10 ** Quantity.scale);
      const whole = quantity % BigInt(10 ** Quantity.scale) === 0n;
      if (!whole || BigInt(new Set(serials).size) !== units || serials.length !== new Set(serials).size) {
        problems.add({
          path: `${at}/serials`,
          code: 'INV_ERR_SERIALS_REQUIRED',
          params: { item: item.code, expected: Quantity.format(quantity), given: serials.length },
        });
        return;
      }
      for (const serial of serials) {
        lines.push({ ...base, serial, quantity: (sign * Quantity.of(1)) as QuantityT, altQuantity: Quantity.zero });
      }
      return;
    }
    lines.push(base);
  });
  if (input.lines.length === 0) problems.add({ path: `${path}/lines`, code: 'INV_ERR_VALIDATION' });
  return {
    warehouseId: r.warehouse.id,
    templateId: tpl.id,
    template: tpl,
    date,
    internalDocument: t(input.internalDocument),
    internalDocumentDate,
    referenceDocument: t(input.referenceDocument),
    account,
    jobOrder: t(input.jobOrder),
    notes: t(input.notes),
    origin,
    inventoryId: null,
    closingId: null,
    lines,
  };
}

/**
 * The amount of a movement: quantity × unit cost rounded half up to 2
 * decimals, signed like the quantity; on a zero-quantity line, the amount
 * entered, signed by the template's type.
 */
export function movementAmount(m: Pick<PlannedMovement, 'quantity' | 'enteredAmount'>, unitCost: UnitCostT, type: 'load' | 'unload'): MoneyT {
  if (m.quantity === 0n) {
    const entered = m.enteredAmount ?? Money.zero;
    return (type === 'load' ? entered : -entered) as MoneyT;
  }
  // costs proposed from the registry or the ledger meet quantities here: the one place every stored amount is made
  if (!lineValueInRange(m.quantity, unitCost)) {
    fail('INV_ERR_VALUE_TOO_LARGE', { field: 'quantity × unitCost', max: formatScaled(MAX_EXACT_VALUE, EXACT_VALUE_SCALE) });
  }
  const v = valueOf(abs(m.quantity), unitCost);
  return (m.quantity < 0n ? -v : v) as MoneyT;
}

/** The mirror of a record posted through an offset template (a transfer's other side); costs already filled. */
export function mirrorOf(record: PlannedRecord, offsetWarehouseId: number, offsetTemplate: TemplateRow): PlannedRecord {
  return {
    ...record,
    warehouseId: offsetWarehouseId,
    templateId: offsetTemplate.id,
    template: offsetTemplate,
    origin: 'offset',
    id: undefined,
    number: undefined,
    lines: record.lines.map((m) => ({
      ...m,
      quantity: -m.quantity as QuantityT,
      altQuantity: -m.altQuantity as QuantityT,
      // locations belong to the source warehouse; the mirror uses its template's default
      location: offsetTemplate.default_location,
      unitCost: m.unitCost,
    })),
  };
}

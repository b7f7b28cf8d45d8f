/**
 * The accounting fields of the master data forms (SPEC §9, §13): an item's
 * stock account and CN code, a template's debit and credit accounts and its
 * SAF-T movement type. Plugged into the generic editor of Config.tsx; the
 * server checks them and its field problems land on these fields.
 */
import type { FieldSpec } from './Config.tsx';

/** Item: stock account (empty = the item type's default; the server answers the effective one) and CN code. */
export const ITEM_ACCOUNT_FIELDS: FieldSpec[] = [
  { name: 'stockAccount', label: 'items.stockAccount', nullable: true, hint: 'items.stockAccountHint' },
  { name: 'ncCode', label: 'items.ncCode', nullable: true, hint: 'items.ncCodeHint' },
];

/** Template: debit and credit account (`STOCK` = the line item's stock account; both or neither) and the SAF-T movement type. */
export const TEMPLATE_ACCOUNT_FIELDS: FieldSpec[] = [
  { name: 'debitAccount', label: 'tpl.debitAccount', nullable: true, hint: 'tpl.accountHint' },
  { name: 'creditAccount', label: 'tpl.creditAccount', nullable: true, hint: 'tpl.accountHint' },
  { name: 'saftMovementType', label: 'tpl.saftMovementType', nullable: true, hint: 'tpl.saftMovementTypeHint' },
];

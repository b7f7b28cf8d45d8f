/**
 * Warehouse records and their movements (SPEC §3, §4): period, template,
 * quantities, lots and serials, stock keys, negative stock, frozen warehouses,
 * imports.
 */
import type { CatalogueEntry } from './catalogue-entry.ts';

export const ledgerErrors = {
  INV_ERR_RECORD_ROWS_APART: {
    status: 400,
    ro: 'Rândurile documentului {record} nu sunt consecutive: într-un fișier mare, rândurile unui document trebuie să fie unul după altul',
    en: 'The rows of record {record} are not together: in a large file a record\'s rows must follow one another',
  },
  INV_ERR_PERIOD_CLOSED: {
    status: 409,
    ro: 'Data {date} nu este în perioada deschisă ({from} – {to}) sau este înainte de ultima închidere ({lastClosing})',
    en: 'The date {date} is outside the open period ({from} – {to}) or not after the last closing ({lastClosing})',
  },
  INV_ERR_RECORD_NOT_EDITABLE: {
    status: 409,
    ro: 'Înregistrarea {id} a fost generată automat ({origin}) și nu se poate modifica manual',
    en: 'Record {id} was generated ({origin}) and cannot be changed by hand',
  },
  INV_ERR_TEMPLATE_WAREHOUSE: {
    status: 422,
    ro: 'Șablonul „{template}” nu aparține gestiunii {warehouse}',
    en: 'Template "{template}" does not belong to warehouse {warehouse}',
  },
  INV_ERR_QUANTITY_NOT_POSITIVE: {
    status: 422,
    ro: 'Cantitatea trebuie să fie mai mare decât zero (șablonul nu acceptă mișcări zero)',
    en: 'The quantity must be greater than zero (the template does not accept zero movements)',
  },
  INV_ERR_LOT_REQUIRED: { status: 422, ro: 'Articolul {item} este gestionat pe loturi: lotul este obligatoriu', en: 'Item {item} is lot-managed: a lot is required' },
  INV_ERR_SERIALS_REQUIRED: {
    status: 422,
    ro: 'Articolul {item} este gestionat pe numere de serie: sunt necesare {expected} numere de serie distincte, s-au primit {given}',
    en: 'Item {item} is serial-managed: {expected} distinct serial numbers are required, {given} given',
  },
  INV_ERR_DOCUMENT_REQUIRED: { status: 422, ro: 'Șablonul „{template}” cere un document intern', en: 'Template "{template}" requires an internal document' },
  INV_ERR_ACCOUNT_REQUIRED: { status: 422, ro: 'Șablonul „{template}” cere un client/furnizor', en: 'Template "{template}" requires an account (customer/supplier)' },
  INV_ERR_NEGATIVE_STOCK: {
    status: 422,
    ro: 'Stoc insuficient pentru {item} în gestiunea {warehouse}{key}: stocul ar deveni {stock} la data {date}',
    en: 'Insufficient stock of {item} in warehouse {warehouse}{key}: stock would become {stock} on {date}',
  },
  INV_ERR_AMOUNT_NOT_ALLOWED: {
    status: 422,
    ro: 'Valoarea se introduce direct doar pe linii cu cantitate zero ale unui șablon care acceptă mișcări zero',
    en: 'An amount may be entered directly only on zero-quantity lines of a template that accepts zero movements',
  },
  INV_ERR_OFFSET_TEMPLATE: {
    status: 422,
    ro: 'Șablonul „{template}” are o gestiune sau un șablon de contrapartidă invalid',
    en: 'Template "{template}" has an invalid offset warehouse or template',
  },
  INV_ERR_UNKNOWN_VARIANT: { status: 422, ro: 'Articolul {item} nu are varianta „{variant}”', en: 'Item {item} has no variant "{variant}"' },
  INV_ERR_UNKNOWN_UNIT: { status: 422, ro: 'Articolul {item} nu are unitatea de măsură alternativă „{uom}”', en: 'Item {item} has no alternative unit "{uom}"' },
  INV_ERR_UNKNOWN_LOCATION: {
    status: 422,
    ro: 'Gestiunea {warehouse} nu are locația „{location}”',
    en: 'Warehouse {warehouse} has no location "{location}"',
  },
  INV_ERR_NEGATIVE_UNIT_COST: {
    status: 422,
    ro: 'Costul unitar al unei încărcări nu poate fi negativ',
    en: 'The unit cost of a load cannot be negative',
  },
  INV_ERR_WAREHOUSE_FROZEN: {
    status: 409,
    ro: 'Gestiunea {warehouse} este înghețată de inventarul {inventory} aflat în numărare: documentele care mișcă stocul ei sunt refuzate până la înregistrarea sau închiderea inventarului',
    en: 'Warehouse {warehouse} is frozen by inventory {inventory}, which is being counted: records moving its stock are refused until the inventory is posted or closed',
  },
} satisfies Record<string, CatalogueEntry>;

/**
 * Master data (SPEC §2): year parameters, templates and oddments templates,
 * stock difference parameters, units of measure, GTINs.
 */
import type { CatalogueEntry } from './catalogue-entry.ts';

export const masterDataErrors = {
  INV_ERR_NO_YEAR_PARAMS: {
    status: 409,
    ro: 'Nu există parametri inițiali ai gestiunii pentru anul {year}',
    en: 'There are no warehouse initial parameters for the year {year}',
  },
  INV_ERR_TEMPLATE_COST_FLAGS_FROZEN: {
    status: 409,
    ro: 'Indicatorii de cost ai șablonului „{template}” nu se pot modifica: șablonul a fost folosit',
    en: 'The cost flags of template "{template}" cannot change: the template has been used',
  },
  INV_ERR_ODDMENTS_TEMPLATE_EXISTS: {
    status: 409,
    ro: 'Gestiunea {warehouse} are deja un șablon de resturi ({template})',
    en: 'Warehouse {warehouse} already has an oddments template ({template})',
  },
  INV_ERR_STOCK_DIFF_TEMPLATE: {
    status: 422,
    ro: 'Șablonul „{template}” trebuie să fie un șablon de inventar faptic de tip {type} al gestiunii {warehouse}',
    en: 'Template "{template}" must be a physical-inventory {type} template of warehouse {warehouse}',
  },
  INV_ERR_PERIOD_INVALID: {
    status: 422,
    ro: 'Perioada deschisă trebuie să fie în anul {year} și să înceapă înainte de sfârșit',
    en: 'The open period must lie in the year {year} and start before it ends',
  },
  INV_ERR_ODDMENTS_TEMPLATE_TYPE: {
    status: 422,
    ro: 'Șablonul de resturi „{template}” trebuie să fie de tip încărcare',
    en: 'The oddments template "{template}" must be a load template',
  },
  INV_ERR_TEMPLATE_TYPE_FROZEN: {
    status: 409,
    ro: 'Tipul șablonului „{template}” nu se poate modifica: șablonul a fost folosit',
    en: 'The type of template "{template}" cannot change: the template has been used',
  },
  INV_ERR_UOM_DECIMALS: {
    status: 422,
    ro: 'Cantitatea {value} a articolului {item} are prea multe zecimale: unitatea „{uom}” admite {decimals}',
    en: 'The quantity {value} of item {item} has too many decimals: the unit "{uom}" allows {decimals}',
  },
  INV_ERR_UNKNOWN_UOM: {
    status: 422,
    ro: 'Unitatea de măsură „{uom}” nu există',
    en: 'The unit of measure "{uom}" does not exist',
  },
  INV_ERR_STOCK_DIFF_TEMPLATE_ACCOUNT: {
    status: 422,
    ro: 'Șablonul {template} cere client/furnizor obligatoriu: diferențele de inventar nu au client/furnizor, deci nu poate fi șablon de diferențe',
    en: 'Template {template} requires an account: stock differences have no customer/supplier, so it cannot be a stock difference template',
  },
  INV_ERR_GTIN_CHECK_DIGIT_ITEM: {
    status: 422,
    ro: 'Codul de bare {gtin} are forma unui GTIN, dar cifra de control este greșită (corect: {expected})',
    en: 'The barcode {gtin} is GTIN-shaped but its check digit is wrong (expected {expected})',
  },
} satisfies Record<string, CatalogueEntry>;

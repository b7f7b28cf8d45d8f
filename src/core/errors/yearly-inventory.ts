/**
 * The Romanian yearly inventory (SPEC §12): commission, warehouses of the
 * inventory, compensation within confusion groups and natural-loss allowances.
 */
import type { CatalogueEntry } from './catalogue-entry.ts';

export const yearlyInventoryErrors = {
  INV_ERR_STOREKEEPER_ON_OWN_COMMISSION: {
    status: 422,
    ro: 'Angajatul {employee} este gestionarul gestiunii {warehouse} și nu poate face parte din comisia care o inventariază',
    en: 'Employee {employee} is the storekeeper of warehouse {warehouse} and may not sit on the commission counting it',
  },
  INV_ERR_PRESIDENT_ALSO_MEMBER: {
    status: 422,
    ro: 'Președintele comisiei ({employee}) nu poate fi și membru al ei',
    en: 'The commission\'s president ({employee}) cannot also be one of its members',
  },
  INV_ERR_UNKNOWN_EMPLOYEE: { status: 422, ro: 'Angajatul „{employee}” nu există', en: 'Employee "{employee}" does not exist' },
  INV_ERR_UNKNOWN_WAREHOUSE: { status: 422, ro: 'Gestiunea „{warehouse}” nu există', en: 'Warehouse "{warehouse}" does not exist' },
  INV_ERR_WAREHOUSE_NOT_IN_INVENTORY: {
    status: 422,
    ro: 'Gestiunea {warehouse} nu este inventariată în inventarul {inventory} (nicio listă a inventarului nu o numără)',
    en: 'Warehouse {warehouse} is not counted by inventory {inventory} (no list of the inventory counts it)',
  },
  INV_ERR_CONFUSION_GROUP_ITEM: {
    status: 409,
    ro: 'Articolul {item} este deja în grupa de confuzie „{group}” a anului {year}',
    en: 'Item {item} is already in confusion group "{group}" of year {year}',
  },
  INV_ERR_BAD_PERCENT: {
    status: 400,
    ro: 'Procentul „{value}” trebuie să fie între 0 și 100, cu cel mult 4 zecimale',
    en: 'The percentage "{value}" must be between 0 and 100, with at most 4 decimals',
  },
  INV_ERR_LOSS_ALLOWANCE_TARGET: {
    status: 400,
    ro: 'O normă de perisabilitate se dă fie pentru un articol, fie pentru o grupă de articole (exact unul dintre ele)',
    en: 'A natural-loss allowance is given either for an item or for an item group (exactly one of them)',
  },
  INV_ERR_STOCK_DIFF_PARAM_MISSING: {
    status: 422,
    ro: 'Gestiunea {warehouse} nu are parametrul „{parameter}” al diferențelor de inventar, necesar pentru {use}: nimic nu a fost înregistrat',
    en: 'Warehouse {warehouse} has no "{parameter}" stock difference parameter, needed for {use}: nothing was posted',
  },
} satisfies Record<string, CatalogueEntry>;

/**
 * Count control (SPEC §11): decisions, recount rounds, reason codes,
 * tolerances.
 */
import type { CatalogueEntry } from './catalogue-entry.ts';

export const countControlErrors = {
  INV_ERR_UNDECIDED_DIFFERENCES: {
    status: 409,
    ro: 'Inventarul {inventory} are {count} diferențe peste toleranță fără decizie de aprobare (sau trimise la renumărare și nerenumărate): {keys}',
    en: 'Inventory {inventory} has {count} differences over tolerance without an approval decision (or sent to recount and not recounted yet): {keys}',
  },
  INV_ERR_NOTHING_TO_RECOUNT: {
    status: 409,
    ro: 'Inventarul {inventory} nu are chei peste toleranță de renumărat',
    en: 'Inventory {inventory} has no keys over tolerance to recount',
  },
  INV_ERR_RECOUNT_OFF: {
    status: 422,
    ro: 'Renumărarea nu este activată pentru gestiunea {warehouse} (controlul numărării)',
    en: 'Recounting is not switched on for warehouse {warehouse} (count control)',
  },
  INV_ERR_RECOUNT_SAME_EMPLOYEE: {
    status: 422,
    ro: 'Angajatul {employee} a numărat deja cheia {key}: renumărarea o face alt angajat (principiul celor patru ochi)',
    en: 'Employee {employee} already counted key {key}: a recount is done by another employee (four eyes)',
  },
  INV_ERR_RECOUNT_LIST_NOT_BLIND: {
    status: 422,
    ro: 'Tipul de listă {listType} nu este de numărare oarbă: o listă de renumărare este oarbă',
    en: 'List type {listType} is not a blind count: a recount list is blind',
  },
  INV_ERR_RECOUNT_WAREHOUSE_REQUIRED: {
    status: 422,
    ro: 'Cheile peste toleranță sunt în mai multe gestiuni ({warehouses}): alegeți gestiunea listei de renumărare',
    en: 'The keys over tolerance are in several warehouses ({warehouses}): name the warehouse of the recount list',
  },
  INV_ERR_UNKNOWN_REASON_CODE: {
    status: 422,
    ro: 'Codul de motiv „{reason}” nu există în gestiunea {warehouse}',
    en: 'Reason code "{reason}" does not exist in warehouse {warehouse}',
  },
  INV_ERR_NOT_OVER_TOLERANCE: {
    status: 422,
    ro: 'Cheia {key} nu are o diferență peste toleranță în inventarul {inventory}: nu necesită decizie',
    en: 'Key {key} has no difference over tolerance in inventory {inventory}: it needs no decision',
  },
} satisfies Record<string, CatalogueEntry>;

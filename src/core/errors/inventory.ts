/**
 * Physical inventory (SPEC §5, issues 3, 12): inventories and lists, counting
 * and scans (GS1, barcodes, lots, serials, variants), stock differences and
 * their reversal.
 */
import type { CatalogueEntry } from './catalogue-entry.ts';

export const inventoryErrors = {
  INV_ERR_ITEM_OR_BARCODE: {
    status: 400,
    ro: 'Indicați fie codul articolului, fie un cod de bare (exact unul dintre ele)',
    en: 'Give either an item code or a barcode (exactly one of them)',
  },
  INV_ERR_BAD_GS1: {
    status: 400,
    ro: 'Codul GS1 „{value}” nu poate fi interpretat: {detail}',
    en: 'The GS1 code "{value}" cannot be read: {detail}',
  },
  INV_ERR_GTIN_CHECK_DIGIT: {
    status: 400,
    ro: 'GTIN-ul {gtin} are cifra de control greșită (corect: {expected})',
    en: 'GTIN {gtin} has a wrong check digit (expected {expected})',
  },
  INV_ERR_GS1_CONFLICT: {
    status: 400,
    ro: 'Câmpul {field} („{given}”) nu corespunde codului GS1 scanat („{scanned}”)',
    en: 'The field {field} ("{given}") does not match the scanned GS1 code ("{scanned}")',
  },
  INV_ERR_COUNT_NEGATIVE: { status: 400, ro: 'Cantitatea numărată nu poate fi negativă', en: 'The counted quantity cannot be negative' },
  INV_ERR_NOT_YOUR_LIST: {
    status: 403,
    ro: 'Lista de inventar {list} este atribuită altui angajat',
    en: 'Inventory list {list} is assigned to another employee',
  },
  INV_ERR_INVENTORY_CLOSED: {
    status: 409,
    ro: 'Inventarul {inventory} este închis și nu mai poate fi modificat',
    en: 'Inventory {inventory} is closed and can no longer be changed',
  },
  INV_ERR_INVENTORY_POSTED: {
    status: 409,
    ro: 'Diferențele de inventar ale inventarului {inventory} au fost deja înregistrate',
    en: 'The stock differences of inventory {inventory} have already been posted',
  },
  INV_ERR_LIST_CLOSED: {
    status: 409,
    ro: 'Lista de inventar {list} este închisă la data {date}',
    en: 'Inventory list {list} was closed on {date}',
  },
  INV_ERR_NOTHING_DUE: {
    status: 409,
    ro: 'Nicio poziție din gestiunea {warehouse} nu este scadentă la numărare la {date}',
    en: 'No stock key of warehouse {warehouse} is due for count on {date}',
  },
  INV_ERR_LIST_HAS_LINES: {
    status: 409,
    ro: 'Gestiunea listei de inventar {list} nu se poate schimba: lista are deja linii numărate',
    en: 'The warehouse of inventory list {list} cannot change: the list already has counted lines',
  },
  INV_ERR_DUPLICATE_COUNT: {
    status: 409,
    ro: 'Articolul {item} a fost deja numărat în această listă cu aceleași lot, serie și locație (cantitate {counted}): alegeți adăugare sau înlocuire',
    en: 'Item {item} has already been counted in this list with the same lot, serial and location (quantity {counted}): choose add or replace',
  },
  INV_ERR_UNKNOWN_BARCODE: {
    status: 422,
    ro: 'Codul de bare „{barcode}” nu aparține niciunui articol',
    en: 'The barcode "{barcode}" belongs to no item',
  },
  INV_ERR_SERIAL_REQUIRED: {
    status: 422,
    ro: 'Articolul {item} este gestionat pe numere de serie: seria este obligatorie',
    en: 'Item {item} is serial-managed: a serial number is required',
  },
  INV_ERR_SERIAL_QUANTITY: {
    status: 422,
    ro: 'Numărul de serie {serial} al articolului {item} se numără cu cantitatea 0 sau 1',
    en: 'Serial number {serial} of item {item} is counted with quantity 0 or 1',
  },
  INV_ERR_NO_STOCK_DIFF_PARAMS: {
    status: 422,
    ro: 'Gestiunea {warehouse} nu are parametri ai diferențelor de inventar (șabloane de încărcare și descărcare)',
    en: 'Warehouse {warehouse} has no stock difference parameters (load and unload templates)',
  },
  INV_ERR_LOT_NOT_MANAGED: {
    status: 422,
    ro: 'Articolul {item} nu este gestionat pe loturi: lotul „{lot}” nu se acceptă',
    en: 'Item {item} is not lot-managed: the lot "{lot}" is not accepted',
  },
  INV_ERR_SERIAL_NOT_MANAGED: {
    status: 422,
    ro: 'Articolul {item} nu este gestionat pe numere de serie: seria „{serial}” nu se acceptă',
    en: 'Item {item} is not serial-managed: the serial "{serial}" is not accepted',
  },
  INV_ERR_VARIANT_REQUIRED: {
    status: 422,
    ro: 'Articolul {item} are variante: varianta este obligatorie',
    en: 'Item {item} has variants: a variant is required',
  },
  INV_ERR_SCAN_ID_REUSED: {
    status: 409,
    ro: 'Identificatorul de scanare „{scanId}” a fost deja folosit pentru altă numărare',
    en: 'The scan id "{scanId}" was already used for a different count',
  },
  INV_ERR_INVENTORY_NOT_POSTED: {
    status: 409,
    ro: 'Inventarul {inventory} nu are diferențe înregistrate: nu există ce storna',
    en: 'Inventory {inventory} has no posted stock differences: there is nothing to reverse',
  },
  INV_ERR_REVERSAL_DATE: {
    status: 409,
    ro: 'Stornarea inventarului {inventory} nu poate avea data {date}, anterioară înregistrării diferențelor ({posted})',
    en: 'The reversal of inventory {inventory} cannot be dated {date}, before its stock differences were posted ({posted})',
  },
  INV_ERR_REVERSAL_RECORDS_CHANGED: {
    status: 409,
    ro: 'Documentele inventarului {inventory} au fost modificate sau șterse după înregistrare ({detail}): stornarea nu mai poate fi făcută automat',
    en: 'The records of inventory {inventory} were changed or deleted after posting ({detail}): they can no longer be reversed automatically',
  },
  INV_ERR_NOT_YOUR_LINE: {
    status: 403,
    ro: 'Linia {line} a fost numărată de {user}: un numărător corectează sau șterge doar liniile numărate de el',
    en: 'Line {line} was counted by {user}: a counter corrects or deletes only the lines they counted',
  },
} satisfies Record<string, CatalogueEntry>;

/**
 * The error catalogue. Every error the system reports to a user has a stable
 * INV_ERR_* code, an HTTP status and a message in Romanian and English
 * (placeholders in {braces} are filled from the error's params).
 */
import { entityNames, type Language } from './i18n.ts';
import { formatDate, formatDecimal } from './locale.ts';

export interface CatalogueEntry {
  status: number;
  ro: string;
  en: string;
}

export const catalogue = {
  // 400 — malformed input
  INV_ERR_VALIDATION: { status: 400, ro: 'Date de intrare invalide', en: 'Invalid input' },
  INV_ERR_BAD_JSON: { status: 400, ro: 'Corpul cererii nu este JSON valid', en: 'The request body is not valid JSON' },
  INV_ERR_BAD_DECIMAL: {
    status: 400,
    ro: 'Valoarea „{value}” nu este un număr zecimal cu cel mult {scale} zecimale',
    en: 'The value "{value}" is not a decimal number with at most {scale} decimals',
  },
  INV_ERR_BAD_DATE: {
    status: 400,
    ro: 'Data „{value}” nu este validă (o dată reală AAAA-LL-ZZ, anii 1900–2999)',
    en: 'The date "{value}" is not valid (a real date YYYY-MM-DD, years 1900–2999)',
  },
  INV_ERR_BAD_CSV: { status: 400, ro: 'Fișierul CSV conține erori', en: 'The CSV file has errors' },
  INV_ERR_LOCALE_NUMBER: {
    status: 400,
    ro: 'Numărul „{value}” nu este scris în formatul românesc (punct pentru mii, virgulă zecimală: 1.234,56) și nu poate fi citit fără ambiguitate',
    en: 'The number "{value}" is not written in the Romanian style (dot for thousands, decimal comma: 1.234,56) and cannot be read without ambiguity',
  },
  INV_ERR_RECORD_ROWS_APART: {
    status: 400,
    ro: 'Rândurile documentului {record} nu sunt consecutive: într-un fișier mare, rândurile unui document trebuie să fie unul după altul',
    en: 'The rows of record {record} are not together: in a large file a record\'s rows must follow one another',
  },
  // 401 / 403
  INV_ERR_UNAUTHENTICATED: { status: 401, ro: 'Autentificare necesară', en: 'Sign-in required' },
  INV_ERR_BAD_CREDENTIALS: { status: 401, ro: 'Utilizator sau parolă greșită', en: 'Wrong user name or password' },
  INV_ERR_FORBIDDEN: { status: 403, ro: 'Rolul dumneavoastră nu permite această operație', en: 'Your role does not allow this operation' },
  // 404
  INV_ERR_NOT_FOUND: { status: 404, ro: '{entity} „{key}” nu există', en: '{entity} "{key}" does not exist' },
  INV_ERR_ROUTE_NOT_FOUND: { status: 404, ro: 'Resursă inexistentă', en: 'No such resource' },
  // 409 — conflicts with the current state
  INV_ERR_DUPLICATE: { status: 409, ro: '{entity} „{key}” există deja', en: '{entity} "{key}" already exists' },
  INV_ERR_IN_USE: { status: 409, ro: '{entity} „{key}” este folosit și nu poate fi șters', en: '{entity} "{key}" is in use and cannot be deleted' },
  INV_ERR_PERIOD_CLOSED: {
    status: 409,
    ro: 'Data {date} nu este în perioada deschisă ({from} – {to}) sau este înainte de ultima închidere ({lastClosing})',
    en: 'The date {date} is outside the open period ({from} – {to}) or not after the last closing ({lastClosing})',
  },
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
  INV_ERR_RECORD_NOT_EDITABLE: {
    status: 409,
    ro: 'Înregistrarea {id} a fost generată automat ({origin}) și nu se poate modifica manual',
    en: 'Record {id} was generated ({origin}) and cannot be changed by hand',
  },
  // 422 — business rules
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
  // master data (400 malformed, 409 conflicts, 422 rules)
  INV_ERR_TEXT_TOO_LONG: { status: 400, ro: 'Textul poate avea cel mult {max} caractere', en: 'The text may have at most {max} characters' },
  INV_ERR_BAD_VALUE: {
    status: 400,
    ro: 'Valoarea „{value}” nu este permisă (valori permise: {allowed})',
    en: 'The value "{value}" is not allowed (allowed: {allowed})',
  },
  INV_ERR_REPEATED_VALUE: { status: 400, ro: 'Valoarea „{value}” apare de mai multe ori', en: 'The value "{value}" appears more than once' },
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
  // physical inventory (issue 3)
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
  // warehouse closing (issue 5): check errors (listed in `errors` of a 422 INV_ERR_CLOSING_CHECKS) and warnings
  INV_ERR_CLOSING_CHECKS: {
    status: 422,
    ro: 'Închiderea gestiunii la {date} nu se poate face: {count} erori la verificare',
    en: 'The warehouse closing at {date} cannot run: {count} check errors',
  },
  INV_ERR_CLOSING_NOT_AFTER_LAST: {
    status: 422,
    ro: 'Data închiderii {date} trebuie să fie după ultima închidere ({lastClosing})',
    en: 'The closing date {date} must be after the last closing ({lastClosing})',
  },
  INV_ERR_CLOSING_IN_FUTURE: {
    status: 422,
    ro: 'Data închiderii {date} este în viitor (astăzi este {today})',
    en: 'The closing date {date} is in the future (today is {today})',
  },
  INV_ERR_CLOSING_NEGATIVE_STOCK: {
    status: 422,
    ro: 'Stoc scriptic negativ pentru {item} în gestiunea {warehouse}{key} la {date}: {stock}',
    en: 'Negative book stock of {item} in warehouse {warehouse}{key} on {date}: {stock}',
  },
  INV_ERR_CLOSING_LOT_MISSING: {
    status: 422,
    ro: 'Articolul {item} este gestionat pe loturi, dar linia {line} a înregistrării {record} (gestiunea {warehouse}, {recordDate} nr. {number}) nu are lot',
    en: 'Item {item} is lot-managed but line {line} of record {record} (warehouse {warehouse}, {recordDate} no. {number}) has no lot',
  },
  INV_ERR_CLOSING_SERIAL_MISSING: {
    status: 422,
    ro: 'Articolul {item} este gestionat pe numere de serie, dar linia {line} a înregistrării {record} (gestiunea {warehouse}, {recordDate} nr. {number}) nu are serie',
    en: 'Item {item} is serial-managed but line {line} of record {record} (warehouse {warehouse}, {recordDate} no. {number}) has no serial number',
  },
  INV_ERR_CLOSING_NO_ODDMENTS: {
    status: 422,
    ro: 'Gestiunea {warehouse} are stoc la {date}, dar nu are un șablon de resturi (șablon de încărcare marcat „resturi”)',
    en: 'Warehouse {warehouse} has stock on {date} but no oddments template (a load template flagged oddments)',
  },
  INV_ERR_CLOSING_MORE: {
    status: 422,
    ro: '… și încă {count} probleme de același fel',
    en: '… and {count} more problems of the same kind',
  },
  INV_WARN_OPEN_INVENTORY: {
    status: 200,
    ro: 'Inventarul {year}/{inventory} din {date} este deschis și are numărători la sau înainte de data închiderii',
    en: 'Inventory {year}/{inventory} of {date} is open and has counts on or before the closing date',
  },
  INV_WARN_LOAD_WITHOUT_COST: {
    status: 200,
    ro: 'Încărcare fiscală fără cost: articolul {item}, linia {line} a înregistrării {record} (gestiunea {warehouse}, {recordDate} nr. {number})',
    en: 'Fiscal load without cost: item {item}, line {line} of record {record} (warehouse {warehouse}, {recordDate} no. {number})',
  },
  INV_WARN_CLOSING_LOTS_SUMMED: {
    status: 200,
    ro: 'Gestiunea {warehouse} are stoc de articole gestionate pe loturi sau serii, dar nu se închide pe lot: liniile de deschidere nu vor avea lot și serie',
    en: 'Warehouse {warehouse} holds lot- or serial-managed stock but does not close by lot: the opening lines will carry no lot or serial',
  },
  INV_WARN_CLOSING_CHECK_DIMENSION: {
    status: 200,
    ro: 'Gestiunea {warehouse} verifică stocul pe {dimension}, dar nu se închide pe {dimension}: după închidere stocul pe {dimension} pornește de la liniile de deschidere fără {dimension}',
    en: 'Warehouse {warehouse} checks stock by {dimension} but does not close by {dimension}: after the closing its stock by {dimension} starts from opening lines without one',
  },
  INV_WARN_CLOSING_MORE: {
    status: 200,
    ro: '… și încă {count} avertismente de același fel',
    en: '… and {count} more warnings of the same kind',
  },
  // hostile input, limits and HTTP errors (issue 11, input scope)
  INV_ERR_OUT_OF_RANGE: {
    status: 400,
    ro: 'Valoarea „{value}” este în afara domeniului permis (cel mult {max})',
    en: 'The value "{value}" is out of range (at most {max})',
  },
  INV_ERR_VALUE_TOO_LARGE: {
    status: 422,
    ro: 'Valoarea rezultată ({field}) depășește limita de {max}',
    en: 'The resulting value ({field}) exceeds the limit of {max}',
  },
  INV_ERR_STORED_VALUE_OVERFLOW: {
    status: 422,
    ro: 'Operația ar produce o valoare prea mare pentru a fi memorată; nu s-a modificat nimic',
    en: 'The operation would produce a value too large to store; nothing was changed',
  },
  INV_ERR_CONTROL_CHARS: {
    status: 400,
    ro: 'Textul conține caractere de control (de exemplu NUL), care nu sunt permise',
    en: 'The text contains control characters (e.g. NUL), which are not allowed',
  },
  INV_ERR_BLANK: { status: 400, ro: 'Valoarea nu poate fi goală sau doar spații', en: 'The value may not be blank or only spaces' },
  INV_ERR_NEGATIVE_UNIT_COST: {
    status: 422,
    ro: 'Costul unitar al unei încărcări nu poate fi negativ',
    en: 'The unit cost of a load cannot be negative',
  },
  INV_ERR_METHOD_NOT_ALLOWED: {
    status: 405,
    ro: 'Metoda {method} nu este permisă pentru această resursă (permise: {allowed})',
    en: 'The method {method} is not allowed for this resource (allowed: {allowed})',
  },
  INV_ERR_URI_TOO_LONG: { status: 414, ro: 'Adresa cererii este prea lungă', en: 'The request URI is too long' },
  INV_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    ro: 'Tipul de conținut al cererii nu este acceptat (acceptate: application/json, text/csv)',
    en: 'The request content type is not supported (accepted: application/json, text/csv)',
  },
  INV_ERR_BODY_TOO_LARGE: { status: 413, ro: 'Corpul cererii este prea mare', en: 'The request body is too large' },
  // issue 12 points 3, 4, 5 (edges): counting rules, units of measure, stock difference templates, GTINs on items
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
  INV_ERR_SCAN_ID_REUSED: {
    status: 409,
    ro: 'Identificatorul de scanare „{scanId}” a fost deja folosit pentru altă numărare',
    en: 'The scan id "{scanId}" was already used for a different count',
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
  // 500
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
  INV_ERR_WAREHOUSE_FROZEN: {
    status: 409,
    ro: 'Gestiunea {warehouse} este înghețată de inventarul {inventory} aflat în numărare: documentele care mișcă stocul ei sunt refuzate până la înregistrarea sau închiderea inventarului',
    en: 'Warehouse {warehouse} is frozen by inventory {inventory}, which is being counted: records moving its stock are refused until the inventory is posted or closed',
  },
  INV_ERR_INTERNAL: { status: 500, ro: 'Eroare internă', en: 'Internal error' },
  // ---- auth scope (issue 11 points 1, 3; issue 12 point 9) ----
  INV_ERR_PASSWORD_TOO_LONG: { status: 400, ro: 'Parola are mai mult de {max} caractere', en: 'The password is longer than {max} characters' },
  INV_ERR_LOGIN_LOCKED: {
    status: 429,
    ro: 'Prea multe autentificări eșuate pentru acest utilizator; încercați din nou peste {seconds} s',
    en: 'Too many failed sign-ins for this user; try again in {seconds} s',
  },
  INV_ERR_TOO_MANY_LOGINS: {
    status: 429,
    ro: 'Prea multe încercări de autentificare; încercați din nou peste {seconds} s',
    en: 'Too many sign-in attempts; try again in {seconds} s',
  },
  // cost method names and closings that keep every dimension (issue 12, points 1 and 6)
  INV_ERR_STORED_COST_METHOD: {
    status: 409,
    ro: 'Metoda de cost „{value}” salvată pentru {entity} {key} nu este cunoscută (metode: {allowed}); corectați-o înainte de evaluare',
    en: 'The cost method "{value}" stored for {entity} {key} is not known (methods: {allowed}); correct it before valuing',
  },
  INV_ERR_CLOSING_DIMENSION_DROPPED: {
    status: 422,
    ro: 'Gestiunea {warehouse} are stoc pe {dimension}, dar nu se închide pe {dimension}: {count} chei ({keys}); închideți pe {dimension} în parametrii anului sau cereți explicit însumarea ({collapse} în collapse)',
    en: 'Warehouse {warehouse} holds stock by {dimension} but does not close by {dimension}: {count} keys ({keys}); close by {dimension} in the year parameters or ask for the sum explicitly ({collapse} in collapse)',
  },
  // operations (issue #19): backup and restore of the SQLite database
  INV_ERR_BACKUP_POSTGRES: {
    status: 400,
    ro: 'Copiile de siguranță ale unei baze PostgreSQL se fac cu pg_dump și se restaurează cu pg_restore (vezi README, „Copii de siguranță”)',
    en: 'Back up a PostgreSQL database with pg_dump and restore it with pg_restore (see the README, "Backups")',
  },
  INV_ERR_BACKUP_EXISTS: { status: 409, ro: 'Fișierul „{file}” există deja', en: 'The file "{file}" exists already' },
  INV_ERR_BACKUP_NOT_FOUND: { status: 404, ro: 'Baza de date „{file}” nu există', en: 'The database "{file}" does not exist' },
  INV_ERR_RESTORE_INVALID: {
    status: 422,
    ro: 'Copia „{file}” nu poate fi restaurată: {reason}',
    en: 'The copy "{file}" cannot be restored: {reason}',
  },
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
  INV_ERR_RESTORE_SERVER_RUNNING: {
    status: 409,
    ro: 'Serverul rulează pe această bază de date (proces {pid}, {pidFile}): opriți-l înainte de restaurare',
    en: 'The server is running on this database (process {pid}, {pidFile}): stop it before restoring',
  },
  // accounting (SPEC §9, §13)
  INV_ERR_BAD_ACCOUNT: {
    status: 400,
    ro: 'Contul „{value}” nu este valid: cel mult 20 de caractere, cifre și puncte (ex. 371.01) sau cuvântul STOCK',
    en: 'The account "{value}" is not valid: up to 20 characters, digits and dots (e.g. 371.01) or the word STOCK',
  },
  INV_ERR_BAD_NC_CODE: {
    status: 400,
    ro: 'Codul NC „{value}” nu este valid: exact 8 cifre',
    en: 'The NC code "{value}" is not valid: exactly 8 digits',
  },
  INV_ERR_STOCK_ACCOUNT_WORD: {
    status: 400,
    ro: 'Contul de stoc al unui articol este un cont, nu cuvântul STOCK',
    en: 'An item\'s stock account is an account, not the word STOCK',
  },
  INV_ERR_TEMPLATE_ACCOUNTS_PAIR: {
    status: 400,
    ro: 'Un șablon are fie ambele conturi (debit și credit), fie niciunul',
    en: 'A template has both accounts (debit and credit) or neither',
  },
  INV_ERR_BAD_SAFT_MOVEMENT_TYPE: {
    status: 400,
    ro: 'Tipul de mișcare SAF-T „{value}” nu este valid: cel mult 9 litere sau cifre',
    en: 'The SAF-T movement type "{value}" is not valid: up to 9 letters or digits',
  },
  // re-valuation (SPEC §9)
  INV_ERR_DATE_RANGE: {
    status: 400,
    ro: 'Data de început {from} este după data de sfârșit {to}',
    en: 'The start date {from} is after the end date {to}',
  },
  INV_ERR_CONFIRMATION_REQUIRED: {
    status: 400,
    ro: 'Operația modifică registrul: confirmați-o explicit (confirm: true) după ce ați verificat previzualizarea',
    en: 'This changes the ledger: confirm it explicitly (confirm: true) after checking the preview',
  },
  INV_ERR_REVALUATION_UNSETTLED: {
    status: 422,
    ro: 'Costurile transferurilor articolului {item} nu s-au stabilizat după {runs} parcurgeri: reevaluarea nu poate fi calculată',
    en: 'The transfer costs of item {item} did not settle after {runs} walks: the re-valuation cannot be computed',
  },
  // Romanian yearly inventory (SPEC §12)
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
  // Romanian yearly inventory: compensation and allowances (SPEC §12)
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
  INV_ERR_NOT_YOUR_LINE: {
    status: 403,
    ro: 'Linia {line} a fost numărată de {user}: un numărător corectează sau șterge doar liniile numărate de el',
    en: 'Line {line} was counted by {user}: a counter corrects or deletes only the lines they counted',
  },
} satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof catalogue;

/** One field- or row-level problem inside an error (`errors` in problem+json). */
export interface FieldProblem {
  path: string;
  code: ErrorCode;
  params?: Record<string, unknown>;
}

export class InventarError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly problems: FieldProblem[] = [],
  ) {
    super(formatMessage(code, params, 'en'));
    this.name = 'InventarError';
    this.status = catalogue[code].status;
  }
}

export function fail(code: ErrorCode, params: Record<string, unknown> = {}, problems: FieldProblem[] = []): never {
  throw new InventarError(code, params, problems);
}

/**
 * The params a person reads as numbers or dates (SPEC §14): `1.234,500` and
 * `31.12.2026` in Romanian. Echoed input ({value}) and years stay as given;
 * the params themselves (problem+json) keep the API's format.
 */
const NUMBER_PARAMS = new Set(['stock', 'counted', 'max']);
const DATE_PARAMS = new Set(['date', 'from', 'to', 'lastClosing', 'recordDate', 'today', 'posted']);

export function formatMessage(code: ErrorCode, params: Record<string, unknown>, lang: Language): string {
  const template = catalogue[code][lang];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    // an {entity} is named in the message's language
    const v = name === 'entity' && typeof params.entity === 'string' ? (entityNames[params.entity]?.[lang] ?? params.entity) : params[name];
    if (v === undefined || v === null) return '';
    const text = String(v);
    if (NUMBER_PARAMS.has(name)) return formatDecimal(text, lang);
    if (DATE_PARAMS.has(name)) return formatDate(text, lang);
    return text;
  });
}

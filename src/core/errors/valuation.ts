/**
 * Warehouse valuation and closing (SPEC §6, §7, issues 5, 12): the closing's
 * check errors (listed in `errors` of a 422 INV_ERR_CLOSING_CHECKS) and
 * warnings, stored cost methods, dimensions a closing keeps.
 */
import type { CatalogueEntry } from './catalogue-entry.ts';

export const valuationErrors = {
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
} satisfies Record<string, CatalogueEntry>;

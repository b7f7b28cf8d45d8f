/**
 * Every text of the UI in Romanian and English: [ro, en]. Keys are typed, so
 * a missing or misspelt message is a compile error. {name} placeholders are
 * filled by t(key, {name: ...}).
 */
import { COST_METHOD_NAMES, type CostMethod } from '../valuation/cost-method-names.ts';
import { countControlMessages } from './messagesCountControl.ts';
import { connectMessages } from './messagesConnect.ts';
import { screensMessages } from './messagesScreens.ts';
import { accountingMessages } from './messagesAccounting.ts';
import { revaluationMessages } from './messagesRevaluation.ts';
import { dashboardMessages } from './messagesDashboard.ts';
import { yearlyMessages } from './messagesYearly.ts';
import { gridMessages } from './messagesGrids.ts';
import { phoneMessages } from './messagesPhone.ts';
import { configMessages } from './messagesConfig.ts';
import { inventoryMessages } from './messagesInventory.ts';
import { countingMessages } from './messagesCounting.ts';
import { stockDifferencesMessages } from './messagesStockDifferences.ts';
import { closingMessages } from './messagesClosing.ts';
import { historyMessages } from './messagesHistory.ts';
import { valuedInventoryMessages } from './messagesValuedInventory.ts';
import { recordMessages } from './messagesRecords.ts';

const methodMessages = Object.fromEntries(COST_METHOD_NAMES.map((m) => [`method.${m.id}`, [m.label.ro, m.label.en] as const])) as {
  readonly [K in CostMethod as `method.${K}`]: readonly [string, string];
};

export const messages = {
  // shell
  'nav.home': ['Pagina principală', 'Home'],
  'nav.skip': ['Sari la conținut', 'Skip to content'],
  'nav.signOut': ['Ieșire', 'Sign out'],
  'nav.notFound': ['Pagina nu există', 'Page not found'],
  'nav.breadcrumbs': ['Navigare', 'Breadcrumbs'],
  'lang.switch': ['Limba', 'Language'],
  'lang.ro': ['Română', 'Romanian'],
  'lang.en': ['Engleză', 'English'],
  'role.admin': ['administrator', 'administrator'],
  'role.supervisor': ['responsabil inventar', 'supervisor'],
  'role.counter': ['inventariator', 'counter'],
  'role.viewer': ['consultare', 'viewer'],
  'error.number': ['Număr nevalid: în română punctul desparte miile și virgula zecimalele (1.234,56).', 'Not a number: commas separate thousands and a dot the decimals (1,234.56).'],
  'error.numbers': ['Unele numere nu pot fi citite: corectați câmpurile marcate.', 'Some numbers cannot be read: correct the marked fields.'],
  'error.details': ['Detalii', 'Details'],
  'error.code': ['Cod intern', 'Internal code'],
  'error.field': ['Câmp', 'Field'],

  // date fields (components/DateField.tsx)
  'date.format': ['zz.ll.aaaa', 'yyyy-mm-dd'],
  'date.unreadable': ['Nu este o dată: scrieți-o ca {format} (de ex. 31.12.2026).', 'Not a date: type it as {format} (e.g. 2026-12-31).'],
  'date.open': ['Deschide calendarul', 'Open the calendar'],
  'date.calendar': ['Alegeți data: {label}', 'Pick the date: {label}'],
  'date.prevMonth': ['Luna anterioară', 'Previous month'],
  'date.nextMonth': ['Luna următoare', 'Next month'],
  'date.today': ['Azi', 'Today'],
  'error.network': ['Serverul nu răspunde: verificați conexiunea și încercați din nou.', 'The server does not answer: check the connection and try again.'],

  // common words
  'common.yes': ['Da', 'Yes'],
  'common.no': ['Nu', 'No'],
  'common.all': ['Toate', 'All'],
  'common.cancel': ['Renunță', 'Cancel'],
  'common.close': ['Închide', 'Close'],
  'common.dismiss': ['Ascunde', 'Dismiss'],
  'common.save': ['Salvează', 'Save'],
  'common.saving': ['Se salvează…', 'Saving…'],
  'common.saved': ['Salvat.', 'Saved.'],
  'common.delete': ['Șterge', 'Delete'],
  'common.new': ['Nou', 'New'],
  'common.newRow': ['Înregistrare nouă', 'New entry'],
  'common.editing': ['Modificare {code}', 'Editing {code}'],
  'common.search': ['Caută', 'Search'],
  'common.filter': ['Filtrează', 'Filter'],
  'common.filters': ['Filtre', 'Filters'],
  'common.reset': ['Golește filtrele', 'Clear filters'],
  'common.loading': ['Se încarcă…', 'Loading…'],
  'common.noRows': ['Nicio înregistrare.', 'No rows.'],
  'common.elapsed': ['{s} s', '{s} s'],
  'common.actions': ['Acțiuni', 'Actions'],
  'common.exportCsv': ['Export CSV', 'Export CSV'],
  'common.pages': ['Pagini', 'Pages'],
  'common.previous': ['Anterioare', 'Previous'],
  'common.next': ['Următoare', 'Next'],
  'common.range': ['{from}–{to} din {total}', '{from}–{to} of {total}'],
  'common.code': ['Cod', 'Code'],
  'common.description': ['Descriere', 'Description'],
  'common.notes': ['Note', 'Notes'],
  'common.date': ['Data', 'Date'],
  'common.from': ['De la data', 'From'],
  'common.to': ['Până la data', 'To'],
  'common.year': ['Anul', 'Year'],
  'common.item': ['Articol', 'Item'],
  'common.variant': ['Variantă', 'Variant'],
  'common.lot': ['Lot', 'Lot'],
  'common.serial': ['Serie', 'Serial'],
  'common.location': ['Locație', 'Location'],
  'common.jobOrder': ['Comandă', 'Job order'],
  'common.account': ['Client/Furnizor', 'Account'],
  'common.warehouse': ['Gestiune', 'Warehouse'],
  'common.template': ['Șablon', 'Template'],
  'common.quantity': ['Cantitate', 'Quantity'],
  'common.uom': ['UM', 'UoM'],
  'common.unitCost': ['Cost unitar', 'Unit cost'],
  'common.value': ['Valoare', 'Value'],
  'common.createdBy': ['Creat de', 'Created by'],
  'common.createdAt': ['Creat la', 'Created at'],

  // sign-in
  'login.title': ['Autentificare', 'Sign in'],
  'login.intro': ['Inventare faptice și valorizarea gestiunii.', 'Physical inventories and warehouse valuation.'],
  'login.username': ['Utilizator', 'User name'],
  'login.password': ['Parolă', 'Password'],
  'login.submit': ['Intră', 'Sign in'],
  'login.expired': ['Sesiunea a expirat: autentificați-vă din nou. Numărătorile nesalvate sunt păstrate pe acest dispozitiv.', 'Your session has ended: please sign in again. Counts not yet sent are kept on this device.'],

  // home (the seed page's entries)
  'home.title': ['Inventare faptice', 'Physical inventory'],
  'home.intro': [
    'Creați liste de inventar, completați-le și comparați stocurile faptice cu cele scriptice; sistemul aliniază stocurile scriptice cu cele faptice, apoi stocul poate fi valorizat.',
    'Create inventory lists, fill them in and compare counted stock with book stock; the system aligns the books with what was counted, and the stock can then be valued.',
  ],
  'home.documents': ['Documente gestionate', 'Documents'],
  'home.more': ['Gestiune', 'Warehouse'],
  'home.config': ['Configurare', 'Configuration'],
  'home.inventories': ['Inventare faptice', 'Physical inventories'],
  'home.inventories.text': ['Creați inventare și liste de inventar, relevați stocurile faptice și comparați-le cu stocurile scriptice.', 'Create inventories and their lists, record the counted stock and compare it with the book stock.'],
  'home.differences': ['Diferențe de inventar', 'Stock differences'],
  'home.differences.text': ['Aliniați stocurile scriptice cu cele faptice: previzualizați diferențele și generați înregistrările de gestiune.', 'Align book stock with counted stock: preview the differences and post the warehouse records.'],
  'home.closingHistory': ['Istoric închideri', 'Closing history'],
  'home.closingHistory.text': ['Datele închiderilor de gestiune: cantități, cost final, cost mediu și straturi de cost.', 'What each warehouse closing recorded: quantities, last cost, average cost and cost layers.'],
  'home.warehouseHistory': ['Arhivă gestiune', 'Warehouse history'],
  'home.warehouseHistory.text': ['Arhiva valorizărilor salvate: costul final și mediu pentru fiecare articol, la fiecare dată.', 'The saved valuations: last and average cost of every item at each date.'],
  'home.valuation': ['Valorizare gestiune', 'Warehouse valuation'],
  'home.valuation.text': ['Închideți gestiunea la o dată: verificări, arhivarea costurilor și deschiderea zilei următoare.', 'Close the warehouse at a date: checks, archived costs and the next day opened with the remaining stock.'],
  'home.valuedInventory': ['Inventar cantitativ valoric', 'Valued quantity inventory'],
  'home.valuedInventory.text': ['Cantitățile și valoarea stocului la o dată, după metoda de cost aleasă.', 'Stock quantities and values at a date, by the chosen cost method.'],
  'home.records': ['Înregistrări de gestiune', 'Warehouse records'],
  'home.records.text': ['Căutați și introduceți înregistrări de gestiune, inclusiv cele generate de inventar și de închideri.', 'Search and enter warehouse records, including those posted by inventories and closings.'],
  'home.count': ['Numărare', 'Counting'],
  'home.count.text': ['Listele mele: scanați sau tastați codurile, și pe telefon.', 'My lists: scan or type the codes, on a phone too.'],

  // configuration
  ...configMessages,

  // physical inventories
  ...inventoryMessages,

  // counting on a phone
  ...countingMessages,

  // stock differences
  ...stockDifferencesMessages,

  // closing
  ...closingMessages,

  // the cost methods' labels: the table of SPEC §6 (src/valuation/cost-method-names.ts)
  ...methodMessages,
  'method.template': ['Costul propus al șablonului', 'Template’s proposed cost'],

  // histories
  ...historyMessages,

  // valued inventory
  ...valuedInventoryMessages,

  // warehouse records
  ...recordMessages,

  // count control (SPEC §11)
  ...countControlMessages,
  // connect a phone (issue 14)
  ...connectMessages,
  // stock, item card, audit trail (issue 15)
  ...screensMessages,
  // accounting: journal, stock reconciliation, accounts on master data (issue 17)
  ...accountingMessages,
  ...revaluationMessages,
  // home dashboard (issue 15 point 6)
  ...dashboardMessages,
  ...yearlyMessages,
  // server-side grids and the item picker (issue 15 point 5)
  ...gridMessages,
  // role-aware navigation (issue 15 point 8): a screen typed in the address bar that the role may not use
  'nav.notAllowed': ['Acces nepermis', 'Not allowed'],
  'nav.notAllowed.text': ['Rolul dumneavoastră ({role}) nu poate folosi această pagină.', 'Your role ({role}) may not use this page.'],
  ...phoneMessages,
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof messages;

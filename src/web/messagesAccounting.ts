/** The texts of the accounting screens and fields (issue 17, SPEC §9): [ro, en]. Spread into messages.ts. */
export const accountingMessages = {
  // home
  'home.journal': ['Jurnal contabil', 'Journal'],
  'home.journal.text': ['Notele contabile ale înregistrărilor de gestiune, cu totaluri pe cont.', 'The journal entries of the warehouse records, with totals per account.'],
  'home.stockReconciliation': ['Reconciliere stocuri', 'Stock reconciliation'],
  'home.stockReconciliation.text': ['Soldul conturilor de stoc lângă inventarul valoric la o dată, și diferența.', 'The stock accounts’ balance next to the valued inventory at a date, and the difference.'],

  // master data fields
  'items.stockAccount': ['Cont de stoc', 'Stock account'],
  'items.stockAccountHint': ['Gol = contul implicit al tipului de articol (de ex. 371 mărfuri, 301 materii prime, 345 produse finite).', 'Empty = the item type’s default account (e.g. 371 merchandise, 301 raw materials, 345 finished goods).'],
  'items.ncCode': ['Cod NC', 'CN code'],
  'items.ncCodeHint': ['Codul din nomenclatura combinată: 8 cifre.', 'The combined nomenclature code: 8 digits.'],
  'tpl.debitAccount': ['Cont debitor', 'Debit account'],
  'tpl.creditAccount': ['Cont creditor', 'Credit account'],
  'tpl.accountHint': ['STOCK = contul de stoc al articolului de pe linie. Ambele conturi sau niciunul.', 'STOCK = the line item’s stock account. Both accounts or neither.'],
  'tpl.saftMovementType': ['Tip mișcare SAF-T', 'SAF-T movement type'],
  'tpl.saftMovementTypeHint': ['Codul tipului de mișcare din declarația D406 (de ex. 10).', 'The movement type code of the D406 return (e.g. 10).'],

  // both screens
  'acct.account': ['Cont', 'Account'],
  'acct.accountHint': ['Liniile cu acest cont pe debit sau pe credit.', 'Lines with this account on either side.'],
  'acct.show': ['Afișează', 'Show'],

  // journal
  'journal.title': ['Jurnal contabil', 'Journal'],
  'journal.record': ['Înregistrare', 'Record'],
  'journal.recordHint': ['Numărul înregistrării de gestiune.', 'The warehouse record number.'],
  'journal.entry': ['Notă', 'Entry'],
  'journal.debitAccount': ['Cont debitor', 'Debit account'],
  'journal.creditAccount': ['Cont creditor', 'Credit account'],
  'journal.amount': ['Sumă', 'Amount'],
  'journal.lines': ['Linii ({n})', 'Lines ({n})'],
  'journal.totals': ['Totaluri pe cont', 'Totals per account'],
  'journal.totalsHint': ['Peste toate liniile care corespund filtrelor, nu doar pagina afișată.', 'Over every line matching the filters, not only the page shown.'],
  'journal.debit': ['Debit', 'Debit'],
  'journal.credit': ['Credit', 'Credit'],
  'journal.balance': ['Sold', 'Balance'],
  'journal.total': ['Total', 'Total'],
  'journal.openRecord': ['Înregistrarea {id}', 'Record {id}'],

  // stock reconciliation
  'recon.title': ['Reconciliere stocuri', 'Stock reconciliation'],
  'recon.params': ['Opțiunile reconcilierii', 'Reconciliation options'],
  'recon.date': ['Data reconcilierii', 'Reconciliation date'],
  'recon.running': ['Se calculează reconcilierea…', 'Calculating the reconciliation…'],
  'recon.exporting': ['Se pregătește fișierul…', 'Preparing the file…'],
  'recon.result': ['Conturi de stoc la {date}', 'Stock accounts on {date}'],
  'recon.opening': ['Soldurile pornesc de la închiderea din {date}.', 'The balances start from the closing of {date}.'],
  'recon.noClosing': ['Nicio închidere înainte de această dată: soldurile pornesc de la zero.', 'No closing before this date: the balances start from zero.'],
  'recon.journalBalance': ['Sold contabil', 'Journal balance'],
  'recon.inventoryValue': ['Inventar valoric', 'Valued inventory'],
  'recon.difference': ['Diferență', 'Difference'],
  'recon.differs': ['nereconciliat', 'does not agree'],
  'recon.agrees': ['Toate conturile de stoc corespund inventarului valoric.', 'Every stock account agrees with the valued inventory.'],
  'recon.disagrees': ['{n} conturi nu corespund inventarului valoric.', '{n} accounts do not agree with the valued inventory.'],
  'recon.total': ['Total', 'Total'],
} as const satisfies Record<string, readonly [string, string]>;

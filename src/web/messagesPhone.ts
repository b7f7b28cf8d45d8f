/** The texts of the counting phone (issue 14 points 3–7): [ro, en]. Spread into messages.ts. */
export const phoneMessages = {
  'phone.outcome.counted': ['Numărat', 'Counted'],
  'phone.outcome.refused': ['Refuzat', 'Refused'],
  'phone.outcome.queued': ['Păstrat pe telefon', 'Kept on the phone'],
  'phone.total': ['Total:', 'Total:'],
  'phone.sending': ['se trimite…', 'sending…'],
  'phone.onPhone': ['se trimite când revine conexiunea', 'sent when the connection returns'],
  'phone.lastRefused': ['Ultima scanare a fost refuzată.', 'The last scan was refused.'],
  'phone.unclearNumber': [
    '„{text}” nu este un număr clar: în română punctul grupează miile (1.500) și virgula desparte zecimalele (1,5).',
    '“{text}” is not a clear number: in English the comma groups thousands (1,500) and the dot marks decimals (1.5).',
  ],
  'phone.correct': ['Corectează', 'Correct'],
  'phone.newQuantity': ['Cantitatea numărată din {item}', 'Counted quantity of {item}'],
  'phone.moreLines': ['Încă {n} linii', '{n} more lines'],
  'phone.progress': ['{counted} din {withBook} chei cu stoc scriptic numărate', '{counted} of {withBook} keys with book stock counted'],
  'phone.progressBlind': ['{counted} chei numărate', '{counted} keys counted'],
  'phone.progressPending': ['{counted} chei numărate (se calculează stocul scriptic…)', '{counted} keys counted (book stock being computed…)'],
  'phone.storage.save': [
    'Numărătorile nu pot fi salvate pe telefon (spațiu plin sau navigare privată): nu închideți pagina până nu se trimit.',
    'The counts cannot be saved on this phone (storage full or private browsing): keep this page open until they are sent.',
  ],
  'phone.storage.load': [
    'Numărătorile păstrate pe telefon nu pot fi citite acum: nu au fost șterse. Reîncărcați pagina; dacă rămâne așa, anunțați șeful de inventar.',
    'The counts kept on this phone cannot be read now: they were not deleted. Reload the page; if it stays so, tell the inventory supervisor.',
  ],
  'phone.storage.unreadable': [
    'Unele numărători păstrate pe telefon nu pot fi citite: sunt păstrate neatinse, anunțați șeful de inventar.',
    'Some counts kept on this phone cannot be read: they are kept untouched, tell the inventory supervisor.',
  ],
  'phone.chooseVariant': ['Ce variantă de {item}?', 'Which variant of {item}?'],
  'phone.chooseLot': ['Ce lot de {item}?', 'Which lot of {item}?'],
  'phone.otherLot': ['Alt lot', 'Another lot'],
  'phone.currentLocation': ['Locația curentă', 'Current location'],
  'phone.search': ['Caută articol după denumire sau cod', 'Find an item by description or code'],
  'phone.noMatch': ['Niciun articol găsit.', 'No item found.'],
} as const;

/** The texts of the counting phone (issue 14 points 3–7): [ro, en]. Spread into messages.ts. */
export const phoneMessages = {
  'phone.outcome.counted': ['Numărat', 'Counted'],
  'phone.outcome.refused': ['Refuzat', 'Refused'],
  'phone.outcome.queued': ['Păstrat pe telefon', 'Kept on the phone'],
  'phone.total': ['Total:', 'Total:'],
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
} as const;

/** The texts of "Connect a phone" (issue 14 point 2): [ro, en]. Spread into messages.ts. */
export const connectMessages = {
  'home.connect': ['Conectează un telefon', 'Connect a phone'],
  'home.connect.text': ['Codul QR al aplicației de numărare: scanați-l cu telefonul, autentificați-vă, numărați.', 'The counting app as a QR code: scan it with the phone, sign in, count.'],
  'connect.title': ['Conectează un telefon', 'Connect a phone'],
  'connect.intro': [
    'Pe telefon, în aceeași rețea Wi-Fi: scanați codul cu camera, deschideți adresa și autentificați-vă. Numărătorul ajunge la listele lui.',
    'On the phone, on the same Wi-Fi: scan the code with the camera, open the address and sign in. A counter lands on their lists.',
  ],
  'connect.qrAlt': ['Cod QR pentru {url}', 'QR code for {url}'],
  'connect.url': ['Adresa aplicației de numărare', 'Address of the counting app'],
  'connect.otherUrls': ['Adresele acestui calculator (alegeți rețeaua telefoanelor)', 'Addresses of this machine (pick the phones’ network)'],
  'connect.fingerprint': ['Amprenta certificatului', 'Certificate fingerprint'],
  'connect.fingerprintHelp': [
    'Comparați-o cu cea afișată de telefon înainte de a accepta certificatul.',
    'Compare it with the one the phone shows before you accept the certificate.',
  ],
  'connect.certificate': ['Descărcați certificatul (pentru a-l instala pe telefon)', 'Download the certificate (to install it on the phone)'],
  'connect.noHttps': [
    'Serverul folosește HTTP simplu: telefonul nu va da acces la cameră. Porniți-l cu INVENTAR_TLS=self-signed (vezi README, „HTTPS on the warehouse network”).',
    'The server speaks plain HTTP: the phone will not give the camera. Start it with INVENTAR_TLS=self-signed (see the README, "HTTPS on the warehouse network").',
  ],
} as const;

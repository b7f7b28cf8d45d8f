/** The two languages the product speaks, and how a request picks one. */
export type Language = 'ro' | 'en';

export const DEFAULT_LANGUAGE: Language = 'ro';

/**
 * Picks ro or en from an Accept-Language header by q-weight; Romanian when the
 * header names neither (the product's first users are Romanian companies).
 */
export function languageFrom(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag, ...rest] = part.trim().toLowerCase().split(';');
      const q = rest.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { lang: tag.split('-')[0], q: q ? Number(q) : 1, index };
    })
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const hit = ranked.find((r) => r.lang === 'ro' || r.lang === 'en');
  return (hit?.lang as Language | undefined) ?? DEFAULT_LANGUAGE;
}

/** Entity names used inside messages ({entity} placeholders). */
export const entityNames: Record<string, Record<Language, string>> = {
  item: { ro: 'Articolul', en: 'Item' },
  warehouse: { ro: 'Gestiunea', en: 'Warehouse' },
  location: { ro: 'Locația', en: 'Location' },
  template: { ro: 'Șablonul', en: 'Template' },
  employee: { ro: 'Angajatul', en: 'Employee' },
  user: { ro: 'Utilizatorul', en: 'User' },
  managementArea: { ro: 'Zona de gestiune', en: 'Management area' },
  listType: { ro: 'Tipul de listă', en: 'List type' },
  record: { ro: 'Înregistrarea', en: 'Record' },
  yearParams: { ro: 'Parametrii anului', en: 'Year parameters' },
  stockDifferenceParams: { ro: 'Parametrii diferențelor de inventar', en: 'Stock difference parameters' },
  inventory: { ro: 'Inventarul', en: 'Inventory' },
  list: { ro: 'Lista de inventar', en: 'Inventory list' },
  line: { ro: 'Linia', en: 'Line' },
  closing: { ro: 'Închiderea', en: 'Closing' },
  variant: { ro: 'Varianta', en: 'Variant' },
  barcode: { ro: 'Codul de bare', en: 'Barcode' },
  unit: { ro: 'Unitatea de măsură', en: 'Unit of measure' },
  countControl: { ro: 'Controlul numărării', en: 'Count control' },
  reasonCode: { ro: 'Codul de motiv', en: 'Reason code' },
  confusionGroup: { ro: 'Grupa de confuzie', en: 'Confusion group' },
  lossAllowance: { ro: 'Norma de perisabilitate', en: 'Natural-loss allowance' },
};

/** Stock key dimensions named inside messages (closing warnings). */
export const dimensionNames: Record<string, Record<Language, string>> = {
  variant: { ro: 'variantă', en: 'variant' },
  location: { ro: 'locație', en: 'location' },
  lot: { ro: 'lot', en: 'lot' },
  serial: { ro: 'serie', en: 'serial' },
  jobOrder: { ro: 'comandă', en: 'job order' },
  account: { ro: 'client/furnizor', en: 'account' },
};

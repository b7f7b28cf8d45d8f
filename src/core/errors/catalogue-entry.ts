/** One entry of the error catalogue: the HTTP status and the message in Romanian and English ({braces} are params). */
export interface CatalogueEntry {
  status: number;
  ro: string;
  en: string;
}

/** Types for gs1-barcode-parser-mod (the package ships none). */
declare module 'gs1-barcode-parser-mod' {
  export interface ParsedElement {
    /** application identifier, e.g. "01" */
    ai: string;
    dataTitle: string;
    data: string | number | Date;
    unit: string;
    /** the untouched substring the contents were read from */
    raw: string;
    /** date elements: YYYY-MM-DD; '' otherwise */
    isoDate: string;
  }
  export interface ParsedBarcode {
    codeName: string;
    parsedCodeItems: ParsedElement[];
  }
  /** throws a string describing the problem when the code cannot be parsed */
  export function parseBarcode(barcode: string): ParsedBarcode;
  const gs1: { parseBarcode: typeof parseBarcode };
  export default gs1;
}

/**
 * What a scanner sends (SPEC §4): a plain item barcode (EAN/UPC/GTIN or any
 * code stored on the item), or a GS1 element string carrying GTIN, lot,
 * expiry and quantity. GS1 strings are parsed by gs1-barcode-parser-mod (a
 * maintained GS1 library); this module only decides which form a code is,
 * checks the GTIN check digit and picks the elements counting needs:
 *
 *   01 GTIN (02 GTIN of the contained items, when 01 is absent — logistic
 *   labels carry 02 + 37), 10 lot, 17 expiry, 30 / 37 count.
 *
 * Pure: no I/O.
 */
import gs1, { type ParsedElement } from 'gs1-barcode-parser-mod';
import { fail } from '../core/errors.ts';

const GS = '\u001d';

export interface ScanCode {
  /** the code as scanned */
  text: string;
  /** true when read as a GS1 element string */
  gs1: boolean;
  /** codes to look up among item barcodes, most specific first */
  candidates: string[];
  /** GS1 AI 01 / 02, as 14 digits */
  gtin?: string;
  /** GS1 AI 10 */
  lot?: string;
  /** GS1 AI 17, YYYY-MM-DD */
  expiry?: string;
  /** GS1 AI 30 / 37: a whole count, as a decimal string */
  quantity?: string;
}

/** The GS1 mod-10 check digit of a GTIN body (the digits before the check digit). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  // weights 3,1,3,1... from the rightmost digit of the body
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/** Whether a code has the shape of a GTIN: 8, 12, 13 or 14 digits. */
export function isGtinShaped(code: string): boolean {
  return /^\d+$/.test(code) && GTIN_LENGTHS.has(code.length);
}

/** Whether a string of 8, 12, 13 or 14 digits has a valid GTIN check digit. */
export function isValidGtin(code: string): boolean {
  return isGtinShaped(code) && gtinCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/**
 * The one GTIN check the scanner and the item registry share: for a
 * GTIN-shaped code with a wrong check digit, the digit it should end with;
 * undefined for a valid GTIN or a code that is not GTIN-shaped (any other
 * barcode an item may carry).
 */
export function wrongGtinCheckDigit(code: string): number | undefined {
  if (!isGtinShaped(code) || isValidGtin(code)) return undefined;
  return gtinCheckDigit(code.slice(0, -1));
}

/**
 * The forms under which a GTIN may be stored on an item: GTIN-14 with
 * leading zeros, and the shorter GTIN-13 / 12 / 8 those zeros stand for.
 */
export function gtinForms(code: string): string[] {
  if (!/^\d+$/.test(code) || !GTIN_LENGTHS.has(code.length)) return [code];
  const g14 = code.padStart(14, '0');
  const forms = [g14];
  for (const len of [13, 12, 8]) {
    const cut = 14 - len;
    if (/^0+$/.test(g14.slice(0, cut))) forms.push(g14.slice(cut));
  }
  // the code as given first: an exact match wins
  return [code, ...forms.filter((f) => f !== code)];
}

/**
 * A GS1 element string: parenthesised AIs "(01)…", a symbology identifier
 * "]C1…" / "]d2…" / "]Q3…", an FNC1 (GS) anywhere, or AI 01 / 02 followed by
 * 14 digits (16 characters or more). A bare 8–14 digit number is a plain barcode.
 */
export function looksLikeGs1(text: string): boolean {
  if (/^\(\d{2,4}\)/.test(text)) return true;
  if (/^\][A-Za-z]\d/.test(text)) return true;
  if (text.includes(GS)) return true;
  return /^0[12]\d{14}/.test(text);
}

/** Reads a scanned code; a malformed GS1 string or a wrong GTIN check digit is a 400. */
export function readScanCode(raw: string): ScanCode {
  const text = raw.trim();
  if (!looksLikeGs1(text)) {
    const expected = wrongGtinCheckDigit(text);
    if (expected !== undefined) fail('INV_ERR_GTIN_CHECK_DIGIT', { gtin: text, expected });
    return { text, gs1: false, candidates: gtinForms(text) };
  }
  let elements: ParsedElement[];
  try {
    // the parser reads FNC1 as GS; strip a leading GS some scanners send for FNC1 in first position
    elements = gs1.parseBarcode(text.startsWith(GS) ? text.slice(1) : text).parsedCodeItems;
  } catch (e) {
    return fail('INV_ERR_BAD_GS1', { value: printable(text), detail: String(e) });
  }
  const byAi = new Map(elements.map((e) => [e.ai, e]));
  const gtinElement = byAi.get('01') ?? byAi.get('02');
  if (!gtinElement) fail('INV_ERR_BAD_GS1', { value: printable(text), detail: 'no GTIN (AI 01 or 02)' });
  const gtin = String(gtinElement.data);
  const expected = isGtinShaped(gtin) ? wrongGtinCheckDigit(gtin) : gtinCheckDigit(gtin.slice(0, -1));
  if (expected !== undefined) fail('INV_ERR_GTIN_CHECK_DIGIT', { gtin, expected });
  const code: ScanCode = { text, gs1: true, gtin, candidates: gtinForms(gtin) };
  const lot = byAi.get('10');
  if (lot) code.lot = String(lot.data).trim();
  const expiry = byAi.get('17');
  if (expiry?.isoDate) code.expiry = expiry.isoDate;
  const count = byAi.get('37') ?? byAi.get('30');
  if (count) {
    const digits = String(count.raw ?? count.data);
    if (!/^\d{1,8}$/.test(digits)) fail('INV_ERR_BAD_GS1', { value: printable(text), detail: `count ${digits}` });
    code.quantity = BigInt(digits).toString();
  }
  return code;
}

/** GS shown as <GS> in messages. */
const printable = (text: string) => text.replaceAll(GS, '<GS>');

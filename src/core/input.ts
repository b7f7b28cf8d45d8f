/**
 * Turning API-shaped input (decimal strings, ISO dates) into domain values.
 * Problems are collected with their path so one answer lists them all.
 */
import { Factor, formatScaled, lineValueInRange, MAX_EXACT_VALUE, EXACT_VALUE_SCALE, Money, Quantity, UnitCost } from './decimal.ts';
import { isIsoDate } from './dates.ts';
import { catalogue, fail, type FieldProblem } from './errors.ts';

/**
 * Text limits shared by the JSON schemas (http/schemas.ts) and the services,
 * so CSV imports obey the same limits as the JSON routes.
 */
export const TEXT_LIMITS = {
  /** master-data and reference codes (warehouse, template, item, employee...) */
  code: 40,
  /** free codes on records and counts (lot, location, document numbers...) */
  optionalCode: 60,
  /** descriptions of master data */
  description: 200,
  /** notes */
  text: 2000,
  /** a unit of measure */
  uom: 20,
  /** a barcode */
  barcode: 64,
} as const;

export class Problems {
  readonly list: FieldProblem[] = [];

  add(problem: FieldProblem): void {
    this.list.push(problem);
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /**
   * Throws if there is any problem, with `errors` listing every one found:
   * any malformed value makes it a 400 INV_ERR_VALIDATION; otherwise the
   * first business rule broken gives the code and status.
   */
  throwIfAny(): void {
    if (this.empty) return;
    if (this.list.some((p) => catalogue[p.code].status === 400)) fail('INV_ERR_VALIDATION', {}, this.list);
    const first = this.list[0];
    fail(first.code, first.params ?? {}, this.list);
  }
}

type Kind = typeof Quantity | typeof UnitCost | typeof Money | typeof Factor;

/** shown in messages: a value cut to a readable length */
const shown = (text: unknown): string => {
  const s = String(text);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

/** a plain decimal of at most `scale` significant decimals that parsing refused only for its size (beyond 64 bits) */
function tooLargeToParse(text: string, scale: number): boolean {
  const m = /^-?\d+(?:\.(\d+))?$/.exec(text.trim());
  return !!m && !/[^0]/.test((m[1] ?? '').slice(scale));
}

/**
 * The shared decimal parser of every input path (JSON routes and CSV
 * imports): a plain decimal of at most the kind's scale (400
 * INV_ERR_BAD_DECIMAL) within the kind's range (400 INV_ERR_OUT_OF_RANGE).
 */
function decimal<T extends bigint>(kind: Kind, text: string | undefined, path: string, problems: Problems): T | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  const v = kind.parse(String(text));
  if (v === undefined && !tooLargeToParse(String(text), kind.scale)) {
    problems.add({ path, code: 'INV_ERR_BAD_DECIMAL', params: { value: shown(text), scale: kind.scale } });
    return undefined;
  }
  if (v === undefined || !kind.inRange(v)) {
    problems.add({ path, code: 'INV_ERR_OUT_OF_RANGE', params: { value: shown(text), max: kind.format(kind.max) } });
    return undefined;
  }
  return v as T | undefined;
}

export const parseQuantity = (text: string | undefined, path: string, p: Problems) => decimal<Quantity>(Quantity, text, path, p);
export const parseUnitCost = (text: string | undefined, path: string, p: Problems) => decimal<UnitCost>(UnitCost, text, path, p);
export const parseMoney = (text: string | undefined, path: string, p: Problems) => decimal<Money>(Money, text, path, p);
/** an alternative unit's factor (FACTOR_SCALE decimals) */
export const parseFactor = (text: string | undefined, path: string, p: Problems) => decimal<bigint>(Factor, text, path, p);

/** A computed quantity (e.g. from an alternative unit) must stay in the quantity range. */
export function checkQuantityRange(q: bigint, path: string, problems: Problems): boolean {
  if (Quantity.inRange(q)) return true;
  problems.add({ path, code: 'INV_ERR_VALUE_TOO_LARGE', params: { field: path, max: Quantity.format(Quantity.max) } });
  return false;
}

/** |quantity × unit cost| of a line must fit the largest line value (422 INV_ERR_VALUE_TOO_LARGE). */
export function checkLineValue(q: bigint, c: bigint, path: string, problems: Problems): boolean {
  if (lineValueInRange(q, c)) return true;
  problems.add({ path, code: 'INV_ERR_VALUE_TOO_LARGE', params: { field: path, max: formatScaled(MAX_EXACT_VALUE, EXACT_VALUE_SCALE) } });
  return false;
}

/**
 * Control characters: C0, DEL and C1. NUL breaks PostgreSQL text; the others
 * have no place in codes and names. Free text (notes, descriptions) may carry
 * tab and line breaks; a GS1 barcode its FNC1 separator (GS, U+001D).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROL_IN_BARCODE = /[\u0000-\u001c\u001e\u001f\u007f-\u009f]/;

export type TextKind = 'code' | 'text' | 'barcode';

const FREE_TEXT_FIELDS = new Set(['notes', 'description', 'detail', 'text', 'comment']);
const BARCODE_FIELDS = new Set(['barcode', 'barcodes', 'gtin']);

/** The text kind of a field by its name (the last segment of its path that is not an index). */
export function textKindOf(path: string): TextKind {
  const name = path.split('/').filter((s) => s !== '' && !/^[0-9]+$/.test(s)).pop() ?? '';
  if (FREE_TEXT_FIELDS.has(name)) return 'text';
  if (BARCODE_FIELDS.has(name)) return 'barcode';
  return 'code';
}

export function hasControlChars(text: string, kind: TextKind = 'code'): boolean {
  return (kind === 'text' ? CONTROL_IN_TEXT : kind === 'barcode' ? CONTROL_IN_BARCODE : CONTROL).test(text);
}

/** One text value: no control characters (per its kind), at most `max` characters, codes not blank. */
export function checkText(
  text: string | null | undefined,
  path: string,
  problems: Problems,
  options: { kind?: TextKind; max?: number; required?: boolean } = {},
): void {
  if (text === undefined || text === null) return;
  const kind = options.kind ?? textKindOf(path);
  if (hasControlChars(text, kind)) problems.add({ path, code: 'INV_ERR_CONTROL_CHARS' });
  else if (options.max !== undefined && [...text].length > options.max) problems.add({ path, code: 'INV_ERR_TEXT_TOO_LONG', params: { max: options.max } });
  else if (options.required && text.trim() === '') problems.add({ path, code: 'INV_ERR_BLANK' });
}

/**
 * Walks a parsed request part (body, query, params) and reports every string
 * with control characters, by JSON-pointer path. Keys are checked too.
 */
export function findControlChars(value: unknown, path: string, problems: Problems, depth = 0): void {
  if (problems.list.length >= 20 || depth > 64) return;
  if (typeof value === 'string') {
    if (hasControlChars(value, textKindOf(path))) problems.add({ path: path || '/', code: 'INV_ERR_CONTROL_CHARS' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findControlChars(v, `${path}/${i}`, problems, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (hasControlChars(k)) problems.add({ path: `${path}/${k.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')}`, code: 'INV_ERR_CONTROL_CHARS' });
      else findControlChars(v, `${path}/${k}`, problems, depth + 1);
    }
  }
}

export function parseDate(text: string | undefined, path: string, problems: Problems): string | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  if (!isIsoDate(text)) {
    problems.add({ path, code: 'INV_ERR_BAD_DATE', params: { value: shown(text) } });
    return undefined;
  }
  return text;
}

/** Parses one value on its own, throwing the 400 at once (query strings). */
export function requireValid<T>(parse: (p: Problems) => T): T {
  const problems = new Problems();
  const v = parse(problems);
  problems.throwIfAny();
  return v;
}

export const flag = (b: boolean | undefined, fallback = false): number => ((b ?? fallback) ? 1 : 0);

/**
 * Turning API-shaped input (decimal strings, ISO dates) into domain values.
 * Problems are collected with their path so one answer lists them all.
 */
import { Money, Quantity, UnitCost } from './decimal.ts';
import { isIsoDate } from './dates.ts';
import { catalogue, fail, type FieldProblem } from './errors.ts';

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

type Kind = typeof Quantity | typeof UnitCost | typeof Money;

function decimal<T extends bigint>(kind: Kind, text: string | undefined, path: string, problems: Problems): T | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  const v = kind.parse(String(text));
  if (v === undefined) problems.add({ path, code: 'INV_ERR_BAD_DECIMAL', params: { value: text, scale: kind.scale } });
  return v as T | undefined;
}

export const parseQuantity = (text: string | undefined, path: string, p: Problems) => decimal<Quantity>(Quantity, text, path, p);
export const parseUnitCost = (text: string | undefined, path: string, p: Problems) => decimal<UnitCost>(UnitCost, text, path, p);
export const parseMoney = (text: string | undefined, path: string, p: Problems) => decimal<Money>(Money, text, path, p);

export function parseDate(text: string | undefined, path: string, problems: Problems): string | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  if (!isIsoDate(text)) {
    problems.add({ path, code: 'INV_ERR_BAD_DATE', params: { value: text } });
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

/**
 * Numbers typed in a form, read in the app's language before anything is
 * sent (SPEC §14): a field that cannot be read, or could be read two ways
 * ("12.5" in Romanian), is refused on the field, never sent as typed (the
 * API would read it with a decimal dot).
 */
import { ApiError } from './api.ts';
import { parseDecimalInput } from './format.ts';
import type { Lang } from './i18n.tsx';

/** A typed number that the other language would read: `1.5` or `1,5` in the wrong place (refused, never guessed). */
export function isUnclearNumber(text: string, lang: Lang): boolean {
  return parseDecimalInput(text, lang) === undefined && parseDecimalInput(text, lang === 'ro' ? 'en' : 'ro') !== undefined;
}

export class NumberReader {
  private readonly problems: { path: string; code: string; message: string }[] = [];
  constructor(
    private readonly lang: Lang,
    private readonly message: string,
  ) {}

  /** The decimal string of a typed number; '' → undefined; unreadable → noted at `path`. */
  read(text: string, path: string): string | undefined {
    if (text.trim() === '') return undefined;
    const value = parseDecimalInput(text, this.lang);
    if (value === undefined) this.problems.push({ path, code: 'INV_ERR_VALIDATION', message: this.message });
    return value;
  }

  /** Throws the problems noted as a 400 answer would carry them (shown on their fields). */
  check(detail: string): void {
    if (this.problems.length) throw new ApiError(400, { detail, code: 'INV_ERR_VALIDATION', errors: this.problems });
  }
}

/**
 * A field's validation message in the user's words (SPEC §14): the field's
 * label (`field-labels.ts`) and the rule it broke, in ro and en, e.g.
 * "Data inventarului trebuie să fie o dată validă (nu „2026-02-30”)" /
 * "The inventory date must be a valid date (not "2026-02-30")". Raw schema
 * text (`must match pattern …`) never reaches a person. No Node-only imports.
 */
import { fieldLabel, fieldNameOf, positionOf, type FieldLabel } from './field-labels.ts';
import type { Language } from './i18n.ts';

/** The rules a field can break, as the schema checks them. */
export type FieldRule =
  | 'required'
  | 'unknown'
  | 'type'
  | 'minLength'
  | 'maxLength'
  | 'blank'
  | 'minItems'
  | 'maxItems'
  | 'date'
  | 'decimal'
  | 'id'
  | 'count'
  | 'year'
  | 'enum'
  | 'anyOf'
  | 'pattern'
  | 'minimum'
  | 'maximum'
  | 'other';

/** Romanian text by agreement (m: masculine/neuter, f: feminine, pl: plural); English by number. */
interface RuleText {
  ro: { m: string; f?: string; pl?: string };
  en: { s: string; pl?: string };
}

const same = (ro: string, en: string): RuleText => ({ ro: { m: ro }, en: { s: en } });

const RULES: Record<FieldRule, RuleText> = {
  required: { ro: { m: '{L} este obligatoriu', f: '{L} este obligatorie', pl: '{L} sunt obligatorii' }, en: { s: '{L} is required', pl: '{L} are required' } },
  unknown: same('Câmpul „{name}” nu este cunoscut', 'The field "{name}" is not known'),
  type: same('{L} trebuie să fie de tipul {type}', '{L} must be of type {type}'),
  minLength: same('{L} trebuie să aibă cel puțin {limit} {de}caractere', '{L} must have at least {limit} characters'),
  maxLength: { ro: { m: '{L} poate avea cel mult {limit} {de}caractere', pl: '{L} pot avea cel mult {limit} {de}caractere' }, en: { s: '{L} may have at most {limit} characters' } },
  blank: {
    ro: { m: '{L} nu poate fi gol sau doar spații', f: '{L} nu poate fi goală sau doar spații', pl: '{L} nu pot fi goale sau doar spații' },
    en: { s: '{L} may not be blank or only spaces' },
  },
  minItems: same('{L} trebuie să cuprindă cel puțin {limit} {de}{items}', '{L} must hold at least {limit} {items}'),
  maxItems: same('{L} trebuie să cuprindă cel mult {limit} {de}{items}', '{L} may hold at most {limit} {items}'),
  date: same('{L} trebuie să fie o dată validă (nu „{value}”)', '{L} must be a valid date (not "{value}")'),
  decimal: same('{L} trebuie să fie un număr (nu „{value}”)', '{L} must be a number (not "{value}")'),
  id: same('{L} trebuie să fie un identificator între 1 și {max}', '{L} must be an id between 1 and {max}'),
  count: same('{L} trebuie să fie un număr întreg între 0 și {max}', '{L} must be a whole number between 0 and {max}'),
  year: same('{L} trebuie să fie un an între 1900 și 2999', '{L} must be a year between 1900 and 2999'),
  enum: same('{L} trebuie să fie una dintre valorile: {allowed}', '{L} must be one of: {allowed}'),
  anyOf: { ro: { m: '{L} nu are o valoare permisă', pl: '{L} nu au o valoare permisă' }, en: { s: '{L} does not have an allowed value', pl: '{L} do not have an allowed value' } },
  pattern: { ro: { m: '{L} nu are forma cerută', pl: '{L} nu au forma cerută' }, en: { s: '{L} does not have the required form', pl: '{L} do not have the required form' } },
  minimum: same('{L} trebuie să fie cel puțin {limit}', '{L} must be at least {limit}'),
  maximum: same('{L} trebuie să fie cel mult {limit}', '{L} must be at most {limit}'),
  other: { ro: { m: '{L} nu este valid', f: '{L} nu este validă', pl: '{L} nu sunt valide' }, en: { s: '{L} is not valid', pl: '{L} are not valid' } },
};

const TYPE_NAMES: Record<string, Record<Language, string>> = {
  string: { ro: 'text', en: 'string' },
  boolean: { ro: 'boolean (true/false)', en: 'boolean (true/false)' },
  object: { ro: 'obiect', en: 'object' },
  array: { ro: 'listă', en: 'array' },
  integer: { ro: 'număr întreg', en: 'integer' },
  number: { ro: 'număr', en: 'number' },
  null: { ro: 'null', en: 'null' },
};

/** "string,null" → "text / null" */
export function typeNames(types: string, lang: Language): string {
  return types
    .split(',')
    .map((t) => TYPE_NAMES[t]?.[lang] ?? t)
    .join(' / ');
}

const ITEMS: Record<Language, [string, string]> = { ro: ['element', 'elemente'], en: ['entry', 'entries'] };

/** Romanian counts from 20 take "de" before the noun (20 de caractere, 101 caractere, 120 de caractere) */
const romanianDe = (n: number) => Number.isInteger(n) && n >= 20 && (n % 100 === 0 || n % 100 >= 20);

/** the label as the subject of a sentence: capitalised */
const subject = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);

/**
 * The message for a field (a JSON pointer, e.g. `/lines/1/quantity`) that
 * broke a rule: "Linia 2: Cantitatea trebuie să fie un număr (nu „x”)".
 * `route` (a route pattern or URL) picks the resource's own labels.
 */
export function fieldMessage(pointer: string, rule: FieldRule, params: Record<string, unknown>, lang: Language, route?: string): string {
  const name = fieldNameOf(pointer) ?? '';
  const label: FieldLabel = fieldLabel(name, route) ?? { ro: `Câmpul „${name}”`, en: `The field "${name}"` };
  const text = RULES[rule];
  const g = label.g ?? 'm';
  const template = lang === 'ro' ? (text.ro[g === 'm' ? 'm' : g] ?? text.ro.m) : ((g === 'pl' ? text.en.pl : undefined) ?? text.en.s);
  const limit = Number(params.limit);
  const values: Record<string, string> = {
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v ?? '')])),
    name,
    items: ITEMS[lang][limit === 1 ? 0 : 1],
    de: lang === 'ro' && romanianDe(limit) ? 'de ' : '',
  };
  const where = positionOf(pointer, lang, route);
  const body = template.replace(/\{(\w+)\}/g, (_, key: string) => (key === 'L' ? (where ? label[lang] : subject(label[lang])) : (values[key] ?? '')));
  return where ? `${where}: ${body}` : subject(body);
}

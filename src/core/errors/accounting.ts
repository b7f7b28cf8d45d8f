/**
 * Accounting alignment (SPEC §9, §13): accounts, NC codes, template accounts,
 * SAF-T movement types, re-valuation.
 */
import type { CatalogueEntry } from './catalogue-entry.ts';

export const accountingErrors = {
  INV_ERR_BAD_ACCOUNT: {
    status: 400,
    ro: 'Contul „{value}” nu este valid: cel mult 20 de caractere, cifre și puncte (ex. 371.01) sau cuvântul STOCK',
    en: 'The account "{value}" is not valid: up to 20 characters, digits and dots (e.g. 371.01) or the word STOCK',
  },
  INV_ERR_BAD_NC_CODE: {
    status: 400,
    ro: 'Codul NC „{value}” nu este valid: exact 8 cifre',
    en: 'The NC code "{value}" is not valid: exactly 8 digits',
  },
  INV_ERR_STOCK_ACCOUNT_WORD: {
    status: 400,
    ro: 'Contul de stoc al unui articol este un cont, nu cuvântul STOCK',
    en: 'An item\'s stock account is an account, not the word STOCK',
  },
  INV_ERR_TEMPLATE_ACCOUNTS_PAIR: {
    status: 400,
    ro: 'Un șablon are fie ambele conturi (debit și credit), fie niciunul',
    en: 'A template has both accounts (debit and credit) or neither',
  },
  INV_ERR_BAD_SAFT_MOVEMENT_TYPE: {
    status: 400,
    ro: 'Tipul de mișcare SAF-T „{value}” nu este valid: cel mult 9 litere sau cifre',
    en: 'The SAF-T movement type "{value}" is not valid: up to 9 letters or digits',
  },
  INV_ERR_REVALUATION_UNSETTLED: {
    status: 422,
    ro: 'Costurile transferurilor articolului {item} nu s-au stabilizat după {runs} parcurgeri: reevaluarea nu poate fi calculată',
    en: 'The transfer costs of item {item} did not settle after {runs} walks: the re-valuation cannot be computed',
  },
} satisfies Record<string, CatalogueEntry>;

import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/core/errors.ts';
import { accountingErrors } from '../../src/core/errors/accounting.ts';
import { authErrors } from '../../src/core/errors/auth.ts';
import { countControlErrors } from '../../src/core/errors/count-control.ts';
import { httpErrors } from '../../src/core/errors/http.ts';
import { inputErrors } from '../../src/core/errors/input.ts';
import { inventoryErrors } from '../../src/core/errors/inventory.ts';
import { ledgerErrors } from '../../src/core/errors/ledger.ts';
import { masterDataErrors } from '../../src/core/errors/master-data.ts';
import { operationsErrors } from '../../src/core/errors/operations.ts';
import { valuationErrors } from '../../src/core/errors/valuation.ts';
import { yearlyInventoryErrors } from '../../src/core/errors/yearly-inventory.ts';

describe('the error catalogue', () => {
  it('holds every context\'s entries, each code in one context only', () => {
    const parts = [inputErrors, httpErrors, authErrors, masterDataErrors, ledgerErrors, inventoryErrors, countControlErrors, yearlyInventoryErrors, valuationErrors, accountingErrors, operationsErrors];
    const codes = parts.flatMap((p) => Object.keys(p));
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(catalogue).sort()).toEqual([...codes].sort());
  });

  it('has a status and a message in both languages for every code', () => {
    for (const [code, entry] of Object.entries(catalogue)) {
      expect(code).toMatch(/^INV_(ERR|WARN)_[A-Z0-9_]+$/);
      expect(entry.ro.length > 0 && entry.en.length > 0).toBe(true);
      expect(entry.status).toBeGreaterThanOrEqual(200);
    }
  });
});

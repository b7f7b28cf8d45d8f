/** What the master data route files share: parameter, list and body schema parts. */
import { code, pagination } from '../schemas.ts';

export const codeParam = { type: 'object', required: ['code'], properties: { code } } as const;
export const listQuery = { type: 'object', properties: pagination } as const;
export type ListQuery = { limit?: string; offset?: string };

export const description = { type: 'string', maxLength: 200 } as const;
export const shortText = { type: 'string', maxLength: 40 } as const;
/** an account (SPEC §9): the service checks its shape (INV_ERR_BAD_ACCOUNT) */
export const account = { type: 'string', maxLength: 40 } as const;
export const barcodes = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 64 } } as const;

export interface BodySchema {
  type: 'object';
  required: readonly string[];
  additionalProperties: false;
  properties: Record<string, unknown>;
}

/** PUT bodies: the POST body, the code coming from the URL. */
export const forUpdate = <B extends BodySchema>(body: B): B => ({ ...body, required: body.required.filter((r) => r !== 'code') });

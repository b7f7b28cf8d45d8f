/** The column types the tables share. */
import type { Generated } from 'kysely';

/** 0 | 1, defaulted by the database */
export type Flag = Generated<number>;
/** a scaled decimal the database defaults to 0 */
export type Scaled = Generated<bigint>;
/** text the database defaults to '' */
export type Text = Generated<string>;

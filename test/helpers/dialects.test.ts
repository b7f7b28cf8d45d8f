/** INVENTAR_TEST_DIALECTS: the names the suite runs on; an unknown one is an error. */
import { describe, expect, it } from 'vitest';
import { parseDialects } from './store.ts';

describe('INVENTAR_TEST_DIALECTS', () => {
  it('defaults to both databases', () => {
    expect(parseDialects(undefined)).toEqual(['sqlite', 'postgres']);
  });

  it('takes a list, spaces and repeats tolerated', () => {
    expect(parseDialects('sqlite')).toEqual(['sqlite']);
    expect(parseDialects(' postgres , sqlite,postgres')).toEqual(['postgres', 'sqlite']);
  });

  it('refuses an unknown name, listing the valid ones', () => {
    expect(() => parseDialects('sqlite,postgresql')).toThrow('INVENTAR_TEST_DIALECTS: unknown "postgresql"; valid names: sqlite, postgres');
    expect(() => parseDialects('pg')).toThrow(/unknown "pg"/);
  });

  it('refuses an empty list', () => {
    expect(() => parseDialects(' , ')).toThrow(/names no database/);
  });
});

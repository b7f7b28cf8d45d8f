/**
 * SQLite's statement cache (db/statement-cache.ts): the same SQL gets the
 * same prepared statement back, a statement busy in a streamed read is never
 * handed out twice, the cache keeps at most its size, and a statement cached
 * before a schema change still runs after it.
 */
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/db/statement-cache.ts';

describe('statement cache [sqlite]', () => {
  it('hands a statement out again unless it is busy; keeps at most its size; survives a schema change', () => {
    const raw = new SqliteDatabase(':memory:');
    const db = withStatementCache(raw, 2);
    raw.exec('create table t (a integer); insert into t values (1), (2), (3)');
    const sql = 'select a from t order by a';
    const first = db.prepare(sql) as unknown as SqliteDatabase.Statement;
    expect(db.prepare(sql)).toBe(first);
    // while a streamed read iterates it, the same SQL gets another statement, and both read everything
    const iter = first.iterate();
    expect(iter.next().value).toEqual({ a: 1 });
    const other = db.prepare(sql) as unknown as SqliteDatabase.Statement;
    expect(other).not.toBe(first);
    expect(other.all()).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect([...iter]).toEqual([{ a: 2 }, { a: 3 }]);
    expect(db.prepare(sql)).toBe(first);
    // size 2: a third SQL pushes out the least recently used
    const b = db.prepare('select count(*) as n from t');
    db.prepare('select max(a) as m from t');
    expect(db.prepare('select count(*) as n from t')).toBe(b);
    expect(db.prepare(sql)).not.toBe(first);
    // a schema change under a cached statement: it is prepared again by SQLite
    const cached = db.prepare('select * from t where a = 2') as unknown as SqliteDatabase.Statement;
    raw.exec('alter table t add column b text default \'x\'');
    expect((db.prepare('select * from t where a = 2') as unknown as SqliteDatabase.Statement).all()).toEqual([{ a: 2, b: 'x' }]);
    expect(cached).toBeDefined();
    db.close();
  });
});

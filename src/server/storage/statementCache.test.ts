import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statementCache.ts';

describe('the SQLite statement cache', () => {
  it('prepares a statement once and runs it again; the least recently used one goes first', () => {
    const file = new SQLite(':memory:');
    file.exec('CREATE TABLE t (n INTEGER)');
    const db = withStatementCache(file, 2);
    const one = db.prepare('SELECT 1 AS one');
    const add = db.prepare('INSERT INTO t (n) VALUES (?)');
    expect(db.prepare('INSERT INTO t (n) VALUES (?)')).toBe(add);
    add.run([1]);
    add.run([2]);
    // A third statement: `one`, used least recently, goes.
    const count = db.prepare('SELECT count(*) AS n FROM t');
    expect(count.all([])).toEqual([{ n: 2 }]);
    expect(db.prepare('INSERT INTO t (n) VALUES (?)')).toBe(add);
    expect(db.prepare('SELECT count(*) AS n FROM t')).toBe(count);
    expect(db.prepare('SELECT 1 AS one')).not.toBe(one);
    db.close();
  });
});

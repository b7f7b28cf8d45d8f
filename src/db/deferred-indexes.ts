/**
 * Tables' secondary indexes set aside during a bulk load on SQLite and
 * built again at its end. CREATE INDEX sorts the rows once, which is several
 * times cheaper than one random B-tree insert per index and row. Meant for
 * use inside the load's transaction: DDL is transactional in SQLite, so a
 * rollback brings the indexes back as they were, and readers in other
 * connections (WAL) keep seeing the committed indexes meanwhile.
 */
import type SqliteDatabase from 'better-sqlite3';

export class DeferredIndexes {
  private saved: { name: string; sql: string }[] | undefined;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly tables: readonly string[],
  ) {}

  get deferred(): boolean {
    return this.saved !== undefined;
  }

  /**
   * Drops the tables' plain indexes, remembering their DDL. Unique indexes
   * stay: they enforce rules and serve the look-ups a load makes (record
   * numbers), as do the automatic ones behind constraints.
   */
  drop(): void {
    if (this.saved) return;
    const rows = this.sqlite
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and sql not like 'create unique%'
         and tbl_name in (${this.tables.map(() => '?').join(', ')}) order by name`,
      )
      .all(...this.tables) as { name: string; sql: string }[];
    for (const r of rows) this.sqlite.exec(`drop index "${r.name}"`);
    this.saved = rows;
  }

  /** Builds the dropped indexes again from their saved DDL. */
  restore(): void {
    if (!this.saved) return;
    for (const r of this.saved) this.sqlite.exec(r.sql);
    this.saved = undefined;
  }
}

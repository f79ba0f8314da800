/**
 * A table's prepared upsert statements (db/upsert.ts prepareUpsert builds them; db/copy-upsert.ts runs the
 * staged ones): their own file so that the two loaders share the shape without importing each other.
 */
import type { TableName } from '../domain/records.js';

export interface ColumnInfo {
  /** camelCase key in the record and the drizzle table */
  key: string;
  /** snake_case SQL name */
  name: string;
  /** the SQL name quoted, ready to splice into a statement */
  sqlName: string;
  sqlType: string;
}

export interface PreparedUpsert {
  name: TableName;
  keyColumns: ColumnInfo[];
  dataColumns: ColumnInfo[];
  /** The statement over one JSON batch: $1 = rows as a JSON array (camelCase keys), $2 = run id. */
  text: string;
  /** The same statement over a staging table filled by COPY (db/copy-upsert.ts): $1 = run id. */
  staged: {
    table: string;
    create: string;
    copy: string;
    /** Returns each inserted or updated row's key (for `touched`). */
    keysText: string;
    /** Returns only the inserted and updated counts. */
    countsText: string;
    /**
     * Whether the table holds a row with a key from ($1…) to ($n+1…), the staged rows' first and last:
     * when it holds none, `insertNew` loads them.
     */
    anyKeyInRange: string;
    /** A plain INSERT of every staged row ($1 = run id): for keys the table does not hold. */
    insertNew: string;
    drop: string;
  };
}

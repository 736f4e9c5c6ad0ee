/** A row as the database returns it; repositories parse it into a typed record. */
export type Row = Record<string, unknown>;

/** Something that runs SQL: the database itself or an open transaction. */
export interface SqlExecutor {
  query(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

// Our own parameter of DATABASE_URL: `prepared_statements=false` for a database whose connections
// do not each have a session of their own — the embedded PGlite (which sets it itself), or a
// pooler in transaction mode such as PgBouncer. It is not passed on to PostgreSQL.
export const PREPARED_STATEMENTS_PARAM = "prepared_statements";

/** The URL to connect with, and whether statements may be prepared on its connections. */
export function readDatabaseUrl(databaseUrl: string): { connectionString: string; preparedStatements: boolean } {
  const url = new URL(databaseUrl);
  const preparedStatements = url.searchParams.get(PREPARED_STATEMENTS_PARAM) !== "false";
  url.searchParams.delete(PREPARED_STATEMENTS_PARAM);
  return { connectionString: url.toString(), preparedStatements };
}

// Row counts and checksums of the tables that hold what people may see and do, on the matrix's
// own database (e2e/support/own-app.ts), in the manner of tests/support/db-snapshot.ts: two equal snapshots
// mean a request changed nothing. Left out, because a refused request rightly writes them or
// because they change on their own: the audit trail (refusals are audited), sessions (seen-at
// times, and the session a refused sign-in ends), throttle attempts, and the email sender's
// bookkeeping (delivery status, the development mailbox).
import pg from "pg";

const SKIPPED_TABLES = new Set(["_prisma_migrations", "AuditEvent", "Session", "FailedAttempt", "RateLimitWindow", "DevMailboxMessage"]);
const SKIPPED_COLUMNS: Record<string, ReadonlySet<string>> = {
  OutboxEmail: new Set(["props", "status", "attempts", "nextAttemptAt", "lockedUntil", "lastError", "sentAt", "providerMessageId", "updatedAt"]),
};

export type Snapshot = Record<string, { rows: number; checksum: string | null }>;

export class DatabaseSnapshots {
  private query: string | undefined;

  private constructor(private readonly client: pg.Client) {}

  static async connect(url: string): Promise<DatabaseSnapshots> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new DatabaseSnapshots(client);
  }

  /** One statement over every table, so a snapshot is a single consistent read. */
  private async buildQuery(): Promise<string> {
    const { rows } = await this.client.query<{ table: string; column: string }>(
      `SELECT c.table_name AS table, c.column_name AS column
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name, c.ordinal_position`,
    );
    const columns = new Map<string, string[]>();
    for (const { table, column } of rows) {
      if (SKIPPED_TABLES.has(table) || SKIPPED_COLUMNS[table]?.has(column)) continue;
      columns.set(table, [...(columns.get(table) ?? []), column]);
    }
    const parts = [...columns].map(([table, names]) => {
      const row = `ROW(${names.map((name) => `t."${name}"`).join(", ")})::text`;
      return `SELECT '${table}' AS name, count(*) AS rows, md5(string_agg(${row}, '|' ORDER BY ${row})) AS checksum FROM "${table}" t`;
    });
    return parts.join("\nUNION ALL\n");
  }

  async take(): Promise<Snapshot> {
    this.query ??= await this.buildQuery();
    const { rows } = await this.client.query<{ name: string; rows: string; checksum: string | null }>(this.query);
    return Object.fromEntries(rows.map((row) => [row.name, { rows: Number(row.rows), checksum: row.checksum }]));
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name]?.rows !== after[name]?.rows || before[name]?.checksum !== after[name]?.checksum).sort();
}

import pg from "pg";

/**
 * Row count and checksum of every table: two equal snapshots mean nothing changed. `except` leaves
 * tables out, e.g. the audit trail for a refusal that changes nothing but is audited.
 */
export async function snapshotDatabase(url: string, options: { except?: readonly string[] } = {}): Promise<Record<string, { rows: number; checksum: string | null }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    );
    const snapshot: Record<string, { rows: number; checksum: string | null }> = {};
    for (const { name } of tables) {
      if (options.except?.includes(name)) continue;
      const { rows } = await client.query<{ rows: string; checksum: string | null }>(
        `SELECT count(*) AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS checksum FROM "${name}" t`,
      );
      snapshot[name] = { rows: Number(rows[0]!.rows), checksum: rows[0]!.checksum };
    }
    return snapshot;
  } finally {
    await client.end();
  }
}

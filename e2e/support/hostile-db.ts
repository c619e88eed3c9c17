// Watching the database of the app under test while it is attacked: a snapshot holds a hash of
// every row of every table (as tests/support/db-snapshot.ts does with counts and checksums), so
// a later snapshot tells exactly which rows were added and which were changed or removed.
import pg from "pg";

/** A row as PostgreSQL renders it with to_jsonb. */
export type Row = Record<string, unknown>;

/**
 * Which rows an attack may add, per table: a predicate each added row must satisfy. Tables not
 * named must not change at all, and no table may lose or change a row.
 */
export type AllowedChanges = Partial<Record<string, (row: Row) => boolean>>;

/**
 * Columns left out of the comparison. Every request of a signed-in user may mark its session as
 * seen (at most once a minute): that is the session working, not the input changing anything. A
 * rate limit's window row keeps its subject's recent uses: a plan allows the row of its kind and
 * subject to appear (AllowedChanges), and its uses to be counted once it exists.
 */
const IGNORED_COLUMNS: Record<string, string[]> = { Session: ["lastSeenAt"], RateLimitWindow: ["hits", "counted"] };

/** A row's hash, without its ignored columns ($1). */
const ROW_HASH = "md5((to_jsonb(t) - $1::text[])::text)";

export interface Snapshot {
  rows: Map<string, Set<string>>;
}

export class DatabaseWatch {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 1 });
  }

  private async tables(): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    );
    return rows.map((row) => row.name);
  }

  async snapshot(): Promise<Snapshot> {
    const rows = new Map<string, Set<string>>();
    for (const table of await this.tables()) {
      const result = await this.pool.query<{ h: string }>(`SELECT ${ROW_HASH} AS h FROM "${table}" t`, [IGNORED_COLUMNS[table] ?? []]);
      rows.set(table, new Set(result.rows.map((row) => row.h)));
    }
    return { rows };
  }

  private async rowsWithHashes(table: string, hashes: string[]): Promise<Row[]> {
    if (hashes.length === 0) return [];
    const result = await this.pool.query<{ row: Row }>(`SELECT to_jsonb(t) AS row FROM "${table}" t WHERE ${ROW_HASH} = ANY($2::text[])`, [IGNORED_COLUMNS[table] ?? [], hashes]);
    return result.rows.map((row) => row.row);
  }

  /**
   * What changed since `before` that `allowed` does not allow, one line per table (empty when
   * nothing did): rows removed or changed anywhere, rows added to tables that may not grow, and
   * added rows that fail their table's predicate.
   */
  async unexpectedChanges(before: Snapshot, allowed: AllowedChanges = {}): Promise<string[]> {
    const after = await this.snapshot();
    const problems: string[] = [];
    for (const [table, rowsAfter] of after.rows) {
      const rowsBefore = before.rows.get(table) ?? new Set<string>();
      const removed = [...rowsBefore].filter((hash) => !rowsAfter.has(hash));
      const added = [...rowsAfter].filter((hash) => !rowsBefore.has(hash));
      if (removed.length === 0 && added.length === 0) continue;
      const summary = `${table}: ${rowsBefore.size} → ${rowsAfter.size} rows, ${removed.length} removed or changed, ${added.length} added or changed`;
      const mayAdd = allowed[table];
      if (removed.length > 0 || !mayAdd) {
        const example = (await this.rowsWithHashes(table, added.slice(0, 1)))[0];
        problems.push(example ? `${summary}; e.g. ${abbreviate(example)}` : summary);
        continue;
      }
      const unexpected = (await this.rowsWithHashes(table, added)).filter((row) => !mayAdd(row));
      if (unexpected.length > 0) problems.push(`${summary}; ${unexpected.length} not of the expected kind, e.g. ${abbreviate(unexpected[0]!)}`);
    }
    return problems;
  }

  /** Waits until the app's email sender has nothing left to deliver, so it changes nothing meanwhile. */
  async outboxIdle(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await this.pool.query<{ busy: string }>(`SELECT count(*) AS busy FROM "OutboxEmail" WHERE status IN ('PENDING', 'SENDING')`);
      if (Number(rows[0]!.busy) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

function abbreviate(row: Row): string {
  const text = JSON.stringify(row);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

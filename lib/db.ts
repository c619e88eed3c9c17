// One Prisma client per process, on the pg driver adapter (no query-engine binary), and the same
// connection pool for the few statements sent without Prisma (runStatement below).
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { readDatabaseUrl } from "@/lib/database-url";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const statementNames = new Map<string, string>();

/**
 * A name per distinct SQL text, so each connection parses and plans a statement once and then
 * reuses it (PostgreSQL prepared statements). Prisma passes values as parameters, so the texts are
 * the query shapes of this code base: a bounded set.
 */
function statementName(query: { sql: string }): string {
  let name = statementNames.get(query.sql);
  if (!name) {
    name = `p${createHash("sha256").update(query.sql).digest("base64url").slice(0, 24)}`;
    statementNames.set(query.sql, name);
  }
  return name;
}

/** A statement sent without Prisma: a name for its prepared form, its text ($1, $2, …) and values. */
export interface Statement {
  name: string;
  text: string;
  values: unknown[];
}

/**
 * The values of a statement being written out, in order: `add` keeps a value and gives the
 * placeholder ($1, $2, …) that stands for it in the text, so a statement and the SQL conditions it
 * composes (lib/access.ts) number their values without counting by hand.
 */
export class SqlValues {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The statement of `text` with these values, named after its text, so one name is always one text. */
  statement(text: string): Statement {
    return { name: statementName({ sql: text }), text, values: this.values };
  }
}

/** How a Prisma client made by createPrismaClient sends a statement straight to its pool. */
interface DirectSql {
  /** The rows of `statement`; timestamps and dates are read as UTC, as Prisma writes them. */
  rows<Row>(statement: Statement): Promise<Row[]>;
}

/** A statement sent, as tests see it: Prisma's query events and the direct statements alike. */
export interface QueryEvent {
  query: string;
  /** The values, as a JSON array. */
  params: string;
}

const TIMESTAMP_OID = 1114;
const DATE_OID = 1082;
/**
 * A `timestamp(3)` value, which holds UTC, as a Date (pg would read it in the process's zone): a
 * column's text ("2026-12-01 10:00:00.123") or its form inside JSON built in SQL ("…T10:00:00.123").
 */
export const utcTimestamp = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
/** utcTimestamp of a nullable column or JSON value: null stays null. */
export const utcTimestampOrNull = (value: string | null) => (value === null ? null : utcTimestamp(value));
/** A `date` value ("YYYY-MM-DD", a column's or inside JSON) as midnight UTC, as Prisma reads it (pg would take midnight in the process's zone). */
export const utcDate = (value: string) => new Date(`${value}T00:00:00Z`);
const utcParsers: Record<number, (value: string) => Date> = { [TIMESTAMP_OID]: utcTimestamp, [DATE_OID]: utcDate };
const readTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => (format !== "binary" && utcParsers[oid]) || pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

// On globalThis, like the client itself: proxy.ts and the pages are bundled apart, each with its
// own copy of this module, and share one client.
const shared = globalThis as unknown as { directSqlOf?: WeakMap<PrismaClient, DirectSql> };
const directSqlOf = (shared.directSqlOf ??= new WeakMap<PrismaClient, DirectSql>());

/**
 * The rows of `statement`, sent with `client`: straight to the pool for a Prisma client made by
 * createPrismaClient, through Prisma inside a transaction (whose connection Prisma holds). Only for
 * the statements of every request (the session check, the rate limit, the audit insert; decision
 * 015) and the reads of the two hot paths (the search, the record gate and the record read;
 * decision 017), where Prisma's own work costs several times the statement's; everything else
 * goes through Prisma.
 */
export function runStatement<Row>(client: Prisma.TransactionClient, statement: Statement): Promise<Row[]> {
  const direct = directSqlOf.get(client as PrismaClient);
  return direct ? direct.rows<Row>(statement) : client.$queryRawUnsafe<Row[]>(statement.text, ...statement.values);
}

/**
 * A Prisma client on a pool of `poolSize` connections. Statements are prepared once per
 * connection, unless the URL turns that off (lib/database-url.ts).
 */
export function createPrismaClient(databaseUrl: string, poolSize = 10, options: { onQuery?: (event: QueryEvent) => void } = {}): PrismaClient {
  const { connectionString, preparedStatements } = readDatabaseUrl(databaseUrl);
  const pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 5_000 });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true, ...(preparedStatements ? { statementNameGenerator: statementName } : {}) });
  const prisma: PrismaClient = new PrismaClient({
    adapter,
    // A transaction waits up to 10 s for a connection of the pool (Prisma's default is 2 s): under
    // a burst (fifty clicks at once on two cores) the change is made late rather than refused.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    omit: { provider: { passwordHash: true }, familyAccount: { passwordHash: true } },
    // Query events, for tests that inspect the SQL sent.
    ...(options.onQuery ? { log: [{ emit: "event" as const, level: "query" as const }] } : {}),
  });
  if (options.onQuery) (prisma as unknown as { $on(event: "query", listener: (event: QueryEvent) => void): void }).$on("query", options.onQuery);
  directSqlOf.set(prisma, {
    async rows<Row>({ name, text, values }: Statement): Promise<Row[]> {
      // A Date is sent in UTC (pg would send it in the process's zone, which a timestamp drops).
      const sent = values.map((value) => (value instanceof Date ? value.toISOString() : value));
      const result = await pool.query({ ...(preparedStatements ? { name } : {}), text, values: sent, types: readTypes });
      options.onQuery?.({ query: text, params: JSON.stringify(sent) });
      return result.rows as Row[];
    },
  });
  return prisma;
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/**
 * The app's Prisma client, created on first use and kept on globalThis so hot reloads in
 * development reuse it. Password hashes are omitted unless a query asks for them.
 */
export function db(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
    globalForPrisma.prisma = createPrismaClient(DATABASE_URL, DATABASE_POOL_SIZE);
  }
  return globalForPrisma.prisma;
}

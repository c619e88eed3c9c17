// Loading a million rows into tables that keep their indexes and foreign keys up to date row by
// row is several times slower than loading them bare and then building each index in one sort and
// checking each foreign key in one join — the order pg_dump restores a database in.
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Options of the seeds' long transactions: a bulk statement may run for minutes. */
export const BULK_TRANSACTION = { timeout: 600_000, maxWait: 60_000 } as const;

/** A table's name as an SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

interface Definition {
  table: string;
  name: string;
  definition: string;
}

/**
 * Runs `load` with the secondary indexes and the foreign keys of `tables` set aside, then builds
 * them again from their own definitions, also when `load` fails. Primary keys, and any index a
 * foreign key relies on, stay. Only for a database no one else is using meanwhile: while `load`
 * runs, nothing checks those foreign keys or enforces those unique indexes. Rebuilding fails if
 * the loaded rows break them; then every other index and key is still rebuilt, and the error
 * reported is the load's own if it failed, else the rebuild's. Needs a real PostgreSQL server and
 * a client with two connections: indexes are built two at a time.
 */
export async function withIndexesDeferred(prisma: PrismaClient, tables: readonly string[], load: () => Promise<void>): Promise<void> {
  const names = tables.map(quoteIdentifier);
  const indexes = await prisma.$queryRaw<Definition[]>`
    SELECT i.indrelid::regclass::text AS table, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i
    WHERE i.indrelid = ANY(${names}::regclass[])
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`;
  const foreignKeys = await prisma.$queryRaw<Definition[]>`
    SELECT conrelid::regclass::text AS table, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(${names}::regclass[])`;

  // All or nothing: a drop that fails leaves every index and key in place.
  await prisma.$transaction(async (tx) => {
    for (const key of foreignKeys) await tx.$executeRawUnsafe(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
    for (const index of indexes) await tx.$executeRawUnsafe(`DROP INDEX ${index.name}`);
  }, BULK_TRANSACTION);

  let loadError: unknown = null;
  try {
    await load();
  } catch (error) {
    loadError = error;
  }

  const rebuildErrors: unknown[] = [];
  // Each statement with the memory to sort in one pass; a failure is kept and the rest still run.
  const run = (statement: string) =>
    prisma
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`);
        await tx.$executeRawUnsafe(statement);
      }, BULK_TRANSACTION)
      .catch((error: unknown) => void rebuildErrors.push(error));
  const queue = indexes.map((index) => index.definition);
  const lane = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await run(next);
  };
  await Promise.all([lane(), lane()]);
  // A foreign key locks the table it refers to against other foreign keys being added: one at a time.
  for (const key of foreignKeys) await run(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`);

  if (loadError !== null) throw loadError;
  if (rebuildErrors.length === 1) throw rebuildErrors[0];
  if (rebuildErrors.length > 1) throw new AggregateError(rebuildErrors, `${rebuildErrors.length} indexes or foreign keys could not be rebuilt`);
}

// An embedded PostgreSQL (PGlite) served over the PostgreSQL wire protocol, so the app,
// Prisma and the schema engine talk to it exactly as they talk to a real server.
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { PREPARED_STATEMENTS_PARAM } from "@/lib/database-url";

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts PGlite and a socket server in front of it. With `dataDir` the data survives
 * restarts; without it the database lives in memory. Prisma's pool needs several
 * connections, so the server accepts `maxConnections` (queries are queued inside PGlite).
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number; maxConnections?: number } = {}): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(options.dataDir);
  const port = options.port ?? (await freePort());
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: options.maxConnections ?? 20 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  let stopped = false;
  return {
    // Its connections share PGlite's one session, so they cannot each prepare the same statement.
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable&${PREPARED_STATEMENTS_PARAM}=false`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}

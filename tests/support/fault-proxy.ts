// A TCP proxy between the app and PostgreSQL that a test can break on purpose:
// - `cut()` drops every open connection and stops listening, so new connections are refused —
//   what the app sees while PostgreSQL restarts — until `restore()` listens on the same port again;
// - `dropConnections()` drops the open connections but keeps accepting new ones (a blip);
// - `refuseNext(n)` closes the next n connections as soon as they are opened.
import net from "node:net";

export interface FaultProxy {
  readonly port: number;
  /** True between `cut()` and `restore()`. */
  readonly down: boolean;
  /** Connections accepted and dropped since the proxy started, and how many times it was cut. */
  readonly stats: { accepted: number; dropped: number; refused: number; cuts: number };
  /** `databaseUrl` with its host and port replaced by the proxy's. */
  via(databaseUrl: string): string;
  /** Drops every open connection and refuses new ones until `restore()`. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  /** Drops every open connection; new ones are accepted as usual. */
  dropConnections(): void;
  /** The next `count` connections are closed as soon as they are opened. */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

function listen(server: net.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", onError);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

function stopListening(server: net.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}

/** Starts a proxy on a free port of 127.0.0.1 that forwards to the server of `target` (a postgresql:// URL). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const upstreamHost = upstream.hostname;
  const upstreamPort = Number(upstream.port || 5432);
  const pairs = new Set<[net.Socket, net.Socket]>();
  const stats = { accepted: 0, dropped: 0, refused: 0, cuts: 0 };
  let down = false;
  let toRefuse = 0;

  const dropAll = () => {
    for (const [client, backend] of pairs) {
      client.destroy();
      backend.destroy();
    }
    stats.dropped += pairs.size;
    pairs.clear();
  };

  const server = net.createServer((client) => {
    if (down || toRefuse > 0) {
      if (!down) toRefuse -= 1;
      stats.refused += 1;
      client.destroy();
      return;
    }
    stats.accepted += 1;
    const backend = net.connect(upstreamPort, upstreamHost);
    const pair: [net.Socket, net.Socket] = [client, backend];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      backend.destroy();
    };
    for (const socket of pair) {
      socket.setNoDelay(true);
      socket.on("error", drop);
      socket.on("close", drop);
    }
    client.pipe(backend);
    backend.pipe(client);
  });

  const port = await listen(server, 0);

  return {
    port,
    get down() {
      return down;
    },
    stats,
    via(databaseUrl: string) {
      const url = new URL(databaseUrl);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.toString();
    },
    async cut() {
      if (down) return;
      down = true;
      stats.cuts += 1;
      const closed = stopListening(server);
      dropAll();
      await closed;
    },
    async restore() {
      if (!down) return;
      await listen(server, port);
      down = false;
    },
    dropConnections: dropAll,
    refuseNext(count: number) {
      toRefuse += count;
    },
    async close() {
      down = true;
      dropAll();
      await stopListening(server);
    },
  };
}

// Steady load for fault tests: a few closed-loop workers, each sending one kind of request
// again and again, recording when each was sent and answered and what came back.
import { randomUUID } from "node:crypto";

export interface Answer {
  status: number;
  body: string;
  contentType: string | null;
  /** Whether the answer is the success this kind of request is after (the work was done). */
  ok: boolean;
}

export interface Sample extends Partial<Answer> {
  kind: string;
  instance: string;
  /** Sent as the User-Agent, so audit events can be matched to the request that caused them. */
  tag: string;
  sentAt: number;
  answeredAt: number;
  /** The request failed without an HTTP answer (refused, reset, timed out). */
  error?: string;
}

export interface Worker {
  kind: string;
  instance: string;
  /** Sends one request tagged `tag`; null when there is nothing left to send. */
  send(tag: string): Promise<Answer | null>;
  /** Pause between two requests of this worker. */
  pauseMs: number;
}

export interface Load {
  readonly samples: Sample[];
  /** Holds the workers of these kinds once their requests in flight have been answered. */
  pause(kinds: string[]): Promise<void>;
  resume(kinds: string[]): void;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startLoad(workers: Worker[]): Load {
  const samples: Sample[] = [];
  const paused = new Set<string>();
  const inFlight = new Map<Worker, Promise<unknown>>();
  let stopped = false;

  const loops = workers.map(async (worker) => {
    while (!stopped) {
      if (paused.has(worker.kind)) {
        await sleep(20);
        continue;
      }
      const tag = `load-${worker.kind}-${randomUUID()}`;
      const sentAt = Date.now();
      const attempt = worker.send(tag).then(
        (answer) => {
          if (answer) samples.push({ kind: worker.kind, instance: worker.instance, tag, sentAt, answeredAt: Date.now(), ...answer });
          return answer;
        },
        (error: unknown) => {
          samples.push({ kind: worker.kind, instance: worker.instance, tag, sentAt, answeredAt: Date.now(), error: error instanceof Error ? error.message : String(error) });
          return undefined;
        },
      );
      inFlight.set(worker, attempt);
      const answer = await attempt;
      inFlight.delete(worker);
      await sleep(answer === null ? 100 : worker.pauseMs);
    }
  });

  return {
    samples,
    async pause(kinds) {
      for (const kind of kinds) paused.add(kind);
      await Promise.all(workers.filter((worker) => kinds.includes(worker.kind)).map((worker) => inFlight.get(worker)));
    },
    resume(kinds) {
      for (const kind of kinds) paused.delete(kind);
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

// The page's side of the compute worker: typed requests by channel, latest wins. A newer request
// on a channel settles the older one as superseded at once (its late answer is ignored), so a
// view only ever shows the result of the last thing asked.
import type {
  ComputeKind,
  FromWorker,
  ProgressOf,
  RequestOf,
  ResultOf,
  ToWorker,
} from "./protocol.ts";

export type Outcome<K extends ComputeKind> =
  | {
      readonly status: "ok";
      readonly result: ResultOf[K];
      /** Model time in the worker (ms). */
      readonly computeMs: number;
      /** From posting the request to receiving the result (ms). */
      readonly roundTripMs: number;
    }
  | { readonly status: "error"; readonly code: string; readonly message: string }
  | { readonly status: "superseded" };

/** Something that carries messages to a worker and back (a Worker, or a test double). */
export interface Port {
  postMessage(msg: ToWorker): void;
  addEventListener(type: "message", fn: (e: MessageEvent<FromWorker>) => void): void;
  addEventListener(type: "error", fn: (e: ErrorEvent) => void): void;
  terminate?(): void;
}

interface Pending {
  readonly channel: string;
  readonly sentAt: number;
  readonly resolve: (o: Outcome<ComputeKind>) => void;
  readonly onProgress?: (p: ProgressOf[ComputeKind]) => void;
}

/**
 * Which worker runs a kind. A worker runs one job at a time, so kinds that take long get their
 * own: the balance (a few hundred ms) never delays P0 on a slider, and a progressive map never
 * delays either.
 */
export type Lane = "fast" | "balance" | "background" | "race" | "uncertainty";

const LANE: Readonly<Record<ComputeKind, Lane>> = {
  engagement: "fast",
  treaty: "fast",
  richardson: "fast",
  balance: "balance",
  stabilityMap: "background",
  race: "race",
  uncertainty: "uncertainty",
};

/**
 * Lanes whose jobs run for seconds without pausing (a race round is several exchange analyses),
 * so a cancel message would wait until they finish: cancelling or superseding their work ends
 * the worker instead, and the next request starts a fresh one.
 */
const RESTART_ON_CANCEL: ReadonlySet<Lane> = new Set<Lane>(["race"]);

export class ComputeClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly latest = new Map<string, number>();
  private readonly ports = new Map<Lane, Port>();
  private readonly makePort: (lane: Lane) => Port;
  private readonly now: () => number;

  constructor(makePort: (lane: Lane) => Port, now: () => number = () => performance.now()) {
    this.makePort = makePort;
    this.now = now;
  }

  /** The worker of a lane, started on first use. */
  private port(lane: Lane): Port {
    let p = this.ports.get(lane);
    if (!p) {
      p = this.wire(this.makePort(lane), lane);
      this.ports.set(lane, p);
    }
    return p;
  }

  private wire(port: Port, lane: Lane): Port {
    port.addEventListener("message", (e: MessageEvent<FromWorker>) => this.receive(e.data));
    port.addEventListener("error", (e: ErrorEvent) => {
      // A worker that fails to load or crashes: fail everything it owed, with the reason.
      for (const [id, p] of this.pending) {
        if (this.laneOf(p.channel) !== lane) continue;
        this.pending.delete(id);
        p.resolve({
          status: "error",
          code: "worker_failed",
          message: e.message || "the compute worker failed",
        });
      }
    });
    return port;
  }

  private readonly channelKinds = new Map<string, ComputeKind>();

  private laneOf(channel: string): Lane {
    const kind = this.channelKinds.get(channel);
    return kind ? LANE[kind] : "fast";
  }

  private receive(msg: FromWorker): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === "progress") {
      if (this.latest.get(p.channel) === msg.id) p.onProgress?.(msg.progress);
      return;
    }
    this.pending.delete(msg.id);
    switch (msg.type) {
      case "result":
        p.resolve({
          status: "ok",
          result: msg.result,
          computeMs: msg.computeMs,
          roundTripMs: this.now() - p.sentAt,
        });
        return;
      case "error":
        p.resolve({ status: "error", code: msg.code, message: msg.message });
        return;
      case "superseded":
        p.resolve({ status: "superseded" });
        return;
      default:
        return msg satisfies never;
    }
  }

  /**
   * Runs a request on a channel. Any earlier request on the channel settles as superseded now.
   */
  request<K extends ComputeKind>(
    channel: string,
    request: RequestOf<K>,
    onProgress?: (p: ProgressOf[K]) => void,
  ): Promise<Outcome<K>> {
    this.supersedeLocal(channel);
    const id = this.nextId++;
    this.latest.set(channel, id);
    this.channelKinds.set(channel, request.kind);
    return new Promise<Outcome<K>>((resolve) => {
      this.pending.set(id, {
        channel,
        sentAt: this.now(),
        resolve: resolve as (o: Outcome<ComputeKind>) => void,
        ...(onProgress ? { onProgress: onProgress as (p: ProgressOf[ComputeKind]) => void } : {}),
      });
      this.port(LANE[request.kind]).postMessage({ type: "run", id, channel, request });
    });
  }

  /** Stops the channel's work: the pending request settles as superseded. */
  cancel(channel: string): void {
    this.supersedeLocal(channel);
    this.latest.delete(channel);
    // A lane restarted by the cancel has no worker left to tell.
    this.ports.get(this.laneOf(channel))?.postMessage({ type: "cancel", channel });
  }

  private supersedeLocal(channel: string): void {
    const prev = this.latest.get(channel);
    if (prev === undefined) return;
    const p = this.pending.get(prev);
    if (p) {
      this.pending.delete(prev);
      p.resolve({ status: "superseded" });
      const lane = this.laneOf(channel);
      if (RESTART_ON_CANCEL.has(lane)) this.restart(lane);
    }
  }

  /** Ends a lane's worker; whatever else it owed settles as superseded. */
  private restart(lane: Lane): void {
    const port = this.ports.get(lane);
    if (!port) return;
    for (const [id, q] of this.pending) {
      if (this.laneOf(q.channel) !== lane) continue;
      this.pending.delete(id);
      q.resolve({ status: "superseded" });
    }
    port.terminate?.();
    this.ports.delete(lane);
  }

  dispose(): void {
    for (const p of this.ports.values()) p.terminate?.();
    this.ports.clear();
  }
}

/** The client of the real workers (one per lane). */
export function browserClient(): ComputeClient {
  return new ComputeClient(
    () =>
      new Worker(new URL("./worker.ts", import.meta.url), {
        type: "module",
        name: "stratbal-compute",
      }) as unknown as Port,
  );
}

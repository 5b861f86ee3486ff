// A computation as component state: the last result stays on screen (marked stale) while a newer
// request runs; superseded answers are ignored.
import { useLayoutEffect, useState } from "preact/hooks";
import type { ComputeClient } from "../compute/client.ts";
import type { ComputeKind, ProgressOf, RequestOf, ResultOf } from "../compute/protocol.ts";
import { recordTiming } from "./timings.ts";

export interface ComputeState<K extends ComputeKind> {
  readonly status: "idle" | "computing" | "ok" | "error";
  readonly result?: ResultOf[K];
  readonly error?: { readonly code: string; readonly message: string };
  readonly computeMs?: number;
  readonly roundTripMs?: number;
  /** Set by progressive computations while they run. */
  readonly progress?: ProgressOf[K];
}

/**
 * Runs `request` on `channel` whenever it changes (by identity: memoise it), latest wins.
 * A null request runs nothing and keeps the last result; a computation it interrupts (the view
 * stopped it) leaves the state idle rather than computing.
 */
export function useCompute<K extends ComputeKind>(
  client: ComputeClient,
  channel: string,
  request: RequestOf<K> | null,
  onProgress?: (p: ProgressOf[K]) => void,
): ComputeState<K> {
  const [state, setState] = useState<ComputeState<K>>({ status: "idle" });
  // A layout effect posts the request before the browser paints, not a frame later.
  useLayoutEffect(() => {
    if (request === null) {
      setState((s) => (s.status === "computing" ? { ...s, status: "idle" } : s));
      return;
    }
    let live = true;
    setState((s) => {
      const { progress: _old, ...rest } = s;
      return { ...rest, status: "computing" };
    });
    void client
      .request(channel, request, (p) => {
        if (!live) return;
        onProgress?.(p);
        setState((s) => ({ ...s, progress: p }));
      })
      .then((o) => {
        if (!live || o.status === "superseded") return;
        if (o.status === "ok") {
          recordTiming({
            channel,
            kind: request.kind,
            computeMs: o.computeMs,
            roundTripMs: o.roundTripMs,
          });
          setState({
            status: "ok",
            result: o.result,
            computeMs: o.computeMs,
            roundTripMs: o.roundTripMs,
          });
        } else {
          setState((s) => ({ ...s, status: "error", error: { code: o.code, message: o.message } }));
        }
      });
    return () => {
      live = false;
    };
  }, [client, channel, request]);
  return state;
}

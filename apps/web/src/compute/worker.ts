// The compute worker: core runs here, never on the page's thread.
import type { FromWorker, ToWorker } from "./protocol.ts";
import { createRuntime } from "./runtime.ts";

interface WorkerScope {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(msg: FromWorker): void;
}

const scope = self as unknown as WorkerScope;
const runtime = createRuntime((msg) => scope.postMessage(msg));
scope.onmessage = (e) => runtime.onMessage(e.data);

import { readFileSync } from "node:fs";
import { parseScenario } from "@stratbal/scenario";
import { describe, expect, it } from "vitest";
import type { Port } from "../../src/compute/client.ts";
import { ComputeClient } from "../../src/compute/client.ts";
import type { FromWorker, ToWorker } from "../../src/compute/protocol.ts";
import { createRuntime } from "../../src/compute/runtime.ts";

const SMALL = parseScenario(
  readFileSync(new URL("../fixtures/small.yaml", import.meta.url), "utf8"),
);
const LAYER = { side: 0, defense: 0, layer: 0 };

function harness() {
  const out: FromWorker[] = [];
  const rt = createRuntime((m) => out.push(structuredClone(m)));
  return { out, rt };
}

describe("worker runtime", () => {
  it("runs only the latest of a burst of requests on one channel", async () => {
    const { out, rt } = harness();
    for (let id = 1; id <= 3; id++) {
      rt.onMessage({
        type: "run",
        id,
        channel: "engagement",
        request: {
          kind: "engagement",
          scenario: SMALL,
          layer: LAYER,
          warheads: id,
          decoysPerWarhead: 0,
        },
      });
    }
    await rt.idle();

    expect(out.map((m) => [m.type, m.id])).toEqual([
      ["superseded", 1],
      ["superseded", 2],
      ["result", 3],
    ]);
  });

  it("runs fast kinds before slow ones when both are queued", async () => {
    const { out, rt } = harness();
    rt.onMessage({
      type: "run",
      id: 1,
      channel: "balance",
      request: { kind: "balance", scenario: SMALL },
    });
    rt.onMessage({
      type: "run",
      id: 2,
      channel: "treaty",
      request: { kind: "treaty", scenario: SMALL },
    });
    rt.onMessage({
      type: "run",
      id: 3,
      channel: "engagement",
      request: {
        kind: "engagement",
        scenario: SMALL,
        layer: LAYER,
        warheads: 4,
        decoysPerWarhead: 0,
      },
    });
    await rt.idle();

    expect(out.map((m) => m.id)).toEqual([3, 2, 1]);
    expect(out.every((m) => m.type === "result")).toBe(true);
  });

  it("stops a running progressive map on cancel and reports it superseded", async () => {
    const { out, rt } = harness();
    const axis = { path: "sides.blue.w80", from: 10, to: 200, steps: 25 };
    rt.onMessage({
      type: "run",
      id: 7,
      channel: "map",
      request: {
        kind: "stabilityMap",
        scenario: SMALL,
        x: axis,
        y: { ...axis, path: "sides.red.w80" },
      },
    });
    while (!out.some((m) => m.type === "progress")) await new Promise((r) => setTimeout(r, 5));
    rt.onMessage({ type: "cancel", channel: "map" });
    await rt.idle();

    expect(out.at(-1)).toEqual({ type: "superseded", id: 7 });
    expect(out.some((m) => m.type === "result")).toBe(false);
  });

  it("answers an expected failure with its code, and an unexpected one as internal", async () => {
    const { out, rt } = harness();
    rt.onMessage({
      type: "run",
      id: 1,
      channel: "engagement",
      request: {
        kind: "engagement",
        scenario: SMALL,
        layer: { side: 1, defense: 0, layer: 0 },
        warheads: 3,
        decoysPerWarhead: 0,
      },
    });
    rt.onMessage({
      type: "run",
      id: 2,
      channel: "balance",
      request: { kind: "balance", scenario: {} as never },
    });
    await rt.idle();

    expect(out[0]).toMatchObject({ type: "error", id: 1, code: "no_such_layer" });
    expect(out[1]).toMatchObject({ type: "error", id: 2, code: "internal" });
  });
});

/** A port that runs the worker runtime in this thread, delivering messages asynchronously. */
function localPort(): Port & { rt: ReturnType<typeof createRuntime> } {
  const listeners: ((e: MessageEvent<FromWorker>) => void)[] = [];
  const rt = createRuntime((m) => {
    const data = structuredClone(m);
    setTimeout(() => listeners.forEach((f) => f({ data } as MessageEvent<FromWorker>)), 0);
  });
  return {
    rt,
    postMessage: (msg: ToWorker) => setTimeout(() => rt.onMessage(structuredClone(msg)), 0),
    addEventListener: ((type: string, fn: (e: MessageEvent<FromWorker>) => void) => {
      if (type === "message") listeners.push(fn);
    }) as Port["addEventListener"],
  };
}

describe("compute client", () => {
  it("settles an older request as superseded at once and delivers the newest", async () => {
    const ports: ReturnType<typeof localPort>[] = [];
    const client = new ComputeClient(() => {
      const p = localPort();
      ports.push(p);
      return p;
    });
    const req = (warheads: number) =>
      client.request("engagement", {
        kind: "engagement",
        scenario: SMALL,
        layer: LAYER,
        warheads,
        decoysPerWarhead: 0,
      });
    const first = req(2);
    const second = req(5);
    expect(await first).toEqual({ status: "superseded" });
    const o = await second;
    expect(o.status).toBe("ok");
    if (o.status === "ok") {
      expect(o.result.warheads).toBe(5);
      expect(o.roundTripMs).toBeGreaterThanOrEqual(o.computeMs);
    }
  });

  it("ends a busy race worker on cancel or a newer race, and starts a fresh one", async () => {
    // A worker that never answers stands for a race that is still computing.
    const made: { lane: string; sent: ToWorker[]; terminated: boolean }[] = [];
    const client = new ComputeClient((lane) => {
      const rec = { lane, sent: [] as ToWorker[], terminated: false };
      made.push(rec);
      return {
        postMessage: (m: ToWorker) => rec.sent.push(m),
        addEventListener: (() => {}) as Port["addEventListener"],
        terminate: () => (rec.terminated = true),
      };
    });
    const race = () => client.request("race", { kind: "race", scenario: SMALL });
    const first = race();
    const second = race();
    expect(await first).toEqual({ status: "superseded" });
    expect(made.map((m) => [m.lane, m.terminated])).toEqual([
      ["race", true],
      ["race", false],
    ]);
    client.cancel("race");
    expect(await second).toEqual({ status: "superseded" });
    expect(made[1]!.terminated).toBe(true);
    // Nothing is sent to a worker that was ended, and no worker is started just to be told.
    expect(made).toHaveLength(2);
    expect(made[1]!.sent.map((m) => m.type)).toEqual(["run"]);
    // Other lanes keep their worker across their own cancels.
    void client.request("uncertainty", {
      kind: "uncertainty",
      scenario: SMALL,
      samples: 10,
      seed: 1,
    });
    client.cancel("uncertainty");
    expect(made.at(-1)).toMatchObject({ lane: "uncertainty", terminated: false });
    expect(made.at(-1)!.sent.map((m) => m.type)).toEqual(["run", "cancel"]);
  });
});

// The state of a view's computation, in words: computing, failed (with the reason), and how long
// the last result took.
import type { ComputeKind } from "../compute/protocol.ts";
import type { ComputeState } from "../app/useCompute.ts";

export function ComputeStatus<K extends ComputeKind>({
  state,
  what,
}: {
  readonly state: ComputeState<K>;
  readonly what: string;
}) {
  if (state.status === "error") {
    return (
      <p class="error" role="alert" data-testid="compute-error">
        Could not compute {what}: {state.error?.message}
        {state.result ? " The last result is shown." : ""}
      </p>
    );
  }
  if (state.status === "computing" || state.status === "idle") {
    return (
      <p class="computing" role="status" data-testid="computing">
        <span class="spinner" aria-hidden="true" /> Computing {what}…
        {state.result ? " (showing the previous result)" : ""}
      </p>
    );
  }
  return (
    <p class="timing muted" data-testid="timing">
      Computed in {Math.round(state.computeMs ?? 0)} ms (round trip{" "}
      {Math.round(state.roundTripMs ?? 0)} ms), in a background worker.
    </p>
  );
}

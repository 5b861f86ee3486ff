// Views whose model is not in this build yet: they say so, and show nothing made up.
import type { ViewDef, ViewProps } from "./types.ts";

function unavailable(what: string, issue: string, detail: string) {
  return function Unavailable(_p: ViewProps) {
    return (
      <div class="view-body">
        <p class="notice" data-testid="not-available">
          <strong>Not available in this build.</strong> {what} needs a model that this build of the
          core does not include yet ({issue}). {detail}
        </p>
      </div>
    );
  };
}

export const raceView: ViewDef = {
  id: "race",
  title: "Arms race",
  summary: "Action–reaction paths of offense and defense, with costs",
  docs: [
    {
      model: "race",
      title: "Arms race (Richardson; offense–defense action–reaction)",
      doc: "docs/models/race.md",
    },
  ],
  optionKeys: [],
  Component: unavailable(
    "The arms-race view (Richardson dynamics, offense–defense action–reaction paths and the cost-exchange ratio)",
    "issue 4",
    "It will appear here once the race model is exported by @stratbal/core.",
  ),
};

export const uncertaintyView: ViewDef = {
  id: "uncertainty",
  title: "Uncertainty",
  summary: "Parameter uncertainty, sweeps and sensitivity",
  docs: [
    { model: "uncertainty", title: "Uncertainty and sweeps", doc: "docs/models/uncertainty.md" },
  ],
  optionKeys: [],
  Component: unavailable(
    "The uncertainty view (outer Monte Carlo over the scenario's parameter distributions, sweeps and rank sensitivity)",
    "issue 6",
    "The percentile bands in the other views are the exact distributions for the nominal parameter values, not parameter uncertainty.",
  ),
};

import type { FunctionComponent } from "preact";
import type { Scenario } from "@stratbal/scenario";
import type { ComputeState } from "../app/useCompute.ts";
import type { ComputeClient } from "../compute/client.ts";
import type { DocRef } from "./ModelDocs.tsx";

/** What every view receives. */
export interface ViewProps {
  /** The last scenario that validated: results are always of a valid scenario. */
  readonly scenario: Scenario;
  /** True when the text being edited does not validate (results are of the last good one). */
  readonly stale: boolean;
  readonly client: ComputeClient;
  /** The balance, computed for every view (the summary strip shows it too). */
  readonly balance: ComputeState<"balance">;
  /** This view's options, kept in the URL. */
  readonly options: Readonly<Record<string, string>>;
  readonly setOptions: (patch: Readonly<Record<string, string | undefined>>) => void;
  /** Base of export file names (the scenario's slug). */
  readonly fileBase: string;
  /** Source line of chart exports. */
  readonly footer: string;
}

/**
 * A view of the workbench. Views declare what they show; the app lists them in a registry and
 * never switches on their ids (STYLE "No switching on ids in shared code").
 */
export interface ViewDef {
  readonly id: string;
  readonly title: string;
  /** One line under the tab title. */
  readonly summary: string;
  readonly docs: readonly DocRef[];
  /** Keys of `options` this view keeps in the URL (prefixed with the view id). */
  readonly optionKeys: readonly string[];
  readonly Component: FunctionComponent<ViewProps>;
}

// The views of the workbench, in tab order. A new view adds its definition here; nothing else in
// the app names a view.
import { balanceView } from "./BalanceView.tsx";
import { engagementView } from "./EngagementView.tsx";
import { historyView } from "./HistoryView.tsx";
import { raceView } from "./RaceView.tsx";
import { stabilityMapView } from "./StabilityMapView.tsx";
import { treatyView } from "./TreatyView.tsx";
import type { ViewDef } from "./types.ts";
import { uncertaintyView } from "./UncertaintyView.tsx";

export const VIEWS: readonly ViewDef[] = [
  balanceView,
  engagementView,
  stabilityMapView,
  raceView,
  treatyView,
  historyView,
  uncertaintyView,
];

export function viewById(id: string | undefined): ViewDef {
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0]!;
}

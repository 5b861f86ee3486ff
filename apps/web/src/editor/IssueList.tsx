// Every validation problem of the scenario, located (file:line:col, path), each a button that
// shows the place in the YAML.
import type { ScenarioIssue } from "@stratbal/scenario";

export function IssueList({
  issues,
  onShow,
}: {
  readonly issues: readonly ScenarioIssue[];
  readonly onShow: (i: ScenarioIssue) => void;
}) {
  if (issues.length === 0) return null;
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.length - errors;
  return (
    <section class="issues" aria-label="Problems with the scenario" data-testid="issues">
      <h3>
        {errors > 0 && `${errors} problem${errors === 1 ? "" : "s"}`}
        {errors > 0 && warnings > 0 && ", "}
        {warnings > 0 && `${warnings} warning${warnings === 1 ? "" : "s"}`}
      </h3>
      <ul>
        {issues.map((i) => (
          <li class={i.severity}>
            <button type="button" class="link" onClick={() => onShow(i)} title="Show in the YAML">
              <span aria-hidden="true">{i.severity === "error" ? "✖" : "⚠"}</span>{" "}
              <span class="where">{i.line > 0 ? `${i.file}:${i.line}:${i.col}` : i.file}</span>{" "}
              <code>{i.pathText}</code> {i.message}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

// The scenario as a form: a slider and a number field per parameter, grouped by side, force and
// defense layer. Every edit is written into the YAML text (the one source of truth); values shown
// are read back from it, so the form and the YAML never disagree.
import type { IssuePath, Scenario, ScenarioIssue } from "@stratbal/scenario";
import { describeDomain, domainBounds } from "@stratbal/scenario";
import { useMemo, useState } from "preact/hooks";
import type { Field, FieldGroup, FormModel, SliderRange } from "../scenario/formModel.ts";
import { issuesAt } from "../scenario/formModel.ts";
import type { RawValue } from "../scenario/yamlEdit.ts";
import { formatNumber, rawValues } from "../scenario/yamlEdit.ts";

export interface FormEditorProps {
  readonly model: FormModel;
  readonly scenario: Scenario;
  readonly text: string;
  readonly issues: readonly ScenarioIssue[];
  readonly rangeOf: (f: Field) => SliderRange;
  readonly onSet: (at: IssuePath, value: number) => void;
  /** Why the form cannot write (the YAML does not parse), if so. */
  readonly blocked?: string;
}

function domId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

interface FieldProps {
  readonly field: Field;
  readonly raw: RawValue;
  readonly issues: readonly ScenarioIssue[];
  readonly range: SliderRange;
  readonly onSet: (at: IssuePath, value: number) => void;
  readonly citation: string | undefined;
  readonly blocked: boolean;
}

function ParamField({ field, raw, issues, range, onSet, citation, blocked }: FieldProps) {
  const { ref, label } = field;
  const id = domId(ref.path);
  const [draft, setDraft] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const value = raw.kind === "number" ? raw.value : raw.kind === "missing" ? ref.param.value : NaN;
  const isDist = raw.kind === "distribution";
  const disabled = blocked || isDist || raw.kind === "other";
  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.filter((i) => i.severity === "warning");
  const messageId = `${id}-msg`;
  const b = domainBounds(ref.domain);
  const shown =
    draft ?? (Number.isFinite(value) ? formatNumber(value) : raw.kind === "other" ? raw.text : "");
  const sliderValue = Number.isFinite(value)
    ? Math.max(range.min, Math.min(range.max, value))
    : range.min;
  const invalid = errors.length > 0 || localError !== null;
  const commitText = (text: string, el: HTMLInputElement) => {
    if (text.trim() === "" || el.validity.badInput) {
      setLocalError(`enter ${describeDomain(ref.domain)}`);
      return;
    }
    const v = Number(text);
    if (!Number.isFinite(v)) {
      setLocalError(`enter ${describeDomain(ref.domain)}`);
      return;
    }
    setLocalError(null);
    onSet(ref.at, v);
  };
  return (
    <div
      class={`field${invalid ? " invalid" : ""}${field.key ? " key" : ""}`}
      data-param={ref.path}
    >
      <label for={id} class="field-label">
        {label}
        {ref.defaulted && (
          <span class="tag" title="not in the file: the default applies">
            default
          </span>
        )}
        {ref.param.source && (
          <span class="tag source" title={citation ?? ref.param.source}>
            {ref.param.source}
          </span>
        )}
      </label>
      <div class="field-inputs">
        <input
          type="range"
          id={`${id}-slider`}
          aria-label={`${label} (slider)`}
          min={range.min}
          max={range.max}
          step={range.step}
          value={sliderValue}
          disabled={disabled}
          aria-describedby={invalid ? messageId : undefined}
          onInput={(e) => {
            setLocalError(null);
            setDraft(null);
            onSet(ref.at, Number((e.target as HTMLInputElement).value));
          }}
          data-slider={ref.path}
        />
        <input
          type="number"
          id={id}
          step="any"
          min={b.min}
          max={b.max < Number.MAX_VALUE ? b.max : undefined}
          value={shown}
          disabled={disabled}
          aria-invalid={invalid ? "true" : "false"}
          aria-describedby={invalid ? messageId : undefined}
          onFocus={() => setDraft(shown)}
          onInput={(e) => {
            const el = e.target as HTMLInputElement;
            setDraft(el.value);
            commitText(el.value, el);
          }}
          onBlur={() => setDraft(null)}
          data-number={ref.path}
        />
      </div>
      {isDist && (
        <p class="hint">
          Distribution <code>{(raw as { text: string }).text}</code>, nominal{" "}
          {formatNumber(ref.param.value)}: edit it in YAML.
        </p>
      )}
      {(invalid || warnings.length > 0) && (
        <div id={messageId} class="field-messages" role={invalid ? "alert" : undefined}>
          {localError && <p class="field-error">{localError}</p>}
          {errors.map((i) => (
            <p class="field-error" data-testid="field-error">
              {i.message}
            </p>
          ))}
          {warnings.map((i) => (
            <p class="field-warning">{i.message}</p>
          ))}
        </div>
      )}
    </div>
  );
}

function Group({
  group,
  values,
  props,
  open,
}: {
  readonly group: FieldGroup;
  readonly values: ReadonlyMap<string, RawValue>;
  readonly props: FormEditorProps;
  readonly open: boolean;
}) {
  const citation = (id: string | undefined) => {
    if (!id) return undefined;
    const s = props.scenario.sources[id];
    return typeof s === "string" ? s : s?.citation;
  };
  const groupIssues = group.fields.flatMap((f) => issuesAt(props.issues, f.ref.indexText));
  return (
    <details class="group" open={open || groupIssues.some((i) => i.severity === "error")}>
      <summary>
        <span class="group-title">{group.title}</span> <span class="muted">{group.subtitle}</span>
        {groupIssues.some((i) => i.severity === "error") && (
          <span class="tag error-tag">error</span>
        )}
      </summary>
      <div class="group-fields">
        {group.fields.map((f) => (
          <ParamField
            key={f.ref.path}
            field={f}
            raw={values.get(f.ref.indexText) ?? { kind: "missing" }}
            issues={issuesAt(props.issues, f.ref.indexText)}
            range={props.rangeOf(f)}
            onSet={props.onSet}
            citation={citation(f.ref.param.source)}
            blocked={props.blocked !== undefined}
          />
        ))}
      </div>
    </details>
  );
}

/** Opens the groups an analyst reaches for first: forces and defense layers. */
function openByDefault(g: FieldGroup): boolean {
  return /\.defenses\[/.test(g.id) || /\.forces\[/.test(g.id);
}

export function FormEditor(props: FormEditorProps) {
  const fields = useMemo(
    () =>
      [...props.model.sides.flatMap((s) => s.groups), props.model.analysis].flatMap(
        (g) => g.fields,
      ),
    [props.model],
  );
  const values = useMemo(() => {
    const vals = rawValues(
      props.text,
      fields.map((f) => f.ref.at),
    );
    return new Map(fields.map((f, i) => [f.ref.indexText, vals[i]!]));
  }, [props.text, fields]);
  return (
    <form
      class="form-editor"
      onSubmit={(e) => e.preventDefault()}
      aria-label="Scenario parameters"
      data-testid="form-editor"
    >
      {props.blocked && (
        <p class="error" role="alert">
          {props.blocked} Fix it in the YAML tab to use the form.
        </p>
      )}
      {props.model.sides.map((side) => (
        <fieldset class="side" key={side.id}>
          <legend>{side.name}</legend>
          {side.groups.map((g) => (
            <Group key={g.id} group={g} values={values} props={props} open={openByDefault(g)} />
          ))}
        </fieldset>
      ))}
      {props.model.analysis.fields.length > 0 && (
        <Group group={props.model.analysis} values={values} props={props} open={false} />
      )}
    </form>
  );
}

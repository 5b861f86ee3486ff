// The scenario as a form: a slider and a number field per parameter, grouped by side, force and
// defense layer. Every edit is written into the YAML text (the one source of truth); values shown
// are read back from it, so the form and the YAML never disagree.
import type { IssuePath, Scenario, ScenarioIssue } from "@stratbal/scenario";
import type { Distribution } from "@stratbal/core";
import { describeDomain, domainBounds, listParams } from "@stratbal/scenario";
import { Component } from "preact";
import { useMemo, useState } from "preact/hooks";
import type { DistributionPart } from "../scenario/distributionParts.ts";
import { distributionParts, distributionValues } from "../scenario/distributionParts.ts";
import type { Field, FieldGroup, FormModel, SliderRange } from "../scenario/formModel.ts";
import { issuesAt } from "../scenario/formModel.ts";
import type { RawValue } from "../scenario/yamlEdit.ts";
import { formatNumber, rawValues } from "../scenario/yamlEdit.ts";

export interface FormEditorProps {
  readonly model: FormModel;
  /** The last valid scenario (sources, form structure). */
  readonly scenario: Scenario;
  /** The scenario the text is now, when it validates: values are read from it, not re-parsed. */
  readonly current: Scenario | null;
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
  /** A distribution's numbers as the text has them now (null where the text has no number). */
  readonly distValues?: readonly (number | null)[] | undefined;
}

/**
 * The numbers of a parameter given as a distribution (a beta's successes and trials, the ends of
 * a uniform, …), each edited in place in the YAML like any other number.
 */
function DistributionInputs(props: {
  readonly field: Field;
  readonly parts: readonly DistributionPart[];
  readonly values: readonly (number | null)[];
  readonly onSet: (at: IssuePath, value: number) => void;
  readonly disabled: boolean;
  readonly describedBy: string | undefined;
}) {
  const { field, parts, values } = props;
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const base = domId(field.ref.path);
  return (
    <div class="dist-inputs" role="group" aria-label={`${field.label}: distribution`}>
      <span class="dist-kind">{parts[0]!.sub[0]}</span>
      {parts.map((part, i) => {
        const v = values[i];
        const shown = drafts[i] ?? (v === null || v === undefined ? "" : formatNumber(v));
        return (
          <label for={`${base}-d${i}`}>
            {part.label}
            <input
              type="number"
              id={`${base}-d${i}`}
              step={part.integer ? 1 : "any"}
              min={part.integer ? 0 : undefined}
              value={shown}
              disabled={props.disabled}
              aria-describedby={props.describedBy}
              onFocus={() => setDrafts((d) => ({ ...d, [i]: shown }))}
              onInput={(e) => {
                const el = e.target as HTMLInputElement;
                setDrafts((d) => ({ ...d, [i]: el.value }));
                const x = Number(el.value);
                if (el.value.trim() === "" || el.validity.badInput || !Number.isFinite(x)) return;
                props.onSet([...field.ref.at, ...part.sub], x);
              }}
              onBlur={() =>
                setDrafts((d) => {
                  const { [i]: _gone, ...rest } = d;
                  return rest;
                })
              }
              data-dist-part={`${field.ref.path}.${part.sub.join(".")}`}
            />
          </label>
        );
      })}
    </div>
  );
}

function ParamField({
  field,
  raw,
  issues,
  range,
  onSet,
  citation,
  blocked,
  distValues,
}: FieldProps) {
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
      {isDist && ref.param.dist && distValues && (
        <DistributionInputs
          field={field}
          parts={distributionParts(ref.param.dist.kind)}
          values={distValues}
          onSet={onSet}
          disabled={blocked}
          describedBy={invalid ? messageId : undefined}
        />
      )}
      {isDist && (
        <p class="hint">
          Distribution <code>{(raw as { text: string }).text}</code>, nominal{" "}
          {formatNumber(ref.param.value)}
          {ref.param.dist && distValues
            ? "; its numbers are edited here, its kind or prior in YAML."
            : ": edit it in YAML."}
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

function sameRaw(a: RawValue, b: RawValue): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "number") return a.value === (b as typeof a).value;
  if (a.kind === "missing") return true;
  return a.text === (b as typeof a).text;
}

function sameNumbers(
  a: readonly (number | null)[] | undefined,
  b: readonly (number | null)[] | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameIssues(a: readonly ScenarioIssue[], b: readonly ScenarioIssue[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => x.message === b[i]!.message && x.severity === b[i]!.severity)
  );
}

/**
 * A field re-renders only when what it shows changes: with a hundred fields, re-rendering them
 * all on every slider step would cost more than the model.
 */
class MemoField extends Component<FieldProps> {
  override shouldComponentUpdate(next: FieldProps): boolean {
    const a = this.props;
    return !(
      a.field.ref.path === next.field.ref.path &&
      a.field.label === next.field.label &&
      a.field.ref.defaulted === next.field.ref.defaulted &&
      a.field.ref.param.source === next.field.ref.param.source &&
      a.field.ref.param.value === next.field.ref.param.value &&
      sameRaw(a.raw, next.raw) &&
      sameIssues(a.issues, next.issues) &&
      a.range === next.range &&
      a.onSet === next.onSet &&
      a.citation === next.citation &&
      a.blocked === next.blocked &&
      sameNumbers(a.distValues, next.distValues)
    );
  }
  override render() {
    return <ParamField {...this.props} />;
  }
}

function Group({
  group,
  values,
  props,
  open,
}: {
  readonly group: FieldGroup;
  readonly values: ReadonlyMap<string, RawValue>;
  readonly props: FormEditorProps & {
    readonly distValues?: ReadonlyMap<string, readonly (number | null)[]>;
  };
  readonly open: boolean;
}) {
  const citation = (id: string | undefined) => {
    if (!id) return undefined;
    const s = props.scenario.sources[id];
    return typeof s === "string" ? s : s?.citation;
  };
  const groupIssues = group.fields.flatMap((f) => issuesAt(props.issues, f.ref.indexText));
  // Parameters the file leaves at their defaults, other than the key ones, fold away. Which ones
  // is fixed when the group first shows, so a field never moves while it is being edited.
  const [folded] = useState(
    () => new Set(group.fields.filter((f) => !f.key && f.ref.defaulted).map((f) => f.ref.path)),
  );
  const main = group.fields.filter((f) => !folded.has(f.ref.path));
  const more = group.fields.filter((f) => folded.has(f.ref.path));
  const field = (f: Field) => (
    <MemoField
      key={f.ref.path}
      field={f}
      raw={values.get(f.ref.indexText) ?? { kind: "missing" }}
      issues={issuesAt(props.issues, f.ref.indexText)}
      range={props.rangeOf(f)}
      onSet={props.onSet}
      citation={citation(f.ref.param.source)}
      blocked={props.blocked !== undefined}
      distValues={props.distValues?.get(f.ref.indexText)}
    />
  );
  return (
    <details class="group" open={open || groupIssues.some((i) => i.severity === "error")}>
      <summary>
        <span class="group-title">{group.title}</span> <span class="muted">{group.subtitle}</span>
        {groupIssues.some((i) => i.severity === "error") && (
          <span class="tag error-tag">error</span>
        )}
      </summary>
      <div class="group-fields">
        {main.map(field)}
        {more.length > 0 && (
          <details
            class="more"
            open={more.some((f) => issuesAt(props.issues, f.ref.indexText).length > 0)}
          >
            <summary>
              {more.length} more at their defaults:{" "}
              {more.map((f) => f.label.toLowerCase()).join(", ")}
            </summary>
            <div class="group-fields">{more.map(field)}</div>
          </details>
        )}
      </div>
    </details>
  );
}

/** What a parsed parameter shows in the form. */
export function paramRaw(
  value: number,
  dist: Distribution | undefined,
  defaulted: boolean,
): RawValue {
  if (dist) return { kind: "distribution", text: distributionText(dist) };
  return defaulted ? { kind: "missing" } : { kind: "number", value };
}

/** A distribution as written in a scenario: `beta: 10 of 18`, `uniform [0.4, 0.7]`. */
export function distributionText(d: Distribution): string {
  switch (d.kind) {
    case "beta":
      return `beta: ${d.successes} of ${d.trials} (${d.prior} prior)`;
    case "uniform":
      return `uniform [${d.low}, ${d.high}]`;
    case "triangular":
      return `triangular [${d.low}, ${d.mode}, ${d.high}]`;
    case "normal90":
      return `normal, 90% in [${d.low}, ${d.high}]`;
    default:
      return d satisfies never;
  }
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
    if (props.current) {
      // A valid text: its parameters are the values (no second YAML parse on every edit).
      return new Map(
        listParams(props.current).map((r) => [
          r.indexText,
          paramRaw(r.param.value, r.param.dist, r.defaulted),
        ]),
      );
    }
    const vals = rawValues(
      props.text,
      fields.map((f) => f.ref.at),
    );
    return new Map(fields.map((f, i) => [f.ref.indexText, vals[i]!]));
  }, [props.text, props.current, fields]);
  // The numbers inside each distribution, from the valid text, else read from the YAML itself.
  const distValues = useMemo(() => {
    const out = new Map<string, readonly (number | null)[]>();
    if (props.current) {
      for (const r of listParams(props.current)) {
        if (r.param.dist) out.set(r.indexText, distributionValues(r.param.dist));
      }
      return out;
    }
    const dists = fields.filter(
      (f) => f.ref.param.dist && values.get(f.ref.indexText)?.kind === "distribution",
    );
    const paths = dists.flatMap((f) =>
      distributionParts(f.ref.param.dist!.kind).map((p) => [...f.ref.at, ...p.sub]),
    );
    const raw = rawValues(props.text, paths);
    let k = 0;
    for (const f of dists) {
      const n = distributionParts(f.ref.param.dist!.kind).length;
      out.set(
        f.ref.indexText,
        raw.slice(k, k + n).map((v) => (v.kind === "number" ? v.value : null)),
      );
      k += n;
    }
    return out;
  }, [props.text, props.current, fields, values]);
  const groupProps = { ...props, distValues };
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
            <Group
              key={g.id}
              group={g}
              values={values}
              props={groupProps}
              open={openByDefault(g)}
            />
          ))}
        </fieldset>
      ))}
      {props.model.analysis.fields.length > 0 && (
        <Group group={props.model.analysis} values={values} props={groupProps} open={false} />
      )}
    </form>
  );
}

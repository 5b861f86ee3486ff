// The workbench: scenario library and editor (form and YAML, in sync through the YAML text), the
// views of the registry, and the whole state in the URL fragment.
import type { IssuePath, Scenario, ScenarioIssue } from "@stratbal/scenario";
import { MAX_SCENARIO_BYTES, safeParseScenario } from "@stratbal/scenario";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { slug } from "../charts/exportChart.ts";
import { download } from "../charts/exportChart.ts";
import type { ComputeClient } from "../compute/client.ts";
import type { RequestOf } from "../compute/protocol.ts";
import { FormEditor } from "../editor/FormEditor.tsx";
import { IssueList } from "../editor/IssueList.tsx";
import { YamlEditor } from "../editor/YamlEditor.tsx";
import type { Field, SliderRange } from "../scenario/formModel.ts";
import { formModel, sliderRange } from "../scenario/formModel.ts";
import type { LibraryEntry } from "../scenario/library.ts";
import { DEFAULT_ENTRY, LIBRARY } from "../scenario/library.ts";
import {
  UrlStateError,
  encodeScenario,
  formatFragment,
  parseFragment,
  readLinkedScenario,
} from "../scenario/urlState.ts";
import { YamlEditError, setValueInYaml } from "../scenario/yamlEdit.ts";
import { ModelDocs } from "../views/ModelDocs.tsx";
import { VIEWS, viewById } from "../views/registry.ts";
import { useCompute } from "./useCompute.ts";

interface Loaded {
  readonly text: string;
  /** Name used in issue locations. */
  readonly file: string;
  /** The library entry it came from, if it did. */
  readonly entry: LibraryEntry | null;
  /** Bumped on every load, so slider ranges are reset. */
  readonly seq: number;
}

interface UrlView {
  readonly view: string;
  readonly options: Readonly<Record<string, string>>;
}

let loadSeq = 0;

function fromEntry(e: LibraryEntry): Loaded {
  return { text: e.text, file: e.file, entry: e, seq: ++loadSeq };
}

/**
 * Reads the scenario and view from the current fragment (the default scenario if none). A link is
 * untrusted: its scenario is size-checked, decoded and validated (`readLinkedScenario`) before
 * use; a bad one gives `error` (the message) and no scenario.
 */
async function readLocation(): Promise<{ loaded: Loaded | null; url: UrlView; error?: string }> {
  const f = parseFragment(location.hash);
  const url = { view: viewById(f.view).id, options: f.options };
  if (f.scenario === undefined) return { loaded: fromEntry(DEFAULT_ENTRY), url };
  try {
    const { text } = await readLinkedScenario(f.scenario);
    const same = LIBRARY.find((e) => e.text === text) ?? null;
    return {
      loaded: { text, file: same?.file ?? "linked scenario", entry: same, seq: ++loadSeq },
      url,
    };
  } catch (err) {
    const message = err instanceof UrlStateError ? err.message : String(err);
    return { loaded: null, url, error: `This link's scenario was not loaded: ${message}.` };
  }
}

/** Text of the last valid version for links: the URL never carries a scenario that fails to load. */
function shareableText(text: string, ok: boolean, lastGood: string | null): string | null {
  return ok ? text : lastGood;
}

function scenarioFooter(s: Scenario): string {
  return `Strategic Balance Lab · ${s.title} (as of ${s.asOf}) · notional parameters as given in the scenario`;
}

export function App({ client }: { readonly client: ComputeClient }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [url, setUrl] = useState<UrlView>({ view: VIEWS[0]!.id, options: {} });
  const [notice, setNotice] = useState<string | null>(null);
  const writtenHash = useRef<string | null>(null);

  const current = useRef<Loaded | null>(null);
  current.current = loaded;
  const load = useCallback(async () => {
    const r = await readLocation();
    if (r.loaded) {
      setLoaded(r.loaded);
      setUrl(r.url);
      setNotice(null);
    } else if (current.current) {
      // A bad link while a scenario is open: keep it (and write its state back to the address).
      setUrl((u) => ({ ...u }));
      setNotice(`${r.error} The scenario shown is kept.`);
    } else {
      setLoaded(fromEntry(DEFAULT_ENTRY));
      setUrl(r.url);
      setNotice(`${r.error} The default scenario is shown instead.`);
    }
  }, []);

  useEffect(() => {
    void load();
    const onNav = () => {
      if (location.hash !== writtenHash.current) void load();
    };
    addEventListener("hashchange", onNav);
    addEventListener("popstate", onNav);
    return () => {
      removeEventListener("hashchange", onNav);
      removeEventListener("popstate", onNav);
    };
  }, [load]);

  if (!loaded) {
    return (
      <main class="loading" aria-busy="true">
        <p>Loading the scenario…</p>
      </main>
    );
  }
  return (
    // A new scenario (library, file, link) mounts a fresh workbench: no state of the previous one,
    // such as its last valid version, can show through.
    <Workbench
      key={loaded.seq}
      client={client}
      loaded={loaded}
      setLoaded={setLoaded}
      url={url}
      setUrl={setUrl}
      notice={notice}
      setNotice={setNotice}
      writtenHash={writtenHash}
    />
  );
}

interface WorkbenchProps {
  readonly client: ComputeClient;
  readonly loaded: Loaded;
  readonly setLoaded: (l: Loaded) => void;
  readonly url: UrlView;
  readonly setUrl: (u: UrlView | ((u: UrlView) => UrlView)) => void;
  readonly notice: string | null;
  readonly setNotice: (n: string | null) => void;
  readonly writtenHash: { current: string | null };
}

function Workbench(props: WorkbenchProps) {
  const { client, loaded, url } = props;
  const [text, setText] = useState(loaded.text);
  const [tab, setTab] = useState<"form" | "yaml">("form");
  const [focusAt, setFocusAt] = useState<{ line: number; col: number; seq: number } | undefined>();
  const [linkState, setLinkState] = useState<{
    text: string;
    copied: boolean;
    note: string;
  } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const parsed = useMemo(() => safeParseScenario(text, { file: loaded.file }), [text, loaded.file]);
  const lastGood = useRef<Scenario | null>(null);
  const lastGoodText = useRef<string | null>(null);
  if (parsed.ok) {
    lastGood.current = parsed.scenario;
    lastGoodText.current = text;
  }
  const scenario = lastGood.current;
  const issues: readonly ScenarioIssue[] = parsed.ok ? parsed.warnings : parsed.issues;
  const errorCount = issues.filter((i) => i.severity === "error").length;

  // Slider ranges are fixed at a field's first value (the scenario as loaded, for a workbench is
  // mounted afresh for each scenario), so they never move under a dragged thumb.
  const ranges = useRef(new Map<string, SliderRange>());
  const rangeOf = useCallback((f: Field): SliderRange => {
    let r = ranges.current.get(f.ref.path);
    if (!r) {
      r = sliderRange(f.ref.domain, f.ref.param.value);
      ranges.current.set(f.ref.path, r);
    }
    return r;
  }, []);

  const model = useMemo(() => (scenario ? formModel(scenario) : null), [scenario]);

  const onSet = useCallback((at: IssuePath, value: number) => {
    setText((t) => {
      try {
        const next = setValueInYaml(t, at, value);
        setFormError(null);
        return next;
      } catch (err) {
        setFormError(err instanceof YamlEditError ? err.message : String(err));
        return t;
      }
    });
  }, []);
  const yamlBroken = !parsed.ok && parsed.issues.some((i) => i.code.startsWith("yaml_"));

  // The balance runs for every view: the header shows its index.
  const balanceRequest = useMemo<RequestOf<"balance"> | null>(
    () => (scenario ? { kind: "balance", scenario } : null),
    [scenario],
  );
  const balance = useCompute(client, "balance", balanceRequest);

  // The URL follows the state (debounced), with the last valid version of the scenario (a
  // scenario too large for a link is left out); library switches push a history entry.
  const share = shareableText(text, parsed.ok, lastGoodText.current);
  useEffect(() => {
    let live = true;
    const handle = setTimeout(() => {
      const write = (token: string | undefined) => {
        if (!live) return;
        const hash = formatFragment({
          view: url.view,
          options: url.options,
          ...(token !== undefined ? { scenario: token } : {}),
        });
        if (hash !== location.hash) {
          props.writtenHash.current = hash;
          history.replaceState(null, "", hash);
        }
      };
      if (share === null) write(undefined);
      else encodeScenario(share).then(write, () => write(undefined));
    }, 200);
    return () => {
      live = false;
      clearTimeout(handle);
    };
  }, [share, url]);

  const pickEntry = (id: string) => {
    const e = LIBRARY.find((x) => x.id === id);
    if (!e) return;
    // Keep the current state one Back away.
    history.pushState(null, "", location.hash);
    props.setNotice(null);
    props.setLoaded(fromEntry(e));
  };

  const view = viewById(url.view);
  const prefix = `${view.id}.`;
  const viewOptions = Object.fromEntries(
    Object.entries(url.options)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );
  const setOptions = (patch: Readonly<Record<string, string | undefined>>) =>
    props.setUrl((u) => {
      const next = { ...u.options };
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === "") delete next[`${view.id}.${k}`];
        else next[`${view.id}.${k}`] = v;
      }
      return { ...u, options: next };
    });

  const copyLink = async () => {
    if (share === null) {
      setLinkState({
        text: "",
        copied: false,
        note: "The scenario has never been valid: fix it first.",
      });
      return;
    }
    let token: string;
    try {
      token = await encodeScenario(share);
    } catch (err) {
      const message = err instanceof UrlStateError ? err.message : String(err);
      setLinkState({ text: "", copied: false, note: `No link: ${message}.` });
      return;
    }
    const hash = formatFragment({ view: url.view, options: url.options, scenario: token });
    props.writtenHash.current = hash;
    history.replaceState(null, "", hash);
    const link = location.href;
    const note =
      share !== text ? "The scenario has problems: the link holds its last valid version. " : "";
    try {
      await navigator.clipboard.writeText(link);
      setLinkState({ text: link, copied: true, note });
    } catch {
      setLinkState({ text: link, copied: false, note });
    }
  };

  const openFile = async (file: File) => {
    if (file.size > MAX_SCENARIO_BYTES) {
      props.setNotice(
        `${file.name} is ${Math.ceil(file.size / 1024).toLocaleString("en-US")} KiB; a scenario may be at most ${MAX_SCENARIO_BYTES / 1024} KiB. It was not opened.`,
      );
      return;
    }
    const content = await file.text();
    history.pushState(null, "", location.hash);
    props.setNotice(null);
    props.setLoaded({ text: content, file: file.name, entry: null, seq: ++loadSeq });
  };

  const showIssue = (i: ScenarioIssue) => {
    setTab("yaml");
    setFocusAt({ line: Math.max(1, i.line), col: Math.max(1, i.col), seq: Date.now() });
  };

  const onTabKey = (
    e: KeyboardEvent,
    ids: readonly string[],
    current: string,
    select: (id: string) => void,
  ) => {
    const k = ids.indexOf(current);
    let next = -1;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") next = (k + 1) % ids.length;
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") next = (k - 1 + ids.length) % ids.length;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = ids.length - 1;
    if (next < 0) return;
    e.preventDefault();
    select(ids[next]!);
    const el = (e.currentTarget as HTMLElement).querySelector<HTMLElement>(
      `[data-tab="${ids[next]}"]`,
    );
    el?.focus();
  };

  const edited = loaded.entry !== null && text !== loaded.entry.text;
  const fileBase = scenario ? slug(scenario.id ?? scenario.title) : "scenario";
  const footer = scenario ? scenarioFooter(scenario) : "Strategic Balance Lab";
  const fsi = balance.result?.analysis.firstStrikeStability;

  return (
    <div class="app">
      <header class="top">
        <div class="brand">
          <h1>Strategic Balance Lab</h1>
          <span class="muted">policy-level models of the strategic nuclear balance</span>
        </div>
        <div class="scenario-bar">
          <label>
            Scenario
            <select
              value={loaded.entry?.id ?? ""}
              onChange={(e) => pickEntry((e.target as HTMLSelectElement).value)}
              data-testid="library"
            >
              {loaded.entry === null && (
                <option value="">{loaded.file} (not in the library)</option>
              )}
              {LIBRARY.map((e) => (
                <option value={e.id}>{e.title}</option>
              ))}
            </select>
          </label>
          {edited && (
            <button
              type="button"
              class="small"
              onClick={() => pickEntry(loaded.entry!.id)}
              title="Back to the library version"
            >
              Revert edits
            </button>
          )}
          <button type="button" onClick={() => void copyLink()} data-testid="copy-link">
            Copy link
          </button>
          <button
            type="button"
            onClick={() =>
              download(
                new Blob([text], { type: "application/yaml;charset=utf-8" }),
                `${fileBase}.yaml`,
              )
            }
          >
            Save YAML
          </button>
          <label class="file-button">
            Open YAML…
            <input
              type="file"
              accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml"
              onChange={(e) => {
                const f = (e.target as HTMLInputElement).files?.[0];
                if (f) void openFile(f);
              }}
            />
          </label>
        </div>
        <div class="status" role="status" aria-live="polite" data-testid="status">
          {balance.status === "computing" && (
            <span>
              <span class="spinner" aria-hidden="true" /> computing…
            </span>
          )}
          {fsi !== undefined && balance.status !== "computing" && (
            <span>
              stability index <strong>{fsi.toFixed(3)}</strong>
            </span>
          )}
        </div>
      </header>
      {props.notice && (
        <p class="banner error" role="alert" data-testid="notice">
          {props.notice}
        </p>
      )}
      {linkState && (
        <div class="banner" role="status" data-testid="link-banner">
          {linkState.note}
          {linkState.text !== "" &&
            (linkState.copied
              ? "Link copied: it restores this scenario and view exactly. "
              : "Copy this link: ")}
          {linkState.text !== "" && (
            <input
              type="text"
              readOnly
              value={linkState.text}
              aria-label="Link to this scenario"
              onFocus={(e) => (e.target as HTMLInputElement).select()}
              data-testid="link-text"
            />
          )}
          <button type="button" class="small" onClick={() => setLinkState(null)}>
            Close
          </button>
        </div>
      )}
      {errorCount > 0 && (
        <p class="banner warn" role="status" data-testid="stale-banner">
          The scenario has {errorCount} problem{errorCount === 1 ? "" : "s"}; the results show the
          last valid version.
        </p>
      )}
      <div class={`layout${tab === "yaml" ? " wide-editor" : ""}`}>
        <section class="editor panel" aria-label="Scenario editor">
          <div
            class="tabs"
            role="tablist"
            aria-label="Editor"
            onKeyDown={(e) =>
              onTabKey(e, ["form", "yaml"], tab, (t) => setTab(t as "form" | "yaml"))
            }
          >
            {(["form", "yaml"] as const).map((t) => (
              <button
                type="button"
                role="tab"
                id={`editor-tab-${t}`}
                aria-selected={tab === t}
                aria-controls={`editor-panel-${t}`}
                tabIndex={tab === t ? 0 : -1}
                data-tab={t}
                onClick={() => setTab(t)}
              >
                {t === "form" ? "Form" : "YAML"}
              </button>
            ))}
          </div>
          <IssueList issues={issues} onShow={showIssue} />
          {formError && (
            <p class="error" role="alert">
              {formError}
            </p>
          )}
          <div
            role="tabpanel"
            id={`editor-panel-${tab}`}
            aria-labelledby={`editor-tab-${tab}`}
            class="tabpanel"
          >
            {tab === "form" ? (
              model && scenario ? (
                <FormEditor
                  model={model}
                  scenario={scenario}
                  current={parsed.ok ? parsed.scenario : null}
                  text={text}
                  issues={issues}
                  rangeOf={rangeOf}
                  onSet={onSet}
                  {...(yamlBroken ? { blocked: "The YAML has a syntax error." } : {})}
                />
              ) : (
                <p class="error">
                  This scenario has never been valid in this session: fix it in the YAML tab.
                </p>
              )
            ) : (
              <YamlEditor
                text={text}
                onChange={setText}
                issues={issues}
                focusAt={focusAt}
                file={loaded.file}
              />
            )}
          </div>
        </section>
        <section class="results panel" aria-label="Results">
          <div
            class="tabs view-tabs"
            role="tablist"
            aria-label="Views"
            onKeyDown={(e) =>
              onTabKey(
                e,
                VIEWS.map((v) => v.id),
                view.id,
                (id) => props.setUrl((u) => ({ ...u, view: id })),
              )
            }
          >
            {VIEWS.map((v) => (
              <button
                type="button"
                role="tab"
                id={`view-tab-${v.id}`}
                aria-selected={v.id === view.id}
                aria-controls="view-panel"
                tabIndex={v.id === view.id ? 0 : -1}
                data-tab={v.id}
                title={v.summary}
                onClick={() => props.setUrl((u) => ({ ...u, view: v.id }))}
              >
                {v.title}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id="view-panel"
            aria-labelledby={`view-tab-${view.id}`}
            class="tabpanel view"
            data-view={view.id}
          >
            <h2 class="view-title">
              {view.title} <span class="muted">— {view.summary}</span>
            </h2>
            {scenario ? (
              <view.Component
                scenario={scenario}
                stale={!parsed.ok}
                client={client}
                balance={balance}
                options={viewOptions}
                setOptions={setOptions}
                fileBase={fileBase}
                footer={footer}
              />
            ) : (
              <p class="error">No valid scenario to show yet.</p>
            )}
            <ModelDocs refs={view.docs} />
          </div>
        </section>
      </div>
      <footer class="bottom muted">
        Strategic Balance Lab runs entirely in this page (models in a background worker); nothing is
        sent anywhere. Kill probabilities, reliabilities and coverage are notional inputs with
        sources, never derived. <a href="docs.html?page=web">About the workbench</a> ·{" "}
        <a href="THIRD-PARTY-LICENSES.txt">Third-party licenses</a>
      </footer>
    </div>
  );
}

// The workbench state in the URL fragment, so that a link restores it exactly and no server ever
// sees it: `#view=balance&s=1.<base64url(deflate-raw(UTF-8 YAML))>` plus view options such as
// `map=<x path>~<from>~<to>~<y path>~<from>~<to>~<steps>`. The scenario is its YAML text as
// written, comments included, not a re-serialisation.
//
// A link is untrusted input (anyone can write one): its token is bounded before it is decoded,
// its inflated size is bounded while it inflates (a deflate bomb never expands in memory), and
// its text is validated with the scenario schema (`readLinkedScenario`) before the app uses it.
import type { Scenario, ScenarioIssue } from "@stratbal/scenario";
import { formatScenarioIssue, safeParseScenario } from "@stratbal/scenario";

/** The prefix of the current scenario encoding: deflate-raw, then base64url. */
export const SCENARIO_ENCODING = "1";

/**
 * Most bytes of scenario text a link carries (UTF-8, once inflated). The shipped scenarios are
 * under 25 KB; a bigger scenario is shared as a file.
 */
export const MAX_LINK_SCENARIO_BYTES = 256 * 1024;

/**
 * Most characters of a link's scenario token (`1.` and base64url). Deflate never grows data by
 * more than 5 bytes per 64 KiB stored block, and base64 adds a third, so any text within
 * `MAX_LINK_SCENARIO_BYTES` fits (350,000 characters at worst); a longer token is refused unread.
 */
export const MAX_LINK_TOKEN_CHARS = 360 * 1024;

/** Compressed bytes fed to the inflater per step: each step can expand to about 1 MiB at most. */
export const INFLATE_INPUT_CHUNK = 1024;

/** Thrown when a fragment's scenario cannot be decoded, or is not a valid scenario. */
export class UrlStateError extends Error {
  readonly code: "bad_encoding" | "too_large" | "invalid_scenario";
  constructor(code: "bad_encoding" | "too_large" | "invalid_scenario", message: string) {
    super(message);
    this.code = code;
  }
}

const kib = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString("en-US")} KiB`;

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    bin += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Bytes of a base64url string (padding optional); throws `UrlStateError` on bad input. */
export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) {
    throw new UrlStateError("bad_encoding", "the link's scenario is not valid base64url");
  }
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new UrlStateError("bad_encoding", "the link's scenario is not valid base64url");
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new UrlStateError(
        "too_large",
        `the link's scenario expands to more than ${kib(limit)}, the most a link may carry`,
      );
    }
    parts.push(value);
  }
  return concat(parts, total);
}

/**
 * A stream of `bytes` in pieces of `chunk` bytes, produced only when read (high-water mark 0), so
 * that a consumer downstream of a decompressor pulls input as it takes output.
 */
export function chunkedStream(
  bytes: Uint8Array<ArrayBuffer>,
  chunk: number,
): ReadableStream<Uint8Array<ArrayBuffer>> {
  let at = 0;
  return new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      pull(controller) {
        if (at >= bytes.length) {
          controller.close();
          return;
        }
        controller.enqueue(bytes.slice(at, at + chunk));
        at += chunk;
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Inflates deflate-raw data from `source`, stopping with `UrlStateError` ("too_large") as soon as
 * the output passes `limit` bytes. The decompressor is fed one piece of `source` at a time, the
 * next only once it has taken the last, while its output is counted, so a deflate bomb never
 * expands in full: a browser's DecompressionStream takes a piece once it has inflated it, so the
 * bomb gets `limit` plus one piece's expansion (about 1 MiB per KiB); Node's implementation takes
 * up to 16 KiB ahead (about 16 MiB). Piping the whole input instead lets the decompressor take
 * all of it.
 */
export async function inflateBounded(
  source: ReadableStream<Uint8Array<ArrayBuffer>>,
  limit: number,
): Promise<Uint8Array> {
  const inflater = new DecompressionStream("deflate-raw");
  const writer = inflater.writable.getWriter();
  const reader = inflater.readable.getReader();
  const input = source.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.length;
      if (total > limit) {
        throw new UrlStateError(
          "too_large",
          `the link's scenario expands to more than ${kib(limit)}, the most a link may carry`,
        );
      }
      parts.push(value);
    }
  })();
  const quiet = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => {});
    return p;
  };
  quiet(reading);
  try {
    for (;;) {
      const next = await input.read();
      if (next.done) break;
      // Stops at once when the output passes the limit, even while a write waits.
      await Promise.race([quiet(writer.write(next.value)), reading]);
    }
    await Promise.race([quiet(writer.close()), reading]);
    await reading;
  } catch (err) {
    void quiet(reader.cancel());
    void quiet(writer.abort());
    void quiet(input.cancel());
    if (err instanceof UrlStateError) throw err;
    throw new UrlStateError("bad_encoding", "the link's scenario is damaged (cannot inflate it)");
  }
  return concat(parts, total);
}

/**
 * The scenario text as a fragment token: `1.` + base64url(deflate-raw(UTF-8)). Refuses a text
 * longer than a link may carry (`UrlStateError` "too_large").
 */
export async function encodeScenario(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_LINK_SCENARIO_BYTES) {
    throw new UrlStateError(
      "too_large",
      `the scenario is ${kib(bytes.length)}; a link carries at most ${kib(MAX_LINK_SCENARIO_BYTES)} (save it as YAML to share it)`,
    );
  }
  const packed = await readAll(
    chunkedStream(bytes, 64 * 1024).pipeThrough(new CompressionStream("deflate-raw")),
    Number.MAX_SAFE_INTEGER,
  );
  return `${SCENARIO_ENCODING}.${toBase64Url(packed)}`;
}

/**
 * The scenario text of a fragment token. Refuses a token longer than `MAX_LINK_TOKEN_CHARS`,
 * one that expands beyond `MAX_LINK_SCENARIO_BYTES` (a deflate bomb: stopped while inflating),
 * or that is not a valid encoding of UTF-8 text. The text is not yet validated: see
 * `readLinkedScenario`.
 */
export async function decodeScenario(token: string): Promise<string> {
  if (token.length > MAX_LINK_TOKEN_CHARS) {
    throw new UrlStateError(
      "too_large",
      `the link's scenario is ${token.length.toLocaleString("en-US")} characters long; a link may carry at most ${MAX_LINK_TOKEN_CHARS.toLocaleString("en-US")}`,
    );
  }
  const dot = token.indexOf(".");
  const version = dot < 0 ? "" : token.slice(0, dot);
  if (version !== SCENARIO_ENCODING) {
    throw new UrlStateError(
      "bad_encoding",
      `the link's scenario uses an unknown encoding "${version.slice(0, 20)}" (this build reads "${SCENARIO_ENCODING}")`,
    );
  }
  const packed = fromBase64Url(token.slice(dot + 1));
  const bytes = await inflateBounded(
    chunkedStream(packed, INFLATE_INPUT_CHUNK),
    MAX_LINK_SCENARIO_BYTES,
  );
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UrlStateError("bad_encoding", "the link's scenario is not UTF-8 text");
  }
}

/** A linked scenario that decoded and validated: its text as written, and the parsed scenario. */
export interface LinkedScenario {
  readonly text: string;
  readonly scenario: Scenario;
  readonly warnings: readonly ScenarioIssue[];
}

/**
 * Decodes a fragment token and validates its text with the scenario schema and semantic checks
 * (`safeParseScenario`, as for any file): the only way the app takes a scenario from a link.
 * Throws `UrlStateError` ("invalid_scenario") naming the number of problems and the first.
 */
export async function readLinkedScenario(
  token: string,
  file = "linked scenario",
): Promise<LinkedScenario> {
  const text = await decodeScenario(token);
  const parsed = safeParseScenario(text, { file });
  if (!parsed.ok) {
    const n = parsed.issues.length;
    const first = formatScenarioIssue(parsed.issues[0]!).replace(/^✖ /, "");
    throw new UrlStateError(
      "invalid_scenario",
      `it is not a valid scenario: ${n} problem${n === 1 ? "" : "s"}, the first ${first.length > 240 ? `${first.slice(0, 240)}…` : first}`,
    );
  }
  return { text, scenario: parsed.scenario, warnings: parsed.warnings };
}

/** What the fragment holds, decoded: the scenario token stays encoded (see `decodeScenario`). */
export interface Fragment {
  /** Encoded scenario (`1.…`), when the link carries one. */
  readonly scenario?: string;
  /** The view shown. */
  readonly view?: string;
  /** Other options by key (view settings). */
  readonly options: Readonly<Record<string, string>>;
}

/** Reads `#view=…&s=…&…` (a leading `#` is optional). */
export function parseFragment(hash: string): Fragment {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const options: Record<string, string> = {};
  let scenario: string | undefined;
  let view: string | undefined;
  for (const [k, v] of params) {
    if (k === "s") scenario = v;
    else if (k === "view") view = v;
    else options[k] = v;
  }
  return {
    ...(scenario !== undefined ? { scenario } : {}),
    ...(view !== undefined ? { view } : {}),
    options,
  };
}

/** Writes a fragment: view first, then options in key order, the scenario last (it is long). */
export function formatFragment(f: Fragment): string {
  const params = new URLSearchParams();
  if (f.view !== undefined) params.set("view", f.view);
  for (const k of Object.keys(f.options).sort()) params.set(k, f.options[k]!);
  if (f.scenario !== undefined) params.set("s", f.scenario);
  // base64url and ids need no escaping; keep `~` and `.` readable.
  return `#${params.toString().replace(/%7E/gi, "~")}`;
}

/** The chunks one after another, `total` bytes in all. */
function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

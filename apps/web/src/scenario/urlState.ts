// The workbench state in the URL fragment, so that a link restores it exactly and no server ever
// sees it: `#view=balance&s=1.<base64url(deflate-raw(UTF-8 YAML))>` plus view options such as
// `map=<x path>~<from>~<to>~<y path>~<from>~<to>~<steps>`. The scenario is its YAML text as
// written, comments included, not a re-serialisation.
import { MAX_SCENARIO_BYTES } from "@stratbal/scenario";

/** The prefix of the current scenario encoding: deflate-raw, then base64url. */
export const SCENARIO_ENCODING = "1";

/** Thrown when a fragment's scenario cannot be decoded. */
export class UrlStateError extends Error {
  readonly code: "bad_encoding" | "too_large";
  constructor(code: "bad_encoding" | "too_large", message: string) {
    super(message);
    this.code = code;
  }
}

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
      await reader.cancel();
      throw new UrlStateError(
        "too_large",
        `the link's scenario expands to more than ${limit / 1048576} MiB`,
      );
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function streamOf(bytes: Uint8Array<ArrayBuffer>): ReadableStream<BufferSource> {
  return new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** The scenario text as a fragment token: `1.` + base64url(deflate-raw(UTF-8)). */
export async function encodeScenario(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const packed = await readAll(
    streamOf(bytes).pipeThrough(new CompressionStream("deflate-raw")),
    Number.MAX_SAFE_INTEGER,
  );
  return `${SCENARIO_ENCODING}.${toBase64Url(packed)}`;
}

/**
 * The scenario text of a fragment token. Refuses a token that expands beyond the largest
 * scenario the parser accepts (a deflate bomb), or that is not a valid encoding.
 */
export async function decodeScenario(token: string): Promise<string> {
  const dot = token.indexOf(".");
  const version = dot < 0 ? "" : token.slice(0, dot);
  if (version !== SCENARIO_ENCODING) {
    throw new UrlStateError(
      "bad_encoding",
      `the link's scenario uses an unknown encoding "${version}" (this build reads "${SCENARIO_ENCODING}")`,
    );
  }
  const packed = fromBase64Url(token.slice(dot + 1));
  let bytes: Uint8Array;
  try {
    bytes = await readAll(
      streamOf(packed).pipeThrough(new DecompressionStream("deflate-raw")),
      MAX_SCENARIO_BYTES,
    );
  } catch (err) {
    if (err instanceof UrlStateError) throw err;
    throw new UrlStateError("bad_encoding", "the link's scenario is damaged (cannot inflate it)");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UrlStateError("bad_encoding", "the link's scenario is not UTF-8 text");
  }
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

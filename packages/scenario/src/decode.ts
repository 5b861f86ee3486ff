import type { ScenarioIssue } from "./issues.ts";

/**
 * Turns the bytes of a scenario file into text, or says why they are not a scenario's text.
 * Scenarios are UTF-8 (a leading byte-order mark is dropped). UTF-16 and UTF-32 files, bytes
 * that are not UTF-8 (Latin-1 or Windows-1252 text, binary files) and NUL bytes are refused with
 * a reason, and with the line and column of the first bad byte where there is one, instead of
 * being read with replacement characters (which would change names and titles unseen).
 * @example decodeScenarioBytes(await readFile(file), file)
 */
export function decodeScenarioBytes(
  bytes: Uint8Array,
  file: string,
):
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly issue: ScenarioIssue } {
  const fail = (
    code: string,
    message: string,
    at?: number,
  ): { ok: false; issue: ScenarioIssue } => {
    const { line, col } = at === undefined ? { line: 0, col: 0 } : lineColOf(bytes, at);
    return {
      ok: false,
      issue: { code, severity: "error", path: [], pathText: "(file)", message, file, line, col },
    };
  };
  const wide = wideEncoding(bytes);
  if (wide) {
    return fail(
      "wrong_encoding",
      `the file is ${wide}; scenarios are UTF-8 text: save it as UTF-8`,
    );
  }
  const kind = binaryKind(bytes);
  if (kind) return fail("binary_file", `${kind}, not a scenario (YAML or JSON text)`);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const nul = bytes.indexOf(0, bom);
  const bad = firstInvalidUtf8(bytes, bom);
  if (bad >= 0 && (nul < 0 || bad < nul)) {
    return fail(
      "wrong_encoding",
      `not UTF-8 text: byte 0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, "0")} here ` +
        "is not valid UTF-8 (is the file Latin-1 or Windows-1252?); save the scenario as UTF-8",
      bad,
    );
  }
  if (nul >= 0) {
    return fail(
      "binary_file",
      "a NUL byte here: scenarios are YAML or JSON text, which holds none",
      nul,
    );
  }
  return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(bom)) };
}

/** UTF-16 or UTF-32, recognized by a byte-order mark or by ASCII text with NUL bytes between. */
function wideEncoding(b: Uint8Array): string | undefined {
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return "UTF-32 (little-endian)";
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return "UTF-32 (big-endian)";
  if (b[0] === 0xff && b[1] === 0xfe) return "UTF-16 (little-endian)";
  if (b[0] === 0xfe && b[1] === 0xff) return "UTF-16 (big-endian)";
  // Without a mark: the first characters are ASCII, so every other byte is 0.
  const pairs = Math.min(8, Math.floor(b.length / 2));
  if (pairs === 0) return undefined;
  let le = true;
  let be = true;
  for (let i = 0; i < pairs; i++) {
    const [x, y] = [b[2 * i]!, b[2 * i + 1]!];
    le &&= x !== 0 && x < 0x80 && y === 0;
    be &&= x === 0 && y !== 0 && y < 0x80;
  }
  if (le) return "UTF-16 (little-endian, no byte-order mark)";
  if (be) return "UTF-16 (big-endian, no byte-order mark)";
  return undefined;
}

// File signatures of formats a scenario is sometimes confused with.
const SIGNATURES: readonly [string, readonly number[]][] = [
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a PDF document", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["a gzip archive", [0x1f, 0x8b]],
  ["a ZIP archive (or an Office document)", [0x50, 0x4b, 0x03, 0x04]],
  ["an executable (ELF)", [0x7f, 0x45, 0x4c, 0x46]],
];

/**
 * What a binary file is, by its signature or, failing that, by its first 8 KiB: more than 5%
 * control bytes, or more than 30% control bytes and malformed UTF-8 together (text in another
 * 8-bit encoding has no control bytes and a minority of non-UTF-8 bytes).
 */
function binaryKind(b: Uint8Array): string | undefined {
  for (const [name, sig] of SIGNATURES) {
    if (b.length >= sig.length && sig.every((x, i) => b[i] === x)) return `the file is ${name}`;
  }
  const end = Math.min(b.length, 8192);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const c = b[i]!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) control++;
  }
  let invalid = 0;
  for (let p = firstInvalidUtf8(b, 0); p >= 0 && p < end; p = firstInvalidUtf8(b, p + 1)) invalid++;
  return control > 0.05 * end || control + invalid > 0.3 * end
    ? "the file looks binary (control bytes, malformed UTF-8)"
    : undefined;
}

/** Offset of the first byte that does not belong to well-formed UTF-8, or -1. */
export function firstInvalidUtf8(b: Uint8Array, from = 0): number {
  let i = from;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte: how many continuation bytes follow, and the range of the first (RFC 3629 §4).
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** 1-based line and column (in characters) of a byte offset in text that is UTF-8 up to it. */
function lineColOf(b: Uint8Array, at: number): { line: number; col: number } {
  let line = 1;
  let start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  for (let i = start; i < at; i++) {
    if (b[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: new TextDecoder().decode(b.subarray(start, at)).length + 1 };
}

import { describe, expect, it } from "vitest";
import { decodeScenarioBytes } from "../../src/index.ts";
import { firstInvalidUtf8 } from "../../src/decode.ts";

// Scenario files must be UTF-8 text: anything else is refused with a reason (and the place of
// the first bad byte where there is one) instead of being read with replacement characters.

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...utf8(p)] : p)));

function refused(b: Uint8Array) {
  const r = decodeScenarioBytes(b, "s.yaml");
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error("unreachable");
  expect(r.issue.file).toBe("s.yaml");
  expect(r.issue.pathText).toBe("(file)");
  return r.issue;
}

describe("decodeScenarioBytes", () => {
  it("reads UTF-8, with or without a byte-order mark (which is dropped)", () => {
    expect(decodeScenarioBytes(utf8("title: Café – 2017\n"), "s.yaml")).toEqual({
      ok: true,
      text: "title: Café – 2017\n",
    });
    expect(decodeScenarioBytes(bytes([0xef, 0xbb, 0xbf], "a: 1\n"), "s.yaml")).toEqual({
      ok: true,
      text: "a: 1\n",
    });
    expect(decodeScenarioBytes(new Uint8Array(0), "s.yaml")).toEqual({ ok: true, text: "" });
  });

  it("refuses UTF-16 and UTF-32, with and without a byte-order mark, with no position", () => {
    const le = Uint8Array.from(Buffer.from("schemaVersion: 1\n", "utf16le"));
    const be = Uint8Array.from(le.map((_, i) => le[i ^ 1]!));
    const cases: [Uint8Array, RegExp][] = [
      [bytes([0xff, 0xfe], [...le]), /UTF-16 \(little-endian\)/],
      [bytes([0xfe, 0xff], [...be]), /UTF-16 \(big-endian\)/],
      [le, /UTF-16 \(little-endian, no byte-order mark\)/],
      [be, /UTF-16 \(big-endian, no byte-order mark\)/],
      [bytes([0xff, 0xfe, 0, 0], [0x61, 0, 0, 0]), /UTF-32 \(little-endian\)/],
      [bytes([0, 0, 0xfe, 0xff], [0, 0, 0, 0x61]), /UTF-32 \(big-endian\)/],
    ];
    for (const [b, message] of cases) {
      const issue = refused(b);
      expect(issue.code).toBe("wrong_encoding");
      expect(issue.message).toMatch(message);
      expect(issue.message).toMatch(/save it as UTF-8/);
      expect([issue.line, issue.col]).toEqual([0, 0]);
    }
  });

  it("locates the first byte that is not UTF-8 (Latin-1, Windows-1252), column in characters", () => {
    // "é" (2 bytes in UTF-8) before the bad byte on the same line counts as one column.
    const issue = refused(bytes("a: 1\ntitle: é ", [0xe9], "\n"));
    expect(issue.code).toBe("wrong_encoding");
    expect([issue.line, issue.col]).toEqual([2, 10]);
    expect(issue.message).toMatch(/byte 0xE9 here is not valid UTF-8/);
    const bom = refused(bytes([0xef, 0xbb, 0xbf], "t: ", [0x93], "x", [0x94]));
    expect([bom.line, bom.col]).toEqual([1, 4]);
  });

  it("refuses binary files by signature or by their share of control bytes, with no position", () => {
    const png = refused(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.message).toMatch(/a PNG image, not a scenario/);
    expect(refused(bytes([0x1f, 0x8b, 8, 0])).message).toMatch(/gzip archive/);
    expect(refused(bytes("%PDF-1.7\n")).message).toMatch(/PDF document/);
    const zeros = refused(new Uint8Array(100));
    expect(zeros.code).toBe("binary_file");
    expect(zeros.message).toMatch(/looks binary/);
    expect([zeros.line, zeros.col]).toEqual([0, 0]);
  });

  it("locates a stray NUL byte in otherwise ordinary text", () => {
    const issue = refused(
      bytes("schemaVersion: 1\ntitle: Con", [0], "trol\n" + "x: 1\n".repeat(20)),
    );
    expect(issue.code).toBe("binary_file");
    expect([issue.line, issue.col]).toEqual([2, 11]);
  });
});

describe("firstInvalidUtf8 (RFC 3629)", () => {
  it("accepts every well-formed sequence length and the highest code point", () => {
    expect(firstInvalidUtf8(utf8("a é € 𝄞 \u{10FFFF}"))).toBe(-1);
  });

  it("finds overlong forms, surrogates, code points above U+10FFFF and cut sequences", () => {
    expect(firstInvalidUtf8(bytes("ab", [0xc0, 0xaf]))).toBe(2); // overlong "/"
    expect(firstInvalidUtf8(bytes([0xe0, 0x80, 0xaf]))).toBe(0); // overlong, 3 bytes
    expect(firstInvalidUtf8(bytes("x", [0xed, 0xa0, 0x80]))).toBe(1); // U+D800
    expect(firstInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // U+110000
    expect(firstInvalidUtf8(bytes("abc", [0xe2, 0x82]))).toBe(3); // cut euro sign
    expect(firstInvalidUtf8(bytes([0x80]))).toBe(0); // lone continuation byte
    expect(firstInvalidUtf8(bytes([0xf5, 0x80, 0x80, 0x80]))).toBe(0);
  });
});

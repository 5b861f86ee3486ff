import { readFileSync } from "node:fs";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  UrlStateError,
  decodeScenario,
  encodeScenario,
  formatFragment,
  fromBase64Url,
  parseFragment,
  toBase64Url,
} from "../../src/scenario/urlState.ts";

const FIXTURE = readFileSync(new URL("../fixtures/r2017.yaml", import.meta.url), "utf8");

/** The link token as an independent implementation (Node's zlib and Buffer) writes it. */
function nodeToken(text: string): string {
  return `1.${deflateRawSync(Buffer.from(text, "utf8")).toString("base64url")}`;
}

describe("scenario in the URL", () => {
  it("round-trips the 2017 fixture byte for byte, comments and layout included", async () => {
    const token = await encodeScenario(FIXTURE);
    expect(token.startsWith("1.")).toBe(true);
    expect(token).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(await decodeScenario(token)).toBe(FIXTURE);
    // Compressed well below the text size: links stay short.
    expect(token.length).toBeLessThan(FIXTURE.length);
  });

  it("agrees with Node's zlib in both directions", async () => {
    const token = await encodeScenario(FIXTURE);
    const bytes = Buffer.from(token.slice(2), "base64url");
    expect(inflateRawSync(bytes).toString("utf8")).toBe(FIXTURE);
    expect(await decodeScenario(nodeToken(FIXTURE))).toBe(FIXTURE);
  });

  it("round-trips any text, Unicode included (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 400 }), async (s) => {
        expect(await decodeScenario(await encodeScenario(s))).toBe(s);
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it("refuses an unknown encoding version, bad characters and damaged data", async () => {
    await expect(decodeScenario("2.abc")).rejects.toThrow(/unknown encoding "2"/);
    await expect(decodeScenario("abc")).rejects.toThrow(UrlStateError);
    await expect(decodeScenario("1.ab$c")).rejects.toThrow(/base64url/);
    await expect(decodeScenario("1.AAAAAAAA")).rejects.toMatchObject({ code: "bad_encoding" });
  });

  it("refuses a deflate bomb: more than 4 MiB once inflated", async () => {
    const bomb = `1.${deflateRawSync(Buffer.alloc(5 * 1024 * 1024, 32)).toString("base64url")}`;
    expect(bomb.length).toBeLessThan(10_000);
    await expect(decodeScenario(bomb)).rejects.toMatchObject({ code: "too_large" });
  });

  it("base64url matches Node's encoder", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const ours = toBase64Url(bytes);
        expect(ours).toBe(Buffer.from(bytes).toString("base64url"));
        expect(Array.from(fromBase64Url(ours))).toEqual(Array.from(bytes));
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe("fragment", () => {
  it("writes the view, sorted options, then the scenario, and reads them back", () => {
    const f = {
      view: "map",
      options: { "map.y": "sides.ru.w80", "map.x": "a.b-c" },
      scenario: "1.xyz",
    };
    const hash = formatFragment(f);
    expect(hash).toBe("#view=map&map.x=a.b-c&map.y=sides.ru.w80&s=1.xyz");
    expect(parseFragment(hash)).toEqual(f);
  });
  it("reads an empty fragment as no state", () => {
    expect(parseFragment("")).toEqual({ options: {} });
    expect(parseFragment("#")).toEqual({ options: {} });
  });
});

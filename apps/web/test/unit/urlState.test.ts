import { readFileSync } from "node:fs";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  INFLATE_INPUT_CHUNK,
  MAX_LINK_SCENARIO_BYTES,
  MAX_LINK_TOKEN_CHARS,
  UrlStateError,
  chunkedStream,
  decodeScenario,
  encodeScenario,
  formatFragment,
  fromBase64Url,
  inflateBounded,
  parseFragment,
  readLinkedScenario,
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

  it("refuses a deflate bomb while inflating it, taking only part of its input", async () => {
    // 64 MiB of spaces deflate to about 64 KB: a link of 87,000 characters.
    const packed = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 32));
    const bomb = `1.${packed.toString("base64url")}`;
    expect(bomb.length).toBeLessThan(MAX_LINK_TOKEN_CHARS);
    await expect(decodeScenario(bomb)).rejects.toMatchObject({
      code: "too_large",
      message: "the link's scenario expands to more than 256 KiB, the most a link may carry",
    });
    // How much compressed input the inflater took before it was stopped: each KiB of this bomb
    // inflates to about 1 MiB, so this bounds the memory the bomb got.
    let pulled = 0;
    const source = chunkedStream(new Uint8Array(packed), INFLATE_INPUT_CHUNK);
    const reader = source.getReader();
    const counted = new ReadableStream<Uint8Array<ArrayBuffer>>(
      {
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else {
            pulled += value.length;
            controller.enqueue(value);
          }
        },
        cancel: (why) => reader.cancel(why),
      },
      { highWaterMark: 0 },
    );
    await expect(inflateBounded(counted, MAX_LINK_SCENARIO_BYTES)).rejects.toMatchObject({
      code: "too_large",
    });
    // Piping it all through the decompressor takes all 64 KB; Node's DecompressionStream takes up
    // to 16 KiB ahead of its output (browsers take one piece at a time).
    expect(packed.length).toBeGreaterThan(60_000);
    expect(pulled).toBeLessThanOrEqual(16 * 1024 + 2 * INFLATE_INPUT_CHUNK);
  });

  it("refuses a token longer than a link may carry without decoding it", async () => {
    const long = `1.${"A".repeat(MAX_LINK_TOKEN_CHARS)}`;
    await expect(decodeScenario(long)).rejects.toMatchObject({
      code: "too_large",
      message: `the link's scenario is ${(MAX_LINK_TOKEN_CHARS + 2).toLocaleString("en-US")} characters long; a link may carry at most ${MAX_LINK_TOKEN_CHARS.toLocaleString("en-US")}`,
    });
  });

  it("the token limit leaves room for the largest scenario text, even incompressible", async () => {
    // Random bytes do not compress: the worst case of deflate (stored blocks) plus base64.
    const bytes = Buffer.alloc(MAX_LINK_SCENARIO_BYTES);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = x >>> 24;
    }
    const token = `1.${deflateRawSync(bytes, { level: 9 }).toString("base64url")}`;
    expect(token.length).toBeLessThanOrEqual(MAX_LINK_TOKEN_CHARS);
    // Not refused for its size (it is refused as text: random bytes are not UTF-8).
    await expect(decodeScenario(token)).rejects.toMatchObject({
      code: "bad_encoding",
      message: "the link's scenario is not UTF-8 text",
    });
  });

  it("takes text up to 256 KiB both ways, and refuses one byte more", async () => {
    const pad = (n: number) => `# ${"x".repeat(n - 3)}\n`;
    const most = pad(MAX_LINK_SCENARIO_BYTES);
    expect(new TextEncoder().encode(most).length).toBe(MAX_LINK_SCENARIO_BYTES);
    expect(await decodeScenario(await encodeScenario(most))).toBe(most);
    expect(await decodeScenario(nodeToken(most))).toBe(most);
    const over = pad(MAX_LINK_SCENARIO_BYTES + 1);
    await expect(encodeScenario(over)).rejects.toMatchObject({
      code: "too_large",
      message:
        "the scenario is 257 KiB; a link carries at most 256 KiB (save it as YAML to share it)",
    });
    await expect(decodeScenario(nodeToken(over))).rejects.toMatchObject({ code: "too_large" });
  });

  it("refuses bytes that are not UTF-8 text", async () => {
    const token = `1.${deflateRawSync(Buffer.from([0x74, 0x69, 0xff, 0xfe])).toString("base64url")}`;
    await expect(decodeScenario(token)).rejects.toMatchObject({ code: "bad_encoding" });
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

describe("a linked scenario is validated before use", () => {
  it("returns the text and the parsed scenario of a valid link", async () => {
    const r = await readLinkedScenario(nodeToken(FIXTURE));
    expect(r.text).toBe(FIXTURE);
    expect(r.scenario.title).toBe("test 2017-ish");
  });

  it("refuses text that is not a valid scenario, naming the count and the first problem", async () => {
    const bad = FIXTURE.replace("title: test 2017-ish", "title: 42\nbogus: 1");
    const err = await readLinkedScenario(nodeToken(bad)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UrlStateError);
    expect(err).toMatchObject({ code: "invalid_scenario" });
    expect((err as Error).message).toMatch(
      /^it is not a valid scenario: \d+ problems, the first linked scenario:\d+:\d+ {2}\S+ {2}.+/,
    );
    for (const text of ["", "- a list\n", "{", "x: &a [*a]\n"]) {
      await expect(readLinkedScenario(nodeToken(text))).rejects.toMatchObject({
        code: "invalid_scenario",
      });
    }
  });

  it("keeps scenario text as text: markup in a title is data, not HTML", async () => {
    const title = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>`;
    const text = FIXTURE.replace("title: test 2017-ish", `title: '${title}'`);
    const r = await readLinkedScenario(nodeToken(text));
    expect(r.scenario.title).toBe(title);
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

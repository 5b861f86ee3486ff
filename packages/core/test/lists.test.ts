import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { mapToObjects, numberList, objectList } from "../src/lists.ts";

describe("lists", () => {
  it("start empty and hold what is put in them", () => {
    const o = objectList<{ x: number }>();
    expect(o).toEqual([]);
    o.push({ x: 1 });
    expect(o).toEqual([{ x: 1 }]);
    const n = numberList();
    expect(n).toEqual([]);
    n.push(3, 0.25);
    expect(n).toEqual([3, 0.25]);
    expect(mapToObjects([1, 2, 3], (v, i) => ({ v, i }))).toEqual(
      [1, 2, 3].map((v, i) => ({ v, i })),
    );
    expect(mapToObjects([], () => ({}))).toEqual([]);
  });

  // What the lists are for: V8 stores them alike whatever they hold. Checked in a child process
  // with V8's test natives (%HaveSameMap), which the test runner's own process does not allow.
  it("share V8's representation with the lists their siblings become", () => {
    const lists = fileURLToPath(new URL("../src/lists.ts", import.meta.url));
    const script = `
      const { mapToObjects, numberList, objectList } = await import(${JSON.stringify(lists)});
      const same = new Function("a", "b", "return %HaveSameMap(a, b)");
      const objects = [{ a: 1 }, { a: 2 }];
      const grown = numberList(); grown.push(0.5, 1);
      const out = {
        emptyObjects: same(objectList(), objects),
        emptyMapped: same(mapToObjects([], () => ({})), objects.map((o) => o)),
        wholeNumbers: same((() => { const l = numberList(); l.push(1, 2); return l; })(), grown),
        emptyNumbers: same(numberList(), grown),
        plainEmptyDiffers: !same([], objects),
      };
      console.log(JSON.stringify(out));
    `;
    const r = spawnSync(
      process.execPath,
      ["--allow-natives-syntax", "--import", "tsx", "--input-type=module", "-e", script],
      { encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      emptyObjects: true,
      emptyMapped: true,
      wholeNumbers: true,
      emptyNumbers: true,
      plainEmptyDiffers: true,
    });
  });
});

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { mapList, numberList, objectList } from "../src/lists.ts";

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
    expect(mapList([1, 2, 3], (v, i) => ({ v, i }))).toEqual([1, 2, 3].map((v, i) => ({ v, i })));
    expect(mapList([], () => ({}))).toEqual([]);
  });

  // What the lists are for: V8 stores them alike whatever they hold. Checked in a child process
  // with V8's test natives (%HaveSameMap), which the test runner's own process does not allow.
  it("share V8's representation with their siblings, before and after compilation", () => {
    const lists = fileURLToPath(new URL("../src/lists.ts", import.meta.url));
    const script = `
      const { mapList, numberList, objectList } = await import(${JSON.stringify(lists)});
      const same = new Function("a", "b", "return %HaveSameMap(a, b)");
      const prepare = new Function("f", "%PrepareFunctionForOptimization(f)");
      const optimize = new Function("f", "%OptimizeFunctionOnNextCall(f)");
      // A list made by a function before and after V8 compiles the function.
      const acrossCompile = (make) => {
        const before = make();
        prepare(make); make(); optimize(make);
        return same(before, make());
      };
      const objects = [{ a: 1 }, { a: 2 }];
      const grown = numberList(); grown.push(0.5, 1);
      const out = {
        emptyObjects: same(objectList(), objects),
        emptyMapped: same(mapList([], () => ({})), objects.map((o) => o)),
        wholeNumbers: same((() => { const l = numberList(); l.push(1, 2); return l; })(), grown),
        emptyNumbers: same(numberList(), grown),
        plainEmptyDiffers: !same([], objects),
        mappedAcrossCompile: acrossCompile(() => mapList(objects, (o) => o)),
        plainMapChangesAcrossCompile: !acrossCompile(() => objects.map((o) => o)),
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
      mappedAcrossCompile: true,
      plainMapChangesAcrossCompile: true,
    });
  });
});

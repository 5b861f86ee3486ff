// A link is untrusted input (issue 8): markup in a linked scenario's text shows as text and never
// runs, anywhere it is drawn or exported; a bad link (too long, not base64url, a deflate bomb, not
// a scenario) shows its message while the app keeps a valid scenario and goes on working.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { deflateRawSync } from "node:zlib";
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { watchErrors } from "./pageErrors.ts";

const FIXTURE = readFileSync(resolve(import.meta.dirname, "../fixtures/r2017.yaml"), "utf8");

/** A link to a scenario, written with Node's zlib (independent of the app's encoder). */
function token(text: string): string {
  return `1.${deflateRawSync(Buffer.from(text, "utf8")).toString("base64url")}`;
}
const linkTo = (text: string, view = "balance") => `/#view=${view}&s=${token(text)}`;

async function chartDrawn(page: Page, id: string): Promise<void> {
  await expect(
    page
      .getByTestId(`chart-${id}`)
      .locator(".chart-canvas[data-ready='true'] svg[data-export]")
      .last(),
  ).toBeVisible();
}

async function openView(page: Page, id: string): Promise<void> {
  await page.locator(`[role="tab"][data-tab="${id}"]`).click();
  await expect(page.locator(`[data-view="${id}"]`)).toBeVisible();
}

/** Nothing of the payloads became markup, and none of them ran. */
async function noInjection(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBe(
    undefined,
  );
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator("[onerror], [onmouseover]")).toHaveCount(0);
  expect(
    await page.evaluate(
      () => [...document.scripts].filter((s) => s.textContent?.includes("__xss")).length,
    ),
  ).toBe(0);
}

const TITLE = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>`;
const US = `<img src=x onerror="window.__xss=2">United States`;
const RU = `=1+1 <script>window.__xss=3</script>Russia`;
const CITATION = `<img src=x onerror="window.__xss=4"> Notional`;
const DEFENSE = `<b onmouseover="window.__xss=5">GMD</b>`;

/** The 2017 fixture with markup in its title, side names, a source citation and a defense name. */
const HOSTILE = FIXTURE.replace("title: test 2017-ish", `title: '${TITLE}'`)
  .replace("name: United States", `name: '${US}'`)
  .replace("name: Russia", `name: '${RU}'`)
  .replace('citation: "Notional"', `citation: '${CITATION}'`)
  .replace("w80: 300\n", "w80: { value: 300, source: n }\n")
  .replace("      - id: gmd\n", `      - id: gmd\n        name: '${DEFENSE}'\n`);

test("markup in a linked scenario shows as text and never runs, in views, tooltips and exports", async ({
  page,
}) => {
  expect(HOSTILE).toContain(DEFENSE);
  const errors = watchErrors(page);
  await page.goto(linkTo(HOSTILE));
  await expect(page.getByTestId("fsi")).toHaveText(/^\d\.\d{3}$/);
  await chartDrawn(page, "retaliation");
  await expect(page.getByTestId("notice")).toHaveCount(0);
  // Shown literally: the table heads and the form's side legends.
  const heads = page.getByTestId("balance-table").locator("thead th");
  await expect(heads.nth(1)).toHaveText(US);
  await expect(heads.nth(2)).toHaveText(RU);
  await page.locator('[role="tab"][data-tab="form"]').click();
  await expect(page.locator(".form-editor legend").filter({ hasText: US })).toHaveCount(1);
  // A source citation is a tooltip (title attribute) of its tag: the text, as an attribute.
  const tag = page.locator(".tag.source").first();
  await expect(tag).toHaveAttribute("title", CITATION);
  await expect(tag).toHaveText("n");
  // Chart tooltips (Plot's pointer tips) draw the names as SVG text.
  const box = await page
    .getByTestId("chart-retaliation")
    .locator("svg[data-export]")
    .last()
    .boundingBox();
  await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
  await noInjection(page);

  // Every view, with the hostile names in legends, labels and tables.
  for (const id of ["engagement", "map", "treaty", "history", "race", "uncertainty"]) {
    await openView(page, id);
    await noInjection(page);
  }
  await openView(page, "engagement");
  await expect(page.locator('[data-view="engagement"]')).toContainText(DEFENSE);
  await openView(page, "balance");
  await chartDrawn(page, "retaliation");

  // Exports: the SVG escapes the title; the CSV defuses a name that starts like a formula.
  const chart = page.getByTestId("chart-retaliation");
  const files: Record<string, string> = {};
  for (const f of ["svg", "csv"]) {
    const [dl] = await Promise.all([
      page.waitForEvent("download"),
      chart.locator(`button[data-export-format="${f}"]`).click(),
    ]);
    files[f] = readFileSync((await dl.path())!, "utf8");
  }
  const svg = files["svg"]!;
  expect(svg).not.toContain("<img");
  expect(svg).not.toContain("<script");
  expect(svg).toContain("&#60;img src=x onerror=&#34;window.__xss=1&#34;&#62;");
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      error: doc.querySelector("parsererror") !== null,
      scripts: doc.querySelectorAll("script, img, foreignObject").length,
      handlers: doc.querySelectorAll("[onerror], [onload], [onmouseover]").length,
      footer: [...doc.querySelectorAll(":root > text")].at(-1)?.textContent,
    };
  }, svg);
  expect(parsed).toEqual({
    error: false,
    scripts: 0,
    handlers: 0,
    footer: expect.stringContaining(TITLE),
  });
  const csv = files["csv"]!.trimEnd().split("\n");
  const ruRows = csv.filter((line) => line.includes("Russia"));
  expect(ruRows.length).toBeGreaterThan(0);
  for (const line of ruRows) expect(line).not.toMatch(/(^|,)=/);
  expect(ruRows.some((line) => line.includes(`'${RU}`))).toBe(true);

  await noInjection(page);
  expect(errors).toEqual([]);
});

test("an id or key with markup is refused by the schema: the link is not loaded", async ({
  page,
}) => {
  const errors = watchErrors(page);
  const bad = FIXTURE.replace("id: us-mm3", `id: '<img src=x onerror="window.__xss=6">'`);
  await page.goto(linkTo(bad));
  await expect(page.getByTestId("notice")).toContainText(
    "This link's scenario was not loaded: it is not a valid scenario:",
  );
  await expect(page.getByTestId("notice")).toContainText("expected an id");
  await expect(page.getByTestId("notice")).toContainText("The default scenario is shown instead.");
  await expect(page.getByTestId("fsi")).toHaveText(/^\d\.\d{3}$/);
  await noInjection(page);
  expect(errors).toEqual([]);
});

test("a bad link shows its message, keeps a valid scenario, and the app still works", async ({
  page,
}) => {
  const errors = watchErrors(page);
  const bomb = `1.${deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 32)).toString("base64url")}`;
  const cases: [string, RegExp][] = [
    [`1.${"A".repeat(400_000)}`, /is 400,002 characters long; a link may carry at most 368,640/],
    ["1.ab$c", /not valid base64url/],
    ["1.AAAAAAAA", /damaged/],
    ["9.xyz", /unknown encoding "9"/],
    [bomb, /expands to more than 256 KiB, the most a link may carry/],
    [token("title: only a title\n"), /it is not a valid scenario: \d+ problems?, the first/],
    [token("x: &a [*a, *a]\ny: *a\n"), /it is not a valid scenario/],
  ];
  for (const [s, message] of cases) {
    await page.goto("about:blank"); // a fresh load, not a hash change of an open page
    await page.goto(`/#view=balance&s=${s}`);
    const notice = page.getByTestId("notice");
    await expect(notice).toContainText(message);
    await expect(notice).toContainText("The default scenario is shown instead.");
    await expect(page.getByTestId("fsi")).toHaveText(/^\d\.\d{3}$/);
    await expect(page.getByTestId("library")).not.toHaveValue("");
  }

  // A bad link followed while a scenario is open keeps that scenario, and the address is put back.
  await page.goto(linkTo(FIXTURE));
  await expect(page.getByTestId("fsi")).toHaveText(/^\d\.\d{3}$/);
  await expect(page.getByTestId("notice")).toHaveCount(0);
  const good = await page.getByTestId("fsi").textContent();
  await page.evaluate(() => (location.hash = "#view=balance&s=1.ab$c"));
  await expect(page.getByTestId("notice")).toContainText("The scenario shown is kept.");
  await expect(page).toHaveURL(/#view=balance&s=1\.[A-Za-z0-9_-]+$/);
  await page.locator('[role="tab"][data-tab="yaml"]').click();
  await expect(page.getByTestId("yaml-text")).toHaveValue(FIXTURE);

  // Still working: an edit recomputes.
  await page.locator('[role="tab"][data-tab="form"]').click();
  await page.locator('input[type="number"][data-number$="gmd-mid.interceptors"]').fill("0");
  await expect(page.getByTestId("fsi")).not.toHaveText(good!);
  expect(errors).toEqual([]);
});

test("the address carries only a valid scenario: a reload restores the last valid version", async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(linkTo(FIXTURE));
  await expect(page.getByTestId("fsi")).toHaveText(/\d/);
  await page.locator('input[type="number"][data-number$="gmd-mid.interceptors"]').fill("12");
  await page.locator('[role="tab"][data-tab="yaml"]').click();
  const yaml = page.getByTestId("yaml-text");
  await expect(yaml).toHaveValue(/interceptors: 12\b/);
  const valid = await yaml.inputValue();
  await expect(page).not.toHaveURL(new RegExp(token(FIXTURE).slice(0, 40)));
  // Break it: the stale banner shows, and the address keeps the last valid version.
  await yaml.fill(valid.replace("title: test 2017-ish", "title: [unclosed"));
  await expect(page.getByTestId("stale-banner")).toBeVisible();
  await page.getByTestId("copy-link").click();
  await expect(page.getByTestId("link-banner")).toContainText(
    "The scenario has problems: the link holds its last valid version.",
  );
  await page.waitForTimeout(400); // past the address's 200 ms debounce
  await page.reload();
  await expect(page.getByTestId("notice")).toHaveCount(0);
  await page.locator('[role="tab"][data-tab="yaml"]').click();
  await expect(page.getByTestId("yaml-text")).toHaveValue(valid);
  expect(errors).toEqual([]);
});

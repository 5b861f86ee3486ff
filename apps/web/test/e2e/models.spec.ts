// The arms-race and uncertainty views in Debian's Chromium, on the built site: the race runs in
// its own worker round by round, can be stopped, and draws its paths, outcome and reading; the
// outer Monte Carlo fills in progressively and shows the band of the stability index; exports
// produce files; screenshots of both views are saved. Timings are written, not asserted.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { deflateRawSync } from "node:zlib";
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { watchErrors } from "./pageErrors.ts";

const ROOT = resolve(import.meta.dirname, "../../../..");
const SHOTS = resolve(ROOT, "test-results/screenshots");
const OUT = resolve(ROOT, "test-results/web");
mkdirSync(SHOTS, { recursive: true });
mkdirSync(OUT, { recursive: true });

const read = (p: string) => readFileSync(resolve(ROOT, p), "utf8");
const RACE_GMD = read("scenarios/race-gmd-2017.yaml");
const US_RU_2017 = read("scenarios/us-russia-2017.yaml");
const SMALL = read("apps/web/test/fixtures/small.yaml");

/** A link to a scenario and view, written with Node's zlib (independent of the app's encoder). */
function linkTo(text: string, view: string, options = ""): string {
  const s = deflateRawSync(Buffer.from(text, "utf8")).toString("base64url");
  return `/#view=${view}${options ? `&${options}` : ""}&s=1.${s}`;
}

async function chartDrawn(page: Page, id: string): Promise<void> {
  const chart = page.getByTestId(`chart-${id}`);
  await expect(
    chart.locator(".chart-canvas[data-ready='true'] svg[data-export]").last(),
  ).toBeVisible();
}

/** Records every text a test id shows from now on (progress reports that come and go). */
async function recordTexts(page: Page, testId: string, attr?: string): Promise<void> {
  await page.evaluate(
    ({ testId, attr }) => {
      const w = window as unknown as { seen?: Record<string, string[]> };
      w.seen ??= {};
      const list: string[] = (w.seen[testId] = []);
      const take = () => {
        const el = document.querySelector(`[data-testid="${testId}"]`);
        if (!el) return;
        const v = attr ? (el.getAttribute(attr) ?? "") : (el.textContent ?? "");
        if (list.at(-1) !== v) list.push(v);
      };
      new MutationObserver(take).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
      take();
    },
    { testId, attr },
  );
}

function seenTexts(page: Page, testId: string): Promise<string[]> {
  return page.evaluate(
    (id) => (window as unknown as { seen: Record<string, string[]> }).seen[id] ?? [],
    testId,
  );
}

async function exportAll(page: Page, id: string): Promise<Record<string, Buffer>> {
  const chart = page.getByTestId(`chart-${id}`);
  const saved: Record<string, Buffer> = {};
  for (const f of ["png", "svg", "csv"]) {
    const [dl] = await Promise.all([
      page.waitForEvent("download"),
      chart.locator(`button[data-export-format="${f}"]`).click(),
    ]);
    expect(dl.suggestedFilename()).toMatch(new RegExp(`-${id}\\.${f}$`));
    const path = resolve(OUT, dl.suggestedFilename());
    await dl.saveAs(path);
    saved[f] = readFileSync(path);
  }
  expect(saved["png"]!.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  expect(saved["svg"]!.toString("utf8")).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  return saved;
}

test("the race runs round by round in its worker, stops on demand, and draws its reading", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  // The full race (10 rounds, about ten seconds): stopped after its first rounds.
  await page.goto(linkTo(RACE_GMD, "race"));
  await recordTexts(page, "race-progress-text");
  const progress = page.getByTestId("race-progress-text");
  await expect(progress).toHaveText(/Round [1-9] of 10 computed — computing the next/, {
    timeout: 60_000,
  });
  await page.getByTestId("race-stop").click();
  await expect(progress).toHaveText(/^Round \d+ of 10 computed\. Stopped\.$/);
  const stoppedAt = await progress.textContent();
  await expect(page.getByRole("button", { name: "Run again" })).toBeVisible();
  // The worker was ended: nothing more arrives.
  await page.waitForTimeout(2500);
  await expect(progress).toHaveText(stoppedAt!);

  // Three rounds, set in the view, then run again.
  await page.getByTestId("race-rounds-input").fill("3");
  await expect(page).toHaveURL(/race\.rounds=3/);
  await page.getByRole("button", { name: "Run again" }).click();
  await expect(page.getByTestId("race-outcome")).toBeVisible({ timeout: 60_000 });
  await expect(progress).toHaveText("Finished after round 3 of 3.");
  const seen = await seenTexts(page, "race-progress-text");
  for (const k of [0, 1, 2, 3])
    expect(seen).toContain(`Round ${k} of 3 computed — computing the next in the background.`);

  await expect(page.getByTestId("race-outcome")).toContainText(/Outcome: \w/);
  const readings = page.getByTestId("race-readings");
  await expect(readings).toContainText(
    "Each added gmd-mid interceptor costs the United States $125M",
  );
  await expect(readings).toContainText(
    /Russia restores one warhead through the defense for \$[\d.]+M/,
  );
  await expect(readings).toContainText(
    /a cost-exchange ratio of 0\.0\d+, so the defense fails Nitze's test/,
  );
  await expect(readings).toContainText(
    /Over 3 rounds, the United States spends \$[\d.]+ billion and Russia/,
  );
  for (const id of ["race-forces", "race-spending", "race-stability"]) await chartDrawn(page, id);
  await expect(
    page.getByTestId("chart-race-forces").locator("svg [aria-label='line'] path"),
  ).not.toHaveCount(0);
  await expect(page.getByTestId("cost-exchange-table")).toContainText("warheads on ru-slbm");
  await expect(page.getByTestId("race-rounds")).toContainText("gmd-mid interceptors 44→64");
  await expect(page.getByTestId("race-costs")).toContainText("cbo-2021-gbi");

  const files = await exportAll(page, "race-forces");
  const csv = files["csv"]!.toString("utf8").trimEnd().split("\n");
  expect(csv[0]).toBe("round,side,measure,value");
  expect(csv).toContain("1,United States,interceptors,64");
  expect(files["svg"]!.toString("utf8")).toContain("Forces and interceptors per round");

  const timings = await page.evaluate(() =>
    (window.stratbalTimings ?? []).filter((t) => t.kind === "race"),
  );
  const report = {
    scenario: "scenarios/race-gmd-2017.yaml",
    note: "measured, not asserted: rounds 0–3 of the race in its worker (compute) and to the page (round trip)",
    rounds: 3,
    computeMs: timings.at(-1)?.computeMs,
    roundTripMs: timings.at(-1)?.roundTripMs,
  };
  writeFileSync(resolve(OUT, "race-timing.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(`race timing: ${JSON.stringify(report)}`);

  await page.screenshot({ path: resolve(SHOTS, "race-1280x800.png") });
  await page
    .locator('[data-view="race"]')
    .screenshot({ path: resolve(SHOTS, "race-view-full.png") });
  expect(errors).toEqual([]);
});

test("Richardson's paths, and the race view of a scenario without race settings", async ({
  page,
}) => {
  const errors = watchErrors(page);
  const withRichardson =
    SMALL +
    "\nrace:\n  richardson: { k: 2, l: 2, a: 5, b: 3, g: 5, h: 5, start: { x: 0, y: 4 }, horizon: 4, unit: notional units }\n";
  await page.goto(linkTo(withRichardson, "race"));
  await expect(page.getByTestId("richardson-reading")).toContainText("Stable: ab = 15 > kl = 4");
  await expect(page.getByTestId("richardson-reading")).toContainText(
    "The equilibrium is Blue 2.273, Red 3.182.",
  );
  await chartDrawn(page, "richardson-path");
  await chartDrawn(page, "richardson-phase");
  await page.locator('[data-view="race"]').screenshot({ path: resolve(SHOTS, "richardson.png") });

  await page.goto(linkTo(SMALL, "race"));
  const notice = page.getByTestId("no-race");
  await expect(notice).toContainText("This scenario has no race settings");
  await expect(notice.locator("a")).toHaveAttribute("href", /page=models%2Frace/);
  await expect(notice).toContainText("Arms race from 2017");
  expect(errors).toEqual([]);
});

test("the uncertainty view runs a seeded Monte Carlo progressively and shows the FSI band", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto(linkTo(US_RU_2017, "uncertainty", "uncertainty.samples=60&uncertainty.seed=7"));
  await recordTexts(page, "mc-progress", "value");
  await expect(page.getByTestId("mc-params")).toContainText("beta from 10 successes in 18 trials");
  const text = page.getByTestId("mc-progress-text");
  await expect(text).toContainText("60 of 60 samples · seed 7", { timeout: 90_000 });
  await expect(page.getByTestId("timing")).toBeVisible();
  // Progressive: the bar went through intermediate counts before the end.
  const values = (await seenTexts(page, "mc-progress")).map(Number);
  expect(values.filter((v) => v > 0 && v < 60).length).toBeGreaterThan(1);

  const band = page.getByTestId("fsi-band");
  await expect(band).toContainText(/± [\d.e-]+ \(MC s\.e\.\); 90% of samples 0\.8\d+–0\.8\d+/);
  const readings = page.getByTestId("mc-readings");
  await expect(readings).toContainText("Over 60 samples of 2 uncertain parameters (seed 7)");
  await expect(readings).toContainText("without defenses, 0.81");
  await expect(readings).toContainText("in every sample");
  await expect(readings).toContainText("us · gmd-mid · SSPK (single-shot kill probability) moves");
  for (const id of [
    "uncertainty-fsi",
    "uncertainty-retaliation-us",
    "uncertainty-retaliation-russia",
    "uncertainty-tornado",
  ])
    await chartDrawn(page, id);
  await expect(page.getByTestId("tornado-table").locator("tbody tr").first()).toContainText(
    "gmd-mid",
  );
  await expect(page.getByTestId("mc-summary")).toContainText("stability index, with defenses");

  const files = await exportAll(page, "uncertainty-fsi");
  const csv = files["csv"]!.toString("utf8").trimEnd().split("\n");
  expect(csv[0]).toBe(
    "sample,seed,sides.us.defenses.gmd.layers.gmd-mid.sspk,sides.us.defenses.aegis-ashore-ro.layers.aa-ro-mid.sspk,firstStrikeStability,withoutDefenses.firstStrikeStability",
  );
  expect(csv).toHaveLength(61);
  expect(csv[1]).toMatch(/^0,7,0\.\d+,0\.\d+,0\.8\d+,0\.8\d+$/);

  const timing = await page.evaluate(() =>
    (window.stratbalTimings ?? []).filter((t) => t.kind === "uncertainty").at(-1),
  );
  const report = {
    scenario: "scenarios/us-russia-2017.yaml",
    note: "measured, not asserted: outer Monte Carlo in its worker, full analyze per sample",
    samples: 60,
    computeMs: timing?.computeMs,
    samplesPerSecond: timing ? 60 / (timing.computeMs / 1000) : undefined,
  };
  writeFileSync(resolve(OUT, "monte-carlo-timing.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(`monte carlo timing: ${JSON.stringify(report)}`);
  await page.screenshot({ path: resolve(SHOTS, "uncertainty-1280x800.png") });
  await page
    .locator('[data-view="uncertainty"]')
    .screenshot({ path: resolve(SHOTS, "uncertainty-view-full.png") });

  // A longer run can be stopped part way.
  await page.getByTestId("mc-samples").fill("5000");
  await expect(text).toContainText(/[1-9]\d* of 5000 samples/, { timeout: 30_000 });
  await page.getByTestId("mc-stop").click();
  await expect(text).toContainText("stopped");
  const at = await text.textContent();
  await page.waitForTimeout(1500);
  await expect(text).toHaveText(at!);
  expect(errors).toEqual([]);
});

test("the uncertainty view says how to add a distribution; the form edits a beta's record", async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(linkTo(SMALL, "uncertainty"));
  const notice = page.getByTestId("no-distributions");
  await expect(notice).toContainText("No parameter of this scenario is given as a distribution");
  await expect(notice.locator("code")).toHaveText(
    "sspk: { beta: { successes: 10, trials: 18 }, source: gmd-tests-2017 }",
  );
  await expect(notice.locator("a")).toHaveAttribute("href", /page=uncertainty/);

  // The GMD SSPK of 2017 is a beta: its record is edited in the form, in place in the YAML.
  await page.goto(linkTo(US_RU_2017, "uncertainty", "uncertainty.samples=4"));
  const successes = page.locator('[data-dist-part$="gmd-mid.sspk.beta.successes"]');
  await expect(successes).toHaveValue("10");
  await successes.fill("12");
  await expect(page.getByTestId("mc-params")).toContainText("beta from 12 successes in 18 trials");
  const trials = page.locator('[data-dist-part$="gmd-mid.sspk.beta.trials"]');
  await trials.fill("11");
  const field = page.locator('[data-param$="gmd-mid.sspk"]');
  await expect(field.getByTestId("field-error")).toContainText("cannot exceed trials");
  await trials.fill("20");
  await expect(field.getByTestId("field-error")).toHaveCount(0);
  await field.scrollIntoViewIfNeeded();
  await page.screenshot({ path: resolve(SHOTS, "form-distribution-1280x800.png") });
  await page.locator('[role="tab"][data-tab="yaml"]').click();
  await expect(page.getByTestId("yaml-text")).toHaveValue(
    /sspk: \{ beta: \{ successes: 12, trials: 20 \}, source: gmd-tests-2017 \}/,
  );
  expect(errors).toEqual([]);
});

import type { Doctrine, EngagementInput } from "@stratbal/core";
import { engage } from "@stratbal/core";
import type { Command } from "commander";
import { FlagReader } from "../flags.ts";
import { fmt, table, toJson } from "../format.ts";
import type { Io } from "../io.ts";
import { EXIT, UsageError } from "../io.ts";

/** Largest raid the exact model is offered for: the leaker PMF is a dense array over 0..N. */
export const MAX_OBJECTS = 1_000_000;
export const MAX_INTERCEPTORS = 10_000_000;
export const MAX_SHOTS = 1_000;

interface EngageFlags {
  warheads?: string;
  interceptors?: string;
  sspk?: string;
  shots?: string;
  even?: boolean;
  sls?: string;
  killAssessment?: string;
  decoys?: string;
  discrimination?: string;
  tracking?: string;
  reliability?: string;
  json?: boolean;
  timing?: boolean;
}

export function configureEngage(cmd: Command, io: Io, setExit: (code: number) => void): void {
  cmd
    .command("engage")
    .summary("leaker distribution of one raid against one defensive layer")
    .description(
      "Exact distribution of RVs that leak through one layer of missile defense (DESIGN §2.1):\n" +
        "doctrines barrage (--shots n), even spread (--even) and shoot-look-shoot (--sls n1,n2).\n" +
        "Probabilities are notional inputs you supply; cite their source in your write-up.",
    )
    .option("--warheads <n>", "real RVs in the raid (whole number)")
    .option("--interceptors <n>", "interceptors in the layer's inventory (whole number)")
    .option("--sspk <p>", "single-shot kill probability per interceptor, in [0, 1]")
    .option("--shots <n>", "barrage: interceptors per engaged object (default 1)")
    .option("--even", "spread the whole inventory evenly over the threat objects")
    .option("--sls <n1,n2>", "shoot-look-shoot: n1 shots, look, n2 shots at objects seen alive")
    .option(
      "--kill-assessment <k>",
      "shoot-look-shoot: P(a surviving object is recognised alive)",
      "1",
    )
    .option("--decoys <m>", "credible decoys in the raid (whole number)", "0")
    .option("--discrimination <d>", "P(each decoy is recognised and ignored)", "0")
    .option("--tracking <d>", "P(an engagement of a given RV can succeed at all)", "1")
    .option("--reliability <r>", "common-mode P(the whole layer works)", "1")
    .option("--json", "print one JSON document on stdout")
    .option("--timing", "print compute_ms=<milliseconds> on stderr")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  # barrage: 4 interceptors per RV, 20 RVs, 80 interceptors",
        "  stratbal engage --warheads 20 --interceptors 80 --sspk 0.8 --shots 4",
        "  # even spread against 20 RVs and 20 undiscriminated decoys",
        "  stratbal engage --warheads 20 --decoys 20 --interceptors 80 --sspk 0.8 --even",
        "  # shoot-look-shoot 2+2 with 90% kill assessment, tracking 0.99, JSON output",
        "  stratbal engage --warheads 20 --interceptors 80 --sspk 0.8 --sls 2,2 --kill-assessment 0.9 \\",
        "      --tracking 0.99 --json",
      ].join("\n"),
    )
    .action((flags: EngageFlags) => {
      setExit(runEngage(flags, io));
    });
}

function readEngageFlags(flags: EngageFlags): EngagementInput {
  const r = new FlagReader();
  const warheads = r.number("--warheads", flags.warheads, {
    required: true,
    integer: true,
    min: 0,
    max: MAX_OBJECTS,
  });
  const interceptors = r.number("--interceptors", flags.interceptors, {
    required: true,
    integer: true,
    min: 0,
    max: MAX_INTERCEPTORS,
  });
  const sspk = r.probability("--sspk", flags.sspk, { required: true });
  const decoys = r.number("--decoys", flags.decoys, {
    integer: true,
    min: 0,
    max: MAX_OBJECTS,
    fallback: 0,
  });
  const discrimination = r.probability("--discrimination", flags.discrimination, { fallback: 0 });
  const tracking = r.probability("--tracking", flags.tracking, { fallback: 1 });
  const reliability = r.probability("--reliability", flags.reliability, { fallback: 1 });
  const killAssessment = r.probability("--kill-assessment", flags.killAssessment, { fallback: 1 });
  r.conflict(
    ["--shots", "--even", "--sls"],
    [flags.shots !== undefined, flags.even === true, flags.sls !== undefined],
  );
  let doctrine: Doctrine | undefined;
  if (flags.even) {
    doctrine = { kind: "even" };
  } else if (flags.sls !== undefined) {
    const shots = r.integerList("--sls", flags.sls, 2, { min: 1, max: MAX_SHOTS });
    if (shots && killAssessment !== undefined) {
      doctrine = { kind: "shoot-look-shoot", shots: [shots[0]!, shots[1]!], killAssessment };
    }
  } else {
    const shots = r.number("--shots", flags.shots, {
      integer: true,
      min: 1,
      max: MAX_SHOTS,
      fallback: 1,
    });
    if (shots !== undefined) doctrine = { kind: "barrage", shots };
  }
  if (
    r.issues.length > 0 ||
    warheads === undefined ||
    interceptors === undefined ||
    sspk === undefined ||
    decoys === undefined ||
    discrimination === undefined ||
    tracking === undefined ||
    reliability === undefined ||
    doctrine === undefined
  ) {
    throw new UsageError(r.issues);
  }
  return { warheads, decoys, interceptors, sspk, tracking, discrimination, reliability, doctrine };
}

function describeDoctrine(d: Doctrine): string {
  switch (d.kind) {
    case "barrage":
      return `barrage, ${d.shots} shot${d.shots === 1 ? "" : "s"} per object`;
    case "even":
      return "even spread of the inventory";
    case "shoot-look-shoot":
      return `shoot-look-shoot ${d.shots[0]}+${d.shots[1]}, kill assessment ${d.killAssessment}`;
    default:
      return d satisfies never;
  }
}

function runEngage(flags: EngageFlags, io: Io): number {
  const input = readEngageFlags(flags);
  const t0 = io.now();
  const result = engage(input);
  const computeMs = io.now() - t0;
  if (flags.timing) io.stderr(`compute_ms=${computeMs.toFixed(3)}\n`);
  if (flags.json) {
    io.stdout(
      toJson({
        input,
        pNoLeak: result.pNoLeak,
        expectedLeakers: result.expectedLeakers,
        expectedInterceptorsUsed: result.expectedInterceptorsUsed,
        pNoLeakCeiling: result.pNoLeakCeiling,
        expectedObjectsEngaged: result.expectedObjectsEngaged,
        prunedMass: result.prunedMass,
        leakers: result.leakers,
      }),
    );
    return EXIT.ok;
  }
  const lines = [
    `Engagement: ${input.warheads} RVs and ${input.decoys} decoys against ${input.interceptors} interceptors`,
    `  doctrine ${describeDoctrine(input.doctrine)}; SSPK ${input.sspk}, tracking ${input.tracking}, ` +
      `discrimination ${input.discrimination}, reliability ${input.reliability}`,
    "",
  ];
  io.stdout(lines.join("\n"));
  io.stdout(
    table(
      ["quantity", "value"],
      [
        ["P(no leaker)", fmt(result.pNoLeak)],
        ["ceiling R·d^N (any inventory)", fmt(result.pNoLeakCeiling)],
        ["expected leakers", fmt(result.expectedLeakers)],
        ["expected interceptors fired", fmt(result.expectedInterceptorsUsed)],
        ["expected objects engaged", fmt(result.expectedObjectsEngaged)],
      ],
    ),
  );
  io.stdout("\n" + leakerTable(result.leakers));
  if (result.prunedMass > 0) io.stdout(`(tail mass below ${fmt(result.prunedMass, 2)} pruned)\n`);
  return EXIT.ok;
}

/** The leaker distribution, showing the rows that hold the mass (at most 25). */
export function leakerTable(pmf: Float64Array): string {
  const rows: string[][] = [];
  let cdf = 0;
  let shown = 0;
  for (let k = 0; k < pmf.length; k++) {
    const p = pmf[k]!;
    cdf += p;
    if (p < 1e-9 && !(k === 0)) continue;
    if (shown >= 25) {
      rows.push(["…", "", ""]);
      break;
    }
    rows.push([String(k), fmt(p), fmt(Math.min(1, cdf))]);
    shown++;
  }
  return table(["leakers", "P(= k)", "P(<= k)"], rows);
}

/** A reference a model rests on. */
export interface Reference {
  readonly id: string;
  readonly citation: string;
  readonly url?: string;
}

/**
 * What a model is, for the CLI, the docs and the web app to read (no switching on ids in shared
 * code): its id, title, one-paragraph summary, documentation page and references.
 */
export interface ModelEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** Path of the model's documentation page from the repository root. */
  readonly doc: string;
  /** DESIGN section that is the model's contract. */
  readonly design: string;
  readonly references: readonly Reference[];
}

const WILKENING_1999: Reference = {
  id: "wilkening1999",
  citation:
    'Dean A. Wilkening, "A Simple Model for Calculating Ballistic Missile Defense Effectiveness," Science & Global Security 8(2), 1999',
};

const STATE_NEW_START: Reference = {
  id: "state-new-start-aggregates",
  citation:
    "US Department of State, New START Treaty Aggregate Numbers of Strategic Offensive Arms of the " +
    "United States and the Russian Federation, February 2011 – September 2020",
  url: "https://www.state.gov/new-start-treaty-aggregate-numbers-of-strategic-offensive-arms-of-the-united-states-and-the-russian-federation-february-2011-september-2020/",
};

const FAS_STARTCEN: Reference = {
  id: "fas-start1",
  citation: "Federation of American Scientists, START I Treaty summary (central limits)",
  url: "https://nuke.fas.org/control/start1/news/startcen.htm",
};

const ABM_TREATY_TEXT: Reference = {
  id: "abm-treaty-text",
  citation:
    "Treaty between the USA and the USSR on the Limitation of Anti-Ballistic Missile Systems " +
    "(1972), 944 U.N.T.S. 13, and its 1974 Protocol",
  url: "https://nuke.fas.org/control/abmt/text/abmprot1.htm",
};

const FAS_INVENTORIES: Reference = {
  id: "fas-owid-2023",
  citation:
    "Kristensen, Korda, Reynolds, Norris: Status of World Nuclear Forces (FAS, 2023), via Our World in Data",
  url: "https://fas.org/initiative/status-world-nuclear-forces/",
};

const SIPRI_YB: Reference = {
  id: "sipri-yb-2024-2025",
  citation: "SIPRI Yearbook 2024 and 2025, World nuclear forces",
};

const KENT_THALER_1989: Reference = {
  id: "kentThaler1989",
  citation:
    "Glenn A. Kent and David E. Thaler, First-Strike Stability: A Methodology for Evaluating Strategic Forces, RAND R-3765-AF, 1989",
  url: "https://www.rand.org/pubs/reports/R3765.html",
};

const GLASER_FETTER_2001: Reference = {
  id: "glaserFetter2001",
  citation:
    'Charles L. Glaser and Steve Fetter, "National Missile Defense and the Future of U.S. Nuclear Weapons Policy," International Security 26(1), 2001, pp. 40-92',
};

/** Every model of the project. Each model adds its entry here. */
export const MODELS: readonly ModelEntry[] = [
  {
    id: "engagement",
    title: "Missile-defense engagement",
    summary:
      "Exact distribution of RVs that leak through a layered missile defense: barrage, even spread " +
      "and shoot-look-shoot doctrines, decoys and discrimination, tracking, common-mode reliability, " +
      "finite inventories, boost/midcourse/terminal layers and coverage.",
    doc: "docs/models/engagement.md",
    design: "DESIGN §2.1",
    references: [WILKENING_1999],
  },
  {
    id: "exchange",
    title: "Counterforce exchange",
    summary:
      "One side strikes first: greedy counterforce allocation over the other's targetable launchers, " +
      "exact survivors, retaliation through the striker's layered defenses with coverage, launch " +
      "under attack, and the value strike through the victim's defenses.",
    doc: "docs/models/exchange.md",
    design: "DESIGN §2.2",
    references: [KENT_THALER_1989, GLASER_FETTER_2001],
  },
  {
    id: "stability",
    title: "First-strike stability and second-strike adequacy",
    summary:
      "Kent & Thaler costs, the stop rule, each side's break-even ratio r = min(1, C1/C2) and the " +
      "first-strike stability index r_A·r_B; each side's retaliation distribution after the other's " +
      "best first strike; everything also without defenses, and the difference.",
    doc: "docs/models/stability.md",
    design: "DESIGN §2.3",
    references: [KENT_THALER_1989],
  },
  {
    id: "treaty-compliance",
    title: "Treaty compliance",
    summary:
      "Counts a scenario's posture under each treaty's counting rules (New START: one warhead per " +
      "deployed heavy bomber; ABM Treaty: deployment areas, interceptors per area, banned basing) and " +
      "checks every limit of every treaty in force on the scenario's date: counted value, limit, " +
      "margin and verdict; limits not yet binding, not countable or superseded are reported as such.",
    doc: "docs/treaties.md",
    design: "DESIGN §2.5",
    references: [STATE_NEW_START, FAS_STARTCEN, ABM_TREATY_TEXT],
  },
  {
    id: "history",
    title: "History of the balance",
    summary:
      "Warhead stockpiles by country 1945–2025, New START data exchanges 2011–2023 checked against " +
      "the central limits, missile-defense inventories and a dated timeline of treaties, tests and " +
      "deployments, each row with its source.",
    doc: "docs/treaties.md",
    design: "DESIGN §2.5",
    references: [FAS_INVENTORIES, SIPRI_YB, STATE_NEW_START],
  },
  {
    id: "uncertainty",
    title: "Parameter uncertainty, sweeps and sensitivity",
    summary:
      "Outer Monte Carlo over parameters given as distributions (beta posteriors from test records, " +
      "uniform, triangular, normal with a 90% interval), rank correlations through a Gaussian " +
      "copula, exact inner models; mean, percentiles and Monte Carlo standard error per grid point " +
      "of a sweep; a tornado table of rank-based importance (Spearman, partial rank correlation).",
    doc: "docs/uncertainty.md",
    design: "DESIGN §2.6",
    references: [
      {
        id: "kruskal1958",
        citation:
          'W. H. Kruskal, "Ordinal Measures of Association," J. Am. Stat. Assoc. 53(284), 1958, pp. 814–861',
      },
      {
        id: "marino2008",
        citation:
          'S. Marino, I. B. Hogue, C. J. Ray and D. E. Kirschner, "A methodology for performing global ' +
          'uncertainty and sensitivity analysis in systems biology," J. Theor. Biol. 254(1), 2008, pp. 178–196',
      },
    ],
  },
  {
    id: "race",
    title: "Arms-race dynamics and the cost-exchange ratio",
    summary:
      "Richardson's equations (equilibrium, stability ab > kl, paths by an adaptive Dormand–Prince " +
      "solver) and the offense–defense action–reaction race on the exchange model: each round the " +
      "defender sizes its interceptors to a plan, a third-party P0 goal or damage limitation, and each " +
      "side buys the cheapest launchers, upload or decoys that keep its retaliation requirement; " +
      "spending per side, the outcome (equilibrium, runaway, budget exhausted, …) and the " +
      "cost-exchange ratio at the margin with Nitze's criterion.",
    doc: "docs/models/race.md",
    design: "DESIGN §2.4",
    references: [
      {
        id: "richardson1960",
        citation:
          "Lewis F. Richardson, Arms and Insecurity: A Mathematical Study of the Causes and Origins " +
          "of War (Boxwood Press / Quadrangle, 1960)",
      },
      {
        id: "nitze1985",
        citation:
          "Paul H. Nitze, address to the Philadelphia World Affairs Council, 20 February 1985 " +
          '("On the Road to a More Stable Peace"): defenses must be effective, survivable and ' +
          "cost-effective at the margin",
      },
      {
        id: "cbo2021-mdr",
        citation:
          "Congressional Budget Office, Costs of Implementing Recommendations of the 2019 Missile " +
          "Defense Review, January 2021",
        url: "https://www.cbo.gov/publication/56949",
      },
      {
        id: "dormandPrince1980",
        citation:
          'J. R. Dormand and P. J. Prince, "A family of embedded Runge–Kutta formulae," Journal ' +
          "of Computational and Applied Mathematics 6(1), 1980, 19–26",
      },
    ],
  },
];

/** The registry entry of a model, by id. */
export function modelEntry(id: string): ModelEntry | undefined {
  return MODELS.find((m) => m.id === id);
}

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
];

/** The registry entry of a model, by id. */
export function modelEntry(id: string): ModelEntry | undefined {
  return MODELS.find((m) => m.id === id);
}

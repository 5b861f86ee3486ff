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
];

/** The registry entry of a model, by id. */
export function modelEntry(id: string): ModelEntry | undefined {
  return MODELS.find((m) => m.id === id);
}

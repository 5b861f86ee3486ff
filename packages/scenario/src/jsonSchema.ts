import { z } from "zod";
import { scenarioSchema } from "./schema.ts";

/**
 * The JSON Schema (draft 2020-12) of the scenario format, for editors: point a YAML language
 * server at it (`# yaml-language-server: $schema=...`) to get completion and checks as you type.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: "https://stratbal.org/schema/scenario-v1.json",
    title: "Strategic Balance Lab scenario",
    description:
      "A two-sided strategic balance scenario: forces, counterforce, layered defenses and analysis options. " +
      "Every number may be written as a plain number, as {value, source}, or as a distribution.",
  };
}

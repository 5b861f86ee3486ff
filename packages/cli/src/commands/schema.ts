import { scenarioJsonSchema } from "@stratbal/scenario";
import type { Command } from "commander";
import { toJson } from "../format.ts";
import type { Io } from "../io.ts";
import { EXIT } from "../io.ts";

export function configureSchema(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("schema")
    .summary("print the JSON Schema of the scenario format (for editors)")
    .addHelpText(
      "after",
      "\nExample:\n  stratbal schema > scenario.schema.json\n" +
        "  # then, first line of a YAML scenario:\n  # yaml-language-server: $schema=./scenario.schema.json\n",
    )
    .action(() => {
      io.stdout(toJson(scenarioJsonSchema()));
      setExit(EXIT.ok);
    });
}

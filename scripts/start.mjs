// `npm start`: until the web workbench lands, runs the CLI demo (an engagement table).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../packages/cli/bin/stratbal.mjs", import.meta.url));
const args = [
  "engage",
  "--warheads",
  "20",
  "--interceptors",
  "80",
  "--sspk",
  "0.8",
  "--shots",
  "4",
];
process.stdout.write(`$ stratbal ${args.join(" ")}\n`);
const r = spawnSync(process.execPath, [bin, ...args], { stdio: "inherit" });
process.exitCode = r.status ?? 1;

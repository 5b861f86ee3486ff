export type {
  AnalysisOptions,
  Basing,
  Defense,
  ExchangeInput,
  ForceElement,
  PromptStrike,
  Side,
} from "./types.ts";
export { BASINGS } from "./types.ts";

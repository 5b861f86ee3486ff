export * from "./prob/index.ts";
export * from "./engagement/index.ts";
export * from "./exchange/index.ts";
export * from "./uncertainty/index.ts";
export * from "./treaty/index.ts";
export * from "./history/index.ts";
export type { ModelEntry, Reference } from "./registry.ts";
export { MODELS, modelEntry } from "./registry.ts";
export * from "./stability/index.ts";

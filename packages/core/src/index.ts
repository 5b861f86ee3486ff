export * from "./prob/index.ts";
export * from "./engagement/index.ts";

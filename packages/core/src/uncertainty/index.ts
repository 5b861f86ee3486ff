export type { Distribution } from "./distribution.ts";
export { distributionMean } from "./distribution.ts";

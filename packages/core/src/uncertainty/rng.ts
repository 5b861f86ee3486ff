import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";

/** A source of uniform draws in the open interval (0, 1). Randomness is a parameter in core. */
export type Rng = () => number;

/**
 * The murmur3 finaliser over a golden-ratio increment (a 32-bit splitmix step): spreads nearby
 * inputs (sample 0, 1, 2, …) into unrelated 32-bit words.
 */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit key of a string (FNV-1a, then mixed): names a sub-stream, e.g. a parameter path. */
export function streamKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h >>> 0);
}

const TWO_POW_26 = 67108864;
const TWO_POW_M52 = 2 ** -52;

/**
 * The random stream of one Monte Carlo sample: xoroshiro128+ (pure-rand) with its 128-bit state
 * derived from (seed, sample index, key) through splitmix32 steps. Streams belong to sample
 * indices, never to workers or shards, so a sample's draws are the same however the work is split.
 * `key` names a sub-stream (a parameter), so adding a distribution elsewhere in a scenario does
 * not move the draws of the others.
 *
 * Draws are (k + 1/2)·2⁻⁵² for k uniform in [0, 2⁵²): strictly inside (0, 1), so that inverse
 * CDFs never see 0 or 1.
 * @param seed whole number in [0, 2³²)
 * @param index sample index, a whole number in [0, 2⁵³)
 * @example const rng = sampleStream(42, 0); rng(); // same value on every machine
 */
export function sampleStream(seed: number, index: number, key = 0): Rng {
  const lo = index >>> 0;
  const hi = Math.floor(index / 4294967296) >>> 0;
  let h = mix32((seed >>> 0) ^ mix32(lo ^ mix32(hi ^ mix32(key >>> 0))));
  const state: number[] = [];
  for (let i = 0; i < 4; i++) {
    h = mix32(h);
    state.push(h | 0);
  }
  // xoroshiro's all-zero state is a fixed point; the mixer makes it practically impossible.
  if (!state.some((w) => w !== 0)) state[0] = 1;
  const g = xoroshiro128plusFromState(state);
  return () => {
    // The top bits of xoroshiro128+ are its best; take 26 from each of two outputs.
    const a = (g.next() >>> 6) & (TWO_POW_26 - 1);
    const b = (g.next() >>> 6) & (TWO_POW_26 - 1);
    return (a * TWO_POW_26 + b + 0.5) * TWO_POW_M52;
  };
}

/**
 * A sparse joint PMF over small vectors of counts ("cells"), keyed by a packed number when the
 * counts fit in 2^53 and by a string otherwise. Used by the layered raid engine, whose state is
 * a joint distribution over the counts of objects that still matter for later layers.
 */
export class CellMap {
  readonly dims: number;
  private readonly radices: readonly number[] | undefined;
  private readonly index = new Map<number | string, number>();
  readonly counts: number[][] = [];
  readonly probs: number[] = [];

  /** @param maxCounts the largest value each coordinate can take */
  constructor(maxCounts: readonly number[]) {
    this.dims = maxCounts.length;
    let span = 1;
    for (const m of maxCounts) span *= m + 1;
    this.radices = span < 2 ** 52 ? maxCounts.map((m) => m + 1) : undefined;
  }

  private key(counts: readonly number[]): number | string {
    if (!this.radices) return counts.join(",");
    let k = 0;
    for (let i = 0; i < counts.length; i++) k = k * this.radices[i]! + counts[i]!;
    return k;
  }

  /** Adds probability `p` to the cell `counts` (copied). */
  add(counts: readonly number[], p: number): void {
    if (p === 0) return;
    const k = this.key(counts);
    const at = this.index.get(k);
    if (at === undefined) {
      this.index.set(k, this.probs.length);
      this.counts.push(counts.slice());
      this.probs.push(p);
    } else {
      this.probs[at] = this.probs[at]! + p;
    }
  }

  get size(): number {
    return this.probs.length;
  }

  /** Total probability held. */
  total(): number {
    let s = 0;
    for (const p of this.probs) s += p;
    return s;
  }
}

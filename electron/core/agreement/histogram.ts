/**
 * Length histograms (length → how many) of one document's alpha-U sums, sorted by length in one
 * typed array. The service keeps every document's sums; as Maps these histograms were most of
 * that memory (about 48 of 58 kB a document), and the collector's time grew with them.
 */
export class SortedHistogram implements ReadonlyMap<number, number> {
  /** Lengths ascending in the first `size` slots, their counts in the next `size`. */
  private readonly data: Int32Array;

  private constructor(data: Int32Array) {
    this.data = data;
  }

  /** The histogram of `lengths` (any order; sorted in place: a typed array sorts numbers natively). */
  static of(lengths: Int32Array): SortedHistogram {
    lengths.sort();
    let distinct = 0;
    for (let i = 0; i < lengths.length; i++) if (i === 0 || lengths[i] !== lengths[i - 1]) distinct++;
    const data = new Int32Array(2 * distinct);
    let k = -1;
    for (let i = 0; i < lengths.length; i++) {
      if (i === 0 || lengths[i] !== lengths[i - 1]) data[++k] = lengths[i]!;
      data[distinct + k]!++;
    }
    return new SortedHistogram(data);
  }

  /** `histogram` in order of length (itself when it is one already). */
  static from(histogram: ReadonlyMap<number, number>): SortedHistogram {
    if (histogram instanceof SortedHistogram) return histogram;
    const n = histogram.size;
    const data = new Int32Array(2 * n);
    let i = 0;
    histogram.forEach((_, length) => (data[i++] = length));
    data.subarray(0, n).sort();
    for (let k = 0; k < n; k++) data[n + k] = histogram.get(data[k]!)!;
    return new SortedHistogram(data);
  }

  /** The sum of `parts`, merged in order. */
  static sum(parts: readonly SortedHistogram[]): SortedHistogram {
    return parts.reduce((a, b) => a.plus(b), EMPTY);
  }

  private plus(other: SortedHistogram): SortedHistogram {
    if (other.size === 0) return this;
    if (this.size === 0) return other;
    const a = this.data;
    const b = other.data;
    const na = this.size;
    const nb = other.size;
    const lengths: number[] = [];
    const counts: number[] = [];
    let i = 0;
    let j = 0;
    while (i < na || j < nb) {
      const la = i < na ? a[i]! : Infinity;
      const lb = j < nb ? b[j]! : Infinity;
      const l = Math.min(la, lb);
      lengths.push(l);
      counts.push((la === l ? a[na + i++]! : 0) + (lb === l ? b[nb + j++]! : 0));
    }
    const data = new Int32Array(2 * lengths.length);
    data.set(lengths);
    data.set(counts, lengths.length);
    return new SortedHistogram(data);
  }

  get size(): number {
    return this.data.length >> 1;
  }

  /** The `i`th length in ascending order, and its count. */
  lengthAt(i: number): number {
    return this.data[i]!;
  }

  countAt(i: number): number {
    return this.data[this.size + i]!;
  }

  get(length: number): number | undefined {
    for (let i = 0; i < this.size; i++) if (this.data[i] === length) return this.countAt(i);
    return undefined;
  }

  has(length: number): boolean {
    return this.get(length) !== undefined;
  }

  forEach(callback: (count: number, length: number, map: ReadonlyMap<number, number>) => void): void {
    for (let i = 0; i < this.size; i++) callback(this.countAt(i), this.data[i]!, this);
  }

  *entries(): MapIterator<[number, number]> {
    for (let i = 0; i < this.size; i++) yield [this.data[i]!, this.countAt(i)];
  }

  *keys(): MapIterator<number> {
    for (let i = 0; i < this.size; i++) yield this.data[i]!;
  }

  *values(): MapIterator<number> {
    for (let i = 0; i < this.size; i++) yield this.countAt(i);
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }
}

const EMPTY = SortedHistogram.of(new Int32Array(0));

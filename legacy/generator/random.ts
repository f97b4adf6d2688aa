/**
 * Seeded randomness. sfc32 (Doty-Humphrey's Small Fast Counting generator, passes
 * PractRand) is seeded through a 32-bit hash of (seed, stream name, index), so
 * every school gets its own sub-stream: generating school k's students never
 * depends on having drawn school k-1's. Never Math.random, never the clock.
 */

/** murmur3's 32-bit finaliser: a cheap avalanche mix. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(text: string): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A 32-bit key for (seed, stream, index); seeds beyond 32 bits keep their high part. */
export function streamKey(seed: number, stream: string, index = 0): number {
  const low = seed >>> 0;
  const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
  return mix32(mix32(low ^ mix32(high + 0x9e3779b9)) ^ hashString(stream) ^ mix32(index + 0x7f4a7c15));
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(key: number) {
    this.a = mix32(key + 0x243f6a88);
    this.b = mix32(key + 0x85a308d3);
    this.c = mix32(key + 0x13198a2e);
    this.d = 1;
    for (let i = 0; i < 12; i += 1) this.uint32(); // discard the warm-up outputs
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: ReadonlyArray<T>): T {
    return items[this.below(items.length)]!;
  }

  /** `count` decimal digits (count ≤ 9), leading zeros kept. */
  digits(count: number): string {
    return String(this.below(10 ** count)).padStart(count, '0');
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = this.below(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

export function deriveRandom(seed: number, stream: string, index = 0): Random {
  return new Random(streamKey(seed, stream, index));
}

/** A sampler over weighted choices; built once, then O(log n) per draw. */
export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): (random: Random) => T {
  const values = entries.map(([value]) => value);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of entries) cumulative.push((total += weight));
  return (random) => {
    const r = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}

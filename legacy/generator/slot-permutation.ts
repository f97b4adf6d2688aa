/**
 * A keyed bijection on [0, size): a 4-round balanced Feistel network with
 * cycle-walking. Students are numbered within their birth cohort when classes
 * are planned; mapping that number through the permutation gives each pupil a
 * distinct (birth date, ID sequence) slot that still looks random. So 2,000,000
 * ID numbers and 学籍号 are unique without any set of issued numbers in memory,
 * and every school can be generated on its own.
 */
import { mix32 } from './random';

export class SlotPermutation {
  private readonly halfBits: number;
  private readonly mask: number;
  private readonly keys: readonly number[];

  constructor(readonly size: number, key: number) {
    let bits = Math.max(2, Math.ceil(Math.log2(size)));
    if (bits % 2) bits += 1;
    this.halfBits = bits / 2;
    this.mask = (1 << this.halfBits) - 1;
    this.keys = [1, 2, 3, 4].map((round) => mix32(key + Math.imul(round, 0x9e3779b9)));
  }

  map(index: number): number {
    if (index < 0 || index >= this.size) throw new RangeError(`slot ${index} outside [0, ${this.size})`);
    let x = index;
    do x = this.encrypt(x);
    while (x >= this.size);
    return x;
  }

  private encrypt(x: number): number {
    let left = x >>> this.halfBits;
    let right = x & this.mask;
    for (const key of this.keys) {
      const next = left ^ (mix32(right ^ key) & this.mask);
      left = right;
      right = next;
    }
    return (left << this.halfBits) | right;
  }
}

/**
 * Birth date and ID sequence of every pupil, unique in the dataset. Pupils are
 * numbered within their birth cohort (age on 1 September) when classes are
 * planned; a keyed permutation turns that number into a (day, sequence) slot of
 * the cohort's birth window. Windows of different ages never overlap, so no two
 * pupils share birth date and sequence, hence no two share an ID or 学籍号.
 */
import { birthWindow } from './calendar';
import { streamKey } from './random';
import { SlotPermutation } from './slot-permutation';

/** Sequences 001–999; odd = male, even = female (GB 11643). */
const SEQUENCES = 999;

export interface BirthSlot {
  readonly birthDate: string;
  readonly sequence: number;
}

export class StudentSlots {
  private readonly cohorts = new Map<number, { days: string[]; permutation: SlotPermutation }>();

  constructor(private readonly seed: number, private readonly schoolYear: number) {}

  /** The slot of the `ordinal`-th pupil aged `age` on 1 September. */
  slot(age: number, ordinal: number): BirthSlot {
    let cohort = this.cohorts.get(age);
    if (!cohort) {
      const days = birthWindow(this.schoolYear, age);
      cohort = { days, permutation: new SlotPermutation(days.length * SEQUENCES, streamKey(this.seed, 'birth-slots', age)) };
      this.cohorts.set(age, cohort);
    }
    const slot = cohort.permutation.map(ordinal);
    return { birthDate: cohort.days[slot % cohort.days.length]!, sequence: 1 + Math.floor(slot / cohort.days.length) };
  }
}

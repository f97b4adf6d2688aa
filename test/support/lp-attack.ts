import loadHighs from 'highs';

/**
 * The attacker of issue 12, as a linear program: every published figure,
 * from every table, grouping and filter, says that the true count of a set
 * of *atoms* (the finest cells the questions can be cut into) lies in an
 * interval. For each target cell the solver finds the least and the most
 * its count can be under all of them together; a target is pinned when the
 * two meet at its true count.
 */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface Target {
  readonly atoms: ReadonlyArray<string>;
  readonly truth: number;
  readonly label: string;
}

export interface AttackResult {
  readonly targets: number;
  readonly pinned: ReadonlyArray<string>;
}

/** What the attacker knows: one interval per distinct set of atoms, each figure narrowing it further. */
export class Knowledge {
  private readonly known = new Map<string, { atoms: string[]; low: number; high: number }>();

  learn(atoms: ReadonlyArray<string>, interval: Interval): void {
    if (atoms.length === 0) return;
    const sorted = [...atoms].sort();
    const id = sorted.join(',');
    const before = this.known.get(id);
    if (before) {
      before.low = Math.max(before.low, interval.low);
      before.high = Math.min(before.high, interval.high);
    } else this.known.set(id, { atoms: sorted, ...interval });
  }

  get size(): number {
    return this.known.size;
  }

  /** The intervals the true counts break: none, unless the harness misread an answer. */
  violatedBy(truth: (atom: string) => number): string[] {
    return [...this.known.values()].flatMap(({ atoms, low, high }) => {
      const n = atoms.reduce((sum, a) => sum + truth(a), 0);
      return n < low || n > high ? [`${atoms.slice(0, 3).join(',')}${atoms.length > 3 ? ',…' : ''} = ${n} not in [${low}, ${high}]`] : [];
    });
  }

  /** Solves two LPs per target (least and most) over everything learnt. */
  async attack(targets: ReadonlyArray<Target>): Promise<AttackResult> {
    const highs = await loadHighs();
    const names = new Map<string, string>();
    const variable = (atom: string) => names.get(atom) ?? (names.set(atom, `x${names.size}`), names.get(atom)!);
    const rows: string[] = [];
    let r = 0;
    for (const { atoms, low, high } of this.known.values()) {
      const sum = atoms.map(variable).join(' + ');
      if (low === high) rows.push(` r${r++}: ${sum} = ${low}`);
      else {
        if (low > 0) rows.push(` r${r++}: ${sum} >= ${low}`);
        if (Number.isFinite(high)) rows.push(` r${r++}: ${sum} <= ${high}`);
      }
    }
    const constraints = rows.join('\n');
    const pinned: string[] = [];
    for (const target of targets) {
      const objective = target.atoms.map(variable).join(' + ');
      const solve = (sense: 'Minimize' | 'Maximize') => {
        const result = highs.solve(`${sense}\n obj: ${objective}\nSubject To\n${constraints}\nEnd\n`);
        if (result.Status === 'Optimal') return result.ObjectiveValue;
        if (result.Status === 'Unbounded') return sense === 'Minimize' ? -Infinity : Infinity;
        throw new Error(`the attacker's knowledge is ${result.Status}: an answer was misread`);
      };
      const least = Math.ceil(solve('Minimize') - 1e-6);
      const most = Math.floor(solve('Maximize') + 1e-6);
      if (least === most && least === target.truth) pinned.push(`${target.label}=${target.truth}`);
    }
    return { targets: targets.length, pinned };
  }
}

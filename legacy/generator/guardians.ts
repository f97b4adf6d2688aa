/**
 * A pupil's family members on the student form: usually father and mother,
 * sometimes one parent with a grandparent. Relation codes follow records.ts
 * (GB/T 4761: 51 父亲, 52 母亲, 61 祖父, 62 祖母). The father and paternal grandfather share
 * the pupil's surname; the address is the pupil's home.
 */
import type { GuardianRow } from '../records';
import { randomBirthDivision } from './birth-divisions';
import { randomDayOfYear } from './calendar';
import { landline, mobileNumber } from './contacts';
import { idNumber, randomSequence } from './id-numbers';
import { personName, type Surname } from './person-names';
import { weighted, type Random } from './random';

type Relation = '51' | '52' | '61' | '62';

const households = weighted<ReadonlyArray<Relation>>([
  [['51', '52'], 80], [['52'], 7], [['51'], 3], [['52', '62'], 4], [['51', '61'], 3], [['61', '62'], 3],
]);

const PARENT_BIRTHPLACES = { sameDistrict: 0.35, otherGuangzhou: 0.2, otherGuangdong: 0.25 };

export interface Pupil {
  readonly XH: string;
  readonly surname: Surname;
  readonly birthYear: number;
  readonly homeDistrict: string;
  readonly address: string;
}

/** Guardians are adults born `schoolYear - 61` to `schoolYear - 31` (1965–1995 for 2026). */
export function generateGuardians(random: Random, pupil: Pupil, schoolYear: number): GuardianRow[] {
  const oldest = schoolYear - 61;
  const youngest = schoolYear - 31;
  const relations = households(random);
  return relations.map((relation, i): GuardianRow => {
    const male = relation === '51' || relation === '61';
    const grandparent = relation === '61' || relation === '62';
    const year = grandparent
      ? random.int(oldest, oldest + 5)
      : Math.min(youngest, Math.max(oldest, pupil.birthYear - random.int(male ? 25 : 23, male ? 42 : 38)));
    const division = randomBirthDivision(random, pupil.homeDistrict, year, PARENT_BIRTHPLACES);
    const name = male ? personName(random, 'man', pupil.surname) : personName(random, 'woman');
    return {
      XH: pupil.XH,
      CYXH: String(i + 1),
      CYXM: name.name,
      GXM: relation,
      SFJHR: !grandparent || relations.every((r) => r === '61' || r === '62') ? '1' : '0',
      SFZJLXM: '1',
      SFZJH: idNumber(division, randomDayOfYear(random, year), randomSequence(random, male ? '1' : '2')),
      LXDH: mobileNumber(random),
      JTZZ: pupil.address,
      JTDH: random.chance(0.3) ? landline(random) : '',
    };
  });
}

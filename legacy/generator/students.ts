/**
 * The pupils of one school, class by class, as the student-status DB holds
 * them, each with their family members. Drawn from the school's own random
 * stream, so any school can be generated without the ones before it.
 */
import type { GuardianRow, StudentRow } from '../records';
import { randomBirthDivision, otherGuangdongDivisions, otherProvinceDivisions } from './birth-divisions';
import type { PlannedClass } from './classes';
import { homeAddress } from './contacts';
import { districtProfiles } from './districts';
import { randomEthnicity } from './ethnicity-mix';
import { generateGuardians } from './guardians';
import { gStudentNumber, idNumber, jStudentNumber, lStudentNumber } from './id-numbers';
import { personName, randomSurname } from './person-names';
import { weighted, type Random } from './random';
import type { PlannedSchool } from './schools';
import type { StudentSlots } from './student-slots';

export interface StudentWithGuardians {
  readonly student: StudentRow;
  readonly guardians: GuardianRow[];
}

/** 身份证件类型: resident ID for nearly all; 2–4% none yet (B 户口簿, Z other); a few HK/Macau. */
const documentType = weighted([['1', 965], ['Z', 20], ['B', 10], ['6', 3], ['7', 2]]);
const health = weighted([['10', 955], ['20', 25], ['30', 10], ['40', 5], ['50', 5]]);
const status = weighted([['01', 978], ['02', 7], ['03', 15]]); // 在校, 休学, 转出 (rows stay)
const STUDENT_BIRTHPLACES = { sameDistrict: 0.72, otherGuangzhou: 0.16, otherGuangdong: 0.09 };
/** 残疾类型 the special schools teach: 1 视力 (盲校), 2 听力 (聋校), 5 智力 (培智). */
const SPECIAL_DISABILITY: Readonly<Record<string, string>> = { '511': '1', '512': '2', '513': '5' };
const HONG_KONG_AND_MACAU = { '6': ['H', 'HKG', '11'], '7': ['M', 'MAC', '13'] } as const;

export function* generateStudents(
  school: PlannedSchool, classes: ReadonlyArray<PlannedClass>, slots: StudentSlots, schoolYear: number, random: Random,
): Generator<StudentWithGuardians> {
  const district = school.district;
  const special = school.profile.classKind === 'special';
  let number = 0;
  for (const c of classes) {
    const level = c.grade.level;
    const gradeNumber = Number(c.NJ[1]);
    const entered = `${schoolYear - gradeNumber + 1}09`;
    const boardingShare = special ? 0.3 : level === 'senior' ? 0.55 : level === 'junior' ? 0.12 : 0.03;
    const leagueShare = level === 'senior' ? 0.15 + 0.15 * gradeNumber : 0;
    for (let p = 0; p < c.size; p += 1) {
      number += 1;
      const overAge = p >= c.size - c.overAge;
      const age = c.grade.entryAge + (overAge ? 1 : 0);
      const { birthDate, sequence } = slots.slot(age, overAge ? c.overAgeOffset + p - (c.size - c.overAge) : c.onAgeOffset + p);
      const birthYear = Number(birthDate.slice(0, 4));
      const sex = sequence % 2 === 1 ? '1' : '2';
      const XH = school.row.XXDM + String(number).padStart(6, '0');
      const surname = randomSurname(random);
      const name = personName(random, sex === '1' ? 'boy' : 'girl', surname);

      const docType = documentType(random);
      const birthplace = docType === '1'
        ? randomBirthDivision(random, district.code, birthYear, STUDENT_BIRTHPLACES) : district.code;
      let SFZJH = '';
      let XJH: string;
      let nationality: readonly [string, string] = ['CHN', '00'];
      if (docType === '1') {
        SFZJH = idNumber(birthplace, birthDate, sequence);
        XJH = random.chance(0.01)
          ? lStudentNumber(district.code, birthDate, String(sequence).padStart(3, '0') + random.digits(1))
          : gStudentNumber(SFZJH);
      } else {
        XJH = jStudentNumber(district.code, birthDate, sequence);
        if (docType === '6' || docType === '7') {
          const [letter, country, overseas] = HONG_KONG_AND_MACAU[docType];
          SFZJH = letter + random.digits(8); // 港澳居民来往内地通行证
          nationality = [country, overseas];
        }
      }

      const homeDistrict = random.chance(0.92) ? district : random.pick(districtProfiles);
      const address = homeAddress(random, homeDistrict);
      const guardians = generateGuardians(random, { XH, surname, birthYear, homeDistrict: homeDistrict.code, address }, schoolYear);
      const healthCode = special ? '50' : health(random);
      const bornInGuangzhou = birthplace.startsWith('4401');
      const student: StudentRow = {
        XH,
        XM: name.name,
        XMPY: name.pinyin,
        XBM: sex,
        CSRQ: birthDate,
        CSDM: birthplace,
        JG: random.chance(0.55) ? birthplace
          : random.pick(random.chance(0.6) ? otherGuangdongDivisions : otherProvinceDivisions),
        MZM: randomEthnicity(random),
        GJDQM: nationality[0],
        SFZJLXM: docType,
        SFZJH,
        GATQWM: nationality[1],
        ZZMMM: random.chance(leagueShare) ? '03' : '13',
        JKZKM: healthCode,
        RXNY: entered,
        RXFSM: level === 'senior'
          ? (random.chance(0.9) ? '21' : random.pick(['22', '23']))
          : (random.chance(0.88) ? '11' : '12'),
        JDFSM: random.chance(boardingShare) ? '2' : '1',
        NJ: c.NJ,
        BH: c.BH,
        BJDM: c.BJDM,
        XZZ: address,
        HKSZD: bornInGuangzhou || random.chance(0.5) ? homeDistrict.code : birthplace,
        HKXZM: random.chance(district.outer ? 0.35 : 0.1) ? '1' : '2', // 1 农业, 2 非农业
        LXDH: guardians[0]!.LXDH,
        SFDSZN: random.chance(0.35) ? '1' : '0',
        SFLSET: random.chance(0.97) ? '0' : random.chance(0.7) ? '1' : '2',
        CJLXM: healthCode === '50' ? SPECIAL_DISABILITY[school.runningType.code] ?? String(random.int(1, 7)) : '',
        XJH,
        XSDQZTM: status(random),
        XXDM: school.row.XXDM,
      };
      yield { student, guardians };
    }
  }
}

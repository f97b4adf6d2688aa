/**
 * The schools of a dataset: how many of each running type, in which district,
 * with 学校标识码, name, address, founding month and principal.
 */
import { DATA_SIZES, type DataSize, type SchoolRow } from '../records';
import { runningTypeByCode, type RunningType } from '../../policies/standards';
import { yearMonth } from './calendar';
import { streetAddress } from './contacts';
import { districtProfiles, type DistrictProfile } from './districts';
import { personName } from './person-names';
import { weighted, type Random } from './random';
import { SchoolNamer } from './school-names';
import { schoolTypeProfiles, type SchoolTypeProfile } from './school-types';

export interface PlannedSchool {
  readonly index: number;
  readonly row: SchoolRow;
  readonly district: DistrictProfile;
  readonly runningType: RunningType;
  readonly profile: SchoolTypeProfile;
  /** How much bigger or smaller than a typical school of its type (0.6–1.4). */
  readonly sizeFactor: number;
}

/** Running types for `count` schools: shares rounded at random, required types at least once. */
function runningTypeMix(count: number, random: Random): SchoolTypeProfile[] {
  const mix: SchoolTypeProfile[] = [];
  const [primary, ...others] = schoolTypeProfiles;
  for (const profile of others) {
    const exact = profile.share * count;
    let n = Math.floor(exact) + (random.chance(exact - Math.floor(exact)) ? 1 : 0);
    if (profile.required) n = Math.max(1, n);
    for (let i = 0; i < n; i += 1) mix.push(profile);
  }
  const primaryCount = count - mix.length;
  if (primaryCount < 1) throw new RangeError(`${count} schools are too few for every running type`);
  for (let i = 0; i < primaryCount; i += 1) mix.push(primary!);
  return random.shuffle(mix);
}

/** Every district at least once, 天河 and 越秀 several times, the rest by each district's share. */
function districtMix(count: number, random: Random): DistrictProfile[] {
  const byCode = (code: string) => districtProfiles.find((d) => d.code === code)!;
  const mix = [...districtProfiles, byCode('440106'), byCode('440104'), byCode('440106')];
  const pickDistrict = weighted(districtProfiles.map((d) => [d, d.schoolWeight] as const));
  while (mix.length < count) mix.push(pickDistrict(random));
  return random.shuffle(mix.slice(0, count));
}

export function planSchools(size: DataSize, random: Random): PlannedSchool[] {
  const count = DATA_SIZES[size].schools;
  const types = runningTypeMix(count, random);
  const districts = districtMix(count, random);
  const namer = new SchoolNamer(random);
  // Listed district by district, as the bureaus file them; codes rise in that order.
  const pairs = types.map((profile, i) => ({ profile, district: districts[i]! }))
    .sort((a, b) => a.district.code.localeCompare(b.district.code) || a.profile.code.localeCompare(b.profile.code));
  let sequence = random.int(10_000, 20_000);
  return pairs.map(({ profile, district }, index) => {
    const runningType = runningTypeByCode(profile.code)!;
    const privateSchool = random.chance(profile.privateShare);
    const name = namer.name(profile.code, district, privateSchool);
    const oldMunicipal = /^广州市第.+中学$/.test(name);
    const founded = oldMunicipal ? random.int(1905, 1958) : random.int(1950, 2022);
    sequence += random.int(1, 6);
    const principal = personName(random, random.chance(0.55) ? 'man' : 'woman');
    const row: SchoolRow = {
      XXDM: `${runningType.category}44${String(sequence).padStart(6, '0')}`,
      XXMC: name,
      XXDZ: streetAddress(random, district),
      XZQHM: district.code,
      JXNY: yearMonth(founded, random.chance(0.7) ? 9 : random.int(1, 12)),
      XXBXLXM: runningType.code,
      XXBBM: privateSchool ? '22' : '21',
      XZXM: principal.name,
    };
    return { index, row, district, runningType, profile, sizeFactor: 0.6 + 0.8 * random.next() };
  });
}

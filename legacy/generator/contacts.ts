/** Phone numbers and addresses as the legacy forms hold them. */
import type { DistrictProfile } from './districts';
import type { Random } from './random';

/** Mainland mobile prefixes of the three carriers (13x, 15x, 17x, 18x, 19x). */
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153',
  '155', '156', '157', '158', '159', '177', '180', '181', '182', '183', '185', '186', '187', '188',
  '189', '199',
];

/** An 11-digit mobile number. */
export function mobileNumber(random: Random): string {
  return random.pick(MOBILE_PREFIXES) + random.digits(8);
}

/** A Guangzhou landline (area code 020, 8-digit local numbers start 2–8). */
export function landline(random: Random): string {
  return `020-${random.int(2, 8)}${random.digits(7)}`;
}

/** A street address in the district: 广州市天河区天河北路123号. */
export function streetAddress(random: Random, district: DistrictProfile): string {
  return `广州市${district.name}${random.pick(district.roads)}${random.int(1, 480)}号`;
}

/** A home address: a street address plus building and flat. */
export function homeAddress(random: Random, district: DistrictProfile): string {
  return `${streetAddress(random, district)}${random.int(1, 30)}栋${random.int(1, 33)}0${random.int(1, 8)}房`;
}

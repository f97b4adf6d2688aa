import type { UnitType } from '../units';

/**
 * The people who run the Measures' process act for a unit and hold roles
 * there (DESIGN.md "People, credentials and the console"). A role is what a
 * person may do for the unit; which kinds of unit a role makes sense in is
 * fixed here, so a school cannot have an endorser nor a partner a supervisor.
 *
 * - applicant (经办人): files, withdraws and resubmits share applications;
 * - endorser (审核人): an education department's reviewer of its subordinate
 *   units' applications;
 * - data officer (数据管理员): decides applications for the resources its unit
 *   provides, within the statutory time;
 * - supervisor (监督员): the city bureau's data office;
 * - auditor (审计员): reads the audit trail, changes nothing;
 * - app administrator (应用管理员): registers the unit's apps and their
 *   credentials, and assigns roles in the unit.
 */
export type PersonRole = 'APPLICANT' | 'ENDORSER' | 'DATA_OFFICER' | 'SUPERVISOR' | 'AUDITOR' | 'APP_ADMIN';

export const personRoles: ReadonlyArray<PersonRole> = Object.freeze([
  'APPLICANT', 'ENDORSER', 'DATA_OFFICER', 'SUPERVISOR', 'AUDITOR', 'APP_ADMIN',
] as const);

export const roleLabels: Readonly<Record<PersonRole, string>> = Object.freeze({
  APPLICANT: '经办人',
  ENDORSER: '审核人',
  DATA_OFFICER: '数据管理员',
  SUPERVISOR: '监督员',
  AUDITOR: '审计员',
  APP_ADMIN: '应用管理员',
});

const EVERY_UNIT: ReadonlyArray<UnitType> = ['CITY_BUREAU', 'DISTRICT_BUREAU', 'SCHOOL', 'SUPPORT_AGENCY', 'PARTNER_DEPARTMENT'];

/**
 * Endorsement is the superior education department's step, so only bureaus
 * endorse; supervision is the city bureau's (Measures ch. 8). Providers are
 * named in the catalog and are bureaus today, but a data officer is allowed in
 * any unit so that a unit that becomes a provider needs no new role.
 */
const unitTypesOf: Readonly<Record<PersonRole, ReadonlyArray<UnitType>>> = {
  APPLICANT: EVERY_UNIT,
  ENDORSER: ['CITY_BUREAU', 'DISTRICT_BUREAU'],
  DATA_OFFICER: EVERY_UNIT,
  SUPERVISOR: ['CITY_BUREAU'],
  AUDITOR: EVERY_UNIT,
  APP_ADMIN: EVERY_UNIT,
};

export function isPersonRole(value: unknown): value is PersonRole {
  return typeof value === 'string' && (personRoles as ReadonlyArray<string>).includes(value);
}

/** May a person of a unit of this kind hold the role? */
export function roleFitsUnit(role: PersonRole, unitType: UnitType): boolean {
  return unitTypesOf[role].includes(unitType);
}

import { isSchoolCode } from './standards';
import type { Unit, UnitType } from './units';

/**
 * The units as a tree. A unit's jurisdiction is its own subtree: an education
 * department governs the records of every unit below it (DESIGN.md "Units").
 */
export interface UnitTree {
  get(code: string): Unit | undefined;
  has(code: string): boolean;
  /** True when `code` lies in the subtree of `ancestorCode` (a unit is within itself). */
  isWithin(code: string, ancestorCode: string): boolean;
  /**
   * The nearest city or district bureau above the unit: where its applications
   * are endorsed. Undefined for the city bureau and for partner departments.
   */
  superiorEducationDepartment(code: string): Unit | undefined;
  children(code: string): ReadonlyArray<Unit>;
  all(): ReadonlyArray<Unit>;
}

/**
 * Which kinds of unit each kind may sit under. Every parent kind ranks strictly
 * higher (city > district > school or agency), so a tree that passes this
 * table cannot contain a cycle.
 */
const allowedParents: Readonly<Record<UnitType, ReadonlyArray<UnitType>>> = {
  CITY_BUREAU: [],
  DISTRICT_BUREAU: ['CITY_BUREAU'],
  SCHOOL: ['DISTRICT_BUREAU'],
  SUPPORT_AGENCY: ['CITY_BUREAU', 'DISTRICT_BUREAU'],
  PARTNER_DEPARTMENT: [],
};

const NO_UNITS: ReadonlyArray<Unit> = Object.freeze([]);

const EDUCATION_DEPARTMENTS: ReadonlySet<UnitType> = new Set(['CITY_BUREAU', 'DISTRICT_BUREAU']);

/** Validates the units and builds the frozen tree; throws naming the first problem found. */
export function createUnitTree(units: Iterable<Unit>): UnitTree {
  const byCode = new Map<string, Unit>();
  for (const unit of units) {
    if (byCode.has(unit.code)) throw new Error(`unit ${unit.code}: duplicate code`);
    if (unit.name.trim() === '') throw new Error(`unit ${unit.code}: name is empty`);
    if (unit.type === 'SCHOOL' && !isSchoolCode(unit.code)) {
      throw new Error(`unit ${unit.code}: not a Guangzhou 学校标识码 (category + 44 + 6 digits)`);
    }
    byCode.set(unit.code, Object.freeze({ ...unit }));
  }

  const children = new Map<string, Unit[]>();
  for (const unit of byCode.values()) {
    checkParent(unit, byCode);
    if (unit.parent !== undefined) children.set(unit.parent, [...(children.get(unit.parent) ?? []), unit]);
  }
  const frozenChildren = new Map([...children].map(([code, list]) => [code, Object.freeze(list)]));
  const everyUnit = Object.freeze([...byCode.values()]);

  const isWithin = (code: string, ancestorCode: string): boolean => {
    for (let unit = byCode.get(code); unit !== undefined; unit = parentOf(unit, byCode)) {
      if (unit.code === ancestorCode) return true;
    }
    return false;
  };

  const superiorEducationDepartment = (code: string): Unit | undefined => {
    const start = byCode.get(code);
    for (let unit = start && parentOf(start, byCode); unit !== undefined; unit = parentOf(unit, byCode)) {
      if (EDUCATION_DEPARTMENTS.has(unit.type)) return unit;
    }
    return undefined;
  };

  return Object.freeze({
    get: (code: string) => byCode.get(code),
    has: (code: string) => byCode.has(code),
    isWithin,
    superiorEducationDepartment,
    children: (code: string) => frozenChildren.get(code) ?? NO_UNITS,
    all: () => everyUnit,
  });
}

function checkParent(unit: Unit, byCode: ReadonlyMap<string, Unit>): void {
  const allowed = allowedParents[unit.type];
  if (unit.parent === undefined) {
    if (allowed.length > 0) throw new Error(`unit ${unit.code}: a ${unit.type} needs a parent (${allowed.join(' or ')})`);
    return;
  }
  if (allowed.length === 0) throw new Error(`unit ${unit.code}: a ${unit.type} has no parent, got ${unit.parent}`);
  const parent = byCode.get(unit.parent);
  if (parent === undefined) throw new Error(`unit ${unit.code}: parent ${unit.parent} is not a unit`);
  if (!allowed.includes(parent.type)) {
    throw new Error(`unit ${unit.code}: parent ${parent.code} is a ${parent.type}; a ${unit.type}'s parent must be a ${allowed.join(' or ')}`);
  }
}

function parentOf(unit: Unit, byCode: ReadonlyMap<string, Unit>): Unit | undefined {
  return unit.parent === undefined ? undefined : byCode.get(unit.parent);
}

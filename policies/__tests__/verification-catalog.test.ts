import { loadCatalog, loadDefaultCatalog, rateLimitOf } from '../catalog';
import { declaredCoordinates } from '../coordinates';
import { schoolLevelOf } from '../standards';
import { fixedUnits } from '../units';

/** The verification resources, the rate-limit look-up the gateway's limiter uses, and the level a verification answers. */
const catalog = loadDefaultCatalog(new Set(fixedUnits.map((u) => u.code)));

describe('verification resources', () => {
  it('are conditional resources of their own, purpose required, with no field of a record', () => {
    const pairs = [['GZJY-HY-001', 'Query.verifyEnrollment'], ['GZJY-HY-002', 'Query.verifyTeacherQualification']] as const;
    for (const [code, coordinate] of pairs) {
      const resource = catalog.resourceOf(coordinate)!;
      expect(resource).toMatchObject({ code, shareType: 'CONDITIONAL', coordinates: [coordinate], conditions: { purposeRequired: true, rowScope: false } });
    }
  });
});

describe('rateLimitOf', () => {
  it('gives the resource and its limit for a coordinate of a limited resource', () => {
    expect(rateLimitOf(catalog, 'Query.verifyEnrollment')).toEqual({ resource: 'GZJY-HY-001', limit: { requests: 60, perSeconds: 60 } });
    expect(rateLimitOf(catalog, 'Query.verifyTeacherQualification')).toEqual({ resource: 'GZJY-HY-002', limit: { requests: 60, perSeconds: 60 } });
  });

  it('is undefined for a resource without a limit and for a coordinate in no resource', () => {
    expect(rateLimitOf(catalog, 'Student.name')).toBeUndefined();
    expect(rateLimitOf(catalog, 'Gender.code')).toBeUndefined();
  });

  it('refuses a limit that is not a positive whole number, naming the setting', () => {
    const resource = { ...catalog.byCode('GZJY-HY-001')!, rateLimit: { requests: 0, perSeconds: 60 } };
    expect(() => loadCatalog([resource], { units: new Set(['440100']), knownCoordinates: declaredCoordinates })).toThrow('resource GZJY-HY-001: rateLimit.requests:');
  });
});

describe('schoolLevelOf', () => {
  it.each([
    ['211', '13', 'PRIMARY'], ['218', '11', 'PRIMARY'], ['311', '22', 'JUNIOR'], ['342', '31', 'SENIOR'],
    ['312', '15', 'PRIMARY'], ['312', '21', 'JUNIOR'], ['341', '33', 'SENIOR'], ['345', '11', 'PRIMARY'],
    ['365', '32', 'VOCATIONAL'], ['513', '14', 'SPECIAL'],
  ])('running type %s, grade %s: %s', (runningType, grade, level) => expect(schoolLevelOf(runningType, grade)).toBe(level));

  it('is undefined for an unknown running type, or a grade a 一贯制 school does not run', () => {
    expect(schoolLevelOf('999', '11')).toBeUndefined();
    expect(schoolLevelOf('312', '31')).toBeUndefined();
  });
});

import { createHash } from 'node:crypto';
import { DATA_SIZES } from '../../records';
import { generateLegacyDataset, type LegacyDataset } from '..';
import { demo, demoStudents } from './demo';

function fingerprint(dataset: LegacyDataset): string {
  const hash = createHash('sha256');
  for (const rows of [dataset.schools, dataset.classes, dataset.teachers, dataset.buildings]) {
    for (const row of rows) hash.update(JSON.stringify(row));
  }
  for (const row of dataset.students()) hash.update(JSON.stringify(row));
  return hash.digest('hex');
}

describe('generateLegacyDataset', () => {
  it('produces identical data for the same seed', () => {
    const again = generateLegacyDataset({ size: 'demo', seed: demo.options.seed });
    expect(fingerprint(again)).toBe(fingerprint(demo));
  });

  it('produces different data for another seed', () => {
    const other = generateLegacyDataset({ size: 'demo', seed: demo.options.seed + 1 });
    expect(other.schools.map((s) => s.XXMC)).not.toEqual(demo.schools.map((s) => s.XXMC));
    expect(other.teachers.map((t) => t.SFZJH)).not.toEqual(demo.teachers.map((t) => t.SFZJH));
    const firstStudent = (d: LegacyDataset) => d.students()[Symbol.iterator]().next().value;
    expect(firstStudent(other)).not.toEqual(firstStudent(demo));
  });

  it('yields the same students on every call', () => {
    const first = [...demo.students()].slice(0, 50);
    expect(first).toEqual(demoStudents.slice(0, 50));
  });

  it('defaults the school year to 2026 and resolves the options', () => {
    expect(demo.options).toEqual({ size: 'demo', seed: 20260901, schoolYear: 2026 });
  });

  it('shifts birth and entry dates with the school year', () => {
    const later = generateLegacyDataset({ size: 'demo', seed: 1, schoolYear: 2030 });
    const { student } = later.students()[Symbol.iterator]().next().value!;
    expect(Number(student.RXNY.slice(0, 4))).toBeGreaterThanOrEqual(2019);
    expect(Number(student.CSRQ.slice(0, 4))).toBeGreaterThanOrEqual(2010);
  });

  it.each([
    [{ size: 'huge' as never, seed: 1 }],
    [{ size: 'demo' as const, seed: 1.5 }],
    [{ size: 'demo' as const, seed: 1, schoolYear: 1999 }],
  ])('rejects bad options %j', (options) => {
    expect(() => generateLegacyDataset(options)).toThrow(RangeError);
  });

  it('matches the demo size within 5%', () => {
    const target = DATA_SIZES.demo;
    expect(demo.schools).toHaveLength(target.schools);
    expect(demo.expectedStudentCount).toBe(demoStudents.length);
    expect(Math.abs(demoStudents.length / target.students - 1)).toBeLessThan(0.05);
    expect(Math.abs(demo.teachers.length / target.teachers - 1)).toBeLessThan(0.05);
  });
});

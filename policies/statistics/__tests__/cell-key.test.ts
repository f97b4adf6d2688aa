import { CELL_KEY_MODULUS, DEFAULT_PERTURBATION, noiseMoments, perturbCount, possibleCounts, ptableRow } from '../cell-key';
import { withTotals } from '../dimensions';

const p = DEFAULT_PERTURBATION;
const everyKey = Array.from({ length: CELL_KEY_MODULUS }, (_, k) => k);
const outcomes = (count: number) => new Set(everyKey.map((k) => perturbCount(count, k, p)));

it('each row of the ptable gives out every cell key exactly once', () => {
  for (let n = 0; n <= 30; n++) expect(ptableRow(n, p).at(-1)!.keysBelow).toBe(CELL_KEY_MODULUS);
});

it('publishes a true 0 as 0, and never a value between 1 and smallestCount − 1', () => {
  expect([...outcomes(0)]).toEqual([0]);
  for (let n = 1; n <= 40; n++) {
    expect([...outcomes(n)].every((v) => v === 0 || v >= p.smallestCount)).toBe(true);
  }
});

it('keeps every published count within ±maxNoise of the true one (a small count may fall to 0)', () => {
  for (let n = 1; n <= 40; n++) {
    for (const v of outcomes(n)) expect(v === 0 ? n < p.smallestCount : Math.abs(v - n) <= p.maxNoise).toBe(true);
  }
});

it.each([2, 3, 4])('a small count of %i is sometimes 0 and sometimes at least smallestCount, so neither value pins it', (n) => {
  expect(outcomes(n).has(0)).toBe(true);
  expect([...outcomes(n)].some((v) => v >= p.smallestCount)).toBe(true);
});

it('no published value is consistent with one true count only', () => {
  expect(possibleCounts(0, p)).toEqual([0, 1, 2, 3, 4]);
  for (let v = p.smallestCount; v <= 40; v++) expect(possibleCounts(v, p).length).toBeGreaterThanOrEqual(p.maxNoise + 1);
});

it('is unbiased away from the small counts, with the variance the parameters give', () => {
  for (const n of [6, 10, 100]) {
    const { mean, variance } = noiseMoments(n, p);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan(0.5);
    expect(variance).toBeLessThanOrEqual(p.variance);
  }
});

it('gives the same cell the same value whichever table it is a total of', () => {
  const cells = [
    { key: { DISTRICT: '440103', GENDER: '1' }, value: 3, keySum: 100 },
    { key: { DISTRICT: '440103', GENDER: '2' }, value: 4, keySum: 250 },
  ];
  const byDistrictGender = withTotals(cells, ['DISTRICT', 'GENDER']).find((c) => c.key.DISTRICT === '440103' && c.key.GENDER === undefined)!;
  const byDistrict = { key: { DISTRICT: '440103' }, value: 7, keySum: 350 };
  expect(byDistrictGender.keySum).toBe(byDistrict.keySum);
  expect(perturbCount(byDistrictGender.value, byDistrictGender.keySum!, p)).toBe(perturbCount(byDistrict.value, byDistrict.keySum, p));
});

it('the cell key is the key sum modulo CELL_KEY_MODULUS', () => {
  for (const k of [0, 17, 255]) expect(perturbCount(20, k + 3 * CELL_KEY_MODULUS, p)).toBe(perturbCount(20, k, p));
});

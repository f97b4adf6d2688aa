import { chineseNumeral } from '../chinese-numerals';
import { deriveRandom, Random, streamKey, weighted } from '../random';
import { SlotPermutation } from '../slot-permutation';

describe('Random', () => {
  it('repeats a sequence for the same key and differs for another', () => {
    const draw = (key: number) => Array.from({ length: 5 }, ((r) => () => r.uint32())(new Random(key)));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('gives each stream and index its own key, seeds above 32 bits included', () => {
    const keys = new Set([
      streamKey(1, 'students', 0), streamKey(1, 'students', 1), streamKey(1, 'staff', 0),
      streamKey(2, 'students', 0), streamKey(2 ** 32 + 1, 'students', 0),
    ]);
    expect(keys.size).toBe(5);
  });

  it('draws uniform integers within bounds', () => {
    const random = deriveRandom(1, 'test');
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i += 1) seen.add(random.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('samples weighted choices in proportion', () => {
    const pick = weighted([['a', 9], ['b', 1]]);
    const random = deriveRandom(1, 'weighted');
    let a = 0;
    for (let i = 0; i < 10_000; i += 1) if (pick(random) === 'a') a += 1;
    expect(a / 10_000).toBeCloseTo(0.9, 1);
  });
});

describe('SlotPermutation', () => {
  it.each([1, 2, 17, 365 * 999])('is a bijection on [0, %i)', (size) => {
    const permutation = new SlotPermutation(size, 42);
    const sample = Math.min(size, 20_000);
    const seen = new Set<number>();
    for (let i = 0; i < sample; i += 1) seen.add(permutation.map(i));
    expect(seen.size).toBe(sample);
    expect(Math.max(...seen)).toBeLessThan(size);
  });

  it('refuses numbers outside its range', () => {
    expect(() => new SlotPermutation(10, 1).map(10)).toThrow(RangeError);
  });
});

describe('chineseNumeral', () => {
  it.each([[1, '一'], [10, '十'], [13, '十三'], [20, '二十'], [105, '一百零五'], [113, '一百一十三'], [120, '一百二十']])(
    '%i → %s', (n, text) => expect(chineseNumeral(n)).toBe(text),
  );
});
